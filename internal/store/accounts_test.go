package store_test

import (
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestGrantEmployeeRoleCreatesAccountAndLinkSetsPassword(t *testing.T) {
	t.Parallel()
	clk := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: clk.Now})
	sj := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	e := mustEmployee(t, db, "198503152010012003", "Siti Aminah", sj.ID, 0)

	if _, err := db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RolePimpinan}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("pimpinan without unit: got %v, want invalid", err)
	}
	u, err := db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: sj.ID})
	if err != nil {
		t.Fatal(err)
	}
	if u.Username != e.NIP || u.EmployeeID != e.ID || !u.HasRole(budaya.RolePegawai) || !u.HasRole(budaya.RolePimpinan) {
		t.Fatalf("account: got %+v, want username = NIP, linked, pegawai and pimpinan", u)
	}
	if _, err := db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RoleAuditor, UnitID: sj.ID}); err != nil {
		t.Fatal(err)
	}
	u, _ = db.FindEmployeeUser(ctx, e.ID)
	if len(u.Roles) != 3 {
		t.Errorf("roles: got %v, want pegawai, pimpinan, auditor", u.Roles)
	}
	if _, err := db.Authenticate(ctx, u.Username, "", ""); err == nil {
		t.Fatal("an account without password signed in")
	}

	first, _, err := db.CreatePasswordLink(ctx, sys, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := db.CreatePasswordLink(ctx, sys, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindPasswordLink(ctx, first); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("older link after a new one: got %v, want not found", err)
	}
	if _, err := db.UsePasswordLink(ctx, token, "short", ""); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("weak password: got %v, want invalid", err)
	}
	if _, err := db.UsePasswordLink(ctx, token, goodPassword, "10.0.0.1"); err != nil {
		t.Fatalf("use link: %v", err)
	}
	if _, err := db.Authenticate(ctx, u.Username, goodPassword, ""); err != nil {
		t.Errorf("sign in with the new password: %v", err)
	}
	if _, err := db.UsePasswordLink(ctx, token, "Lain-Sekali-2025!", ""); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("second use: got %v, want not found", err)
	}
	late, _, _ := db.CreatePasswordLink(ctx, sys, u.ID)
	clk.Add(budaya.PasswordLinkLifetime + time.Minute)
	if _, err := db.UsePasswordLink(ctx, late, "Lain-Sekali-2025!", ""); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("expired link: got %v, want not found", err)
	}

	if err := db.RevokeRole(ctx, sys, u.ID, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: sj.ID}); err != nil {
		t.Fatal(err)
	}
	holders, err := db.UnitRoleHolders(ctx, sj.ID, budaya.RolePimpinan)
	if err != nil || len(holders) != 0 {
		t.Errorf("pimpinan of SJ after revoke: got %d (%v), want 0", len(holders), err)
	}
	admin := mustCreateUser(t, db, "satu_admin", budaya.RoleAdmin)
	if err := db.RevokeRole(ctx, sys, admin.ID, budaya.RoleGrant{Role: budaya.RoleAdmin}); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("revoke last admin: got %v, want conflict", err)
	}
}
