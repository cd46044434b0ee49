package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

func TestFrameworkEditingThroughPages(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin2", budaya.RoleAdmin)
	c := ts.login(t, "admin2")

	res := c.postForm("/framework/draft", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("open draft: got %d", res.StatusCode)
	}
	draft, err := ts.db.DraftFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	base := "/framework/" + strconv.FormatInt(draft.ID, 10)

	// Bad input comes back with the form filled in and a message saying what to fix.
	res, body := c.postFormBody(base+"/values", url.Values{"code": {"jujur"}, "name": {"Jujur"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Pilih minimal satu nilai BerAKHLAK") || !strings.Contains(body, `value="jujur"`) {
		t.Fatalf("value without mapping: got %d, want 422 with the message and the input kept", res.StatusCode)
	}
	res = c.postForm(base+"/values", url.Values{"code": {"jujur"}, "name": {"Jujur"}, "name_en": {"Honest"}, "maps_to": {"AK", "LO"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add value: got %d", res.StatusCode)
	}
	if res := c.postForm(base+"/branding", url.Values{"employer_branding": {"Bangga Melayani Bangsa"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("branding: got %d", res.StatusCode)
	}
	if res := c.postForm(base+"/publish", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: got %d", res.StatusCode)
	}
	// Once published it is frozen: the same form now answers 409 and says why.
	res, body = c.postFormBody(base+"/values", url.Values{"code": {"INOVATIF"}, "name": {"Inovatif"}, "maps_to": {"AD"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "dibekukan") {
		t.Errorf("edit after publish: got %d, want 409 saying it is frozen", res.StatusCode)
	}
	var f struct {
		Version int `json:"version"`
		Values  []struct {
			Code   string   `json:"code"`
			Kind   string   `json:"kind"`
			MapsTo []string `json:"maps_to"`
		} `json:"values"`
	}
	c.getJSON("/api/v1/framework", &f)
	found := false
	for _, v := range f.Values {
		if v.Code == "JUJUR" && v.Kind == "instansi" && strings.Join(v.MapsTo, ",") == "AK,LO" {
			found = true
		}
	}
	if f.Version != 2 || !found {
		t.Errorf("API framework after publish: got version %d, JUJUR found %v", f.Version, found)
	}
	// The audit page shows the changes, and filters.
	_, body = c.get("/audit?entity=framework&action=publish")
	if !strings.Contains(body, "publish") || !strings.Contains(body, "1 entri") {
		t.Errorf("audit page filtered on publish: want exactly one entry")
	}
	res, body = c.get("/audit?from=31-12-2026")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "TTTT-BB-HH") {
		t.Errorf("audit with a bad date: got %d, want 400 saying the format", res.StatusCode)
	}
}

func TestProfileTokensAndPassword(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "wati", budaya.RolePegawai)
	c := ts.login(t, "wati")
	res, body := c.postFormBody("/profile/tokens", url.Values{"name": {"laporan"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "bdy_") {
		t.Fatalf("create token: got %d, token not shown", res.StatusCode)
	}
	res, body = c.postFormBody("/profile/password", url.Values{"current_password": {testPassword}, "new_password": {"pendek"}, "confirm_password": {"pendek"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "minimal 12 karakter") {
		t.Fatalf("weak password: got %d, want 422 with the rule", res.StatusCode)
	}
	res = c.postForm("/profile/password", url.Values{"current_password": {testPassword}, "new_password": {"Baru-Sekali-2026!"}, "confirm_password": {"Baru-Sekali-2026!"}})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "msg=password") {
		t.Fatalf("change password: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Every session ended with the change.
	if res, _ := c.get("/profile"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("old session after password change: got %d, want redirect to login", res.StatusCode)
	}
}

func TestAuditExportStreamsCSV(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "aud", budaya.RoleAuditor)
	c := ts.login(t, "aud")
	res, body := c.get("/audit/export?format=csv&entity=user")
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "log-audit.csv") {
		t.Fatalf("export: got %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], ",create,user,") || !strings.Contains(lines[2], ",login,user,") {
		t.Errorf("export rows: got %q, want header, the user creation and the sign-in", lines)
	}
	if res, _ := c.get("/audit/export?format=pdf"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown format: got %d, want 400", res.StatusCode)
	}
}
