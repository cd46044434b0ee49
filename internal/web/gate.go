package web

// The anonymity gate (issue 13): every reader of answers in web takes what it
// shows from the functions of this file, so that one rule holds for the index
// pages, the API, the heatmap, the trend, the follow-up, the exports, the
// answer export, the response rates, the reminder list, the 360 reports and
// Data saya, and a new page cannot forget it. TestAnswerReadersUseTheGate
// fails when code elsewhere in web reads answers or participation from the
// store directly.
//
// The rules, in plain words (docs/measurement.md):
//   - no figure of a period that is not closed (the answers of an open period
//     are sealed; a figure that moved while people answer would give away
//     the one who just did); the 360 report opens after the period closes;
//   - a group shows its figures only when the store says it is not suppressed
//     (released buckets of at least K people, complementary suppression);
//   - n of a 360 figure counts people, not submissions;
//   - participation (tasks, completed) of a group: the response-rate rule,
//     the same for every page: a group with fewer than K tasks shows how many
//     tasks it has but not how many were completed, unless the group has a
//     figure of its own;
//   - the reminder list names nobody: it counts, per unit, the people who
//     still have open 360 tasks, only where that count reaches K.

import (
	"context"
	"fmt"
	"net/http"
	"sort"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// participationShown is the response-rate rule: how many of a group's tasks
// were completed is shown only when the group has at least k tasks.
func participationShown(total int64, k int) bool { return budaya.ParticipationShown(total, k) }

// figures computes the index of keys in the cut's period, reading only the
// stored sums.
func (s *Server) figures(ctx context.Context, c *indexCut, keys []index.GroupKey) ([]groupFigures, error) {
	out := make([]groupFigures, len(keys))
	if c.Refresh == nil || c.Period.Status != budaya.PeriodClosed {
		// No figure of an open period, whatever was computed before a
		// reopen: a figure that moves while people answer gives them away.
		for i, k := range keys {
			out[i] = groupFigures{Key: k, Unit: c.byID[k.Unit], NoData: true, Result: index.Compute(c.Layout, index.NewGroup(c.Layout), s.bands, false)}
		}
		return out, nil
	}
	// Past the gate's decision: what the closed period's figures hold, read
	// once per version of its figures (figcache.go).
	stored, err := s.storedFigures(ctx, c, keys)
	if err != nil {
		return nil, err
	}
	groups, sums := stored.groups, stored.sums
	for i, k := range keys {
		g := groups[k]
		f := groupFigures{Key: k, Unit: c.byID[k.Unit], TasksTotal: g.TasksTotal, TasksDone: g.TasksDone}
		sum := sums[k]
		if sum == nil {
			sum = index.NewGroup(c.Layout)
		}
		f.Result = index.Compute(c.Layout, sum, s.bands, g.Suppressed)
		if !g.Suppressed {
			f.Respondents = g.Respondents
		}
		if c.Instrument == budaya.Instrument360 {
			peopleN(&f.Result, f.Respondents)
		}
		f.NoData = g.Respondents == 0
		if !g.Suppressed && g.Respondents > 0 || participationShown(f.TasksTotal, c.Period.K) {
			f.ParticipationShown = true
		} else {
			f.TasksDone = 0
		}
		out[i] = f
	}
	return out, nil
}

// storedFigures returns the stored groups of keys in the cut's closed period
// and the sums of those not suppressed, from the figure cache when this
// version of the period's figures was read before (figcache.go). Only
// figures calls it, after deciding that the period's figures may be shown.
func (s *Server) storedFigures(ctx context.Context, c *indexCut, keys []index.GroupKey) (*figureEntry, error) {
	key := newFigureKey(c, keys)
	if e := s.figureCache.get(key); e != nil {
		return e, nil
	}
	units := make([]int64, 0, len(keys))
	seen := map[int64]bool{}
	for _, k := range keys {
		if !seen[k.Unit] {
			seen[k.Unit] = true
			units = append(units, k.Unit)
		}
	}
	groups, err := s.db.IndexGroups(ctx, c.Period.ID, c.Instrument, units)
	if err != nil {
		return nil, err
	}
	var shown []index.GroupKey
	for _, k := range keys {
		if g, ok := groups[k]; ok && !g.Suppressed && g.Respondents > 0 {
			shown = append(shown, k)
		}
	}
	sums, err := s.db.IndexSums(ctx, c.Period.ID, c.Instrument, c.Layout, shown)
	if err != nil {
		return nil, err
	}
	e := &figureEntry{groups: groups, sums: sums}
	s.figureCache.put(key, e)
	return e, nil
}

// peopleN makes every figure of a 360 group say how many people it holds
// (issue 13.2): one person rates several colleagues, so the answers a figure
// averages are not its respondents. The group's n comes from the completed
// tasks of released buckets (store.IndexGroups), never from the answers.
// Every reader of index figures (pages, API, exports, heatmap) gets its
// figures here.
func peopleN(r *index.Result, people int64) {
	set := func(f *index.Figure) {
		if f.N > 0 {
			f.N = people
		}
	}
	set(&r.Overall)
	for i := range r.Values {
		set(&r.Values[i].Figure)
		for j := range r.Values[i].Behaviours {
			set(&r.Values[i].Behaviours[j])
		}
	}
}

// eachAnswer calls fn for every answer row of the cut that the anonymous
// answer export may show: only of a closed period whose index was computed
// (the pools of hidden groups come from it), and only the rows of the cut,
// which the store reads (store.AnswerCut) instead of the whole period's.
func (s *Server) eachAnswer(ctx context.Context, c *indexCut, fn func(store.ExportAnswer) error) error {
	if c.Period.Status != budaya.PeriodClosed {
		return errPeriodNotClosed(c.Period.Name)
	}
	if c.Refresh == nil {
		return budaya.Errorf(budaya.ECONFLICT, budaya.MsgIndexPeriodNotBeenComputedYetCompute)
	}
	return s.db.EachExportAnswer(ctx, c.Period.ID, c.Instrument, c.answerCut(), func(a store.ExportAnswer) error {
		if c.Layout.ValueOf(a.Behaviour) == "" {
			return nil // not a behaviour of the index
		}
		return fn(a)
	})
}

// errPeriodNotClosed says why nothing of an open period's answers is shown.
func errPeriodNotClosed(name string) error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodStillRunningFigures, name)
}

