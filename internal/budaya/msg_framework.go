package budaya

// Messages of the BerAKHLAK framework and the instansi's own values. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgValueCodeMustBeUpper = Msg{
		id: "Kode nilai harus 2 sampai 16 huruf besar atau angka, misalnya JUJUR.",
		en: "The value code must be 2 to 16 upper-case letters or digits, for example JUJUR.",
	}
	MsgValueCodeMayHold = Msg{
		id: "Kode nilai hanya boleh huruf besar A-Z dan angka.",
		en: "The value code may hold only letters A-Z and digits.",
	}
	MsgValueNameRequiredMostCharacters = Msg{
		id: "Nama nilai wajib diisi (maksimal 100 karakter).",
		en: "The value name is required (at most 100 characters).",
	}
	MsgCodeAlreadyUsedVersion = Msg{
		id: "Kode %s sudah dipakai di versi ini.",
		en: "Code %s is already used in this version.",
	}
	MsgChooseLeastOneBerakhlakValue = Msg{
		id: "Pilih minimal satu nilai BerAKHLAK yang dipetakan.",
		en: "Choose at least one BerAKHLAK value to map to.",
	}
	MsgBerakhlakValueDoesNotExist = Msg{
		id: "Nilai BerAKHLAK %q tidak ada.",
		en: "BerAKHLAK value %q does not exist.",
	}
	MsgValueFrameworkNotFound = Msg{
		id: "Kerangka nilai tidak ditemukan.",
		en: "Value framework not found.",
	}
	MsgPublishedVersionFrozenCannotChange = Msg{
		id: "Versi yang sudah diterbitkan dibekukan dan tidak dapat diubah. Buat draf versi baru untuk mengubahnya.",
		en: "A published version is frozen and cannot change. Open a new draft version to make changes.",
	}
	MsgInstansiValueNotFound = Msg{
		id: "Nilai instansi %v tidak ditemukan.",
		en: "Instansi value %v not found.",
	}
	MsgEmployerBrandingRequiredMostCharacters = Msg{
		id: "Employer branding wajib diisi (maksimal 200 karakter).",
		en: "The employer branding is required (at most 200 characters).",
	}
	MsgIDAddressMustBePositive = Msg{
		id: "ID di alamat harus bilangan bulat positif.",
		en: "The ID in the address must be a positive whole number.",
	}
	MsgFormCouldNotBeRead = Msg{
		id: "Formulir tidak dapat dibaca.",
		en: "The form could not be read.",
	}
)
