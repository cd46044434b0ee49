package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/web"
)

// benchWorld is an instansi of BUDAYA_BENCH_EMPLOYEES employees (default
// 100,000) in about 1,100 units, with one period of survey answers from
// everyone and a 360 of 5 anonymous raters for everyone, loaded in bulk.
type benchWorld struct {
	db       *store.DB
	handler  http.Handler
	cookie   *http.Cookie
	period   int64
	units    []int64
	answers  int
	loadTime time.Duration
}

var (
	benchOnce sync.Once
	bench     *benchWorld
)

func benchEmployees() int {
	if n, err := strconv.Atoi(os.Getenv("BUDAYA_BENCH_EMPLOYEES")); err == nil && n > 0 {
		return n
	}
	return 100000
}

func getBenchWorld(b *testing.B) *benchWorld {
	b.Helper()
	benchOnce.Do(func() { bench = makeBenchWorld(b) })
	if bench == nil {
		b.Fatal("bench world failed")
	}
	return bench
}

func makeBenchWorld(b *testing.B) *benchWorld {
	start := time.Now()
	ctx := context.Background()
	// The world outlives one benchmark function, so it is not tied to b's cleanup.
	dir := filepath.Join(os.TempDir(), "budaya-bench")
	if err := os.RemoveAll(dir); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		b.Fatal(err)
	}
	dsn := dir + "/bench.db"
	if pg := os.Getenv("BUDAYA_TEST_PG"); pg != "" {
		// The schema must outlive the first benchmark function too; it is
		// left in the (throwaway) test server.
		dsn = storetest.DSN(keepTB{b})
	}
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: filepath.Join(dir, "ballot.key")})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		b.Fatal(err)
	}
	w := &benchWorld{db: db}
	employees := benchEmployees()
	actor := budaya.SystemActor("bench")
	var empUnit []int64
	var empIDs []int64
	err = db.WriteOrg(ctx, actor, func(ow *store.OrgWriter) error {
		root, err := ow.CreateUnit(budaya.Unit{Code: "R", Name: "Kementerian", Level: budaya.LevelEselon1})
		if err != nil {
			return err
		}
		w.units = append(w.units, root.ID)
		for i := 0; i < 12; i++ {
			e2, err := ow.CreateUnit(budaya.Unit{Code: fmt.Sprintf("E2-%d", i), Name: fmt.Sprintf("Direktorat %d", i), Level: budaya.LevelEselon2, ParentID: root.ID})
			if err != nil {
				return err
			}
			w.units = append(w.units, e2.ID)
			for j := 0; j < 10; j++ {
				e3, err := ow.CreateUnit(budaya.Unit{Code: fmt.Sprintf("E3-%d-%d", i, j), Name: fmt.Sprintf("Subdirektorat %d.%d", i, j), Level: budaya.LevelEselon3, ParentID: e2.ID})
				if err != nil {
					return err
				}
				w.units = append(w.units, e3.ID)
				for k := 0; k < 8; k++ {
					e4, err := ow.CreateUnit(budaya.Unit{Code: fmt.Sprintf("E4-%d-%d-%d", i, j, k), Name: fmt.Sprintf("Seksi %d.%d.%d", i, j, k), Level: budaya.LevelEselon4, ParentID: e3.ID})
					if err != nil {
						return err
					}
					w.units = append(w.units, e4.ID)
				}
			}
		}
		es := make([]budaya.Employee, employees)
		for i := range es {
			u := w.units[i%len(w.units)]
			es[i] = budaya.Employee{NIP: storetest.NIP(i), Name: fmt.Sprintf("Pegawai %d", i), UnitID: u, Position: "Analis"}
			empUnit = append(empUnit, u)
		}
		empIDs, err = ow.CreateEmployees(es)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	progress("f, err := db.ActiveF", start)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		b.Fatal(err)
	}
	p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: "Survei 2026", StartsAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
		EndsAt: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), FrameworkID: f.ID, HasSurvey: true, Has360: true, MinGroup: 5, UnitIDs: w.units[:1]})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, actor, p.ID); err != nil {
		b.Fatal(err)
	}
	// Figures exist only for a closed period; the answers below are loaded
	// as released ones (imports into a closed period are released at once).
	if err := db.ClosePeriod(ctx, actor, p.ID); err != nil {
		b.Fatal(err)
	}
	progress("w.period = p.ID", start)
	w.period = p.ID
	l, err := index.NewLayout(f)
	if err != nil {
		b.Fatal(err)
	}
	codes := l.Behaviours()
	if db.Dialect() == store.SQLite {
		// In-engine bulk load: one INSERT ... SELECT, in primary-key order.
		if err := loadBenchAnswersSQLite(ctx, dsn, p.ID, codes); err != nil {
			b.Fatal(err)
		}
	} else {
		loadBenchAnswers(b, db, p.ID, empUnit, empIDs, codes)
	}
	w.answers = employees * 6 * len(codes)
	if db.Dialect() == store.SQLite {
		// Loaded beside the release: its sums are built from the answers.
		if err := db.RebuildIndexSums(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.RefreshIndex(ctx, actor, p.ID); err != nil {
		b.Fatal(err)
	}
	progress("srv, err := web.New(", start)
	srv, err := web.New(web.Config{DB: db, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	w.handler = srv.Handler()
	if _, err := db.CreateUser(ctx, actor, budaya.UserInput{Username: "bench", Password: testPassword, Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}); err != nil {
		b.Fatal(err)
	}
	// Sign in through the real handler and keep the session cookie.
	req := httptest.NewRequest(http.MethodPost, "/login", stringsReader("username=bench&password="+testPassword))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	w.handler.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "budaya_session" {
			w.cookie = c
		}
	}
	if w.cookie == nil {
		b.Fatalf("bench sign-in: %d", rec.Code)
	}
	w.loadTime = time.Since(start)
	b.Logf("bench world: %d employees, %d units, %d answer rows, loaded in %v", employees, len(w.units), w.answers, w.loadTime.Round(time.Second))
	return w
}

// BenchmarkIndexDashboard measures dashboard requests through the real
// router: the whole instansi and units at every level, JSON and HTML.
// It reports the 95th percentile in ms.
func BenchmarkIndexDashboard(b *testing.B) {
	w := getBenchWorld(b)
	paths := []string{
		fmt.Sprintf("/api/v1/index?period=%d", w.period),
		fmt.Sprintf("/index?period=%d", w.period),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d", w.period, w.units[1]),
		fmt.Sprintf("/index?period=%d&unit=%d", w.period, w.units[5]),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d&instrument=360", w.period, w.units[len(w.units)-1]),
		fmt.Sprintf("/index/heatmap?period=%d&level=2", w.period),
		fmt.Sprintf("/api/v1/heatmap?period=%d&level=4", w.period),
	}
	for _, p := range paths {
		b.Run(p[:min(len(p), 30)], func(b *testing.B) {
			// At least 200 requests, so that the 95th percentile means something.
			n := max(b.N, 200)
			durations := make([]time.Duration, 0, n)
			for i := 0; i < n; i++ {
				req := httptest.NewRequest(http.MethodGet, p, nil)
				req.AddCookie(w.cookie)
				rec := httptest.NewRecorder()
				t0 := time.Now()
				w.handler.ServeHTTP(rec, req)
				durations = append(durations, time.Since(t0))
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", p, rec.Code, rec.Body.String())
				}
			}
			sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
			b.ReportMetric(float64(durations[len(durations)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}

// BenchmarkIndexRecompute compares the full recomputation of a period
// (ComputeIndex: every answer row read once, per-respondent sums, alpha) with
// one plain SQL aggregate over the same rows, in the same run, and reports
// the ratio; RefreshIndex publishes from the sums kept at release (roll-up,
// suppression, writes). internal/store's BenchmarkRecompute does the same
// on both engines with tasks and atasan answers.
func BenchmarkIndexRecompute(b *testing.B) {
	w := getBenchWorld(b)
	ctx := context.Background()
	p, err := w.db.FindIndexPeriod(ctx, w.period)
	if err != nil {
		b.Fatal(err)
	}
	l, err := w.db.IndexLayout(ctx, p)
	if err != nil {
		b.Fatal(err)
	}
	var raw, full time.Duration
	b.Run("raw-sql-aggregate", func(b *testing.B) {
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			if _, err := w.db.RawAggregate(ctx, w.period); err != nil {
				b.Fatal(err)
			}
		}
		raw = time.Since(t0) / time.Duration(b.N)
	})
	b.Run("full-recompute", func(b *testing.B) {
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			if _, _, err := w.db.ComputeIndex(ctx, p, l); err != nil {
				b.Fatal(err)
			}
		}
		full = time.Since(t0) / time.Duration(b.N)
		b.ReportMetric(float64(full)/float64(raw), "ratio-to-raw")
	})
	b.Run("refresh-with-writes", func(b *testing.B) {
		t0 := time.Now()
		for i := 0; i < b.N; i++ {
			if _, err := w.db.RefreshIndex(ctx, budaya.SystemActor("bench"), w.period); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(time.Since(t0)/time.Duration(b.N))/float64(raw), "ratio-to-raw")
	})
	b.Logf("answer rows %d: raw aggregate %v, full recompute %v (ratio %.2f)", w.answers, raw.Round(time.Millisecond), full.Round(time.Millisecond), float64(full)/float64(raw))
}

// keepTB is b without its cleanups, for a world that several benchmark
// functions share.
type keepTB struct{ *testing.B }

func (keepTB) Cleanup(func()) {}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }

func progress(step string, start time.Time) {
	if os.Getenv("BUDAYA_BENCH_VERBOSE") != "" {
		fmt.Fprintf(os.Stderr, "%v %s\n", time.Since(start).Round(time.Millisecond), step)
	}
}

// loadBenchAnswers stores a survey answer and five anonymous 360 answers per
// employee through ImportResponses.
func loadBenchAnswers(b *testing.B, db *store.DB, periodID int64, empUnit, empIDs []int64, codes []string) {
	ctx := context.Background()
	actor := budaya.SystemActor("bench")
	rng := rand.New(rand.NewSource(1))
	scores := func(bias int) map[string]int {
		m := make(map[string]int, len(codes))
		for bi, c := range codes {
			s := 2 + bias + rng.Intn(3) - bi%2
			m[c] = min(5, max(1, s))
		}
		return m
	}
	var batch []store.ImportedResponse
	flush := func() {
		if err := db.ImportResponses(ctx, actor, periodID, batch); err != nil {
			b.Fatal(err)
		}
		batch = batch[:0]
	}
	for i, u := range empUnit {
		bias := int(u % 3)
		batch = append(batch, store.ImportedResponse{Instrument: budaya.InstrumentSurvey, RaterGroup: budaya.GroupMember, UnitID: u, Scores: scores(bias)})
		for r := 0; r < 5; r++ {
			g := budaya.GroupPeer
			if r >= 3 {
				g = budaya.GroupBawahan
			}
			batch = append(batch, store.ImportedResponse{Instrument: budaya.Instrument360, RaterGroup: g, UnitID: u, RateeID: empIDs[i], Scores: scores(bias)})
		}
		if len(batch) >= 6000 {
			flush()
		}
	}
	flush()
}

// loadBenchAnswersSQLite generates the same shape of answers inside SQLite
// (a survey answer and five 360 answers per member of the snapshot), which
// loads 12.6 million rows in minutes instead of an hour.
func loadBenchAnswersSQLite(ctx context.Context, path string, periodID int64, codes []string) error {
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(60000)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer raw.Close()
	sorted := append([]string(nil), codes...)
	sort.Strings(sorted)
	values := ""
	for i, c := range sorted {
		if i > 0 {
			values += ", "
		}
		values += "('" + c + "')"
	}
	_, err = raw.ExecContext(ctx, `WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 5),
		b(code) AS (VALUES `+values+`)
		INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id, rater_group, score)
		SELECT printf('%010d%02d', s.employee_id, k.n), b.code, s.period_id, CASE k.n WHEN 0 THEN 'survey' ELSE '360' END, s.unit_id,
			CASE k.n WHEN 0 THEN NULL ELSE s.employee_id END,
			CASE WHEN k.n = 0 THEN 'member' WHEN k.n <= 3 THEN 'peer' ELSE 'bawahan' END,
			min(5, 1 + s.unit_id % 2 + abs(random()) % 4)
		FROM snapshot_staff s CROSS JOIN k CROSS JOIN b WHERE s.period_id = ? ORDER BY s.employee_id, k.n, b.code`, periodID)
	return err
}
