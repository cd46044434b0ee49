// Package index computes the BerAKHLAK internalisation index, version 1, as
// published in docs/index.md and on the Metodologi page:
//
//   - an answer's score s in 1..5 becomes p = (s-1)/4*100;
//   - a behaviour is the mean p of its answers; a value is the mean of its
//     three behaviours; the overall index is the mean of the seven values;
//   - a parent unit's figure comes from all answers below it (the sums are
//     merged, never the means);
//   - n counts distinct respondents (submissions);
//   - the 95% confidence interval is score ± t(0.975, n-1)·sd/√n where sd is
//     the standard deviation of the respondent-level scores of that figure;
//   - Cronbach's alpha per value is computed at respondent level over its
//     three behaviours, from respondents who answered all three;
//   - the health band comes from berakhlak.json.
//
// Everything is built from mergeable sums (counts, sums, sums of squares), so
// that figures can be stored per (period, unit, behaviour) and added up for any
// subtree without touching the raw answers again.
package index

import (
	"fmt"
	"math"
	"sort"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Version is the version of the index method implemented here.
const Version = 1

// Kinds of figure.
const (
	KindBehaviour = "behaviour"
	KindValue     = "value"
	KindOverall   = "overall"
)

// OverallCode is the code of the overall figure.
const OverallCode = "ALL"

// Points turns a Likert score 1..5 into 0..100 points.
func Points(score int) float64 { return float64(score-1) / 4 * 100 }

// Moments are mergeable sums of respondent-level scores.
type Moments struct {
	N     int64
	Sum   float64
	SumSq float64
}

// Add adds one respondent's score.
func (m *Moments) Add(x float64) {
	m.N++
	m.Sum += x
	m.SumSq += x * x
}

// Merge adds o to m.
func (m *Moments) Merge(o Moments) {
	m.N += o.N
	m.Sum += o.Sum
	m.SumSq += o.SumSq
}

// Mean is the mean score, 0 when there is none.
func (m Moments) Mean() float64 {
	if m.N == 0 {
		return 0
	}
	return m.Sum / float64(m.N)
}

// Variance is the sample variance (n-1), 0 below two respondents.
func (m Moments) Variance() float64 {
	if m.N < 2 {
		return 0
	}
	n := float64(m.N)
	v := (m.SumSq - m.Sum*m.Sum/n) / (n - 1)
	if v < 0 { // rounding when every score is equal
		return 0
	}
	return v
}

// HalfWidth is the half-width of the 95% confidence interval of the mean,
// t(0.975, n-1)·sd/√n; ok is false below two respondents.
func (m Moments) HalfWidth() (hw float64, ok bool) {
	if m.N < 2 {
		return 0, false
	}
	return TQuantile975(int(m.N-1)) * math.Sqrt(m.Variance()/float64(m.N)), true
}

// t975 are the 0.975 quantiles of Student's t for 1..30 degrees of freedom.
var t975 = [...]float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// TQuantile975 is the 0.975 quantile of Student's t with df degrees of
// freedom: a table up to 30, above it the Cornish-Fisher expansion around
// z = 1.959964 (error below 0.001 from df 30, tending to z).
func TQuantile975(df int) float64 {
	if df < 1 {
		return math.NaN()
	}
	if df <= len(t975) {
		return t975[df-1]
	}
	const z = 1.959963984540054
	d := float64(df)
	z3, z5 := z*z*z, z*z*z*z*z
	return z + (z3+z)/(4*d) + (5*z5+16*z3+3*z)/(96*d*d)
}

// Items is the number of behaviours per value (BerAKHLAK: three).
const Items = 3

// AlphaSums are the mergeable sums for Cronbach's alpha of one value, over
// respondents who answered all of its behaviours.
type AlphaSums struct {
	N          int64
	ItemSum    [Items]float64 // Σ x_i per behaviour
	ItemSumSq  float64        // Σ_i Σ x_i²
	TotalSum   float64        // Σ T, T = Σ_i x_i of one respondent
	TotalSumSq float64        // Σ T²
}

// Add adds one respondent's complete item scores.
func (a *AlphaSums) Add(items [Items]float64) {
	a.N++
	var t float64
	for i, x := range items {
		a.ItemSum[i] += x
		a.ItemSumSq += x * x
		t += x
	}
	a.TotalSum += t
	a.TotalSumSq += t * t
}

// Merge adds o to a.
func (a *AlphaSums) Merge(o AlphaSums) {
	a.N += o.N
	for i := range a.ItemSum {
		a.ItemSum[i] += o.ItemSum[i]
	}
	a.ItemSumSq += o.ItemSumSq
	a.TotalSum += o.TotalSum
	a.TotalSumSq += o.TotalSumSq
}

// Alpha is Cronbach's alpha k/(k-1)·(1 - Σ var(item)/var(total)); ok is false
// below two respondents or when the totals do not vary.
func (a AlphaSums) Alpha() (alpha float64, ok bool) {
	if a.N < 2 {
		return 0, false
	}
	n := float64(a.N)
	varTotal := (a.TotalSumSq - a.TotalSum*a.TotalSum/n) / (n - 1)
	if varTotal <= 1e-9 {
		return 0, false
	}
	var sq float64
	for _, s := range a.ItemSum {
		sq += s * s
	}
	varItems := (a.ItemSumSq - sq/n) / (n - 1)
	k := float64(Items)
	return k / (k - 1) * (1 - varItems/varTotal), true
}

// Layout is the order of values and behaviours an accumulator uses: the core
// values of a framework version with their behaviours.
type Layout struct {
	Values []LayoutValue
	pos    map[string]int // behaviour code -> position in Behaviours()
}

// LayoutValue is one value and the codes of its behaviours.
type LayoutValue struct {
	Code       string
	Name       string
	NameEN     string
	Behaviours []LayoutBehaviour
}

// LayoutBehaviour is one behaviour of a value.
type LayoutBehaviour struct {
	Code   string
	Text   string
	TextEN string
}

// NewLayout takes the core values of f; each must have exactly three behaviours.
func NewLayout(f *budaya.Framework) (*Layout, error) {
	l := &Layout{pos: map[string]int{}}
	for _, v := range f.CoreValues() {
		if len(v.Behaviours) != Items {
			return nil, fmt.Errorf("index layout: value %s has %d behaviours, want %d", v.Code, len(v.Behaviours), Items)
		}
		lv := LayoutValue{Code: v.Code, Name: v.Name, NameEN: v.NameEN}
		for _, b := range v.Behaviours {
			l.pos[b.Code] = len(l.pos)
			lv.Behaviours = append(lv.Behaviours, LayoutBehaviour{Code: b.Code, Text: b.Text, TextEN: b.TextEN})
		}
		l.Values = append(l.Values, lv)
	}
	if len(l.Values) == 0 {
		return nil, fmt.Errorf("index layout: framework %s v%d has no core values", f.Code, f.Version)
	}
	return l, nil
}

// Behaviours returns the behaviour codes in layout order.
func (l *Layout) Behaviours() []string {
	out := make([]string, 0, len(l.pos))
	for _, v := range l.Values {
		for _, b := range v.Behaviours {
			out = append(out, b.Code)
		}
	}
	return out
}

// Position returns the position of behaviour code, or -1.
func (l *Layout) Position(code string) int {
	if p, ok := l.pos[code]; ok {
		return p
	}
	return -1
}

// ValueOf returns the value code of behaviour code, or "".
func (l *Layout) ValueOf(code string) string {
	p := l.Position(code)
	if p < 0 {
		return ""
	}
	return l.Values[p/Items].Code
}

// Group holds the mergeable sums of one group of respondents (a unit's own
// staff or a whole subtree, for one instrument).
type Group struct {
	Behaviours []Moments   // per behaviour, layout order
	Values     []Moments   // respondent-level value scores, per value
	Alpha      []AlphaSums // per value
	Overall    Moments     // respondent-level overall scores
}

// NewGroup returns an empty group for l.
func NewGroup(l *Layout) *Group {
	nb := len(l.Values) * Items
	return &Group{Behaviours: make([]Moments, nb), Values: make([]Moments, len(l.Values)), Alpha: make([]AlphaSums, len(l.Values))}
}

// Respondents is n: the number of respondents in the group.
func (g *Group) Respondents() int64 { return g.Overall.N }

// AddResponse adds one submission; scores[i] is the Likert score (1..5) of
// behaviour i in layout order, 0 when not answered. A submission without any
// answer is ignored.
func (g *Group) AddResponse(scores []int) {
	var all Moments
	var valueMeans []float64
	for v := range g.Values {
		var items [Items]float64
		var m Moments
		for i := 0; i < Items; i++ {
			s := scores[v*Items+i]
			if s < 1 || s > 5 {
				continue
			}
			p := Points(s)
			items[i] = p
			m.Add(p)
			g.Behaviours[v*Items+i].Add(p)
		}
		if m.N == 0 {
			continue
		}
		g.Values[v].Add(m.Mean())
		valueMeans = append(valueMeans, m.Mean())
		if m.N == Items {
			g.Alpha[v].Add(items)
		}
	}
	for _, x := range valueMeans {
		all.Add(x)
	}
	if all.N > 0 {
		g.Overall.Add(all.Mean())
	}
}

// Merge adds o to g; both must have the same layout.
func (g *Group) Merge(o *Group) {
	for i := range g.Behaviours {
		g.Behaviours[i].Merge(o.Behaviours[i])
	}
	for i := range g.Values {
		g.Values[i].Merge(o.Values[i])
		g.Alpha[i].Merge(o.Alpha[i])
	}
	g.Overall.Merge(o.Overall)
}

// Bands are the health bands, highest first.
type Bands []budaya.HealthBand

// NewBands orders the official bands from the highest minimum down.
func NewBands(o *budaya.Official) Bands {
	b := append(Bands(nil), o.HealthBands...)
	sort.Slice(b, func(i, j int) bool { return b[i].Min > b[j].Min })
	return b
}

// Of returns the band of score: the first band whose minimum it reaches.
func (b Bands) Of(score float64) string {
	for _, band := range b {
		if score >= band.Min {
			return band.Band
		}
	}
	if len(b) == 0 {
		return ""
	}
	return b[len(b)-1].Band
}

// Figure is one published number of the index.
type Figure struct {
	Code       string
	Kind       string
	Score      float64
	N          int64
	CILow      float64
	CIHigh     float64
	HasCI      bool
	Alpha      float64
	HasAlpha   bool
	Band       string
	Suppressed bool
}

// ValueResult is a value's figure and its behaviours' figures.
type ValueResult struct {
	Figure
	Behaviours []Figure
}

// Result is the index of one group.
type Result struct {
	Overall    Figure
	Values     []ValueResult
	Suppressed bool
}

// Compute turns a group's sums into published figures. When suppressed is
// true (K rule or complementary suppression), only codes and the flag are
// returned: no score, n, interval or alpha.
func Compute(l *Layout, g *Group, bands Bands, suppressed bool) Result {
	res := Result{Suppressed: suppressed}
	fig := func(code, kind string, score float64, m Moments) Figure {
		f := Figure{Code: code, Kind: kind, Suppressed: suppressed}
		if suppressed || m.N == 0 {
			return f
		}
		f.Score, f.N = score, m.N
		if hw, ok := m.HalfWidth(); ok {
			f.HasCI = true
			f.CILow, f.CIHigh = math.Max(0, score-hw), math.Min(100, score+hw)
		}
		f.Band = bands.Of(score)
		return f
	}
	var valueScores []float64
	for v, lv := range l.Values {
		vr := ValueResult{}
		var sum float64
		var nb int
		for i, lb := range lv.Behaviours {
			m := g.Behaviours[v*Items+i]
			vr.Behaviours = append(vr.Behaviours, fig(lb.Code, KindBehaviour, m.Mean(), m))
			if m.N > 0 {
				sum += m.Mean()
				nb++
			}
		}
		var score float64
		if nb > 0 {
			score = sum / float64(nb)
			valueScores = append(valueScores, score)
		}
		vr.Figure = fig(lv.Code, KindValue, score, g.Values[v])
		if !suppressed {
			vr.Alpha, vr.HasAlpha = g.Alpha[v].Alpha()
		}
		res.Values = append(res.Values, vr)
	}
	var overall float64
	for _, s := range valueScores {
		overall += s
	}
	if len(valueScores) > 0 {
		overall /= float64(len(valueScores))
	}
	res.Overall = fig(OverallCode, KindOverall, overall, g.Overall)
	return res
}

// Round1 rounds x to one decimal, as figures are shown.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }
