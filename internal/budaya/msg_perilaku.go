package budaya

// Messages of perilaku kerja. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgYearOutRange = Msg{
		id: "Tahun %d di luar rentang (2022 sampai 2100).",
		en: "Year %d is out of range (2022 to 2100).",
	}
	MsgUnknownAssessmentTermChoose = Msg{
		id: "Periode penilaian %q tidak dikenal; pilih TW1, TW2, TW3, TW4 atau TAHUNAN.",
		en: "Unknown assessment term %q; choose TW1, TW2, TW3, TW4 or TAHUNAN.",
	}
	MsgUnknownRatingChoose = Msg{
		id: "Rating %q tidak dikenal; pilih %s.",
		en: "Unknown rating %q; choose %s.",
	}
	MsgExpectationMayMostCharacters = Msg{
		id: "Ekspektasi maksimal 2000 karakter dan umpan balik maksimal 4000 karakter.",
		en: "The expectation may have at most 2000 characters and the feedback at most 4000.",
	}
	MsgValueNotBerakhlakValue = Msg{
		id: "Nilai %q bukan nilai BerAKHLAK.",
		en: "Value %q is not a BerAKHLAK value.",
	}
	MsgEnterPerilakuKerjaHasil = Msg{
		id: "Isi rating perilaku kerja atau hasil kerja.",
		en: "Enter the perilaku kerja or the hasil kerja rating.",
	}
	MsgLineNIPNotFound = Msg{
		id: "Baris %d: NIP %s tidak ditemukan.",
		en: "Line %d: NIP %s not found.",
	}
	MsgRatingNotFound = Msg{
		id: "Rating tidak ditemukan.",
		en: "Rating not found.",
	}
	MsgUnknownOrganisationalCapaianChoose = Msg{
		id: "Capaian kinerja organisasi %q tidak dikenal; pilih %s.",
		en: "Unknown organisational capaian %q; choose %s.",
	}
	MsgYearMustBeNumber = Msg{
		id: "Tahun harus angka.",
		en: "The year must be a number.",
	}
	MsgMaySeePredikatDistribution = Msg{
		id: "Anda hanya dapat melihat sebaran predikat unit yang Anda pimpin dan unit di bawahnya.",
		en: "You may see the predikat distribution only of the units you lead and the units below them.",
	}
	MsgPerilakuKerjaAssessmentCanBeSeen = Msg{
		id: "Penilaian perilaku kerja hanya dapat dilihat oleh pegawai, pejabat penilai dan atasannya, serta admin.",
		en: "A perilaku kerja assessment can be seen only by the employee, the assessing official and their superior, and admins.",
	}
	MsgOnlyAssessingOfficialDirect = Msg{
		id: "Hanya pejabat penilai (atasan langsung) atau admin yang dapat menilai.",
		en: "Only the assessing official (the direct superior) or an admin can assess.",
	}
	MsgUploadKinerjaExportCSV = Msg{
		id: "Unggah berkas ekspor e-Kinerja (CSV atau XLSX, maksimal 20 MB).",
		en: "Upload the e-Kinerja export (CSV or XLSX, at most 20 MB).",
	}
	MsgChooseKinerjaExportFile = Msg{
		id: "Pilih berkas ekspor e-Kinerja.",
		en: "Choose the e-Kinerja export file.",
	}
	MsgXLSXFileCouldNotBeRead = Msg{
		id: "Berkas XLSX tidak dapat dibaca.",
		en: "The XLSX file could not be read.",
	}
	MsgFirstXLSXSheetCouldNotBeRead = Msg{
		id: "Lembar pertama XLSX tidak dapat dibaca.",
		en: "The first XLSX sheet could not be read.",
	}
	MsgCSVFileCouldNotBeRead = Msg{
		id: "Berkas CSV tidak dapat dibaca: %s.",
		en: "The CSV file could not be read: %s.",
	}
	MsgFileHoldsNoData = Msg{
		id: "Berkas tidak memuat baris data.",
		en: "The file holds no data rows.",
	}
	MsgNIPColumnHasilKerja = Msg{
		id: "Kolom NIP dan kolom rating hasil kerja tidak ditemukan di baris judul.",
		en: "The NIP column and the hasil kerja rating column were not found in the header row.",
	}
)
