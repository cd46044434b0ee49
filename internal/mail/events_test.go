package mail_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/mail/mailtest"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

const testBase = "https://budaya.example.go.id"

// mailOrg is a root unit and child units, each led by a leader with an
// e-mail address; staff[i] work in units[i] (with addresses too).
type mailOrg struct {
	root    int64
	units   []int64
	leaders []int64
	staff   [][]int64
	names   []string // every staff member's name
}

func makeMailOrg(t *testing.T, db *store.DB, sizes ...int) *mailOrg {
	t.Helper()
	o := &mailOrg{}
	n := 0
	err := db.WriteOrg(context.Background(), budaya.SystemActor("test"), func(w *store.OrgWriter) error {
		root, err := w.CreateUnit(budaya.Unit{Code: "ROOT", Name: "Sekretariat Jenderal", Level: budaya.LevelEselon1})
		if err != nil {
			return err
		}
		o.root = root.ID
		for i, size := range sizes {
			u, err := w.CreateUnit(budaya.Unit{Code: fmt.Sprintf("B%d", i+1), Name: fmt.Sprintf("Biro %d", i+1), Level: budaya.LevelEselon2, ParentID: root.ID})
			if err != nil {
				return err
			}
			o.units = append(o.units, u.ID)
			n++
			lead, err := w.CreateEmployees([]budaya.Employee{{NIP: storetest.NIP(n), Name: fmt.Sprintf("Kepala Biro %d", i+1), UnitID: u.ID,
				Position: "Kepala Biro", Email: fmt.Sprintf("kepala%d@example.go.id", i+1)}})
			if err != nil {
				return err
			}
			o.leaders = append(o.leaders, lead[0])
			var staff []budaya.Employee
			for j := 0; j < size; j++ {
				n++
				name := fmt.Sprintf("Staf Zulkarnain %d-%d", i+1, j+1)
				o.names = append(o.names, name)
				staff = append(staff, budaya.Employee{NIP: storetest.NIP(n), Name: name, UnitID: u.ID, SupervisorID: lead[0], Position: "Analis",
					Email: fmt.Sprintf("staf%d.%d@example.go.id", i+1, j+1)})
			}
			ids, err := w.CreateEmployees(staff)
			if err != nil {
				return err
			}
			o.staff = append(o.staff, ids)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func composer() mail.Composer {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	return mail.Composer{BaseURL: testBase, Loc: loc, From: "Budaya Instansi <budaya@example.go.id>"}
}

// drain sends the whole outbox to srv.
func drain(t *testing.T, db *store.DB, srv *mailtest.Server) int {
	t.Helper()
	cfg := mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone, From: "Budaya Instansi <budaya@example.go.id>", Timeout: 10 * time.Second}
	w := mail.NewWorker(db, mail.NewSMTP(cfg), nil)
	n := 0
	for {
		ok, err := w.SendOne(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return n
		}
		n++
	}
}

// received is a message as Mailpit got it, with its MIME parts decoded.
type received struct {
	mailtest.Message
	parts map[string][]string // media type -> decoded bodies
	ctype map[string]string   // media type -> full Content-Type header
	files map[string]string   // attachment file name -> decoded body
}

func decodePart(enc string, r io.Reader) []byte {
	switch strings.ToLower(enc) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, _ := io.ReadAll(r)
	return b
}

func walk(t *testing.T, h map[string][]string, body io.Reader, rc *received) {
	t.Helper()
	ct := ""
	if v := h["Content-Type"]; len(v) > 0 {
		ct = v[0]
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		t.Fatalf("content type %q: %v", ct, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			walk(t, p.Header, p, rc)
		}
	}
	enc := ""
	if v := h["Content-Transfer-Encoding"]; len(v) > 0 {
		enc = v[0]
	}
	b := decodePart(enc, body)
	if d := h["Content-Disposition"]; len(d) > 0 {
		if disp, dp, err := mime.ParseMediaType(d[0]); err == nil && disp == "attachment" {
			rc.files[dp["filename"]] = string(b)
			return
		}
	}
	rc.parts[mt] = append(rc.parts[mt], string(b))
	rc.ctype[mt] = ct
}

func receive(t *testing.T, srv *mailtest.Server) []received {
	t.Helper()
	var out []received
	for _, m := range srv.Messages(t) {
		raw := srv.Raw(t, m.ID)
		msg, err := netmail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		rc := received{Message: m, parts: map[string][]string{}, ctype: map[string]string{}, files: map[string]string{}}
		walk(t, msg.Header, msg.Body, &rc)
		out = append(out, rc)
	}
	return out
}

// vevent is what the strict check reads from an iCalendar object.
type vevent struct {
	method string
	props  map[string]string // property name -> value (of the VEVENT)
	params map[string]string // property name -> its parameters
}

// parseICS checks an iCalendar object strictly (RFC 5545): CRLF line ends,
// physical lines of at most 75 octets, BEGIN/END balanced and nested,
// VCALENDAR with VERSION:2.0, PRODID and METHOD, one VEVENT with the
// properties a scheduling message needs, times in UTC.
func parseICS(t *testing.T, s string) vevent {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("calendar does not end with CRLF")
	}
	var lines []string
	for _, phys := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.Contains(phys, "\n") || strings.Contains(phys, "\r") {
			t.Fatalf("bare line break in %q", phys)
		}
		if len(phys) > 75 {
			t.Errorf("line of %d octets (over 75): %q", len(phys), phys)
		}
		if strings.HasPrefix(phys, " ") || strings.HasPrefix(phys, "\t") {
			if len(lines) == 0 {
				t.Fatal("continuation line first")
			}
			lines[len(lines)-1] += phys[1:]
			continue
		}
		lines = append(lines, phys)
	}
	var stack []string
	ev := vevent{props: map[string]string{}, params: map[string]string{}}
	cal := map[string]string{}
	events := 0
	for _, l := range lines {
		nameParams, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		name, params, _ := strings.Cut(nameParams, ";")
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				events++
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if len(stack) == 0 {
			t.Fatalf("property %s outside any component", name)
		}
		switch stack[len(stack)-1] {
		case "VCALENDAR":
			cal[name] = value
		case "VEVENT":
			if _, dup := ev.props[name]; dup && name != "ATTENDEE" {
				t.Errorf("property %s twice in VEVENT", name)
			}
			ev.props[name], ev.params[name] = value, params
		}
	}
	if len(stack) != 0 || events != 1 || len(lines) == 0 || lines[0] != "BEGIN:VCALENDAR" {
		t.Fatalf("components: open %v, %d events, first line %q", stack, events, lines[0])
	}
	if cal["VERSION"] != "2.0" || cal["PRODID"] == "" || cal["METHOD"] == "" {
		t.Errorf("VCALENDAR properties %v: want VERSION:2.0, PRODID, METHOD", cal)
	}
	ev.method = cal["METHOD"]
	for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "ORGANIZER", "ATTENDEE", "STATUS"} {
		if ev.props[p] == "" {
			t.Errorf("VEVENT has no %s", p)
		}
	}
	for _, p := range []string{"DTSTAMP", "DTSTART", "DTEND"} {
		if _, err := time.Parse("20060102T150405Z", ev.props[p]); err != nil {
			t.Errorf("%s %q is not a UTC date-time", p, ev.props[p])
		}
	}
	if _, err := strconv.Atoi(ev.props["SEQUENCE"]); err != nil {
		t.Errorf("SEQUENCE %q", ev.props["SEQUENCE"])
	}
	for _, p := range []string{"ORGANIZER", "ATTENDEE"} {
		if !strings.HasPrefix(ev.props[p], "mailto:") {
			t.Errorf("%s %q is not a mailto: address", p, ev.props[p])
		}
	}
	return ev
}

