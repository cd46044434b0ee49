package budaya

// Messages of accounts, sign-in and passwords. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgPasswordMustAlsoContain = Msg{
		id: "Kata sandi harus memuat juga: %s.",
		en: "The password must also contain: %s.",
	}
	MsgPasswordUpperCase    = Msg{id: "huruf besar", en: "an upper-case letter"}
	MsgPasswordLowerCase    = Msg{id: "huruf kecil", en: "a lower-case letter"}
	MsgPasswordDigit        = Msg{id: "angka", en: "a digit"}
	MsgPasswordSymbol       = Msg{id: "simbol", en: "a symbol"}
	MsgServerBusyManyPeople = Msg{
		id: "Server sedang sibuk melayani banyak orang yang masuk bersamaan. Tunggu beberapa detik, lalu coba lagi.",
		en: "The server is busy with many people signing in at once. Wait a few seconds, then try again.",
	}
	MsgUnknownRoleChooseOneAdmin = Msg{
		id: "Peran %q tidak dikenal; pilih salah satu: admin, pimpinan, agen_perubahan, pegawai, auditor.",
		en: "Unknown role %q; choose one of: admin, pimpinan, agen_perubahan, pegawai, auditor.",
	}
	MsgUsernameMustBeCharacters = Msg{
		id: "Nama pengguna harus 3 sampai 64 karakter.",
		en: "The username must be 3 to 64 characters long.",
	}
	MsgUsernameMayHoldOnlyLetters = Msg{
		id: "Nama pengguna hanya boleh berisi huruf, angka, titik, tanda hubung dan garis bawah.",
		en: "The username may hold only letters, digits, dot, dash and underscore.",
	}
	MsgPasswordMustBeLeastCharacters = Msg{
		id: "Kata sandi minimal %d karakter.",
		en: "The password must be at least %d characters long.",
	}
	MsgPasswordMustBeMostCharacters = Msg{
		id: "Kata sandi maksimal 256 karakter.",
		en: "The password must be at most 256 characters long.",
	}
	MsgPasswordMustNotContain = Msg{
		id: "Kata sandi tidak boleh memuat karakter yang sama tiga kali berturut-turut (seperti aaa atau 111).",
		en: "The password must not contain the same character three times in a row (such as aaa or 111).",
	}
	MsgPasswordMustNotContainUsername = Msg{
		id: "Kata sandi tidak boleh memuat nama pengguna.",
		en: "The password must not contain the username.",
	}
	MsgRoleMustBeTied = Msg{
		id: "Peran %s harus dikaitkan dengan sebuah unit; pilih unitnya.",
		en: "The role %s must be tied to a unit; choose the unit.",
	}
	MsgInactiveActivateThemBeforeGranting = Msg{
		id: "%s tidak aktif; aktifkan dahulu sebelum memberi peran.",
		en: "%s is inactive; activate them before granting a role.",
	}
	MsgUnitIDDoesNotExist = Msg{
		id: "Unit (id %d) tidak ditemukan.",
		en: "The unit (id %d) does not exist.",
	}
	MsgUnitClosed = Msg{
		id: "Unit %s %s sudah ditutup.",
		en: "The unit %s %s is closed.",
	}
	MsgLastAdministratorGrantAdmin = Msg{
		id: "Ini admin terakhir; beri peran admin kepada orang lain dahulu.",
		en: "This is the last administrator; grant the admin role to someone else first.",
	}
	MsgRoleNotFound = Msg{
		id: "Peran tidak ditemukan.",
		en: "Role not found.",
	}
	MsgUserNotFound = Msg{
		id: "Pengguna tidak ditemukan.",
		en: "User not found.",
	}
	MsgLinkNotValidUsed = Msg{
		id: "Tautan ini tidak berlaku: sudah dipakai, sudah kedaluwarsa, atau salah salin. Minta tautan baru kepada admin.",
		en: "This link is not valid: it was used already, it expired, or it was copied wrongly. Ask an administrator for a new link.",
	}
	MsgSessionEndedSignAgain = Msg{
		id: "Sesi Anda telah berakhir. Silakan masuk kembali.",
		en: "Your session has ended. Please sign in again.",
	}
	MsgGiveTokenNameCharacters = Msg{
		id: "Beri nama token (1 sampai 100 karakter), misalnya \"laporan-bulanan\".",
		en: "Give the token a name (1 to 100 characters), for example \"monthly-report\".",
	}
	MsgUnknownRevokedAPIToken = Msg{
		id: "Token API tidak dikenal atau sudah dicabut.",
		en: "Unknown or revoked API token.",
	}
	MsgTokenOwnerAccountDisabled = Msg{
		id: "Akun pemilik token dinonaktifkan.",
		en: "The token owner's account is disabled.",
	}
	MsgTokenNotFound = Msg{
		id: "Token tidak ditemukan.",
		en: "Token not found.",
	}
	MsgUsernameAlreadyTaken = Msg{
		id: "Nama pengguna %q sudah dipakai.",
		en: "Username %q is already taken.",
	}
	MsgWrongUsernamePassword = Msg{
		id: "Nama pengguna atau kata sandi salah.",
		en: "Wrong username or password.",
	}
	MsgAccountLockedNowAfterToo = Msg{
		id: "Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi sekitar %d menit lagi (pukul %s UTC) atau hubungi admin.",
		en: "The account is locked for now after too many failed sign-in attempts. Try again in about %d minutes (at %s UTC) or contact an administrator.",
	}
	MsgPasswordUsedBeforeChoose = Msg{
		id: "Kata sandi ini pernah dipakai. Pilih kata sandi yang belum pernah Anda gunakan (%d terakhir).",
		en: "This password was used before. Choose one you have not used (last %d).",
	}
	MsgKioskOnlyAssessmentTasks = Msg{
		id: "Di kios hanya tugas penilaian Anda yang dapat dibuka.",
		en: "At the kiosk only your assessment tasks can be opened.",
	}
	MsgAuthorizationHeaderMustBeBearer = Msg{
		id: "Header Authorization harus berbentuk \"Bearer <token>\".",
		en: "The Authorization header must be \"Bearer <token>\".",
	}
	MsgSignFirstSendPersonal = Msg{
		id: "Masuk dulu, atau kirim token API pribadi sebagai \"Authorization: Bearer <token>\".",
		en: "Sign in first, or send a personal API token as \"Authorization: Bearer <token>\".",
	}
	MsgFormExpiredNotValid = Msg{
		id: "Formulir ini sudah kedaluwarsa atau tidak sah. Muat ulang halaman, lalu kirim lagi.",
		en: "This form has expired or is not valid. Reload the page and submit it again.",
	}
	MsgSignInstansiSSONotFound = Msg{
		id: "Masuk dengan SSO instansi tidak ditemukan.",
		en: "Sign-in with the instansi's SSO not found.",
	}
)
