package web_test

import (
	"encoding/json"
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
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/web"
)

// setLang sets the language cookie of c, as the language switch does.
func (c *client) setLang(lang string) {
	u, _ := url.Parse(c.ts.URL)
	c.http.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: lang, Path: "/"}})
}

// Issue 16.11: the methodology and the dashboard read the national reference
// from berakhlak.json, and write it the way the page's language does.
func TestNationalReferenceOneSource(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	_, body := c.get("/index/methodology")
	for _, want := range []string{"2022 = 60,9", "2023 = 61,1", "936.476 responden"} {
		if !strings.Contains(body, want) {
			t.Errorf("methodology (id): want %q in the reference line", want)
		}
	}
	_, body = c.get("/index")
	if !strings.Contains(body, "2022: 60,9") {
		t.Errorf("dashboard (id): want the 2022 reference 60,9")
	}
	c.setLang("en")
	_, body = c.get("/index/methodology")
	for _, want := range []string{"2022 = 60.9", "2023 = 61.1", "936,476 respondents"} {
		if !strings.Contains(body, want) {
			t.Errorf("methodology (en): want %q in the reference line", want)
		}
	}
}

// Issue 16.4: a survey reopens in the mode and at the place the rater left
// it, says which behaviour of how many is on the screen, and an incomplete
// submission names the missing behaviours with links to their marked
// questions.
func TestTaskResumeModePlaceAndMissing(t *testing.T) {
	f := newMeasureFixture(t)
	c := f.ts.login(t, "peg1")
	id := f.task(t, "peg1", budaya.InstrumentSurvey, budaya.GroupMember, 0)
	path := fmt.Sprintf("/tasks/%d", id)
	if res := c.postForm(path, url.Values{"score_BP1": {"4"}, "score_BP2": {"5"}, "action": {"draft"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save draft: got %d, want 303", res.StatusCode)
	}
	// A new visit in one-page mode is brought to the first open behaviour.
	_, body := c.get(path)
	if !strings.Contains(body, `data-resume="b-BP3"`) {
		t.Errorf("one-page resume: want the form to open at BP3")
	}
	if !strings.Contains(body, `data-elsewhere="0"`) || !strings.Contains(body, `data-template="Terjawab 1001 dari 1002"`) || !strings.Contains(body, "Terjawab 2 dari 21") {
		t.Errorf("progress: want the label with its template for the page's script and 2 of 21")
	}
	// Choosing one behaviour per screen is remembered, and the screen is the first open one.
	_, body = c.get(path + "?mode=step")
	if !strings.Contains(body, "Perilaku 3 dari 21") || !strings.Contains(body, `name="score_BP3"`) || strings.Contains(body, `name="score_BP1"`) {
		t.Errorf("step mode: want behaviour 3 of 21 (BP3) alone on the screen")
	}
	if !strings.Contains(body, `data-elsewhere="2"`) {
		t.Errorf("step mode: want 2 answered on other screens")
	}
	_, body = c.get(path)
	if !strings.Contains(body, "Perilaku 3 dari 21") {
		t.Errorf("reopening: want the remembered mode (one behaviour per screen) at behaviour 3")
	}
	_, body = c.get(path + "?step=7")
	if !strings.Contains(body, "Perilaku 7 dari 21") || !strings.Contains(body, `name="score_KO1"`) {
		t.Errorf("explicit step: want behaviour 7 (KO1)")
	}
	_, body = c.get(path + "?mode=all")
	if strings.Contains(body, "Perilaku 3 dari 21") || !strings.Contains(body, `name="score_KL3"`) {
		t.Errorf("one-page mode: want every behaviour")
	}
	if _, body = c.get(path); strings.Contains(body, " dari 21</p>") || !strings.Contains(body, `name="score_KL3"`) {
		t.Errorf("reopening after choosing one page: want one page again")
	}
	// The anonymity note stands above the submit button.
	note, button := strings.Index(body, "Jawaban Anda anonim"), strings.Index(body, `value="submit"`)
	if note < 0 || button < 0 || note > button {
		t.Errorf("anonymity note at %d, submit button at %d: want the note above the button", note, button)
	}
	// An incomplete submission lists what is missing by name, linked and marked.
	res, body := c.postFormBody(path, url.Values{"score_BP3": {"3"}, "action": {"submit"}, "key": {"k1"}, "step": {"3"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete submit: got %d, want 422", res.StatusCode)
	}
	if !strings.Contains(body, "Masih ada 18 dari 21 perilaku yang belum dijawab") {
		t.Errorf("incomplete submit: want how many are missing")
	}
	if !regexp.MustCompile(`<a href="#b-AK1"><span class="code">AK1</span> [^<]+</a>`).MatchString(body) {
		t.Errorf("incomplete submit: want a link to AK1 with its name")
	}
	if !strings.Contains(body, `class="behaviour missing" id="b-AK1"`) || strings.Contains(body, `class="behaviour missing" id="b-BP3"`) {
		t.Errorf("incomplete submit: want AK1 marked in the form and BP3 (just answered) not")
	}
	if !strings.Contains(body, `id="b-KL3"`) {
		t.Errorf("incomplete submit: want every behaviour on the page so each link has its target")
	}
}

// Issue 16.4: peers may answer "tidak dapat menilai"; the choice is kept in
// the draft, counts for completeness, and is never stored as an answer.
func TestPeerCannotRate(t *testing.T) {
	f := newMeasureFixture(t)
	ratee := f.users["peg1"]
	var peer string
	var taskID int64
	for name, emp := range f.users {
		ts, _, _ := f.ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: emp, Instrument: budaya.Instrument360, PerPage: 100})
		for _, tk := range ts {
			if tk.RaterGroup == budaya.GroupPeer && tk.RateeEmployeeID == ratee {
				peer, taskID = name, tk.ID
			}
		}
	}
	if peer == "" {
		t.Fatal("no peer task about peg1")
	}
	c := f.ts.login(t, peer)
	path := fmt.Sprintf("/tasks/%d", taskID)
	_, body := c.get(path)
	if !strings.Contains(body, `name="score_HA2" value="0"`) || !strings.Contains(body, "Tidak dapat menilai") {
		t.Fatalf("peer task: want a cannot-rate choice")
	}
	// Not for the survey, the self assessment or the atasan.
	for _, tk := range []struct {
		user, instrument, group string
		ratee                   int64
	}{{"peg1", budaya.InstrumentSurvey, budaya.GroupMember, 0}, {"peg1", budaya.Instrument360, budaya.GroupSelf, ratee}, {"kabiro", budaya.Instrument360, budaya.GroupAtasan, ratee}} {
		p := fmt.Sprintf("/tasks/%d", f.task(t, tk.user, tk.instrument, tk.group, tk.ratee))
		uc := f.ts.login(t, tk.user)
		if _, b := uc.get(p); strings.Contains(b, "Tidak dapat menilai") {
			t.Errorf("%s task: offers cannot rate", tk.group)
		}
		if res, b := uc.postFormBody(p, url.Values{"score_BP1": {"0"}, "action": {"draft"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b, "harus 1 sampai 5") {
			t.Errorf("%s draft with score 0: got %d, want 422", tk.group, res.StatusCode)
		}
	}
	if res := c.postForm(path, url.Values{"score_HA2": {"0"}, "comment_HA2": {"tidak pernah lihat"}, "action": {"draft"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("draft with cannot rate: got %d, want 303", res.StatusCode)
	}
	if _, body = c.get(path); !regexp.MustCompile(`name="score_HA2" value="0" checked`).MatchString(body) || !strings.Contains(body, "Terjawab 1 dari 21") {
		t.Errorf("resumed peer task: want HA2 = cannot rate, counted as answered")
	}
	form := url.Values{"action": {"submit"}, "key": {"peer-1"}}
	for code := range strings.SplitSeq("BP1 BP2 BP3 AK1 AK2 AK3 KO1 KO2 KO3 HA1 HA3 LO1 LO2 LO3 AD1 AD2 AD3 KL1 KL2 KL3", " ") {
		form.Set("score_"+code, "4")
	}
	if res, b := c.postFormBody(path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit with one cannot rate: got %d, want 303: %s", res.StatusCode, b)
	}
	if tk, err := f.ts.db.FindTask(ctx, taskID); err != nil || tk.Status != budaya.TaskCompleted {
		t.Errorf("peer task after submitting: got %+v (%v), want completed", tk, err)
	}
}

// Issue 16.4: when one of three peers cannot rate a behaviour, that
// behaviour's peer cell has two anonymous raters and is hidden like a small
// group; the other behaviours show the three.
func TestCannotRateHidesASmallCell(t *testing.T) {
	f := newMeasureFixture(t)
	ratee := f.users["peg1"]
	var peers []string
	for name, emp := range f.users {
		ts, _, _ := f.ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: emp, Instrument: budaya.Instrument360, PerPage: 100})
		for _, tk := range ts {
			if tk.RaterGroup == budaya.GroupPeer && tk.RateeEmployeeID == ratee {
				peers = append(peers, name)
			}
		}
	}
	if len(peers) != 3 {
		t.Fatalf("peers of peg1: got %v, want 3", peers)
	}
	for i, name := range peers {
		body := allAnswers(4, "")
		if i == 0 {
			body["answers"].([]map[string]any)[10]["score"] = budaya.CannotRate // HA2
		}
		id := f.task(t, name, budaya.Instrument360, budaya.GroupPeer, ratee)
		if res, b := f.ts.login(t, name).postJSONH(fmt.Sprintf("/api/v1/tasks/%d/answers", id), body); res.StatusCode != http.StatusCreated {
			t.Fatalf("%s submits: got %d %s", name, res.StatusCode, b)
		}
	}
	if err := f.ts.db.ClosePeriod(ctx, budaya.SystemActor("test"), f.periodID); err != nil {
		t.Fatal(err)
	}
	// Released at close: HA2 has the answers of the two peers who rated it;
	// the cannot-rate was never stored.
	counts := map[string]int{}
	if err := f.ts.db.EachAnswer(ctx, f.periodID, budaya.Instrument360, func(a budaya.AnswerRecord) error {
		if a.RaterGroup == budaya.GroupPeer {
			counts[a.BehaviourCode]++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if counts["HA2"] != 2 || counts["BP1"] != 3 {
		t.Errorf("released peer answers: HA2 %d, BP1 %d; want 2 and 3", counts["HA2"], counts["BP1"])
	}
	rep, err := f.ts.db.Report360(ctx, f.periodID, ratee)
	if err != nil {
		t.Fatal(err)
	}
	peer := func(code string) budaya.GroupScore {
		for _, r := range rep.Behaviours {
			if r.Code == code {
				return r.Groups[2] // self, atasan, peer, bawahan
			}
		}
		t.Fatalf("no row %s", code)
		return budaya.GroupScore{}
	}
	if g := peer("BP1"); g.Suppressed || g.N != 3 || g.Mean != 4 {
		t.Errorf("peer BP1: got %+v, want 3 raters, mean 4", g)
	}
	if g := peer("HA2"); !g.Suppressed || g.N != 0 {
		t.Errorf("peer HA2 (one cannot rate): got %+v, want hidden (2 raters)", g)
	}
	for _, r := range rep.Behaviours {
		if r.Code == "HA2" && !r.Others.Suppressed {
			t.Errorf("others HA2: got %+v, want hidden", r.Others)
		}
	}
	// The report writes its means the Indonesian way (issue 16, numbers).
	c := f.ts.login(t, "peg1")
	_, body := c.get(fmt.Sprintf("/periods/%d/reports/%d", f.periodID, ratee))
	if !strings.Contains(body, "4,00") || strings.Contains(body, "4.00") {
		t.Errorf("360 report (id): want 4,00, not 4.00")
	}
	c.setLang("en")
	if _, body = c.get(fmt.Sprintf("/periods/%d/reports/%d", f.periodID, ratee)); !strings.Contains(body, "4.00") {
		t.Errorf("360 report (en): want 4.00")
	}
}

// Issue 16.6: a draft period shows its units and instruments and can be
// edited and deleted (audited); opening it while another period is open for
// the same units needs an explicit confirmation; the job page names its kind
// in words and links back to the period.
func TestDraftPeriodEditDeleteAndOverlap(t *testing.T) {
	f := newMeasureFixture(t)
	adm := f.ts.login(t, "adm")
	create := func(name string) int64 {
		t.Helper()
		res := adm.postForm("/periods", url.Values{"name": {name}, "starts_at": {"2026-03-01"}, "ends_at": {"2026-04-01"},
			"has_survey": {"1"}, "min_group": {"5"}, "units": {fmt.Sprint(f.org.Units[0])}})
		var id int64
		if _, err := fmt.Sscanf(res.Header.Get("Location"), "/periods/%d", &id); res.StatusCode != http.StatusSeeOther || err != nil {
			t.Fatalf("create %s: got %d %q", name, res.StatusCode, res.Header.Get("Location"))
		}
		return id
	}
	p2 := create("Survei ulang")
	path := fmt.Sprintf("/periods/%d", p2)
	_, body := adm.get(path)
	for _, want := range []string{"Biro 1", "Survei budaya", `action="` + path + `"`, `action="` + path + `/delete"`, `id="overlap-warning"`,
		fmt.Sprintf(`href="/periods/%d">Survei 2026</a>`, f.periodID), `name="confirm_overlap"`} {
		if !strings.Contains(body, want) {
			t.Errorf("draft period page: want %q", want)
		}
	}
	// Edit: name, instruments and units change; the audit log keeps both versions.
	res := adm.postForm(path, url.Values{"name": {"Survei ulang Biro 1"}, "starts_at": {"2026-03-02"}, "ends_at": {"2026-04-02"},
		"has_survey": {"1"}, "has_360": {"1"}, "min_group": {"6"}, "max_peers": {"2"}, "units": {fmt.Sprint(f.org.Units[0])}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit draft: got %d, want 303", res.StatusCode)
	}
	per, err := f.ts.db.FindPeriod(ctx, p2)
	if err != nil || per.Name != "Survei ulang Biro 1" || !per.Has360 || per.MinGroup != 6 || per.MaxPeers != 2 {
		t.Errorf("edited period: got %+v (%v)", per, err)
	}
	entries, _, err := f.ts.db.ListAudit(ctx, budaya.AuditFilter{Entity: "measurement_period", Action: "update", PerPage: 10})
	if err != nil || len(entries) != 1 || !strings.Contains(entries[0].OldValue, "Survei ulang") || !strings.Contains(entries[0].NewValue, "Survei ulang Biro 1") {
		t.Errorf("audit of the edit: got %+v (%v)", entries, err)
	}
	// A bad edit says what to fix and keeps what was typed.
	if res, body := adm.postFormBody(path, url.Values{"name": {"Nama baru"}, "starts_at": {"2026-05-01"}, "ends_at": {"2026-04-01"},
		"has_survey": {"1"}, "units": {fmt.Sprint(f.org.Units[0])}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Tanggal selesai harus sesudah tanggal mulai") || !strings.Contains(body, `value="Nama baru"`) {
		t.Errorf("bad edit: got %d, want 422 with the message and the typed name", res.StatusCode)
	}
	// Opening while "Survei 2026" is open for the same units needs a confirmation.
	res, body = adm.postFormBody(path+"/open", nil)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "masih terbuka untuk sebagian unit yang sama") {
		t.Fatalf("open with overlap, unconfirmed: got %d, want 409 with the warning", res.StatusCode)
	}
	if per, _ := f.ts.db.FindPeriod(ctx, p2); per.Status != budaya.PeriodDraft {
		t.Fatalf("refused open: status %s, want draft", per.Status)
	}
	res = adm.postForm(path+"/open", url.Values{"confirm_overlap": {"1"}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("open with overlap, confirmed: got %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	opened, _, _ := f.ts.db.ListAudit(ctx, budaya.AuditFilter{Entity: "measurement_period", Action: "open", PerPage: 10})
	if len(opened) == 0 || !strings.Contains(opened[0].NewValue, "overlaps_confirmed") {
		t.Errorf("audit of the confirmed open: want the overlap named, got %+v", opened)
	}
	_, body = adm.get(res.Header.Get("Location"))
	if !strings.Contains(body, "Membuat daftar tugas penilaian") || strings.Contains(body, "measure.generate_tasks") || !strings.Contains(body, `href="`+path+`"`) {
		t.Errorf("job page: want the kind in words and a link back to %s", path)
	}
	// An opened period can be neither edited nor deleted.
	if res, body := adm.postFormBody(path+"/delete", nil); res.StatusCode != http.StatusConflict || !strings.Contains(body, "Hanya periode berstatus draf") {
		t.Errorf("delete an open period: got %d, want 409", res.StatusCode)
	}
	// A draft is deleted, with an audit entry.
	p3 := create("Salah buat")
	if res := adm.postForm(fmt.Sprintf("/periods/%d/delete", p3), nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/periods?msg=period_deleted" {
		t.Fatalf("delete draft: got %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := adm.get(fmt.Sprintf("/periods/%d", p3)); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleted period: got %d, want 404", res.StatusCode)
	}
	if deleted, _, _ := f.ts.db.ListAudit(ctx, budaya.AuditFilter{Entity: "measurement_period", Action: "delete", PerPage: 10}); len(deleted) != 1 || !strings.Contains(deleted[0].OldValue, "Salah buat") {
		t.Errorf("audit of the delete: got %+v", deleted)
	}
	// Others see the units and instruments but no edit form.
	_, body = f.ts.login(t, "peg1").get(path)
	if !strings.Contains(body, "Biro 1") || strings.Contains(body, `action="`+path+`/delete"`) {
		t.Errorf("period page for staff: want the units, no delete form")
	}
}

// Issue 16.5: Data saya names its columns in the person's language, writes
// times in the instansi's zone and holds what the instansi keeps about the
// person: recognitions given and received, attributed 360 ratings, perilaku
// kerja ratings; never an anonymous answer.
func TestMyDataReadableAndComplete(t *testing.T) {
	f := newMeasureFixture(t)
	peg1, peg2 := f.users["peg1"], f.users["peg2"]
	u2, err := f.ts.db.FindUserByUsername(ctx, "peg2")
	if err != nil {
		t.Fatal(err)
	}
	u1, err := f.ts.db.FindUserByUsername(ctx, "peg1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ts.db.CreateRecognition(ctx, budaya.Actor{UserID: u2.ID, Name: "peg2"}, budaya.RecognitionInput{RecipientID: peg1,
		Message: "Terima kasih atas bantuan laporan", Visibility: "unit", Values: []string{"KO"}}, time.UTC); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ts.db.CreateRecognition(ctx, budaya.Actor{UserID: u1.ID, Name: "peg1"}, budaya.RecognitionInput{RecipientID: peg2,
		Message: "Sigap membantu rapat", Visibility: "private", Values: []string{"HA"}}, time.UTC); err != nil {
		t.Fatal(err)
	}
	submit := func(user, group string, score int, comment string) {
		t.Helper()
		id := f.task(t, user, budaya.Instrument360, group, peg1)
		if res, b := f.ts.login(t, user).postJSONH(fmt.Sprintf("/api/v1/tasks/%d/answers", id), allAnswers(score, comment)); res.StatusCode != http.StatusCreated {
			t.Fatalf("%s submits: got %d %s", user, res.StatusCode, b)
		}
	}
	submit("peg1", budaya.GroupSelf, 5, "PENILAIAN-DIRI")
	submit("kabiro", budaya.GroupAtasan, 4, "CATATAN-ATASAN")
	// A peer's answer is anonymous: it must not appear.
	for name, emp := range f.users {
		ts, _, _ := f.ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: emp, Instrument: budaya.Instrument360, PerPage: 100})
		for _, tk := range ts {
			if tk.RaterGroup == budaya.GroupPeer && tk.RateeEmployeeID == peg1 {
				submit(name, budaya.GroupPeer, 2, "RAHASIA-REKAN")
			}
		}
	}
	o, err := budaya.LoadOfficial()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := o.PerformanceRules()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ts.db.RatePerilaku(ctx, budaya.SystemActor("test"), rules, budaya.RatingInput{EmployeeID: peg1, Year: 2026, Term: "TW1",
		EvaluatorID: f.users["kabiro"], Perilaku: "Di Atas Ekspektasi", HasilKerja: "Sesuai Ekspektasi", HasilSource: "manual"}); err != nil {
		t.Fatal(err)
	}
	// The same instansi served in its own time zone.
	jakarta, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: f.ts.db, Version: "test", Blobs: blobs, Location: jakarta})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	c := (&testServer{Server: hs, db: f.ts.db, srv: srv}).login(t, "peg1")
	_, body := c.get("/me/data")
	for _, want := range []string{"Apresiasi yang Anda terima", "Terima kasih atas bantuan laporan", "Apresiasi yang Anda berikan", "Sigap membantu rapat",
		"hanya penerima", "PENILAIAN-DIRI", "CATATAN-ATASAN", "Penilaian perilaku kerja dan predikat kinerja Anda", "Di Atas Ekspektasi",
		"Nomor identitas lain (non-PNS)", "Gelar depan", "Atasan langsung", "Nominasi untuk Anda", `tabindex="0" role="region"`} {
		if !strings.Contains(body, want) {
			t.Errorf("/me/data: want %q", want)
		}
	}
	for _, bad := range []string{"RAHASIA-REKAN", ">other_id<", ">front_title<", ">supervisor_id<", ">created_at<", " UTC<", "T00:"} {
		if strings.Contains(body, bad) {
			t.Errorf("/me/data: must not show %q", bad)
		}
	}
	c.setLang("en")
	if _, body = c.get("/me/data"); !strings.Contains(body, "Other identifier (non-civil-servant)") || !strings.Contains(body, "Recognitions you received") {
		t.Errorf("/me/data (en): want English labels")
	}
	// The JSON keeps keys for programs, labels for people and local times.
	var doc struct {
		TimeZone string `json:"time_zone"`
		Sections []struct {
			Key          string            `json:"key"`
			ColumnLabels map[string]string `json:"column_labels"`
			Rows         []map[string]any  `json:"rows"`
		} `json:"sections"`
	}
	res, raw := c.get("/me/data.json")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("data-saya.json: got %d", res.StatusCode)
	}
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.TimeZone != "Asia/Jakarta" || strings.Contains(raw, "RAHASIA-REKAN") {
		t.Errorf("JSON: time zone %q, want Asia/Jakarta, and no anonymous answer", doc.TimeZone)
	}
	for _, sec := range doc.Sections {
		if sec.Key == "employee" && (sec.ColumnLabels["other_id"] != "Other identifier (non-civil-servant)" || !strings.HasSuffix(fmt.Sprint(sec.Rows[0]["created_at"]), "+07:00")) {
			t.Errorf("JSON employee section: labels %v, created_at %v; want English labels and +07:00", sec.ColumnLabels, sec.Rows[0]["created_at"])
		}
	}
	if res, pdf := c.get("/me/data.pdf"); res.StatusCode != http.StatusOK || !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("data-saya.pdf: got %d", res.StatusCode)
	}
}

// Every column any collector of Data saya can return has a label in both
// languages, so no database column name reaches a person.
func TestMyDataLabelsEveryColumn(t *testing.T) {
	f := newMeasureFixture(t)
	u, err := f.ts.db.FindUserByUsername(ctx, "peg1")
	if err != nil {
		t.Fatal(err)
	}
	x, err := f.ts.db.SubjectData(ctx, store.Subject{UserID: u.ID, EmployeeID: f.users["peg1"]})
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range x.Sections {
		for _, col := range sec.Columns {
			if web.SubjectLabelForTest("id", col) == col || web.SubjectLabelForTest("en", col) == col && col != "NIP" {
				t.Errorf("section %s: column %q has no label", sec.Key, col)
			}
		}
	}
}
