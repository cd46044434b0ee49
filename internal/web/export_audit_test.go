package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
	"github.com/budaya-id/budaya/internal/webtest"
)

// TestEveryExportIsAudited is the rule of export.go: every export writes its
// audit row before its first byte, and when the row cannot be written the
// export is refused, says why, and sends nothing. It walks the exports with
// auditing working (each adds an audit row), then makes the database refuse
// every new audit row (a trigger, on SQLite and PostgreSQL alike) and walks
// them again.
func TestEveryExportIsAudited(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: filepath.Join(t.TempDir(), "ballot.key")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	keyFile := filepath.Join(t.TempDir(), "hub.key")
	w := webtest.NewServer(t, webtest.Options{DB: db, Config: func(c *web.Config) { c.HubKeyFile = keyFile }})
	ts := &testServer{Server: w.Server, db: w.DB, srv: w.Web}
	sys := budaya.SystemActor("test")

	org := storetest.MakeIndexOrg(t, db, []storetest.IndexUnit{
		{Code: "ROOT", Level: budaya.LevelEselon1, Parent: -1, Staff: 6},
		{Code: "A", Level: budaya.LevelEselon2, Parent: 0, Staff: 6},
	})
	period := storetest.RunIndexPeriod(t, db, org, "Survei 2026", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), varyScore)
	for key, value := range map[string]string{store.SettingInstansiCode: "KEMENTES", store.SettingInstansiName: "Kementerian Teladan"} {
		if err := db.SetSetting(ctx, sys, key, value); err != nil {
			t.Fatal(err)
		}
	}
	rm, err := db.CreateRoadmap(ctx, sys, budaya.RoadmapInput{Name: "Roadmap 2025-2029", StartYear: 2025, EndYear: 2029})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := db.CreateAlignmentSession(ctx, sys, budaya.SessionInput{Title: "Sesi penyelarasan", StartsAt: time.Date(2026, 5, 4, 2, 0, 0, 0, time.UTC),
		EndsAt: time.Date(2026, 5, 4, 4, 0, 0, 0, time.UTC), Place: "Aula", Facilitator: "Fasilitator"})
	if err != nil {
		t.Fatal(err)
	}
	ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := ts.login(t, "admin")

	// A closed period with a 360, for the 360 report PDF.
	res := c.postForm("/periods", url.Values{"name": {"Asesmen 2027"}, "starts_at": {"2027-01-05"}, "ends_at": {"2027-02-05"},
		"has_360": {"1"}, "min_group": {"5"}, "max_peers": {"3"}, "units": {fmt.Sprint(org.Units[0])}})
	var p360 int64
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/periods/%d", &p360); err != nil {
		t.Fatalf("create 360 period: got %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := c.postForm(fmt.Sprintf("/periods/%d/open", p360), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("open 360 period: got %d", res.StatusCode)
	}
	if ran, err := ts.srv.Jobs().RunOnce(ctx); !ran || err != nil {
		t.Fatalf("run generation job: %v %v", ran, err)
	}
	if err := db.ClosePeriod(ctx, sys, p360); err != nil {
		t.Fatal(err)
	}

	cut := fmt.Sprintf("period=%d", period)
	exports := []string{
		"/audit/export?format=csv",
		"/export/units?format=csv",
		"/export/employees?format=xlsx",
		"/api/v1/units/export?format=csv",
		"/api/v1/employees/export?format=csv",
		"/index/export?table=values&format=csv&" + cut,
		"/index/export?table=children&format=xlsx&" + cut,
		"/index/answers?format=csv&" + cut,
		"/index/report?" + cut,
		fmt.Sprintf("/index/hub-package?period=%d&label=2026-S1", period),
		"/alignment/coverage/export?format=csv",
		fmt.Sprintf("/alignment/%d/attendance.pdf", sess.ID),
		fmt.Sprintf("/alignment/%d/attendance.xlsx", sess.ID),
		"/commitments/export?format=csv",
		fmt.Sprintf("/roadmaps/%d/export", rm.ID),
		"/budget/export?year=2026&format=csv",
		"/budget-proposal?year=2026&format=xlsx",
		"/budget-proposal?year=2026&format=pdf",
		fmt.Sprintf("/periods/%d/reports/%d/pdf", p360, org.Staff[0][0]),
		"/me/data.json",
		"/me/data.pdf",
	}
	count := func() int {
		t.Helper()
		n := 0
		if err := db.EachAudit(context.Background(), budaya.AuditFilter{}, func(budaya.AuditEntry) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, path := range exports {
		before := count()
		res, body := c.get(path)
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("GET %s: got %d %q, want 200 and an attachment: %.200s", path, res.StatusCode, res.Header.Get("Content-Disposition"), body)
			continue
		}
		if after := count(); after != before+1 {
			t.Errorf("GET %s: %d audit rows written, want 1", path, after-before)
		}
	}

	refuseAudit(t, dsn)
	for _, path := range exports {
		res, body := c.get(path)
		if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Content-Disposition") != "" {
			t.Errorf("GET %s with auditing failing: got %d %q, want 503 and no file", path, res.StatusCode, res.Header.Get("Content-Disposition"))
			continue
		}
		if !strings.Contains(body, "log audit") {
			t.Errorf("GET %s with auditing failing: the refusal does not say why: %.300s", path, body)
		}
	}
	// The API answers the refusal as its error object.
	res, body := c.get("/api/v1/units/export?format=csv")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"code":"unavailable"`) {
		t.Errorf("API export with auditing failing: got %d %s", res.StatusCode, body)
	}
}

// refuseAudit makes the database of dsn refuse every new audit row, as a
// full disk or a broken audit table would.
func refuseAudit(t *testing.T, dsn string) {
	t.Helper()
	driver, stmts := "sqlite", []string{
		`CREATE TRIGGER audit_log_refuse_test BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END`}
	if os.Getenv("BUDAYA_TEST_PG") != "" {
		driver, stmts = "pgx", []string{
			`CREATE FUNCTION audit_log_refuse_test() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit refused by the test'; END $$ LANGUAGE plpgsql`,
			`CREATE TRIGGER audit_log_refuse_test BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_test()`}
	} else {
		dsn = "file:" + dsn + "?_pragma=busy_timeout(10000)"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
