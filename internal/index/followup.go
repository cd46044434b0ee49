package index

import (
	"slices"
	"sort"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// The follow-up of the index: what is being done about a group's weakest
// values (the dashboard), and how units changed between two periods beside
// what was committed, funded and reported (the follow-up page and its API).
// Association, not proof of effect. Pure functions over figures the gate has
// already released and records the store has loaded.

// Parents is a period's snapshot tree: the parent of each unit, 0 at the top.
type Parents map[int64]int64

// Under reports whether unit lies in top's subtree, top included. Top 0 is
// the whole instansi. A unit that is not in the tree lies under nothing.
func (t Parents) Under(unit, top int64) bool {
	if top == 0 {
		return true
	}
	for steps := 0; steps <= len(t); steps++ {
		parent, ok := t[unit]
		if !ok {
			return false
		}
		if unit == top {
			return true
		}
		unit = parent
	}
	return false // a cycle: the snapshot is broken, claim nothing
}

// WeakBehaviour is one of the lowest-scoring behaviours of a group, with the
// code of its value.
type WeakBehaviour struct {
	Figure
	Value string
}

// Weakest returns the n lowest-scoring behaviours of r that have
// respondents, lowest first (ties in framework order). A suppressed result
// has none.
func Weakest(r Result, n int) []WeakBehaviour {
	if r.Suppressed {
		return nil
	}
	var all []WeakBehaviour
	for _, v := range r.Values {
		for _, b := range v.Behaviours {
			if b.N > 0 {
				all = append(all, WeakBehaviour{Figure: b, Value: v.Code})
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Score < all[j].Score })
	if len(all) > n {
		all = all[:n]
	}
	return all
}

// ValuesOf returns the values of weak behaviours, each once, in their order.
func ValuesOf(weak []WeakBehaviour) []string {
	var out []string
	for _, b := range weak {
		if !slices.Contains(out, b.Value) {
			out = append(out, b.Value)
		}
	}
	return out
}

// Aims reports whether codes (value or behaviour codes, e.g. BP or BP1)
// touch one of values: a value's own code or one of its behaviours.
func Aims(codes, values []string) bool {
	for _, c := range codes {
		for _, v := range values {
			if c == v || strings.HasPrefix(c, v) && len(c) == len(v)+1 {
				return true
			}
		}
	}
	return false
}

// FundedActivity is a roadmap activity with its budget summed over its lines.
type FundedActivity struct {
	budaya.Activity
	Ceiling  int64
	Realised int64
}

// Funded sums the budget lines of a.
func Funded(a budaya.Activity) FundedActivity {
	fa := FundedActivity{Activity: a}
	for _, l := range a.Budget {
		fa.Ceiling += l.Ceiling
		fa.Realised += l.Realised
	}
	return fa
}

// Doing is what is being done about a group's weakest values.
type Doing struct {
	Values      []string // the weakest values
	Commitments []budaya.Commitment
	Activities  []FundedActivity
}

// DoingAbout keeps, of commitments and activities, those whose unit lies in
// cut's subtree of t and that aim at one of values.
func DoingAbout(t Parents, cut int64, values []string, cs []budaya.Commitment, acts []budaya.Activity) Doing {
	out := Doing{Values: values}
	if len(values) == 0 {
		return out
	}
	for _, c := range cs {
		if t.Under(c.UnitID, cut) && Aims(c.Codes, values) {
			out.Commitments = append(out.Commitments, c)
		}
	}
	for _, a := range acts {
		if t.Under(a.OwnerUnitID, cut) && Aims(append(slices.Clone(a.ValueCodes), a.BehaviourCodes...), values) {
			out.Activities = append(out.Activities, Funded(a))
		}
	}
	return out
}

// FollowupUnit is one compared unit: its overall figure in the period and in
// the earlier period (zero when there is none), whether its group is
// suppressed now, and whether it has a current pledge.
type FollowupUnit struct {
	ID         int64
	Signed     bool
	Suppressed bool
	Now, Then  Figure
}

// FollowupInput is what a follow-up comparison is computed from.
type FollowupInput struct {
	Tree       Parents
	Cut        int64          // the cut's unit; 0 for the whole instansi
	Units      []FollowupUnit // the units compared
	Now        []ValueResult  // the cut's values in the period
	Then       []ValueResult  // the cut's values in the earlier period; nil when none
	Activities []budaya.Activity
	Checklist  map[int64]budaya.ChecklistScore // by unit, of the latest checklist period
}

// FollowupRow is one unit of the comparison.
type FollowupRow struct {
	UnitID     int64
	Signed     bool
	Suppressed bool
	Now, Then  Figure
	Change     float64 // Now.Score - Then.Score, when both are shown
	HasChange  bool
	Ceiling    int64 // the budget of the activities of the unit's subtree
	Realised   int64
	Checklist  float64 // the unit's checklist score in percent
	HasCheck   bool
}

// FollowupValue is one value of the cut: its change and its budget.
type FollowupValue struct {
	Code      string
	NowShown  bool // Now may be shown: released and not empty
	Now, Then float64
	Change    float64
	HasChange bool
	Ceiling   int64 // the budget of the cut's activities that serve the value
	Realised  int64
}

// Followup is the comparison of units between two periods.
type Followup struct {
	Rows       []FollowupRow
	Values     []FollowupValue
	SignedMean *float64 // mean change of the units with a current pledge
	OtherMean  *float64 // mean change of the others
}

// CompareFollowup computes the follow-up comparison. A change is computed
// only where both figures are shown (not suppressed, with respondents);
// the means of change count only units with a change. A unit's budget is
// that of the activities owned in its subtree; a value's budget that of the
// activities in the cut's subtree that name the value.
func CompareFollowup(in FollowupInput) Followup {
	var out Followup
	var sumSigned, sumOther float64
	var nSigned, nOther int
	for _, u := range in.Units {
		row := FollowupRow{UnitID: u.ID, Signed: u.Signed, Suppressed: u.Suppressed, Now: u.Now, Then: u.Then}
		if shown(row.Now) && shown(row.Then) {
			row.Change, row.HasChange = row.Now.Score-row.Then.Score, true
			if row.Signed {
				sumSigned += row.Change
				nSigned++
			} else {
				sumOther += row.Change
				nOther++
			}
		}
		for _, a := range in.Activities {
			if in.Tree.Under(a.OwnerUnitID, u.ID) {
				fa := Funded(a)
				row.Ceiling += fa.Ceiling
				row.Realised += fa.Realised
			}
		}
		if sc, ok := in.Checklist[u.ID]; ok && sc.MaxPoints > 0 {
			row.Checklist, row.HasCheck = sc.Percent(), true
		}
		out.Rows = append(out.Rows, row)
	}
	if nSigned > 0 {
		m := sumSigned / float64(nSigned)
		out.SignedMean = &m
	}
	if nOther > 0 {
		m := sumOther / float64(nOther)
		out.OtherMean = &m
	}
	valueBudget := map[string][2]int64{}
	for _, a := range in.Activities {
		if !in.Tree.Under(a.OwnerUnitID, in.Cut) {
			continue
		}
		fa := Funded(a)
		for _, v := range a.ValueCodes {
			b := valueBudget[v]
			valueBudget[v] = [2]int64{b[0] + fa.Ceiling, b[1] + fa.Realised}
		}
	}
	for _, v := range in.Now {
		fv := FollowupValue{Code: v.Code, NowShown: shown(v.Figure), Now: v.Score, Ceiling: valueBudget[v.Code][0], Realised: valueBudget[v.Code][1]}
		for _, pv := range in.Then {
			if pv.Code == v.Code && shown(pv.Figure) && shown(v.Figure) {
				fv.Then, fv.Change, fv.HasChange = pv.Score, v.Score-pv.Score, true
			}
		}
		out.Values = append(out.Values, fv)
	}
	return out
}

// shown reports whether a figure may be compared: released and not empty.
func shown(f Figure) bool { return !f.Suppressed && f.N > 0 }
