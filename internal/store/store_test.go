package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

var ctx = context.Background()

const goodPassword = "Kuat-Sekali-2024!"

// clock is a settable clock for lockout and timeout tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func mustCreateUser(t *testing.T, db *store.DB, name string, roles ...budaya.Role) *budaya.User {
	t.Helper()
	var grants []budaya.RoleGrant
	for _, r := range roles {
		grants = append(grants, budaya.RoleGrant{Role: r})
	}
	u, err := db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: name, Password: goodPassword, Roles: grants})
	if err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	return u
}

func TestMigrateIsIdempotentAndRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	first, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) == 0 {
		t.Fatal("first migrate applied nothing")
	}
	again, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Errorf("second migrate applied %v, want nothing", again)
	}
	_, known, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future.sql', 'x')`, known+1); err != nil {
		t.Fatal(err)
	}
	_, err = db.Migrate(ctx)
	if budaya.ErrorCode(err) != budaya.ECONFLICT || !strings.Contains(err.Error(), "newer than this budaya binary") {
		t.Errorf("migrate on newer schema: got %v, want a conflict saying the database is newer", err)
	}
}

func TestOfficialFrameworkSeeded(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.CoreValues()); got != 7 {
		t.Fatalf("core values: got %d, want 7", got)
	}
	n := 0
	for _, v := range f.CoreValues() {
		for _, b := range v.Behaviours {
			n++
			if !strings.HasPrefix(b.Code, v.Code) || b.TextEN == "" || b.Text == "" {
				t.Errorf("behaviour %s of %s: bad code or missing text", b.Code, v.Code)
			}
		}
	}
	if n != 21 {
		t.Errorf("behaviours: got %d, want 21", n)
	}
	if f.EmployerBranding != "Bangga Melayani Bangsa" || f.Version != 1 || !f.Frozen() {
		t.Errorf("framework: got %q v%d %s", f.EmployerBranding, f.Version, f.Status)
	}
	// Seeding twice keeps one version.
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListFrameworks(ctx)
	if err != nil || len(list) != 1 {
		t.Errorf("frameworks after second seed: got %d (%v), want 1", len(list), err)
	}
}

func TestFrameworkDraftPublishFreeze(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	admin := budaya.Actor{UserID: 0, Name: "admin"}
	v1, _ := db.ActiveFramework(ctx)
	// A published version refuses edits.
	err := db.SetEmployerBranding(ctx, admin, v1.ID, "Lain")
	if budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Fatalf("edit published: got %v, want conflict", err)
	}
	d, err := db.OpenDraft(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	if d.Version != 2 || d.Frozen() || len(d.CoreValues()) != 7 {
		t.Fatalf("draft: got v%d %s with %d values", d.Version, d.Status, len(d.CoreValues()))
	}
	again, _ := db.OpenDraft(ctx, admin)
	if again.ID != d.ID {
		t.Errorf("second OpenDraft made another draft: %d, want %d", again.ID, d.ID)
	}
	tests := []struct {
		name string
		in   budaya.InstansiValueInput
		code string // expected error code, "" for success
	}{
		{"ok", budaya.InstansiValueInput{Code: "JUJUR", Name: "Jujur", MapsTo: []string{"AK", "LO"}}, ""},
		{"duplicate code", budaya.InstansiValueInput{Code: "JUJUR", Name: "Jujur lagi", MapsTo: []string{"AK"}}, budaya.EINVALID},
		{"collides with core", budaya.InstansiValueInput{Code: "BP", Name: "X", MapsTo: []string{"AK"}}, budaya.EINVALID},
		{"no mapping", budaya.InstansiValueInput{Code: "MELAYANI", Name: "Melayani"}, budaya.EINVALID},
		{"unknown mapping", budaya.InstansiValueInput{Code: "MELAYANI", Name: "Melayani", MapsTo: []string{"ZZ"}}, budaya.EINVALID},
		{"bad code", budaya.InstansiValueInput{Code: "a b", Name: "Melayani", MapsTo: []string{"BP"}}, budaya.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.AddInstansiValue(ctx, admin, d.ID, tt.in)
			if tt.code == "" && err != nil || tt.code != "" && budaya.ErrorCode(err) != tt.code {
				t.Errorf("got %v, want code %q", err, tt.code)
			}
		})
	}
	if err := db.SetEmployerBranding(ctx, admin, d.ID, "Bangga Melayani Bangsa, Melayani Sepenuh Hati"); err != nil {
		t.Fatal(err)
	}
	if err := db.PublishFramework(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	active, _ := db.ActiveFramework(ctx)
	if active.ID != d.ID || len(active.InstansiValues()) != 1 || strings.Join(active.InstansiValues()[0].MapsTo, ",") != "AK,LO" {
		t.Errorf("active after publish: got v%d with %+v", active.Version, active.InstansiValues())
	}
	if err := db.AddInstansiValue(ctx, admin, d.ID, budaya.InstansiValueInput{Code: "INOVATIF", Name: "Inovatif", MapsTo: []string{"AD"}}); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("add value to published: got %v, want conflict", err)
	}
	old, _ := db.FindFramework(ctx, v1.ID)
	if len(old.InstansiValues()) != 0 || old.EmployerBranding != "Bangga Melayani Bangsa" {
		t.Errorf("version 1 changed: %+v", old.InstansiValues())
	}
	entries, total, err := db.ListAudit(ctx, budaya.AuditFilter{Entity: "framework"})
	if err != nil || total < 4 {
		t.Fatalf("audit of framework changes: got %d entries (%v), want at least 4", total, err)
	}
	if entries[0].Action != "publish" {
		t.Errorf("newest framework audit entry: got %q, want publish", entries[0].Action)
	}
}

func TestAuthenticateLockout(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: c.Now})
	mustCreateUser(t, db, "budi", budaya.RolePegawai)

	if _, err := db.Authenticate(ctx, "BUDI", goodPassword, "1.2.3.4"); err != nil {
		t.Fatalf("good login (case-insensitive name): %v", err)
	}
	for i := 1; i <= budaya.MaxFailedLogins; i++ {
		_, err := db.Authenticate(ctx, "budi", "wrong", "1.2.3.4")
		if budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
			t.Fatalf("failure %d: got %v, want unauthorized", i, err)
		}
	}
	_, err := db.Authenticate(ctx, "budi", "wrong", "1.2.3.4")
	if budaya.ErrorCode(err) != budaya.ELOCKED {
		t.Fatalf("6th failure: got %v, want locked", err)
	}
	if _, err := db.Authenticate(ctx, "budi", goodPassword, "1.2.3.4"); budaya.ErrorCode(err) != budaya.ELOCKED {
		t.Fatalf("right password while locked: got %v, want locked", err)
	}
	c.Add(budaya.LockoutDuration + time.Second)
	if _, err := db.Authenticate(ctx, "budi", goodPassword, "1.2.3.4"); err != nil {
		t.Fatalf("after lockout ends: %v", err)
	}
	// Failures spread over more than the window never lock.
	for i := 0; i < 10; i++ {
		_, err := db.Authenticate(ctx, "budi", "wrong", "")
		if budaya.ErrorCode(err) == budaya.ELOCKED {
			t.Fatalf("spread failure %d locked the account", i)
		}
		c.Add(4 * time.Minute)
	}
	// Unknown users get the same message as a wrong password.
	_, err = db.Authenticate(ctx, "nobody", "x", "")
	if budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("unknown user: got %v", err)
	}
	_, total, _ := db.ListAudit(ctx, budaya.AuditFilter{Action: "login_failed"})
	if total < 16 {
		t.Errorf("failed logins audited: got %d, want at least 16", total)
	}
}

func TestPasswordPolicyAndHistory(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	for _, p := range []string{"short1!A", "alllowercase-123", "ALLUPPERCASE-123", "NoDigitsHere-abc", "NoSymbols12345abc"} {
		_, err := db.CreateUser(ctx, budaya.SystemActor("t"), budaya.UserInput{Username: "x" + p[:3], Password: p})
		if budaya.ErrorCode(err) != budaya.EINVALID {
			t.Errorf("password %q: got %v, want invalid", p, err)
		}
	}
	u := mustCreateUser(t, db, "sari")
	if err := db.SetPassword(ctx, budaya.SystemActor("t"), u.ID, goodPassword); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("reuse current password: got %v, want invalid", err)
	}
	if err := db.SetPassword(ctx, budaya.SystemActor("t"), u.ID, "Baru-Lagi-2025#"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(ctx, "sari", "Baru-Lagi-2025#", ""); err != nil {
		t.Errorf("login with new password: %v", err)
	}
	if _, err := db.CreateUser(ctx, budaya.SystemActor("t"), budaya.UserInput{Username: "SARI", Password: goodPassword}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("duplicate username: got %v, want invalid", err)
	}
}

