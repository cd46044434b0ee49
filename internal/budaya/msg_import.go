package budaya

// Messages of the import of organisation data. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgRefusedInstansiCodeName = Msg{
		id: "Paket ditolak: kode dan nama instansi wajib ada.",
		en: "Package refused: the instansi code and name are required.",
	}
	MsgRefusedPeriodLabelRequired = Msg{
		id: "Paket ditolak: label periode wajib ada.",
		en: "Package refused: the period label is required.",
	}
	MsgRefusedPeriodDateNotYYYY = Msg{
		id: "Paket ditolak: tanggal periode %q tidak berbentuk YYYY-MM-DD.",
		en: "Package refused: period date %q is not YYYY-MM-DD.",
	}
	MsgRefusedMethodVersionHub = Msg{
		id: "Paket ditolak: versi metode %d; hub ini membandingkan metode versi %d.",
		en: "Package refused: method version %d; this hub compares method version %d.",
	}
	MsgRefusedKOutside = Msg{
		id: "Paket ditolak: K = %d di luar %d..%d.",
		en: "Package refused: K = %d is outside %d..%d.",
	}
	MsgRefusedFirstGroupMustBeInstansi = Msg{
		id: "Paket ditolak: kelompok pertama harus angka tingkat instansi.",
		en: "Package refused: the first group must be the instansi-level figures.",
	}
	MsgRefusedGroupAppearsTwice = Msg{
		id: "Paket ditolak: kelompok %q muncul dua kali.",
		en: "Package refused: group %q appears twice.",
	}
	MsgRefusedGroupLevelPackage = Msg{
		id: "Paket ditolak: kelompok %q bertingkat %q; paket hanya memuat instansi, eselon I dan eselon II.",
		en: "Package refused: group %q has level %q; a package holds only the instansi, eselon I and eselon II.",
	}
	MsgRefusedGroupNBelow = Msg{
		id: "Paket ditolak: kelompok %q memiliki n = %d, di bawah K = %d: kelompok sekecil itu tidak boleh keluar dari instansi.",
		en: "Package refused: group %q has n = %d, below K = %d: so small a group must not leave the instansi.",
	}
	MsgRefusedResponseRateGroup = Msg{
		id: "Paket ditolak: tingkat respons kelompok %q tidak konsisten (n %d, tugas selesai %d dari %d, %.1f%%).",
		en: "Package refused: the response rate of group %q is inconsistent (n %d, tasks done %d of %d, %.1f%%).",
	}
	MsgRefusedAlphaGroupAbove = Msg{
		id: "Paket ditolak: alpha %s kelompok %q lebih dari 1.",
		en: "Package refused: alpha of %s in group %q is above 1.",
	}
	MsgRefusedScoreValueGroup = Msg{
		id: "Paket ditolak: skor nilai %s kelompok %q (%.1f) bukan rata-rata perilakunya.",
		en: "Package refused: the score of value %s in group %q (%.1f) is not the mean of its behaviours.",
	}
	MsgRefusedGroupNoOverall = Msg{
		id: "Paket ditolak: kelompok %q tidak memiliki angka keseluruhan.",
		en: "Package refused: group %q has no overall figure.",
	}
	MsgRefusedOverallScoreGroup = Msg{
		id: "Paket ditolak: skor keseluruhan kelompok %q (%.1f) bukan rata-rata nilainya.",
		en: "Package refused: the overall score of group %q (%.1f) is not the mean of its values.",
	}
	MsgRefusedGroupUsesOther = Msg{
		id: "Paket ditolak: kelompok %q memakai nilai yang berbeda dari tingkat instansi.",
		en: "Package refused: group %q uses other values than the instansi level.",
	}
	MsgRefusedFigureGroupNoRespondents = Msg{
		id: "Paket ditolak: angka %s kelompok %q tanpa responden tetapi memiliki skor.",
		en: "Package refused: figure %s of group %q has no respondents but a score.",
	}
	MsgRefusedFigureGroupN = Msg{
		id: "Paket ditolak: angka %s kelompok %q memiliki n = %d, di bawah K = %d.",
		en: "Package refused: figure %s of group %q has n = %d, below K = %d.",
	}
	MsgRefusedScoreGroupOutside = Msg{
		id: "Paket ditolak: skor %s kelompok %q di luar 0..100.",
		en: "Package refused: score %s of group %q is outside 0..100.",
	}
	MsgRefusedBandGroupBut = Msg{
		id: "Paket ditolak: kategori %s kelompok %q adalah %q, padahal skor %.1f berkategori %q.",
		en: "Package refused: the band of %s in group %q is %q, but score %.1f is in band %q.",
	}
	MsgRefusedFigureGroupNoConfidence = Msg{
		id: "Paket ditolak: angka %s kelompok %q tidak memiliki selang kepercayaan.",
		en: "Package refused: figure %s of group %q has no confidence interval.",
	}
	MsgRefusedConfidenceIntervalGroup = Msg{
		id: "Paket ditolak: selang kepercayaan %s kelompok %q (%.1f..%.1f) tidak memuat skor %.1f.",
		en: "Package refused: the confidence interval of %s in group %q (%.1f..%.1f) does not hold the score %.1f.",
	}
	MsgRefusedConfidenceIntervalGroupWider = Msg{
		id: "Paket ditolak: selang kepercayaan %s kelompok %q (%.1f..%.1f) lebih lebar daripada yang mungkin untuk n = %d.",
		en: "Package refused: the confidence interval of %s in group %q (%.1f..%.1f) is wider than n = %d allows.",
	}
	MsgRefusedConfidenceIntervalGroupReversed = Msg{
		id: "Paket ditolak: selang kepercayaan %s kelompok %q terbalik.",
		en: "Package refused: the confidence interval of %s in group %q is reversed.",
	}
	MsgExportFormatNotKnown = Msg{
		id: "Format ekspor %q tidak dikenal; pilih csv atau xlsx.",
		en: "Export format %q is not known; choose csv or xlsx.",
	}
	MsgDownloadRefusedEveryExport = Msg{
		id: "Unduhan ditolak: setiap ekspor harus tercatat di log audit, dan pencatatannya gagal. Tidak ada data yang dikirim. Coba lagi sebentar lagi; jika berulang, hubungi admin.",
		en: "The download was refused: every export must be recorded in the audit log, and recording it failed. No data was sent. Try again shortly; if it happens again, contact an administrator.",
	}
)
