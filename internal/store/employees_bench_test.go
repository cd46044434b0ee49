package store_test

import (
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// BenchmarkListEmployeesSubtree lists a page of employees filtered by a unit
// subtree on a demo instansi of 100,000 employees (BUDAYA_BENCH_EMPLOYEES
// changes the size), as GET /api/v1/employees?unit=ID&subtree=1&page=N does:
// the count and one page of 50 ordered by name. Besides ns/op it reports the
// median and 99th percentile of the single calls.
//
//	go test ./internal/store -run '^$' -bench ListEmployeesSubtree -benchtime 2000x
func BenchmarkListEmployeesSubtree(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("BUDAYA_BENCH_EMPLOYEES")); err == nil && v > 0 {
		n = v
	}
	db := storetest.Open(b)
	start := time.Now()
	if err := demo.Seed(ctx, db, demo.Options{Employees: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: demo instansi of %d employees built in %s", db.Dialect(), n, time.Since(start).Round(time.Millisecond))
	units, _, err := db.ListUnits(ctx, budaya.UnitFilter{})
	if err != nil {
		b.Fatal(err)
	}
	byDepth := map[int][]int64{}
	var all []int64
	for _, u := range units {
		byDepth[u.Depth] = append(byDepth[u.Depth], u.ID)
		all = append(all, u.ID)
	}
	for _, c := range []struct {
		name  string
		units []int64
	}{
		{"eselon1", byDepth[0]}, // about 14,000 staff each at 100,000
		{"eselon2", byDepth[1]}, // about 2,000
		{"any_unit", all},
	} {
		b.Run(c.name, func(b *testing.B) {
			took := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f := budaya.EmployeeFilter{UnitID: c.units[i%len(c.units)], Subtree: true, Page: 1 + i%5, PerPage: 50}
				t0 := time.Now()
				items, total, err := db.ListEmployees(ctx, f)
				took = append(took, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				if total > 0 && len(items) == 0 && f.Page*50 <= total {
					b.Fatalf("unit %d page %d: no items of %d", f.UnitID, f.Page, total)
				}
			}
			b.StopTimer()
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Nanoseconds()), "p50-ns")
			b.ReportMetric(float64(took[min(len(took)-1, len(took)*99/100)].Nanoseconds()), "p99-ns")
		})
	}
}
