package demo_test

import (
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

func TestDemoAlignmentSession(t *testing.T) {
	t.Parallel()
	db := seeded(t, 120, 7)
	sessions, total, err := db.ListAlignmentSessions(ctx, budaya.SessionFilter{Scope: budaya.UnitScope{All: true}})
	if err != nil || total != 2 {
		t.Fatalf("sessions: got %d, %v; want a past and an upcoming one", total, err)
	}
	past := sessions[1]
	if !past.Past(db.Now()) {
		t.Errorf("the older session should be past")
	}
	pledges, n, err := db.ListPledges(ctx, budaya.PledgeFilter{SessionID: past.ID, Scope: budaya.UnitScope{All: true}, PerPage: 500})
	if err != nil || n < 3 {
		t.Fatalf("pledges: got %d, %v", n, err)
	}
	superseded, acting := 0, 0
	for _, p := range pledges {
		if !p.Genuine() {
			t.Errorf("pledge %d is not genuine", p.ID)
		}
		if !p.Current() {
			superseded++
		}
		if p.ActingKind != "" {
			acting++
		}
		if p.SignedAt.Before(past.StartsAt) || p.SignedAt.After(past.EndsAt.Add(48*time.Hour)) {
			t.Errorf("pledge %d signed at %s, outside the session", p.ID, p.SignedAt)
		}
	}
	if superseded != 1 || acting != 1 {
		t.Errorf("superseded %d, acting %d; want 1 and 1", superseded, acting)
	}
	for _, st := range budaya.CommitmentStatuses {
		if _, n, err := db.ListCommitments(ctx, budaya.CommitmentFilter{SessionID: past.ID, Status: st, Scope: budaya.UnitScope{All: true}}); err != nil || n == 0 {
			t.Errorf("commitments %s: got %d, %v; want some", st, n, err)
		}
	}
}
