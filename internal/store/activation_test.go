package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestActivationBatch(t *testing.T) {
	t.Parallel()
	clk := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: clk.Now})
	org := storetest.MakeOrg(t, db, 2, 3)

	// One staff member of the first unit already has a password: no slip for them.
	withPw, err := db.GrantEmployeeRole(ctx, sys, org.Staff[0][0], budaya.RoleGrant{Role: budaya.RolePegawai})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.SetPassword(ctx, sys, withPw.ID, goodPassword); err != nil {
		t.Fatal(err)
	}
	// A leaver gets no slip either.
	leaver, err := db.FindEmployee(ctx, org.Staff[0][1])
	if err != nil {
		t.Fatal(err)
	}
	leaver.Active = false
	if _, err := db.UpdateEmployee(ctx, sys, leaver.ID, *leaver); err != nil {
		t.Fatal(err)
	}

	if _, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("no target: got %v, want invalid", err)
	}
	if _, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Root, PeriodID: 1}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("unit and period: got %v, want invalid", err)
	}
	if _, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: 99999}); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("unknown unit: got %v, want not found", err)
	}

	first, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Units[0]})
	if err != nil {
		t.Fatal(err)
	}
	// Leader and 3 staff, less the one with a password and the leaver.
	if got := len(first.Slips); got != 2 || first.AccountsCreated != 2 {
		t.Fatalf("unit batch: got %d slips, %d accounts made, want 2 and 2", got, first.AccountsCreated)
	}
	for _, s := range first.Slips {
		if s.EmployeeID == withPw.EmployeeID || s.EmployeeID == leaver.ID {
			t.Errorf("slip for %s, who has a password or has left", s.Name)
		}
		if s.Token == "" || len(s.Code) != budaya.KioskCodeLength+1 || s.UnitCode != "U001" || s.Identifier == "" {
			t.Errorf("slip %+v: want token, code, unit U001, identifier", s)
		}
		if u, err := db.FindPasswordLink(ctx, s.Token); err != nil || u.ID != s.UserID || !u.HasRole(budaya.RolePegawai) {
			t.Errorf("link of %s: got %v, %v; want the pegawai account %d", s.Name, u, err, s.UserID)
		}
		// Neither the token nor the code is stored in clear.
		for _, secret := range []string{s.Token, s.Code, strings.ReplaceAll(s.Code, "-", "")} {
			n, err := db.IntForTest(ctx, `SELECT COUNT(*) FROM password_links WHERE token_hash = ? OR code_hash LIKE ? OR batch_id = ?`, secret, "%"+secret+"%", secret)
			if err != nil || n != 0 {
				t.Errorf("secret %q found in password_links: %d rows (%v)", secret, n, err)
			}
		}
	}

	// The subtree: head, two leaders, six staff, less the two above.
	clk.Add(time.Minute)
	all, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Root, Subtree: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(all.Slips); got != 7 || all.AccountsCreated != 5 {
		t.Fatalf("subtree batch: got %d slips, %d accounts made, want 7 and 5", got, all.AccountsCreated)
	}
	for _, s := range first.Slips {
		if _, err := db.FindPasswordLink(ctx, s.Token); budaya.ErrorCode(err) != budaya.ENOTFOUND {
			t.Errorf("older link of %s after a new batch: got %v, want not found", s.Name, err)
		}
		if _, err := db.KioskSignIn(ctx, s.Identifier, s.Code, ""); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
			t.Errorf("older code of %s after a new batch: got %v, want unauthorized", s.Name, err)
		}
	}
	only, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Units[1]})
	if err != nil || len(only.Slips) != 4 {
		t.Fatalf("second unit: got %v slips (%v), want 4", only, err)
	}
	audit, _, err := db.ListAudit(ctx, budaya.AuditFilter{Action: "activation_batch", PerPage: 10})
	if err != nil || len(audit) != 3 {
		t.Fatalf("audit of batches: got %d (%v), want 3, one per batch", len(audit), err)
	}
	for _, a := range audit {
		if !strings.Contains(a.NewValue, `"count"`) {
			t.Errorf("audit %s: want the count", a.NewValue)
		}
		for _, s := range append(append(first.Slips, all.Slips...), only.Slips...) {
			if strings.Contains(a.NewValue, s.Token) || strings.Contains(a.NewValue, s.Code) {
				t.Fatalf("audit %s holds a link or code", a.NewValue)
			}
		}
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'password_link'`); n != 0 {
		t.Errorf("audit rows per link: got %d, want none (one row per batch)", n)
	}

	// Every one of the people now has a password-less account: a batch of the
	// first unit again makes slips for the same two, with no new accounts.
	again, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Units[0]})
	if err != nil || len(again.Slips) != 2 || again.AccountsCreated != 0 {
		t.Fatalf("again: got %+v (%v), want 2 slips, no account made", again, err)
	}
}

func TestActivationBatchOfPeriodRaters(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 2, 2)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 3, UnitIDs: []int64{org.Units[0]}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	raters, err := db.IntForTest(ctx, `SELECT COUNT(DISTINCT rater_employee_id) FROM measurement_tasks WHERE period_id = ?`, p.ID)
	if err != nil || raters == 0 {
		t.Fatalf("raters: %d (%v)", raters, err)
	}
	b, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{PeriodID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Slips) != raters {
		t.Errorf("period batch: got %d slips, want %d (the raters)", len(b.Slips), raters)
	}
	for _, s := range b.Slips {
		if s.UnitCode != "U001" {
			t.Errorf("slip of %s in %s: only raters of U001's period should get one", s.Name, s.UnitCode)
		}
	}
	if _, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{PeriodID: 424242}); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("unknown period: got %v, want not found", err)
	}
}

func TestKioskSignIn(t *testing.T) {
	t.Parallel()
	clk := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: clk.Now})
	org := storetest.MakeOrg(t, db, 1, 3)
	b, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Units[0]})
	if err != nil {
		t.Fatal(err)
	}
	a, c, d := b.Slips[0], b.Slips[1], b.Slips[2]

	// Typed by hand: lower case, without the dash, with spaces.
	u, err := db.KioskSignIn(ctx, " "+a.Identifier+" ", strings.ToLower(strings.ReplaceAll(a.Code, "-", " ")), "10.0.0.9")
	if err != nil || u.ID != a.UserID {
		t.Fatalf("kiosk sign-in: got %v, %v; want user %d", u, err, a.UserID)
	}
	if _, err := db.KioskSignIn(ctx, a.Identifier, a.Code, ""); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("code used twice: got %v, want unauthorized", err)
	}
	// The link of the slip still sets a password after the kiosk; then the code is gone with it.
	if _, err := db.UsePasswordLink(ctx, a.Token, goodPassword, ""); err != nil {
		t.Errorf("link after kiosk: %v", err)
	}
	if _, err := db.Authenticate(ctx, u.Username, goodPassword, ""); err != nil {
		t.Errorf("password set through the slip's link: %v", err)
	}
	if _, err := db.UsePasswordLink(ctx, c.Token, goodPassword, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := db.KioskSignIn(ctx, c.Identifier, c.Code, ""); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("code after its link set a password: got %v, want unauthorized", err)
	}

	// Another's code, an unknown NIP: one answer.
	_, wrong := db.KioskSignIn(ctx, d.Identifier, a.Code, "")
	_, unknown := db.KioskSignIn(ctx, storetest.NIP(9000), d.Code, "")
	if budaya.ErrorCode(wrong) != budaya.EUNAUTHORIZED || wrong.Error() != unknown.Error() {
		t.Errorf("wrong code %v and unknown NIP %v: want the same unauthorized answer", wrong, unknown)
	}
	// Counted with the failures of sign-in: the sixth failure in the window locks, even the right code.
	for range budaya.MaxFailedLogins - 1 {
		if _, err := db.KioskSignIn(ctx, d.Identifier, "AAAA-AAAA", ""); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
			t.Fatalf("wrong code: got %v, want unauthorized", err)
		}
	}
	if _, err := db.KioskSignIn(ctx, d.Identifier, "AAAA-AAAA", ""); budaya.ErrorCode(err) != budaya.ELOCKED {
		t.Fatalf("sixth wrong code: got %v, want locked", err)
	}
	if _, err := db.KioskSignIn(ctx, d.Identifier, d.Code, ""); budaya.ErrorCode(err) != budaya.ELOCKED {
		t.Errorf("right code while locked: got %v, want locked", err)
	}
	clk.Add(budaya.LockoutDuration + time.Minute)
	if _, err := db.KioskSignIn(ctx, d.Identifier, d.Code, ""); err != nil {
		t.Errorf("right code after the lockout: %v", err)
	}
	for range budaya.MaxFailedLogins + 1 {
		_, err = db.KioskSignIn(ctx, storetest.NIP(9001), "AAAA-AAAA", "")
	}
	if budaya.ErrorCode(err) != budaya.ELOCKED {
		t.Errorf("unknown NIP tried six times: got %v, want locked like a known one", err)
	}

	// Expired with the link.
	late, err := db.CreateActivationBatch(ctx, sys, store.ActivationTarget{UnitID: org.Units[0]})
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(budaya.PasswordLinkLifetime + time.Minute)
	for _, s := range late.Slips {
		if _, err := db.KioskSignIn(ctx, s.Identifier, s.Code, ""); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
			t.Errorf("expired code of %s: got %v, want unauthorized", s.Name, err)
		}
	}
}

func TestKioskSessionIdleTimeout(t *testing.T) {
	t.Parallel()
	clk := &clock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: clk.Now})
	u := mustCreateUser(t, db, "pegawai_kios", budaya.RolePegawai)
	kiosk, sess, err := db.CreateKioskSession(ctx, u.ID, "", "")
	if err != nil || !sess.Kiosk {
		t.Fatalf("kiosk session: %v, %v", sess, err)
	}
	normal, _, err := db.CreateSession(ctx, u.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	clk.Add(budaya.KioskIdleTimeout - time.Minute)
	if s, _, err := db.FindSession(ctx, kiosk); err != nil || !s.Kiosk {
		t.Fatalf("kiosk session within its idle time: %v, %v", s, err)
	}
	clk.Add(budaya.KioskIdleTimeout + time.Second)
	if _, _, err := db.FindSession(ctx, kiosk); budaya.ErrorCode(err) != budaya.EUNAUTHORIZED {
		t.Errorf("idle kiosk session: got %v, want ended", err)
	}
	if s, _, err := db.FindSession(ctx, normal); err != nil || s.Kiosk {
		t.Errorf("normal session idle as long: got %v, %v; want alive, not kiosk", s, err)
	}
}
