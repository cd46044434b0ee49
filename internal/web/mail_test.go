package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/mail/mailtest"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

const mailBase = "https://budaya.example.go.id"

// mailWorld is an instansi of one unit with six staff, mail sent to a real
// SMTP server, and a period opened through the pages.
type mailWorld struct {
	ts       *testServer
	smtp     *mailtest.Server
	org      *storetest.Org
	periodID int64
	emails   map[int64]string // employee id -> address; the last staff member has none
	users    map[string]int64
}

func newMailWorld(t *testing.T) *mailWorld { t.Helper(); return newMailWorldWith(t, nil) }

// newMailWorldWith is newMailWorld with the server's configuration changed
// by cfg, which is given the server's own address.
func newMailWorldWith(t *testing.T, cfg func(c *web.Config, url string)) *mailWorld {
	t.Helper()
	db := storetest.Open(t)
	smtp := mailtest.Start(t, mailtest.Options{})
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sender := mail.NewSMTP(mail.Config{Host: smtp.Host(), Port: smtp.Port(), TLS: mail.TLSNone, From: "Budaya <budaya@example.go.id>", Timeout: 10 * time.Second})
	hs := httptest.NewUnstartedServer(nil)
	c := web.Config{DB: db, Version: "test", Blobs: blobs, BaseURL: mailBase, Mail: sender, Location: time.UTC}
	if cfg != nil {
		cfg(&c, "http://"+hs.Listener.Addr().String())
	}
	srv, err := web.New(c)
	if err != nil {
		t.Fatal(err)
	}
	hs.Config.Handler = srv.Handler()
	hs.Start()
	t.Cleanup(hs.Close)
	w := &mailWorld{ts: &testServer{Server: hs, db: db, srv: srv}, smtp: smtp, org: storetest.MakeOrg(t, db, 1, 6), emails: map[int64]string{}, users: map[string]int64{}}
	w.ts.mustUser(t, "adm", budaya.RoleAdmin)
	people := append([]int64{w.org.Head, w.org.Leaders[0]}, w.org.Staff[0]...)
	for i, id := range people {
		name := fmt.Sprintf("peg%d", i)
		if _, err := db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: name, Password: testPassword, EmployeeID: id,
			Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}); err != nil {
			t.Fatal(err)
		}
		w.users[name] = id
		if i == len(people)-1 {
			continue // no address: no mail, and no error
		}
		e, err := db.FindEmployee(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		e.Email = fmt.Sprintf("pegawai%d@example.go.id", i)
		if _, err := db.UpdateEmployee(ctx, budaya.SystemActor("test"), id, *e); err != nil {
			t.Fatal(err)
		}
		w.emails[id] = e.Email
	}
	// peg2 reads budaya in English: they switch the language while signed in.
	if res, _ := w.ts.login(t, "peg2").get("/lang/en"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("switch language: got %d", res.StatusCode)
	}
	adm := w.ts.login(t, "adm")
	res := adm.postForm("/periods", url.Values{"name": {"Survei 2026"}, "starts_at": {"2026-01-05"}, "ends_at": {"2026-02-05"},
		"has_survey": {"1"}, "min_group": {"5"}, "max_peers": {"0"}, "units": {fmt.Sprint(w.org.Root)}})
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/periods/%d", &w.periodID); err != nil {
		t.Fatalf("create period: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := adm.postForm(fmt.Sprintf("/periods/%d/open", w.periodID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("open period: got %d", res.StatusCode)
	}
	if ran, err := srv.Jobs().RunOnce(ctx); !ran || err != nil {
		t.Fatalf("run generation job: %v %v", ran, err)
	}
	return w
}

