package demo_test

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestDemoActivation: the demo activates one unit in one audited batch and
// prints a slip whose code opens the kiosk once.
func TestDemoActivation(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	var out bytes.Buffer
	if err := demo.Seed(ctx, db, demo.Options{Employees: 120, Seed: 7, Progress: &out, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	entries, _, err := db.ListAudit(ctx, budaya.AuditFilter{Action: "activation_batch", PerPage: 5})
	if err != nil || len(entries) != 1 {
		t.Fatalf("activation batches in the demo: got %d (%v), want 1", len(entries), err)
	}
	m := regexp.MustCompile(`demo kiosk slip \([^)]*\): NIP (\S+), code (\S+) at /kiosk`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("the demo printed no kiosk slip:\n%s", out.String())
	}
	u, err := db.KioskSignIn(ctx, m[1], m[2], "")
	if err != nil {
		t.Fatalf("the printed slip at the kiosk: %v", err)
	}
	if u.Username != m[1] || !u.HasRole(budaya.RolePegawai) {
		t.Errorf("kiosk account %s %v: want the slip's pegawai", u.Username, u.Roles)
	}
}
