package budaya

// Messages of the roadmap, its programmes, activities and budget. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgAmountNegativeEnterMore = Msg{
		id: "Jumlah %q negatif; isi jumlah rupiah 0 atau lebih.",
		en: "The amount %q is negative; enter 0 or more rupiah.",
	}
	MsgAmountDecimalsEnterWhole = Msg{
		id: "Jumlah %q memuat desimal; isi rupiah bulat tanpa sen, mis. 1.250.000.",
		en: "The amount %q has decimals; enter whole rupiah without cents, e.g. 1.250.000.",
	}
	MsgAmountCannotBeRead = Msg{
		id: "Jumlah %q tidak terbaca: titik hanya pemisah ribuan (1.250.000) dan desimal tidak diterima.",
		en: "The amount %q cannot be read: the dot only separates thousands (1.250.000) and decimals are not accepted.",
	}
	MsgAmountMayHoldOnlyDigits = Msg{
		id: "Jumlah %q hanya boleh berisi angka, titik ribuan dan awalan Rp.",
		en: "The amount %q may hold only digits, thousands dots and an Rp prefix.",
	}
	MsgAmountHoldsNoDigits = Msg{
		id: "Jumlah %q tidak memuat angka.",
		en: "The amount %q holds no digits.",
	}
	MsgAmountTooLargeMostRp = Msg{
		id: "Jumlah %q terlalu besar (maksimal Rp 1.000.000.000.000.000); periksa jumlah nolnya.",
		en: "The amount %q is too large (at most Rp 1,000,000,000,000,000); check the number of zeros.",
	}
	MsgQuarterRangeWrongWay = Msg{
		id: "Rentang triwulan %q terbalik: awal harus sebelum akhir.",
		en: "The quarter range %q is the wrong way round: the start must come before the end.",
	}
	MsgEnterLeastOneQuarter = Msg{
		id: "Isi minimal satu triwulan pelaksanaan, mis. 2025Q1-2025Q4.",
		en: "Enter at least one quarter when the activity runs, e.g. 2025Q1-2025Q4.",
	}
	MsgQuarterCannotBeRead = Msg{
		id: "Triwulan %q tidak terbaca; tulis seperti 2025Q1, rentang 2025Q1-2025Q4, atau tahun 2026.",
		en: "The quarter %q cannot be read; write it like 2025Q1, a range 2025Q1-2025Q4, or a year 2026.",
	}
	MsgYearQuarterMustBeBetween = Msg{
		id: "Tahun pada triwulan %q harus antara 2000 dan 2100.",
		en: "The year in quarter %q must be between 2000 and 2100.",
	}
	MsgQuarterQuarterNumberMustBe = Msg{
		id: "Triwulan %q: nomor triwulan harus 1 sampai 4.",
		en: "Quarter %q: the quarter number must be 1 to 4.",
	}
	MsgRoadmapNameRequiredMostCharacters = Msg{
		id: "Nama roadmap wajib diisi (maksimal 200 karakter).",
		en: "The roadmap name is required (at most 200 characters).",
	}
	MsgStartEndYearsMustBeBetween = Msg{
		id: "Tahun awal dan akhir roadmap harus antara 2000 dan 2100.",
		en: "The start and end years must be between 2000 and 2100.",
	}
	MsgEndYearCannotBeBeforeStart = Msg{
		id: "Tahun akhir (%d) tidak boleh sebelum tahun awal (%d).",
		en: "The end year (%d) cannot be before the start year (%d).",
	}
	MsgRoadmapSpansMostYears = Msg{
		id: "Roadmap paling lama 15 tahun.",
		en: "A roadmap spans at most 15 years.",
	}
	MsgEveryPhaseNeedsName = Msg{
		id: "Setiap tahap perlu nama.",
		en: "Every phase needs a name.",
	}
	MsgPhaseEndYearBeforeStart = Msg{
		id: "Tahap %q: tahun akhir sebelum tahun awal.",
		en: "Phase %q: the end year is before the start year.",
	}
	MsgPhaseLiesOutsideRoadmap = Msg{
		id: "Tahap %q (%d-%d) berada di luar rentang roadmap %d-%d.",
		en: "Phase %q (%d-%d) lies outside the roadmap span %d-%d.",
	}
	MsgProgrammeNameRequiredMostCharacters = Msg{
		id: "Nama program wajib diisi (maksimal 200 karakter).",
		en: "The programme name is required (at most 200 characters).",
	}
	MsgCodeRequiredMostCharacters = Msg{
		id: "Kode wajib diisi (maksimal 32 karakter), mis. P1 atau P1.3.",
		en: "The code is required (at most 32 characters), e.g. P1 or P1.3.",
	}
	MsgCodeMayHoldOnlyLetters = Msg{
		id: "Kode %q hanya boleh huruf, angka, titik, tanda hubung dan garis bawah.",
		en: "The code %q may hold only letters, digits, dot, dash and underscore.",
	}
	MsgActivityNameRequiredMostCharacters = Msg{
		id: "Nama kegiatan wajib diisi (maksimal 300 karakter).",
		en: "The activity name is required (at most 300 characters).",
	}
	MsgUnknownStatusChoosePlanned = Msg{
		id: "Status %q tidak dikenal; pilih planned, running, done atau cancelled.",
		en: "Unknown status %q; choose planned, running, done or cancelled.",
	}
	MsgChooseUnitOwnsActivity = Msg{
		id: "Pilih unit pemilik kegiatan.",
		en: "Choose the unit that owns the activity.",
	}
	MsgQuarterLiesOutsideRoadmap = Msg{
		id: "Triwulan %s berada di luar rentang roadmap %d-%d.",
		en: "Quarter %s lies outside the roadmap span %d-%d.",
	}
	MsgValueNotFrameworkVersion = Msg{
		id: "Nilai %q tidak ada di kerangka nilai versi %d.",
		en: "Value %q is not in framework version %d.",
	}
	MsgBehaviourNotFrameworkVersion = Msg{
		id: "Perilaku %q tidak ada di kerangka nilai versi %d.",
		en: "Behaviour %q is not in framework version %d.",
	}
	MsgMustBeWholeNumber = Msg{
		id: "%q harus bilangan bulat 0 atau lebih (target dan realisasi indikator).",
		en: "%q must be a whole number of 0 or more (indicator target and realisation).",
	}
	MsgFiscalYearMustBeFour = Msg{
		id: "Tahun anggaran %q harus tahun empat angka, mis. 2026.",
		en: "The fiscal year %q must be a four-digit year, e.g. 2026.",
	}
	MsgFiscalYearLiesOutside = Msg{
		id: "Tahun anggaran %d berada di luar rentang roadmap %d-%d.",
		en: "Fiscal year %d lies outside the roadmap span %d-%d.",
	}
	MsgCeilingRequiredRupiahRp = Msg{
		id: "Pagu wajib diisi dalam rupiah, mis. Rp 25.000.000.",
		en: "The ceiling is required in rupiah, e.g. Rp 25.000.000.",
	}
	MsgUnknownFundingSourceChoose = Msg{
		id: "Sumber dana %q tidak dikenal; pilih %s.",
		en: "Unknown funding source %q; choose %s.",
	}
	MsgAccountCodeMustBeDigits = Msg{
		id: "Kode akun %q harus 6 angka (mis. 521211), boleh diawali kode anggaran bertitik (4471.QDB.001.051.A.521211).",
		en: "The account code %q must be 6 digits (e.g. 521211), optionally preceded by dotted budget segments (4471.QDB.001.051.A.521211).",
	}
	MsgFileNotReadableXLSX = Msg{
		id: "Berkas bukan XLSX yang dapat dibaca; simpan ulang sebagai Excel Workbook (.xlsx).",
		en: "The file is not a readable XLSX; save it again as an Excel Workbook (.xlsx).",
	}
	MsgFileHoldsMoreThanRows = Msg{
		id: "Berkas memuat lebih dari %d baris; bagi menjadi beberapa berkas.",
		en: "The file holds more than %d rows; split it into several files.",
	}
	MsgFileEmpty = Msg{
		id: "Berkas kosong.",
		en: "The file is empty.",
	}
	MsgHeaderRowLacksColumns = Msg{
		id: "Baris judul tidak memuat kolom %s. Pakai tata letak hasil unduhan roadmap.",
		en: "The header row lacks the columns %s. Use the layout of a downloaded roadmap.",
	}
	MsgRoadmapNotFound = Msg{
		id: "Roadmap tidak ditemukan.",
		en: "Roadmap not found.",
	}
	MsgProgrammeCodeAlreadyUsed = Msg{
		id: "Kode program %s sudah dipakai di roadmap ini.",
		en: "Programme code %s is already used in this roadmap.",
	}
	MsgActivityProgrammeNotFound = Msg{
		id: "Program kegiatan tidak ditemukan; pilih program yang ada.",
		en: "The activity's programme was not found; choose an existing one.",
	}
	MsgOwnerUnitNotFound = Msg{
		id: "Unit pemilik tidak ditemukan.",
		en: "The owner unit was not found.",
	}
	MsgUnitClosedActivityMustBeOwned = Msg{
		id: "Unit %s %s sudah ditutup; kegiatan harus dimiliki unit yang masih aktif.",
		en: "Unit %s %s is closed; an activity must be owned by an open unit.",
	}
	MsgNoLongerActiveChoose = Msg{
		id: "%s tidak lagi aktif; pilih penanggung jawab lain.",
		en: "%s is no longer active; choose another person in charge.",
	}
	MsgActivityCodeAlreadyUsed = Msg{
		id: "Kode kegiatan %s sudah dipakai di program ini.",
		en: "Activity code %s is already used in this programme.",
	}
	MsgActivityChangeAgentRecords = Msg{
		id: "Kegiatan ini sudah memiliki %d catatan agen perubahan; ubah statusnya menjadi dibatalkan alih-alih menghapusnya.",
		en: "This activity has %d change-agent records; set its status to cancelled instead of deleting it.",
	}
	MsgBudgetLineNotFound = Msg{
		id: "Baris anggaran tidak ditemukan.",
		en: "Budget line not found.",
	}
	MsgActivityAlreadyBudgetLine = Msg{
		id: "Kegiatan ini sudah punya baris anggaran %d untuk akun %s dari sumber %s; ubah baris itu.",
		en: "This activity already has a %d budget line for account %s from source %s; change that line.",
	}
	MsgFiscalYearMustBeFourDigit = Msg{
		id: "Tahun anggaran harus tahun empat angka antara 2000 dan 2100, mis. ?year=2026.",
		en: "The fiscal year must be a four-digit year between 2000 and 2100, e.g. ?year=2026.",
	}
	MsgRowsProblemsNothingSaved = Msg{
		id: "%d baris bermasalah; tidak ada yang disimpan. Perbaiki lalu unggah lagi.",
		en: "%d rows have problems; nothing was saved. Fix them and upload again.",
	}
	MsgProgrammeCodeEmpty = Msg{
		id: "Kode program kosong.",
		en: "The programme code is empty.",
	}
	MsgPersonChargeDoesNotExist = Msg{
		id: "Penanggung jawab %q tidak ada atau tidak aktif.",
		en: "The person in charge %q does not exist or is inactive.",
	}
	MsgActivityAlreadyExistsProgramme = Msg{
		id: "Kegiatan %s sudah ada di program %s.",
		en: "Activity %s already exists in programme %s.",
	}
	MsgBudgetLineAccountAppears = Msg{
		id: "Baris anggaran %d akun %s (%s) muncul dua kali untuk kegiatan %s.",
		en: "The %d budget line on account %s (%s) appears twice for activity %s.",
	}
	MsgParameterMustBePositive = Msg{
		id: "Parameter %s harus bilangan bulat positif.",
		en: "The parameter %s must be a positive whole number.",
	}
	MsgTargetRealisationCannotBeNegative = Msg{
		id: "Target dan realisasi tidak boleh negatif.",
		en: "Target and realisation cannot be negative.",
	}
	MsgUnknownFormatChooseXLSX = Msg{
		id: "Format %q tidak dikenal; pilih xlsx atau pdf.",
		en: "Unknown format %q; choose xlsx or pdf.",
	}
	MsgPlaceSigningMostCharacters = Msg{
		id: "Tempat penandatanganan maksimal 100 karakter.",
		en: "The place of signing is at most 100 characters.",
	}
	MsgNoEmployeeNIPSign = Msg{
		id: "Tidak ada pegawai dengan NIP %q untuk menandatangani usulan.",
		en: "No employee has NIP %q to sign the proposal.",
	}
	MsgFiscalYearMustBeFourDigitYear = Msg{
		id: "Tahun anggaran %q harus tahun empat angka antara 2000 dan 2100, mis. ?year=2026.",
		en: "The fiscal year %q must be a four-digit year between 2000 and 2100, e.g. ?year=2026.",
	}
	MsgUnknownUploadUploadFile = Msg{
		id: "Unggahan tidak dikenal; unggah berkasnya lagi.",
		en: "Unknown upload; upload the file again.",
	}
	MsgUploadExpiredAppliedUpload = Msg{
		id: "Unggahan sudah kedaluwarsa atau sudah diterapkan; unggah berkasnya lagi.",
		en: "The upload has expired or was applied; upload the file again.",
	}
	MsgChooseRoadmapXLSXFile = Msg{
		id: "Pilih berkas XLSX roadmap untuk diunggah.",
		en: "Choose a roadmap XLSX file to upload.",
	}
	MsgFileLargerThanMB = Msg{
		id: "Berkas lebih dari 10 MB.",
		en: "The file is larger than 10 MB.",
	}
)
