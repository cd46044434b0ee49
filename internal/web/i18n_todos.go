package web

// todoMessages are the texts of the to-dos on the home page.
var todoMessages = catalogue{
	"todo.heading":      {"Menunggu Anda", "Waiting for you"},
	"todo.none":         {"Tidak ada yang menunggu Anda saat ini.", "Nothing is waiting for you right now."},
	"todo.tasks":        {"%d tugas penilaian belum dijawab; tenggat terdekat %s", "%d assessment tasks to answer; the nearest is due %s"},
	"todo.invitations":  {"%d undangan Sesi Penyelarasan Pimpinan belum ditandatangani; berikutnya %s", "%d Leader Alignment Session invitations not yet signed; the next is %s"},
	"todo.reports":      {"%d laporan agen perubahan menunggu keputusan Anda", "%d change-agent reports wait for your decision"},
	"todo.commitments":  {"%d komitmen melewati tenggat", "%d commitments are past their due date"},
	"todo.month_report": {"Laporan agen perubahan bulan ini belum dikirim", "This month's change-agent report is not sent yet"},
	"todo.returned":     {"%d laporan dikembalikan dengan catatan", "%d reports were returned with a comment"},
	"todo.mail":         {"%d surel gagal terkirim", "%d messages failed to send"},
	"todo.periods":      {"%d periode pengukuran berakhir dalam 7 hari", "%d measurement periods end within 7 days"},
	"todo.jobs":         {"%d pekerjaan latar gagal minggu ini", "%d background jobs failed this week"},
}
