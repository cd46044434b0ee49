package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestUnknownNamesLockOutLikeAccounts: a name without an account gets, at
// every step, the same answer as an account's name with a wrong password: the
// same code and message for the first failures, the same lockout at the same
// failure, for the same time, and the same forgetting of spread failures; so
// the answers do not tell which names exist. Stale counts are pruned.
func TestUnknownNamesLockOutLikeAccounts(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: c.Now})
	mustCreateUser(t, db, "budi", budaya.RolePegawai)
	answer := func(name, password string) string {
		t.Helper()
		_, err := db.Authenticate(ctx, name, password, "10.0.0.7")
		e := budaya.AsError(err)
		if e == nil {
			return fmt.Sprintf("not a user error: %v", err)
		}
		return e.Code + ": " + e.Message + " | " + e.MessageEN
	}
	same := func(step, wantCode string, account, unknown string) {
		t.Helper()
		a, u := answer("budi", account), answer(unknown, "Salah-Sandi-2026!")
		if a != u {
			t.Errorf("%s: account answered %q, unknown name %q; want the same", step, a, u)
		}
		if wantCode != "" && (len(a) < len(wantCode) || a[:len(wantCode)] != wantCode) {
			t.Errorf("%s: got %q, want %s", step, a, wantCode)
		}
	}
	for i := 1; i <= budaya.MaxFailedLogins; i++ {
		same(fmt.Sprintf("failure %d", i), budaya.EUNAUTHORIZED, "Salah-Sandi-2026!", "siapa")
	}
	same("failure 6", budaya.ELOCKED, "Salah-Sandi-2026!", "siapa")
	c.Add(time.Minute)
	same("locked: the account's right password", budaya.ELOCKED, goodPassword, " SIAPA ")
	c.Add(budaya.LockoutDuration)
	same("after the lockout", budaya.EUNAUTHORIZED, "Salah-Sandi-2026!", "siapa")
	// Failures spread over more than the window never lock, for either.
	for i := 0; i < 2*budaya.MaxFailedLogins; i++ {
		c.Add(4 * time.Minute)
		same(fmt.Sprintf("spread failure %d", i), budaya.EUNAUTHORIZED, "Salah-Sandi-2026!", "siapa")
	}
	// Every failure and refusal of the unknown name is audited like the account's.
	_, failed, err := db.ListAudit(ctx, budaya.AuditFilter{Action: "login_failed"})
	if err != nil {
		t.Fatal(err)
	}
	_, refused, err := db.ListAudit(ctx, budaya.AuditFilter{Action: "login_refused"})
	if err != nil {
		t.Fatal(err)
	}
	wantFailed := 2 * (budaya.MaxFailedLogins + 1 + 1 + 2*budaya.MaxFailedLogins)
	if failed != wantFailed || refused != 2 {
		t.Errorf("audited: %d failed, %d refused; want %d and 2", failed, refused, wantFailed)
	}

	// Names tried long ago are forgotten: only recent ones are kept.
	countNames := func() int {
		t.Helper()
		n, err := db.IntForTest(ctx, `SELECT COUNT(*) FROM login_failures`)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := range 3 {
		answer(fmt.Sprintf("tebakan%d", i), "x")
	}
	if n := countNames(); n != 4 {
		t.Fatalf("names counted: got %d, want 4", n)
	}
	c.Add(budaya.LockoutWindow + budaya.LockoutDuration + time.Second)
	answer("baru", "x")
	if n := countNames(); n != 1 {
		t.Errorf("names counted after %v: got %d, want only the new one", budaya.LockoutWindow+budaya.LockoutDuration, n)
	}
}
