package budaya

// Messages of alignment sessions, pledges and commitments. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgSessionTitleRequiredMostCharacters = Msg{
		id: "Judul sesi wajib diisi (maksimal 200 karakter).",
		en: "The session title is required (at most 200 characters).",
	}
	MsgEnterDateTimeSession = Msg{
		id: "Isi tanggal dan jam mulai sesi.",
		en: "Enter the date and time the session starts.",
	}
	MsgEndTimeMustBeAfterStart = Msg{
		id: "Jam selesai harus sesudah jam mulai.",
		en: "The end time must be after the start time.",
	}
	MsgSessionLastsMostDays = Msg{
		id: "Sesi paling lama 3 hari; periksa tanggal selesai.",
		en: "A session lasts at most 3 days; check the end date.",
	}
	MsgEnterPlaceOnlineLink = Msg{
		id: "Isi tempat pelaksanaan atau tautan daring (atau keduanya).",
		en: "Enter the place or the online link (or both).",
	}
	MsgOnlineLinkMustBeFull = Msg{
		id: "Tautan daring harus alamat web lengkap, misalnya https://zoom.us/j/123.",
		en: "The online link must be a full web address, for example https://zoom.us/j/123.",
	}
	MsgPlaceMayBeMostFacilitator = Msg{
		id: "Tempat paling panjang 300, fasilitator 200, dan agenda 5000 karakter.",
		en: "The place may be at most 300, the facilitator 200 and the agenda 5000 characters long.",
	}
	MsgPledgeTextMayBeMostCharacters = Msg{
		id: "Teks pakta komitmen paling panjang 10000 karakter.",
		en: "The pledge text may be at most 10000 characters long.",
	}
	MsgPledgeTextMustContain = Msg{
		id: "Teks pakta komitmen harus memuat {nama} dan {unit} agar jelas siapa berkomitmen untuk unit mana.",
		en: "The pledge text must contain {nama} and {unit} so that it says who commits for which unit.",
	}
	MsgUnknownPlaceholderUseNama = Msg{
		id: "Penanda %s tidak dikenal; pakai {nama}, {jabatan}, {unit}, {tanggal} atau {nilai}.",
		en: "Unknown placeholder %s; use {nama}, {jabatan}, {unit}, {tanggal} or {nilai}.",
	}
	MsgKindMustBePlt = Msg{
		id: "Jenis penugasan harus Plt. atau Plh.",
		en: "The kind must be Plt. or Plh.",
	}
	MsgChooseUnitActingEmployee = Msg{
		id: "Pilih unit dan pegawai yang ditugaskan.",
		en: "Choose the unit and the acting employee.",
	}
	MsgNumberDecreeRequiredMostCharacters = Msg{
		id: "Nomor surat perintah/keputusan penugasan wajib diisi (maksimal 100 karakter).",
		en: "The number of the decree is required (at most 100 characters).",
	}
	MsgEnterStartEndDates = Msg{
		id: "Isi tanggal mulai dan selesai penugasan; tanggal selesai tidak boleh sebelum tanggal mulai.",
		en: "Enter the start and end dates; the end cannot be before the start.",
	}
	MsgChooseUnitActionItem = Msg{
		id: "Pilih unit kerja rencana aksi ini.",
		en: "Choose the unit of this action item.",
	}
	MsgWriteWhatWillBeDone = Msg{
		id: "Tulis apa yang akan dilakukan (maksimal 300 karakter).",
		en: "Write what will be done (at most 300 characters).",
	}
	MsgWriteMeasureDoneWhenAction = Msg{
		id: "Tulis ukuran selesai: kapan rencana aksi ini dianggap tuntas (maksimal 1000 karakter).",
		en: "Write the measure of done: when this action item counts as finished (at most 1000 characters).",
	}
	MsgEnterDueDate = Msg{
		id: "Isi tanggal target selesai.",
		en: "Enter the due date.",
	}
	MsgChooseWhoOwnsAction = Msg{
		id: "Pilih penanggung jawab rencana aksi.",
		en: "Choose who owns the action item.",
	}
	MsgValueBehaviourCodeNotFramework = Msg{
		id: "Kode nilai/perilaku %q tidak ada dalam kerangka nilai yang berlaku.",
		en: "Value/behaviour code %q is not in the framework in force.",
	}
	MsgChooseLeastOneBerakhlak = Msg{
		id: "Pilih minimal satu nilai atau perilaku BerAKHLAK yang dilayani rencana aksi ini.",
		en: "Choose at least one BerAKHLAK value or behaviour this action item serves.",
	}
	MsgAlignmentSessionNotFound = Msg{
		id: "Sesi penyelarasan tidak ditemukan.",
		en: "Alignment session not found.",
	}
	MsgInvitedEmployeeDoesNotExist = Msg{
		id: "Pegawai yang diundang tidak ditemukan; periksa NIP-nya.",
		en: "The invited employee does not exist; check the NIP.",
	}
	MsgInactiveCannotBeInvited = Msg{
		id: "%s tidak aktif dan tidak dapat diundang.",
		en: "%s is inactive and cannot be invited.",
	}
	MsgAlreadyInvitedTheirUnit = Msg{
		id: "%s sudah diundang, atau unitnya sudah diwakili %s dalam sesi ini.",
		en: "%s is already invited, or their unit is already represented by %s in this session.",
	}
	MsgChooseLeastOneUnit = Msg{
		id: "Pilih minimal satu tingkat unit (mis. eselon I dan II).",
		en: "Choose at least one unit level (e.g. eselon I and II).",
	}
	MsgUnknownUnitLevel = Msg{
		id: "Tingkat unit %q tidak dikenal.",
		en: "Unknown unit level %q.",
	}
	MsgInvitationCannotBeWithdrawn = Msg{
		id: "Undangan ini tidak dapat dibatalkan: pakta komitmennya sudah ditandatangani.",
		en: "This invitation cannot be withdrawn: its pledge is already signed.",
	}
	MsgInvitationNotFound = Msg{
		id: "Undangan tidak ditemukan.",
		en: "Invitation not found.",
	}
	MsgAlreadyRecordedPresentUTC = Msg{
		id: "%s sudah tercatat hadir pukul %s UTC.",
		en: "%s is already recorded as present at %s UTC.",
	}
	MsgActingAssignmentNotFound = Msg{
		id: "Penugasan Plt./Plh. tidak ditemukan.",
		en: "Acting assignment not found.",
	}
	MsgUnitClosed2 = Msg{
		id: "Unit %s sudah ditutup.",
		en: "The unit %s is closed.",
	}
	MsgOwnerDoesNotExist = Msg{
		id: "Penanggung jawab tidak ditemukan.",
		en: "The owner does not exist.",
	}
	MsgInactiveChooseAnotherOwner = Msg{
		id: "%s tidak aktif; pilih penanggung jawab lain.",
		en: "%s is inactive; choose another owner.",
	}
	MsgWriteProgressNoteMostCharacters = Msg{
		id: "Tulis catatan kemajuan (maksimal 2000 karakter).",
		en: "Write a progress note (at most 2000 characters).",
	}
	MsgUnknownStatus = Msg{
		id: "Status %q tidak dikenal.",
		en: "Unknown status %q.",
	}
	MsgActionItemNotFound = Msg{
		id: "Rencana aksi tidak ditemukan.",
		en: "Action item not found.",
	}
	MsgSessionCancelledNoPledge = Msg{
		id: "Sesi %q sudah dibatalkan; pakta tidak dapat ditandatangani lagi.",
		en: "The session %q was cancelled; no pledge can be signed any more.",
	}
	MsgUnitNotInvitedSession = Msg{
		id: "Unit ini tidak diundang dalam sesi tersebut, jadi tidak ada pakta untuk ditandatangani.",
		en: "This unit is not invited to the session, so there is no pledge to sign.",
	}
	MsgOnlyInvitedPltPlh = Msg{
		id: "Hanya %s (yang diundang untuk %s) atau Plt./Plh. yang tercatat untuk unit itu pada hari ini yang dapat menandatangani pakta ini.",
		en: "Only %s (invited for %s) or the Plt./Plh. recorded for that unit today may sign this pledge.",
	}
	MsgTypedNameDoesNotMatch = Msg{
		id: "Nama yang diketik tidak sama dengan nama Anda (%s). Ketik nama lengkap Anda untuk menandatangani.",
		en: "The typed name does not match your name (%s). Type your full name to sign.",
	}
	MsgEnterPasswordSign = Msg{
		id: "Masukkan kata sandi Anda untuk menandatangani.",
		en: "Enter your password to sign.",
	}
	MsgWrongPasswordPledgeNotSigned = Msg{
		id: "Kata sandi salah; pakta belum ditandatangani. Coba lagi (akun terkunci sementara setelah beberapa kali salah).",
		en: "Wrong password; the pledge is not signed. Try again (the account locks for a while after several failures).",
	}
	MsgPledgeUnitJustSigned = Msg{
		id: "Pakta unit ini baru saja ditandatangani dari tempat lain. Muat ulang halaman.",
		en: "The pledge of this unit was just signed elsewhere. Reload the page.",
	}
	MsgPledgeSessionAlreadySigned = Msg{
		id: "Pakta komitmen %s untuk sesi ini sudah ditandatangani (%s). Pakta yang sudah ditandatangani tidak dapat diubah; untuk koreksi, buat pakta pengganti.",
		en: "The pledge of %s for this session is already signed (%s). A signed pledge cannot change; to correct it, sign a replacement.",
	}
	MsgPledgeCorrectAlreadyBeenSuperseded = Msg{
		id: "Pakta yang hendak dikoreksi sudah digantikan oleh pakta yang lebih baru (atau bukan pakta unit ini). Koreksi hanya dapat dibuat atas pakta yang berlaku.",
		en: "The pledge to correct has already been superseded by a newer one (or belongs to another unit). Only the pledge in force can be corrected.",
	}
	MsgWriteReasonCorrectionMostCharacters = Msg{
		id: "Tulis alasan koreksi (maksimal 500 karakter).",
		en: "Write the reason for the correction (at most 500 characters).",
	}
	MsgPledgeNotFound = Msg{
		id: "Pakta komitmen tidak ditemukan.",
		en: "Pledge not found.",
	}
	MsgTimeNotValidWrite = Msg{
		id: "Waktu %q tidak sah; tulis sebagai TTTT-BB-HH JJ:MM.",
		en: "Time %q is not valid; write it as YYYY-MM-DD HH:MM.",
	}
	MsgDateNotValidWrite = Msg{
		id: "Tanggal %q tidak sah; tulis sebagai TTTT-BB-HH, misalnya 2026-01-31.",
		en: "Date %q is not valid; write it as YYYY-MM-DD, for example 2026-01-31.",
	}
	MsgNoEmployeeNIPIdentifierCheck = Msg{
		id: "Tidak ada pegawai dengan NIP atau nomor identitas %q; periksa angkanya, atau undang lewat nama unit.",
		en: "No employee has the NIP or identifier %q; check the digits, or invite by unit name.",
	}
	MsgUnitNoLeaderYetSet = Msg{
		id: "Unit %s %s belum punya pimpinan; tetapkan pimpinannya di halaman unit, atau undang seseorang dengan NIP.",
		en: "The unit %s %s has no leader yet; set its leader on the unit page, or invite someone by NIP.",
	}
	MsgWriteNameCodeUnit = Msg{
		id: "Tulis nama atau kode unit yang pimpinannya diundang.",
		en: "Write the name or code of the unit whose leader to invite.",
	}
	MsgNoUnitNamedChoose = Msg{
		id: "Tidak ada unit bernama %q; pilih dari daftar saran.",
		en: "No unit is named %q; choose one from the suggestions.",
	}
	MsgMatchesUnitsWriteFull = Msg{
		id: "%q cocok dengan %d unit (%s); tulis nama lengkap atau kodenya.",
		en: "%q matches %d units (%s); write the full name or its code.",
	}
	MsgQRCheckSessionWorks = Msg{
		id: "Presensi QR untuk sesi ini hanya berlaku %s s.d. %s. Minta admin mencatat kehadiran Anda.",
		en: "QR check-in for this session works only from %s to %s. Ask an administrator to record your attendance.",
	}
	MsgCheckCodeNotKnown = Msg{
		id: "Kode presensi ini tidak dikenal. Pindai lagi kode QR yang ditampilkan di ruang sesi.",
		en: "This check-in code is not known. Scan the QR code shown in the session room again.",
	}
	MsgAccountNotInvitedSession = Msg{
		id: "Akun Anda tidak diundang dalam sesi %q (dan tidak tercatat sebagai Plt./Plh. pimpinan yang diundang).",
		en: "Your account is not invited to the session %q (nor recorded as Plt./Plh. of an invited leader).",
	}
	MsgChooseInvitationAttend = Msg{
		id: "Pilih undangan yang dihadiri.",
		en: "Choose the invitation you attend.",
	}
	MsgSetDigestTrueFalse = Msg{
		id: "Isi \"digest\" dengan true atau false.",
		en: "Set \"digest\" to true or false.",
	}
	MsgSessionParameterMustBeWhole = Msg{
		id: "Parameter session harus bilangan bulat.",
		en: "The session parameter must be a whole number.",
	}
	MsgNoEmployeeNIPOwn = Msg{
		id: "Tidak ada pegawai dengan NIP %q untuk penanggung jawab.",
		en: "No employee has the NIP %q to own the item.",
	}
	MsgUploadTooLargeMostMB = Msg{
		id: "Unggahan terlalu besar: maksimal %d MB per berkas.",
		en: "The upload is too large: at most %d MB per file.",
	}
	MsgUploadCouldNotBeRead = Msg{
		id: "Unggahan tidak dapat dibaca; coba lagi.",
		en: "The upload could not be read; try again.",
	}
	MsgPledgeCorrectNotValid = Msg{
		id: "Pakta yang dikoreksi tidak sah.",
		en: "The pledge to correct is not valid.",
	}
)
