package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// followupSummary is "what is being done" about a group's weakest values:
// commitments and roadmap activities that target them, with status and budget.
type followupSummary struct {
	Values      []string // the weakest values (from the weakest behaviours)
	Commitments []budaya.Commitment
	Activities  []followupActivity
	More        bool // more than followupLimit of either; the lists show the first
}

type followupActivity struct {
	budaya.Activity
	Ceiling  int64
	Realised int64
}

// followupLimit bounds each list of the dashboard's "what is being done".
const followupLimit = 50

// targets reports whether codes (value or behaviour codes) touch one of values.
func targets(codes, values []string) bool {
	for _, c := range codes {
		for _, v := range values {
			if c == v || strings.HasPrefix(c, v) && len(c) == len(v)+1 {
				return true
			}
		}
	}
	return false
}

// inCut reports whether unit id lies in the cut's unit subtree (all for the instansi).
func (c *indexCut) inCut(id int64) bool {
	if c.Unit == nil {
		return true
	}
	for u := c.byID[id]; u != nil; u = c.byID[u.ParentID] {
		if u.ID == c.Unit.ID {
			return true
		}
	}
	return false
}

// followupCodes are values and the codes of their behaviours in layout l.
func followupCodes(l *index.Layout, values []string) []string {
	out := append([]string(nil), values...)
	for _, v := range l.Values {
		if slices.Contains(values, v.Code) {
			for _, b := range v.Behaviours {
				out = append(out, b.Code)
			}
		}
	}
	return out
}

// followupSummary finds the commitments and activities aimed at g's weakest
// values in the cut's subtree. The database selects them by unit path and
// code, at most followupLimit of each; the snapshot tree then has the last word.
func (s *Server) followupSummary(r *http.Request, c *indexCut, g *groupFigures) (*followupSummary, error) {
	out := &followupSummary{}
	for _, b := range weakest(g, 3) {
		if !slices.Contains(out.Values, b.Value) {
			out.Values = append(out.Values, b.Value)
		}
	}
	if len(out.Values) == 0 {
		return out, nil
	}
	ctx := r.Context()
	codes := followupCodes(c.Layout, out.Values)
	scope, under := budaya.UnitScope{All: true}, ""
	if c.Unit != nil {
		scope, under = budaya.UnitScope{Paths: []string{c.Unit.Path}}, c.Unit.Path
	}
	cs, total, err := s.db.ListCommitments(ctx, budaya.CommitmentFilter{Scope: scope, Codes: codes, PerPage: followupLimit})
	if err != nil {
		return nil, err
	}
	out.More = total > len(cs)
	for _, cm := range cs {
		if c.inCut(cm.UnitID) && targets(cm.Codes, out.Values) {
			out.Commitments = append(out.Commitments, cm)
		}
	}
	acts, err := s.db.ListActivities(ctx, store.ActivityFilter{Under: under, Codes: codes, Limit: followupLimit + 1})
	if err != nil {
		return nil, err
	}
	if len(acts) > followupLimit {
		acts, out.More = acts[:followupLimit], true
	}
	for _, a := range acts {
		if !c.inCut(a.OwnerUnitID) || !targets(append(append([]string{}, a.ValueCodes...), a.BehaviourCodes...), out.Values) {
			continue
		}
		fa := followupActivity{Activity: a}
		for _, l := range a.Budget {
			fa.Ceiling += l.Ceiling
			fa.Realised += l.Realised
		}
		out.Activities = append(out.Activities, fa)
	}
	return out, nil
}

// followupPage compares units between two periods with what was committed,
// funded and reported: association, not proof of effect.
type followupPage struct {
	indexPage
	From       *store.IndexPeriod
	Rows       []followupRow
	Values     []followupValue
	Checklist  *budaya.ChecklistPeriod
	SignedMean *float64
	OtherMean  *float64
}

type followupRow struct {
	Unit       store.SnapshotUnit
	Signed     bool
	Now, Then  index.Figure
	Change     float64
	HasChange  bool
	Ceiling    int64
	Realised   int64
	Checklist  float64
	HasCheck   bool
	Suppressed bool
}

type followupValue struct {
	Code      string
	Now, Then float64
	Change    float64
	HasChange bool
	Realised  int64
	Ceiling   int64
}

// Rupiah formats whole rupiah with dots.
func (followupPage) Rupiah(x int64) string {
	s := strings.TrimPrefix(strconv.FormatInt(x, 10), "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if x < 0 {
		return "-Rp" + b.String()
	}
	return "Rp" + b.String()
}

// Signed formats the change with a sign.
func (p followupPage) Signed(x float64) string {
	if x > 0 {
		return "+" + p.F(x)
	}
	return p.F(x)
}

