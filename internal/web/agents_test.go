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
	"github.com/budaya-id/budaya/internal/store"
)

// postMultipart posts fields and evidence files as a browser form does.
func (c *client) postMultipart(path string, fields url.Values, files map[string][]byte) (*http.Response, string) {
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
		fw, _ := mw.CreateFormFile("evidence", name)
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
	agents, _ := w.ts.db.ListChangeAgents(ctx, store.ChangeAgentFilter{})
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
	reps, _ := w.ts.db.ListAgentReports(ctx, store.AgentReportFilter{AgentID: ag.ID})
	_, body = leader.get("/agents")
	if !strings.Contains(body, "Apel pagi terlaksana.") || !strings.Contains(body, "/evidence/") {
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
	if res := leader.postForm(decide, url.Values{"decision": {"approve"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: got %d", res.StatusCode)
	}
	if rep, _ := w.ts.db.FindAgentReport(ctx, reps[0].ID); rep.Status != budaya.ReportApproved {
		t.Errorf("report: got %s, want approved", rep.Status)
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
	pending, _ := w.ts.db.ListChecklistReports(ctx, store.ChecklistReportFilter{Status: budaya.ChecklistSubmitted})
	if len(pending) != 1 || len(pending[0].EvidenceIDs) != 1 {
		t.Fatalf("pending checklist reports: got %+v", pending)
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
