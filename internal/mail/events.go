package mail

import (
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// eventTexts are the words of the messages of events other than a period's
// rounds: key -> [0] Bahasa Indonesia, [1] English.
var eventTexts = map[string][2]string{
	"session.invited.subject":   {"Undangan Leader Alignment Session: %s, %s", "Invitation to the Leader Alignment Session: %s, %s"},
	"session.invited.intro":     {"Anda diundang ke Leader Alignment Session “%s”. Undangan kalender terlampir.", "You are invited to the Leader Alignment Session “%s”. A calendar invitation is attached."},
	"session.changed.subject":   {"Perubahan Leader Alignment Session: %s, %s", "Change to the Leader Alignment Session: %s, %s"},
	"session.changed.intro":     {"Jadwal, tempat atau acara Leader Alignment Session “%s” berubah. Kalender Anda diperbarui dengan lampiran ini.", "The time, place or agenda of the Leader Alignment Session “%s” changed. The attachment updates your calendar."},
	"session.cancelled.subject": {"Dibatalkan: Leader Alignment Session %s", "Cancelled: Leader Alignment Session %s"},
	"session.cancelled.intro":   {"Leader Alignment Session “%s” dibatalkan. Lampiran ini menghapusnya dari kalender Anda.", "The Leader Alignment Session “%s” is cancelled. The attachment removes it from your calendar."},
	"session.withdrawn.intro":   {"Undangan Anda ke Leader Alignment Session “%s” ditarik. Lampiran ini menghapusnya dari kalender Anda.", "Your invitation to the Leader Alignment Session “%s” was withdrawn. The attachment removes it from your calendar."},
	"session.reminder.subject":  {"Besok: Leader Alignment Session %s, %s", "Tomorrow: Leader Alignment Session %s, %s"},
	"session.reminder.intro":    {"Pengingat: Leader Alignment Session “%s” dimulai %s. Pindai kode QR di ruangan untuk mencatat kehadiran, lalu tandatangani pakta komitmen unit Anda.", "Reminder: the Leader Alignment Session “%s” starts %s. Scan the QR code in the room to check in, then sign your unit's pledge."},
	"session.when":              {"Waktu: %s s.d. %s", "When: %s to %s"},
	"session.place":             {"Tempat: %s", "Place: %s"},
	"session.online":            {"Tautan daring: %s", "Online: %s"},
	"session.agenda":            {"Acara: %s", "Agenda: %s"},
	"session.open":              {"Buka halaman sesi", "Open the session page"},
	"pledge.subject":            {"Tanda terima pakta komitmen %s", "Receipt of the pledge of %s"},
	"pledge.intro":              {"Pakta komitmen %s telah ditandatangani atas nama Anda pada %s. Simpan surel ini: siapa pun dapat memeriksa keaslian pakta melalui tautan verifikasi.", "The pledge of %s was signed in your name on %s. Keep this message: anyone can check that the pledge is genuine through the verification link."},
	"pledge.hash":               {"Sidik jari SHA-256: %s", "SHA-256 fingerprint: %s"},
	"pledge.view":               {"Pakta dan PDF-nya", "The pledge and its PDF"},
	"pledge.verify":             {"Tautan verifikasi", "Verification link"},
	"agent.returned.subject":    {"Laporan agen perubahan %s dikembalikan", "Change-agent report of %s returned"},
	"agent.returned.intro":      {"Pimpinan mengembalikan laporan bulan %s untuk unit %s. Perbaiki dan kirim ulang; catatan pimpinan:", "The leader returned the report of %s for the unit %s. Fix it and submit it again; the leader's comment:"},
	"agent.desk":                {"Meja agen perubahan", "The change agent's desk"},
	"agent.due.subject":         {"Laporan agen perubahan bulan %s ditunggu", "The change-agent report of %s is due"},
	"agent.due.intro":           {"Laporan bulan %s untuk unit %s belum dikirim. Kirim paling lambat %s.", "The report of %s for the unit %s has not been submitted. Please submit it by %s."},
	"digest.subject":            {"Ringkasan mingguan pimpinan, %s", "Leader's weekly digest, %s"},
	"digest.intro":              {"Ringkasan yang menunggu Anda di unit yang Anda pimpin.", "What waits for you in the units you lead."},
	"digest.overdue":            {"%d rencana aksi melewati tenggat", "%d action items are past their due date"},
	"digest.reports":            {"%d laporan agen perubahan menunggu keputusan Anda", "%d change-agent reports wait for your decision"},
	"digest.rate":               {"%s, %s: %d dari %d tugas selesai (%s%%)", "%s, %s: %d of %d tasks done (%s%%)"},
	"digest.rate_hidden":        {"%s, %s: %d tugas; jumlah yang selesai tidak ditampilkan untuk kelompok di bawah %d orang", "%s, %s: %d tasks; how many are done is not shown for a group under %d people"},
	"digest.figures":            {"Angka baru: periode %s telah ditutup", "New figures: the period %s has closed"},
	"digest.anonymous":          {"Ringkasan ini hanya memuat jumlah, tidak pernah nama siapa yang sudah atau belum menjawab.", "This digest holds counts only, never the names of who has or has not answered."},
	"digest.optout":             {"Tidak ingin menerima ringkasan ini? Matikan di halaman profil Anda: %s", "Do not want this digest? Turn it off on your profile page: %s"},
	"instrument.survey":         {"survei", "survey"},
	"instrument.360":            {"asesmen 360", "360 assessment"},
}

// Session is the message of a session's invitation, change or cancellation
// (what: store.SessionInvited, SessionChanged, SessionCancelled) for to, with
// its calendar object. It is store.Mailer's Session.
func (c Composer) Session(s *budaya.AlignmentSession, what string, to store.Recipient) (store.NewMail, error) {
	lang := to.Language
	when := c.date(s.StartsAt, lang)
	var subject, intro, method string
	kind := store.MailSession
	switch what {
	case store.SessionInvited:
		subject, intro, method = tr(lang, "session.invited.subject", s.Title, when), tr(lang, "session.invited.intro", s.Title), MethodRequest
	case store.SessionChanged:
		subject, intro, method = tr(lang, "session.changed.subject", s.Title, when), tr(lang, "session.changed.intro", s.Title), MethodRequest
	case store.SessionCancelled:
		subject, method, kind = tr(lang, "session.cancelled.subject", s.Title), MethodCancel, store.MailSessionCancel
		intro = tr(lang, "session.cancelled.intro", s.Title)
		if !s.Cancelled() {
			intro = tr(lang, "session.withdrawn.intro", s.Title)
		}
	default:
		return store.NewMail{}, fmt.Errorf("session mail: unknown event %q", what)
	}
	m, err := c.render(to.Email, to.Name, subject, composed{
		Lang: lang, Greeting: tr(lang, "greeting", to.Name), Intro: intro, Details: c.sessionDetails(s, lang),
		Lines: []line{{Text: tr(lang, "session.open"), URL: c.url(fmt.Sprintf("/alignment/%d", s.ID))}}, Footer: tr(lang, "footer"),
	})
	m.Kind, m.Calendar = kind, c.Calendar(s, method, to, lang)
	return m, err
}

func (c Composer) sessionDetails(s *budaya.AlignmentSession, lang string) []string {
	out := []string{tr(lang, "session.when", c.date(s.StartsAt, lang), c.date(s.EndsAt, lang))}
	if s.Place != "" {
		out = append(out, tr(lang, "session.place", s.Place))
	}
	if s.OnlineURL != "" {
		out = append(out, tr(lang, "session.online", s.OnlineURL))
	}
	if s.Agenda != "" {
		out = append(out, tr(lang, "session.agenda", s.Agenda))
	}
	return out
}

// SessionReminder is the message the day before session s to invitee to.
func (c Composer) SessionReminder(s *budaya.AlignmentSession, to store.Recipient) (store.NewMail, error) {
	lang := to.Language
	when := c.date(s.StartsAt, lang)
	m, err := c.render(to.Email, to.Name, tr(lang, "session.reminder.subject", s.Title, when), composed{
		Lang: lang, Greeting: tr(lang, "greeting", to.Name), Intro: tr(lang, "session.reminder.intro", s.Title, when),
		Details: c.sessionDetails(s, lang),
		Lines:   []line{{Text: tr(lang, "session.open"), URL: c.url(fmt.Sprintf("/alignment/%d", s.ID))}}, Footer: tr(lang, "footer"),
	})
	m.Kind = store.MailSessionReminder
	return m, err
}

// PledgeReceipt is the receipt of pledge p to its signer, with the
// verification link. It is store.Mailer's PledgeReceipt.
func (c Composer) PledgeReceipt(p *budaya.Pledge, to store.Recipient) (store.NewMail, error) {
	lang := to.Language
	m, err := c.render(to.Email, to.Name, tr(lang, "pledge.subject", p.UnitName), composed{
		Lang: lang, Greeting: tr(lang, "greeting", to.Name), Intro: tr(lang, "pledge.intro", p.UnitName, c.date(p.SignedAt, lang)),
		Details: []string{tr(lang, "pledge.hash", p.SHA256)},
		Lines: []line{{Text: tr(lang, "pledge.verify"), URL: c.url("/verify/" + p.SHA256)},
			{Text: tr(lang, "pledge.view"), URL: c.url(fmt.Sprintf("/pledges/%d", p.ID))}},
		Footer: tr(lang, "footer"),
	})
	m.Kind = store.MailPledgeReceipt
	return m, err
}

// AgentReportReturned tells the agent that report r came back with the
// leader's comment. It is store.Mailer's AgentReportReturned.
func (c Composer) AgentReportReturned(r *budaya.AgentReport, to store.Recipient) (store.NewMail, error) {
	lang := to.Language
	month := c.month(r.Month, lang)
	m, err := c.render(to.Email, to.Name, tr(lang, "agent.returned.subject", month), composed{
		Lang: lang, Greeting: tr(lang, "greeting", to.Name), Intro: tr(lang, "agent.returned.intro", month, r.UnitName),
		Details: []string{r.Comment},
		Lines:   []line{{Text: tr(lang, "agent.desk"), URL: c.url("/agents")}}, Footer: tr(lang, "footer"),
	})
	m.Kind = store.MailAgentReturned
	return m, err
}

// AgentReportDue tells agent a that the report of month (YYYY-MM) is due at the end of that month.
func (c Composer) AgentReportDue(a store.AgentDue, month string) (store.NewMail, error) {
	lang := a.Language
	name := c.month(month, lang)
	first, err := budaya.ParseMonth(month)
	if err != nil {
		return store.NewMail{}, err
	}
	last := first.AddDate(0, 1, -1)
	m, err := c.render(a.Email, a.Name, tr(lang, "agent.due.subject", name), composed{
		Lang: lang, Greeting: tr(lang, "greeting", a.Name), Intro: tr(lang, "agent.due.intro", name, a.UnitName, c.day(last, lang)),
		Lines: []line{{Text: tr(lang, "agent.desk"), URL: c.url("/agents")}}, Footer: tr(lang, "footer"),
	})
	m.Kind = store.MailAgentDue
	return m, err
}

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// month writes "2026-11" as "November 2026".
func (c Composer) month(key, lang string) string {
	t, err := budaya.ParseMonth(key)
	if err != nil {
		return key
	}
	if lang == "en" {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", monthsID[t.Month()-1], t.Year())
}

// day writes a calendar day (no time of day).
func (c Composer) day(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}