func (s *Server) handleIndexFollowup(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	fp := followupPage{indexPage: indexPage{page: s.newPage(r, "index.followup.title"), Cut: c}}
	fromID, given, err := indexQueryID(r, "from")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if given {
		if fp.From, err = s.db.FindIndexPeriod(ctx, fromID); err != nil {
			s.renderError(w, r, err)
			return
		}
	} else {
		for i := range c.Periods {
			if c.Periods[i].ID == c.Period.ID && i > 0 {
				fp.From = &c.Periods[i-1]
			}
		}
	}
	// The units compared: the cut's unit and the units below it, one level down,
	// plus the units led by someone (where a pledge can be signed).
	var units []store.SnapshotUnit
	for _, u := range c.Units {
		if u.ParentID == c.UnitID() || c.Unit != nil && u.ID == c.Unit.ID {
			units = append(units, u)
		}
	}
	keys := make([]index.GroupKey, len(units))
	for i, u := range units {
		keys[i] = index.GroupKey{Unit: u.ID, Scope: index.Tree}
	}
	now, err := s.figures(ctx, c, keys, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var then []groupFigures
	var fromCut *indexCut
	if fp.From != nil {
		fc := *c
		fc.Period = fp.From
		if fc.Refresh, err = s.db.FindIndexRefresh(ctx, fp.From.ID); err != nil && budaya.ErrorCode(err) != budaya.ENOTFOUND {
			s.renderError(w, r, err)
			return
		}
		if fc.Layout, err = s.db.IndexLayout(ctx, fp.From); err != nil {
			s.renderError(w, r, err)
			return
		}
		if then, err = s.figures(ctx, &fc, append(keys, c.Key()), nil); err != nil {
			s.renderError(w, r, err)
			return
		}
		fromCut = &fc
	}
	// Pledges and activities are read for the cut's subtree only.
	scope, subtree := budaya.UnitScope{All: true}, ""
	if c.Unit != nil {
		scope, subtree = budaya.UnitScope{Paths: []string{c.Unit.Path}}, c.Unit.Path
	}
	pledges, _, err := s.db.ListPledges(ctx, budaya.PledgeFilter{Scope: scope, PerPage: 10000})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	signed := map[int64]bool{}
	for _, p := range pledges {
		if p.Current() {
			signed[p.UnitID] = true
		}
	}
	acts, err := s.db.ListActivities(ctx, store.ActivityFilter{Under: subtree})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	checkPeriods, err := s.db.ListChecklistPeriods(ctx)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	scores := map[int64]budaya.ChecklistScore{}
	if len(checkPeriods) > 0 {
		fp.Checklist = &checkPeriods[len(checkPeriods)-1]
		if scores, err = s.db.ChecklistScores(ctx, fp.Checklist.ID); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	// Budget per unit subtree and per value, over the activities of the cut.
	under := func(unit, top int64) bool {
		for u := c.byID[unit]; u != nil; u = c.byID[u.ParentID] {
			if u.ID == top {
				return true
			}
		}
		return false
	}
	valueBudget := map[string][2]int64{}
	var sumSigned, sumOther float64
	var nSigned, nOther int
	for i, u := range units {
		row := followupRow{Unit: u, Signed: signed[u.ID], Now: now[i].Result.Overall, Suppressed: now[i].Suppressed()}
		if then != nil {
			row.Then = then[i].Result.Overall
		}
		if !row.Now.Suppressed && row.Now.N > 0 && !row.Then.Suppressed && row.Then.N > 0 {
			row.Change, row.HasChange = row.Now.Score-row.Then.Score, true
			if row.Signed {
				sumSigned += row.Change
				nSigned++
			} else {
				sumOther += row.Change
				nOther++
			}
		}
		for _, a := range acts {
			if under(a.OwnerUnitID, u.ID) {
				for _, l := range a.Budget {
					row.Ceiling += l.Ceiling
					row.Realised += l.Realised
				}
			}
		}
		if sc, ok := scores[u.ID]; ok && sc.MaxPoints > 0 {
			row.Checklist, row.HasCheck = sc.Percent(), true
		}
		fp.Rows = append(fp.Rows, row)
	}
	if nSigned > 0 {
		m := sumSigned / float64(nSigned)
		fp.SignedMean = &m
	}
	if nOther > 0 {
		m := sumOther / float64(nOther)
		fp.OtherMean = &m
	}
	for _, a := range acts {
		if !c.inCut(a.OwnerUnitID) {
			continue
		}
		var ceiling, realised int64
		for _, l := range a.Budget {
			ceiling += l.Ceiling
			realised += l.Realised
		}
		for _, v := range a.ValueCodes {
			b := valueBudget[v]
			valueBudget[v] = [2]int64{b[0] + ceiling, b[1] + realised}
		}
	}
	main, err := s.figures(ctx, c, []index.GroupKey{c.Key()}, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, v := range main[0].Result.Values {
		fv := followupValue{Code: v.Code, Now: v.Score, Ceiling: valueBudget[v.Code][0], Realised: valueBudget[v.Code][1]}
		if fromCut != nil && then != nil {
			prev := then[len(then)-1]
			if pv := prev.Value(v.Code); pv != nil && pv.N > 0 && v.N > 0 && !v.Suppressed && !pv.Suppressed {
				fv.Then, fv.Change, fv.HasChange = pv.Score, v.Score-pv.Score, true
			}
		}
		fp.Values = append(fp.Values, fv)
	}
	if err := s.auditView(r, "followup", c, map[string]any{"from": fromID}); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "index_followup", fp)
}
