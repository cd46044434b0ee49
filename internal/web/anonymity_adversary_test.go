package web_test

// The adversarial anonymity test of issue 13: a random organisation answers
// surveys and 360s; at many moments (before and after single submissions,
// across close, reopen and close) every role reads every figure it may read
// through the real router; the test, which knows who gave which answers,
// turns each figure into the set of submissions behind it, checks that the
// figure really is their n and mean, and then searches, with exact rational
// arithmetic, for a combination of the figures one role has read that
// isolates fewer than K people. See docs/measurement.md, "The adversarial test".

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// advSub is one task of the world: who rates whom, and the answers the
// rater gives when the test submits it. The answers are the submission's
// marker: no two submissions give the same 21 scores, so a released answer
// row tells the test (never the attacker) whose it is.
type advSub struct {
	id         int
	task       int64
	period     int64
	instrument string
	group      string
	rater      int64
	ratee      int64
	scores     []int // per behaviour, in layout order
	done       bool
}

// advFigure is one figure a role has read: what it claims (n and means of
// sets of behaviours, in points) and the answer sets it may be built from.
type advFigure struct {
	desc       string
	block      string // period/instrument: figures never mix blocks
	n          *int64
	parts      []advPart
	tol        float64
	candidates [][]int // submission ids; the first one that matches is taken
	nMode      string  // "people" when n must count distinct people (360 unit figures)
	reading    int     // when it was read
}

type advPart struct {
	codes []string
	mean  float64 // points 0..100
}

// advRow is one released answer set as stored (ground truth for the test).
type advRow struct {
	sub   int
	unit  int64
	ratee int64
	group string
}

type adversary struct {
	t        *testing.T
	ts       *testServer
	rng      *rand.Rand
	codes    []string
	layout   *index.Layout
	subs     []*advSub
	marker   map[string]int
	units    []int64
	parentOf map[int64]int64
	unitOf   map[int64]int64 // employee -> unit
	heads    map[int64]int64 // unit -> head employee
	staff    map[int64][]int64
	periods  []advPeriod
	roles    []advRole
	readings int
	figs     map[string][]advFigure // role -> figures read so far
	failures []string
}

type advPeriod struct {
	id      int64
	k       int
	survey  bool
	has360  bool
	root    int64 // the unit the period covers (with its subtree)
	covered map[int64]bool
}

type advRole struct {
	name     string
	c        *client
	employee int64 // 0: not linked
	leads    int64 // unit led (pimpinan), 0 none
}

func TestAnonymityAdversarial(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("adversarial anonymity test: not in -short")
	}
	// One world by default keeps the test within a minute or two under -race
	// on a busy machine; BUDAYA_ADVERSARY_SEEDS=n tries n worlds.
	seeds := 1
	if v, err := strconv.Atoi(os.Getenv("BUDAYA_ADVERSARY_SEEDS")); err == nil && v > 0 {
		seeds = v
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) { runAdversary(t, seed) })
	}
}

func runAdversary(t *testing.T, seed uint64) {
	a := &adversary{t: t, ts: newTestServer(t), rng: rand.New(rand.NewPCG(seed, 13)), marker: map[string]int{},
		parentOf: map[int64]int64{}, unitOf: map[int64]int64{}, heads: map[int64]int64{}, staff: map[int64][]int64{}, figs: map[string][]advFigure{}}
	a.makeOrg()
	a.makeRoles()
	f, err := a.ts.db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a.layout, err = index.NewLayout(f); err != nil {
		t.Fatal(err)
	}
	a.codes = a.layout.Behaviours()

	// A survey over part of the tree (a unit below the top with its
	// subtree), and a survey plus 360 over the whole tree.
	part := a.units[1]
	for _, u := range a.units[1:] {
		if a.parentOf[u] != 0 && len(a.subtree(u)) > len(a.subtree(part)) {
			part = u
		}
	}
	ps := a.openPeriod("Survei sebagian", 3, true, false, part)
	pw := a.openPeriod("Survei dan 360", 3, true, true, a.units[0])

	// Most tasks in bulk, then single submissions with readings around them.
	// In the partial period exactly one person of its top unit answers (the
	// issue's first case: a unit of one respondent in a period over part of
	// the tree).
	lone := false
	for _, s := range a.subs {
		if s.period == ps.id && a.unitOf[s.rater] == part {
			if !lone {
				a.submit(s)
				lone = true
			}
			continue
		}
		if a.rng.IntN(100) < 55 {
			a.submit(s)
		}
	}
	a.read("after the first answers")
	a.submitOne(ps.id, budaya.InstrumentSurvey, "")
	a.read("after one more survey answer (partial period)")
	a.submitOne(pw.id, budaya.Instrument360, budaya.GroupPeer)
	a.read("after one more peer answer")
	a.submitOne(pw.id, budaya.Instrument360, budaya.GroupBawahan)
	a.close(ps.id)
	a.close(pw.id)
	a.read("after one more bawahan answer and close")
	a.reopen(ps.id)
	a.submitOne(ps.id, budaya.InstrumentSurvey, "")
	a.read("after reopen and one more answer")
	a.close(ps.id)
	a.read("after the second close")
	a.reopen(pw.id)
	a.submitOne(pw.id, budaya.Instrument360, budaya.GroupPeer)
	a.submitOne(pw.id, budaya.Instrument360, budaya.GroupPeer)
	a.close(pw.id)
	a.read("after reopen, two peer answers and close")

	for _, r := range a.roles {
		a.attack(r.name)
		t.Logf("%s read %d figures", r.name, len(a.figs[r.name]))
	}
	if len(a.figs["admin"]) == 0 || len(a.figs["leader"]) == 0 || len(a.figs["colleague"]) == 0 {
		t.Fatalf("the roles read no figures (admin %d, leader %d, colleague %d): the test would prove nothing",
			len(a.figs["admin"]), len(a.figs["leader"]), len(a.figs["colleague"]))
	}
	if len(a.failures) > 0 {
		t.Fatalf("anonymity broken (%d findings):\n%s", len(a.failures), a.summary())
	}
}

