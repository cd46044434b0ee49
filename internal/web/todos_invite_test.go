package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestHomeTodosInvitations: a leader's home lists the Leader Alignment
// Sessions they are invited to, not over yet and not signed; a session past,
// or one whose pledge is signed, is not listed.
func TestHomeTodosInvitations(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	if err := ts.db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	sys := budaya.SystemActor("test")
	org := storetest.MakeOrg(t, ts.db, 2, 1)
	leader, other := org.Leaders[0], org.Leaders[1]
	var users []*budaya.User
	for i, e := range []int64{leader, other} {
		u, err := ts.db.GrantEmployeeRole(ctx, sys, e, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: org.Units[i]})
		if err != nil {
			t.Fatal(err)
		}
		if err := ts.db.SetPassword(ctx, sys, u.ID, testPassword); err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	now := time.Now().UTC()
	session := func(title string, starts time.Time) int64 {
		s, err := ts.db.CreateAlignmentSession(ctx, sys, budaya.SessionInput{Title: title, StartsAt: starts, EndsAt: starts.Add(3 * time.Hour),
			Place: "Aula", Facilitator: "Biro", PledgeTemplate: budaya.DefaultPledgeTemplate})
		if err != nil {
			t.Fatal(err)
		}
		return s.ID
	}
	next := session("Sesi depan", now.Add(5*24*time.Hour))
	later := session("Sesi nanti", now.Add(20*24*time.Hour))
	past := session("Sesi lalu", now.Add(-10*24*time.Hour))
	for _, s := range []int64{next, later, past} {
		if err := ts.db.InviteEmployee(ctx, sys, s, leader, org.Units[0]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ts.db.InviteEmployee(ctx, sys, next, other, org.Units[1]); err != nil {
		t.Fatal(err)
	}
	c := ts.login(t, users[0].Username)
	_, body := c.get("/")
	if !strings.Contains(body, "2 undangan Sesi Penyelarasan Pimpinan belum ditandatangani") || !strings.Contains(body, `href="/alignment"`) {
		t.Errorf("leader's home: want 2 invitations (the past session not counted)")
	}
	// The other leader signs their pledge: nothing left for them.
	if _, err := ts.db.SignPledge(ctx, budaya.Actor{UserID: users[1].ID, Name: users[1].Username}, budaya.SignInput{SessionID: next, UnitID: org.Units[1],
		Signer: users[1], Password: testPassword, TypedName: "Kepala Biro 2", At: now.Add(5*24*time.Hour + time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, body := ts.login(t, users[1].Username).get("/"); strings.Contains(body, "undangan Sesi Penyelarasan") {
		t.Errorf("after signing: the invitation is still listed")
	}
}
