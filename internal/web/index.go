package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// indexCut is one view of the index: a period, an instrument, a unit (nil:
// the whole instansi) and a scope (the unit's subtree or its own staff).
type indexCut struct {
	Period     *store.IndexPeriod
	Periods    []store.IndexPeriod
	Refresh    *store.IndexRefresh
	Layout     *index.Layout
	Instrument string
	Unit       *store.SnapshotUnit
	Scope      index.Scope
	Units      []store.SnapshotUnit
	byID       map[int64]*store.SnapshotUnit
	refreshes  map[int64]*store.IndexRefresh // the last computation of each period that has one
	access     budaya.UnitScope              // what the user may open (index_access.go)
	Led        []store.SnapshotUnit          // the units a pimpinan leads, in this period's snapshot
}

// UnitID is the id of the cut's unit, 0 for the instansi.
func (c *indexCut) UnitID() int64 {
	if c.Unit == nil {
		return 0
	}
	return c.Unit.ID
}

// Key is the group of the cut.
func (c *indexCut) Key() index.GroupKey {
	if c.Unit == nil {
		return index.GroupKey{Unit: 0, Scope: index.Tree}
	}
	return index.GroupKey{Unit: c.Unit.ID, Scope: c.Scope}
}

// String names the cut for the audit log.
func (c *indexCut) String() string {
	return fmt.Sprintf("period=%d unit=%d scope=%s instrument=%s", c.Period.ID, c.UnitID(), c.Scope, c.Instrument)
}

// Parent returns the parent unit of the cut's unit (nil: the instansi or none).
func (c *indexCut) Parent() *store.SnapshotUnit {
	if c.Unit == nil {
		return nil
	}
	return c.byID[c.Unit.ParentID]
}

// Children returns the units directly below the cut's unit (or the top units).
func (c *indexCut) Children() []store.SnapshotUnit {
	var out []store.SnapshotUnit
	for _, u := range c.Units {
		if u.ParentID == c.UnitID() {
			out = append(out, u)
		}
	}
	return out
}

// Ancestors returns the units above the cut's unit, top first.
func (c *indexCut) Ancestors() []store.SnapshotUnit {
	var out []store.SnapshotUnit
	for u := c.Parent(); u != nil; u = c.byID[u.ParentID] {
		out = append([]store.SnapshotUnit{*u}, out...)
	}
	return out
}

// errNoPeriod is shown when no measurement period has been opened yet.
func errNoPeriod() error {
	return budaya.Errorf(budaya.ENOTFOUND, budaya.MsgNoMeasurementPeriodBeenOpened)
}

func indexQueryID(r *http.Request, name string) (int64, bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, false, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, false, budaya.Invalid(name, budaya.MsgParameterMustBeNumeric, name)
	}
	return id, true, nil
}

// indexCutOf reads ?period, ?unit, ?instrument and ?scope. The default period
// is the newest closed one whose index was computed; the default unit the instansi.
func (s *Server) indexCutOf(r *http.Request) (*indexCut, error) {
	ctx := r.Context()
	c := &indexCut{Scope: index.Tree}
	var err error
	if c.Instrument, err = store.ParseInstrument(r.URL.Query().Get("instrument")); err != nil {
		return nil, err
	}
	switch r.URL.Query().Get("scope") {
	case "", "tree":
	case "own":
		c.Scope = index.Own
	default:
		return nil, budaya.Invalid("scope", budaya.MsgScopeMustBeTree)
	}
	if c.Periods, err = s.db.ListIndexPeriods(ctx); err != nil {
		return nil, err
	}
	if c.refreshes, err = s.db.ListIndexRefreshes(ctx); err != nil {
		return nil, err
	}
	pid, given, err := indexQueryID(r, "period")
	if err != nil {
		return nil, err
	}
	if given {
		if c.Period, err = s.db.FindIndexPeriod(ctx, pid); err != nil {
			return nil, err
		}
	} else {
		// The newest closed period with figures, else the newest with figures.
		for _, closedOnly := range []bool{true, false} {
			for i := len(c.Periods) - 1; i >= 0 && c.Period == nil; i-- {
				if closedOnly && c.Periods[i].Status != budaya.PeriodClosed {
					continue
				}
				if c.refreshes[c.Periods[i].ID] != nil {
					c.Period = &c.Periods[i]
				}
			}
		}
		if c.Period == nil && len(c.Periods) > 0 {
			c.Period = &c.Periods[len(c.Periods)-1]
		}
		if c.Period == nil {
			return nil, errNoPeriod()
		}
	}
	if c.Layout, err = s.db.IndexLayout(ctx, c.Period); err != nil {
		return nil, err
	}
	c.Refresh = c.refreshes[c.Period.ID]
	if c.Units, c.byID, err = s.snapshots.get(ctx, s.db, c.Period.ID, c.Refresh); err != nil {
		return nil, err
	}
	uid, given, err := indexQueryID(r, "unit")
	if err != nil {
		return nil, err
	}
	if given && uid != 0 {
		u := c.byID[uid]
		if u == nil {
			return nil, budaya.Invalid("unit", budaya.MsgUnitNotSnapshotPeriod, uid, c.Period.Name)
		}
		c.Unit = u
	}
	if c.Unit == nil {
		c.Scope = index.Tree
	}
	if err := s.authorizeIndexCut(r, c); err != nil {
		return nil, err
	}
	return c, nil
}

