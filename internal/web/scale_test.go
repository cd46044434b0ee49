package web_test

// The life of one measurement period of the whole demo instansi, at the size
// of the largest instansi (issue 18, part 3): the demo organisation, opening
// the period (task generation against a bulk insert of the same rows),
// answering, closing, the dashboards, the exports, and the anonymity of
// every survey figure an admin can read, checked against what the test
// submitted. The regular suite runs it at a small size so that the code path
// cannot rot; BUDAYA_SCALE_EMPLOYEES=250000 runs it at full size (see
// docs/operations.md, "The largest instansi", for the command and figures).

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/webtest"
	"github.com/xuri/excelize/v2"
)

// scaleConfig is the size of a scale run and the goals it checks.
type scaleConfig struct {
	employees   int
	big         bool    // BUDAYA_SCALE_EMPLOYEES was given: timing goals are checked
	surveyShare float64 // of survey tasks answered
	share360    float64 // of 360 tasks answered
	cuts        int     // unit cuts (tree and own) read for the anonymity check; 0 all
}

func scaleConfigFromEnv() scaleConfig {
	c := scaleConfig{employees: 300, surveyShare: 0.7, share360: 0.5}
	if v, err := strconv.Atoi(os.Getenv("BUDAYA_SCALE_EMPLOYEES")); err == nil && v > 0 {
		c.employees, c.big = v, true
	}
	if v, err := strconv.ParseFloat(os.Getenv("BUDAYA_SCALE_360_SHARE"), 64); err == nil && v >= 0 && v <= 1 {
		c.share360 = v
	}
	if v, err := strconv.Atoi(os.Getenv("BUDAYA_SCALE_CUTS")); err == nil && v >= 0 {
		c.cuts = v
	}
	return c
}

// scaleRun carries what the steps of TestScale share.
type scaleRun struct {
	t      *testing.T
	cfg    scaleConfig
	db     *store.DB
	raw    *sql.DB // the same database, for the baseline and the ground truth
	ts     *testServer
	admin  *client
	period *budaya.Period
	k      int
	report []string
}

func (r *scaleRun) logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	r.report = append(r.report, line)
	r.t.Log(line)
}

// TestScale runs one period of the whole demo instansi end to end and
// measures each step. Not parallel when BUDAYA_SCALE_EMPLOYEES is set: it
// times what the machine can do.
func TestScale(t *testing.T) {
	cfg := scaleConfigFromEnv()
	if !cfg.big {
		t.Parallel()
	}
	ctx := context.Background()
	r := &scaleRun{t: t, cfg: cfg, k: 5}
	load, _ := os.ReadFile("/proc/loadavg")
	r.logf("scale run: %d employees, %s, load average at start %s", cfg.employees, dialectName(), strings.TrimSpace(string(load)))

	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: filepath.Join(t.TempDir(), "ballot.key")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	r.db = db
	driver, rawDSN := "sqlite", "file:"+dsn+"?_pragma=busy_timeout(60000)"
	if store.IsPostgres(dsn) {
		driver, rawDSN = "pgx", dsn
	}
	if r.raw, err = sql.Open(driver, rawDSN); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.raw.Close() })

	t0 := time.Now()
	if err := demo.Seed(ctx, db, demo.Options{Employees: cfg.employees, Until: "organisation", Now: time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	r.logf("demo organisation: %v", time.Since(t0).Round(time.Millisecond))
	w := webtest.NewServer(t, webtest.Options{DB: db})
	r.ts = &testServer{Server: w.Server, db: w.DB, srv: w.Web}
	if _, err := db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: "scale-admin", Password: testPassword,
		Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}); err != nil {
		t.Fatal(err)
	}
	r.admin = r.ts.login(t, "scale-admin")

	r.open(ctx)
	subs := r.answer(ctx)
	r.close(ctx)
	r.dashboards()
	r.exports()
	r.anonymity(ctx, subs)
	load, _ = os.ReadFile("/proc/loadavg")
	r.logf("load average at end %s", strings.TrimSpace(string(load)))
	if out := os.Getenv("BUDAYA_SCALE_REPORT"); out != "" {
		if err := os.WriteFile(out, []byte(strings.Join(r.report, "\n")+"\n"), 0o644); err != nil {
			t.Error(err)
		}
	}
}

