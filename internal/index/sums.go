package index

import (
	"fmt"
	"strconv"
	"strings"
)

// Exact sums (docs/index.md, "How the figures are computed"). Every quantity
// a figure needs is a sum over respondents, and every respondent-level score
// is a whole number in a fixed unit, so the sums are kept as integers: they
// add up to exactly the same result in any order, which lets the sums stored
// at each release, rolled up at publication, be compared exactly with a full
// recomputation from the answers.
//
//   - a behaviour score is x = s - 1 (0..4; p = 25·x);
//   - a value score of a respondent is 6 × the mean x of its answered
//     behaviours (one to three of them: 6/m is whole), in 0..24;
//   - the overall score of a respondent is 2520 × the mean over answered
//     values of the value mean, = 420 × Σ(value scores) / (answered values),
//     whole for one to seven values (420 = lcm(1..7)), in 0..10080.

// Scales of the integer sums: a score in these units times 25/scale is
// points (0..100).
const (
	BehaviourScale = 1
	ValueScale     = 6
	OverallScale   = 2520
)

// MaxValues is the number of values the integer overall score can average
// exactly (420 = lcm(1..7)).
const MaxValues = 7

// IntMoments are exact sums of respondent-level scores in one scale.
type IntMoments struct {
	N     int64
	Sum   int64
	SumSq int64
}

func (m *IntMoments) add(x int64) {
	m.N++
	m.Sum += x
	m.SumSq += x * x
}

// Merge adds o to m.
func (m *IntMoments) Merge(o IntMoments) {
	m.N += o.N
	m.Sum += o.Sum
	m.SumSq += o.SumSq
}

// Points converts m to sums of points (0..100) for a score scale.
func (m IntMoments) Points(scale int64) Moments {
	f := 25 / float64(scale)
	return Moments{N: m.N, Sum: float64(m.Sum) * f, SumSq: float64(m.SumSq) * f * f}
}

// IntAlpha are the exact sums for Cronbach's alpha of one value, with item
// scores x = s - 1, over respondents who answered all of its behaviours.
type IntAlpha struct {
	N          int64
	ItemSum    [Items]int64
	ItemSumSq  int64
	TotalSum   int64
	TotalSumSq int64
}

// Merge adds o to a.
func (a *IntAlpha) Merge(o IntAlpha) {
	a.N += o.N
	for i := range a.ItemSum {
		a.ItemSum[i] += o.ItemSum[i]
	}
	a.ItemSumSq += o.ItemSumSq
	a.TotalSum += o.TotalSum
	a.TotalSumSq += o.TotalSumSq
}

// Points converts a to sums of points.
func (a IntAlpha) Points() AlphaSums {
	out := AlphaSums{N: a.N, ItemSumSq: float64(a.ItemSumSq) * 625, TotalSum: float64(a.TotalSum) * 25, TotalSumSq: float64(a.TotalSumSq) * 625}
	for i, s := range a.ItemSum {
		out.ItemSum[i] = float64(s) * 25
	}
	return out
}

// Sums are the exact sums of one group of respondents: a released bucket, a
// unit's own staff or a subtree, for one instrument.
type Sums struct {
	Behaviours []IntMoments // per behaviour, layout order
	Values     []IntMoments // per value
	Alpha      []IntAlpha   // per value
	Overall    IntMoments
}

// NewSums returns empty sums for l.
func NewSums(l *Layout) *Sums {
	return &Sums{Behaviours: make([]IntMoments, len(l.Values)*Items), Values: make([]IntMoments, len(l.Values)), Alpha: make([]IntAlpha, len(l.Values))}
}

// CheckLayout says whether l can be summed exactly.
func CheckLayout(l *Layout) error {
	if len(l.Values) > MaxValues {
		return fmt.Errorf("index layout: %d values, the exact sums hold at most %d", len(l.Values), MaxValues)
	}
	return nil
}

// Respondents is n: the number of respondents in the group.
func (s *Sums) Respondents() int64 { return s.Overall.N }

// AddResponse adds one submission; scores[i] is the Likert score (1..5) of
// behaviour i in layout order, 0 when not answered. A submission without any
// answer is ignored.
func (s *Sums) AddResponse(scores []int) {
	var valueSum, values int64
	for v := range s.Values {
		var items [Items]int64
		var sum, m int64
		for i := 0; i < Items; i++ {
			sc := scores[v*Items+i]
			if sc < 1 || sc > 5 {
				continue
			}
			x := int64(sc - 1)
			items[i] = x
			sum += x
			m++
			s.Behaviours[v*Items+i].add(x)
		}
		if m == 0 {
			continue
		}
		value := ValueScale * sum / m // exact: 6/m is whole for m = 1..3
		s.Values[v].add(value)
		valueSum += value
		values++
		if m == Items {
			a := &s.Alpha[v]
			a.N++
			for i, x := range items {
				a.ItemSum[i] += x
				a.ItemSumSq += x * x
			}
			a.TotalSum += sum
			a.TotalSumSq += sum * sum
		}
	}
	if values > 0 {
		s.Overall.add(OverallScale / ValueScale * valueSum / values) // 420·ΣV/nv, exact for nv = 1..7
	}
}

