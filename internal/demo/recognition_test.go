package demo_test

import (
	"fmt"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/signals"
)

func TestDemoRecognitionRoundsAndSignals(t *testing.T) {
	t.Parallel()
	for _, n := range []int{demo.MinEmployees, 300} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			recognitionRoundsAndSignals(t, n)
		})
	}
}

// recognitionRoundsAndSignals checks the recognition step of a demo of n employees.
func recognitionRoundsAndSignals(t *testing.T, n int) {
	db := seeded(t, n, 11)
	list, total, err := db.ListRecognitions(ctx, budaya.RecognitionFilter{PerPage: 500})
	if err != nil {
		t.Fatal(err)
	}
	units := map[int64]bool{}
	for _, r := range list {
		units[r.UnitID] = true
	}
	if total < 50 || len(units) < 5 {
		t.Errorf("%d employees: got %d public recognitions in %d units, want many across units", n, total, len(units))
	}
	rounds, err := db.ListRounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, r := range rounds {
		status[r.Title] = r.Status
	}
	if status[demo.DecidedRoundTitle] != budaya.RoundAnnounced || status[demo.OpenRoundTitle] != budaya.RoundOpen {
		t.Errorf("%d employees: rounds %v, want one announced and one open", n, status)
	}
	sigs, _, err := db.ListSignals(ctx, budaya.SignalFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, s := range sigs {
		kinds[s.Kind]++
	}
	for _, k := range signals.Kinds {
		if kinds[k] == 0 {
			t.Errorf("%d employees: no %s signal in the demo (got %v)", n, k, kinds)
		}
	}
	t.Logf("%d employees: %d recognitions, signals %v", n, total, kinds)
	if kinds[signals.KindReciprocal] > 2 || kinds[signals.KindTextReuse] > 2 {
		t.Errorf("%d employees: ordinary demo recognition fires too often: %v", n, kinds)
	}
}
