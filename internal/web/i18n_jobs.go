package web

// jobMessages are the texts of background job pages.
var jobMessages = catalogue{
	"job.title":          {"Pekerjaan latar", "Background job"},
	"job.heading":        {"Pekerjaan latar", "Background job"},
	"job.progress":       {"Kemajuan", "Progress"},
	"job.elapsed":        {"Lama berjalan", "Running for"},
	"job.status.queued":  {"menunggu giliran", "waiting"},
	"job.status.running": {"sedang berjalan", "running"},
	"job.status.done":    {"selesai", "done"},
	"job.status.failed":  {"gagal", "failed"},
}
