package budaya_test

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Issue 16.4: a peer may answer "tidak dapat menilai" (CannotRate); no other
// group may; it counts for completeness, and a submission stores only the
// rated behaviours.
func TestCannotRate(t *testing.T) {
	f, err := budaya.OfficialFramework()
	if err != nil {
		t.Fatal(err)
	}
	all := func(score int) []budaya.Answer {
		var out []budaya.Answer
		for _, c := range f.BehaviourCodes() {
			out = append(out, budaya.Answer{BehaviourCode: c, Score: score, Comment: "x"})
		}
		return out
	}
	withHA2 := func(score int) []budaya.Answer {
		as := all(4)
		for i := range as {
			if as[i].BehaviourCode == "HA2" {
				as[i].Score = score
			}
		}
		return as
	}
	for _, c := range []struct {
		group   string
		answers []budaya.Answer
		ok      bool
	}{
		{budaya.GroupPeer, withHA2(budaya.CannotRate), true},
		{budaya.GroupMember, withHA2(budaya.CannotRate), false},
		{budaya.GroupSelf, withHA2(budaya.CannotRate), false},
		{budaya.GroupAtasan, withHA2(budaya.CannotRate), false},
		{budaya.GroupBawahan, withHA2(budaya.CannotRate), false},
		{budaya.GroupPeer, all(budaya.CannotRate), false}, // rates nobody: not a submission
		{budaya.GroupPeer, withHA2(6), false},
	} {
		err := budaya.ValidateAnswersOf(f, c.group, c.answers, true)
		if (err == nil) != c.ok {
			t.Errorf("%s with HA2 = %d: got error %v, want ok = %v", c.group, c.answers[10].Score, err, c.ok)
		}
	}
	as := withHA2(budaya.CannotRate)
	if err := budaya.ValidateAnswersOf(f, budaya.GroupPeer, as, true); err != nil {
		t.Fatal(err)
	}
	rated := budaya.Rated(as)
	if len(rated) != len(as)-1 {
		t.Fatalf("Rated: got %d answers, want %d", len(rated), len(as)-1)
	}
	for _, a := range rated {
		if a.BehaviourCode == "HA2" {
			t.Errorf("Rated kept the cannot-rate answer of HA2")
		}
	}
	for _, a := range as {
		if a.BehaviourCode == "HA2" && a.Comment != "" {
			t.Errorf("a cannot-rate answer kept its comment %q", a.Comment)
		}
	}
	// A draft (not complete) may hold CannotRate for a peer, never for a member.
	if err := budaya.ValidateAnswersOf(f, budaya.GroupPeer, []budaya.Answer{{BehaviourCode: "BP1", Score: 0}}, false); err != nil {
		t.Errorf("peer draft with cannot rate: %v", err)
	}
	if err := budaya.ValidateAnswers(f, []budaya.Answer{{BehaviourCode: "BP1", Score: 0}}, false); err == nil {
		t.Errorf("draft with score 0 and no group: want an error")
	}
}
