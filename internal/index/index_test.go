package index

import (
	"math"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

func testLayout(t *testing.T) *Layout {
	t.Helper()
	f, err := budaya.OfficialFramework()
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func testBands(t *testing.T) Bands {
	t.Helper()
	o, err := budaya.LoadOfficial()
	if err != nil {
		t.Fatal(err)
	}
	return NewBands(o)
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPoints(t *testing.T) {
	for s, want := range map[int]float64{1: 0, 2: 25, 3: 50, 4: 75, 5: 100} {
		if got := Points(s); got != want {
			t.Errorf("Points(%d): got %v, want %v", s, got, want)
		}
	}
}

func TestBands(t *testing.T) {
	b := testBands(t)
	tests := []struct {
		score float64
		want  string
	}{
		{100, "Sehat"}, {75, "Sehat"}, {74.95, "Cukup Sehat"}, {50, "Cukup Sehat"},
		{49.9, "Tidak Sehat"}, {25, "Tidak Sehat"}, {24.9, "Sangat Tidak Sehat"}, {0, "Sangat Tidak Sehat"},
	}
	for _, tt := range tests {
		if got := b.Of(tt.score); got != tt.want {
			t.Errorf("band of %v: got %q, want %q", tt.score, got, tt.want)
		}
	}
}

func TestTQuantile(t *testing.T) {
	tests := []struct {
		df   int
		want float64
	}{{1, 12.706}, {4, 2.776}, {30, 2.042}, {40, 2.021}, {60, 2.000}, {120, 1.980}, {100000, 1.960}}
	for _, tt := range tests {
		if got := TQuantile975(tt.df); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("t(0.975, %d): got %.4f, want %.3f", tt.df, got, tt.want)
		}
	}
	if !math.IsNaN(TQuantile975(0)) {
		t.Errorf("t(0.975, 0): got a number, want NaN")
	}
}

// TestMomentsCI checks the interval against a hand computation: scores 0, 50,
// 100 have mean 50, sd 50, so the half-width is 4.303*50/sqrt(3).
func TestMomentsCI(t *testing.T) {
	var m Moments
	for _, x := range []float64{0, 50, 100} {
		m.Add(x)
	}
	hw, ok := m.HalfWidth()
	want := 4.303 * 50 / math.Sqrt(3)
	if !ok || !near(hw, want) {
		t.Errorf("half-width: got %v %v, want %v true", hw, ok, want)
	}
	var one Moments
	one.Add(3)
	if _, ok := one.HalfWidth(); ok {
		t.Errorf("half-width of one respondent: got ok, want none")
	}
}

// TestAlpha compares with a textbook computation on a small matrix.
func TestAlpha(t *testing.T) {
	rows := [][Items]float64{{2, 3, 3}, {4, 4, 5}, {3, 3, 4}, {5, 4, 5}, {1, 2, 1}}
	var a AlphaSums
	for _, r := range rows {
		a.Add(r)
	}
	// Independent: sample variances of the columns and of the row totals.
	variance := func(xs []float64) float64 {
		var s float64
		for _, x := range xs {
			s += x
		}
		mean := s / float64(len(xs))
		var ss float64
		for _, x := range xs {
			ss += (x - mean) * (x - mean)
		}
		return ss / float64(len(xs)-1)
	}
	var sumVar float64
	for i := 0; i < Items; i++ {
		var col []float64
		for _, r := range rows {
			col = append(col, r[i])
		}
		sumVar += variance(col)
	}
	var totals []float64
	for _, r := range rows {
		totals = append(totals, r[0]+r[1]+r[2])
	}
	want := 1.5 * (1 - sumVar/variance(totals))
	got, ok := a.Alpha()
	if !ok || !near(got, want) {
		t.Errorf("alpha: got %v %v, want %v", got, ok, want)
	}
	var flat AlphaSums
	flat.Add([Items]float64{50, 50, 50})
	flat.Add([Items]float64{50, 50, 50})
	if _, ok := flat.Alpha(); ok {
		t.Errorf("alpha without variance: got ok, want undefined")
	}
}

func TestGroupAndMerge(t *testing.T) {
	l := testLayout(t)
	bands := testBands(t)
	all := func(s int) []int {
		out := make([]int, 21)
		for i := range out {
			out[i] = s
		}
		return out
	}
	a, b, whole := NewGroup(l), NewGroup(l), NewGroup(l)
	for _, r := range [][]int{all(5), all(4), all(4)} {
		a.AddResponse(r)
		whole.AddResponse(r)
	}
	for _, r := range [][]int{all(2), all(3)} {
		b.AddResponse(r)
		whole.AddResponse(r)
	}
	merged := NewGroup(l)
	merged.Merge(a)
	merged.Merge(b)
	if merged.Respondents() != 5 {
		t.Fatalf("n: got %d, want 5", merged.Respondents())
	}
	rm, rw := Compute(l, merged, bands, false), Compute(l, whole, bands, false)
	// Not a mean of means: (100+75+75+25+50)/5 = 65, while the mean of a (83.3) and b (37.5) is 60.4.
	if !near(rm.Overall.Score, 65) || !near(rw.Overall.Score, 65) {
		t.Errorf("overall: got %v merged, %v whole, want 65", rm.Overall.Score, rw.Overall.Score)
	}
	if rm.Overall.Band != "Cukup Sehat" {
		t.Errorf("band: got %q, want Cukup Sehat", rm.Overall.Band)
	}
	if !near(rm.Overall.CILow, rw.Overall.CILow) || !near(rm.Values[3].Behaviours[1].CIHigh, rw.Values[3].Behaviours[1].CIHigh) {
		t.Errorf("merged interval differs from the direct one")
	}
	if rm.Values[0].Code != "BP" || rm.Values[0].Behaviours[2].Code != "BP3" || rm.Values[0].N != 5 {
		t.Errorf("layout: got %s/%s n=%d", rm.Values[0].Code, rm.Values[0].Behaviours[2].Code, rm.Values[0].N)
	}
	// Every item answered alike: alpha is 1.
	if !rm.Values[0].HasAlpha || !near(rm.Values[0].Alpha, 1) {
		t.Errorf("alpha: got %v %v, want 1", rm.Values[0].Alpha, rm.Values[0].HasAlpha)
	}
	sup := Compute(l, merged, bands, true)
	if !sup.Overall.Suppressed || sup.Overall.Score != 0 || sup.Overall.N != 0 || sup.Values[0].HasAlpha || sup.Values[0].Behaviours[0].Band != "" {
		t.Errorf("suppressed result leaks figures: %+v", sup.Overall)
	}
}

// TestValueIsMeanOfBehaviours: with missing answers, a value is the mean of
// its behaviour means, and the overall the mean of the values.
func TestValueIsMeanOfBehaviours(t *testing.T) {
	l := testLayout(t)
	g := NewGroup(l)
	r1 := make([]int, 21)
	r1[0], r1[1], r1[2] = 5, 5, 1 // BP: 100, 100, 0
	r2 := make([]int, 21)
	r2[0] = 3 // BP1 only: 50
	g.AddResponse(r1)
	g.AddResponse(r2)
	g.AddResponse(make([]int, 21)) // empty: ignored
	res := Compute(l, g, testBands(t), false)
	// BP1 = 75, BP2 = 100, BP3 = 0 -> BP = 58.33
	if want := (75.0 + 100 + 0) / 3; !near(res.Values[0].Score, want) {
		t.Errorf("BP: got %v, want %v", res.Values[0].Score, want)
	}
	if !near(res.Overall.Score, res.Values[0].Score) || res.Overall.N != 2 {
		t.Errorf("overall: got %v n=%d, want %v n=2", res.Overall.Score, res.Overall.N, res.Values[0].Score)
	}
	if res.Values[0].Alpha != 0 || res.Values[0].HasAlpha {
		t.Errorf("alpha from one complete respondent: got %v, want none", res.Values[0].Alpha)
	}
	if res.Values[1].N != 0 || res.Values[1].Band != "" {
		t.Errorf("unanswered value: got n=%d band %q, want no data", res.Values[1].N, res.Values[1].Band)
	}
}
