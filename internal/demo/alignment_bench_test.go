package demo_test

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// BenchmarkCoverageBoard measures the coverage board over every session of
// the default demo instansi (go test -bench Coverage ./internal/demo).
func BenchmarkCoverageBoard(b *testing.B) {
	db := storetest.Open(b)
	if err := demo.Seed(ctx, db, demo.Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := db.Coverage(ctx, budaya.CoverageFilter{Scope: budaya.UnitScope{All: true}}, db.Now())
		if err != nil || len(rows) == 0 {
			b.Fatalf("coverage: %d rows, %v", len(rows), err)
		}
	}
}
