package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestEvidenceFollowsItsRecord: a file at /evidence/{id} is served to whoever
// may read the record it belongs to (a commitment's progress note, a change
// agent's action or monthly report, a checklist report), by the same rule as that record's page,
// and to nobody else: every role of the record's unit and of another unit, and
// a stranger, on each kind of record; a pegawai counting ids finds nothing.
func TestEvidenceFollowsItsRecord(t *testing.T) {
	w := newRoadmapWorld(t)
	ts, sys := w.ts, budaya.SystemActor("test")
	unitA, unitB := w.units[0], w.units[1]
	seq := 0
	employee := func(name string, u *budaya.Unit) *budaya.Employee {
		t.Helper()
		seq++
		e, err := ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: fmt.Sprintf("198501012010011%03d", seq), Name: name, UnitID: u.ID})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	account := func(username string, e *budaya.Employee, grant budaya.RoleGrant) *client {
		t.Helper()
		if _, err := ts.db.CreateUser(ctx, sys, budaya.UserInput{Username: username, Password: testPassword, EmployeeID: e.ID,
			Roles: []budaya.RoleGrant{grant}}); err != nil {
			t.Fatal(err)
		}
		return ts.login(t, username)
	}
	// A change agent appointed by the admin, signing in with the account the appointment made.
	appoint := func(e *budaya.Employee, u *budaya.Unit) (*client, int64) {
		t.Helper()
		res := w.admin.postForm("/agents", url.Values{"unit_id": {itoa(u.ID)}, "nip": {e.NIP}, "decree_number": {"800/1/SK/2026"},
			"starts_on": {"2026-01-01"}, "ends_on": {"2027-12-31"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("appoint %s: got %d", e.Name, res.StatusCode)
		}
		list, err := ts.db.ListChangeAgents(ctx, budaya.ChangeAgentFilter{UnitID: u.ID})
		if err != nil || len(list) != 1 {
			t.Fatalf("agents of %s: got %v, %v", u.Code, list, err)
		}
		if err := ts.db.SetPassword(ctx, sys, list[0].UserID, testPassword); err != nil {
			t.Fatal(err)
		}
		return ts.login(t, e.NIP), list[0].ID
	}
	leaderA := account("pimpinan_a", employee("Pimpinan A", unitA), budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: unitA.ID})
	leaderB := account("pimpinan_b", employee("Pimpinan B", unitB), budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: unitB.ID})
	pegawai := account("pegawai_a", employee("Pegawai A", unitA), budaya.RoleGrant{Role: budaya.RolePegawai})
	ts.mustUser(t, "auditor_ev", budaya.RoleAuditor)
	auditor := ts.login(t, "auditor_ev")
	agentA, appointmentA := appoint(employee("Agen A", unitA), unitA)
	agentB, _ := appoint(employee("Agen B", unitB), unitB)
	stranger := ts.anonymous(t)

	// One file of each kind, all of unit A, uploaded through the pages.
	files := map[string]struct {
		id      int64
		content string
	}{}
	evidenceLink := regexp.MustCompile(`/evidence/(\d+)`)
	owner, err := ts.db.FindEmployeeByIdentifier(ctx, "198501012010011001")
	if err != nil {
		t.Fatal(err)
	}
	c, err := ts.db.CreateCommitment(ctx, sys, budaya.CommitmentInput{UnitID: unitA.ID, Title: "Apel pagi BerAKHLAK", Codes: []string{"BP"},
		DueDate: time.Now().AddDate(0, 3, 0), OwnerID: owner.ID, Measure: "12 apel"})
	if err != nil {
		t.Fatal(err)
	}
	commitmentPath := "/commitments/" + itoa(c.ID)
	pngCommitment := "\x89PNG\r\n\x1a\nfoto apel komitmen"
	if res, body := leaderA.postMultipart(commitmentPath+"/progress", url.Values{"note": {"Apel pertama"}},
		map[string][]byte{"foto.png": []byte(pngCommitment)}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("commitment progress with evidence: got %d %s", res.StatusCode, flashError(body))
	}
	_, page := leaderA.get(commitmentPath)
	m := evidenceLink.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the commitment page links no evidence")
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	files["commitment"] = struct {
		id      int64
		content string
	}{id, pngCommitment}

	actID := w.activity(t, "K1", 0, []string{"BP"}, "running", "1.000.000", "", "521211")
	pdfAction := "%PDF-1.4\n% daftar hadir aksi agen\n"
	if res, body := agentA.postMultipart("/agents/"+itoa(appointmentA)+"/actions", url.Values{"activity_id": {itoa(actID)}, "done_on": {"2026-03-02"},
		"description": {"Apel pagi"}}, map[string][]byte{"daftar-hadir.pdf": []byte(pdfAction)}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("agent action with evidence: got %d %s", res.StatusCode, flashError(body))
	}
	acts, err := ts.db.ListAgentActions(ctx, appointmentA, time.Time{})
	if err != nil || len(acts) != 1 || len(acts[0].EvidenceIDs) != 1 {
		t.Fatalf("agent actions: got %+v, %v", acts, err)
	}
	files["agent action"] = struct {
		id      int64
		content string
	}{acts[0].EvidenceIDs[0], pdfAction}

	pdfReport := "%PDF-1.4\n% lampiran laporan bulanan agen\n"
	month := time.Now().AddDate(0, -1, 0).Format("2006-01")
	if res, body := agentA.postFiles("/agents/"+itoa(appointmentA)+"/reports", url.Values{"month": {month}, "summary": {"Apel pagi terlaksana."}},
		"attachments", map[string][]byte{"daftar-hadir.pdf": []byte(pdfReport)}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("agent report with an attachment: got %d %s", res.StatusCode, flashError(body))
	}
	reps, err := ts.db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: appointmentA})
	if err != nil || len(reps) != 1 || len(reps[0].Evidence) != 1 {
		t.Fatalf("agent reports: got %+v, %v", reps, err)
	}
	files["agent report"] = struct {
		id      int64
		content string
	}{reps[0].Evidence[0].ID, pdfReport}

	w.admin.postForm("/checklist/criteria", url.Values{"code": {"APEL"}, "name": {"Pesan BerAKHLAK saat apel"}, "points": {"30"}})
	w.admin.postForm("/checklist/periods", url.Values{"name": {"Semester I 2026"}, "starts_on": {"2026-01-01"}, "ends_on": {"2026-06-30"}})
	periods, _ := ts.db.ListChecklistPeriods(ctx)
	crits, _ := ts.db.ListChecklistCriteria(ctx, false)
	if len(periods) != 1 || len(crits) != 1 {
		t.Fatalf("checklist setup: %d periods, %d criteria", len(periods), len(crits))
	}
	pdfChecklist := "%PDF-1.4\n% laporan daftar periksa\n"
	if res, body := agentA.postMultipart("/checklist/reports?period="+itoa(periods[0].ID), url.Values{"unit_id": {itoa(unitA.ID)},
		"criterion_id": {itoa(crits[0].ID)}, "note": {"Setiap Senin"}}, map[string][]byte{"apel.pdf": []byte(pdfChecklist)}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("checklist report with evidence: got %d %s", res.StatusCode, flashError(body))
	}
	reports, err := ts.db.ListChecklistReports(ctx, budaya.ChecklistReportFilter{UnitID: unitA.ID})
	if err != nil || len(reports) != 1 || len(reports[0].EvidenceIDs) != 1 {
		t.Fatalf("checklist reports: got %+v, %v", reports, err)
	}
	files["checklist report"] = struct {
		id      int64
		content string
	}{reports[0].EvidenceIDs[0], pdfChecklist}

	// Who may read each kind of record of unit A, as its page shows it.
	readers := map[string]map[string]bool{
		"commitment":       {"admin": true, "auditor": true, "pimpinan of the unit": true},
		"agent action":     {"admin": true, "auditor": true, "pimpinan of the unit": true, "agen of the unit": true},
		"agent report":     {"admin": true, "auditor": true, "pimpinan of the unit": true, "agen of the unit": true},
		"checklist report": {"admin": true, "auditor": true, "pimpinan of the unit": true, "agen of the unit": true},
	}
	users := []struct {
		who string
		c   *client
	}{
		{"admin", w.admin}, {"auditor", auditor}, {"pimpinan of the unit", leaderA}, {"pimpinan of another unit", leaderB},
		{"agen of the unit", agentA}, {"agen of another unit", agentB}, {"pegawai", pegawai}, {"stranger", stranger},
	}
	for kind, f := range files {
		for _, u := range users {
			t.Run(kind+"/"+u.who, func(t *testing.T) {
				res, body := u.c.get("/evidence/" + itoa(f.id))
				switch {
				case readers[kind][u.who]:
					if res.StatusCode != http.StatusOK || body != f.content {
						t.Errorf("got %d (%d bytes), want 200 with the file", res.StatusCode, len(body))
					}
				case u.who == "stranger":
					if res.StatusCode != http.StatusSeeOther || body == f.content {
						t.Errorf("got %d, want 303 to sign in and no file", res.StatusCode)
					}
				default:
					if res.StatusCode != http.StatusNotFound || body == f.content {
						t.Errorf("got %d, want 404 and no file", res.StatusCode)
					}
				}
			})
		}
	}
	// Counting ids finds nothing that is not one's own to read.
	for id := int64(1); id <= 20; id++ {
		if res, _ := pegawai.get("/evidence/" + itoa(id)); res.StatusCode != http.StatusNotFound {
			t.Errorf("pegawai GET /evidence/%d: got %d, want 404", id, res.StatusCode)
		}
	}
}
