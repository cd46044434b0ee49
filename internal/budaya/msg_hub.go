package budaya

// Messages of the national hub and its signed packages. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgRefusedFileNotWhole = Msg{
		id: "Paket ditolak: berkas bukan paket indeks budaya yang utuh (JSON dengan package, public_key, signature).",
		en: "Package refused: the file is not a whole budaya index package (JSON with package, public_key, signature).",
	}
	MsgRefusedSenderPublicKey = Msg{
		id: "Paket ditolak: kunci publik pengirim tidak terbaca (harus 32 byte Ed25519, base64).",
		en: "Package refused: the sender's public key is unreadable (must be 32 bytes of Ed25519, base64).",
	}
	MsgRefusedSignatureUnreadableMustBeBytes = Msg{
		id: "Paket ditolak: tanda tangan tidak terbaca (harus 64 byte Ed25519, base64).",
		en: "Package refused: the signature is unreadable (must be 64 bytes of Ed25519, base64).",
	}
	MsgRefusedSignatureDoesNotMatch = Msg{
		id: "Paket ditolak: tanda tangan tidak cocok dengan isi paket: paket diubah setelah ditandatangani, atau ditandatangani dengan kunci lain. Buat dan kirim ulang paket dari budaya instansi.",
		en: "Package refused: the signature does not match the package: it was changed after signing, or signed with another key. Make and send the package again from the instansi's budaya.",
	}
	MsgRefusedPackageContentUnreadable = Msg{
		id: "Paket ditolak: isi paket tidak terbaca: %v.",
		en: "Package refused: the package content is unreadable: %v.",
	}
	MsgRefusedFormatUnknownHub = Msg{
		id: "Paket ditolak: format %q tidak dikenal; hub ini menerima %q.",
		en: "Package refused: format %q is unknown; this hub accepts %q.",
	}
	MsgRefusedPackageContentNotCanonical = Msg{
		id: "Paket ditolak: isi paket tidak dalam bentuk kanonis (docs/hub.md).",
		en: "Package refused: the package content is not in canonical form (docs/hub.md).",
	}
	MsgSigningKeyFileDamaged = Msg{
		id: "Berkas kunci tanda tangan %s rusak (bukan 32 byte).",
		en: "The signing key file %s is damaged (not 32 bytes).",
	}
	MsgInstansiCodeUpperCase = Msg{
		id: "Kode instansi 2 sampai 32 huruf besar, angka atau tanda hubung, misalnya KEMENPANRB.",
		en: "The instansi code is 2 to 32 upper-case letters, digits or dashes, for example KEMENPANRB.",
	}
	MsgFillInstansiNameMostCharacters = Msg{
		id: "Isi nama instansi (paling banyak 200 karakter).",
		en: "Fill in the instansi's name (at most 200 characters).",
	}
	MsgInstansiKindMustBeOneKementerian = Msg{
		id: "Jenis instansi harus salah satu dari: kementerian, lembaga, provinsi, kabupaten, kota.",
		en: "The instansi kind must be one of: kementerian, lembaga, provinsi, kabupaten, kota.",
	}
	MsgRegionMostCharacters = Msg{
		id: "Wilayah paling banyak 100 karakter.",
		en: "The region is at most 100 characters.",
	}
	MsgPublicKeyMustBeEd25519 = Msg{
		id: "Kunci publik harus kunci Ed25519 dalam base64 (44 karakter), seperti yang ditampilkan oleh budaya hub key di instansi.",
		en: "The public key must be an Ed25519 key in base64 (44 characters), as shown by budaya hub key at the instansi.",
	}
	MsgInstansiPublicKeyAlreadyRegistered = Msg{
		id: "Instansi %q atau kunci publik itu sudah terdaftar.",
		en: "Instansi %q or that public key is already registered.",
	}
	MsgRegisteredInstansiNotFound = Msg{
		id: "Instansi terdaftar tidak ditemukan.",
		en: "Registered instansi not found.",
	}
	MsgPackageReceivedBeforeNotKept = Msg{
		id: "Paket ini sudah diterima sebelumnya; tidak disimpan dua kali.",
		en: "This package was received before; it is not kept twice.",
	}
	MsgServerNotNationalHub = Msg{
		id: "Server ini bukan hub nasional (jalankan budaya serve --hub).",
		en: "This server is not a national hub (run budaya serve --hub).",
	}
	MsgPackageRefusedInstansiNotRegistered = Msg{
		id: "Paket ditolak: instansi %q belum terdaftar di hub ini. Minta admin hub mendaftarkannya dengan kunci publiknya.",
		en: "Package refused: instansi %q is not registered at this hub. Ask the hub admin to register it with its public key.",
	}
	MsgPackageRefusedSignedKey = Msg{
		id: "Paket ditolak: ditandatangani dengan kunci yang tidak terdaftar untuk instansi %q. Daftarkan kunci publik yang ditampilkan budaya hub key di instansi itu.",
		en: "Package refused: signed with a key that is not registered for instansi %q. Register the public key shown by budaya hub key at that instansi.",
	}
	MsgTokenDoesNotBelong = Msg{
		id: "Token ini bukan milik instansi %q; kirim paket dengan token instansi itu sendiri.",
		en: "This token does not belong to instansi %q; send the package with that instansi's own token.",
	}
	MsgPackageUnreadableLargerThanMB = Msg{
		id: "Paket tidak terbaca atau lebih dari 8 MB.",
		en: "The package is unreadable or larger than 8 MB.",
	}
	MsgChoosePackageFileJSON = Msg{
		id: "Pilih berkas paket (.json).",
		en: "Choose a package file (.json).",
	}
	MsgHubPackageMadeOnlyClosed = Msg{
		id: "Paket hub hanya dibuat untuk periode yang sudah ditutup; periode %q belum ditutup.",
		en: "A hub package is made only for a closed period; period %q is not closed.",
	}
	MsgInstansiCodeNameNotSet = Msg{
		id: "Kode dan nama instansi belum diatur. Atur di halaman Hub nasional (/hub/key) atau dengan budaya hub export --instansi-code KODE.",
		en: "The instansi code and name are not set. Set them on the national hub page (/hub/key) or with budaya hub export --instansi-code CODE.",
	}
	MsgPeriodNoInstansiLevel = Msg{
		id: "Periode %q tidak memiliki angka tingkat instansi yang dapat ditampilkan (kurang dari K responden).",
		en: "Period %q has no instansi-level figures that may be shown (fewer than K respondents).",
	}
	MsgNoHubSigningKey = Msg{
		id: "Berkas kunci tanda tangan hub belum diatur (--hub-key-file).",
		en: "No hub signing key file is set (--hub-key-file).",
	}
)
