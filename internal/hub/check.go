package hub

import (
	"math"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// Tolerances of the consistency check: figures travel rounded to one decimal.
const (
	meanTolerance = 0.11 // a mean of rounded figures against its rounded mean
	ciTolerance   = 0.15
)

// Check verifies the figures of p again, as a hub must before it keeps a
// package: the period's K is at least index.MinK and every group and figure
// with figures has n of at least K; every score lies in 0..100 with its band;
// every interval holds its score and is no wider than the widest any n
// answers between 0 and 100 can give (t·√(μ(100−μ)/(n−1)), the largest
// sample variance of bounded scores); a value is the mean of its behaviours
// and the overall the mean of its values. The first problem found is
// returned, in both languages.
func Check(p *Package, bands index.Bands) error {
	if p.Instansi.Code == "" || p.Instansi.Name == "" {
		return refuse(budaya.MsgRefusedInstansiCodeName)
	}
	if p.Period.Label == "" {
		return refuse(budaya.MsgRefusedPeriodLabelRequired)
	}
	for _, d := range []string{p.Period.Starts, p.Period.Ends} {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return refuse(budaya.MsgRefusedPeriodDateNotYYYY, d)
		}
	}
	if p.Method != index.Version {
		return refuse(budaya.MsgRefusedMethodVersionHub, p.Method, index.Version)
	}
	k := p.Period.K
	if k < index.MinK || k > index.MaxK {
		return refuse(budaya.MsgRefusedKOutside, k, index.MinK, index.MaxK)
	}
	if len(p.Groups) == 0 || p.Groups[0].Level != LevelInstansi {
		return refuse(budaya.MsgRefusedFirstGroupMustBeInstansi)
	}
	seen := map[string]bool{}
	var valueCodes []string
	for gi, g := range p.Groups {
		if seen[g.Code] {
			return refuse(budaya.MsgRefusedGroupAppearsTwice, g.Code)
		}
		seen[g.Code] = true
		if gi > 0 && g.Level != LevelEselon1 && g.Level != LevelEselon2 {
			return refuse(budaya.MsgRefusedGroupLevelPackage, g.Code, g.Level)
		}
		if g.N < int64(k) {
			return refuse(budaya.MsgRefusedGroupNBelow, g.Code, g.N, k)
		}
		if g.TasksDone > g.TasksTotal || g.N > g.TasksDone || g.ResponseRate < 0 || g.ResponseRate > 100 ||
			math.Abs(g.ResponseRate-index.Round1(float64(g.TasksDone)/float64(g.TasksTotal)*100)) > 0.051 {
			return refuse(budaya.MsgRefusedResponseRateGroup, g.Code, g.N, g.TasksDone, g.TasksTotal, g.ResponseRate)
		}
		var codes []string
		var valueScores []float64
		for _, v := range g.Values {
			codes = append(codes, v.Code)
			var sum float64
			var nb int
			for _, b := range v.Behaviours {
				if err := checkFigure(g.Code, b, k, bands); err != nil {
					return err
				}
				if b.N > 0 {
					sum += b.Score
					nb++
				}
			}
			if err := checkFigure(g.Code, v.Figure, k, bands); err != nil {
				return err
			}
			if v.Alpha != nil && (*v.Alpha > 1 || math.IsNaN(*v.Alpha)) {
				return refuse(budaya.MsgRefusedAlphaGroupAbove, v.Code, g.Code)
			}
			if v.N > 0 {
				if nb == 0 || math.Abs(v.Score-sum/float64(nb)) > meanTolerance {
					return refuse(budaya.MsgRefusedScoreValueGroup, v.Code, g.Code, v.Score)
				}
				valueScores = append(valueScores, v.Score)
			}
		}
		if err := checkFigure(g.Code, g.Overall, k, bands); err != nil {
			return err
		}
		if g.Overall.N == 0 {
			return refuse(budaya.MsgRefusedGroupNoOverall, g.Code)
		}
		var mean float64
		for _, s := range valueScores {
			mean += s
		}
		if len(valueScores) == 0 || math.Abs(g.Overall.Score-mean/float64(len(valueScores))) > meanTolerance {
			return refuse(budaya.MsgRefusedOverallScoreGroup, g.Code, g.Overall.Score)
		}
		if gi == 0 {
			valueCodes = codes
		} else if !sameCodes(codes, valueCodes) {
			return refuse(budaya.MsgRefusedGroupUsesOther, g.Code)
		}
	}
	return nil
}

func sameCodes(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkFigure checks one figure of group.
func checkFigure(group string, f Figure, k int, bands index.Bands) error {
	if f.N == 0 {
		if f.Score != 0 || f.Band != "" || f.CILow != nil || f.CIHigh != nil {
			return refuse(budaya.MsgRefusedFigureGroupNoRespondents, f.Code, group)
		}
		return nil
	}
	if f.N < int64(k) {
		return refuse(budaya.MsgRefusedFigureGroupN, f.Code, group, f.N, k)
	}
	if f.Score < 0 || f.Score > 100 || math.IsNaN(f.Score) {
		return refuse(budaya.MsgRefusedScoreGroupOutside, f.Code, group)
	}
	if f.Band != bands.Of(f.Score) {
		return refuse(budaya.MsgRefusedBandGroupBut, f.Code, group, f.Band, f.Score, bands.Of(f.Score))
	}
	if f.CILow == nil || f.CIHigh == nil {
		return refuse(budaya.MsgRefusedFigureGroupNoConfidence, f.Code, group)
	}
	lo, hi := *f.CILow, *f.CIHigh
	if lo < 0 || hi > 100 || lo > f.Score+0.05 || hi < f.Score-0.05 {
		return refuse(budaya.MsgRefusedConfidenceIntervalGroup, f.Code, group, lo, hi, f.Score)
	}
	// The widest half-width n bounded scores can give, at the most spread mean
	// the rounded score allows.
	mu := math.Min(math.Max(50, f.Score-0.5), f.Score+0.5)
	max := index.TQuantile975(int(f.N-1)) * math.Sqrt(mu*(100-mu)/float64(f.N-1))
	if f.Score-lo > max+ciTolerance || hi-f.Score > max+ciTolerance {
		return refuse(budaya.MsgRefusedConfidenceIntervalGroupWider, f.Code, group, lo, hi, f.N)
	}
	if hi-lo < 0 {
		return refuse(budaya.MsgRefusedConfidenceIntervalGroupReversed, f.Code, group)
	}
	return nil
}
