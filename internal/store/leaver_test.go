package store_test

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestLeaverLosesAccess: when an employee is deactivated, their account can
// no longer sign in, their open session ends and their API tokens stop; when
// the employee is activated again, signing in works again.
func TestLeaverLosesAccess(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	sj := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	e := mustEmployee(t, db, "198503152010012003", "Siti Aminah", sj.ID, 0)
	u, err := db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	const password = "Pindah-Tugas-2026!"
	if err := db.SetPassword(ctx, sys, u.ID, password); err != nil {
		t.Fatal(err)
	}
	session, _, err := db.CreateSession(ctx, u.ID, "10.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	apiToken, _, err := db.CreateAPIToken(ctx, sys, u.ID, "skrip")
	if err != nil {
		t.Fatal(err)
	}
	setActive := func(active bool) {
		t.Helper()
		cur, err := db.FindEmployee(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.Active = active
		if _, err := db.UpdateEmployee(ctx, sys, e.ID, *cur); err != nil {
			t.Fatalf("set active %v: %v", active, err)
		}
	}

	setActive(false)
	if _, err := db.Authenticate(ctx, u.Username, password, "10.0.0.1"); budaya.ErrorCode(err) != budaya.EFORBIDDEN {
		t.Errorf("leaver signs in: got %v, want forbidden (disabled)", err)
	}
	if _, _, err := db.FindSession(ctx, session); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("leaver's open session: got %v, want unauthorized", err)
	}
	if _, err := db.FindUserByAPIToken(ctx, apiToken); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("leaver's API token: got %v, want unauthorized", err)
	}
	if got, err := db.FindUser(ctx, u.ID); err != nil || !got.Disabled {
		t.Errorf("leaver's account: got %+v, %v, want Disabled", got, err)
	}

	setActive(true)
	if _, err := db.Authenticate(ctx, u.Username, password, "10.0.0.1"); err != nil {
		t.Errorf("employee active again signs in: got %v, want success", err)
	}
	if _, err := db.FindUserByAPIToken(ctx, apiToken); err != nil {
		t.Errorf("API token after reactivation: got %v, want it to work", err)
	}
}

// TestLeaverIsNotTheOtherAdmin: an admin who has left does not count as
// another administrator, so the last active one keeps the role.
func TestLeaverIsNotTheOtherAdmin(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	sj := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	stay := mustEmployee(t, db, "198503152010012003", "Siti Aminah", sj.ID, 0)
	leave := mustEmployee(t, db, "199001012015031001", "Budi Santoso", sj.ID, 0)
	admin := budaya.RoleGrant{Role: budaya.RoleAdmin}
	u, err := db.GrantEmployeeRole(ctx, sys, stay.ID, admin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.GrantEmployeeRole(ctx, sys, leave.ID, admin); err != nil {
		t.Fatal(err)
	}
	cur, err := db.FindEmployee(ctx, leave.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Active = false
	if _, err := db.UpdateEmployee(ctx, sys, leave.ID, *cur); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeRole(ctx, sys, u.ID, admin); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("revoke the last active admin beside a leaver: got %v, want a conflict", err)
	}
}
