package budaya

// Messages of recognition and nominations. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgRoundTitleRequiredMostCharacters = Msg{
		id: "Judul putaran wajib diisi (maksimal 200 karakter).",
		en: "The round title is required (at most 200 characters).",
	}
	MsgPeriodRequiredExampleTriwulan = Msg{
		id: "Periode wajib diisi, misalnya Triwulan III 2026 (maksimal 100 karakter).",
		en: "The period is required, for example Triwulan III 2026 (at most 100 characters).",
	}
	MsgChooseValueRoleModel = Msg{
		id: "Pilih nilai yang dicari teladannya dari kerangka nilai yang berlaku.",
		en: "Choose the value the role model stands for, from the framework in force.",
	}
	MsgNominationDeadlineMustBeFuture = Msg{
		id: "Batas pengusulan harus di masa depan.",
		en: "The nomination deadline must be in the future.",
	}
	MsgNumberWinnersMustBe = Msg{
		id: "Jumlah pemenang 1 sampai 20.",
		en: "The number of winners must be 1 to 20.",
	}
	MsgEveryCriterionNeedsName = Msg{
		id: "Setiap kriteria perlu nama (maksimal 200 karakter).",
		en: "Every criterion needs a name (at most 200 characters).",
	}
	MsgWeightCriterionMustBePercent = Msg{
		id: "Bobot kriteria %q harus 1 sampai 100 persen.",
		en: "The weight of criterion %q must be 1 to 100 percent.",
	}
	MsgPublishLeastOneScoring = Msg{
		id: "Terbitkan minimal satu kriteria penilaian.",
		en: "Publish at least one scoring criterion.",
	}
	MsgCriterionWeightsMustAdd = Msg{
		id: "Jumlah bobot kriteria harus 100 persen; saat ini %d.",
		en: "The criterion weights must add up to 100 percent; they add up to %d.",
	}
	MsgChooseColleagueNominate = Msg{
		id: "Pilih rekan yang Anda usulkan.",
		en: "Choose the colleague you nominate.",
	}
	MsgExplainNominationConcreteExamples = Msg{
		id: "Jelaskan alasan usulan dengan contoh nyata (minimal 30 karakter).",
		en: "Explain the nomination with concrete examples (at least 30 characters).",
	}
	MsgReasonMayMostCharacters = Msg{
		id: "Alasan maksimal 3000 karakter; saat ini %d.",
		en: "The reason may have at most 3000 characters; it has %d.",
	}
	MsgChooseColleagueWantThank = Msg{
		id: "Pilih rekan yang ingin Anda apresiasi.",
		en: "Choose the colleague you want to thank.",
	}
	MsgDescribeConcreteActAppreciate = Msg{
		id: "Tuliskan tindakan nyata yang Anda hargai (minimal %d karakter).",
		en: "Describe the concrete act you appreciate (at least %d characters).",
	}
	MsgMessageMayMostCharacters = Msg{
		id: "Pesan apresiasi maksimal %d karakter; saat ini %d.",
		en: "The message may have at most %d characters; it has %d.",
	}
	MsgChooseWhoMaySee = Msg{
		id: "Pilih siapa yang boleh melihat: unit atau pribadi.",
		en: "Choose who may see it: unit or private.",
	}
	MsgChooseLeastOneValue = Msg{
		id: "Pilih minimal satu nilai yang ditunjukkan rekan Anda.",
		en: "Choose at least one value your colleague showed.",
	}
	MsgValueNotFrameworkForce = Msg{
		id: "Nilai %q tidak ada dalam kerangka nilai yang berlaku.",
		en: "Value %q is not in the framework in force.",
	}
	MsgBehaviourNotPartValues = Msg{
		id: "Perilaku %s bukan bagian dari nilai yang Anda pilih.",
		en: "Behaviour %s is not part of the values you chose.",
	}
	MsgDailyLimitMustBeWhole = Msg{
		id: "Batas harian harus bilangan bulat 1 sampai 50.",
		en: "The daily limit must be a whole number from 1 to 50.",
	}
	MsgMinimumNumberRecipientsK = Msg{
		id: "Batas minimum penerima (K) harus bilangan bulat 3 sampai 10.",
		en: "The minimum number of recipients (K) must be a whole number from 3 to 10.",
	}
	MsgNominationRoundNotFound = Msg{
		id: "Putaran teladan tidak ditemukan.",
		en: "Nomination round not found.",
	}
	MsgCommitteeMemberUserID = Msg{
		id: "Anggota panitia (pengguna id %d) tidak ditemukan atau dinonaktifkan.",
		en: "Committee member (user id %d) does not exist or is disabled.",
	}
	MsgMemberWhoAlreadyScored = Msg{
		id: "Anggota yang sudah memberi nilai tidak dapat dikeluarkan dari panitia.",
		en: "A member who has already scored cannot be removed from the committee.",
	}
	MsgWinnersRoundAnnouncedRound = Msg{
		id: "Pemenang putaran ini sudah diumumkan; putaran tidak dapat diubah lagi.",
		en: "The winners of this round are announced; the round can no longer change.",
	}
	MsgNominationsRoundClosed = Msg{
		id: "Masa pengusulan putaran ini sudah ditutup.",
		en: "Nominations for this round are closed.",
	}
	MsgCannotNominateYourself = Msg{
		id: "Anda tidak dapat mengusulkan diri sendiri.",
		en: "You cannot nominate yourself.",
	}
	MsgNominatedColleagueDoesNotExist = Msg{
		id: "Rekan yang diusulkan tidak ditemukan atau sudah tidak aktif.",
		en: "The nominated colleague does not exist or is no longer active.",
	}
	MsgAlreadyNominatedRound = Msg{
		id: "Anda sudah mengusulkan %s di putaran ini.",
		en: "You have already nominated %s in this round.",
	}
	MsgEvidenceNotFound = Msg{
		id: "Bukti dukung tidak ditemukan.",
		en: "Evidence not found.",
	}
	MsgRoundNotTakingNominations = Msg{
		id: "Putaran ini tidak sedang menerima usulan.",
		en: "This round is not taking nominations.",
	}
	MsgScoringPossibleOnlyAfterNominations = Msg{
		id: "Penilaian hanya dapat dilakukan setelah masa usulan ditutup dan sebelum pengumuman.",
		en: "Scoring is possible only after nominations close and before the announcement.",
	}
	MsgNotCommitteeRound = Msg{
		id: "Anda bukan anggota panitia putaran ini.",
		en: "You are not on the committee of this round.",
	}
	MsgEmployeeNotNominatedRound = Msg{
		id: "Pegawai ini tidak diusulkan di putaran ini.",
		en: "This employee is not nominated in this round.",
	}
	MsgNoteMayMostCharacters = Msg{
		id: "Keterangan maksimal 500 karakter.",
		en: "The note may have at most 500 characters.",
	}
	MsgNomineeDeclareConflictInterest = Msg{
		id: "Anda adalah calon ini sendiri: nyatakan ada konflik kepentingan.",
		en: "You are this nominee: declare a conflict of interest.",
	}
	MsgAlreadyDeclaredConflictInterest = Msg{
		id: "Anda sudah menyatakan konflik kepentingan untuk calon ini; pernyataan itu final.",
		en: "You have already declared a conflict of interest for this nominee; that declaration is final.",
	}
	MsgFirstDeclareWhetherConflict = Msg{
		id: "Nyatakan dulu ada atau tidaknya konflik kepentingan dengan calon ini sebelum menilai.",
		en: "First declare whether you have a conflict of interest with this nominee, then score.",
	}
	MsgDeclaredConflictInterestNominee = Msg{
		id: "Anda menyatakan konflik kepentingan dengan calon ini, jadi tidak menilainya.",
		en: "You declared a conflict of interest with this nominee, so you do not score them.",
	}
	MsgGiveScoreFromCriterion = Msg{
		id: "Beri nilai 1 sampai %d untuk kriteria %q.",
		en: "Give a score from 1 to %d for criterion %q.",
	}
	MsgScoresGivenCriteriaNotPart = Msg{
		id: "Nilai diberikan untuk kriteria yang bukan milik putaran ini.",
		en: "Scores were given for criteria that are not part of this round.",
	}
	MsgWinnersCanBeAnnounced = Msg{
		id: "Pengumuman hanya dapat dilakukan setelah masa usulan ditutup dan sebelum diumumkan.",
		en: "Winners can be announced only after nominations close, and only once.",
	}
	MsgNoNomineeYetBeenScored = Msg{
		id: "Belum ada calon yang dinilai oleh panitia tanpa konflik kepentingan.",
		en: "No nominee has yet been scored by a committee member without a conflict of interest.",
	}
	MsgCertificateNotFound = Msg{
		id: "Sertifikat tidak ditemukan.",
		en: "Certificate not found.",
	}
	MsgAccountNotLinkedEmployee = Msg{
		id: "Akun Anda belum terhubung dengan data pegawai; minta admin menghubungkannya.",
		en: "Your account is not linked to an employee record; ask an administrator to link it.",
	}
	MsgDailyLimitRecognitionsReached = Msg{
		id: "Batas harian %d apresiasi sudah tercapai; lanjutkan besok agar apresiasi tetap bermakna.",
		en: "The daily limit of %d recognitions is reached; continue tomorrow so that recognition stays meaningful.",
	}
	MsgRecognitionTimeGivenMustBePast = Msg{
		id: "Apresiasi ke-%d: waktu pemberian harus di masa lalu.",
		en: "Recognition %d: the time it was given must be in the past.",
	}
	MsgRecognitionSenderEmployeeID = Msg{
		id: "Apresiasi ke-%d: pengirim (pegawai id %d) tidak ditemukan.",
		en: "Recognition %d: the sender (employee id %d) does not exist.",
	}
	MsgRecognitionColleagueNotYourself = Msg{
		id: "Apresiasi diberikan kepada rekan, bukan kepada diri sendiri.",
		en: "Recognition is for a colleague, not for yourself.",
	}
	MsgChosenColleagueDoesNotExist = Msg{
		id: "Rekan yang dipilih tidak ditemukan atau sudah tidak aktif.",
		en: "The chosen colleague does not exist or is no longer active.",
	}
	MsgRecognitionNotFound = Msg{
		id: "Apresiasi tidak ditemukan.",
		en: "Recognition not found.",
	}
	MsgNumberWinnersMustBeWhole = Msg{
		id: "Jumlah pemenang harus bilangan bulat.",
		en: "The number of winners must be a whole number.",
	}
	MsgCommitteeChoiceNotValid = Msg{
		id: "Pilihan anggota panitia tidak sah.",
		en: "The committee choice is not valid.",
	}
	MsgUserDoesNotExist = Msg{
		id: "Pengguna %q tidak ditemukan.",
		en: "User %q does not exist.",
	}
	MsgNomineeNotRecognised = Msg{
		id: "Calon tidak dikenali.",
		en: "The nominee is not recognised.",
	}
	MsgChooseWhetherConflictInterest = Msg{
		id: "Pilih apakah Anda memiliki konflik kepentingan dengan calon ini.",
		en: "Choose whether you have a conflict of interest with this nominee.",
	}
	MsgUnitFilterNotValid = Msg{
		id: "Unit pada filter tidak sah.",
		en: "The unit in the filter is not valid.",
	}
	MsgLinkPartRecognitionWall = Msg{
		id: "Tautan halaman apresiasi ini tidak sah. Buka dinding apresiasi dari awal.",
		en: "This link to a part of the recognition wall is not valid. Open the wall from its start.",
	}
	MsgNoActiveEmployeeNIP = Msg{
		id: "Tidak ada pegawai aktif dengan NIP atau nama %q.",
		en: "No active employee has the NIP or name %q.",
	}
	MsgSeveralEmployeesMatchPick = Msg{
		id: "Ada beberapa pegawai dengan nama %q; pilih dari daftar atau tulis NIP-nya.",
		en: "Several employees match %q; pick one from the list or enter their NIP.",
	}
	MsgParameterMustBeEmployee = Msg{
		id: "Parameter %s harus id pegawai.",
		en: "Parameter %s must be an employee id.",
	}
)
