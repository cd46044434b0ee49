package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// mustEmployeeUser creates an employee with a signed-in-able account.
func (ts *testServer) mustEmployeeUser(t *testing.T, username, nip, name string) (*budaya.Employee, *budaya.User) {
	t.Helper()
	sys := budaya.SystemActor("test")
	units, _, _ := ts.db.ListUnits(ctx, budaya.UnitFilter{})
	var unitID int64
	if len(units) > 0 {
		unitID = units[0].ID
	} else {
		u, err := ts.db.CreateUnit(ctx, sys, budaya.Unit{Code: "SJ", Name: "Sekretariat Jenderal", Level: budaya.LevelEselon1})
		if err != nil {
			t.Fatal(err)
		}
		unitID = u.ID
	}
	e, err := ts.db.CreateEmployee(ctx, sys, budaya.Employee{NIP: nip, Name: name, UnitID: unitID, Position: "Analis"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := ts.db.CreateUser(ctx, sys, budaya.UserInput{Username: username, Password: testPassword, EmployeeID: e.ID, Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}})
	if err != nil {
		t.Fatal(err)
	}
	return e, u
}

func TestPrivacyNoticeIsPublicInBothLanguages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	c := ts.anonymous(t)
	res, body := c.get("/privacy")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Pasal 20 ayat (2)") || !strings.Contains(body, "3 x 24 jam") || !strings.Contains(body, "Sesi masuk") {
		t.Errorf("GET /privacy: got %d, want the notice with legal basis, deadline and retention", res.StatusCode)
	}
	c.get("/lang/en?next=/privacy")
	_, body = c.get("/privacy")
	if !strings.Contains(body, "Legal basis") || !strings.Contains(body, "cannot be linked to anyone") {
		t.Errorf("GET /privacy in English: missing the legal basis or the anonymity statement")
	}
}

func TestMyDataExport(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	e, _ := ts.mustEmployeeUser(t, "siti", "198503152010011001", "Siti Aminah")
	ts.mustEmployeeUser(t, "budi", "198607012011012002", "Budi Santoso")
	c := ts.login(t, "siti")

	res, body := c.get("/me/data")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Siti Aminah") || !strings.Contains(body, "198503152010011001") {
		t.Fatalf("GET /me/data: got %d, want the employee record", res.StatusCode)
	}
	res, body = c.get("/me/data.json")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /me/data.json: got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var doc struct {
		Subject   store.Subject
		Sections  []store.SubjectSection `json:"sections"`
		History   []map[string]any       `json:"processing_history"`
		Anonymous map[string]string      `json:"anonymous_answers"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if doc.Subject.EmployeeID != e.ID || len(doc.Sections) < 5 || len(doc.History) == 0 || !strings.Contains(doc.Anonymous["en"], "cannot be linked") {
		t.Errorf("export: got subject %+v, %d sections, %d history entries, anonymous %q", doc.Subject, len(doc.Sections), len(doc.History), doc.Anonymous["en"])
	}
	for _, leak := range []string{"Budi Santoso", "password_hash", "token_hash", "csrf"} {
		if strings.Contains(body, leak) {
			t.Errorf("export holds %q", leak)
		}
	}
	res, body = c.get("/me/data.pdf")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF-") {
		t.Errorf("GET /me/data.pdf: got %d, %q...", res.StatusCode, body[:min(len(body), 8)])
	}
	entries, _, _ := ts.db.ListAudit(ctx, budaya.AuditFilter{Action: "subject_export"})
	if len(entries) != 2 {
		t.Errorf("audited exports: got %d, want 2", len(entries))
	}
}

func TestSubjectRequestsAndRestrictions(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	e, _ := ts.mustEmployeeUser(t, "siti", "198503152010011001", "Siti Aminah")
	c := ts.login(t, "admin1")

	res, body := c.postFormBody("/admin/privacy/requests", url.Values{"requester_name": {"Siti Aminah"}, "employee": {"198503152010011001"}, "kind": {"restriction"}, "detail": {"Mohon batasi"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("record request: got %d: %s", res.StatusCode, body)
	}
	res, body = c.postFormBody("/admin/privacy/requests", url.Values{"requester_name": {"X"}, "employee": {"999"}, "kind": {"access"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "999") {
		t.Errorf("request for an unknown employee: got %d, want 422 naming it", res.StatusCode)
	}
	_, body = c.get("/admin/privacy")
	if !strings.Contains(body, "sisa 71 jam") && !strings.Contains(body, "sisa 72 jam") {
		t.Errorf("register: want the hours left until the 3x24h deadline")
	}
	reqs, _, _ := ts.db.ListSubjectRequests(ctx, budaya.SubjectRequestFilter{})
	if len(reqs) != 1 || reqs[0].EmployeeID != e.ID {
		t.Fatalf("requests: got %+v", reqs)
	}
	id := reqs[0].ID
	res = c.postForm("/admin/privacy/restrictions", url.Values{"employee": {"198503152010011001"}, "reason": {"Permintaan Pasal 11"}, "request_id": {itoa(id)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("restrict: got %d", res.StatusCode)
	}
	if ok, _ := ts.db.IsRestricted(ctx, e.ID); !ok {
		t.Error("IsRestricted after the admin restricted: got false")
	}
	res = c.postForm("/admin/privacy/requests/"+itoa(id)+"/answer", url.Values{"answer": {"Pemrosesan dibatasi."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer: got %d", res.StatusCode)
	}
	rs, _ := ts.db.ListRestrictions(ctx, true)
	res = c.postForm("/admin/privacy/restrictions/"+itoa(rs[0].ID)+"/lift", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("lift: got %d", res.StatusCode)
	}
	if ok, _ := ts.db.IsRestricted(ctx, e.ID); ok {
		t.Error("IsRestricted after lifting: got true")
	}
	_, body = c.get("/admin/privacy")
	if !strings.Contains(body, "Dijawab") || !strings.Contains(body, "Dicabut") {
		t.Errorf("register after answering and lifting: want both recorded")
	}
}

func TestRetentionSettings(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin1", budaya.RoleAdmin)
	c := ts.login(t, "admin1")
	res := c.postForm("/admin/retention", url.Values{"days.sessions": {"14"}, "days.finished_jobs": {"0"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: got %d", res.StatusCode)
	}
	ps, _ := ts.db.RetentionPolicies(ctx)
	for _, p := range ps {
		if (p.Kind == "sessions" && p.Days != 14) || (p.Kind == "finished_jobs" && p.Days != 0) {
			t.Errorf("%s: got %d days", p.Kind, p.Days)
		}
	}
	res, body := c.postFormBody("/admin/retention", url.Values{"days.finished_jobs": {"2"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "7") {
		t.Errorf("below the minimum: got %d, want 422 naming the minimum", res.StatusCode)
	}
	res, _ = c.postFormBody("/admin/retention", url.Values{"days.sessions": {"lama"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("not a number: got %d, want 422", res.StatusCode)
	}
}
