package store_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestIncrementalSumsEqualFullRecompute is issue 18.2: the sums kept at each
// release (and at each atasan submission) must be exactly the sums a full
// recomputation from the answers gives, after every close, over reopens, and
// the figures published from either must be identical, bit for bit. Random
// data (BUDAYA_SUMS_SEED repeats a run): a random K, units of random size
// (one small unit under another, so buckets merge), survey and 360 with peers
// who cannot rate some behaviours, three rounds of random submissions with a
// close after each.
func TestIncrementalSumsEqualFullRecompute(t *testing.T) {
	t.Parallel()
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("BUDAYA_SUMS_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("seed %d (BUDAYA_SUMS_SEED=%d repeats it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 18))
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 3, 5+rng.IntN(3)) // 5 or more: peer groups of 3 exist
	small := 1 + rng.IntN(3)                          // a unit under K: its bucket merges into its parent's
	if err := db.WriteOrg(ctx, sys, func(w *store.OrgWriter) error {
		u, err := w.CreateUnit(budaya.Unit{Code: "KECIL", Name: "Seksi kecil", Level: budaya.LevelEselon3, ParentID: org.Units[0]})
		if err != nil {
			return err
		}
		staff := make([]budaya.Employee, small)
		for i := range staff {
			staff[i] = budaya.Employee{NIP: storetest.NIP(800000 + i), Name: fmt.Sprintf("Staf kecil %d", i), UnitID: u.ID, SupervisorID: org.Leaders[0], Position: "Analis"}
		}
		_, err = w.CreateEmployees(staff)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	codes := f.BehaviourCodes()
	k := 3 + rng.IntN(3)
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Acak", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, MinGroup: k, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	var tasks []budaya.Task
	for page := 1; ; page++ {
		ts, total, err := db.ListTasks(ctx, budaya.TaskFilter{PeriodID: p.ID, Page: page, PerPage: 500})
		if err != nil {
			t.Fatal(err)
		}
		tasks = append(tasks, ts...)
		if len(ts) == 0 || len(tasks) >= total {
			break
		}
	}
	rng.Shuffle(len(tasks), func(i, j int) { tasks[i], tasks[j] = tasks[j], tasks[i] })
	answersFor := func(group string) []budaya.Answer {
		out := make([]budaya.Answer, len(codes))
		declined := 0
		for i, c := range codes {
			s := 1 + rng.IntN(5)
			if group == budaya.GroupPeer && rng.IntN(4) == 0 && declined < len(codes)-1 {
				s = budaya.CannotRate
				declined++
			}
			out[i] = budaya.Answer{BehaviourCode: c, Score: s}
		}
		return out
	}
	next := 0
	for round := 0; round < 3; round++ {
		if round > 0 {
			if err := db.ReopenPeriod(ctx, sys, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		n := next + rng.IntN(len(tasks)-next+1)
		if round == 2 {
			n = len(tasks)
		}
		var subs []store.Submission
		for _, tk := range tasks[next:n] {
			subs = append(subs, store.Submission{EmployeeID: tk.RaterEmployeeID, TaskID: tk.ID, Answers: answersFor(tk.RaterGroup)})
		}
		next = n
		if err := db.SubmitMany(ctx, subs); err != nil {
			t.Fatal(err)
		}
		if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.VerifyIndexSums(ctx, p.ID); err != nil {
			t.Errorf("round %d (%d of %d tasks submitted, K = %d): %v", round, next, len(tasks), k, err)
		}
	}
	released, _ := db.IntForTest(ctx, `SELECT COUNT(DISTINCT response_id) FROM measurement_answers WHERE period_id = ? AND rater_group <> 'self'`, p.ID)
	peers, _ := db.IntForTest(ctx, `SELECT COUNT(DISTINCT response_id) FROM measurement_answers WHERE period_id = ? AND rater_group = 'peer'`, p.ID)
	t.Logf("released %d, peers %d", released, peers)
	if released == 0 || peers == 0 {
		t.Fatal("no survey or no peer answer released: the check compared too little")
	}

	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	incremental := publishedFigures(t, db, p.ID)
	if err := db.RebuildIndexSums(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	full := publishedFigures(t, db, p.ID)
	if len(incremental) == 0 || len(incremental) != len(full) {
		t.Fatalf("published rows: %d from the kept sums, %d from the answers", len(incremental), len(full))
	}
	for i := range full {
		if incremental[i] != full[i] {
			t.Errorf("published figure differs:\n kept sums: %s\n answers:   %s", incremental[i], full[i])
		}
	}

	// A period closed before migration 0019: no index_units. Publishing
	// keeps them first, from the tasks, releases and atasan submissions.
	if err := db.ExecForTest(ctx, `DELETE FROM index_units WHERE period_id = ?`, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if kept := publishedFigures(t, db, p.ID); !slices.Equal(kept, full) {
		t.Errorf("figures of a period closed before index_units: %d rows, differ from the %d of the answers", len(kept), len(full))
	}

	// A period from before migration 0015: released answers, no sums, on
	// the rebuild list. Publishing rebuilds them first and takes it off.
	for _, q := range []string{`DELETE FROM index_sums WHERE period_id = ?`, `DELETE FROM index_atasan_responses WHERE period_id = ?`, `DELETE FROM index_units WHERE period_id = ?`,
		`INSERT INTO index_sums_rebuild (period_id) VALUES (?)`} {
		if err := db.ExecForTest(ctx, q, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if legacy := publishedFigures(t, db, p.ID); !slices.Equal(legacy, full) {
		t.Errorf("figures of a period from before the kept sums: %d rows, differ from the %d of the answers", len(legacy), len(full))
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_sums_rebuild`); n != 0 {
		t.Errorf("rebuild list after publishing: %d periods, want 0", n)
	}
}

// publishedFigures returns every row of the period's published figures and
// groups and of what the close kept for them (index_units), as text, sorted.
func publishedFigures(t *testing.T, db *store.DB, periodID int64) []string {
	t.Helper()
	var out []string
	for _, table := range []string{"index_groups", "index_figures", "index_units"} {
		if err := db.EachRow(ctx, table, func(vals []any) error {
			if fmt.Sprint(vals[0]) == strconv.FormatInt(periodID, 10) {
				out = append(out, table+fmt.Sprint(vals))
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(out)
	return out
}

// Migration 19 stores a published group's figures as one row of exact sums
// (index_figures) instead of 29 rows of sums of points (index_aggregates),
// which cannot be turned back into exact sums. A period published before the
// upgrade loses its old figures and gets the recomputation job a close
// queues, with the payload the job runner reads; publishing it again works.
func TestFiguresRepublishedAfterMigration19(t *testing.T) {
	t.Parallel()
	db, unit := migratedTo(t, 18)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var ids []int64
	for _, name := range []string{"Survei 2025", "Survei 2026"} {
		p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: name, StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
			FrameworkID: f.ID, HasSurvey: true, MinGroup: 3, UnitIDs: []int64{unit}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	published := ids[1] // the other was never published: no job for it
	for _, q := range []string{
		`UPDATE measurement_periods SET status = 'closed' WHERE id = ?`,
		`INSERT INTO index_refreshes (period_id, version, k, responses, computed_at, computed_by) VALUES (?, 1, 3, 5, '2026-04-02 10:00:00', 'admin')`,
		`INSERT INTO index_groups (period_id, instrument, unit_id, scope, respondents, suppressed) VALUES (?, 'survey', 1, 'own', 5, false)`,
		`INSERT INTO index_aggregates (period_id, instrument, unit_id, scope, code, kind, n, sum_p, sumsq_p) VALUES (?, 'survey', 1, 'own', 'overall', 'overall', 5, 300, 20000)`,
	} {
		if err := db.ExecForTest(ctx, q, published); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM index_groups`); n != 0 {
		t.Errorf("%d groups of the old figures left", n)
	}
	if ref, err := db.FindIndexRefresh(ctx, published); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("refresh of the old figures after the upgrade: %+v, %v; want none", ref, err)
	}
	if err := db.ExecForTest(ctx, `SELECT COUNT(*) FROM index_aggregates`); err == nil {
		t.Error("index_aggregates is still there")
	}
	payload := fmt.Sprintf(`{"period_id":%d}`, published)
	j, err := db.LatestJob(ctx, "index.refresh", payload)
	if err != nil {
		t.Fatalf("no recomputation job for the published period: %v", err)
	}
	if j.Status != "queued" || j.CreatedAt.IsZero() || time.Since(j.CreatedAt) > time.Hour || time.Since(j.CreatedAt) < -time.Hour {
		t.Errorf("job after the upgrade: %+v", j)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM jobs`); n != 1 {
		t.Errorf("%d jobs queued, want 1 (one period had figures)", n)
	}
	if _, err := db.RefreshIndex(ctx, sys, published); err != nil {
		t.Fatal(err)
	}
	if ref, err := db.FindIndexRefresh(ctx, published); err != nil || ref == nil {
		t.Errorf("after publishing again: %+v, %v", ref, err)
	}
}
