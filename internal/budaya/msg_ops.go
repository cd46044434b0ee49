package budaya

// Messages of operations: backups, jobs, signals and the database. See Msg (error.go) and docs/architecture.md, "Errors".
var (
	MsgPeriodDataIncomplete = Msg{
		id: "Data periode tidak lengkap.",
		en: "The period data is incomplete.",
	}
	MsgBackupNotZipFile = Msg{
		id: "Berkas cadangan tidak dapat dipakai: bukan berkas zip: %v.",
		en: "The backup file cannot be used: not a zip file: %v.",
	}
	MsgBackupManifestJSONMissing = Msg{
		id: "Berkas cadangan tidak dapat dipakai: manifest.json tidak ada.",
		en: "The backup file cannot be used: manifest.json is missing.",
	}
	MsgBackupManifestJSONUnreadable = Msg{
		id: "Berkas cadangan tidak dapat dipakai: manifest.json tidak terbaca: %v.",
		en: "The backup file cannot be used: manifest.json is unreadable: %v.",
	}
	MsgBackupManifestJSONNotValid = Msg{
		id: "Berkas cadangan tidak dapat dipakai: manifest.json tidak sah: %v.",
		en: "The backup file cannot be used: manifest.json is not valid: %v.",
	}
	MsgBackupUnknownFormatWant = Msg{
		id: "Berkas cadangan tidak dapat dipakai: format %q tidak dikenal (diharapkan %q).",
		en: "The backup file cannot be used: unknown format %q (want %q).",
	}
	MsgBackupTableListManifest = Msg{
		id: "Berkas cadangan tidak dapat dipakai: daftar tabel di manifest rusak (%q).",
		en: "The backup file cannot be used: the table list of the manifest is damaged (%q).",
	}
	MsgBackupFileListManifest = Msg{
		id: "Berkas cadangan tidak dapat dipakai: daftar berkas di manifest rusak (%q).",
		en: "The backup file cannot be used: the file list of the manifest is damaged (%q).",
	}
	MsgBackupMadeSchemaVersion = Msg{
		id: "Cadangan dibuat dengan skema versi %d (migrasi %s) yang tidak dikenal program budaya ini (versi %d). Pulihkan dengan rilis budaya yang sama atau lebih baru.",
		en: "The backup was made at schema version %d (migration %s), which this budaya binary does not know (version %d). Restore it with the same or a newer budaya release.",
	}
	MsgTargetDatabaseNotEmpty = Msg{
		id: "Basis data tujuan tidak kosong (tabel %s berisi data). Pulihkan ke basis data baru yang kosong.",
		en: "The target database is not empty (table %s holds data). Restore into a new, empty database.",
	}
	MsgBackupTableDoesNotExist = Msg{
		id: "Berkas cadangan tidak dapat dipakai: tabel %s tidak ada di skema ini.",
		en: "The backup file cannot be used: table %s does not exist in this schema.",
	}
	MsgBackupFileMissing = Msg{
		id: "Berkas cadangan tidak dapat dipakai: berkas %s tidak ada.",
		en: "The backup file cannot be used: file %s is missing.",
	}
	MsgBlobFolderAlreadyHolds = Msg{
		id: "Folder berkas sudah berisi %s dengan isi lain.",
		en: "The blob folder already holds %s with other content.",
	}
	MsgBackupContentDoesNotMatch = Msg{
		id: "Berkas cadangan tidak dapat dipakai: isi berkas %s tidak cocok dengan manifest.",
		en: "The backup file cannot be used: the content of %s does not match the manifest.",
	}
	MsgBackupColumnDoesNotExist = Msg{
		id: "Berkas cadangan tidak dapat dipakai: kolom %s.%s tidak ada di skema ini.",
		en: "The backup file cannot be used: column %s.%s does not exist in this schema.",
	}
	MsgBackupTableLacksKey = Msg{
		id: "Berkas cadangan tidak dapat dipakai: tabel %s tanpa kolom kunci %s.",
		en: "The backup file cannot be used: table %s lacks key column %s.",
	}
	MsgBackupTableRowsSHA = Msg{
		id: "Berkas cadangan tidak dapat dipakai: tabel %s: %d baris dengan SHA-256 %s, manifest menyebut %d baris dengan %s.",
		en: "The backup file cannot be used: table %s: %d rows with SHA-256 %s, the manifest says %d rows with %s.",
	}
	MsgBackupLine = Msg{
		id: "Berkas cadangan tidak dapat dipakai: %s baris %d: %v.",
		en: "The backup file cannot be used: %s line %d: %v.",
	}
	MsgBackupReason = Msg{
		id: "Berkas cadangan tidak dapat dipakai: %s: %v.",
		en: "The backup file cannot be used: %s: %v.",
	}
	MsgBackgroundJobNotFound = Msg{
		id: "Pekerjaan latar tidak ditemukan.",
		en: "Background job not found.",
	}
	MsgDatabaseSchemaVersionNewer = Msg{
		id: "Basis data berada pada versi skema %d, lebih baru dari yang dikenal program budaya ini (%d). Perbarui budaya ke rilis terbaru; jangan jalankan versi lama pada basis data ini.",
		en: "The database is at schema version %d, newer than this budaya binary knows (%d). Upgrade budaya to the latest release; do not run an older one on this database.",
	}
	MsgSignalNotFound = Msg{
		id: "Sinyal tidak ditemukan.",
		en: "Signal not found.",
	}
	MsgReviewNoteMayMostCharacters = Msg{
		id: "Catatan tinjauan maksimal 1000 karakter.",
		en: "The review note may have at most 1000 characters.",
	}
	MsgSignalAlreadyBeenReviewed = Msg{
		id: "Sinyal ini sudah ditinjau.",
		en: "This signal has already been reviewed.",
	}
	MsgSameDataAlreadyExists = Msg{
		id: "Data yang sama sudah ada.",
		en: "The same data already exists.",
	}
	MsgMetricsNeedTokenSend = Msg{
		id: "Metrik memerlukan token: kirim Authorization: Bearer <BUDAYA_METRICS_TOKEN>.",
		en: "The metrics need a token: send Authorization: Bearer <BUDAYA_METRICS_TOKEN>.",
	}
	MsgUnknownSignalKind = Msg{
		id: "Jenis sinyal %q tidak dikenal.",
		en: "Unknown signal kind %q.",
	}
	MsgReviewFilterMustBeYes = Msg{
		id: "Filter tinjauan harus yes atau no.",
		en: "The review filter must be yes or no.",
	}
)
