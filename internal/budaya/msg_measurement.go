package budaya

// Messages of measurement: periods, tasks, answers and the 360 report. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgPeriodNameRequiredMostCharacters = Msg{
		id: "Nama periode wajib diisi (maksimal 120 karakter).",
		en: "The period name is required (at most 120 characters).",
	}
	MsgEnterStartEndDate = Msg{
		id: "Isi tanggal mulai dan tanggal selesai.",
		en: "Enter the start and the end date.",
	}
	MsgEndDateMustBeAfterStart = Msg{
		id: "Tanggal selesai harus sesudah tanggal mulai.",
		en: "The end date must be after the start date.",
	}
	MsgChooseLeastOneInstrument = Msg{
		id: "Pilih minimal satu instrumen: survei budaya atau penilaian 360.",
		en: "Choose at least one instrument: culture survey or 360 assessment.",
	}
	MsgAnonymityThresholdKMustBeGot = Msg{
		id: "Ambang anonimitas K harus 3 sampai 10; %d diberikan.",
		en: "The anonymity threshold K must be 3 to 10; got %d.",
	}
	MsgNumberPeerRatersMustBeGot = Msg{
		id: "Jumlah rekan kerja penilai harus 0 sampai 10; %d diberikan.",
		en: "The number of peer raters must be 0 to 10; got %d.",
	}
	MsgChooseLeastOneParticipating = Msg{
		id: "Pilih minimal satu unit yang ikut serta.",
		en: "Choose at least one participating unit.",
	}
	MsgBehaviourNotFrameworkPeriod = Msg{
		id: "Perilaku %q tidak ada di kerangka nilai periode ini.",
		en: "Behaviour %q is not in the framework of this period.",
	}
	MsgBehaviourAnsweredTwice = Msg{
		id: "Perilaku %s dijawab dua kali.",
		en: "Behaviour %s is answered twice.",
	}
	MsgScoreMustBeGot = Msg{
		id: "Nilai untuk %s harus 1 sampai 5; %d diberikan.",
		en: "The score for %s must be 1 to 5; got %d.",
	}
	MsgCommentMustBeMostCharacters = Msg{
		id: "Komentar untuk %s maksimal %d karakter.",
		en: "The comment on %s must be at most %d characters.",
	}
	MsgAllBehavioursMustBeRated = Msg{
		id: "Semua %d perilaku harus dinilai sebelum dikirim; belum dijawab: %s.",
		en: "All %d behaviours must be rated before submitting; not yet answered: %s.",
	}
	MsgRateLeastOneBehaviour = Msg{
		id: "Minimal satu perilaku harus dinilai; semua dijawab \"tidak dapat menilai\".",
		en: "Rate at least one behaviour; every one is answered \"cannot rate\".",
	}
	MsgNoBallotKeyFile = Msg{
		id: "Berkas kunci surat suara belum diatur; jawaban anonim tidak dapat disimpan atau dibuka. Atur --ballot-key-file atau BUDAYA_BALLOT_KEY_FILE.",
		en: "No ballot key file is set; anonymous answers cannot be stored or opened. Set --ballot-key-file or BUDAYA_BALLOT_KEY_FILE.",
	}
	MsgBallotKeyFileMissing = Msg{
		id: "Berkas kunci surat suara %s tidak ada, padahal basis data menyimpan jawaban tersegel. Pulihkan berkas kunci dari cadangannya (kunci tidak pernah ada di berkas cadangan basis data); tanpa kunci itu jawaban periode yang masih terbuka tidak dapat dibuka.",
		en: "The ballot key file %s is missing while the database holds sealed answers. Restore the key file from its own backup (the key is never in a database backup); without it the answers of a still-open period cannot be opened.",
	}
	MsgSealedAnswersCannotBeOpened = Msg{
		id: "Jawaban tersegel tidak dapat dibuka dengan berkas kunci surat suara saat ini (kunci lain atau data rusak). Pasang kembali berkas kunci yang dipakai saat jawaban dikirim.",
		en: "The sealed answers cannot be opened with the current ballot key file (another key, or damaged data). Put back the key file that was in use when the answers were sent.",
	}
	MsgBallotKeyFileMustHold = Msg{
		id: "Berkas kunci surat suara %s harus berisi tepat %d bita; isinya %d bita.",
		en: "The ballot key file %s must hold exactly %d bytes; it holds %d.",
	}
	MsgFrameworkVersionDoesNotExist = Msg{
		id: "Versi kerangka nilai %d tidak ada.",
		en: "Framework version %d does not exist.",
	}
	MsgPeriodCanOnlyUse = Msg{
		id: "Periode hanya dapat memakai versi kerangka nilai yang sudah diterbitkan.",
		en: "A period can only use a published framework version.",
	}
	MsgPeriodBeenOpenedBefore = Msg{
		id: "Periode ini sudah dibuka sebelumnya.",
		en: "This period has been opened before.",
	}
	MsgParticipatingUnitsNoActive = Msg{
		id: "Unit yang ikut serta tidak memiliki pegawai aktif; periode tidak dapat dibuka.",
		en: "The participating units have no active staff; the period cannot be opened.",
	}
	MsgPeriodNotOpenYet = Msg{
		id: "Periode belum dibuka.",
		en: "The period is not open yet.",
	}
	MsgPeriodActionOnlyPeriod = Msg{
		id: "Periode berstatus %s; tindakan ini hanya untuk periode berstatus %s.",
		en: "The period is %s; this action is only for a period that is %s.",
	}
	MsgAssessmentTaskNotFound = Msg{
		id: "Tugas penilaian tidak ditemukan.",
		en: "Assessment task not found.",
	}
	MsgTaskBelongsSomeoneElse = Msg{
		id: "Tugas ini milik orang lain; Anda hanya dapat membuka dan menjawab tugas Anda sendiri.",
		en: "This task belongs to someone else; you can only open and answer your own tasks.",
	}
	MsgPeriodClosedAnswersNoLonger = Msg{
		id: "Periode %q sudah ditutup; jawaban tidak diterima lagi.",
		en: "Period %q is closed; answers are no longer accepted.",
	}
	MsgTaskAlreadySubmittedUTC = Msg{
		id: "Tugas ini sudah dikirim (%s UTC); jawaban hanya dapat dikirim sekali.",
		en: "This task was already submitted (%s UTC); answers can be submitted only once.",
	}
	MsgSubmissionKeyMustBeMostCharacters = Msg{
		id: "Kunci pengiriman maksimal %d karakter.",
		en: "The submission key must be at most %d characters.",
	}
	MsgEmployeePeriodNotFound = Msg{
		id: "Pegawai dalam periode ini tidak ditemukan.",
		en: "Employee in this period not found.",
	}
	MsgPeriodNo360Assessment = Msg{
		id: "Periode %q tidak memuat penilaian 360.",
		en: "Period %q has no 360 assessment.",
	}
	MsgOnlyDraftPeriodCanBeEdited = Msg{
		id: "Hanya periode berstatus draf yang dapat diubah atau dihapus; periode ini sudah dibuka.",
		en: "Only a draft period can be edited or deleted; this period has been opened.",
	}
	MsgUnitDoesNotExist = Msg{
		id: "Unit %d tidak ada atau sudah ditutup.",
		en: "Unit %d does not exist or is closed.",
	}
	MsgPeriodStillOpenSome = Msg{
		id: "Periode %s masih terbuka untuk sebagian unit yang sama; pegawainya akan mendapat dua survei sekaligus. Tutup periode itu dulu, atau centang konfirmasi untuk tetap membuka.",
		en: "Period %s is still open for some of the same units; their staff would get two surveys at once. Close that period first, or tick the confirmation to open anyway.",
	}
	MsgScoreMustBeNumber = Msg{
		id: "Nilai untuk %s harus angka 1 sampai 5.",
		en: "The score for %s must be a number from 1 to 5.",
	}
	MsgDateNotUnderstoodUse = Msg{
		id: "Tanggal %q tidak dikenali; pakai format TTTT-BB-HH.",
		en: "Date %q not understood; use the format YYYY-MM-DD.",
	}
	Msg360ReportCanBeRead = Msg{
		id: "Laporan 360 hanya dapat dibaca oleh pegawai yang bersangkutan, atasannya, dan admin.",
		en: "A 360 report can be read only by the employee, their line managers, and admins.",
	}
	MsgNamePeriodPeriodID = Msg{
		id: "Sebutkan periode: ?period=ID.",
		en: "Name the period: ?period=ID.",
	}
)