// summary shows the first findings of each kind, leaks first.
func (a *adversary) summary() string {
	kinds := []struct{ name, marker string }{{"combinations that isolate fewer than K people", " can isolate "},
		{"n that does not count what it must", ": n = "}, {"figures made of no set of released answers", "is not the n and mean"},
		{"exported rows no one gave", "no one gave"}}
	var out []string
	for _, k := range kinds {
		var hits []string
		for _, f := range a.failures {
			if strings.Contains(f, k.marker) {
				hits = append(hits, f)
			}
		}
		if len(hits) == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("== %d %s; the first:", len(hits), k.name))
		if len(hits) > 8 {
			hits = hits[:8]
		}
		out = append(out, hits...)
	}
	return strings.Join(out, "\n\n")
}

func (a *adversary) failf(format string, args ...any) {
	a.failures = append(a.failures, fmt.Sprintf(format, args...))
}

// makeOrg builds a random tree of 7 units, 1..6 staff each; the first member
// of a unit heads it and is the atasan of the others; heads report to the
// head of the parent unit.
func (a *adversary) makeOrg() {
	t := a.t
	levels := []string{budaya.LevelEselon1, budaya.LevelEselon2, budaya.LevelEselon3, budaya.LevelEselon4}
	depth := map[int64]int{}
	nip := 7000
	err := a.ts.db.WriteOrg(ctx, budaya.SystemActor("test"), func(w *store.OrgWriter) error {
		for i := 0; i < 7; i++ {
			var parent int64
			if i > 0 {
				for {
					parent = a.units[a.rng.IntN(len(a.units))]
					if depth[parent] < 3 {
						break
					}
				}
			}
			d := 0
			if parent != 0 {
				d = depth[parent] + 1
			}
			u, err := w.CreateUnit(budaya.Unit{Code: fmt.Sprintf("U%d", i), Name: fmt.Sprintf("Unit %d", i), Level: levels[d], ParentID: parent})
			if err != nil {
				return err
			}
			depth[u.ID] = d
			a.units = append(a.units, u.ID)
			a.parentOf[u.ID] = parent
			n := 1 + a.rng.IntN(6)
			nip++
			head, err := w.CreateEmployees([]budaya.Employee{{NIP: fmtNIP(nip), Name: fmt.Sprintf("Kepala U%d", i), UnitID: u.ID, SupervisorID: a.heads[parent], Position: "Kepala"}})
			if err != nil {
				return err
			}
			a.heads[u.ID] = head[0]
			a.unitOf[head[0]] = u.ID
			a.staff[u.ID] = append(a.staff[u.ID], head[0])
			var es []budaya.Employee
			for j := 1; j < n; j++ {
				nip++
				es = append(es, budaya.Employee{NIP: fmtNIP(nip), Name: fmt.Sprintf("Pegawai U%d-%d", i, j), UnitID: u.ID, SupervisorID: head[0], Position: "Analis"})
			}
			if len(es) > 0 {
				ids, err := w.CreateEmployees(es)
				if err != nil {
					return err
				}
				for _, id := range ids {
					a.unitOf[id] = u.ID
					a.staff[u.ID] = append(a.staff[u.ID], id)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("make org: %v", err)
	}
}

func fmtNIP(i int) string {
	birth := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/999)
	return fmt.Sprintf("%s200001%d%03d", birth.Format("20060102"), 1+i%2, i%999+1)
}

// makeRoles signs in an admin, an auditor, the leader of a unit with units
// below it (linked to its head), and a colleague (a member of staff).
func (a *adversary) makeRoles() {
	t := a.t
	lead := a.units[0]
	for _, u := range a.units[1:] {
		if len(a.subtree(u)) > 1 {
			lead = u
			break
		}
	}
	colleague := a.heads[a.units[len(a.units)-1]]
	for _, u := range a.units {
		if len(a.staff[u]) > 1 && u != lead {
			colleague = a.staff[u][1]
			break
		}
	}
	for _, r := range []struct {
		name     string
		grant    budaya.RoleGrant
		employee int64
	}{
		{"admin", budaya.RoleGrant{Role: budaya.RoleAdmin}, 0},
		{"auditor", budaya.RoleGrant{Role: budaya.RoleAuditor}, 0},
		{"leader", budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: lead}, a.heads[lead]},
		{"colleague", budaya.RoleGrant{Role: budaya.RolePegawai}, colleague},
	} {
		if _, err := a.ts.db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: "adv-" + r.name, Password: testPassword,
			EmployeeID: r.employee, Roles: []budaya.RoleGrant{r.grant}}); err != nil {
			t.Fatalf("create %s: %v", r.name, err)
		}
		a.roles = append(a.roles, advRole{name: r.name, c: a.ts.login(t, "adv-"+r.name), employee: r.employee, leads: r.grant.UnitID})
	}
}

func (a *adversary) subtree(u int64) []int64 {
	out := []int64{u}
	for _, c := range a.units {
		if a.parentOf[c] == u {
			out = append(out, a.subtree(c)...)
		}
	}
	return out
}

