package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// postJSONH posts body as JSON with the client's CSRF header and extra headers.
func (c *client) postJSONH(path string, body any, headers ...string) (*http.Response, string) {
	c.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		c.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, strings.NewReader(string(b)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.csrf)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

// measureFixture is an instansi of one unit with a head, a leader and six
// staff, each with an account, and an open period with a survey and a 360.
type measureFixture struct {
	ts       *testServer
	org      *storetest.Org
	periodID int64
	users    map[string]int64 // username -> employee id
}

func newMeasureFixture(t *testing.T) *measureFixture {
	t.Helper()
	ts := newTestServer(t)
	f := &measureFixture{ts: ts, org: storetest.MakeOrg(t, ts.db, 1, 6), users: map[string]int64{}}
	ts.mustUser(t, "adm", budaya.RoleAdmin)
	link := func(name string, emp int64) {
		if _, err := ts.db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: name, Password: testPassword, EmployeeID: emp,
			Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}); err != nil {
			t.Fatal(err)
		}
		f.users[name] = emp
	}
	link("kepala", f.org.Head)
	link("kabiro", f.org.Leaders[0])
	for i, e := range f.org.Staff[0] {
		link(fmt.Sprintf("peg%d", i+1), e)
	}
	// The admin creates and opens the period through the pages; the job generates the tasks.
	adm := ts.login(t, "adm")
	res := adm.postForm("/periods", url.Values{"name": {"Survei 2026"}, "starts_at": {"2026-01-05"}, "ends_at": {"2026-02-05"},
		"has_survey": {"1"}, "has_360": {"1"}, "min_group": {"5"}, "max_peers": {"3"}, "units": {fmt.Sprint(f.org.Root)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create period: got %d, want 303", res.StatusCode)
	}
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/periods/%d", &f.periodID); err != nil {
		t.Fatalf("period location %q: %v", res.Header.Get("Location"), err)
	}
	res = adm.postForm(fmt.Sprintf("/periods/%d/open", f.periodID), nil)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("open period: got %d to %q, want 303 to the job", res.StatusCode, res.Header.Get("Location"))
	}
	if ran, err := ts.srv.Jobs().RunOnce(ctx); !ran || err != nil {
		t.Fatalf("run generation job: %v %v", ran, err)
	}
	return f
}

func (f *measureFixture) task(t *testing.T, rater, instrument, group string, ratee int64) int64 {
	t.Helper()
	ts, _, err := f.ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: f.users[rater], Instrument: instrument, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range ts {
		if tk.RaterGroup == group && tk.RateeEmployeeID == ratee {
			return tk.ID
		}
	}
	t.Fatalf("no %s %s task of %s", instrument, group, rater)
	return 0
}

func allAnswers(score int, comment string) map[string]any {
	codes := []string{"BP1", "BP2", "BP3", "AK1", "AK2", "AK3", "KO1", "KO2", "KO3", "HA1", "HA2", "HA3", "LO1", "LO2", "LO3", "AD1", "AD2", "AD3", "KL1", "KL2", "KL3"}
	var as []map[string]any
	for _, c := range codes {
		as = append(as, map[string]any{"behaviour": c, "score": score, "comment": comment})
	}
	return map[string]any{"answers": as}
}