func TestSessionsTimeouts(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: c.Now})
	u := mustCreateUser(t, db, "ani")
	token, _, err := db.CreateSession(ctx, u.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	// Keep it alive with activity every 20 minutes until the absolute timeout.
	for elapsed := time.Duration(0); elapsed < budaya.SessionAbsoluteTimeout-20*time.Minute; elapsed += 20 * time.Minute {
		if _, got, err := db.FindSession(ctx, token); err != nil || got.ID != u.ID {
			t.Fatalf("at %v: got %v, %v", elapsed, got, err)
		}
		c.Add(20 * time.Minute)
	}
	c.Add(40 * time.Minute)
	if _, _, err := db.FindSession(ctx, token); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("past absolute timeout: got %v, want unauthorized", err)
	}
	token2, _, _ := db.CreateSession(ctx, u.ID, "", "")
	c.Add(budaya.SessionIdleTimeout + time.Second)
	if _, _, err := db.FindSession(ctx, token2); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("past idle timeout: got %v, want unauthorized", err)
	}
	if _, _, err := db.FindSession(ctx, "forged"); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("unknown token: got %v", err)
	}
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	u := mustCreateUser(t, db, "rina", budaya.RoleAuditor)
	raw, tok, err := db.CreateAPIToken(ctx, budaya.SystemActor("t"), u.ID, "laporan")
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.FindUserByAPIToken(ctx, raw)
	if err != nil || got.ID != u.ID || !got.HasRole(budaya.RoleAuditor) {
		t.Fatalf("find by token: got %+v, %v", got, err)
	}
	if err := db.RevokeAPIToken(ctx, budaya.SystemActor("t"), u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindUserByAPIToken(ctx, raw); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("revoked token: got %v, want unauthorized", err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	mustCreateUser(t, db, "dewi")
	for _, q := range []string{`UPDATE audit_log SET actor_name = 'x'`, `DELETE FROM audit_log`} {
		if err := db.ExecForTest(ctx, q); err == nil {
			t.Errorf("%s: succeeded, want refused by the database", q)
		}
	}
	entries, total, err := db.ListAudit(ctx, budaya.AuditFilter{Entity: "user", Action: "create"})
	if err != nil || total != 1 || entries[0].Action != "create" || !strings.Contains(entries[0].NewValue, "dewi") {
		t.Errorf("audit of user create: got %d %+v (%v)", total, entries, err)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	// A role grant that is invalid fails the whole CreateUser: no user, no audit entry.
	_, err := db.CreateUser(ctx, budaya.SystemActor("t"), budaya.UserInput{Username: "joko", Password: goodPassword,
		Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}, {Role: "raja"}}})
	if budaya.ErrorCode(err) != budaya.EINVALID {
		t.Fatalf("got %v, want invalid role", err)
	}
	if _, err := db.FindUserByUsername(ctx, "joko"); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("user after failed create: got %v, want not found", err)
	}
	if _, total, _ := db.ListAudit(ctx, budaya.AuditFilter{Entity: "user"}); total != 0 {
		t.Errorf("audit entries after failed create: got %d, want 0", total)
	}
}

func TestGrantingAHeldRoleAgainKeepsTheTransaction(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	u := mustCreateUser(t, db, "ganda", budaya.RolePegawai)
	// The same role twice in one transaction, then more work in it.
	err := db.SetRoles(ctx, budaya.SystemActor("t"), u.ID, []budaya.RoleGrant{{Role: budaya.RolePegawai}, {Role: budaya.RolePegawai}, {Role: budaya.RoleAuditor}})
	if err != nil {
		t.Fatalf("set roles with a duplicate: %v", err)
	}
	got, _ := db.FindUser(ctx, u.ID)
	if len(got.Roles) != 2 || !got.HasRole(budaya.RoleAuditor) {
		t.Errorf("roles: got %+v, want pegawai and auditor", got.Roles)
	}
}