// openPeriod opens a period over root's subtree and records its tasks with
// fresh markers.
func (a *adversary) openPeriod(name string, k int, survey, has360 bool, root int64) advPeriod {
	t := a.t
	db := a.ts.db
	actor := budaya.SystemActor("test")
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, time.Month(1+len(a.periods)), 1, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: name, StartsAt: start, EndsAt: start.AddDate(0, 1, 0), FrameworkID: f.ID,
		HasSurvey: survey, Has360: has360, MinGroup: k, MaxPeers: 6, UnitIDs: []int64{root}})
	if err != nil {
		t.Fatalf("create period: %v", err)
	}
	if _, err := db.OpenPeriod(ctx, actor, p.ID); err != nil {
		t.Fatalf("open period: %v", err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatalf("generate tasks: %v", err)
	}
	ap := advPeriod{id: p.ID, k: k, survey: survey, has360: has360, root: root, covered: map[int64]bool{}}
	for _, u := range a.subtree(root) {
		ap.covered[u] = true
		for _, e := range a.staff[u] {
			tasks, _, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: e, PeriodID: p.ID, PerPage: 200})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range tasks {
				s := &advSub{id: len(a.subs), task: tk.ID, period: p.ID, instrument: tk.Instrument, group: tk.RaterGroup, rater: e, ratee: tk.RateeEmployeeID}
				for {
					s.scores = make([]int, len(a.codes))
					for i := range s.scores {
						s.scores[i] = 1 + a.rng.IntN(5)
					}
					if _, dup := a.marker[markerKey(s.scores)]; !dup {
						break
					}
				}
				a.marker[markerKey(s.scores)] = s.id
				a.subs = append(a.subs, s)
			}
		}
	}
	a.periods = append(a.periods, ap)
	return ap
}

func markerKey(scores []int) string {
	var b strings.Builder
	for _, s := range scores {
		b.WriteByte(byte('0' + s))
	}
	return b.String()
}

func (a *adversary) submit(s *advSub) {
	answers := make([]budaya.Answer, len(a.codes))
	for i, c := range a.codes {
		answers[i] = budaya.Answer{BehaviourCode: c, Score: s.scores[i]}
	}
	if _, err := a.ts.db.SubmitTask(ctx, s.rater, s.task, fmt.Sprintf("adv-%d", s.task), answers); err != nil {
		a.t.Fatalf("submit task %d (%s %s): %v", s.task, s.instrument, s.group, err)
	}
	s.done = true
}

// submitOne submits one open task of the period and instrument (and group).
func (a *adversary) submitOne(period int64, instrument, group string) {
	for _, s := range a.subs {
		if !s.done && s.period == period && s.instrument == instrument && (group == "" || s.group == group) {
			a.submit(s)
			return
		}
	}
}

func (a *adversary) close(period int64) {
	if err := a.ts.db.ClosePeriod(ctx, budaya.SystemActor("test"), period); err != nil {
		a.t.Fatalf("close period: %v", err)
	}
}

func (a *adversary) reopen(period int64) {
	if err := a.ts.db.ReopenPeriod(ctx, budaya.SystemActor("test"), period); err != nil {
		a.t.Fatalf("reopen period: %v", err)
	}
}