func dialectName() string {
	if os.Getenv("BUDAYA_TEST_PG") != "" {
		return "PostgreSQL"
	}
	return "SQLite"
}

// open opens a period over every eselon I unit (survey and 360 with 3 peers)
// and compares task generation with a bulk insert of the very rows it made.
func (r *scaleRun) open(ctx context.Context) {
	t, db := r.t, r.db
	actor := budaya.SystemActor("test")
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	roots, _, err := db.ListUnits(ctx, budaya.UnitFilter{Roots: true})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, u := range roots {
		ids = append(ids, u.ID)
	}
	start := time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: "Survei Budaya dan 360 2026", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, MinGroup: r.k, UnitIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	if _, err := db.OpenPeriod(ctx, actor, p.ID); err != nil {
		t.Fatal(err)
	}
	snapshot := time.Since(t0)
	t0 = time.Now()
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	generate := time.Since(t0)
	if r.period, err = db.FindPeriod(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	tasks := r.period.TasksTotal
	if tasks < 4*r.cfg.employees {
		t.Fatalf("tasks: got %d for %d employees, want at least survey, self, atasan and peers for most", tasks, r.cfg.employees)
	}

	// The baseline: the same rows, already derived, inserted in bulk by one
	// INSERT ... SELECT into a draft period of the same table and indexes.
	other, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: "Baseline", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, MinGroup: r.k, UnitIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	t0 = time.Now()
	res, err := r.raw.ExecContext(ctx, `INSERT INTO measurement_tasks (period_id, instrument, rater_group, rater_employee_id, ratee_employee_id, unit_id, status)
		SELECT `+strconv.FormatInt(other.ID, 10)+`, instrument, rater_group, rater_employee_id, ratee_employee_id, unit_id, status
		FROM measurement_tasks WHERE period_id = `+strconv.FormatInt(p.ID, 10)+` ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	bulk := time.Since(t0)
	if n, _ := res.RowsAffected(); int(n) != tasks {
		t.Fatalf("baseline: inserted %d rows, want %d", n, tasks)
	}
	if err := db.DeletePeriod(ctx, actor, other.ID); err != nil {
		t.Fatal(err)
	}
	ratio := float64(generate) / float64(bulk)
	r.logf("open: snapshot %v; task generation %v for %d tasks; bulk insert of the same rows %v; generation/bulk %.2f",
		snapshot.Round(time.Millisecond), generate.Round(time.Millisecond), tasks, bulk.Round(time.Millisecond), ratio)
	if r.cfg.big && ratio > 1.2 {
		t.Errorf("task generation took %.2fx a bulk insert of the same rows, want at most 1.2x", ratio)
	}
}

// scaleSub is a submission of the test: whose it is and what it said.
type scaleSub struct {
	rater  int64
	unit   int64
	scores []int
}

// answer submits a share of the tasks in batches, as an import of answers
// collected on paper does, then times single submissions (the answering
// path of a person). Survey answers carry unique score vectors (markers), so
// that the anonymity check can tie each released row to its submission.
func (r *scaleRun) answer(ctx context.Context) map[string]scaleSub {
	t, db := r.t, r.db
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	codes := l.Behaviours()
	rng := rand.New(rand.NewPCG(18, 3))
	marks := map[string]scaleSub{}
	var batch, later []store.Submission
	answered := 0
	var submitting time.Duration
	flush := func() {
		t0 := time.Now()
		if err := db.SubmitMany(ctx, batch); err != nil {
			t.Fatal(err)
		}
		submitting += time.Since(t0)
		answered += len(batch)
		batch = batch[:0]
	}
	err = db.EachTask(ctx, r.period.ID, func(tk *budaya.Task) error {
		share := r.cfg.share360
		if tk.Instrument == budaya.InstrumentSurvey {
			share = r.cfg.surveyShare
		}
		if rng.Float64() >= share {
			return nil
		}
		scores := make([]int, len(codes))
		for {
			for i := range scores {
				scores[i] = 1 + rng.IntN(5)
			}
			if _, dup := marks[markerKey(scores)]; !dup || tk.Instrument != budaya.InstrumentSurvey {
				break
			}
		}
		if tk.Instrument == budaya.InstrumentSurvey {
			marks[markerKey(scores)] = scaleSub{rater: tk.RaterEmployeeID, unit: tk.UnitID, scores: scores}
		}
		answers := make([]budaya.Answer, len(codes))
		for i, c := range codes {
			answers[i] = budaya.Answer{BehaviourCode: c, Score: scores[i]}
		}
		s := store.Submission{EmployeeID: tk.RaterEmployeeID, TaskID: tk.ID, Answers: answers}
		if len(later) < 200 && rng.IntN(50) == 0 {
			later = append(later, s) // answered one by one below
			return nil
		}
		batch = append(batch, s)
		if len(batch) == 1000 {
			flush()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(batch) > 0 {
		flush()
	}
	rows := answered * len(codes)
	r.logf("answering in bulk: %d submissions (%d answer rows) in %v, %.0f rows/s", answered, rows, submitting.Round(time.Millisecond),
		float64(rows)/submitting.Seconds())
	var single []time.Duration
	for _, s := range later {
		t0 := time.Now()
		if _, err := db.SubmitTask(ctx, s.EmployeeID, s.TaskID, fmt.Sprintf("scale-%d", s.TaskID), s.Answers); err != nil {
			t.Fatal(err)
		}
		single = append(single, time.Since(t0))
	}
	if len(single) > 0 {
		r.logf("answering one by one: %d submissions, p50 %v, p95 %v", len(single), percentile(single, 50), percentile(single, 95))
	}
	return marks
}

// close closes the period (the sealed answers are released) and computes
// its index, as the job queued by closing does.
func (r *scaleRun) close(ctx context.Context) {
	t, db := r.t, r.db
	actor := budaya.SystemActor("test")
	t0 := time.Now()
	if err := db.ClosePeriod(ctx, actor, r.period.ID); err != nil {
		t.Fatal(err)
	}
	closing := time.Since(t0)
	t0 = time.Now()
	if _, err := db.RefreshIndex(ctx, actor, r.period.ID); err != nil {
		t.Fatal(err)
	}
	refresh := time.Since(t0)
	t0 = time.Now()
	if _, err := db.RawAggregate(ctx, r.period.ID); err != nil {
		t.Fatal(err)
	}
	raw := time.Since(t0)
	r.logf("close: closing (release) %v; index refresh %v; raw SQL aggregate over the same rows %v (refresh/raw %.2f)",
		closing.Round(time.Millisecond), refresh.Round(time.Millisecond), raw.Round(time.Millisecond), float64(refresh)/float64(raw))
}

func percentile(ds []time.Duration, p int) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)].Round(100 * time.Microsecond)
}

// scaleUnits returns a unit of each level that has staff below it: the
// cuts a reader opens most.
func (r *scaleRun) scaleUnits(ctx context.Context) map[string]int64 {
	units, _, err := r.db.ListUnits(ctx, budaya.UnitFilter{})
	if err != nil {
		r.t.Fatal(err)
	}
	out := map[string]int64{}
	for _, u := range units {
		if _, ok := out[u.Level]; !ok {
			out[u.Level] = u.ID
		}
	}
	// A small instansi has fewer levels: a missing one falls back to the one above.
	levels := []string{budaya.LevelEselon1, budaya.LevelEselon2, budaya.LevelEselon3, budaya.LevelEselon4}
	for i, l := range levels[1:] {
		if out[l] == 0 {
			out[l] = out[levels[i]]
		}
	}
	return out
}

// dashboards reads each dashboard 100 times as an admin over real HTTP and
// checks the 95th percentile.
func (r *scaleRun) dashboards() {
	ctx := context.Background()
	p := r.period.ID
	lv := r.scaleUnits(ctx)
	var paths []string
	paths = append(paths,
		fmt.Sprintf("/index?period=%d", p),
		fmt.Sprintf("/api/v1/index?period=%d", p),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d", p, lv[budaya.LevelEselon1]),
		fmt.Sprintf("/index?period=%d&unit=%d", p, lv[budaya.LevelEselon2]),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d&scope=own", p, lv[budaya.LevelEselon3]),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d&instrument=360", p, lv[budaya.LevelEselon2]),
		fmt.Sprintf("/index/heatmap?period=%d&level=2", p),
		fmt.Sprintf("/api/v1/heatmap?period=%d&level=4", p),
		fmt.Sprintf("/api/v1/index/trend?period=%d&unit=%d", p, lv[budaya.LevelEselon2]),
		fmt.Sprintf("/periods/%d", p),
		fmt.Sprintf("/api/v1/periods/%d/response-rates", p),
		fmt.Sprintf("/api/v1/periods/%d/response-rates?instrument=360", p),
		fmt.Sprintf("/periods/%d?level=4&page=2", p),
		fmt.Sprintf("/api/v1/periods/%d/response-rates?level=3&page=1", p),
	)
	n := 20
	if r.cfg.big {
		n = 100
	}
	for _, path := range paths {
		var ds []time.Duration
		for i := 0; i < n; i++ {
			t0 := time.Now()
			res, body := r.admin.get(path)
			ds = append(ds, time.Since(t0))
			if res.StatusCode != http.StatusOK {
				r.t.Fatalf("GET %s: got %d, want 200 (%.200s)", path, res.StatusCode, body)
			}
		}
		p95 := percentile(ds, 95)
		r.logf("dashboard GET %s: p50 %v, p95 %v", path, percentile(ds, 50), p95)
		if r.cfg.big && p95 > 100*time.Millisecond {
			r.t.Errorf("GET %s: p95 %v, want under 100 ms", path, p95)
		}
	}
}

// exports streams the exports of a small and of the largest cut and
// reports the peak Go heap of each: a streamed export keeps it flat.
func (r *scaleRun) exports() {
	ctx := context.Background()
	p := r.period.ID
	lv := r.scaleUnits(ctx)
	type cut struct{ name, path string }
	cuts := []cut{
		{"answers, one eselon IV unit", fmt.Sprintf("/index/answers?format=csv&period=%d&unit=%d", p, lv[budaya.LevelEselon4])},
		{"answers, whole instansi", fmt.Sprintf("/index/answers?format=csv&period=%d", p)},
		{"answers xlsx, one eselon IV unit", fmt.Sprintf("/index/answers?format=xlsx&period=%d&unit=%d", p, lv[budaya.LevelEselon4])},
		{"answers xlsx, whole instansi", fmt.Sprintf("/index/answers?format=xlsx&period=%d", p)},
		{"index values, whole instansi", fmt.Sprintf("/index/export?table=values&format=csv&period=%d", p)},
		{"index heat map, eselon IV", fmt.Sprintf("/index/export?table=heatmap&level=4&format=csv&period=%d", p)},
		{"employees", "/export/employees?format=csv"},
	}
	growth := map[string]uint64{}
	lines := map[string]int64{} // CSV lines
	sheets := 1                 // of the whole instansi's XLSX answers
	for _, c := range cuts {
		runtime.GC()
		base := heapNow()
		h := sampleHeap(5 * time.Millisecond)
		t0 := time.Now()
		req, _ := http.NewRequest(http.MethodGet, r.ts.URL+c.path, nil)
		res, err := r.admin.http.Do(req)
		if err != nil {
			r.t.Fatal(err)
		}
		out := &discardWriter{header: http.Header{}}
		var dst io.Writer = out
		var file *os.File
		if c.name == "answers xlsx, whole instansi" { // kept, to be read back below
			if file, err = os.CreateTemp(r.t.TempDir(), "answers-*.xlsx"); err != nil {
				r.t.Fatal(err)
			}
			dst = io.MultiWriter(out, file)
		}
		nbytes, err := io.Copy(dst, res.Body)
		res.Body.Close()
		took := time.Since(t0)
		pk, _ := h.Peak()
		if err != nil || res.StatusCode != http.StatusOK {
			r.t.Fatalf("GET %s: %d, %v", c.path, res.StatusCode, err)
		}
		growth[c.name] = pk - min(pk, base)
		lines[c.name] = out.lines
		r.logf("export %s: %d bytes in %v, peak heap growth %.1f MB", c.name, nbytes, took.Round(time.Millisecond), float64(growth[c.name])/(1<<20))
		if file != nil {
			file.Close()
			sheets = r.xlsxRowsMatch(file.Name(), lines["answers, whole instansi"])
		}
	}
	r.unitExportBeforeAfter(ctx, lv[budaya.LevelEselon4])
	// The whole instansi holds hundreds of times the rows of one unit; a
	// streamed export keeps its heap within a small constant of the unit's,
	// and an XLSX file within that and a constant per further sheet:
	// excelize keeps the chunk buffer of every finished sheet (up to 32 MiB,
	// its rows are in a temporary file) until the file is written
	// (docs/architecture.md, "Exports").
	if r.cfg.big {
		for _, f := range []string{"answers", "answers xlsx"} {
			small, large := growth[f+", one eselon IV unit"], growth[f+", whole instansi"]
			limit := 2*small + 32<<20
			if f == "answers xlsx" {
				limit += uint64(sheets-1) * 40 << 20
			}
			if large > limit {
				r.t.Errorf("export %s: heap grew %d MB for the whole instansi against %d MB for one unit: not streamed", f, large>>20, small>>20)
			}
		}
	}
}

// xlsxRowsMatch reads the whole instansi's XLSX answer export back and
// checks that it holds every row of the CSV export (csvLines: header, answers
// and method rows), on as many sheets as it needs (past 1,048,576 rows a
// sheet), each starting with the header. It returns the number of sheets.
func (r *scaleRun) xlsxRowsMatch(path string, csvLines int64) int {
	t0 := time.Now()
	f, err := excelize.OpenFile(path)
	if err != nil {
		r.t.Fatalf("open the xlsx export: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	var total int64
	for _, name := range sheets {
		rows, err := f.Rows(name)
		if err != nil {
			r.t.Fatal(err)
		}
		first := true
		for rows.Next() {
			if first {
				cols, err := rows.Columns()
				if err != nil || len(cols) == 0 || cols[0] != "respondent" {
					r.t.Errorf("xlsx export, %s: first row %v (%v), want the header", name, cols, err)
				}
				first = false
			}
			total++
		}
		if err := rows.Close(); err != nil {
			r.t.Fatal(err)
		}
	}
	r.logf("export answers xlsx, whole instansi: %d sheets, %d rows, read back in %v", len(sheets), total, time.Since(t0).Round(time.Millisecond))
	if want := csvLines + int64(len(sheets)-1); total != want {
		r.t.Errorf("xlsx export: got %d rows on %d sheets, want %d (the CSV's %d lines and a header on each further sheet)", total, len(sheets), want, csvLines)
	}
	return len(sheets)
}

// unitExportBeforeAfter times what one unit's answer export reads: as it was
// before issue 18.3 (the whole period's answers, the rows outside the cut
// dropped in Go) and now (the cut in SQL), in turns in the same run, and
// checks that both give the same number of rows.
func (r *scaleRun) unitExportBeforeAfter(ctx context.Context, unit int64) {
	units, err := r.db.SnapshotUnits(ctx, r.period.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	parent := map[int64]int64{}
	for _, u := range units {
		parent[u.ID] = u.ParentID
	}
	inTree := func(u int64) bool {
		for a := u; ; a = parent[a] {
			if a == unit {
				return true
			}
			if a == 0 {
				return false
			}
		}
	}
	var before, after []time.Duration
	var nBefore, nAfter int
	for i := 0; i < 3; i++ {
		nBefore, nAfter = 0, 0
		t0 := time.Now()
		if err := r.db.EachExportAnswer(ctx, r.period.ID, budaya.InstrumentSurvey, store.AnswerCut{}, func(a store.ExportAnswer) error {
			if inTree(a.UnitID) {
				nBefore++
			}
			return nil
		}); err != nil {
			r.t.Fatal(err)
		}
		before = append(before, time.Since(t0))
		t0 = time.Now()
		if err := r.db.EachExportAnswer(ctx, r.period.ID, budaya.InstrumentSurvey, store.AnswerCut{UnitID: unit}, func(store.ExportAnswer) error {
			nAfter++
			return nil
		}); err != nil {
			r.t.Fatal(err)
		}
		after = append(after, time.Since(t0))
	}
	r.logf("answers of one eselon IV unit (%d rows), median of 3: whole period filtered in Go (before) %v, cut in SQL (after) %v",
		nAfter, percentile(before, 50).Round(time.Millisecond), percentile(after, 50).Round(time.Millisecond))
	if nBefore != nAfter {
		r.t.Errorf("answers of unit %d: %d rows filtered in Go, %d read in SQL; want the same", unit, nBefore, nAfter)
	}
}

// scaleFigure is one survey figure the admin read: the set of people it
// stands for (a unit's subtree, its own staff, or the instansi) and its n.
type scaleFigure struct {
	key   string // "all", "tree:ID" or "own:ID"
	n     int64
	score float64
	desc  string
}

// anonymity reads every survey figure of the period an admin can read (the
// instansi, every heat-map level, and the tree and own cut of every unit, or
// BUDAYA_SCALE_CUTS of them), ties each released answer set to the
// submission that gave it, and checks that every figure is the n and mean of
// the released answers it covers, that each shows at least K people, and
// that no combination of them isolates fewer than K: the sets of a unit tree
// are nested or disjoint, so every combination is made of the sets left
// when a figure's set loses the largest figures inside it, and each of those
// must be empty or hold K people.
func (r *scaleRun) anonymity(ctx context.Context, marks map[string]scaleSub) {
	t, db := r.t, r.db
	t0 := time.Now()
	units, _, err := db.ListUnits(ctx, budaya.UnitFilter{})
	if err != nil {
		t.Fatal(err)
	}
	parent := map[int64]int64{}
	children := map[int64][]int64{}
	var roots []int64
	for _, u := range units {
		parent[u.ID] = u.ParentID
		if u.ParentID == 0 {
			roots = append(roots, u.ID)
		} else {
			children[u.ParentID] = append(children[u.ParentID], u.ID)
		}
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	codes := l.Behaviours()
	// Ground truth: the released survey answer sets, each tied to a submission.
	type resp struct {
		unit   int64
		scores map[string]int
	}
	byID := map[string]*resp{}
	err = db.EachAnswer(ctx, r.period.ID, budaya.InstrumentSurvey, func(a budaya.AnswerRecord) error {
		x := byID[a.ResponseID]
		if x == nil {
			x = &resp{unit: a.UnitID, scores: map[string]int{}}
			byID[a.ResponseID] = x
		}
		x.scores[a.BehaviourCode] = a.Score
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ownN := map[int64]int64{}
	ownSum := map[int64]float64{}
	seen := map[string]bool{}
	for _, x := range byID {
		sc := make([]int, len(codes))
		var sum float64
		for i, c := range codes {
			sc[i] = x.scores[c]
			sum += float64(sc[i]-1) / 4 * 100
		}
		key := markerKey(sc)
		s, ok := marks[key]
		if !ok || seen[key] {
			t.Fatalf("a released survey answer set (unit %d) matches no submission of the test, or two", x.unit)
		}
		seen[key] = true
		// A group under K is released into the unit above it (index.PlanRelease).
		up := s.unit
		for up != 0 && up != x.unit {
			up = parent[up]
		}
		if up == 0 {
			t.Fatalf("the answers of employee %d (unit %d, parent %d) are stored under unit %d (parent %d), neither theirs nor one above it", s.rater, s.unit, parent[s.unit], x.unit, parent[x.unit])
		}
		ownN[x.unit]++
		ownSum[x.unit] += sum / float64(len(codes))
	}
	treeN := map[int64]int64{}
	treeSum := map[int64]float64{}
	var fill func(u int64)
	fill = func(u int64) {
		treeN[u], treeSum[u] = ownN[u], ownSum[u]
		for _, c := range children[u] {
			fill(c)
			treeN[u] += treeN[c]
			treeSum[u] += treeSum[c]
		}
	}
	var allN int64
	var allSum float64
	for _, u := range roots {
		fill(u)
		allN += treeN[u]
		allSum += treeSum[u]
	}
	truth := func(key string) (int64, float64) {
		switch {
		case key == "all":
			return allN, allSum
		case strings.HasPrefix(key, "tree:"):
			id, _ := strconv.ParseInt(key[5:], 10, 64)
			return treeN[id], treeSum[id]
		default:
			id, _ := strconv.ParseInt(key[4:], 10, 64)
			return ownN[id], ownSum[id]
		}
	}
	released := len(byID)
	// What the admin reads.
	shown := map[string]scaleFigure{}
	readings := 0
	add := func(g advIndexGroup, desc string, instansi bool) {
		if g.Overall.Score == nil || g.Overall.N == nil {
			return
		}
		key := "all"
		switch {
		case instansi:
		case g.Unit == nil:
			return
		case g.Scope == "own":
			key = fmt.Sprintf("own:%d", g.Unit.ID)
		default:
			key = fmt.Sprintf("tree:%d", g.Unit.ID)
		}
		fig := scaleFigure{key: key, n: *g.Overall.N, score: *g.Overall.Score, desc: desc}
		if old, ok := shown[key]; ok && (old.n != fig.n || old.score-fig.score > 0.0001 || fig.score-old.score > 0.0001) {
			t.Errorf("%s and %s show %s differently: n %d mean %.4f against n %d mean %.4f", old.desc, desc, key, old.n, old.score, fig.n, fig.score)
		}
		shown[key] = fig
	}
	readIndex := func(q url.Values) {
		q.Set("period", strconv.FormatInt(r.period.ID, 10))
		q.Set("instrument", budaya.InstrumentSurvey)
		path := "/api/v1/index?" + q.Encode()
		readings++
		var out advIndex
		if res := r.admin.getJSON(path, &out); res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, res.StatusCode)
		}
		add(out.advIndexGroup, path, q.Get("unit") == "")
		if out.Parent != nil {
			add(*out.Parent, path+" (parent row)", false)
		}
		for i, ch := range out.Children {
			add(ch, fmt.Sprintf("%s (child row %d)", path, i), false)
		}
	}
	readIndex(url.Values{})
	for level := 1; level <= 5; level++ {
		path := fmt.Sprintf("/api/v1/heatmap?period=%d&instrument=survey&level=%d", r.period.ID, level)
		readings++
		res, body := r.admin.get(path)
		if res.StatusCode != http.StatusOK {
			continue
		}
		var out struct {
			Items []advIndexGroup `json:"items"`
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for i, g := range out.Items {
			add(g, fmt.Sprintf("%s (row %d)", path, i), false)
		}
	}
	order := make([]int64, 0, len(units))
	for _, u := range units {
		order = append(order, u.ID)
	}
	if r.cfg.cuts > 0 && r.cfg.cuts < len(order) {
		rng := rand.New(rand.NewPCG(18, 5))
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		order = order[:r.cfg.cuts]
	}
	for _, u := range order {
		for _, scope := range []string{"tree", "own"} {
			readIndex(url.Values{"unit": {strconv.FormatInt(u, 10)}, "scope": {scope}})
		}
	}
	// Every figure is the n and mean of the released answers it covers, and shows K people.
	for key, fig := range shown {
		n, sum := truth(key)
		if fig.n != n {
			t.Errorf("%s: n = %d, but %d people's released answers are in %s", fig.desc, fig.n, n, key)
			continue
		}
		if mean := sum / float64(n); fig.score-mean > 0.01 || mean-fig.score > 0.01 {
			t.Errorf("%s: mean %.4f, want %.4f (the released answers of %s)", fig.desc, fig.score, mean, key)
		}
		if fig.n < int64(r.k) {
			t.Errorf("%s: shows %d people, fewer than K = %d", fig.desc, fig.n, r.k)
		}
	}
	// No combination isolates fewer than K: covered(u) is how many people of
	// u's subtree the largest shown figures inside it hold.
	isShown := func(key string) bool { _, ok := shown[key]; return ok }
	var covered func(u int64) int64
	covered = func(u int64) int64 {
		if isShown(fmt.Sprintf("tree:%d", u)) {
			return treeN[u]
		}
		var c int64
		if isShown(fmt.Sprintf("own:%d", u)) {
			c = ownN[u]
		}
		for _, ch := range children[u] {
			c += covered(ch)
		}
		return c
	}
	leak := func(key string, rest int64) {
		if rest != 0 && rest < int64(r.k) {
			t.Errorf("%s minus the figures inside it isolates %d people (K = %d): %s", key, rest, r.k, shown[key].desc)
		}
	}
	for key := range shown {
		switch {
		case key == "all":
			var c int64
			for _, u := range roots {
				c += covered(u)
			}
			leak(key, allN-c)
		case strings.HasPrefix(key, "tree:"):
			id, _ := strconv.ParseInt(key[5:], 10, 64)
			c := int64(0)
			if isShown(fmt.Sprintf("own:%d", id)) {
				c = ownN[id]
			}
			for _, ch := range children[id] {
				c += covered(ch)
			}
			leak(key, treeN[id]-c)
		}
	}
	if len(shown) < 2 {
		t.Fatalf("the admin read %d survey figures: the check would prove nothing", len(shown))
	}
	r.logf("anonymity: %d survey answer sets of %d submitted released; %d requests read %d distinct figures of %d units; checked in %v",
		released, len(marks), readings, len(shown), len(units), time.Since(t0).Round(time.Millisecond))
}
