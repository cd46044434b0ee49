package store_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// fixtureUnit is a unit of a test tree with the survey scores of its own staff:
// one []int of 21 scores (layout order) per respondent.
type fixtureUnit struct {
	code, level string
	parent      int // index into the fixture slice, -1 for a top unit
	responses   [][]int
}

// seedIndexPeriod creates the units, a period with K, its snapshot and the
// answers, and returns the period id and the unit ids.
func seedIndexPeriod(t *testing.T, db *store.DB, k int, units []fixtureUnit) (int64, []int64) {
	t.Helper()
	actor := budaya.SystemActor("test")
	ids := make([]int64, len(units))
	created := make([]*budaya.Unit, len(units))
	for i, u := range units {
		var parent int64
		if u.parent >= 0 {
			parent = ids[u.parent]
		}
		cu, err := db.CreateUnit(ctx, actor, budaya.Unit{Code: u.code, Name: "Unit " + u.code, Level: u.level, ParentID: parent})
		if err != nil {
			t.Fatalf("create unit %s: %v", u.code, err)
		}
		ids[i], created[i] = cu.ID, cu
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	name := fmt.Sprintf("Survei %d", time.Now().UnixNano())
	if err := db.ExecForTest(ctx, `INSERT INTO measurement_periods (name, starts_at, ends_at, framework_id, has_survey, has_360, min_group, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'closed', ?, ?)`, name, now, now.AddDate(0, 1, 0), f.ID, true, false, k, now, now); err != nil {
		t.Fatal(err)
	}
	periods, err := db.ListIndexPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var pid int64
	for _, p := range periods {
		if p.Name == name {
			pid = p.ID
		}
	}
	layout, err := index.NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	codes := layout.Behaviours()
	var rs []store.ImportedResponse
	for i, u := range created {
		if err := db.ExecForTest(ctx, `INSERT INTO snapshot_units (period_id, unit_id, parent_unit_id, code, name, level, path, depth) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			pid, u.ID, nullable(u.ParentID), u.Code, u.Name, u.Level, u.Path, u.Depth); err != nil {
			t.Fatal(err)
		}
		for _, scores := range units[i].responses {
			m := map[string]int{}
			for j, s := range scores {
				if s > 0 {
					m[codes[j]] = s
				}
			}
			rs = append(rs, store.ImportedResponse{Instrument: budaya.InstrumentSurvey, RaterGroup: "member", UnitID: u.ID, Scores: m})
		}
	}
	if err := db.ImportResponses(ctx, actor, pid, rs); err != nil {
		t.Fatal(err)
	}
	return pid, ids
}

func nullable(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// same returns n respondents who all answer s (or a pattern varying by respondent).
func same(n int, pattern func(r, b int) int) [][]int {
	out := make([][]int, n)
	for r := range out {
		out[r] = make([]int, 21)
		for b := range out[r] {
			out[r][b] = pattern(r, b)
		}
	}
	return out
}

func varied(r, b int) int { return 1 + (r*7+b*3+r*b)%5 }

func TestRefreshIndexSuppression(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	// The case: a unit of 4 under a parent of 9 (5 own staff), K = 5.
	pid, ids := seedIndexPeriod(t, db, 5, []fixtureUnit{
		{code: "P", level: budaya.LevelEselon1, parent: -1, responses: same(5, varied)},
		{code: "C", level: budaya.LevelEselon2, parent: 0, responses: same(4, func(r, b int) int { return 5 })},
	})
	ref, err := db.RefreshIndex(ctx, budaya.SystemActor("test"), pid)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Responses != 9 || ref.K != 5 || ref.Version != 1 {
		t.Errorf("refresh: got %+v, want 9 responses, K 5, version 1", ref)
	}
	groups, err := db.IndexGroups(ctx, pid, budaya.InstrumentSurvey, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key        index.GroupKey
		n          int64
		suppressed bool
	}{
		{index.GroupKey{Unit: 0, Scope: index.Tree}, 9, false},
		{index.GroupKey{Unit: ids[0], Scope: index.Tree}, 9, false},
		// The release merged C's 4 answers into P's bucket (4 < K): P keeps
		// its own figure, C has none of its own, nothing needs hiding.
		{index.GroupKey{Unit: ids[0], Scope: index.Own}, 9, false},
		{index.GroupKey{Unit: ids[1], Scope: index.Tree}, 0, false},
		{index.GroupKey{Unit: ids[1], Scope: index.Own}, 0, false},
	}
	for _, tt := range tests {
		g := groups[tt.key]
		if g.Respondents != tt.n || g.Suppressed != tt.suppressed {
			t.Errorf("group %v: got n=%d suppressed=%v, want n=%d suppressed=%v", tt.key, g.Respondents, g.Suppressed, tt.n, tt.suppressed)
		}
	}

	// The export shows every row under P, none under C: C's answers were released into P's bucket.
	var rows, pooled int
	respondents := map[int64]bool{}
	err = db.EachExportAnswer(ctx, pid, budaya.InstrumentSurvey, store.AnswerCut{}, func(a store.ExportAnswer) error {
		rows++
		respondents[a.Respondent] = true
		if a.UnitID != ids[0] {
			t.Errorf("export row under unit %d, want only the pool of %d", a.UnitID, ids[0])
		}
		if a.Pool {
			pooled++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != 9*21 || pooled != 0 || len(respondents) != 9 {
		t.Errorf("export: got %d rows, %d pooled, %d respondents, want %d, 0, 9", rows, pooled, len(respondents), 9*21)
	}
}

func TestIndexSumsMatchDirectComputation(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	a := same(6, varied)
	b := same(7, func(r, x int) int { return 1 + (r+x)%5 })
	pid, ids := seedIndexPeriod(t, db, 5, []fixtureUnit{
		{code: "P", level: budaya.LevelEselon1, parent: -1, responses: a},
		{code: "C", level: budaya.LevelEselon2, parent: 0, responses: b},
	})
	if _, err := db.RefreshIndex(ctx, budaya.SystemActor("test"), pid); err != nil {
		t.Fatal(err)
	}
	p, err := db.FindIndexPeriod(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	l, err := db.IndexLayout(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := db.IndexSums(ctx, pid, budaya.InstrumentSurvey, l, []index.GroupKey{{Unit: ids[0], Scope: index.Tree}, {Unit: ids[1], Scope: index.Own}})
	if err != nil {
		t.Fatal(err)
	}
	direct := index.NewGroup(l)
	for _, r := range append(append([][]int{}, a...), b...) {
		direct.AddResponse(r)
	}
	o, _ := budaya.LoadOfficial()
	bands := index.NewBands(o)
	got, want := index.Compute(l, sums[index.GroupKey{Unit: ids[0], Scope: index.Tree}], bands, false), index.Compute(l, direct, bands, false)
	if got.Overall.N != 13 || math.Abs(got.Overall.Score-want.Overall.Score) > 1e-9 || math.Abs(got.Overall.CILow-want.Overall.CILow) > 1e-9 {
		t.Errorf("tree of P: got %+v, want %+v", got.Overall, want.Overall)
	}
	for v := range want.Values {
		if math.Abs(got.Values[v].Alpha-want.Values[v].Alpha) > 1e-9 || math.Abs(got.Values[v].Score-want.Values[v].Score) > 1e-9 {
			t.Errorf("value %s: got %v alpha %v, want %v alpha %v", want.Values[v].Code, got.Values[v].Score, got.Values[v].Alpha, want.Values[v].Score, want.Values[v].Alpha)
		}
	}
	if c := sums[index.GroupKey{Unit: ids[1], Scope: index.Own}]; c == nil || c.Respondents() != 7 {
		t.Errorf("own of C: got %v, want 7 respondents", c)
	}
	// A second refresh replaces, never adds.
	if _, err := db.RefreshIndex(ctx, budaya.SystemActor("test"), pid); err != nil {
		t.Fatal(err)
	}
	again, err := db.IndexGroups(ctx, pid, budaya.InstrumentSurvey, []int64{0})
	if err != nil {
		t.Fatal(err)
	}
	if g := again[index.GroupKey{Unit: 0, Scope: index.Tree}]; g.Respondents != 13 {
		t.Errorf("instansi after second refresh: got n=%d, want 13", g.Respondents)
	}
}

func TestImportResponsesRefusesAttributedGroups(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	err := db.ImportResponses(ctx, budaya.SystemActor("test"), 1, []store.ImportedResponse{{Instrument: budaya.Instrument360, RaterGroup: "self", Scores: map[string]int{"BP1": 3}}})
	if budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("import of a self rating: got %v, want invalid", err)
	}
}

// migratedTo opens a database migrated up to version only, with the
// official framework and one unit (returned), for a test of a later
// migration.
func migratedTo(t *testing.T, version int) (*store.DB, int64) {
	t.Helper()
	db, err := store.Open(ctx, storetest.DSN(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.MigrateToForTest(ctx, version); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	var unit int64
	if err := db.WriteOrg(ctx, sys, func(ow *store.OrgWriter) error {
		u, err := ow.CreateUnit(budaya.Unit{Code: "R", Name: "Kementerian", Level: budaya.LevelEselon1})
		unit = u.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return db, unit
}

// TestAnswersSurviveTheKeyChange builds a database as release 8 left it,
// stores answers in it, and upgrades: migration 9 re-keys the answers by
// period and must keep every one of them.
func TestAnswersSurviveTheKeyChange(t *testing.T) {
	t.Parallel()
	db, unit := migratedTo(t, 8)
	actor := budaya.SystemActor("test")
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: "Survei", StartsAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		EndsAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), FrameworkID: f.ID, HasSurvey: true, MinGroup: 3, UnitIDs: []int64{unit}})
	if err != nil {
		t.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	// Answers as release 8 stored them (straight into measurement_answers).
	for i := 0; i < 4; i++ {
		for j, c := range l.Behaviours() {
			if err := db.ExecForTest(ctx, `INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, rater_group, score)
				VALUES (?, ?, ?, 'survey', ?, 'member', ?)`, fmt.Sprintf("r%032d", i), c, p.ID, unit, 1+(i+j)%5); err != nil {
				t.Fatal(err)
			}
		}
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) == 0 || applied[0] != "0009_answers_by_period.sql" {
		t.Fatalf("upgrade applied %v, want 0009_answers_by_period.sql first", applied)
	}
	ip, err := db.FindIndexPeriod(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	groups, responses, err := db.ComputeIndex(ctx, ip, l)
	if err != nil {
		t.Fatal(err)
	}
	if responses != 4 {
		t.Errorf("responses after the upgrade: got %d, want 4", responses)
	}
	g := groups[budaya.InstrumentSurvey][unit]
	if g == nil {
		t.Fatal("no survey group for the unit after the upgrade")
	}
	for i, m := range g.Behaviours {
		if m.N != 4 {
			t.Errorf("behaviour %s: got %d answers, want 4", l.Behaviours()[i], m.N)
		}
	}
}