// unescape reads a TEXT value.
func unescape(s string) string {
	return strings.NewReplacer(`\n`, "\n", `\N`, "\n", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(s)
}

func mustRole(t *testing.T, db *store.DB, emp int64, g budaya.RoleGrant, lang string) *budaya.User {
	t.Helper()
	ctx := context.Background()
	u, err := db.GrantEmployeeRole(ctx, budaya.SystemActor("test"), emp, g)
	if err != nil {
		t.Fatal(err)
	}
	if lang != "" {
		if err := db.SetUserLanguage(ctx, u.ID, lang); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

// A session's invitation, its change and its cancellation reach each
// invitee in their language with one calendar object: the same UID, a
// SEQUENCE that rises, METHOD REQUEST then CANCEL. The day-before reminder
// goes out once per person however often the schedule runs.
func TestSessionMailToMailpit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	srv := mailtest.Start(t, mailtest.Options{})
	o := makeMailOrg(t, db, 2, 2)
	mustRole(t, db, o.leaders[1], budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.units[1]}, "en")
	c := composer()
	db.SetMailer(c)
	admin := budaya.SystemActor("test")
	start := time.Now().UTC().Add(20 * time.Hour).Truncate(time.Minute)
	title := "Leader Alignment Session; Eselon II, \"Biro\""
	sess, err := db.CreateAlignmentSession(ctx, admin, budaya.SessionInput{Title: title, StartsAt: start, EndsAt: start.Add(3 * time.Hour),
		Place: "Ruang Rapat Utama, Lantai 5", Agenda: "Pembukaan; penyelarasan komitmen, penandatanganan pakta dan rencana aksi bidang masing-masing unit kerja",
		PledgeTemplate: budaya.DefaultPledgeTemplate})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range o.leaders {
		if err := db.InviteEmployee(ctx, admin, sess.ID, l, 0); err != nil {
			t.Fatal(err)
		}
	}
	// The schedule, run as by two servers: one reminder per invitee.
	sched := mail.Schedule{DB: db, Composer: c}
	total := 0
	for range 3 {
		n, err := sched.SessionReminders(ctx, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		total += n
	}
	if total != 2 {
		t.Errorf("session reminders queued %d times, want 2 (one per invitee)", total)
	}
	in := budaya.SessionInput{Title: title, StartsAt: start.Add(24 * time.Hour), EndsAt: start.Add(27 * time.Hour), Place: "Aula Gedung B",
		Agenda: sess.Agenda, PledgeTemplate: sess.PledgeTemplate}
	if _, err := db.UpdateAlignmentSession(ctx, admin, sess.ID, in); err != nil {
		t.Fatal(err)
	}
	// Changing only the facilitator changes no calendar: nothing is sent.
	in.Facilitator = "Biro SDM"
	if _, err := db.UpdateAlignmentSession(ctx, admin, sess.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := db.CancelAlignmentSession(ctx, admin, sess.ID, "jadwal pimpinan"); err != nil {
		t.Fatal(err)
	}
	if err := db.InviteEmployee(ctx, admin, sess.ID, o.staff[0][0], 0); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("invite to a cancelled session: got %v, want conflict", err)
	}
	if n := drain(t, db, srv); n != 8 {
		t.Fatalf("sent %d messages, want 8 (2 invitations, 2 reminders, 2 changes, 2 cancellations)", n)
	}
	msgs := receive(t, srv)
	type seen struct {
		seq    int
		method string
	}
	byPerson := map[string][]seen{}
	uids := map[string]bool{}
	for i := len(msgs) - 1; i >= 0; i-- { // oldest first
		m := msgs[i]
		to := m.To[0].Address
		if len(m.parts["text/plain"]) != 1 || len(m.parts["text/html"]) != 1 {
			t.Errorf("%s %q: parts %v, want one text and one HTML", to, m.Subject, m.parts)
		}
		link := fmt.Sprintf("%s/alignment/%d", testBase, sess.ID)
		if !strings.Contains(m.parts["text/plain"][0], link) || !strings.Contains(m.parts["text/html"][0], link) {
			t.Errorf("%s %q: no link to %s", to, m.Subject, link)
		}
		english := to == "kepala2@example.go.id"
		if english == strings.HasPrefix(m.parts["text/plain"][0], "Yth. ") || english != strings.HasPrefix(m.parts["text/plain"][0], "Dear ") {
			t.Errorf("%s got %q in the wrong language", to, m.Subject)
		}
		cals := m.parts["text/calendar"]
		if strings.Contains(m.Subject, "Besok") || strings.Contains(m.Subject, "Tomorrow") {
			if len(cals) != 0 {
				t.Errorf("reminder carries a calendar")
			}
			continue
		}
		if len(cals) != 1 || m.files["invite.ics"] != cals[0] {
			t.Fatalf("%s %q: calendar parts %d, attachment %v; want one text/calendar and the same invite.ics", to, m.Subject, len(cals), len(m.files))
		}
		ev := parseICS(t, cals[0])
		_, params, _ := mime.ParseMediaType(m.ctype["text/calendar"])
		if params["method"] != ev.method {
			t.Errorf("Content-Type method %q, METHOD %q", params["method"], ev.method)
		}
		if got := unescape(ev.props["SUMMARY"]); got != title {
			t.Errorf("SUMMARY %q, want %q", got, title)
		}
		if ev.props["ATTENDEE"] != "mailto:"+to || ev.props["ORGANIZER"] != "mailto:budaya@example.go.id" {
			t.Errorf("ATTENDEE %q ORGANIZER %q", ev.props["ATTENDEE"], ev.props["ORGANIZER"])
		}
		uids[ev.props["UID"]] = true
		seq, _ := strconv.Atoi(ev.props["SEQUENCE"])
		byPerson[to] = append(byPerson[to], seen{seq, ev.method})
		if ev.method == mail.MethodRequest && seq > 0 && ev.props["DTSTART"] != start.Add(24*time.Hour).Format("20060102T150405Z") {
			t.Errorf("update DTSTART %s, want the new time", ev.props["DTSTART"])
		}
	}
	if len(uids) != 1 {
		t.Errorf("UIDs %v, want one per session", uids)
	}
	for to, s := range byPerson {
		if len(s) != 3 || s[0].method != "REQUEST" || s[1].method != "REQUEST" || s[2].method != "CANCEL" || !(s[0].seq < s[1].seq && s[1].seq < s[2].seq) {
			t.Errorf("%s: %v; want REQUEST, REQUEST, CANCEL with a rising SEQUENCE", to, s)
		}
	}
}

// The weekly digest counts what waits for each leader, hides the number
// done of a group under K, never names anyone, is queued once per week
// however often it runs, and is not sent to a leader who turned it off.
func TestDigestToMailpit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	srv := mailtest.Start(t, mailtest.Options{})
	o := makeMailOrg(t, db, 3, 8, 6) // units of 4, 9 and 7 survey raters
	actor := budaya.SystemActor("test")
	mustRole(t, db, o.leaders[0], budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.units[0]}, "")
	mustRole(t, db, o.leaders[1], budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.units[1]}, "en")
	off := mustRole(t, db, o.leaders[2], budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: o.units[2]}, "")
	if err := db.SetDigestOff(ctx, budaya.Actor{UserID: off.ID, Name: off.Username}, off.ID, true); err != nil {
		t.Fatal(err)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: "Survei 2026", StartsAt: time.Now().Add(-time.Hour), EndsAt: time.Now().Add(14 * 24 * time.Hour),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 5, UnitIDs: []int64{o.root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, actor, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	// What waits for the leader of the second unit: an overdue action item
	// and a change agent's report.
	if _, err := db.CreateCommitment(ctx, actor, budaya.CommitmentInput{UnitID: o.units[1], Title: "Apel pagi BerAKHLAK setiap Senin",
		Codes: []string{"BP"}, DueDate: time.Now().AddDate(0, 0, -3), OwnerID: o.leaders[1], Measure: "Daftar hadir apel"}); err != nil {
		t.Fatal(err)
	}
	first := time.Date(time.Now().Year(), time.Now().Month(), 1, 0, 0, 0, 0, time.UTC)
	agent, err := db.AppointChangeAgent(ctx, actor, budaya.ChangeAgentInput{UnitID: o.units[1], EmployeeID: o.staff[1][0], DecreeNumber: "SK-9",
		StartsOn: first.AddDate(0, -1, 0).Format("2006-01-02"), EndsOn: first.AddDate(1, 0, 0).Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SubmitAgentReport(ctx, budaya.Actor{UserID: agent.UserID, Name: "agen"}, agent.ID,
		budaya.AgentReportInput{Month: first.Format("2006-01"), Summary: "Kegiatan bulan ini.", Today: time.Now()}, nil); err != nil {
		t.Fatal(err)
	}
	sched := mail.Schedule{DB: db, Composer: composer()}
	now := time.Now()
	dry, n, err := sched.Digests(ctx, now, "2026-W49", true)
	if err != nil || n != 0 || len(dry) != 2 {
		t.Fatalf("dry run: %d built, %d queued, %v; want 2 built, none queued", len(dry), n, err)
	}
	// Four servers at once (or the schedule and an operator): each digest once.
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, _, err := sched.Digests(ctx, now, "2026-W49", false)
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := drain(t, db, srv); got != 2 {
		t.Fatalf("sent %d digests, want 2 (one per leader with the digest on)", got)
	}
	for _, m := range receive(t, srv) {
		text := m.parts["text/plain"][0]
		for _, name := range o.names {
			if strings.Contains(text, name) || strings.Contains(m.parts["text/html"][0], name) {
				t.Errorf("digest to %s names %s", m.To[0].Address, name)
			}
		}
		if !strings.Contains(text, testBase+"/profile") {
			t.Errorf("digest to %s has no link to turn it off", m.To[0].Address)
		}
		switch m.To[0].Address {
		case "kepala1@example.go.id": // 4 tasks, under K
			if !strings.Contains(text, "4 tugas; jumlah yang selesai tidak ditampilkan") || strings.Contains(text, "dari 4") {
				t.Errorf("digest of the small unit shows its count:\n%s", text)
			}
			if strings.Contains(text, "melewati tenggat") || strings.Contains(text, "laporan agen") || strings.Contains(text, "Apel pagi") {
				t.Errorf("digest of the small unit shows another unit's items:\n%s", text)
			}
		case "kepala2@example.go.id": // 9 tasks, in English
			if !strings.Contains(text, "0 of 9 tasks done") || !strings.HasPrefix(m.Subject, "Leader's weekly digest") {
				t.Errorf("digest of the larger unit:\n%s %s", m.Subject, text)
			}
			if !strings.Contains(text, "1 action items are past their due date") || !strings.Contains(text, "Apel pagi BerAKHLAK") ||
				!strings.Contains(text, testBase+"/commitments/") || !strings.Contains(text, "1 change-agent reports wait for your decision") ||
				!strings.Contains(text, testBase+"/agents") {
				t.Errorf("digest of the larger unit lacks its overdue item or the agent's report:\n%s", text)
			}
		default:
			t.Errorf("digest to %s, who turned it off or leads nothing", m.To[0].Address)
		}
	}
	// The opt-out is audited.
	entries, _, err := db.ListAudit(ctx, budaya.AuditFilter{Action: "set_digest", Page: 1, PerPage: 10})
	if err != nil || len(entries) != 1 {
		t.Errorf("audit of the digest setting: %d entries, %v; want 1", len(entries), err)
	}
	// The period closes: next week's digest links its new figures.
	if err := db.ClosePeriod(ctx, actor, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, n, err := sched.Digests(ctx, time.Now(), "2026-W50", false); err != nil || n != 2 {
		t.Fatalf("next week's digests: %d, %v; want 2", n, err)
	}
	drain(t, db, srv)
	figures := 0
	for _, m := range receive(t, srv) {
		if strings.Contains(m.parts["text/plain"][0], fmt.Sprintf("%s/index?period=%d", testBase, p.ID)) {
			figures++
			if strings.Contains(m.parts["text/plain"][0], "tugas selesai") || strings.Contains(m.parts["text/plain"][0], "tasks done") {
				t.Errorf("digest after closing still shows the response rate of a closed period")
			}
		}
	}
	if figures != 2 {
		t.Errorf("%d digests link the new figures, want 2", figures)
	}
}

// A signed pledge sends its receipt with the verification link; a returned
// agent report sends the comment to the agent; an agent without the month's
// report is reminded once near the month's end.
func TestPledgeAndAgentMailToMailpit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	srv := mailtest.Start(t, mailtest.Options{})
	o := makeMailOrg(t, db, 2)
	c := composer()
	db.SetMailer(c)
	sys := budaya.SystemActor("test")
	const pw = "Rahasia-Sekali-2026"
	lead, err := db.CreateUser(ctx, sys, budaya.UserInput{Username: "kepala1", Password: pw, EmployeeID: o.leaders[0],
		Roles: []budaya.RoleGrant{{Role: budaya.RolePimpinan, UnitID: o.units[0]}}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	sess, err := db.CreateAlignmentSession(ctx, sys, budaya.SessionInput{Title: "LAS 2026", StartsAt: now.Add(-time.Hour), EndsAt: now.Add(2 * time.Hour),
		Place: "Aula", PledgeTemplate: budaya.DefaultPledgeTemplate})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.InviteEmployee(ctx, sys, sess.ID, o.leaders[0], o.units[0]); err != nil {
		t.Fatal(err)
	}
	p, err := db.SignPledge(ctx, budaya.Actor{UserID: lead.ID, Name: lead.Username}, budaya.SignInput{SessionID: sess.ID, UnitID: o.units[0],
		Signer: lead, Password: pw, TypedName: "Kepala Biro 1"})
	if err != nil {
		t.Fatal(err)
	}
	loc := c.Loc
	today := now.In(loc)
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, loc)
	var agents []*budaya.ChangeAgent
	for _, emp := range o.staff[0] {
		a, err := db.AppointChangeAgent(ctx, sys, budaya.ChangeAgentInput{UnitID: o.units[0], EmployeeID: emp, DecreeNumber: "SK-7/2026",
			StartsOn: first.AddDate(0, -1, 0).Format("2006-01-02"), EndsOn: first.AddDate(1, 0, 0).Format("2006-01-02")})
		if err != nil {
			t.Fatal(err)
		}
		agents = append(agents, a)
	}
	rep, err := db.SubmitAgentReport(ctx, budaya.Actor{UserID: agents[0].UserID, Name: "agen"}, agents[0].ID,
		budaya.AgentReportInput{Month: first.Format("2006-01"), Summary: "Tiga kegiatan internalisasi.", Today: today}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const comment = "Lengkapi dengan foto kegiatan dan daftar hadir."
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: lead.ID, Name: lead.Username}, rep.ID, false, comment); err != nil {
		t.Fatal(err)
	}
	// Near the month's end, twice (two servers): the agent without a report, once.
	sched := mail.Schedule{DB: db, Composer: c}
	lastDay := first.AddDate(0, 1, -1).Add(10 * time.Hour)
	due := 0
	for range 2 {
		n, err := sched.AgentReportsDue(ctx, lastDay)
		if err != nil {
			t.Fatal(err)
		}
		due += n
	}
	if due != 1 {
		t.Errorf("agent reports due queued %d, want 1 (the agent without a report, once)", due)
	}
	if n, err := sched.AgentReportsDue(ctx, first.AddDate(0, 0, 9)); err != nil || n != 0 {
		t.Errorf("agent reports due on the 10th: %d, %v; want none", n, err)
	}
	if n := drain(t, db, srv); n != 4 {
		t.Fatalf("sent %d, want 4 (session invitation, pledge receipt, returned report, report due)", n)
	}
	got := map[string]string{}
	for _, m := range receive(t, srv) {
		got[m.To[0].Address+" "+strings.SplitN(m.Subject, " ", 2)[0]] = m.parts["text/plain"][0] + m.parts["text/html"][0]
	}
	receipt := got["kepala1@example.go.id Tanda"]
	if !strings.Contains(receipt, testBase+"/verify/"+p.SHA256) || !strings.Contains(receipt, fmt.Sprintf("%s/pledges/%d", testBase, p.ID)) {
		t.Errorf("pledge receipt without its links: %q (have %v)", receipt, keys(got))
	}
	returned := got["staf1.1@example.go.id Laporan"]
	if !strings.Contains(returned, comment) || !strings.Contains(returned, testBase+"/agents") {
		t.Errorf("returned report message: %q (have %v)", returned, keys(got))
	}
	if reminder := got["staf1.2@example.go.id Laporan"]; !strings.Contains(reminder, "belum dikirim") {
		t.Errorf("report due message: %q (have %v)", reminder, keys(got))
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
