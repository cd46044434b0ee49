package budaya

// Messages of the index of internalisation. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgMeasurementPeriodNotFound = Msg{
		id: "Periode pengukuran tidak ditemukan.",
		en: "Measurement period not found.",
	}
	MsgIndexPeriodNotBeenComputed = Msg{
		id: "Indeks periode ini belum dihitung.",
		en: "The index of this period has not been computed yet.",
	}
	MsgPeriodNotClosedIndex = Msg{
		id: "Periode %q belum ditutup. Angka indeks hanya dihitung setelah periode ditutup: selama periode terbuka, jawaban anonim tetap tersegel, agar tidak ada angka yang bergeser oleh satu jawaban. Tutup periode dahulu.",
		en: "Period %q is not closed. Index figures are computed only after a period closes: while it is open, anonymous answers stay sealed so that no figure moves by one answer. Close the period first.",
	}
	MsgInstrumentMustBeSurvey = Msg{
		id: "Instrumen harus survey atau 360.",
		en: "The instrument must be survey or 360.",
	}
	MsgRaterGroupDoesNotFit = Msg{
		id: "Kelompok penilai %q tidak cocok dengan instrumen %q.",
		en: "Rater group %q does not fit instrument %q.",
	}
	MsgScoreMustBe = Msg{
		id: "Skor %s harus 1 sampai 5.",
		en: "Score %s must be 1 to 5.",
	}
	MsgNoMeasurementPeriodBeenOpened = Msg{
		id: "Belum ada periode pengukuran yang dibuka.",
		en: "No measurement period has been opened yet.",
	}
	MsgParameterMustBeNumeric = Msg{
		id: "Parameter %s harus berupa angka id.",
		en: "Parameter %s must be a numeric id.",
	}
	MsgScopeMustBeTree = Msg{
		id: "Cakupan harus tree (unit dan seluruh unit di bawahnya) atau own (pegawai unit itu saja).",
		en: "The scope must be tree (the unit and all below it) or own (the unit's own staff only).",
	}
	MsgUnitNotSnapshotPeriod = Msg{
		id: "Unit %d tidak ada dalam snapshot periode %s.",
		en: "Unit %d is not in the snapshot of period %s.",
	}
	MsgMayOpenIndexOnlyUnits = Msg{
		id: "Anda hanya dapat membuka indeks unit yang Anda pimpin dan unit di bawahnya.",
		en: "You may open the index only of the units you lead and the units below them.",
	}
	MsgUnitsLeadNotPart = Msg{
		id: "Unit yang Anda pimpin tidak termasuk dalam periode %s.",
		en: "The units you lead are not part of period %s.",
	}
	MsgExportTableMustBeValues = Msg{
		id: "Tabel ekspor harus values, children, heatmap atau trend.",
		en: "The export table must be values, children, heatmap or trend.",
	}
	MsgLevelMustBe = Msg{
		id: "Tingkat harus 1 sampai %d.",
		en: "The level must be 1 to %d.",
	}
	MsgChoosePeriodRecompute = Msg{
		id: "Pilih periode yang akan dihitung ulang.",
		en: "Choose the period to recompute.",
	}
)
