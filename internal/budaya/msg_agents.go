package budaya

// Messages of change agents, their actions, reports and the checklist. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgChooseChangeAgentUnit = Msg{
		id: "Pilih unit agen perubahan.",
		en: "Choose the change agent's unit.",
	}
	MsgChooseEmployeeAppoint = Msg{
		id: "Pilih pegawai yang diangkat.",
		en: "Choose the employee to appoint.",
	}
	MsgDecreeNumberRequiredMostCharacters = Msg{
		id: "Nomor SK pengangkatan wajib diisi (maksimal 100 karakter), mis. 800/123/SK/2025.",
		en: "The decree number is required (at most 100 characters), e.g. 800/123/SK/2025.",
	}
	MsgEndTermCannotBeBeforeStart = Msg{
		id: "Akhir masa tugas (%s) tidak boleh sebelum awalnya (%s).",
		en: "The end of the term (%s) cannot be before its start (%s).",
	}
	MsgChangeAgentTermMostYears = Msg{
		id: "Masa tugas agen perubahan paling lama 6 tahun.",
		en: "A change agent's term is at most 6 years.",
	}
	MsgDateCannotBeRead = Msg{
		id: "Tanggal %q tidak terbaca; tulis TTTT-BB-HH, mis. 2026-01-31.",
		en: "The date %q cannot be read; write YYYY-MM-DD, e.g. 2026-01-31.",
	}
	MsgChooseActivityCarriedOut = Msg{
		id: "Pilih kegiatan yang dilaksanakan.",
		en: "Choose the activity carried out.",
	}
	MsgDescribeWhatDoneMostCharacters = Msg{
		id: "Uraikan apa yang dilakukan (maksimal 2000 karakter).",
		en: "Describe what was done (at most 2000 characters).",
	}
	MsgMonthNotComeYetMonthly = Msg{
		id: "Bulan %s belum tiba; laporan bulanan dikirim untuk bulan berjalan atau yang sudah lewat (paling akhir %s).",
		en: "The month %s has not come yet; a monthly report is for the current or a past month (%s at the latest).",
	}
	MsgWriteSummaryMonthReport = Msg{
		id: "Tulis ringkasan laporan bulan ini (maksimal 5000 karakter).",
		en: "Write a summary of this month's report (at most 5000 characters).",
	}
	MsgReportMonthMustBeWritten = Msg{
		id: "Bulan laporan %q harus ditulis TTTT-BB, mis. 2026-03.",
		en: "The report month %q must be written YYYY-MM, e.g. 2026-03.",
	}
	MsgMonthLiesOutsideAgent = Msg{
		id: "Bulan %s berada di luar masa tugas agen (%s s.d. %s).",
		en: "The month %s lies outside the agent's term (%s to %s).",
	}
	MsgReportBeenApprovedLeader = Msg{
		id: "Laporan %s sudah disetujui pimpinan; bulan itu ditutup dan tidak menerima versi baru.",
		en: "The %s report has been approved by the leader; that month is closed to new versions.",
	}
	MsgCriterionNameRequiredMostCharacters = Msg{
		id: "Nama kriteria wajib diisi (maksimal 300 karakter).",
		en: "The criterion name is required (at most 300 characters).",
	}
	MsgPointsCriterionMustBeWhole = Msg{
		id: "Poin kriteria harus bilangan bulat 1 sampai 100.",
		en: "The points of a criterion must be a whole number from 1 to 100.",
	}
	MsgUnitNotFound = Msg{
		id: "Unit tidak ditemukan.",
		en: "The unit was not found.",
	}
	MsgEmployeeNotFound = Msg{
		id: "Pegawai tidak ditemukan.",
		en: "The employee was not found.",
	}
	MsgNotActive = Msg{
		id: "%s tidak aktif.",
		en: "%s is not active.",
	}
	MsgAlreadyAppointedChangeAgent = Msg{
		id: "%s sudah diangkat sebagai agen perubahan %s pada masa yang beririsan.",
		en: "%s is already appointed change agent of %s for an overlapping term.",
	}
	MsgChangeAgentNotFound = Msg{
		id: "Agen perubahan tidak ditemukan.",
		en: "Change agent not found.",
	}
	MsgAppointmentAlreadyEnded = Msg{
		id: "Pengangkatan ini sudah diakhiri.",
		en: "This appointment has already ended.",
	}
	MsgDateLiesOutsideAgent = Msg{
		id: "Tanggal %s berada di luar masa tugas agen (%s s.d. %s).",
		en: "The date %s lies outside the agent's term (%s to %s).",
	}
	MsgActivityNotFound = Msg{
		id: "Kegiatan tidak ditemukan.",
		en: "The activity was not found.",
	}
	MsgActivityNotOwnedAgent = Msg{
		id: "Kegiatan ini bukan milik unit %s; agen hanya mencatat kegiatan unitnya.",
		en: "This activity is not owned by %s; an agent records only their unit's activities.",
	}
	MsgSayWhatNeedsFixing = Msg{
		id: "Tulis apa yang perlu diperbaiki saat mengembalikan laporan.",
		en: "Say what needs fixing when returning a report.",
	}
	MsgCommentMostCharacters = Msg{
		id: "Komentar maksimal 2000 karakter.",
		en: "The comment is at most 2000 characters.",
	}
	MsgReportBeenDecidedWait = Msg{
		id: "Laporan ini sudah diputuskan; tunggu agen mengirim ulang.",
		en: "This report has been decided; wait for the agent to submit it again.",
	}
	MsgAgentReportNotFound = Msg{
		id: "Laporan agen tidak ditemukan.",
		en: "Agent report not found.",
	}
	MsgCriterionCodeAlreadyUsed = Msg{
		id: "Kode kriteria %s sudah dipakai.",
		en: "Criterion code %s is already used.",
	}
	MsgCriterionNotFound = Msg{
		id: "Kriteria tidak ditemukan.",
		en: "Criterion not found.",
	}
	MsgPeriodNameRequiredMostCharactersSemester = Msg{
		id: "Nama periode wajib diisi (maksimal 100 karakter), mis. Semester I 2026.",
		en: "The period name is required (at most 100 characters), e.g. Semester I 2026.",
	}
	MsgEndPeriodCannotBeBeforeStart = Msg{
		id: "Akhir periode tidak boleh sebelum awalnya.",
		en: "The end of the period cannot be before its start.",
	}
	MsgPeriodAlreadyExists = Msg{
		id: "Periode %q sudah ada.",
		en: "Period %q already exists.",
	}
	MsgNoteMostCharacters = Msg{
		id: "Keterangan maksimal 2000 karakter.",
		en: "The note is at most 2000 characters.",
	}
	MsgAttachEvidenceWriteNote = Msg{
		id: "Lampirkan bukti dukung atau tulis keterangan pemenuhan kriteria.",
		en: "Attach evidence or write a note on how the criterion is met.",
	}
	MsgPeriodNotFound = Msg{
		id: "Periode tidak ditemukan.",
		en: "The period was not found.",
	}
	MsgCriterionNotFoundRetired = Msg{
		id: "Kriteria tidak ditemukan atau tidak aktif.",
		en: "The criterion was not found or is retired.",
	}
	MsgCriterionAlreadyBeenAccepted = Msg{
		id: "Kriteria ini sudah diterima verifikator untuk periode ini.",
		en: "This criterion has already been accepted for this period.",
	}
	MsgGiveReasonRejectingUnit = Msg{
		id: "Tulis alasan penolakan agar unit dapat memperbaikinya.",
		en: "Give the reason for rejecting, so that the unit can fix it.",
	}
	MsgReportDoesNotExist = Msg{
		id: "Laporan ini tidak ada atau sudah diverifikasi.",
		en: "This report does not exist or has already been verified.",
	}
	MsgEnterNIPEmployeeAppoint = Msg{
		id: "Isi NIP pegawai yang diangkat.",
		en: "Enter the NIP of the employee to appoint.",
	}
	MsgNoEmployeeNIP = Msg{
		id: "Tidak ada pegawai dengan NIP %q.",
		en: "No employee has NIP %q.",
	}
	MsgChooseApproveReturn = Msg{
		id: "Pilih setujui atau kembalikan.",
		en: "Choose approve or return.",
	}
	MsgChooseReportingUnit = Msg{
		id: "Pilih unit yang melapor.",
		en: "Choose the reporting unit.",
	}
	MsgMayReportOnlyUnit = Msg{
		id: "Anda hanya dapat melapor untuk unit tempat Anda menjadi agen perubahan atau pimpinan.",
		en: "You may report only for a unit where you are change agent or leader.",
	}
	MsgChooseAcceptReject = Msg{
		id: "Pilih terima atau tolak.",
		en: "Choose accept or reject.",
	}
)