// drain sends the whole outbox and returns what the SMTP server received.
func (w *mailWorld) drain(t *testing.T) []mailtest.Message {
	t.Helper()
	for {
		sent, err := w.ts.srv.MailWorker().SendOne(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !sent {
			return w.smtp.Messages(t)
		}
	}
}

// openTasks maps each rater with an address and open tasks to those tasks' ids.
func (w *mailWorld) openTasks(t *testing.T) map[string][]int64 {
	t.Helper()
	out := map[string][]int64{}
	for id, addr := range w.emails {
		tasks, _, err := w.ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: id, PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range tasks {
			if tk.Status == budaya.TaskOpen {
				out[addr] = append(out[addr], tk.ID)
			}
		}
	}
	return out
}

var taskLink = regexp.MustCompile(regexp.QuoteMeta(mailBase) + `/tasks/(\d+)`)

func TestPeriodInvitationsAndReminders(t *testing.T) {
	t.Parallel()
	w := newMailWorld(t)
	want := w.openTasks(t)
	if len(want) != 7 {
		t.Fatalf("raters with an address and tasks: got %d, want 7", len(want))
	}
	got := w.drain(t)
	if len(got) != len(want) {
		t.Fatalf("invitations received: got %d, want %d (one per rater with an address)", len(got), len(want))
	}
	for _, m := range got {
		addr := m.To[0].Address
		tasks, ok := want[addr]
		if !ok {
			t.Errorf("invitation to %s, who is not a rater with an address", addr)
			continue
		}
		links := taskLink.FindAllStringSubmatch(m.Text, -1)
		if len(links) != len(tasks) || links[0][1] != fmt.Sprint(tasks[0]) {
			t.Errorf("invitation to %s links %v, want its tasks %v", addr, links, tasks)
		}
		if !strings.Contains(m.HTML, `href="`+mailBase+fmt.Sprintf("/tasks/%d", tasks[0])+`"`) {
			t.Errorf("invitation HTML to %s has no link to its task", addr)
		}
		en := addr == w.emails[w.users["peg2"]]
		if en && (!strings.Contains(m.Subject, "Invitation") || !strings.Contains(m.Text, "5 February 2026")) {
			t.Errorf("invitation to the English reader: subject %q, text %q", m.Subject, m.Text)
		}
		if !en && (!strings.Contains(m.Subject, "Undangan") || !strings.Contains(m.Text, "5 Februari 2026")) {
			t.Errorf("invitation in Indonesian: subject %q, text %q", m.Subject, m.Text)
		}
	}
	// The generation job run again (a retry) does not invite twice.
	if _, err := w.ts.srv.Jobs().Enqueue(ctx, budaya.SystemActor("test"), "measure.generate_tasks", map[string]int64{"period_id": w.periodID}); err != nil {
		t.Fatal(err)
	}
	if ran, err := w.ts.srv.Jobs().RunOnce(ctx); !ran || err != nil {
		t.Fatalf("run generation job again: %v %v", ran, err)
	}
	if _, n, err := w.ts.db.ListMail(ctx, budaya.MailFilter{PerPage: 500}); err != nil || n != len(want) {
		t.Fatalf("outbox holds %d messages (%v), want %d", n, err, len(want))
	}

	// peg3 answers; the admin sends reminders from the period page.
	c := w.ts.login(t, "peg3")
	task := want[w.emails[w.users["peg3"]]][0]
	if res, body := c.postJSONH(fmt.Sprintf("/api/v1/tasks/%d/answers", task), allAnswers(4, "")); res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
		t.Fatalf("peg3 answers: got %d %s", res.StatusCode, body)
	}
	adm := w.ts.login(t, "adm")
	_, page := adm.get(fmt.Sprintf("/periods/%d", w.periodID))
	if !strings.Contains(page, fmt.Sprintf(`action="/periods/%d/remind"`, w.periodID)) {
		t.Fatal("period page: no button to send reminders")
	}
	if res := adm.postForm(fmt.Sprintf("/periods/%d/remind", w.periodID), nil); res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "reminders_queued") {
		t.Fatalf("remind: got %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	// A second click in the same minute is the same round.
	if res := adm.postForm(fmt.Sprintf("/periods/%d/remind", w.periodID), nil); !strings.Contains(res.Header.Get("Location"), "reminders_already") {
		t.Errorf("second click: got %q, want the round already queued", res.Header.Get("Location"))
	}
	// The outbox does not show who is being reminded, before or after sending.
	_, outbox := adm.get("/admin/mail?status=queued")
	if strings.Contains(outbox, "@example.go.id") || !strings.Contains(outbox, "dirahasiakan") {
		t.Errorf("outbox page shows the recipients of reminders")
	}
	all := w.drain(t)
	reminders := all[:len(all)-len(got)] // newest first
	if len(reminders) != len(want)-1 {
		t.Fatalf("reminders: got %d, want %d (everyone with an address but the one who answered)", len(reminders), len(want)-1)
	}
	for _, m := range reminders {
		if m.To[0].Address == w.emails[w.users["peg3"]] {
			t.Errorf("reminder sent to p3, who has answered")
		}
		if len(m.To) != 1 {
			t.Errorf("reminder to %d recipients, want 1", len(m.To))
		}
	}
	sent, _, err := w.ts.db.ListMail(ctx, budaya.MailFilter{Status: store.MailSent, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range sent {
		if m.Kind == store.MailReminder && (m.To != "" || m.Text != "" || m.HTML != "") {
			t.Errorf("sent reminder %d keeps its recipient or text", m.ID)
		}
	}
	// The audit of the round holds counts only.
	entries, _, err := w.ts.db.ListAudit(ctx, budaya.AuditFilter{Action: "mail_round", PerPage: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("mail_round audit entries: got %d, want 2 (invitation, reminder)", len(entries))
	}
	for _, e := range entries {
		if strings.Contains(e.NewValue, "@") || strings.Contains(e.NewValue, "employee") {
			t.Errorf("round audit reveals people: %s", e.NewValue)
		}
	}
}

func TestReminderSchedule(t *testing.T) {
	t.Parallel()
	w := newMailWorld(t)
	adm := w.ts.login(t, "adm")
	path := fmt.Sprintf("/periods/%d/reminders", w.periodID)
	if res, body := adm.postFormBody(path, url.Values{"days": {"7,x"}}); res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "7,3,1") {
		t.Errorf("bad schedule: got %d, want a 4xx that shows the form to write", res.StatusCode)
	}
	if res := adm.postForm(path, url.Values{"days": {"1, 7,3"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save schedule: got %d", res.StatusCode)
	}
	if _, page := adm.get(fmt.Sprintf("/periods/%d", w.periodID)); !strings.Contains(page, `value="7,3,1"`) {
		t.Error("period page does not show the saved schedule 7,3,1")
	}
	if res := w.ts.login(t, "peg1").postForm(path, url.Values{"days": {"1"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("pegawai sets the schedule: got %d, want 403", res.StatusCode)
	}
	invitations := len(w.drain(t))
	p, err := w.ts.db.FindPeriod(ctx, w.periodID)
	if err != nil {
		t.Fatal(err)
	}
	rounds := mail.Rounds{DB: w.ts.db, Composer: mail.Composer{BaseURL: mailBase}}
	// Eight days before the due date nothing is due; five days before, the 7-day round; again, nothing new.
	for _, tc := range []struct {
		before time.Duration
		total  int
	}{
		{8 * 24 * time.Hour, invitations},
		{5 * 24 * time.Hour, 2 * invitations},
		{5*24*time.Hour - time.Hour, 2 * invitations},
		{12 * time.Hour, 3 * invitations},
	} {
		if err := rounds.RemindDue(ctx, p.EndsAt.Add(-tc.before)); err != nil {
			t.Fatal(err)
		}
		if _, n, err := w.ts.db.ListMail(ctx, budaya.MailFilter{PerPage: 1}); err != nil || n != tc.total {
			t.Errorf("%v before the due date: outbox holds %d (%v), want %d", tc.before, n, err, tc.total)
		}
	}
	for _, key := range []string{"reminder-7d", "reminder-1d"} {
		if ok, err := w.ts.db.RoundSent(ctx, w.periodID, key); err != nil || !ok {
			t.Errorf("round %s not recorded (%v)", key, err)
		}
	}
	if ok, _ := w.ts.db.RoundSent(ctx, w.periodID, "reminder-3d"); ok {
		t.Error("round reminder-3d was sent although 1d was the one due")
	}
}

func TestHomeTodos(t *testing.T) {
	t.Parallel()
	w := newMailWorld(t)
	_, body := w.ts.login(t, "peg3").get("/")
	if !strings.Contains(body, "Menunggu Anda") || !strings.Contains(body, "1 tugas penilaian belum dijawab") || !strings.Contains(body, `href="/tasks"`) {
		t.Errorf("pegawai's home: want their open task and the due date")
	}
	// Once answered, the task leaves the list.
	c := w.ts.login(t, "peg3")
	tasks := w.openTasks(t)[w.emails[w.users["peg3"]]]
	if res, body := c.postJSONH(fmt.Sprintf("/api/v1/tasks/%d/answers", tasks[0]), allAnswers(3, "")); res.StatusCode/100 != 2 {
		t.Fatalf("answer: %d %s", res.StatusCode, body)
	}
	if _, body := c.get("/"); strings.Contains(body, "tugas penilaian belum dijawab") || !strings.Contains(body, "Tidak ada yang menunggu") {
		t.Errorf("after answering: the task is still listed")
	}
	// An admin sees mail that failed.
	id, err := w.ts.db.QueueMail(ctx, budaya.SystemActor("test"), store.NewMail{Kind: store.MailTest, To: "x@example.go.id", Subject: "x", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	for {
		m, err := w.ts.db.ClaimMail(ctx, "w", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if m.ID == id {
			break
		}
		if err := w.ts.db.MailSent(ctx, m.ID, "w", "250"); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.ts.db.MailNotSent(ctx, id, "w", "550 no such mailbox", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, body := w.ts.login(t, "adm").get("/"); !strings.Contains(body, "1 surel gagal terkirim") || !strings.Contains(body, `href="/admin/mail?status=failed"`) {
		t.Errorf("admin's home: want the failed mail")
	}
	if _, body := w.ts.login(t, "peg4").get("/"); strings.Contains(body, "surel gagal") {
		t.Errorf("a pegawai sees the admin's to-dos")
	}
}