func TestSurveyThroughPages(t *testing.T) {
	t.Parallel()
	f := newMeasureFixture(t)
	c := f.ts.login(t, "peg1")
	_, body := c.get("/tasks")
	if !strings.Contains(body, "Survei budaya: Biro 1") {
		t.Fatalf("my tasks: want the survey of my unit, got %s", body)
	}
	id := f.task(t, "peg1", budaya.InstrumentSurvey, budaya.GroupMember, 0)
	path := fmt.Sprintf("/tasks/%d", id)
	_, body = c.get(path)
	if !strings.Contains(body, `name="score_BP1" value="4"`) || !strings.Contains(body, "Selalu") {
		t.Fatalf("task page: want radios for BP1 with labels")
	}
	// One behaviour per screen: "next" saves and moves on.
	res := c.postForm(path, url.Values{"score_BP1": {"4"}, "comment_BP1": {"Unit kami sigap"}, "action": {"next"}, "step": {"1"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?step=2" {
		t.Fatalf("next: got %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Resume after a lost connection: the draft is there.
	_, body = f.ts.login(t, "peg1").get(path + "?step=1")
	if !regexp.MustCompile(`name="score_BP1" value="4" checked`).MatchString(body) || !strings.Contains(body, "Unit kami sigap") {
		t.Errorf("resumed page: want BP1 = 4 and its comment")
	}
	// Submitting with behaviours missing names them and keeps the input.
	res, body = c.postFormBody(path, url.Values{"score_BP2": {"5"}, "action": {"submit"}, "key": {"k1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<a href="#b-BP3">`) || !regexp.MustCompile(`name="score_BP2" value="5" checked`).MatchString(body) {
		t.Errorf("incomplete submit: got %d, want 422 naming BP3 and keeping BP2", res.StatusCode)
	}
	form := url.Values{"action": {"submit"}, "key": {"k1"}}
	for code := range strings.SplitSeq("BP2 BP3 AK1 AK2 AK3 KO1 KO2 KO3 HA1 HA2 HA3 LO1 LO2 LO3 AD1 AD2 AD3 KL1 KL2 KL3", " ") {
		form.Set("score_"+code, "3")
	}
	form.Set("score_AD1", "9")
	if res, body := c.postFormBody(path, form); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "AD1 harus 1 sampai 5") {
		t.Errorf("score 9: got %d, want 422 saying 1 to 5", res.StatusCode)
	}
	form.Set("score_AD1", "2")
	res = c.postForm(path, form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/tasks?msg=submitted" {
		t.Fatalf("submit: got %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = c.get(path)
	if !strings.Contains(body, "Anda sudah mengirim jawaban") || strings.Contains(body, `value="4" checked`) {
		t.Errorf("completed task: want only that it is completed, not the answers")
	}
	// A double submission (the form sent again) is refused unless it is the same submission.
	if res := c.postForm(path, form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("same key again: got %d, want 303 (stored once)", res.StatusCode)
	}
	form.Set("key", "other")
	if res := c.postForm(path, form); res.StatusCode != http.StatusConflict {
		t.Errorf("double submission: got %d, want 409", res.StatusCode)
	}
	// The answers are one sealed ballot until the period closes.
	if n, err := f.ts.db.SealedBallots(ctx, f.periodID); err != nil || n != 1 || countAnswers(t, f, budaya.InstrumentSurvey) != 0 {
		t.Errorf("stored: got %d sealed ballots (%v) and %d open answers, want 1 and 0", n, err, countAnswers(t, f, budaya.InstrumentSurvey))
	}
	// Autosave (htmx) answers with a status line.
	id2 := f.task(t, "peg2", budaya.InstrumentSurvey, budaya.GroupMember, 0)
	c2 := f.ts.login(t, "peg2")
	req, _ := http.NewRequest(http.MethodPost, fmt.Sprintf("%s/tasks/%d", f.ts.URL, id2), strings.NewReader(url.Values{"score_KL1": {"5"}, "csrf_token": {c2.csrf}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	if res, body := c2.do(req); res.StatusCode != http.StatusOK || !strings.Contains(body, "Draf tersimpan") {
		t.Errorf("autosave: got %d %q", res.StatusCode, body)
	}
}

func countAnswers(t *testing.T, f *measureFixture, instrument string) int {
	t.Helper()
	n := 0
	if err := f.ts.db.EachAnswer(ctx, f.periodID, instrument, func(budaya.AnswerRecord) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAnswersAPIRefusals(t *testing.T) {
	t.Parallel()
	f := newMeasureFixture(t)
	p1, p2 := f.ts.login(t, "peg1"), f.ts.login(t, "peg2")
	mine := f.task(t, "peg1", budaya.InstrumentSurvey, budaya.GroupMember, 0)
	url := fmt.Sprintf("/api/v1/tasks/%d/answers", mine)
	var list struct {
		Items []struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		} `json:"items"`
		Total int `json:"total"`
	}
	p1.getJSON("/api/v1/tasks", &list)
	// p1: survey, self, atasan none (not a leader), bawahan of kabiro, 3 peer tasks at most.
	if list.Total < 3 {
		t.Errorf("my open tasks: got %d, want at least survey, self and bawahan", list.Total)
	}
	bad := allAnswers(4, "")
	bad["answers"].([]map[string]any)[3]["score"] = 7
	tests := []struct {
		name   string
		c      *client
		path   string
		body   any
		status int
		says   string
	}{
		{"score 7", p1, url, bad, 400, "AK1"},
		{"not JSON", p1, url, "x", 400, "JSON"},
		{"unknown field", p1, url, map[string]any{"answerz": 1}, 400, "JSON"},
		{"someone else's task", p2, url, allAnswers(4, ""), 403, "milik orang lain"},
		{"tampered id", p1, "/api/v1/tasks/99999999/answers", allAnswers(4, ""), 404, "tidak ditemukan"},
		{"incomplete", p1, url, map[string]any{"answers": []map[string]any{{"behaviour": "BP1", "score": 3}}}, 400, "belum dijawab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := tt.c.postJSONH(tt.path, tt.body)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.says) {
				t.Errorf("got %d %s, want %d saying %q", res.StatusCode, body, tt.status, tt.says)
			}
		})
	}
	// A rater cannot read another rater's task or draft.
	if res, _ := p2.get(fmt.Sprintf("/api/v1/tasks/%d", mine)); res.StatusCode != http.StatusForbidden {
		t.Errorf("read someone else's task: got %d, want 403", res.StatusCode)
	}
	res, body := p1.postJSONH(url, allAnswers(4, ""), "Idempotency-Key", "abc")
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("submit: got %d %s", res.StatusCode, body)
	}
	res, body = p1.postJSONH(url, allAnswers(4, ""), "Idempotency-Key", "abc")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"replayed":true`) {
		t.Errorf("retry with the same key: got %d %s, want 200 replayed", res.StatusCode, body)
	}
	if res, _ := p1.postJSONH(url, allAnswers(4, ""), "Idempotency-Key", "xyz"); res.StatusCode != http.StatusConflict {
		t.Errorf("second submission: got %d, want 409", res.StatusCode)
	}
	// Closed period: refused; reopened by the admin: accepted, with an audit entry.
	adm := f.ts.login(t, "adm")
	if res := adm.postForm(fmt.Sprintf("/periods/%d/close", f.periodID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close: got %d", res.StatusCode)
	}
	other := fmt.Sprintf("/api/v1/tasks/%d/answers", f.task(t, "peg2", budaya.InstrumentSurvey, budaya.GroupMember, 0))
	if res, body := p2.postJSONH(other, allAnswers(3, "")); res.StatusCode != http.StatusConflict || !strings.Contains(body, "ditutup") {
		t.Errorf("closed period: got %d %s, want 409", res.StatusCode, body)
	}
	if res := adm.postForm(fmt.Sprintf("/periods/%d/reopen", f.periodID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reopen: got %d", res.StatusCode)
	}
	if res, _ := p2.postJSONH(other, allAnswers(3, "")); res.StatusCode != http.StatusCreated {
		t.Errorf("reopened period: got %d, want 201", res.StatusCode)
	}
	entries, _, err := f.ts.db.ListAudit(ctx, budaya.AuditFilter{Entity: "measurement_period", Action: "reopen"})
	if err != nil || len(entries) != 1 || entries[0].ActorName != "adm" {
		t.Errorf("reopen audit: got %+v %v, want one entry by adm", entries, err)
	}
	var rates struct {
		Items []struct {
			UnitID    int64 `json:"unit_id"`
			Total     int   `json:"total"`
			Completed int   `json:"completed"`
		} `json:"items"`
	}
	adm.getJSON(fmt.Sprintf("/api/v1/periods/%d/response-rates?instrument=survey", f.periodID), &rates)
	if len(rates.Items) == 0 || rates.Items[0].Total != 8 || rates.Items[0].Completed != 2 {
		t.Errorf("response rates: got %+v, want 2 of 8 at the root", rates.Items)
	}
}

// TestNoEndpointRevealsSuppressedOrRaters submits a 360 about p1 with only two
// peers (below the threshold of 3) carrying a secret comment, then reads every
// measurement page, API answer and PDF as every user: the secret, a figure of
// the suppressed group, and the peers' identities must appear nowhere.
func TestNoEndpointRevealsSuppressedOrRaters(t *testing.T) {
	t.Parallel()
	f := newMeasureFixture(t)
	ratee := f.users["peg1"]
	submit := func(user, group, comment string, score int) {
		t.Helper()
		id := f.task(t, user, budaya.Instrument360, group, ratee)
		if res, body := f.ts.login(t, user).postJSONH(fmt.Sprintf("/api/v1/tasks/%d/answers", id), allAnswers(score, comment)); res.StatusCode != http.StatusCreated {
			t.Fatalf("%s submits: got %d %s", user, res.StatusCode, body)
		}
	}
	submit("peg1", budaya.GroupSelf, "", 5)
	submit("kabiro", budaya.GroupAtasan, "Atasan menilai baik", 4)
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
		t.Fatalf("peers of p1: got %v, want 3", peers)
	}
	submit(peers[0], budaya.GroupPeer, "RAHASIA-PEER-1", 1)
	submit(peers[1], budaya.GroupPeer, "RAHASIA-PEER-2", 1)

	// While the period runs, no report opens (issue 13.3: a live report
	// gives away the rater who just answered), with the reason in words.
	for _, path := range []string{fmt.Sprintf("/periods/%d/reports/%d", f.periodID, ratee), fmt.Sprintf("/api/v1/employees/%d/report?period=%d", ratee, f.periodID)} {
		if res, body := f.ts.login(t, "peg1").get(path); res.StatusCode != http.StatusConflict || !strings.Contains(body, "setelah periode ditutup") {
			t.Errorf("GET %s of an open period: got %d, want 409 saying it opens after the period closes", path, res.StatusCode)
		}
	}
	if err := f.ts.db.ClosePeriod(ctx, budaya.SystemActor("test"), f.periodID); err != nil {
		t.Fatal(err)
	}

	// The peers' names must not appear in the report about p1.
	var peerNames []string
	for _, p := range peers[:2] {
		peerNames = append(peerNames, "Pegawai 1-"+strings.TrimPrefix(p, "peg"))
	}
	paths := []string{
		"/tasks", "/api/v1/tasks", "/api/v1/tasks?all=1", "/api/v1/periods",
		fmt.Sprintf("/periods/%d", f.periodID),
		fmt.Sprintf("/periods/%d/reports/%d", f.periodID, ratee),
		fmt.Sprintf("/periods/%d/reports/%d/pdf", f.periodID, ratee),
		fmt.Sprintf("/api/v1/employees/%d/report?period=%d", ratee, f.periodID),
		fmt.Sprintf("/api/v1/periods/%d/response-rates?instrument=360", f.periodID),
		"/api/v1/perilaku",
	}
	tasks, _, _ := f.ts.db.ListTasks(ctx, budaya.TaskFilter{PeriodID: f.periodID, PerPage: 500})
	for _, tk := range tasks {
		paths = append(paths, fmt.Sprintf("/api/v1/tasks/%d", tk.ID), fmt.Sprintf("/tasks/%d", tk.ID))
	}
	allowedReport := map[string]bool{"peg1": true, "kabiro": true, "kepala": true, "adm": true}
	for _, user := range append([]string{"adm"}, keys(f.users)...) {
		c := f.ts.login(t, user)
		for _, path := range paths {
			res, body := c.get(path)
			if res.StatusCode >= 500 {
				t.Errorf("%s GET %s: got %d", user, path, res.StatusCode)
			}
			if strings.Contains(body, "RAHASIA-PEER") {
				t.Errorf("%s GET %s reveals a suppressed comment", user, path)
			}
			if strings.Contains(path, "report") {
				for _, name := range peerNames {
					if strings.Contains(body, name) {
						t.Errorf("%s GET %s names the peer %s", user, path, name)
					}
				}
			}
			if strings.Contains(path, "/reports/") || strings.Contains(path, "/report?") {
				if allowedReport[user] && res.StatusCode != http.StatusOK {
					t.Errorf("%s GET %s: got %d, want 200", user, path, res.StatusCode)
				}
				if !allowedReport[user] && res.StatusCode != http.StatusForbidden {
					t.Errorf("%s GET %s: got %d, want 403 (not the employee, their atasan line or an admin)", user, path, res.StatusCode)
				}
			}
		}
	}
	var rep struct {
		Behaviours []struct {
			Code   string `json:"code"`
			Groups []struct {
				Group      string   `json:"group"`
				N          int      `json:"n"`
				Mean       *float64 `json:"mean"`
				Suppressed bool     `json:"suppressed"`
			} `json:"groups"`
			Others struct {
				N    int      `json:"n"`
				Mean *float64 `json:"mean"`
			} `json:"others"`
		} `json:"behaviours"`
		Comments map[string][]string `json:"comments"`
	}
	p1 := f.ts.login(t, "peg1")
	p1.getJSON(fmt.Sprintf("/api/v1/employees/%d/report?period=%d", ratee, f.periodID), &rep)
	peer := rep.Behaviours[0].Groups[2]
	if peer.Group != "peer" || !peer.Suppressed || peer.N != 0 || peer.Mean != nil {
		t.Errorf("peer group with 2 raters: got %+v, want suppressed with no n or mean", peer)
	}
	if rep.Behaviours[0].Others.N != 1 || *rep.Behaviours[0].Others.Mean != 4 {
		t.Errorf("others: got %+v, want only the atasan (a suppressed group must not be recoverable by subtraction)", rep.Behaviours[0].Others)
	}
	if len(rep.Comments["peer"]) != 0 || len(rep.Comments["atasan"]) == 0 {
		t.Errorf("comments: got %v, want the atasan's and no peer's", rep.Comments)
	}
	// The third peer (after a reopen) makes the group visible at the next
	// close, with its comments.
	if err := f.ts.db.ReopenPeriod(ctx, budaya.SystemActor("test"), f.periodID); err != nil {
		t.Fatal(err)
	}
	submit(peers[2], budaya.GroupPeer, "RAHASIA-PEER-3", 4)
	if err := f.ts.db.ClosePeriod(ctx, budaya.SystemActor("test"), f.periodID); err != nil {
		t.Fatal(err)
	}
	p1.getJSON(fmt.Sprintf("/api/v1/employees/%d/report?period=%d", ratee, f.periodID), &rep)
	if g := rep.Behaviours[0].Groups[2]; g.Suppressed || g.N != 3 || *g.Mean != 2 {
		t.Errorf("peer group with 3 raters: got %+v, want n 3 mean 2", g)
	}
	if len(rep.Comments["peer"]) != 63 {
		t.Errorf("peer comments: got %d, want 63 (21 behaviours x 3)", len(rep.Comments["peer"]))
	}
	// Who viewed which report is audited.
	entries, _, err := f.ts.db.ListAudit(ctx, budaya.AuditFilter{Entity: "report360"})
	if err != nil || len(entries) == 0 {
		t.Errorf("report views audited: got %d entries %v", len(entries), err)
	}
}

func keys(m map[string]int64) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestReportPDF(t *testing.T) {
	t.Parallel()
	f := newMeasureFixture(t)
	c := f.ts.login(t, "peg1")
	if err := f.ts.db.ClosePeriod(ctx, budaya.SystemActor("test"), f.periodID); err != nil {
		t.Fatal(err)
	}
	res, err := c.http.Get(fmt.Sprintf("%s/periods/%d/reports/%d/pdf", f.ts.URL, f.periodID, f.users["peg1"]))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(b), "%PDF") {
		t.Errorf("PDF: got %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), string(b[:min(len(b), 8)]))
	}
}

func TestPerilakuPagesAndAPI(t *testing.T) {
	t.Parallel()
	f := newMeasureFixture(t)
	kabiro := f.ts.login(t, "kabiro")
	staff := f.users["peg1"]
	res, body := kabiro.get("/perilaku?year=2026&term=TW1")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Pegawai 1-1") {
		t.Fatalf("perilaku page: got %d, want my staff listed", res.StatusCode)
	}
	path := fmt.Sprintf("/perilaku/%d", staff)
	res = kabiro.postForm(path+"/expectations", url.Values{"year": {"2026"}, "term": {"TW1"}, "value": {"AD"}, "expectation": {"Usul satu inovasi"}, "feedback": {"Sudah diusulkan"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("expectation: got %d", res.StatusCode)
	}
	res = kabiro.postForm(path+"/rating", url.Values{"year": {"2026"}, "term": {"TW1"}, "perilaku": {"Di Atas Ekspektasi"}, "hasil_kerja": {"Di Atas Ekspektasi"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rating: got %d", res.StatusCode)
	}
	_, body = f.ts.login(t, "peg1").get(path + "?year=2026&term=TW1")
	if !strings.Contains(body, "Sangat Baik") || !strings.Contains(body, "Usul satu inovasi") {
		t.Errorf("own perilaku page: want predikat Sangat Baik and the expectation")
	}
	// Not the pejabat penilai: refused.
	if res := f.ts.login(t, "peg2").postForm(path+"/rating", url.Values{"year": {"2026"}, "term": {"TW1"}, "perilaku": {"Di Atas Ekspektasi"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("peer rates: got %d, want 403", res.StatusCode)
	}
	if res, _ := f.ts.login(t, "peg2").get(path); res.StatusCode != http.StatusForbidden {
		t.Errorf("peer reads: got %d, want 403", res.StatusCode)
	}
	res, body = kabiro.postJSONH("/api/v1/perilaku", map[string]any{"employee_id": f.users["peg2"], "year": 2026, "term": "TW1", "perilaku": "Sesuai Ekspektasi", "hasil_kerja": "Di Bawah Ekspektasi"})
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"predikat":"Butuh Perbaikan"`) {
		t.Errorf("API rate: got %d %s", res.StatusCode, body)
	}
	if res, _ := kabiro.postJSONH("/api/v1/perilaku", map[string]any{"employee_id": f.users["peg2"], "year": 2026, "term": "TW1", "perilaku": "Luar Biasa"}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("API bad rating: got %d, want 400", res.StatusCode)
	}
	var list struct {
		Total int `json:"total"`
	}
	kabiro.getJSON("/api/v1/perilaku?year=2026&term=TW1", &list)
	if list.Total != 2 {
		t.Errorf("kabiro's list: got %d, want 2 (own staff)", list.Total)
	}
	f.ts.login(t, "peg3").getJSON("/api/v1/perilaku?year=2026&term=TW1", &list)
	if list.Total != 0 {
		t.Errorf("p3's list: got %d, want 0 (not rated, no staff)", list.Total)
	}
	// Admin: capaian and the e-Kinerja import, then the distribution warning.
	adm := f.ts.login(t, "adm")
	if res := adm.postForm("/perilaku/capaian", url.Values{"year": {"2026"}, "term": {"TW1"}, "capaian": {"Istimewa"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("capaian: got %d", res.StatusCode)
	}
	_, body = adm.get(fmt.Sprintf("/perilaku?year=2026&term=TW1&unit=%d", f.org.Root))
	if !strings.Contains(body, "Istimewa") {
		t.Errorf("distribution: want the capaian shown")
	}
}

// TestSomeoneElsesTaskRefusedWithoutScores: saving, paging or autosaving
// another rater's task is refused even when no score is sent, in the pages
// and the API, with the same refusal as with scores; nothing is saved.
func TestSomeoneElsesTaskRefusedWithoutScores(t *testing.T) {
	f := newMeasureFixture(t)
	p2 := f.ts.login(t, "peg2")
	mine := f.task(t, "peg1", budaya.InstrumentSurvey, budaya.GroupMember, 0)
	path := fmt.Sprintf("/tasks/%d", mine)
	for _, tt := range []struct {
		name string
		form url.Values
	}{
		{"save draft with scores", url.Values{"score_BP1": {"4"}}},
		{"save draft without scores", url.Values{}},
		{"next without scores", url.Values{"action": {"next"}, "step": {"1"}}},
		{"previous without scores", url.Values{"action": {"prev"}, "step": {"2"}}},
		{"empty score", url.Values{"score_BP1": {""}, "step": {"1"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := p2.postFormBody(path, tt.form)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "milik orang lain") {
				t.Errorf("got %d to %q, want 403 saying the task is someone else's", res.StatusCode, res.Header.Get("Location"))
			}
		})
	}
	// The page's autosave (htmx) answers 200 with a status line: it must be the refusal, not "draft saved".
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, strings.NewReader(url.Values{"csrf_token": {p2.csrf}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	if _, body := p2.do(req); !strings.Contains(body, "milik orang lain") || strings.Contains(body, "Draf tersimpan") {
		t.Errorf("autosave without scores: got %q, want the refusal", body)
	}
	if res, body := p2.postFormBody("/tasks/99999999", url.Values{}); res.StatusCode != http.StatusNotFound {
		t.Errorf("draft of a task that does not exist: got %d %.200s, want 404", res.StatusCode, body)
	}
	// The API's draft: the same refusal with and without answers.
	for _, body := range []any{allAnswers(4, ""), map[string]any{"answers": []any{}}, map[string]any{}} {
		if res, got := p2.postJSONH(fmt.Sprintf("/api/v1/tasks/%d/draft", mine), body); res.StatusCode != http.StatusForbidden || !strings.Contains(got, "milik orang lain") {
			t.Errorf("API draft %v: got %d %s, want 403", body, res.StatusCode, got)
		}
	}
	_, draft, err := f.ts.db.TaskForRater(ctx, f.users["peg1"], mine)
	if err != nil || len(draft) != 0 {
		t.Errorf("draft of the task: got %v, %v, want none saved", draft, err)
	}
	// The owner still pages through without scores.
	p1 := f.ts.login(t, "peg1")
	if res := p1.postForm(path, url.Values{"action": {"next"}, "step": {"1"}}); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path+"?step=2" {
		t.Errorf("owner's next without scores: got %d %q, want 303 to step 2", res.StatusCode, res.Header.Get("Location"))
	}
}
