package mail

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// texts are the words of the messages: key -> [0] Bahasa Indonesia, [1] English.
// TestTexts fails on a key without both languages.
var texts = map[string][2]string{
	"invitation.subject": {"Undangan penilaian budaya kerja: %s", "Invitation to the work-culture assessment: %s"},
	"invitation.intro":   {"Periode %s telah dibuka. Mohon selesaikan tugas berikut paling lambat %s.", "The period %s is open. Please complete the tasks below by %s."},
	"reminder.subject":   {"Pengingat: %d tugas penilaian menunggu Anda (tenggat %s)", "Reminder: %d assessment tasks are waiting for you (due %s)"},
	"reminder.intro":     {"Tugas berikut pada periode %s belum selesai. Tenggatnya %s.", "The tasks below in the period %s are not finished yet. They are due %s."},
	"greeting":           {"Yth. %s,", "Dear %s,"},
	"task.survey":        {"Survei budaya kerja unit %s", "Work-culture survey of the unit %s"},
	"task.self":          {"Penilaian 360: diri sendiri", "360 assessment: yourself"},
	"task.other":         {"Penilaian 360: %s", "360 assessment: %s"},
	"all_tasks":          {"Semua tugas Anda", "All your tasks"},
	"anonymous":          {"Jawaban survei dan penilaian rekan kerja tidak dapat dikaitkan dengan Anda: pimpinan hanya melihat hasil kelompok.", "Survey answers and peer ratings cannot be traced to you: leaders see group results only."},
	"footer":             {"Surel ini dikirim otomatis oleh budaya; jangan dibalas.", "This message was sent by budaya; please do not reply."},
	"test.subject":       {"Surel uji budaya", "budaya test message"},
	"test.body":          {"Surel ini menguji pengaturan SMTP budaya. Jika Anda menerimanya, pengiriman berjalan.", "This message tests budaya's SMTP settings. If you received it, sending works."},
}

func tr(lang, key string, args ...any) string {
	pair, ok := texts[key]
	if !ok {
		pair = eventTexts[key]
	}
	t := pair[0]
	if lang == "en" {
		t = pair[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(t, args...)
	}
	return t
}

// Composer writes messages in the recipient's language, with links to the
// exact page each needs on the public address of budaya.
type Composer struct {
	BaseURL string         // e.g. https://budaya.example.go.id (--base-url)
	Loc     *time.Location // the instansi's time zone, for due dates
	From    string         // the sender (--mail-from): the ORGANIZER of calendar invitations
	Now     func() time.Time
}

func (c Composer) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

type line struct{ Text, URL string }

type composed struct {
	Lang, Greeting, Intro, Anonymous, Footer, AllLabel, AllURL string
	Details                                                    []string // paragraphs after the intro
	Lines                                                      []line
}

var htmlBody = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"></head>
<body style="font-family: sans-serif; color: #1a1a1a; line-height: 1.5">
<p>{{.Greeting}}</p>
<p>{{.Intro}}</p>
{{range .Details}}<p style="white-space: pre-line">{{.}}</p>
{{end}}{{if .Lines}}<ul>{{range .Lines}}<li><a href="{{.URL}}">{{.Text}}</a></li>{{end}}</ul>{{end}}
{{if .AllURL}}<p><a href="{{.AllURL}}">{{.AllLabel}}</a></p>{{end}}
{{if .Anonymous}}<p>{{.Anonymous}}</p>{{end}}
<p style="color: #555; font-size: 0.9em">{{.Footer}}</p>
</body></html>
`))

func (c Composer) url(path string) string { return strings.TrimRight(c.BaseURL, "/") + path }

func (c Composer) date(t time.Time, lang string) string {
	loc := c.Loc
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	if lang == "en" {
		return t.Format("2 January 2006 15:04 MST")
	}
	months := [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
	return fmt.Sprintf("%d %s %d pukul %s", t.Day(), months[t.Month()-1], t.Year(), t.Format("15:04 MST"))
}

func (c Composer) render(to, toName, subject string, m composed) (store.NewMail, error) {
	var text strings.Builder
	fmt.Fprintf(&text, "%s\n\n%s\n\n", m.Greeting, m.Intro)
	for _, d := range m.Details {
		fmt.Fprintf(&text, "%s\n\n", d)
	}
	for _, l := range m.Lines {
		fmt.Fprintf(&text, "- %s\n  %s\n", l.Text, l.URL)
	}
	if m.AllURL != "" {
		fmt.Fprintf(&text, "\n%s: %s\n", m.AllLabel, m.AllURL)
	}
	if m.Anonymous != "" {
		fmt.Fprintf(&text, "\n%s\n", m.Anonymous)
	}
	fmt.Fprintf(&text, "\n-- \n%s\n", m.Footer)
	var html bytes.Buffer
	if err := htmlBody.Execute(&html, m); err != nil {
		return store.NewMail{}, fmt.Errorf("compose mail: %w", err)
	}
	return store.NewMail{To: to, ToName: toName, Subject: subject, Text: text.String(), HTML: html.String()}, nil
}

func (c Composer) taskLines(r store.Rater) []line {
	out := make([]line, 0, len(r.Tasks))
	for _, t := range r.Tasks {
		var text string
		switch {
		case t.Instrument == budaya.InstrumentSurvey:
			text = tr(r.Language, "task.survey", t.UnitName)
		case t.RaterGroup == "self":
			text = tr(r.Language, "task.self")
		default:
			text = tr(r.Language, "task.other", t.RateeName)
		}
		out = append(out, line{Text: text, URL: c.url(fmt.Sprintf("/tasks/%d", t.TaskID))})
	}
	return out
}

// Invitation is the message telling rater r that period p is open, with their tasks and the due date.
func (c Composer) Invitation(p *budaya.Period, r store.Rater) (store.NewMail, error) {
	lang := r.Language
	m, err := c.render(r.Email, r.Name, tr(lang, "invitation.subject", p.Name), composed{
		Lang: lang, Greeting: tr(lang, "greeting", r.Name), Intro: tr(lang, "invitation.intro", p.Name, c.date(p.EndsAt, lang)),
		Lines: c.taskLines(r), AllLabel: tr(lang, "all_tasks"), AllURL: c.url("/tasks"),
		Anonymous: tr(lang, "anonymous"), Footer: tr(lang, "footer"),
	})
	m.Kind = store.MailInvitation
	return m, err
}

// Reminder is the message telling rater r which of their tasks in period p
// are still open. It is private: no one else learns that r was reminded.
func (c Composer) Reminder(p *budaya.Period, r store.Rater) (store.NewMail, error) {
	lang := r.Language
	due := c.date(p.EndsAt, lang)
	m, err := c.render(r.Email, r.Name, tr(lang, "reminder.subject", len(r.Tasks), due), composed{
		Lang: lang, Greeting: tr(lang, "greeting", r.Name), Intro: tr(lang, "reminder.intro", p.Name, due),
		Lines: c.taskLines(r), AllLabel: tr(lang, "all_tasks"), AllURL: c.url("/tasks"),
		Anonymous: tr(lang, "anonymous"), Footer: tr(lang, "footer"),
	})
	m.Kind, m.Private = store.MailReminder, true
	return m, err
}

// Test is the message of `budaya mail test`, in both languages.
func (c Composer) Test(to string) (store.NewMail, error) {
	m, err := c.render(to, "", tr("id", "test.subject")+" / "+tr("en", "test.subject"), composed{
		Lang: "id", Greeting: tr("id", "test.body"), Intro: tr("en", "test.body"), Footer: tr("id", "footer"),
	})
	m.Kind = store.MailTest
	return m, err
}
