package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// postMultipart posts fields and evidence files as a browser form does.
func (c *client) postMultipart(path string, fields url.Values, files map[string][]byte) (*http.Response, string) {
	c.t.Helper()
	return c.postFiles(path, fields, "evidence", files)
}

// postFiles posts fields and files in the file field named field.
func (c *client) postFiles(path string, fields url.Values, field string, files map[string][]byte) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	mw.WriteField("csrf_token", c.csrf)
	for name, content := range files {
		fw, _ := mw.CreateFormFile(field, name)
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.ts.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestChangeAgentAndChecklistFlow(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	actID := w.activity(t, "K1", 0, []string{"BP"}, "running", "1.000.000", "", "521211")
	sys := budaya.SystemActor("test")
	unit := w.units[0]
	agentEmp, err := w.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "199001012015031001", Name: "Budi Santoso", UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	leaderEmp, err := w.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "197505052000031002", Name: "Dr. Rina", UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}

	// The admin appoints; bad dates are refused with the form kept.
	form := url.Values{"unit_id": {itoa(unit.ID)}, "nip": {agentEmp.NIP}, "decree_number": {"800/7/SK/2026"}, "starts_on": {"2026-12-31"}, "ends_on": {"2026-01-01"}}
	res, body := w.admin.postFormBody("/agents", form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "tidak boleh sebelum") || !strings.Contains(body, "800/7/SK/2026") {
		t.Fatalf("dates in the wrong order: got %d %q", res.StatusCode, flashError(body))
	}
	form.Set("starts_on", "2026-01-01")
	form.Set("ends_on", "2027-12-31")
	if res := w.admin.postForm("/agents", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("appoint: got %d", res.StatusCode)
	}
	agents, _ := w.ts.db.ListChangeAgents(ctx, budaya.ChangeAgentFilter{})
	if len(agents) != 1 {
		t.Fatalf("agents: got %d", len(agents))
	}
	ag := agents[0]
	// The appointment granted the role; give the account a password to sign in with.
	if err := w.ts.db.SetPassword(ctx, sys, ag.UserID, testPassword); err != nil {
		t.Fatal(err)
	}
	agent := w.ts.login(t, agentEmp.NIP)
	_, body = agent.get("/agents")
	if !strings.Contains(body, "K1 Kegiatan K1") {
		t.Errorf("the agent does not see the unit's activity")
	}
	base := "/agents/" + itoa(ag.ID)
	pdf := []byte("%PDF-1.4\n% foto apel\n")
	res, body = agent.postMultipart(base+"/actions", url.Values{"activity_id": {itoa(actID)}, "done_on": {"2026-03-02"}, "description": {"Apel pagi"}},
		map[string][]byte{"foto.jpg": pdf})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "tidak sesuai") {
		t.Errorf("evidence that is not what its name says: got %d %q", res.StatusCode, flashError(body))
	}
	res, _ = agent.postMultipart(base+"/actions", url.Values{"activity_id": {itoa(actID)}, "done_on": {"2026-03-02"}, "description": {"Apel pagi"}},
		map[string][]byte{"daftar-hadir.pdf": pdf})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record action: got %d", res.StatusCode)
	}
	acts, _ := w.ts.db.ListAgentActions(ctx, ag.ID, time.Time{})
	if len(acts) != 1 || len(acts[0].EvidenceIDs) != 1 {
		t.Fatalf("actions: got %+v", acts)
	}
	if res := agent.postForm(base+"/reports", url.Values{"month": {"2026-03"}, "summary": {"Apel pagi terlaksana."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit report: got %d", res.StatusCode)
	}
	// Another agent cannot act on this appointment.
	w.ts.mustUser(t, "agen_lain", budaya.RoleAgenPerubahan)
	other := w.ts.login(t, "agen_lain")
	if res := other.postForm(base+"/reports", url.Values{"month": {"2026-03"}, "summary": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("someone else's appointment: got %d, want 403", res.StatusCode)
	}

	// The unit leader returns with a comment, then approves the resubmission.
	leaderUser, err := w.ts.db.GrantEmployeeRole(ctx, sys, leaderEmp.ID, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ts.db.SetPassword(ctx, sys, leaderUser.ID, testPassword); err != nil {
		t.Fatal(err)
	}
	leader := w.ts.login(t, leaderEmp.NIP)
	reps, _ := w.ts.db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: ag.ID})
	_, body = leader.get("/agents")
	if !strings.Contains(body, "Apel pagi terlaksana.") || !strings.Contains(body, ">daftar-hadir.pdf</a>") {
		t.Errorf("the leader does not see the report with its evidence")
	}
	decide := "/agent-reports/" + itoa(reps[0].ID) + "/decide"
	if res, body := leader.postFormBody(decide, url.Values{"decision": {"return"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "perlu diperbaiki") {
		t.Errorf("return without a comment: got %d", res.StatusCode)
	}
	if res := leader.postForm(decide, url.Values{"decision": {"return"}, "comment": {"Lampirkan daftar hadir."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: got %d", res.StatusCode)
	}
	agent.postForm(base+"/reports", url.Values{"month": {"2026-03"}, "summary": {"Apel pagi terlaksana, daftar hadir terlampir."}})
	reps, _ = w.ts.db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: ag.ID})
	decide = "/agent-reports/" + itoa(reps[0].ID) + "/decide"
	if res := leader.postForm(decide, url.Values{"decision": {"approve"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: got %d", res.StatusCode)
	}
	if rep, _ := w.ts.db.FindAgentReport(ctx, reps[0].ID); rep.Status != budaya.ReportApproved || rep.Version != 2 {
		t.Errorf("report: got version %d %s, want version 2 approved", rep.Version, rep.Status)
	}

	// Checklist: criteria and a period by the admin, a report with evidence by the agent, verified by the admin.
	w.admin.postForm("/checklist/criteria", url.Values{"code": {"APEL"}, "name": {"Pesan BerAKHLAK saat apel"}, "points": {"30"}})
	w.admin.postForm("/checklist/criteria", url.Values{"code": {"POSTER"}, "name": {"Nilai dipasang"}, "points": {"10"}})
	if res, body := w.admin.postFormBody("/checklist/criteria", url.Values{"code": {"X"}, "name": {"X"}, "points": {"500"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "1 sampai 100") {
		t.Errorf("criterion with 500 points: got %d", res.StatusCode)
	}
	w.admin.postForm("/checklist/periods", url.Values{"name": {"Semester I 2026"}, "starts_on": {"2026-01-01"}, "ends_on": {"2026-06-30"}})
	periods, _ := w.ts.db.ListChecklistPeriods(ctx)
	crits, _ := w.ts.db.ListChecklistCriteria(ctx, false)
	if len(periods) != 1 || len(crits) != 2 {
		t.Fatalf("checklist setup: %d periods, %d criteria", len(periods), len(crits))
	}
	res, _ = agent.postMultipart("/checklist/reports?period="+itoa(periods[0].ID), url.Values{"unit_id": {itoa(unit.ID)}, "criterion_id": {itoa(crits[0].ID)},
		"note": {"Setiap Senin"}}, map[string][]byte{"apel.pdf": pdf})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("checklist report: got %d", res.StatusCode)
	}
	if res, _ := agent.postMultipart("/checklist/reports?period="+itoa(periods[0].ID), url.Values{"unit_id": {itoa(w.units[1].ID)}, "criterion_id": {itoa(crits[0].ID)},
		"note": {"x"}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("report for another unit: got %d, want 403", res.StatusCode)
	}
	pending, _ := w.ts.db.ListChecklistReports(ctx, budaya.ChecklistReportFilter{Status: budaya.ChecklistSubmitted})
	if len(pending) != 1 || len(pending[0].EvidenceIDs) != 1 {
		t.Fatalf("pending checklist reports: got %+v", pending)
	}
	if _, body := w.admin.get("/checklist?period=" + itoa(periods[0].ID)); !strings.Contains(body, ">apel.pdf</a>") || strings.Contains(body, "bukti #") {
		t.Errorf("the checklist report's evidence is not named by its file")
	}
	if res := w.admin.postForm("/checklist/reports/"+itoa(pending[0].ID)+"/verify", url.Values{"decision": {"accept"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("verify: got %d", res.StatusCode)
	}
	_, body = w.admin.get("/checklist")
	if !strings.Contains(body, "30 / 40") || !strings.Contains(body, "75,0%") {
		t.Errorf("checklist page lacks the score 30 / 40 (75,0%%)")
	}
	_, body = w.admin.get("/roadmaps/" + itoa(w.roadmapID))
	if !strings.Contains(body, "30/40 (75,0%)") {
		t.Errorf("the roadmap's progress by unit lacks the checklist score beside the unit")
	}
	_, body = w.admin.get("/units/" + itoa(unit.ID))
	if !strings.Contains(body, "30/40 (75,0%)") || !strings.Contains(body, "1 kegiatan") {
		t.Errorf("the unit page lacks the checklist score and the roadmap figures beside the unit's other figures")
	}
}

// TestAgentReportVersions: a second report for a month is a new version and
// the first stays readable; the agent sees their reports and their status;
// a future month is refused with what was typed kept; attachments are taken;
// after a resubmission the old return comment shows only as the history of
// the earlier version, not beside "Menunggu persetujuan".
func TestAgentReportVersions(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	w.activity(t, "K1", 0, []string{"BP"}, "running", "1.000.000", "", "521211")
	sys := budaya.SystemActor("test")
	unit := w.units[0]
	agentEmp, err := w.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "199001012015031001", Name: "Budi Santoso", UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	leaderEmp, err := w.ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: "197505052000031002", Name: "Dr. Rina", UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	today := w.ts.db.Now()
	ag, err := w.ts.db.AppointChangeAgent(ctx, sys, budaya.ChangeAgentInput{UnitID: unit.ID, EmployeeID: agentEmp.ID, DecreeNumber: "800/1/SK",
		StartsOn: today.AddDate(-1, 0, 0).Format("2006-01-02"), EndsOn: today.AddDate(1, 0, 0).Format("2006-01-02")})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ts.db.SetPassword(ctx, sys, ag.UserID, testPassword); err != nil {
		t.Fatal(err)
	}
	leaderUser, err := w.ts.db.GrantEmployeeRole(ctx, sys, leaderEmp.ID, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ts.db.SetPassword(ctx, sys, leaderUser.ID, testPassword); err != nil {
		t.Fatal(err)
	}
	agent, leader := w.ts.login(t, agentEmp.NIP), w.ts.login(t, leaderEmp.NIP)
	base := "/agents/" + itoa(ag.ID) + "/reports"
	month := today.AddDate(0, -1, 0).Format("2006-01")

	// A future month is refused, with the typed summary kept.
	next := time.Date(today.Year(), today.Month()+1, 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	res, body := agent.postFiles(base, url.Values{"month": {next}, "summary": {"Rencana bulan depan"}}, "attachments", nil)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "belum tiba") || !strings.Contains(body, "Rencana bulan depan") {
		t.Errorf("future month: got %d %q, want 422 with belum tiba and the summary kept", res.StatusCode, flashError(body))
	}

	// Version 1 with a photo and an attendance list.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	pdf := []byte("%PDF-1.4\n% daftar hadir\n")
	res, body = agent.postFiles(base, url.Values{"month": {month}, "summary": {"Versi pertama."}}, "attachments",
		map[string][]byte{"foto-apel.png": png, "daftar-hadir.pdf": pdf})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit version 1: got %d %q", res.StatusCode, flashError(body))
	}
	reps, _ := w.ts.db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: ag.ID})
	if len(reps) != 1 || len(reps[0].Evidence) != 2 {
		t.Fatalf("version 1: got %+v, want one report with two attachments", reps)
	}
	v1 := reps[0]
	if res := leader.postForm("/agent-reports/"+itoa(v1.ID)+"/decide", url.Values{"decision": {"return"}, "comment": {"Foto kurang jelas."}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: got %d", res.StatusCode)
	}
	if res, body := agent.postFiles(base, url.Values{"month": {month}, "summary": {"Versi kedua."}}, "attachments", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit version 2: got %d %q", res.StatusCode, flashError(body))
	}
	reps, _ = w.ts.db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: ag.ID})
	if len(reps) != 2 || reps[0].Version != 2 || reps[1].ID != v1.ID || reps[1].Summary != "Versi pertama." || reps[1].Comment != "Foto kurang jelas." {
		t.Fatalf("versions: got %+v, want version 2 beside the untouched version 1", reps)
	}

	// The agent sees both: version 2 awaiting approval without the old
	// comment beside it, version 1 with its comment as history.
	_, page := agent.get("/agents")
	card := between(page, `id="report-`+itoa(reps[0].ID)+`"`, "</li>\n  </ul>")
	latest, history, _ := strings.Cut(card, "<details>")
	for _, want := range []string{"versi 2", "Menunggu persetujuan", "Versi kedua."} {
		if !strings.Contains(latest, want) {
			t.Errorf("the latest version lacks %q:\n%s", want, latest)
		}
	}
	if strings.Contains(latest, "Foto kurang jelas.") {
		t.Errorf("the old return comment shows beside the pending version:\n%s", latest)
	}
	for _, want := range []string{"versi 1", "Dikembalikan", "Versi pertama.", "Foto kurang jelas.", "foto-apel.png", "daftar-hadir.pdf"} {
		if !strings.Contains(history, want) {
			t.Errorf("the earlier version lacks %q:\n%s", want, history)
		}
	}
	// The attachments download.
	if res, _ := leader.get("/evidence/" + itoa(v1.Evidence[0].ID)); res.StatusCode != http.StatusOK {
		t.Errorf("attachment download: got %d", res.StatusCode)
	}
	// The leader decides version 2 and sees version 1's comment as history.
	_, page = leader.get("/agents")
	if !strings.Contains(page, "/agent-reports/"+itoa(reps[0].ID)+"/decide") || strings.Contains(page, "/agent-reports/"+itoa(v1.ID)+"/decide") {
		t.Errorf("the leader should decide version 2 only")
	}
	// Once approved, the month is closed: refused on the form before any file is kept.
	if res := leader.postForm("/agent-reports/"+itoa(reps[0].ID)+"/decide", url.Values{"decision": {"approve"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: got %d", res.StatusCode)
	}
	res, body = agent.postFiles(base, url.Values{"month": {month}, "summary": {"Versi ketiga."}}, "attachments", map[string][]byte{"lagi.pdf": pdf})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(flashError(body), "ditutup") || !strings.Contains(body, "Versi ketiga.") {
		t.Errorf("a new version of an approved month: got %d %q, want 422 (ditutup) with the summary kept", res.StatusCode, flashError(body))
	}
}

// between returns the part of s from start up to the next end.
func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	before, _, _ := strings.Cut(after, end)
	return before
}
