package index

import (
	"fmt"
	"math/rand"
	"sort"
	"testing"
)

func keys(m map[GroupKey]bool) []string {
	var out []string
	for k, v := range m {
		if v {
			out = append(out, fmt.Sprintf("%d/%s", k.Unit, k.Scope))
		}
	}
	sort.Strings(out)
	return out
}

func TestSuppress(t *testing.T) {
	tests := []struct {
		name  string
		nodes []Node
		k     int
		want  []string
	}{
		{
			// The case: a unit of 4 under a parent of 9 (5 own staff), K = 5.
			// Showing the parent (9) and its own staff (5) would reveal the unit (9-5).
			name:  "unit of 4 under parent of 9",
			nodes: []Node{{Unit: 1, OwnN: 5}, {Unit: 2, Parent: 1, OwnN: 4}},
			k:     5,
			want:  []string{"1/own", "2/own", "2/tree"},
		},
		{
			// Parent without own staff: children 4 and 5; the 5 must go too.
			name:  "sibling hidden",
			nodes: []Node{{Unit: 1}, {Unit: 2, Parent: 1, OwnN: 4}, {Unit: 3, Parent: 1, OwnN: 5}},
			k:     5,
			want:  []string{"2/own", "2/tree", "3/own", "3/tree"},
		},
		{
			// The smallest shown term is chosen, so the bigger sibling stays.
			name:  "smallest sibling chosen",
			nodes: []Node{{Unit: 1, OwnN: 20}, {Unit: 2, Parent: 1, OwnN: 2}, {Unit: 3, Parent: 1, OwnN: 6}},
			k:     5,
			want:  []string{"2/own", "2/tree", "3/own", "3/tree"},
		},
		{
			// Two small children whose sum reaches K: nothing more is needed.
			name:  "two hidden already",
			nodes: []Node{{Unit: 1, OwnN: 10}, {Unit: 2, Parent: 1, OwnN: 3}, {Unit: 3, Parent: 1, OwnN: 4}},
			k:     5,
			want:  []string{"2/own", "2/tree", "3/own", "3/tree"},
		},
		{
			// Two hidden children whose sum (3) stays below K: the parent's own staff goes too.
			name:  "hidden sum below K",
			nodes: []Node{{Unit: 1, OwnN: 10}, {Unit: 2, Parent: 1, OwnN: 2}, {Unit: 3, Parent: 1, OwnN: 1}},
			k:     5,
			want:  []string{"1/own", "2/own", "2/tree", "3/own", "3/tree"},
		},

		{
			// The only other term is empty: the parent equals the hidden child and goes too,
			// and then the instansi total (= parent) must go with it.
			name:  "parent equals hidden child",
			nodes: []Node{{Unit: 1}, {Unit: 2, Parent: 1, OwnN: 4}},
			k:     5,
			want:  []string{"0/tree", "1/tree", "2/own", "2/tree"},
		},
		{
			// X's own 3 would be X's export pool alone; Y (10) joins the pool
			// instead of X's subtree, and the instansi stays shown.
			name:  "pool grown below",
			nodes: []Node{{Unit: 1, OwnN: 3}, {Unit: 2, Parent: 1, OwnN: 10}, {Unit: 3, OwnN: 20}},
			k:     5,
			want:  []string{"1/own", "2/own", "2/tree"},
		},
		{
			name:  "all large",
			nodes: []Node{{Unit: 1, OwnN: 5}, {Unit: 2, Parent: 1, OwnN: 5}},
			k:     5,
			want:  nil,
		},
		{
			// K = 3 shows the unit of 4.
			name:  "K 3",
			nodes: []Node{{Unit: 1, OwnN: 5}, {Unit: 2, Parent: 1, OwnN: 4}},
			k:     3,
			want:  nil,
		},
		{
			// Own staff of a parent below K with children large: own hidden, smallest child hidden too.
			name:  "small own group",
			nodes: []Node{{Unit: 1, OwnN: 2}, {Unit: 2, Parent: 1, OwnN: 7}, {Unit: 3, Parent: 1, OwnN: 9}},
			k:     5,
			want:  []string{"1/own", "2/own", "2/tree"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := keys(Suppress(tt.nodes, tt.k))
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSuppressNoRecovery checks random trees: no additive relation has exactly
// one hidden term with respondents, and nothing below K is shown.
func TestSuppressNoRecovery(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 300; trial++ {
		var nodes []Node
		count := 2 + rng.Intn(15)
		for u := 1; u <= count; u++ {
			parent := int64(0)
			if u > 1 && rng.Intn(5) > 0 {
				parent = int64(1 + rng.Intn(u-1))
			}
			nodes = append(nodes, Node{Unit: int64(u), Parent: parent, OwnN: int64(rng.Intn(9))})
		}
		k := 3 + rng.Intn(8)
		hidden := Suppress(nodes, k)
		own := map[int64]int64{}
		children := map[int64][]int64{}
		for _, n := range nodes {
			own[n.Unit] = n.OwnN
			children[n.Parent] = append(children[n.Parent], n.Unit)
		}
		var tree func(int64) int64
		tree = func(u int64) int64 {
			s := own[u]
			for _, c := range children[u] {
				s += tree(c)
			}
			return s
		}
		for _, n := range nodes {
			for _, g := range []GroupKey{{n.Unit, Own}, {n.Unit, Tree}} {
				x := own[n.Unit]
				if g.Scope == Tree {
					x = tree(n.Unit)
				}
				if x > 0 && x < int64(k) && !hidden[g] {
					t.Fatalf("trial %d: %v has %d < K=%d respondents and is shown", trial, g, x, k)
				}
			}
		}
		for _, p := range append([]int64{0}, func() []int64 {
			var ids []int64
			for _, n := range nodes {
				ids = append(ids, n.Unit)
			}
			return ids
		}()...) {
			if tree(p) == 0 {
				continue
			}
			unknown, hiddenN := 0, int64(0)
			if p != 0 && own[p] > 0 && hidden[GroupKey{p, Own}] {
				unknown++
				hiddenN += own[p]
			}
			for _, c := range children[p] {
				if tree(c) > 0 && hidden[GroupKey{c, Tree}] {
					unknown++
					hiddenN += tree(c)
				}
			}
			if !hidden[GroupKey{p, Tree}] && hiddenN > 0 && hiddenN < int64(k) {
				t.Fatalf("trial %d: relation of unit %d reveals %d < K=%d hidden respondents (nodes %v, hidden %v)", trial, p, hiddenN, k, nodes, keys(hidden))
			}
			if hidden[GroupKey{p, Tree}] && unknown == 0 {
				t.Fatalf("trial %d: hidden unit %d is the sum of shown terms (nodes %v, hidden %v)", trial, p, nodes, keys(hidden))
			}
		}
		for a, r := range Residuals(nodes, hidden) {
			if r > 0 && r < int64(k) {
				t.Fatalf("trial %d: export pool of unit %d has %d < K=%d respondents", trial, a, r, k)
			}
		}
	}
}
