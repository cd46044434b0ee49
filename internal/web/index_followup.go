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
// commitments and roadmap activities that target them, with status and budget
// (index.DoingAbout).
type followupSummary struct {
	index.Doing
	More bool // more than followupLimit of either; the lists show the first
}

// followupLimit bounds each list of the dashboard's "what is being done".
const followupLimit = 50

// parents is the cut's snapshot tree, for the follow-up calculations.
func (c *indexCut) parents() index.Parents {
	t := make(index.Parents, len(c.Units))
	for _, u := range c.Units {
		t[u.ID] = u.ParentID
	}
	return t
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
// code, at most followupLimit of each; the snapshot tree then has the last
// word (index.DoingAbout).
func (s *Server) followupSummary(r *http.Request, c *indexCut, g *groupFigures) (*followupSummary, error) {
	values := index.ValuesOf(weakest(g, 3))
	if len(values) == 0 {
		return &followupSummary{}, nil
	}
	ctx := r.Context()
	codes := followupCodes(c.Layout, values)
	scope, under := budaya.UnitScope{All: true}, ""
	if c.Unit != nil {
		scope, under = budaya.UnitScope{Paths: []string{c.Unit.Path}}, c.Unit.Path
	}
	cs, total, err := s.db.ListCommitments(ctx, budaya.CommitmentFilter{Scope: scope, Codes: codes, PerPage: followupLimit})
	if err != nil {
		return nil, err
	}
	more := total > len(cs)
	acts, err := s.db.ListActivities(ctx, budaya.ActivityFilter{Under: under, Codes: codes, Limit: followupLimit + 1})
	if err != nil {
		return nil, err
	}
	if len(acts) > followupLimit {
		acts, more = acts[:followupLimit], true
	}
	return &followupSummary{Doing: index.DoingAbout(c.parents(), c.UnitID(), values, cs, acts), More: more}, nil
}

// followupPage compares units between two periods with what was committed,
// funded and reported: association, not proof of effect.
type followupPage struct {
	indexPage
	followupData
}

// followupData is the comparison the page and /api/v1/index/followup show.
type followupData struct {
	From       *store.IndexPeriod
	Rows       []followupRow
	Values     []index.FollowupValue
	Checklist  *budaya.ChecklistPeriod
	SignedMean *float64
	OtherMean  *float64
	main       groupFigures // the cut's own figures in the period
}

type followupRow struct {
	index.FollowupRow
	Unit store.SnapshotUnit
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
	d, err := s.followup(r, c)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	fp := followupPage{indexPage: indexPage{page: s.newPage(r, "index.followup.title"), Cut: c}, followupData: *d}
	s.render(w, r, http.StatusOK, "index_followup", fp)
}

// followup loads, through the gate, what the follow-up of cut c compares
// (?from= or the period before), computes it with index.CompareFollowup and
// audits the view.
func (s *Server) followup(r *http.Request, c *indexCut) (*followupData, error) {
	ctx := r.Context()
	d := &followupData{}
	fromID, given, err := indexQueryID(r, "from")
	if err != nil {
		return nil, err
	}
	if given {
		if d.From, err = s.db.FindIndexPeriod(ctx, fromID); err != nil {
			return nil, err
		}
	} else {
		for i := range c.Periods {
			if c.Periods[i].ID == c.Period.ID && i > 0 {
				d.From = &c.Periods[i-1]
			}
		}
	}
	// The units compared: the cut's unit and the units below it, one level down.
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
	now, err := s.figures(ctx, c, append(keys, c.Key()))
	if err != nil {
		return nil, err
	}
	var then []groupFigures
	if d.From != nil {
		fc := *c
		fc.Period = d.From
		if fc.Refresh, err = s.db.FindIndexRefresh(ctx, d.From.ID); err != nil && budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return nil, err
		}
		if fc.Layout, err = s.db.IndexLayout(ctx, d.From); err != nil {
			return nil, err
		}
		if then, err = s.figures(ctx, &fc, append(keys, c.Key())); err != nil {
			return nil, err
		}
	}
	// Pledges and activities are read for the cut's subtree only.
	scope, subtree := budaya.UnitScope{All: true}, ""
	if c.Unit != nil {
		scope, subtree = budaya.UnitScope{Paths: []string{c.Unit.Path}}, c.Unit.Path
	}
	pledges, _, err := s.db.ListPledges(ctx, budaya.PledgeFilter{Scope: scope, PerPage: 10000})
	if err != nil {
		return nil, err
	}
	signed := map[int64]bool{}
	for _, p := range pledges {
		if p.Current() {
			signed[p.UnitID] = true
		}
	}
	acts, err := s.db.ListActivities(ctx, budaya.ActivityFilter{Under: subtree})
	if err != nil {
		return nil, err
	}
	checkPeriods, err := s.db.ListChecklistPeriods(ctx)
	if err != nil {
		return nil, err
	}
	scores := map[int64]budaya.ChecklistScore{}
	if len(checkPeriods) > 0 {
		d.Checklist = &checkPeriods[0] // the latest (newest first), as the roadmap and unit pages
		if scores, err = s.db.ChecklistScores(ctx, d.Checklist.ID); err != nil {
			return nil, err
		}
	}
	in := index.FollowupInput{Tree: c.parents(), Cut: c.UnitID(), Now: now[len(units)].Result.Values, Activities: acts, Checklist: scores}
	for i, u := range units {
		fu := index.FollowupUnit{ID: u.ID, Signed: signed[u.ID], Suppressed: now[i].Suppressed(), Now: now[i].Result.Overall}
		if then != nil {
			fu.Then = then[i].Result.Overall
		}
		in.Units = append(in.Units, fu)
	}
	if then != nil {
		in.Then = then[len(units)].Result.Values
	}
	f := index.CompareFollowup(in)
	for i, row := range f.Rows {
		d.Rows = append(d.Rows, followupRow{FollowupRow: row, Unit: units[i]})
	}
	d.Values, d.SignedMean, d.OtherMean, d.main = f.Values, f.SignedMean, f.OtherMean, now[len(units)]
	if err := s.auditView(r, "followup", c, map[string]any{"from": fromID}); err != nil {
		return nil, err
	}
	return d, nil
}

