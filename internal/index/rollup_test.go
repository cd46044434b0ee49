package index

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sumsOf returns the sums of n respondents who answer every behaviour with score.
func sumsOf(l *Layout, n, score int) *Sums {
	s := NewSums(l)
	scores := make([]int, len(l.Behaviours()))
	for i := range scores {
		scores[i] = score
	}
	for i := 0; i < n; i++ {
		s.AddResponse(scores)
	}
	return s
}

// row is a published group in a form a table can state.
type row struct {
	key        string
	n          int64
	suppressed bool
	tasks      Tasks
	overallSum int64 // exact overall sum (scale OverallScale), -1 without sums
}

func rowsOf(gs []RollupGroup) []row {
	var out []row
	for _, g := range gs {
		r := row{key: fmt.Sprintf("%d/%s", g.Key.Unit, g.Key.Scope), n: g.Respondents, suppressed: g.Suppressed, tasks: g.Tasks, overallSum: -1}
		if g.Sums != nil {
			r.overallSum = g.Sums.Overall.Sum
		}
		out = append(out, r)
	}
	return out
}

func TestRollup(t *testing.T) {
	l := testLayout(t)
	// Overall score of a respondent who answers x = s-1 everywhere: 2520·x.
	o := func(n, score int) int64 { return int64(n * (score - 1) * OverallScale) }
	tests := []struct {
		name string
		in   RollupInput
		want []row
	}{
		{
			name: "parent sums all answers below it",
			in: RollupInput{K: 3, Units: []RollupUnit{{1, 0}, {2, 1}, {3, 1}},
				Own: map[int64]*Sums{1: sumsOf(l, 3, 5), 2: sumsOf(l, 4, 1), 3: sumsOf(l, 5, 3)}},
			want: []row{
				{"0/tree", 12, false, Tasks{}, o(3, 5) + o(4, 1) + o(5, 3)},
				{"1/own", 3, false, Tasks{}, o(3, 5)},
				{"1/tree", 12, false, Tasks{}, o(3, 5) + o(4, 1) + o(5, 3)},
				{"2/own", 4, false, Tasks{}, o(4, 1)},
				{"2/tree", 4, false, Tasks{}, o(4, 1)},
				{"3/own", 5, false, Tasks{}, o(5, 3)},
				{"3/tree", 5, false, Tasks{}, o(5, 3)},
			},
		},
		{
			// The case: a unit of 4 under a parent of 5 own staff, K = 5:
			// the unit is under K, and the parent's own group would give it away.
			name: "K rule and complementary suppression",
			in: RollupInput{K: 5, Units: []RollupUnit{{1, 0}, {2, 1}},
				Own: map[int64]*Sums{1: sumsOf(l, 5, 4), 2: sumsOf(l, 4, 2)}},
			want: []row{
				{"0/tree", 9, false, Tasks{}, o(5, 4) + o(4, 2)},
				{"1/own", 5, true, Tasks{}, o(5, 4)},
				{"1/tree", 9, false, Tasks{}, o(5, 4) + o(4, 2)},
				{"2/own", 4, true, Tasks{}, o(4, 2)},
				{"2/tree", 4, true, Tasks{}, o(4, 2)},
			},
		},
		{
			// Unit 2's people answered, but their ballots went into unit 1's
			// bucket at release: hidden, not empty; tasks add up the tree.
			name: "answered but merged into the parent",
			in: RollupInput{K: 3, Units: []RollupUnit{{1, 0}, {2, 1}},
				Own:   map[int64]*Sums{1: sumsOf(l, 5, 4)},
				Tasks: map[int64]Tasks{1: {3, 3}, 2: {2, 2}}},
			want: []row{
				{"0/tree", 5, false, Tasks{5, 5}, o(5, 4)},
				{"1/own", 5, false, Tasks{3, 3}, o(5, 4)},
				{"1/tree", 5, false, Tasks{5, 5}, o(5, 4)},
				{"2/own", 0, true, Tasks{2, 2}, -1},
				{"2/tree", 0, true, Tasks{2, 2}, -1},
			},
		},
		{
			// The 360: n counts distinct people, not submissions; one person
			// who rated in both units counts once in the parent.
			name: "360 counts people",
			in: RollupInput{K: 3, Units: []RollupUnit{{1, 0}, {2, 1}},
				Own:    map[int64]*Sums{1: sumsOf(l, 6, 3), 2: sumsOf(l, 6, 3)},
				People: RaterCounts([]RollupUnit{{1, 0}, {2, 1}}, map[int64]map[int64]bool{1: {10: true, 11: true, 12: true}, 2: {12: true, 13: true, 14: true}})},
			want: []row{
				{"0/tree", 5, false, Tasks{}, o(12, 3)},
				{"1/own", 3, false, Tasks{}, o(6, 3)},
				{"1/tree", 5, false, Tasks{}, o(12, 3)},
				{"2/own", 3, false, Tasks{}, o(6, 3)},
				{"2/tree", 3, false, Tasks{}, o(6, 3)},
			},
		},
		{
			name: "an answer's unit missing from the snapshot counts at the top",
			in:   RollupInput{K: 3, Units: []RollupUnit{{1, 0}}, Own: map[int64]*Sums{1: sumsOf(l, 3, 2), 9: sumsOf(l, 3, 5)}},
			want: []row{
				{"0/tree", 6, false, Tasks{}, o(3, 2) + o(3, 5)},
				{"1/own", 3, false, Tasks{}, o(3, 2)},
				{"1/tree", 3, false, Tasks{}, o(3, 2)},
				{"9/own", 3, false, Tasks{}, o(3, 5)},
				{"9/tree", 3, false, Tasks{}, o(3, 5)},
			},
		},
		{
			name: "nothing to publish",
			in:   RollupInput{K: 3, Units: []RollupUnit{{1, 0}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rowsOf(Rollup(tt.in))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestRollupDoesNotChangeItsInput: the own sums a caller passes in stay as
// they were (the parent's sums are new values).
func TestRollupDoesNotChangeItsInput(t *testing.T) {
	l := testLayout(t)
	own := map[int64]*Sums{1: sumsOf(l, 3, 2), 2: sumsOf(l, 4, 5)}
	before := sumsOf(l, 3, 2)
	Rollup(RollupInput{K: 3, Units: []RollupUnit{{1, 0}, {2, 1}}, Own: own})
	if !own[1].Equal(before) {
		t.Error("Rollup changed the own sums of unit 1")
	}
}

// TestSumsExact: sums are exact integers, so any order of adding and
// merging gives the same sums, and they are the exact rational scores.
func TestSumsExact(t *testing.T) {
	l := testLayout(t)
	rng := rand.New(rand.NewPCG(7, 18))
	nb := len(l.Behaviours())
	var responses [][]int
	for r := 0; r < 200; r++ {
		s := make([]int, nb)
		for i := range s {
			if rng.IntN(5) > 0 { // some behaviours left out
				s[i] = 1 + rng.IntN(5)
			}
		}
		responses = append(responses, s)
	}
	whole := NewSums(l)
	for _, r := range responses {
		whole.AddResponse(r)
	}
	// In buckets, merged in another order.
	perm := rng.Perm(len(responses))
	merged := NewSums(l)
	for start := 0; start < len(perm); start += 7 {
		b := NewSums(l)
		for _, i := range perm[start:min(start+7, len(perm))] {
			b.AddResponse(responses[i])
		}
		merged.Merge(b)
	}
	if !merged.Equal(whole) {
		t.Fatal("sums of buckets merged in another order differ from the sums of all")
	}
	// The overall mean in points, exactly: mean over respondents of the mean
	// of their value means, each value mean 25·(Σx)/m.
	want := new(big.Rat)
	var n int64
	for _, r := range responses {
		var values []*big.Rat
		for v := range l.Values {
			sum, m := int64(0), int64(0)
			for i := 0; i < Items; i++ {
				if s := r[v*Items+i]; s > 0 {
					sum += int64(s-1) * 25
					m++
				}
			}
			if m > 0 {
				values = append(values, big.NewRat(sum, m))
			}
		}
		if len(values) == 0 {
			continue
		}
		mean := new(big.Rat)
		for _, x := range values {
			mean.Add(mean, x)
		}
		mean.Quo(mean, big.NewRat(int64(len(values)), 1))
		want.Add(want, mean)
		n++
	}
	want.Quo(want, big.NewRat(n, 1))
	got := big.NewRat(whole.Overall.Sum*25, whole.Overall.N*OverallScale)
	if got.Cmp(want) != 0 || whole.Overall.N != n {
		t.Errorf("overall mean: got %s (n %d), want %s (n %d)", got.FloatString(12), whole.Overall.N, want.FloatString(12), n)
	}
	// And the figures agree with the floating-point accumulator.
	g, f := whole.Group(), NewGroup(l)
	for _, r := range responses {
		f.AddResponse(r)
	}
	bands := testBands(t)
	a, b := Compute(l, g, bands, false), Compute(l, f, bands, false)
	if !near(a.Overall.Score, b.Overall.Score) || !near(a.Overall.CILow, b.Overall.CILow) {
		t.Errorf("overall: exact sums give %+v, float sums %+v", a.Overall, b.Overall)
	}
	for v := range a.Values {
		if !near(a.Values[v].Score, b.Values[v].Score) || !near(a.Values[v].Alpha, b.Values[v].Alpha) || !near(a.Values[v].CIHigh, b.Values[v].CIHigh) {
			t.Errorf("value %s: exact sums give %+v, float sums %+v", a.Values[v].Code, a.Values[v].Figure, b.Values[v].Figure)
		}
	}
}

// TestSumsEncode: the stored form of a group's sums reads back exactly, and
// text that is not such a form is refused, not read as zeros.
func TestSumsEncode(t *testing.T) {
	l := testLayout(t)
	rng := rand.New(rand.NewPCG(3, 19))
	s := NewSums(l)
	scores := make([]int, len(l.Behaviours()))
	for r := 0; r < 50; r++ {
		for i := range scores {
			scores[i] = rng.IntN(6) // 0: not answered
		}
		s.AddResponse(scores)
	}
	got, err := DecodeSums(s.Encode(), l)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(s) || got.Encode() != s.Encode() {
		t.Fatalf("decoded sums differ:\n got  %s\n want %s", got.Encode(), s.Encode())
	}
	if got.Overall.N == 0 || got.Alpha[0].N == 0 {
		t.Fatalf("test data too thin: %s", s.Encode())
	}
	empty, err := DecodeSums(NewSums(l).Encode(), l)
	if err != nil || !empty.Equal(NewSums(l)) {
		t.Errorf("empty sums: %v, %v", empty, err)
	}
	for _, bad := range []string{"", "1 2 3", s.Encode() + " 4", strings.Replace(s.Encode(), " ", " x", 1)} {
		if _, err := DecodeSums(bad, l); err == nil {
			t.Errorf("DecodeSums(%.30q...) gave no error", bad)
		}
	}
}

// TestRaterCounts: the people behind a subtree are the union of its units'
// raters, and a unit missing from the snapshot counts at the top.
func TestRaterCounts(t *testing.T) {
	got := RaterCounts([]RollupUnit{{1, 0}, {2, 1}, {3, 1}}, map[int64]map[int64]bool{
		2: {10: true, 11: true}, 3: {11: true, 12: true}, 9: {10: true, 20: true}})
	want := map[GroupKey]int64{
		{2, Own}: 2, {2, Tree}: 2, {3, Own}: 2, {3, Tree}: 2, {1, Tree}: 3,
		{9, Own}: 2, {9, Tree}: 2, {0, Tree}: 4,
	}
	if len(got) != len(want) {
		t.Errorf("got %d groups %v, want %d", len(got), got, len(want))
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%v: %d people, want %d", k, got[k], n)
		}
	}
}