// ratesFor returns the response rates of the units rd may see in a period
// (every unit of the snapshot for admins and auditors, the subtrees of every
// unit a pimpinan leads), and that scope in the period's snapshot.
func (s *Server) ratesFor(ctx context.Context, rd budaya.Reader, per *budaya.Period, instrument string) ([]budaya.ResponseRate, budaya.UnitScope, error) {
	all, err := s.db.ResponseRates(ctx, per.ID, instrument, 0)
	if err != nil {
		return nil, budaya.UnitScope{}, err
	}
	// The response-rate rule, for both instruments alike.
	for i := range all {
		if !participationShown(int64(all[i].Total), per.MinGroup) {
			all[i].Completed, all[i].Suppressed = 0, true
		}
	}
	if sc := rd.Scope(); sc.All {
		return all, sc, nil // every unit (admins, auditors)
	}
	snapshot := make(map[int64]string, len(all))
	for _, x := range all {
		snapshot[x.UnitID] = x.Path
	}
	sc := rd.ScopeIn(snapshot)
	out := []budaya.ResponseRate{}
	for _, x := range all {
		if sc.Contains(x.Path) {
			out = append(out, x)
		}
	}
	return out, sc, nil
}

// reminderRow is one line of the reminder list: a unit and how many of its
// people still have open 360 tasks.
type reminderRow struct {
	UnitName string
	People   int
}

// reminders counts, per unit, the people who still have open 360 tasks. It
// names nobody, and shows a unit only when its count reaches K; the units
// below K are counted together in one row when that reaches K, else left out.
func (s *Server) reminders(ctx context.Context, p *budaya.Period, sc budaya.UnitScope) ([]reminderRow, error) {
	list, err := s.db.RemindersByUnit(ctx, p.ID, sc)
	if err != nil {
		return nil, err
	}
	byUnit := map[string]int{}
	for _, r := range list {
		byUnit[r.UnitName] += r.People
	}
	var out []reminderRow
	rest := 0
	for u, n := range byUnit {
		if n >= p.MinGroup {
			out = append(out, reminderRow{UnitName: u, People: n})
		} else {
			rest += n
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UnitName < out[j].UnitName })
	if rest >= p.MinGroup {
		out = append(out, reminderRow{People: rest})
	}
	return out, nil
}

// report360 loads a report the user may read, and audits the view.
func (s *Server) report360(r *http.Request, periodID, employeeID int64, how string) (*budaya.Report360, error) {
	p, err := s.db.FindPeriod(r.Context(), periodID)
	if err != nil {
		return nil, err
	}
	if err := s.mayReadReport(r, periodID, employeeID); err != nil {
		return nil, err
	}
	if p.Status != budaya.PeriodClosed {
		// A report that moves while raters still answer gives away the one
		// who just did (issue 13.3): it opens once the period is closed.
		return nil, budaya.Errorf(budaya.ECONFLICT, budaya.Msg360ReportPeriodOpens, p.Name)
	}
	rep, err := s.db.Report360(r.Context(), periodID, employeeID)
	if err != nil {
		return nil, err
	}
	if err := s.db.Audit(r.Context(), actor(r), "view_"+how, "report360", fmt.Sprintf("%d/%d", periodID, employeeID), nil); err != nil {
		if how == "pdf" { // an export: the rule of export.go
			return nil, s.exportNotAudited(r, err)
		}
		return nil, err
	}
	return rep, nil
}