// snapshotCache keeps the frozen unit trees of periods whose figures were
// computed, so that a dashboard does not read a thousand units per request
// (it was 40% of a dashboard's time). A period's tree never changes after it
// opens; the key holds the time of the last computation as well, so a
// refresh by any process starts a new entry and nothing stale is served.
// Entries are read-only once stored.
type snapshotCache struct {
	mu      sync.Mutex
	entries map[snapshotKey]*snapshotTree
}

type snapshotKey struct {
	period   int64
	computed int64 // Unix nanoseconds of the computation
}

type snapshotTree struct {
	units []store.SnapshotUnit
	byID  map[int64]*store.SnapshotUnit
}

// snapshotCacheSize bounds the cache: a few periods are looked at, at most.
const snapshotCacheSize = 8

// get returns the tree of period id, from the cache when its figures were computed.
func (sc *snapshotCache) get(ctx context.Context, db *store.DB, period int64, ref *store.IndexRefresh) ([]store.SnapshotUnit, map[int64]*store.SnapshotUnit, error) {
	var key snapshotKey
	if ref != nil {
		key = snapshotKey{period: period, computed: ref.ComputedAt.UnixNano()}
		sc.mu.Lock()
		t := sc.entries[key]
		sc.mu.Unlock()
		if t != nil {
			return t.units, t.byID, nil
		}
	}
	units, err := db.SnapshotUnits(ctx, period)
	if err != nil {
		return nil, nil, err
	}
	t := &snapshotTree{units: units, byID: make(map[int64]*store.SnapshotUnit, len(units))}
	for i := range units {
		t.byID[units[i].ID] = &units[i]
	}
	if ref != nil {
		sc.mu.Lock()
		if sc.entries == nil || len(sc.entries) >= snapshotCacheSize {
			sc.entries = map[snapshotKey]*snapshotTree{}
		}
		sc.entries[key] = t
		sc.mu.Unlock()
	}
	return t.units, t.byID, nil
}

// groupFigures is the index of one group with its size and response rate.
type groupFigures struct {
	Key         index.GroupKey
	Unit        *store.SnapshotUnit // nil: the instansi
	Result      index.Result
	Respondents int64 // 0 when suppressed
	TasksTotal  int64
	TasksDone   int64
	NoData      bool
	// ParticipationShown: TasksDone may be shown (the response-rate rule,
	// gate.go); else it is 0 and pages show only TasksTotal.
	ParticipationShown bool
}

// NoOwnFigure reports whether a group with tasks has no figure of its own
// and is not marked suppressed: fewer than K people answered (none, or a few
// whose answers count with the unit above or stay sealed). Pages say so in
// the same words whatever the number, which the response-rate rule may hide.
func (g groupFigures) NoOwnFigure() bool { return g.NoData && !g.Suppressed() && g.TasksTotal > 0 }

