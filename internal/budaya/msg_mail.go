package budaya

// Messages of mail and reminder rounds. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgReminderScheduleNotValid = Msg{
		id: "Jadwal pengingat %q tidak sah: tulis jumlah hari sebelum tenggat, 0 sampai %d, dipisah koma (misalnya 7,3,1).",
		en: "The reminder schedule %q is not valid: write days before the due date, 0 to %d, separated by commas (for example 7,3,1).",
	}
	MsgRemindersOnlyOpenPeriod = Msg{
		id: "Pengingat hanya untuk periode yang terbuka dan tugasnya sudah dibuat.",
		en: "Reminders are only for an open period whose tasks have been made.",
	}
	MsgSMTPURLMustLook = Msg{
		id: "--smtp-url harus berbentuk smtp://pengguna:sandi@host:port?tls=starttls|tls|none.",
		en: "--smtp-url must look like smtp://user:pass@host:port?tls=starttls|tls|none.",
	}
	MsgTLSSMTPURLUnknown = Msg{
		id: "tls=%q di --smtp-url tidak dikenal; pilih starttls, tls atau none.",
		en: "tls=%q in --smtp-url is unknown; choose starttls, tls or none.",
	}
	MsgPortSMTPURLNotValid = Msg{
		id: "Port %q di --smtp-url tidak sah.",
		en: "The port %q in --smtp-url is not valid.",
	}
	MsgSetMailFromBUDAYA = Msg{
		id: "Isi --mail-from (BUDAYA_MAIL_FROM), alamat pengirim surat, misalnya \"Budaya <budaya@instansi.go.id>\".",
		en: "Set --mail-from (BUDAYA_MAIL_FROM), the sender's address, for example \"Budaya <budaya@instansi.go.id>\".",
	}
	MsgMailFromNotValid = Msg{
		id: "--mail-from %q bukan alamat surel yang sah.",
		en: "--mail-from %q is not a valid e-mail address.",
	}
	MsgRecipientAddressEmpty = Msg{
		id: "Alamat penerima surat kosong.",
		en: "The recipient's address is empty.",
	}
	MsgOnlyFailedMailCanBeSent = Msg{
		id: "Hanya surat yang gagal yang dapat dikirim ulang.",
		en: "Only failed mail can be sent again.",
	}
	MsgMailNotFound = Msg{
		id: "Surat tidak ditemukan.",
		en: "Mail not found.",
	}
	MsgLanguageMustBeID = Msg{
		id: "Bahasa harus id atau en.",
		en: "The language must be id or en.",
	}
	MsgSessionCancelledCannotChange = Msg{
		id: "Sesi %q sudah dibatalkan; tidak dapat diubah lagi.",
		en: "The session %q was cancelled; it cannot change any more.",
	}
	MsgReasonCancellingMostCharacters = Msg{
		id: "Alasan pembatalan maksimal 500 karakter.",
		en: "The reason for cancelling is at most 500 characters.",
	}
	MsgAccountNotFound = Msg{
		id: "Akun tidak ditemukan.",
		en: "Account not found.",
	}
)
