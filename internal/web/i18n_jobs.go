package web

// jobMessages are the texts of background job pages.
var jobMessages = catalogue{
	"job.title":                       {"Pekerjaan latar", "Background job"},
	"job.heading":                     {"Pekerjaan latar", "Background job"},
	"job.progress":                    {"Kemajuan", "Progress"},
	"job.back_period":                 {"Kembali ke periode pengukuran", "Back to the measurement period"},
	"job.kind.measure.generate_tasks": {"Membuat daftar tugas penilaian", "Generating the assessment tasks"},
	"job.kind.index.refresh":          {"Menghitung ulang indeks budaya", "Recomputing the culture index"},
	"job.kind.signals.recompute":      {"Menghitung ulang sinyal apresiasi", "Recomputing the recognition signals"},
	"job.kind.ops.selftest":           {"Uji mandiri sistem", "System self-test"},
	"job.elapsed":                     {"Lama berjalan", "Running for"},
	"job.status.queued":               {"menunggu giliran", "waiting"},
	"job.status.running":              {"sedang berjalan", "running"},
	"job.status.done":                 {"selesai", "done"},
	"job.status.failed":               {"gagal", "failed"},
}
