package budaya

// Messages of privacy requests and retention. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgRequestKindNotKnown = Msg{
		id: "Jenis permintaan %q tidak dikenal.",
		en: "Request kind %q is not known.",
	}
	MsgFillRequesterName = Msg{
		id: "Isi nama pemohon.",
		en: "Fill in the requester's name.",
	}
	MsgNameMayMostCharactersDetail = Msg{
		id: "Nama paling banyak 200 huruf dan uraian 4000 huruf.",
		en: "The name may have at most 200 characters and the detail 4000.",
	}
	MsgDateReceivedCannotBeFuture = Msg{
		id: "Tanggal diterima tidak boleh di masa depan.",
		en: "The date received cannot be in the future.",
	}
	MsgWriteAnswerGivenRequester = Msg{
		id: "Tuliskan jawaban yang diberikan kepada pemohon.",
		en: "Write the answer given to the requester.",
	}
	MsgAnswerMayMostCharacters = Msg{
		id: "Jawaban paling banyak 8000 huruf.",
		en: "The answer may have at most 8000 characters.",
	}
	MsgDataSubjectRequestNotFound = Msg{
		id: "Permintaan subjek data tidak ditemukan.",
		en: "Data-subject request not found.",
	}
	MsgRequestBeenAnsweredAlready = Msg{
		id: "Permintaan ini sudah dijawab.",
		en: "This request has been answered already.",
	}
	MsgWriteReasonRestriction = Msg{
		id: "Tuliskan alasan pembatasan.",
		en: "Write the reason for the restriction.",
	}
	MsgReasonMayMostCharacters2 = Msg{
		id: "Alasan paling banyak 2000 huruf.",
		en: "The reason may have at most 2000 characters.",
	}
	MsgProcessingEmployeeDataRestricted = Msg{
		id: "Pemrosesan data pegawai ini sudah dibatasi.",
		en: "Processing of this employee's data is restricted already.",
	}
	MsgProcessingRestrictionNotFound = Msg{
		id: "Pembatasan pemrosesan tidak ditemukan.",
		en: "Processing restriction not found.",
	}
	MsgRestrictionBeenLiftedAlready = Msg{
		id: "Pembatasan ini sudah dicabut.",
		en: "This restriction has been lifted already.",
	}
	MsgProcessingColleagueDataRestricted = Msg{
		id: "Pemrosesan data rekan ini sedang dibatasi atas permintaannya (UU PDP); pilih rekan lain.",
		en: "Processing of this colleague's data is restricted at their request (UU PDP); choose another colleague.",
	}
	MsgRetentionMustBeKept = Msg{
		id: "Masa simpan %s harus 0 (disimpan) atau %d sampai %d hari.",
		en: "The retention of %s must be 0 (kept) or %d to %d days.",
	}
	MsgRetentionPeriodCannotBeNegative = Msg{
		id: "Masa simpan tidak boleh negatif.",
		en: "The retention period cannot be negative.",
	}
	MsgDataKindNotKnown = Msg{
		id: "Jenis data %q tidak dikenal.",
		en: "Data kind %q is not known.",
	}
	MsgDateReceivedMustBeDate = Msg{
		id: "Tanggal diterima harus berbentuk tanggal dan jam.",
		en: "The date received must be a date and time.",
	}
	MsgRequestFileNotFound = Msg{
		id: "Berkas permintaan tidak ditemukan.",
		en: "Request file not found.",
	}
	MsgFillEmployeeNIPIdentifier = Msg{
		id: "Isi NIP atau nomor identitas pegawai.",
		en: "Fill in the employee's NIP or identifier.",
	}
	MsgRequestNumberMustBePositive = Msg{
		id: "Nomor permintaan harus bilangan bulat positif.",
		en: "The request number must be a positive whole number.",
	}
	MsgRetentionPeriodMustBeWhole = Msg{
		id: "Masa simpan harus bilangan bulat hari.",
		en: "The retention period must be a whole number of days.",
	}
)
