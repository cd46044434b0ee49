package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// benchStaff is the size of the benchmark instansi: BUDAYA_BENCH_EMPLOYEES,
// default 20,000.
func benchStaff() int {
	if v, err := strconv.Atoi(os.Getenv("BUDAYA_BENCH_EMPLOYEES")); err == nil && v > 0 {
		return v
	}
	return 20_000
}

// benchPeriod builds an instansi of n employees in 1,093 units (eselon I to
// IV) and a survey and 360 period over it whose tasks are generated, returning
// the period. With answers, the period is closed and every employee's tasks
// are completed, and the released answers of a close are loaded in bulk by
// SQL: per employee one survey answer, three peer and two bawahan answers
// about them, and one atasan answer (attributed): 7 submissions, 147 rows.
func benchPeriod(b *testing.B, db *store.DB, n int) (*budaya.Period, []int64) {
	b.Helper()
	var units []int64
	err := db.WriteOrg(ctx, sys, func(ow *store.OrgWriter) error {
		root, err := ow.CreateUnit(budaya.Unit{Code: "R", Name: "Kementerian", Level: budaya.LevelEselon1})
		if err != nil {
			return err
		}
		units = append(units, root.ID)
		for i := 0; i < 12; i++ {
			e2, err := ow.CreateUnit(budaya.Unit{Code: fmt.Sprintf("E2-%d", i), Name: fmt.Sprintf("Direktorat %d", i), Level: budaya.LevelEselon2, ParentID: root.ID})
			if err != nil {
				return err
			}
			units = append(units, e2.ID)
			for j := 0; j < 10; j++ {
				e3, err := ow.CreateUnit(budaya.Unit{Code: fmt.Sprintf("E3-%d-%d", i, j), Name: fmt.Sprintf("Subdirektorat %d.%d", i, j), Level: budaya.LevelEselon3, ParentID: e2.ID})
				if err != nil {
					return err
				}
				units = append(units, e3.ID)
				for k := 0; k < 8; k++ {
					e4, err := ow.CreateUnit(budaya.Unit{Code: fmt.Sprintf("E4-%d-%d-%d", i, j, k), Name: fmt.Sprintf("Seksi %d.%d.%d", i, j, k), Level: budaya.LevelEselon4, ParentID: e3.ID})
					if err != nil {
						return err
					}
					units = append(units, e4.ID)
				}
			}
		}
		es := make([]budaya.Employee, n)
		for i := range es {
			es[i] = budaya.Employee{NIP: storetest.NIP(i), Name: fmt.Sprintf("Pegawai %d", i), UnitID: units[i%len(units)], Position: "Analis"}
		}
		_, err = ow.CreateEmployees(es)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei 2026", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, MinGroup: 5, UnitIDs: units[:1]})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		b.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		b.Fatal(err)
	}
	return p, units
}

// loadReleased closes period p, marks its tasks completed and loads the
// answers of a close in bulk (see benchPeriod), then builds their sums from
// the answers, as the release would have.
func loadReleased(b *testing.B, db *store.DB, p *budaya.Period) {
	b.Helper()
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		b.Fatal(err)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		b.Fatal(err)
	}
	codes := f.BehaviourCodes()
	sort.Strings(codes)
	values := make([]string, len(codes))
	for i, c := range codes {
		values[i] = fmt.Sprintf("('%s', %d)", c, i)
	}
	// answers inserts the answers of the submissions k of every employee
	// that cond selects, in order.
	answers := func(cond, order string) string {
		return `WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 6),
			b(code, pos) AS (VALUES ` + strings.Join(values, ", ") + `)
			INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id, rater_group, rater_employee_id, score)
			SELECT CAST(s.employee_id AS TEXT) || '-' || CAST(k.n AS TEXT), b.code, s.period_id,
				CASE k.n WHEN 0 THEN 'survey' ELSE '360' END, s.unit_id,
				CASE k.n WHEN 0 THEN NULL ELSE s.employee_id END,
				CASE WHEN k.n = 0 THEN 'member' WHEN k.n <= 3 THEN 'peer' WHEN k.n <= 5 THEN 'bawahan' ELSE 'atasan' END,
				CASE k.n WHEN 6 THEN s.employee_id ELSE NULL END,
				1 + (s.employee_id * 7919 + k.n * 104729 + b.pos * 31 + s.unit_id % 3 * b.pos) % 5
			FROM snapshot_staff s CROSS JOIN k CROSS JOIN b WHERE s.period_id = ? AND ` + cond + `
			ORDER BY ` + order
	}
	now := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	steps := []struct {
		q    string
		args []any
	}{
		{`UPDATE measurement_tasks SET status = 'completed', completed_at = ? WHERE period_id = ?`, []any{now.Add(-time.Hour), p.ID}},
		// k: 0 survey, 1-3 peer, 4-5 bawahan, 6 atasan. The score is a hash
		// of employee, submission and behaviour, in 1..5. The attributed
		// atasan answers are written at submission, in no order of their
		// ids; the released ones at close, in the order of their ids (as
		// the release writes them).
		{answers(`k.n = 6`, `(s.employee_id * 7919) % 10007, 2`), []any{p.ID}},
		{answers(`k.n < 6`, `1, 2`), []any{p.ID}},
		{`INSERT INTO measurement_releases (period_id, instrument, rater_group, unit_id, ratee_employee_id, released_at, ballots)
			SELECT s.period_id, '360', g.name, s.unit_id, s.employee_id, ` + timeParam(db) + `, 3
			FROM snapshot_staff s CROSS JOIN (SELECT 'peer' AS name UNION ALL SELECT 'bawahan') g WHERE s.period_id = ?`, []any{now, p.ID}},
	}
	for _, st := range steps {
		if err := db.ExecForTest(ctx, st.q, st.args...); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.RebuildIndexSums(ctx, p.ID); err != nil {
		b.Fatal(err)
	}
	if err := db.AnalyzeForTest(ctx); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRecompute compares, in the same run on the same rows, one plain
// SQL aggregate (count, sum and sum of squares per instrument, unit and
// behaviour) with the full recomputation of the index from the answers
// (ComputeIndex: the check of the kept sums), and times publishing the index
// from the sums kept at release (RefreshIndex: roll-up, suppression, writes).
//
//	go test -run '^$' -bench BenchmarkRecompute -benchtime 3x -timeout 60m ./internal/store/
//	BUDAYA_BENCH_EMPLOYEES=100000 go test -run '^$' -bench BenchmarkRecompute -benchtime 3x -timeout 60m ./internal/store/
//
// With BUDAYA_TEST_PG set it runs on PostgreSQL.
func BenchmarkRecompute(b *testing.B) {
	n := benchStaff()
	db := storetest.Open(b)
	t0 := time.Now()
	p, _ := benchPeriod(b, db, n)
	loadReleased(b, db, p)
	rows, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE period_id = ?`, p.ID)
	b.Logf("%s: %d employees, %d answer rows, built in %s", db.Dialect(), n, rows, time.Since(t0).Round(time.Second))
	ip, err := db.FindIndexPeriod(ctx, p.ID)
	if err != nil {
		b.Fatal(err)
	}
	l, err := db.IndexLayout(ctx, ip)
	if err != nil {
		b.Fatal(err)
	}
	// Warm both once, then time them in turns so that the load of the
	// shared machine falls on both alike.
	var raw, full, publish, publishCPU []time.Duration
	timeIt := func(out *[]time.Duration, fn func() error) {
		t := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		*out = append(*out, time.Since(t))
	}
	rawFn := func() error { _, err := db.RawAggregate(ctx, p.ID); return err }
	fullFn := func() error { _, _, err := db.ComputeIndex(ctx, ip, l); return err }
	pubFn := func() error { _, err := db.RefreshIndex(ctx, sys, p.ID); return err }
	var warm []time.Duration
	timeIt(&warm, rawFn)
	timeIt(&warm, fullFn)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		timeIt(&raw, rawFn)
		timeIt(&full, fullFn)
		c := cpuTime()
		timeIt(&publish, pubFn)
		publishCPU = append(publishCPU, cpuTime()-c)
	}
	b.StopTimer()
	if err := db.VerifyIndexSums(ctx, p.ID); err != nil {
		b.Fatal(err)
	}
	med := func(d []time.Duration) time.Duration {
		s := append([]time.Duration(nil), d...)
		sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
		return s[len(s)/2]
	}
	r, fu, pu, pc := med(raw), med(full), med(publish), med(publishCPU)
	b.ReportMetric(float64(pc.Milliseconds()), "publish-cpu-ms")
	b.ReportMetric(float64(r.Milliseconds()), "raw-ms")
	b.ReportMetric(float64(fu.Milliseconds()), "full-ms")
	b.ReportMetric(float64(fu)/float64(r), "full/raw")
	b.ReportMetric(float64(pu.Milliseconds()), "publish-ms")
	b.Logf("%s, %d employees, %d rows (medians of %d): raw aggregate %v, full recompute %v (ratio %.2f), publish from kept sums %v (CPU of this process %v); load %s",
		db.Dialect(), n, rows, b.N, r.Round(time.Millisecond), fu.Round(time.Millisecond), float64(fu)/float64(r), pu.Round(time.Millisecond), pc.Round(time.Millisecond), loadAverage())
}

// BenchmarkClose times a whole close of a period whose answers are all
// sealed: open the ballots, shuffle, insert the answers, add the sums, in the
// close transaction; then publishing from the sums. Ballots: per employee one
// survey, three peer and two bawahan (sealed by ImportResponses, outside the
// timing).
//
//	go test -run '^$' -bench BenchmarkClose -benchtime 1x -timeout 60m ./internal/store/
func BenchmarkClose(b *testing.B) {
	n := benchStaff()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := storetest.OpenWith(b, store.Options{BallotKeyFile: filepath.Join(b.TempDir(), "ballot.key")})
		p, _ := benchPeriod(b, db, n)
		f, err := db.ActiveFramework(ctx)
		if err != nil {
			b.Fatal(err)
		}
		codes := f.BehaviourCodes()
		var staff []struct{ id, unit int64 }
		if err := db.EachStringForTest(ctx, `SELECT CAST(employee_id AS TEXT) || ' ' || CAST(unit_id AS TEXT) FROM snapshot_staff WHERE period_id = ? ORDER BY employee_id`, func(s string) {
			var e, u int64
			fmt.Sscan(s, &e, &u)
			staff = append(staff, struct{ id, unit int64 }{e, u})
		}, p.ID); err != nil {
			b.Fatal(err)
		}
		var batch []store.ImportedResponse
		scores := func(e int64, k int) map[string]int {
			m := make(map[string]int, len(codes))
			for j, c := range codes {
				m[c] = 1 + int(e*7919+int64(k)*104729+int64(j)*31)%5
			}
			return m
		}
		for _, s := range staff {
			batch = append(batch, store.ImportedResponse{Instrument: budaya.InstrumentSurvey, RaterGroup: budaya.GroupMember, UnitID: s.unit, Scores: scores(s.id, 0)})
			for k := 1; k <= 5; k++ {
				g := budaya.GroupPeer
				if k > 3 {
					g = budaya.GroupBawahan
				}
				batch = append(batch, store.ImportedResponse{Instrument: budaya.Instrument360, RaterGroup: g, UnitID: s.unit, RateeID: s.id, Scores: scores(s.id, k)})
			}
			if len(batch) >= 6000 {
				if err := db.ImportResponses(ctx, sys, p.ID, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
		}
		if err := db.ImportResponses(ctx, sys, p.ID, batch); err != nil {
			b.Fatal(err)
		}
		sealed, _ := db.SealedBallots(ctx, p.ID)
		b.StartTimer()
		t0, c0 := time.Now(), cpuTime()
		if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
			b.Fatal(err)
		}
		closeTook, closeCPU := time.Since(t0), cpuTime()-c0
		t1, c1 := time.Now(), cpuTime()
		if _, err := db.RefreshIndex(ctx, sys, p.ID); err != nil {
			b.Fatal(err)
		}
		pubTook, pubCPU := time.Since(t1), cpuTime()-c1
		b.StopTimer()
		rows, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE period_id = ?`, p.ID)
		if err := db.VerifyIndexSums(ctx, p.ID); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(closeTook.Milliseconds()), "close-ms")
		b.ReportMetric(float64(pubTook.Milliseconds()), "publish-ms")
		b.Logf("%s, %d employees: close released %d ballots into %d answer rows in %v (CPU of this process %v); publish %v (CPU %v); load %s",
			db.Dialect(), n, sealed, rows, closeTook.Round(time.Millisecond), closeCPU.Round(time.Millisecond), pubTook.Round(time.Millisecond), pubCPU.Round(time.Millisecond), loadAverage())
		b.StartTimer()
	}
}

// cpuTime is the CPU time (user and system) this process has used: on
// SQLite, which runs inside it, the work done whatever the load of the
// machine; on PostgreSQL only the client's part.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage is the first three fields of /proc/loadavg, for the record.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// timeParam is a placeholder for a time in a select list: PostgreSQL must
// be told its type there.
func timeParam(db *store.DB) string {
	if db.Dialect() == store.Postgres {
		return "CAST(? AS TIMESTAMPTZ)"
	}
	return "?"
}