// Merge adds o to s; both must have the same layout.
func (s *Sums) Merge(o *Sums) {
	for i := range s.Behaviours {
		s.Behaviours[i].Merge(o.Behaviours[i])
	}
	for i := range s.Values {
		s.Values[i].Merge(o.Values[i])
		s.Alpha[i].Merge(o.Alpha[i])
	}
	s.Overall.Merge(o.Overall)
}

// Equal reports whether s and o hold exactly the same sums.
func (s *Sums) Equal(o *Sums) bool {
	if len(s.Behaviours) != len(o.Behaviours) || len(s.Values) != len(o.Values) || s.Overall != o.Overall {
		return false
	}
	for i := range s.Behaviours {
		if s.Behaviours[i] != o.Behaviours[i] {
			return false
		}
	}
	for i := range s.Values {
		if s.Values[i] != o.Values[i] || s.Alpha[i] != o.Alpha[i] {
			return false
		}
	}
	return true
}

// Group converts the exact sums into the sums of points the figures are
// computed from. Equal Sums give identical Groups, bit for bit.
func (s *Sums) Group() *Group {
	g := &Group{Behaviours: make([]Moments, len(s.Behaviours)), Values: make([]Moments, len(s.Values)), Alpha: make([]AlphaSums, len(s.Alpha))}
	for i, m := range s.Behaviours {
		g.Behaviours[i] = m.Points(BehaviourScale)
	}
	for i, m := range s.Values {
		g.Values[i] = m.Points(ValueScale)
		g.Alpha[i] = s.Alpha[i].Points()
	}
	g.Overall = s.Overall.Points(OverallScale)
	return g
}

// Encode writes s as text: whole numbers separated by spaces, in this order:
// per behaviour (layout order) n Σx Σx²; per value n Σv Σv²; per value the
// alpha sums n Σx₁ Σx₂ Σx₃ Σᵢx² ΣT ΣT²; then the overall n Σo Σo². With
// nv values that is 19·nv + 3 numbers. It is how a published group's sums
// are stored (index_figures, migration 0019): exact, in one row per group.
func (s *Sums) Encode() string {
	b := make([]byte, 0, 8*(3*len(s.Behaviours)+10*len(s.Values)+3))
	num := func(v int64) {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, v, 10)
	}
	for _, m := range s.Behaviours {
		num(m.N)
		num(m.Sum)
		num(m.SumSq)
	}
	for _, m := range s.Values {
		num(m.N)
		num(m.Sum)
		num(m.SumSq)
	}
	for _, a := range s.Alpha {
		num(a.N)
		for _, x := range a.ItemSum {
			num(x)
		}
		num(a.ItemSumSq)
		num(a.TotalSum)
		num(a.TotalSumSq)
	}
	num(s.Overall.N)
	num(s.Overall.Sum)
	num(s.Overall.SumSq)
	return string(b)
}

// DecodeSums reads sums written by Encode for layout l.
func DecodeSums(text string, l *Layout) (*Sums, error) {
	f := strings.Fields(text)
	nv := len(l.Values)
	if len(f) != 19*nv+3 {
		return nil, fmt.Errorf("index sums: %d numbers, want %d for %d values", len(f), 19*nv+3, nv)
	}
	v := make([]int64, len(f))
	for i, s := range f {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("index sums: number %d: %w", i+1, err)
		}
		v[i] = n
	}
	s := NewSums(l)
	next := func() int64 { n := v[0]; v = v[1:]; return n }
	for i := range s.Behaviours {
		s.Behaviours[i] = IntMoments{next(), next(), next()}
	}
	for i := range s.Values {
		s.Values[i] = IntMoments{next(), next(), next()}
	}
	for i := range s.Alpha {
		a := &s.Alpha[i]
		a.N = next()
		for j := range a.ItemSum {
			a.ItemSum[j] = next()
		}
		a.ItemSumSq, a.TotalSum, a.TotalSumSq = next(), next(), next()
	}
	s.Overall = IntMoments{next(), next(), next()}
	return s, nil
}