// Suppressed reports whether the group is hidden by the K rule or complementary suppression.
func (g groupFigures) Suppressed() bool { return g.Result.Suppressed }

// ResponseRate is the share of tasks completed, in percent.
func (g groupFigures) ResponseRate() float64 {
	if g.TasksTotal == 0 {
		return 0
	}
	return float64(g.TasksDone) / float64(g.TasksTotal) * 100
}

// Value returns the figure of value code.
func (g groupFigures) Value(code string) *index.ValueResult {
	for i := range g.Result.Values {
		if g.Result.Values[i].Code == code {
			return &g.Result.Values[i]
		}
	}
	return nil
}

// weakest returns the n lowest-scoring behaviours of g (index.Weakest);
// none when g has no data or is suppressed.
func weakest(g *groupFigures, n int) []index.WeakBehaviour {
	if g.Suppressed() || g.NoData {
		return nil
	}
	return index.Weakest(g.Result, n)
}

// trendPoint is the overall index of one unit in one period.
type trendPoint struct {
	Period     store.IndexPeriod
	Score      float64
	Band       string
	N          int64
	Suppressed bool
	NoData     bool
}

// trend returns the overall index of the cut's group in every period that has one.
func (s *Server) trend(ctx context.Context, c *indexCut) ([]trendPoint, error) {
	var out []trendPoint
	for _, p := range c.Periods {
		ref := c.refreshes[p.ID]
		if ref == nil {
			continue
		}
		pc := *c
		pc.Period, pc.Refresh = &p, ref
		if p.FrameworkID != c.Period.FrameworkID {
			l, err := s.db.IndexLayout(ctx, &p)
			if err != nil {
				return nil, err
			}
			pc.Layout = l
		}
		fs, err := s.figures(ctx, &pc, []index.GroupKey{c.Key()})
		if err != nil {
			return nil, err
		}
		f := fs[0]
		out = append(out, trendPoint{Period: p, Score: f.Result.Overall.Score, Band: f.Result.Overall.Band, N: f.Respondents, Suppressed: f.Suppressed(), NoData: f.NoData})
	}
	return out, nil
}

// heatmap returns the subtree figures of the units at depth level (1: top
// units), optionally only those below under, one page at a time.
func (s *Server) heatmap(ctx context.Context, c *indexCut, level int, under int64, page, perPage int) ([]groupFigures, int, error) {
	var units []store.SnapshotUnit
	var prefix string
	if u := c.byID[under]; u != nil {
		prefix = u.Path
	}
	for _, u := range c.Units {
		if u.Depth+1 == level && (prefix == "" || len(u.Path) >= len(prefix) && u.Path[:len(prefix)] == prefix) {
			units = append(units, u)
		}
	}
	total := len(units)
	from := (page - 1) * perPage
	if from > total {
		from = total
	}
	to := from + perPage
	if to > total {
		to = total
	}
	keys := make([]index.GroupKey, 0, to-from)
	for _, u := range units[from:to] {
		keys = append(keys, index.GroupKey{Unit: u.ID, Scope: index.Tree})
	}
	fs, err := s.figures(ctx, c, keys)
	return fs, total, err
}

// maxDepth is the deepest level of the cut's tree (1: top units only).
func (c *indexCut) maxDepth() int {
	d := 0
	for _, u := range c.Units {
		if u.Depth+1 > d {
			d = u.Depth + 1
		}
	}
	return d
}

// auditView records who viewed which cut.
func (s *Server) auditView(r *http.Request, what string, c *indexCut, extra map[string]any) error {
	detail := map[string]any{"view": what, "period": c.Period.ID, "unit": c.UnitID(), "scope": string(c.Scope), "instrument": c.Instrument}
	for k, v := range extra {
		detail[k] = v
	}
	return s.db.Audit(r.Context(), actor(r), "view", "index", c.String(), detail)
}

// indexBands loads the health bands once.
func indexBands() (index.Bands, *budaya.Official, error) {
	o, err := budaya.LoadOfficial()
	if err != nil {
		return nil, nil, err
	}
	return index.NewBands(o), o, nil
}
