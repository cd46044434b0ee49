package demo_test

import (
	"context"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestSeedMeasurement(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: 120}); err != nil {
		t.Fatal(err)
	}
	ps, err := db.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]int{}
	for _, p := range ps {
		status[p.Status]++
	}
	if status[budaya.PeriodClosed] != 2 || status[budaya.PeriodOpen] != 1 {
		t.Fatalf("demo periods: got %v, want 2 closed and 1 open", status)
	}
	// Adaptif is the lowest value, as nationally, in each closed period.
	for _, p := range ps {
		if p.Status != budaya.PeriodClosed {
			continue
		}
		sum, n := map[string]float64{}, map[string]int{}
		err := db.EachAnswer(ctx, p.ID, budaya.InstrumentSurvey, func(a budaya.AnswerRecord) error {
			sum[a.BehaviourCode[:2]] += float64(a.Score)
			n[a.BehaviourCode[:2]]++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n["AD"] == 0 {
			t.Fatalf("period %s: no survey answers", p.Name)
		}
		for code := range sum {
			if code != "AD" && sum[code]/float64(n[code]) <= sum["AD"]/float64(n["AD"]) {
				t.Errorf("period %s: %s mean %.2f not above Adaptif %.2f", p.Name, code, sum[code]/float64(n[code]), sum["AD"]/float64(n["AD"]))
			}
		}
	}
}
