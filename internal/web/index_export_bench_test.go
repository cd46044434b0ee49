package web_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
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

// exportWorld is an instansi of 50 units with two closed survey periods whose
// figures were computed: one of a quarter of BUDAYA_BENCH_ANSWER_ROWS answer
// rows (default 1,000,000) and one of all of them, loaded in bulk inside the
// database. Two sizes in one run show whether memory grows with the rows.
type exportWorld struct {
	handler http.Handler
	cookie  *http.Cookie
	periods []exportPeriod
}

type exportPeriod struct {
	id   int64
	rows int
}

func benchAnswerRows() int {
	if n, err := strconv.Atoi(os.Getenv("BUDAYA_BENCH_ANSWER_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

func makeExportWorld(b *testing.B) *exportWorld {
	b.Helper()
	start := time.Now()
	dsn := storetest.DSN(b)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		b.Fatal(err)
	}
	units := []storetest.IndexUnit{{Code: "R", Level: budaya.LevelEselon1, Parent: -1, Staff: 1}}
	for i := 1; i < 50; i++ {
		units = append(units, storetest.IndexUnit{Code: fmt.Sprintf("U%02d", i), Level: budaya.LevelEselon2, Parent: 0, Staff: 1})
	}
	org := storetest.MakeIndexOrg(b, db, units)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		b.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		b.Fatal(err)
	}
	actor := budaya.SystemActor("bench")
	w := &exportWorld{}
	big := benchAnswerRows()
	for i, rows := range []int{big / 4, big} {
		p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: fmt.Sprintf("Survei %d", 2025+i), StartsAt: time.Date(2025+i, 3, 1, 0, 0, 0, 0, time.UTC),
			EndsAt: time.Date(2025+i, 4, 1, 0, 0, 0, 0, time.UTC), FrameworkID: f.ID, HasSurvey: true, MinGroup: 5, UnitIDs: org.Units[:1]})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.OpenPeriod(ctx, actor, p.ID); err != nil {
			b.Fatal(err)
		}
		codes := l.Behaviours()
		respondents := (rows + len(codes) - 1) / len(codes)
		if err := loadExportAnswers(ctx, db.Dialect(), dsn, p.ID, respondents, codes); err != nil {
			b.Fatal(err)
		}
		if err := db.ClosePeriod(ctx, actor, p.ID); err != nil {
			b.Fatal(err)
		}
		// Loaded beside the release: its sums are built from the answers.
		if err := db.RebuildIndexSums(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
		if _, err := db.RefreshIndex(ctx, actor, p.ID); err != nil {
			b.Fatal(err)
		}
		w.periods = append(w.periods, exportPeriod{id: p.ID, rows: respondents * len(codes)})
	}
	srv, err := web.New(web.Config{DB: db, Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	w.handler = srv.Handler()
	if _, err := db.CreateUser(ctx, actor, budaya.UserInput{Username: "bench", Password: testPassword, Roles: []budaya.RoleGrant{{Role: budaya.RoleAdmin}}}); err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader("username=bench&password="+testPassword))
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
	b.Logf("export world: %d and %d answer rows (%s), loaded in %v", w.periods[0].rows, w.periods[1].rows, db.Dialect(), time.Since(start).Round(time.Second))
	return w
}

// loadExportAnswers stores respondents survey submissions of every behaviour
// in period, spread over the period's snapshot units, with one INSERT ...
// SELECT inside the database.
func loadExportAnswers(ctx context.Context, dialect store.Dialect, dsn string, periodID int64, respondents int, codes []string) error {
	sorted := append([]string(nil), codes...)
	sort.Strings(sorted)
	values := make([]string, len(sorted))
	for i, c := range sorted {
		values[i] = "('" + c + "', " + strconv.Itoa(i) + ")"
	}
	units := `u AS (SELECT unit_id, ROW_NUMBER() OVER (ORDER BY unit_id) - 1 AS k, COUNT(*) OVER () AS m FROM snapshot_units WHERE period_id = ?),
		b(code, pos) AS (VALUES ` + strings.Join(values, ", ") + `)`
	insert := `INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, rater_group, score) `
	var raw *sql.DB
	var err error
	var q string
	if dialect == store.SQLite {
		if raw, err = sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(60000)&_pragma=synchronous(OFF)"); err != nil {
			return err
		}
		q = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1), ` + units + insert +
			`SELECT printf('%d-%09d', ?, n.i), b.code, ?, 'survey', u.unit_id, 'member', 1 + (n.i * 7 + b.pos * 3 + n.i / 5) % 5
			FROM n JOIN u ON u.k = n.i % u.m CROSS JOIN b ORDER BY 1, 2`
		_, err = raw.ExecContext(ctx, q, respondents, periodID, periodID, periodID)
	} else {
		if raw, err = sql.Open("pgx", dsn); err != nil {
			return err
		}
		q = `WITH ` + strings.ReplaceAll(units, "?", "$1") + insert +
			`SELECT $2::text || '-' || lpad(n.i::text, 9, '0'), b.code, $1, 'survey', u.unit_id, 'member', 1 + (n.i * 7 + b.pos * 3 + n.i / 5) % 5
			FROM generate_series(0, $3 - 1) AS n(i) JOIN u ON u.k = n.i % u.m CROSS JOIN b`
		_, err = raw.ExecContext(ctx, q, periodID, strconv.FormatInt(periodID, 10), respondents)
	}
	if cerr := raw.Close(); err == nil {
		err = cerr
	}
	return err
}

// discardWriter is a ResponseWriter that keeps only the status, the size
// and the number of lines, as a client that saves the file to disk would.
type discardWriter struct {
	header http.Header
	code   int
	bytes  int64
	lines  int64
}

func (d *discardWriter) Header() http.Header { return d.header }
func (d *discardWriter) WriteHeader(code int) {
	if d.code == 0 {
		d.code = code
	}
}
func (d *discardWriter) Write(p []byte) (int, error) {
	if d.code == 0 {
		d.code = http.StatusOK
	}
	d.bytes += int64(len(p))
	d.lines += int64(bytes.Count(p, []byte{'\n'}))
	return len(p), nil
}

// heapSampler records the peak of the Go heap (runtime/metrics: bytes in
// heap objects, live or not yet swept) and of the resident memory of the
// process (which also holds SQLite's own page cache and sorter) every few
// milliseconds.
type heapSampler struct {
	stop    chan struct{}
	done    sync.WaitGroup
	peak    uint64
	peakRSS uint64
}

// rssNow is the resident set size of the process (0 where /proc is missing).
func rssNow() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}

const heapMetric = "/memory/classes/heap/objects:bytes"

func heapNow() uint64 {
	s := []metrics.Sample{{Name: heapMetric}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func sampleHeap(every time.Duration) *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			h.peak, h.peakRSS = max(h.peak, heapNow()), max(h.peakRSS, rssNow())
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// Peak stops sampling and returns the peaks of heap and RSS in bytes.
func (h *heapSampler) Peak() (heap, rss uint64) {
	close(h.stop)
	h.done.Wait()
	return max(h.peak, heapNow()), max(h.peakRSS, rssNow())
}

// BenchmarkAnswersExportMemory streams the anonymous answer export
// (GET /index/answers) of both periods of the export world through the real
// router, as CSV and XLSX, into a writer that discards, and reports the
// peak Go heap seen while it ran (peak-heap-MB), how far above the heap
// before it that went (growth-MB), and how far the resident memory of the
// process rose (rss-growth-MB, which also counts SQLite's sorter and cache;
// the runtime returns memory slowly, so it is an upper bound). Streaming
// keeps them flat from a quarter of the rows to all.
func BenchmarkAnswersExportMemory(b *testing.B) {
	w := makeExportWorld(b)
	for _, format := range []string{"csv", "xlsx"} {
		for _, p := range w.periods {
			b.Run(fmt.Sprintf("%s/rows=%d", format, p.rows), func(b *testing.B) {
				var peak, growth, rssGrowth uint64
				for i := 0; i < b.N; i++ {
					runtime.GC()
					base, baseRSS := heapNow(), rssNow()
					h := sampleHeap(5 * time.Millisecond)
					req := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/index/answers?format=%s&period=%d", format, p.id), nil)
					req.AddCookie(w.cookie)
					out := &discardWriter{header: http.Header{}}
					w.handler.ServeHTTP(out, req)
					pk, pkRSS := h.Peak()
					if out.code != http.StatusOK {
						b.Fatalf("GET answers %s: got %d", format, out.code)
					}
					// CSV: a header, a line per row, the method lines.
					if format == "csv" && out.lines < int64(p.rows)+1 || out.bytes < int64(p.rows) {
						b.Fatalf("%s export: got %d lines in %d bytes, want more than %d rows", format, out.lines, out.bytes, p.rows)
					}
					peak, growth = max(peak, pk), max(growth, pk-min(pk, base))
					rssGrowth = max(rssGrowth, pkRSS-min(pkRSS, baseRSS))
					b.SetBytes(out.bytes)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(growth)/(1<<20), "growth-MB")
				b.ReportMetric(float64(rssGrowth)/(1<<20), "rss-growth-MB")
				b.ReportMetric(float64(p.rows), "rows")
			})
		}
	}
}