// released reads the answers stored for a period and instrument and maps
// each answer set to its submission by its marker.
func (a *adversary) released(period int64, instrument string) []advRow {
	t := a.t
	type resp struct {
		row    advRow
		scores map[string]int
	}
	byID := map[string]*resp{}
	var order []string
	err := a.ts.db.EachAnswer(ctx, period, instrument, func(r budaya.AnswerRecord) error {
		x := byID[r.ResponseID]
		if x == nil {
			x = &resp{row: advRow{unit: r.UnitID, ratee: r.RateeEmployeeID, group: r.RaterGroup}, scores: map[string]int{}}
			byID[r.ResponseID] = x
			order = append(order, r.ResponseID)
		}
		x.scores[r.BehaviourCode] = r.Score
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []advRow
	for _, id := range order {
		x := byID[id]
		sc := make([]int, len(a.codes))
		for i, c := range a.codes {
			sc[i] = x.scores[c]
		}
		s, ok := a.marker[markerKey(sc)]
		if !ok {
			t.Fatalf("period %d %s: a stored answer set matches no submission of the test", period, instrument)
		}
		sub := a.subs[s]
		if sub.group != x.row.group || (sub.instrument == budaya.Instrument360 && sub.ratee != x.row.ratee) {
			t.Fatalf("period %d: stored answers of submission %d say group %s ratee %d, want %s %d", period, s, x.row.group, x.row.ratee, sub.group, sub.ratee)
		}
		x.row.sub = s
		out = append(out, x.row)
	}
	return out
}

// read recomputes the index as an admin would (refused for open periods by
// an engine that publishes no live figures) and has every role read
// everything it may.
func (a *adversary) read(label string) {
	a.readings++
	label = fmt.Sprintf("reading %d (%s)", a.readings, label)
	for _, p := range a.periods {
		if _, err := a.ts.db.RefreshIndex(ctx, budaya.SystemActor("test"), p.id); err != nil {
			var be *budaya.Error
			if !errors.As(err, &be) {
				a.t.Fatalf("refresh period %d: %v", p.id, err)
			}
		}
	}
	rows := map[string][]advRow{}
	for _, p := range a.periods {
		for _, in := range []string{budaya.InstrumentSurvey, budaya.Instrument360} {
			rows[blockKey(p.id, in)] = a.released(p.id, in)
		}
	}
	for _, r := range a.roles {
		a.readIndex(r, label, rows)
		a.readReports(r, label, rows)
	}
}

func blockKey(period int64, instrument string) string {
	return fmt.Sprintf("period %d %s", period, instrument)
}

// rowsWhere returns the submissions of rows that pass keep.
func rowsWhere(rows []advRow, keep func(advRow) bool) []int {
	var out []int
	for _, r := range rows {
		if keep(r) {
			out = append(out, r.sub)
		}
	}
	return out
}

// groupSubsets are the sets of 360 rater groups a unit figure may be made of.
func groupSubsets() [][]string {
	all := []string{budaya.GroupSelf, budaya.GroupAtasan, budaya.GroupPeer, budaya.GroupBawahan}
	var out [][]string
	for m := 15; m >= 1; m-- {
		var s []string
		for i, g := range all {
			if m&(1<<i) != 0 {
				s = append(s, g)
			}
		}
		out = append(out, s)
	}
	return out
}

func hasString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// shownPairs are the (ratee, group) pairs of peer and bawahan with at least 3 rows.
func shownPairs(rows []advRow) map[string]bool {
	n := map[string]int{}
	for _, r := range rows {
		n[fmt.Sprintf("%d/%s", r.ratee, r.group)]++
	}
	out := map[string]bool{}
	for k, v := range n {
		if v >= budaya.MinRaters360 {
			out[k] = true
		}
	}
	return out
}

// unitCandidates are the answer sets a figure of units may be made of.
func (a *adversary) unitCandidates(instrument string, rows []advRow, units map[int64]bool) [][]int {
	in := func(r advRow) bool { return units[r.unit] }
	if instrument == budaya.InstrumentSurvey {
		return [][]int{rowsWhere(rows, in)}
	}
	shown := shownPairs(rows)
	var out [][]int
	for _, gs := range groupSubsets() {
		for _, onlyShown := range []bool{false, true} {
			out = append(out, rowsWhere(rows, func(r advRow) bool {
				return in(r) && hasString(gs, r.group) && (!onlyShown || budaya.Attributed(r.group) || shown[fmt.Sprintf("%d/%s", r.ratee, r.group)])
			}))
		}
	}
	return out
}

type advIndexFigure struct {
	Code       string           `json:"code"`
	Score      *float64         `json:"score"`
	N          *int64           `json:"n"`
	Suppressed bool             `json:"suppressed"`
	Behaviours []advIndexFigure `json:"behaviours"`
}

type advIndexGroup struct {
	Unit *struct {
		ID int64 `json:"id"`
	} `json:"unit"`
	Scope      string           `json:"scope"`
	Suppressed bool             `json:"suppressed"`
	Overall    advIndexFigure   `json:"overall"`
	Values     []advIndexFigure `json:"values"`
}

type advIndex struct {
	advIndexGroup
	Parent   *advIndexGroup  `json:"parent"`
	Children []advIndexGroup `json:"children"`
}

// groupFigure turns one group of the index API into a figure.
func (a *adversary) groupFigure(desc, block string, g advIndexGroup, instrument string, rows []advRow, covered map[int64]bool) (advFigure, bool) {
	f := advFigure{desc: desc, block: block, tol: 0.0002}
	if g.Overall.Score == nil {
		return f, false
	}
	f.n = g.Overall.N
	f.parts = append(f.parts, advPart{codes: a.codes, mean: *g.Overall.Score})
	for i, v := range g.Values {
		if v.Score == nil || i >= len(a.layout.Values) {
			continue
		}
		var codes []string
		for _, b := range a.layout.Values[i].Behaviours {
			codes = append(codes, b.Code)
		}
		f.parts = append(f.parts, advPart{codes: codes, mean: *v.Score})
		for _, b := range v.Behaviours {
			if b.Score != nil {
				f.parts = append(f.parts, advPart{codes: []string{b.Code}, mean: *b.Score})
			}
		}
	}
	units := map[int64]bool{}
	switch {
	case g.Unit == nil:
		for u := range covered {
			units[u] = true
		}
	case g.Scope == "own":
		units[g.Unit.ID] = true
	default:
		for _, u := range a.subtree(g.Unit.ID) {
			units[u] = true
		}
	}
	f.candidates = a.unitCandidates(instrument, rows, units)
	if instrument == budaya.Instrument360 {
		f.nMode = "people"
	}
	return f, true
}

// readIndex reads the index API and the anonymous answer export of every
// cut the role may open.
func (a *adversary) readIndex(r advRole, label string, rows map[string][]advRow) {
	for _, p := range a.periods {
		ins := []string{}
		if p.survey {
			ins = append(ins, budaya.InstrumentSurvey)
		}
		if p.has360 {
			ins = append(ins, budaya.Instrument360)
		}
		for _, in := range ins {
			block := blockKey(p.id, in)
			cuts := []url.Values{{}}
			for _, u := range a.subtree(p.root) {
				for _, sc := range []string{"tree", "own"} {
					cuts = append(cuts, url.Values{"unit": {strconv.FormatInt(u, 10)}, "scope": {sc}})
				}
			}
			seesAll := false // the role reads the instansi cut, so the export of every row
			for _, q := range cuts {
				q.Set("period", strconv.FormatInt(p.id, 10))
				q.Set("instrument", in)
				path := "/api/v1/index?" + q.Encode()
				res, body := r.c.get(path)
				if res.StatusCode != http.StatusOK {
					continue
				}
				var out advIndex
				if err := json.Unmarshal([]byte(body), &out); err != nil {
					a.t.Fatalf("%s: %v", path, err)
				}
				desc := fmt.Sprintf("%s, %s read GET %s", label, r.name, path)
				if f, ok := a.groupFigure(desc, block, out.advIndexGroup, in, rows[block], p.covered); ok {
					a.add(r.name, f)
				}
				if out.Parent != nil {
					if f, ok := a.groupFigure(desc+" (parent row)", block, *out.Parent, in, rows[block], p.covered); ok {
						a.add(r.name, f)
					}
				}
				for i, ch := range out.Children {
					if f, ok := a.groupFigure(fmt.Sprintf("%s (child row %d)", desc, i), block, ch, in, rows[block], p.covered); ok {
						a.add(r.name, f)
					}
				}
				if q.Get("unit") == "" {
					seesAll = out.Unit == nil
				}
				// The exports of a unit's cut hold the same rows and figures as
				// the instansi's and the API: read them where the role cannot
				// read the instansi (keeps the test within a minute or two).
				if !seesAll || q.Get("unit") == "" {
					a.readAnswers(r, label, block, q, rows[block])
					a.readValuesExport(r, label, block, q, in, rows[block], p.covered)
				}
				if p.id == a.periods[len(a.periods)-1].id {
					a.readTrend(r, label, q, in, rows) // every period at once
				}
			}
			for level := 1; level <= 4; level++ {
				q := url.Values{"period": {strconv.FormatInt(p.id, 10)}, "instrument": {in}, "level": {strconv.Itoa(level)}}
				path := "/api/v1/heatmap?" + q.Encode()
				res, body := r.c.get(path)
				if res.StatusCode != http.StatusOK {
					continue
				}
				var out struct {
					Items []advIndexGroup `json:"items"`
				}
				if err := json.Unmarshal([]byte(body), &out); err != nil {
					a.t.Fatalf("%s: %v", path, err)
				}
				for i, g := range out.Items {
					if f, ok := a.groupFigure(fmt.Sprintf("%s, %s read GET %s (row %d)", label, r.name, path, i), block, g, in, rows[block], p.covered); ok {
						a.add(r.name, f)
					}
				}
			}
		}
	}
}

// readTrend reads the trend of a cut: the overall figure of its group in
// every period that has one.
func (a *adversary) readTrend(r advRole, label string, q url.Values, in string, rows map[string][]advRow) {
	q2 := url.Values{"instrument": {in}}
	for _, k := range []string{"period", "unit", "scope"} {
		if v := q.Get(k); v != "" {
			q2.Set(k, v)
		}
	}
	path := "/api/v1/index/trend?" + q2.Encode()
	res, body := r.c.get(path)
	if res.StatusCode != http.StatusOK {
		return
	}
	var out struct {
		Items []struct {
			Period struct {
				ID int64 `json:"id"`
			} `json:"period"`
			Score *float64 `json:"score"`
			N     *int64   `json:"n"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &out); err != nil {
		a.t.Fatalf("%s: %v", path, err)
	}
	for _, it := range out.Items {
		if it.Score == nil {
			continue
		}
		var p *advPeriod
		for i := range a.periods {
			if a.periods[i].id == it.Period.ID {
				p = &a.periods[i]
			}
		}
		if p == nil {
			continue
		}
		g := advIndexGroup{Scope: q.Get("scope"), Overall: advIndexFigure{Score: it.Score, N: it.N}}
		g.Unit = a.cutUnit(r, q)
		block := blockKey(p.id, in)
		if f, ok := a.groupFigure(fmt.Sprintf("%s, %s read GET %s (period %d)", label, r.name, path, p.id), block, g, in, rows[block], p.covered); ok {
			a.add(r.name, f)
		}
	}
}

// cutUnit is the unit a cut's query opens: the one asked for, else the
// instansi, or for a leader the unit they lead.
func (a *adversary) cutUnit(r advRole, q url.Values) *struct {
	ID int64 `json:"id"`
} {
	id, _ := strconv.ParseInt(q.Get("unit"), 10, 64)
	if id == 0 {
		id = r.leads
	}
	if id == 0 {
		return nil
	}
	return &struct {
		ID int64 `json:"id"`
	}{id}
}

// readValuesExport reads the CSV export of a cut's figures.
func (a *adversary) readValuesExport(r advRole, label, block string, q url.Values, in string, rows []advRow, covered map[int64]bool) {
	q2 := url.Values{"table": {"values"}, "format": {"csv"}}
	for k, v := range q {
		q2[k] = v
	}
	path := "/index/export?" + q2.Encode()
	res, body := r.c.get(path)
	if res.StatusCode != http.StatusOK {
		return
	}
	rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	rd.FieldsPerRecord = -1
	recs, err := rd.ReadAll()
	if err != nil || len(recs) == 0 {
		a.t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var g advIndexGroup
	g.Scope = q.Get("scope")
	g.Unit = a.cutUnit(r, q)
	byValue := map[string]int{}
	for _, rec := range recs[1:] {
		if len(rec) < len(recs[0]) || rec[col["score"]] == "" {
			continue
		}
		score, err := strconv.ParseFloat(rec[col["score"]], 64)
		if err != nil {
			continue
		}
		n, _ := strconv.ParseInt(rec[col["n"]], 10, 64)
		fig := advIndexFigure{Code: rec[col["code"]], Score: &score, N: &n}
		switch rec[col["kind"]] {
		case index.KindOverall:
			g.Overall = fig
		case index.KindValue:
			byValue[fig.Code] = len(g.Values)
			g.Values = append(g.Values, fig)
		case index.KindBehaviour:
			if i, ok := byValue[a.layout.ValueOf(fig.Code)]; ok {
				g.Values[i].Behaviours = append(g.Values[i].Behaviours, fig)
			}
		}
	}
	if len(g.Values) != len(a.layout.Values) {
		g.Values = nil // a partly hidden export: the overall figure is enough
	}
	if f, ok := a.groupFigure(fmt.Sprintf("%s, %s read GET %s", label, r.name, path), block, g, in, rows, covered); ok {
		a.add(r.name, f)
	}
}

// readAnswers reads the anonymous answer export of a cut: each label (unit,
// pool) is a set of whole answer rows.
func (a *adversary) readAnswers(r advRole, label, block string, q url.Values, rows []advRow) {
	q2 := url.Values{}
	for k, v := range q {
		q2[k] = v
	}
	q2.Set("format", "csv")
	path := "/index/answers?" + q2.Encode()
	res, body := r.c.get(path)
	if res.StatusCode != http.StatusOK {
		return
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
	if err != nil {
		// The method rows after the answers have other widths.
		rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
		rd.FieldsPerRecord = -1
		if recs, err = rd.ReadAll(); err != nil {
			a.t.Fatalf("%s: %v", path, err)
		}
	}
	if len(recs) == 0 {
		return
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	scores := map[string]map[string]int{}
	labelOf := map[string]string{}
	for _, rec := range recs[1:] {
		if len(rec) < len(recs[0]) {
			continue
		}
		if _, err := strconv.Atoi(rec[col["respondent"]]); err != nil {
			continue
		}
		resp := rec[col["respondent"]]
		if scores[resp] == nil {
			scores[resp] = map[string]int{}
		}
		sc, _ := strconv.Atoi(rec[col["score"]])
		scores[resp][rec[col["behaviour"]]] = sc
		labelOf[resp] = rec[col["unit_id"]] + "/" + rec[col["pool"]]
	}
	byLabel := map[string][]int{}
	for resp, m := range scores {
		sc := make([]int, len(a.codes))
		for i, c := range a.codes {
			sc[i] = m[c]
		}
		s, ok := a.marker[markerKey(sc)]
		if !ok {
			a.failf("%s, %s read GET %s: respondent %s has answers that no one gave", label, r.name, path, resp)
			continue
		}
		byLabel[labelOf[resp]] = append(byLabel[labelOf[resp]], s)
	}
	for l, subs := range byLabel {
		sort.Ints(subs)
		a.add(r.name, advFigure{desc: fmt.Sprintf("%s, %s read GET %s (rows labelled %s)", label, r.name, path, l), block: block, candidates: [][]int{subs}})
	}
}

type advReportGroup struct {
	Group      string   `json:"group"`
	N          int64    `json:"n"`
	Mean       *float64 `json:"mean"`
	Suppressed bool     `json:"suppressed"`
}

type advReport struct {
	Behaviours []struct {
		Code     string           `json:"code"`
		Groups   []advReportGroup `json:"groups"`
		Others   advReportGroup   `json:"others"`
		UnitMean *float64         `json:"unit_mean"`
	} `json:"behaviours"`
}

// readReports reads the individual 360 report of every employee the role may
// read, in every 360 period.
func (a *adversary) readReports(r advRole, label string, rows map[string][]advRow) {
	for _, p := range a.periods {
		if !p.has360 {
			continue
		}
		block := blockKey(p.id, budaya.Instrument360)
		rs := rows[block]
		for u := range p.covered {
			for _, e := range a.staff[u] {
				path := fmt.Sprintf("/api/v1/employees/%d/report?period=%d", e, p.id)
				res, body := r.c.get(path)
				if res.StatusCode != http.StatusOK {
					continue
				}
				var rep advReport
				if err := json.Unmarshal([]byte(body), &rep); err != nil {
					a.t.Fatalf("%s: %v", path, err)
				}
				desc := fmt.Sprintf("%s, %s read GET %s", label, r.name, path)
				groups := map[string]*advFigure{}
				unitMean := &advFigure{desc: desc + " (unit_mean)", block: block, tol: 1e-6}
				for _, b := range rep.Behaviours {
					for _, g := range append(b.Groups, b.Others) {
						if g.Mean == nil {
							continue
						}
						f := groups[g.Group]
						if f == nil {
							n := g.N
							f = &advFigure{desc: fmt.Sprintf("%s (group %s)", desc, g.Group), block: block, n: &n, tol: 1e-6}
							groups[g.Group] = f
						}
						f.parts = append(f.parts, advPart{codes: []string{b.Code}, mean: (*g.Mean - 1) * 25})
					}
					if b.UnitMean != nil {
						unitMean.parts = append(unitMean.parts, advPart{codes: []string{b.Code}, mean: (*b.UnitMean - 1) * 25})
					}
				}
				ratee := e
				for name, f := range groups {
					switch name {
					case "others":
						for _, gs := range groupSubsets() {
							f.candidates = append(f.candidates, rowsWhere(rs, func(x advRow) bool { return x.ratee == ratee && hasString(gs, x.group) }))
						}
					default:
						g := name
						f.candidates = [][]int{rowsWhere(rs, func(x advRow) bool { return x.ratee == ratee && x.group == g })}
					}
					a.add(r.name, *f)
				}
				if len(unitMean.parts) > 0 {
					unitMean.candidates = a.unitCandidates(budaya.Instrument360, rs, map[int64]bool{a.unitOf[e]: true})
					a.add(r.name, *unitMean)
				}
			}
		}
	}
}

// add matches a figure to the answer set it is made of and keeps it.
func (a *adversary) add(role string, f advFigure) {
	f.reading = a.readings
	if len(f.parts) == 0 { // a set of whole rows (the answer export)
		f.candidates = f.candidates[:1]
		a.figs[role] = append(a.figs[role], f)
		return
	}
	for _, c := range f.candidates {
		if a.matches(f, c) {
			f.candidates = [][]int{c}
			a.figs[role] = append(a.figs[role], f)
			a.checkN(f, c)
			return
		}
	}
	n := "none"
	if f.n != nil {
		n = strconv.FormatInt(*f.n, 10)
	}
	a.failf("%s: the figure (n=%s, first mean %.4f) is not the n and mean of any set of released answers it could come from", f.desc, n, f.parts[0].mean)
}

// matches checks, in exact arithmetic, that the figure's means are those of
// set c (within the rounding of what is shown) and that n counts it.
func (a *adversary) matches(f advFigure, c []int) bool {
	if len(c) == 0 {
		return false
	}
	pos := map[string]int{}
	for i, code := range a.codes {
		pos[code] = i
	}
	for _, p := range f.parts {
		sum := new(big.Rat)
		for _, s := range c {
			for _, code := range p.codes {
				sum.Add(sum, new(big.Rat).SetInt64(int64(a.subs[s].scores[pos[code]]-1)*25))
			}
		}
		sum.Quo(sum, new(big.Rat).SetInt64(int64(len(c)*len(p.codes))))
		exact, _ := sum.Float64()
		if math.Abs(exact-p.mean) > f.tol {
			return false
		}
	}
	return true
}

// checkN checks that n counts the figure's answer set: distinct people for
// the 360 figure of a unit (issue 13.2: not submissions), else submissions
// (one per person).
func (a *adversary) checkN(f advFigure, c []int) {
	if f.n == nil {
		return
	}
	people := map[int64]bool{}
	for _, s := range c {
		people[a.subs[s].rater] = true
	}
	want, what := int64(len(c)), "submissions"
	if f.nMode == "people" {
		want, what = int64(len(people)), "distinct people"
	}
	if *f.n != want {
		a.failf("%s: n = %d, but the figure holds %d submissions of %d people; n must count %s", f.desc, *f.n, len(c), len(people), what)
	}
}

// known reports whether the role knows a submission's answers anyway: the
// attributed groups (self, atasan) are readable as such. (Everyone also
// knows what they answered themselves, so a group of K that holds the reader
// gives them the sum of K-1 others: that is the K rule's known limit, and the
// promise is about groups of at least K, so the test does not subtract it.)
func (a *adversary) known(_ advRole, s *advSub) bool {
	return budaya.Attributed(s.group)
}

// attack searches the figures of one role for a combination that isolates
// fewer than K people.
func (a *adversary) attack(role string) {
	var r advRole
	for _, x := range a.roles {
		if x.name == role {
			r = x
		}
	}
	blocks := map[string][]advFigure{}
	for _, f := range a.figs[role] {
		blocks[f.block] = append(blocks[f.block], f)
	}
	names := make([]string, 0, len(blocks))
	for b := range blocks {
		names = append(names, b)
	}
	sort.Strings(names)
	for _, b := range names {
		a.attackBlock(r, b, blocks[b], 40)
	}
	// The same search on what one reading shows without the answer export
	// (the index, the trend, the exports of figures, the 360 reports), so
	// that an attack such as "a unit's 360 figure minus the reports of its
	// staff" is found even where an easier one exists.
	for i := 1; i <= a.readings; i++ {
		for _, b := range names {
			var figs []advFigure
			for _, f := range blocks[b] {
				if f.reading == i && !strings.Contains(f.desc, "/index/answers?") {
					figs = append(figs, f)
				}
			}
			a.attackBlock(r, fmt.Sprintf("%s, reading %d alone, without the answer export", b, i), figs, 10)
		}
	}
}

func (a *adversary) kOf(s *advSub) int {
	if s.instrument == budaya.Instrument360 {
		return budaya.MinRaters360
	}
	for _, p := range a.periods {
		if p.id == s.period {
			return p.k
		}
	}
	return index.DefaultK
}

func (a *adversary) attackBlock(r advRole, block string, figs []advFigure, orders int) {
	// Columns: the submissions the role does not know; rows: distinct sets.
	colOf := map[int]int{}
	var cols []int
	seen := map[string]int{}
	var rows [][]int
	var descs []string
	for _, f := range figs {
		var set []int
		for _, s := range f.candidates[0] {
			if a.known(r, a.subs[s]) {
				continue
			}
			if _, ok := colOf[s]; !ok {
				colOf[s] = len(cols)
				cols = append(cols, s)
			}
			set = append(set, colOf[s])
		}
		sort.Ints(set)
		if len(set) == 0 {
			continue
		}
		key := fmt.Sprint(set)
		if _, ok := seen[key]; ok {
			continue
		}
		seen[key] = len(rows)
		rows = append(rows, set)
		descs = append(descs, f.desc)
	}
	if len(rows) == 0 {
		return
	}
	k := 0
	for _, s := range cols {
		if kk := a.kOf(a.subs[s]); kk > k {
			k = kk
		}
	}
	people := func(support []int) map[int64]bool {
		p := map[int64]bool{}
		for _, c := range support {
			p[a.subs[cols[c]].rater] = true
		}
		return p
	}
	report := func(how string, support []int) {
		var who []string
		for _, c := range support {
			s := a.subs[cols[c]]
			who = append(who, fmt.Sprintf("employee %d (%s of %d)", s.rater, s.group, s.ratee))
		}
		a.failf("%s can isolate %d submission(s) of %d person(s) in %s (K = %d): %s\n  isolated: %s", r.name, len(support), len(people(support)), block, k, how, strings.Join(who, ", "))
	}
	leaks := func(support []int) bool {
		n := len(people(support))
		return n > 0 && n < k
	}
	// Single figures and differences of two figures.
	// One finding of each kind per block is enough to explain it.
	found := false
	for i, row := range rows {
		if leaks(row) {
			report("the figure alone: "+descs[i], row)
			found = true
			break
		}
	}
differences:
	for i := range rows {
		for j := range rows {
			if i == j {
				continue
			}
			if d := setMinus(rows[i], rows[j]); len(d) > 0 && subset(rows[j], rows[i]) && leaks(d) && !leaks(rows[i]) && !leaks(rows[j]) {
				report(fmt.Sprintf("%s\n  minus %s", descs[i], descs[j]), d)
				found = true
				break differences
			}
		}
	}
	// Reduced row echelon forms under random column orders: their rows are
	// combinations with small supports. When a figure already leaks alone,
	// it is set aside, so that the search shows a combination of figures
	// that are each safe (a unit's 360 figure minus the reports of its
	// staff, say) rather than the same leak again.
	if found {
		var safe [][]int
		var safeDescs []string
		for i, row := range rows {
			if !leaks(row) {
				safe = append(safe, row)
				safeDescs = append(safeDescs, descs[i])
			}
		}
		rows, descs = safe, safeDescs
		if len(rows) == 0 {
			return
		}
	}
	m := make([][]*big.Rat, len(rows))
	for i, row := range rows {
		m[i] = make([]*big.Rat, len(cols))
		for j := range cols {
			m[i][j] = new(big.Rat)
		}
		for _, c := range row {
			m[i][c].SetInt64(1)
		}
	}
	for try := 0; try < orders; try++ {
		order := a.rng.Perm(len(cols))
		if try == 0 {
			for i := range order {
				order[i] = i
			}
		}
		basis := rref(m, order)
		for _, v := range basis {
			if sup := support(v); leaks(sup) {
				report(combination(m, v, descs), sup)
				return
			}
		}
		for i := range basis {
			for j := i + 1; j < len(basis); j++ {
				d := make([]*big.Rat, len(cols))
				for c := range d {
					d[c] = new(big.Rat).Sub(basis[i][c], basis[j][c])
				}
				if sup := support(d); leaks(sup) {
					report(combination(m, d, descs), sup)
					return
				}
			}
		}
	}
}

func setMinus(a, b []int) []int {
	in := map[int]bool{}
	for _, x := range b {
		in[x] = true
	}
	var out []int
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}

func subset(a, b []int) bool { return len(setMinus(a, b)) == 0 }

func support(v []*big.Rat) []int {
	var out []int
	for i, x := range v {
		if x.Sign() != 0 {
			out = append(out, i)
		}
	}
	return out
}

// rref returns the nonzero rows of the reduced row echelon form of m with
// the columns taken in the given order.
func rref(m [][]*big.Rat, order []int) [][]*big.Rat {
	a := make([][]*big.Rat, len(m))
	for i := range m {
		a[i] = make([]*big.Rat, len(m[i]))
		for j := range m[i] {
			a[i][j] = new(big.Rat).Set(m[i][j])
		}
	}
	r := 0
	for _, c := range order {
		p := -1
		for i := r; i < len(a); i++ {
			if a[i][c].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		a[r], a[p] = a[p], a[r]
		inv := new(big.Rat).Inv(a[r][c])
		for j := range a[r] {
			a[r][j].Mul(a[r][j], inv)
		}
		for i := range a {
			if i == r || a[i][c].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(a[i][c])
			for j := range a[i] {
				if a[r][j].Sign() != 0 {
					a[i][j].Sub(a[i][j], new(big.Rat).Mul(f, a[r][j]))
				}
			}
		}
		r++
		if r == len(a) {
			break
		}
	}
	return a[:r]
}

// combination writes v as a combination of the rows of m (the figures read),
// for the failure message.
func combination(m [][]*big.Rat, v []*big.Rat, descs []string) string {
	// Solve xᵀm = v by elimination on [mᵀ | v].
	rows, cols := len(m[0]), len(m)
	aug := make([][]*big.Rat, rows)
	for i := 0; i < rows; i++ {
		aug[i] = make([]*big.Rat, cols+1)
		for j := 0; j < cols; j++ {
			aug[i][j] = new(big.Rat).Set(m[j][i])
		}
		aug[i][cols] = new(big.Rat).Set(v[i])
	}
	order := make([]int, cols)
	for i := range order {
		order[i] = i
	}
	red := rref(aug, order)
	x := make([]*big.Rat, cols)
	for i := range x {
		x[i] = new(big.Rat)
	}
	for _, row := range red {
		for j := 0; j < cols; j++ {
			if row[j].Sign() != 0 {
				x[j].Set(row[cols])
				break
			}
		}
	}
	var terms []string
	for j, c := range x {
		if c.Sign() != 0 {
			terms = append(terms, fmt.Sprintf("%s × [%s]", c.RatString(), descs[j]))
		}
	}
	if len(terms) > 8 {
		terms = append(terms[:8], fmt.Sprintf("… (%d more figures)", len(terms)-8))
	}
	return "the combination\n    " + strings.Join(terms, "\n  + ")
}
