package budaya

import (
	"sort"
	"strings"
)

// Answer360 is one stored 360 answer as the report reads it. It holds no
// rater: ResponseID groups the answers of one submission, so distinct
// response ids are distinct raters of one ratee (a rater has one task per
// ratee).
type Answer360 struct {
	RateeID    int64
	Group      string // one of RaterGroups360
	ResponseID string
	Code       string // behaviour code
	Score      int    // 1..5
	Comment    string
}

// othersGroup names the combined figure of every shown group but self.
const othersGroup = "others"

// BuildReport360 computes the 360 report of head.EmployeeID from answers: the
// ratee's own answers of every group, and the answers of the other ratees of
// the ratee's unit (for the unit comparison; their self answers, if given,
// are ignored). head names the period, the ratee and the unit; the rest of the
// report is computed here, without a database:
//
//   - a peer or bawahan group of one ratee with fewer than MinRaters360
//     distinct respondents is suppressed, with its comments; self and atasan
//     are attributed and always shown;
//   - a cell of a shown anonymous group is hidden when fewer than
//     MinRaters360 of its raters answered that behaviour (a peer may answer
//     "tidak dapat menilai");
//   - "others" combines the shown groups but self; the unit mean uses the
//     shown non-self groups of every ratee of the unit, so no suppressed group
//     can be recovered by subtraction;
//   - n counts distinct respondents (response ids), not answers;
//   - strengths are the (at most three) behaviours most above the unit mean,
//     gaps the (at most three) most below it;
//   - comments are sorted, never in the order they were given.
func BuildReport360(head Report360, f *Framework, answers []Answer360) *Report360 {
	employeeID := head.EmployeeID
	// Respondents per (ratee, group) decide what is shown.
	type rg struct {
		ratee int64
		group string
	}
	respondents := map[rg]map[string]bool{}
	for _, a := range answers {
		k := rg{a.RateeID, a.Group}
		if respondents[k] == nil {
			respondents[k] = map[string]bool{}
		}
		respondents[k][a.ResponseID] = true
	}
	shown := func(k rg) bool {
		if Attributed(k.group) {
			return true
		}
		return len(respondents[k]) >= MinRaters360
	}
	rep := head
	rep.MinGroup, rep.Comments = MinRaters360, map[string][]string{}
	rep.Values, rep.Behaviours, rep.Strengths, rep.Gaps = nil, nil, nil, nil
	type acc struct {
		sum       float64
		n         int
		responses map[string]bool
		anonymous map[string]bool // responses of peer and bawahan raters
	}
	add := func(mp map[string]*acc, key, response, group string, score int) {
		a := mp[key]
		if a == nil {
			a = &acc{responses: map[string]bool{}, anonymous: map[string]bool{}}
			mp[key] = a
		}
		a.sum += float64(score)
		a.n++
		a.responses[response] = true
		if !Attributed(group) {
			a.anonymous[response] = true
		}
	}
	valueOf := map[string]string{}
	for _, v := range f.CoreValues() {
		for _, b := range v.Behaviours {
			valueOf[b.Code] = v.Code
		}
	}
	own := map[string]*acc{}  // group|code
	unit := map[string]*acc{} // code (others of every ratee of the unit, shown groups only)
	for _, a := range answers {
		if a.Group == GroupSelf && a.RateeID != employeeID {
			continue // another ratee's view of themself is in no figure of this report
		}
		if !shown(rg{a.RateeID, a.Group}) {
			continue
		}
		if a.Group != GroupSelf {
			add(unit, a.Code, a.ResponseID, a.Group, a.Score)
			add(unit, valueOf[a.Code], a.ResponseID, a.Group, a.Score)
		}
		if a.RateeID != employeeID {
			continue
		}
		for _, key := range []string{a.Group + "|" + a.Code, a.Group + "|" + valueOf[a.Code]} {
			add(own, key, a.ResponseID, a.Group, a.Score)
		}
		if a.Group != GroupSelf {
			add(own, othersGroup+"|"+a.Code, a.ResponseID, a.Group, a.Score)
			add(own, othersGroup+"|"+valueOf[a.Code], a.ResponseID, a.Group, a.Score)
		}
		if c := strings.TrimSpace(a.Comment); c != "" {
			rep.Comments[a.Group] = append(rep.Comments[a.Group], a.Code+": "+c)
		}
	}
	for g := range rep.Comments {
		sort.Strings(rep.Comments[g]) // never in the order they were given
	}
	score := func(group, code string) GroupScore {
		gs := GroupScore{Group: group}
		if group != othersGroup && !shown(rg{employeeID, group}) {
			gs.Suppressed = true
			return gs
		}
		if a := own[group+"|"+code]; a != nil && a.n > 0 {
			// A peer who answered "tidak dapat menilai" is not in this
			// behaviour's answers: a shown group can then have fewer than the
			// threshold of anonymous raters on one behaviour, and that cell is
			// hidden like a small group.
			if n := len(a.anonymous); n > 0 && n < MinRaters360 {
				gs.Suppressed = true
				return gs
			}
			gs.N, gs.Mean = len(a.responses), a.sum/float64(a.n)
		}
		return gs
	}
	row := func(code, name string, isValue bool) ReportRow {
		r := ReportRow{Code: code, Name: name, IsValue: isValue}
		for _, g := range RaterGroups360 {
			r.Groups = append(r.Groups, score(g, code))
		}
		r.Others = score(othersGroup, code)
		if a := unit[code]; a != nil && a.n > 0 {
			r.UnitMean = a.sum / float64(a.n)
		}
		if r.Others.N > 0 && r.UnitMean > 0 {
			r.Gap = r.Others.Mean - r.UnitMean
		}
		return r
	}
	for _, v := range f.CoreValues() {
		rep.Values = append(rep.Values, row(v.Code, v.Name, true))
		for _, b := range v.Behaviours {
			rep.Behaviours = append(rep.Behaviours, row(b.Code, b.Text, false))
		}
	}
	var ranked []ReportRow
	for _, r := range rep.Behaviours {
		if r.Others.N > 0 && r.UnitMean > 0 {
			ranked = append(ranked, r)
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Gap > ranked[j].Gap })
	for i := 0; i < len(ranked) && i < 3; i++ {
		if ranked[i].Gap > 0 {
			rep.Strengths = append(rep.Strengths, ranked[i])
		}
	}
	for i := len(ranked) - 1; i >= 0 && len(rep.Gaps) < 3; i-- {
		if ranked[i].Gap < 0 {
			rep.Gaps = append(rep.Gaps, ranked[i])
		}
	}
	return &rep
}
