package demo_test

import (
	"context"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestDemoIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: 150}); err != nil {
		t.Fatal(err)
	}
	periods, err := db.ListIndexPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) < 2 {
		t.Fatalf("demo periods: got %d, want at least 2 to show a trend", len(periods))
	}
	for _, p := range periods {
		ref, err := db.FindIndexRefresh(ctx, p.ID)
		if err != nil {
			t.Fatalf("index of %s: %v", p.Name, err)
		}
		if p.Status == budaya.PeriodClosed && ref.Responses < 100 {
			t.Errorf("%s: got %d responses; want most of 150 staff", p.Name, ref.Responses)
		}
	}
}