// The JSON shapes of /api/v1/index/followup (openapi/60-index.json).

type apiFollowupUnit struct {
	Unit       *apiUnitRef `json:"unit"`
	Signed     bool        `json:"signed"`
	Suppressed bool        `json:"suppressed"`
	Now        apiFigure   `json:"now"`
	Then       *apiFigure  `json:"then"`
	Change     *float64    `json:"change"`
	Ceiling    int64       `json:"ceiling"`
	Realised   int64       `json:"realised"`
	Checklist  *float64    `json:"checklist_percent"`
}

type apiFollowupValue struct {
	Code     string   `json:"code"`
	Now      *float64 `json:"now"`
	Then     *float64 `json:"then"`
	Change   *float64 `json:"change"`
	Ceiling  int64    `json:"ceiling"`
	Realised int64    `json:"realised"`
}

type apiDoingCommitment struct {
	ID       int64    `json:"id"`
	Title    string   `json:"title"`
	UnitID   int64    `json:"unit_id"`
	UnitName string   `json:"unit_name"`
	Codes    []string `json:"codes"`
	Status   string   `json:"status"`
}

type apiDoingActivity struct {
	ID            int64    `json:"id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	OwnerUnitID   int64    `json:"owner_unit_id"`
	OwnerUnitName string   `json:"owner_unit_name"`
	Values        []string `json:"values"`
	Status        string   `json:"status"`
	Ceiling       int64    `json:"ceiling"`
	Realised      int64    `json:"realised"`
}

type apiDoing struct {
	Values      []string             `json:"values"`
	Commitments []apiDoingCommitment `json:"commitments"`
	Activities  []apiDoingActivity   `json:"activities"`
	More        bool                 `json:"more"`
}

type apiChecklistPeriodRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type apiFollowup struct {
	Method     apiMethod              `json:"method"`
	Period     apiPeriodRef           `json:"period"`
	From       *apiPeriodRef          `json:"from"`
	Unit       *apiUnitRef            `json:"unit"`
	Note       string                 `json:"note"`
	SignedMean *float64               `json:"signed_mean"`
	OtherMean  *float64               `json:"other_mean"`
	Checklist  *apiChecklistPeriodRef `json:"checklist_period"`
	Units      []apiFollowupUnit      `json:"units"`
	Values     []apiFollowupValue     `json:"values"`
	Doing      apiDoing               `json:"doing"`
}

// handleAPIIndexFollowup is /index/followup as JSON, with the dashboard's
// "what is being done" about the cut's weakest values. It reads through the
// same gate and audits the view as the page does.
func (s *Server) handleAPIIndexFollowup(w http.ResponseWriter, r *http.Request) {
	c, err := s.indexCutOf(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d, err := s.followup(r, c)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	doing, err := s.followupSummary(r, c, &d.main)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiFollowup{Method: s.apiMethod(c), Period: apiPeriodRef{ID: c.Period.ID, Name: c.Period.Name, Status: c.Period.Status},
		Unit: toAPIIndexUnit(c.Unit), Note: translate(langOf(r), "index.association_note"), Units: []apiFollowupUnit{}, Values: []apiFollowupValue{},
		Doing: apiDoing{Values: []string{}, Commitments: []apiDoingCommitment{}, Activities: []apiDoingActivity{}, More: doing.More}}
	if d.From != nil {
		out.From = &apiPeriodRef{ID: d.From.ID, Name: d.From.Name, Status: d.From.Status}
	}
	if d.SignedMean != nil {
		out.SignedMean = round4(*d.SignedMean)
	}
	if d.OtherMean != nil {
		out.OtherMean = round4(*d.OtherMean)
	}
	if d.Checklist != nil {
		out.Checklist = &apiChecklistPeriodRef{ID: d.Checklist.ID, Name: d.Checklist.Name}
	}
	for _, row := range d.Rows {
		u := row.Unit
		au := apiFollowupUnit{Unit: toAPIIndexUnit(&u), Signed: row.Signed, Suppressed: row.Suppressed, Now: toAPIFigure(row.Now, ""),
			Ceiling: row.Ceiling, Realised: row.Realised}
		if d.From != nil {
			then := toAPIFigure(row.Then, "")
			au.Then = &then
		}
		if row.HasChange {
			au.Change = round4(row.Change)
		}
		if row.HasCheck {
			au.Checklist = round4(row.Checklist)
		}
		out.Units = append(out.Units, au)
	}
	for _, v := range d.Values {
		av := apiFollowupValue{Code: v.Code, Ceiling: v.Ceiling, Realised: v.Realised}
		if v.NowShown {
			av.Now = round4(v.Now)
		}
		if v.HasChange {
			av.Then, av.Change = round4(v.Then), round4(v.Change)
		}
		out.Values = append(out.Values, av)
	}
	out.Doing.Values = append(out.Doing.Values, doing.Values...)
	for _, cm := range doing.Commitments {
		out.Doing.Commitments = append(out.Doing.Commitments, apiDoingCommitment{ID: cm.ID, Title: cm.Title, UnitID: cm.UnitID, UnitName: cm.UnitName,
			Codes: append([]string{}, cm.Codes...), Status: cm.Status})
	}
	for _, a := range doing.Activities {
		out.Doing.Activities = append(out.Doing.Activities, apiDoingActivity{ID: a.ID, Code: a.Code, Name: a.Name, OwnerUnitID: a.OwnerUnitID,
			OwnerUnitName: a.OwnerUnitName, Values: append([]string{}, a.ValueCodes...), Status: a.Status, Ceiling: a.Ceiling, Realised: a.Realised})
	}
	writeJSON(w, http.StatusOK, out)
}
