package demo_test

import (
	"context"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestDemoIndex(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: demo.DefaultEmployees}); err != nil {
		t.Fatal(err)
	}
	periods, err := db.ListIndexPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(periods) < 2 {
		t.Fatalf("demo periods: got %d, want at least 2 to show a trend", len(periods))
	}
	// The unit the demo pimpinan leads (issue 13.5: it must show its figures).
	leader, err := db.FindUserByUsername(ctx, demo.UserPimpinan)
	if err != nil {
		t.Fatal(err)
	}
	var led int64
	for _, r := range leader.Roles {
		if r.Role == budaya.RolePimpinan {
			led = r.UnitID
		}
	}
	sj01, err := db.FindUnit(ctx, led)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the demo pimpinan leads %s", sj01.Code)
	closed := 0
	for _, p := range periods {
		ref, err := db.FindIndexRefresh(ctx, p.ID)
		if p.Status != budaya.PeriodClosed {
			// An open period has no figures: its anonymous answers are sealed.
			if err == nil {
				t.Errorf("open period %s has computed figures (%d responses), want none until it closes", p.Name, ref.Responses)
			}
			if n, err := db.SealedBallots(ctx, p.ID); err != nil || n == 0 {
				t.Errorf("open period %s: %d sealed ballots (%v), want its answers sealed", p.Name, n, err)
			}
			continue
		}
		closed++
		if err != nil {
			t.Fatalf("index of %s: %v", p.Name, err)
		}
		if ref.Responses < 300 {
			t.Errorf("%s: got %d responses; want most of the staff", p.Name, ref.Responses)
		}
		groups, err := db.IndexGroups(ctx, p.ID, budaya.InstrumentSurvey, []int64{sj01.ID})
		if err != nil {
			t.Fatal(err)
		}
		for _, scope := range []index.Scope{index.Own, index.Tree} {
			g := groups[index.GroupKey{Unit: sj01.ID, Scope: scope}]
			if g.Suppressed || g.Respondents < int64(ref.K) {
				t.Errorf("%s: SJ.01 %s survey figure: got n=%d suppressed=%v (%d of %d answered), want shown to its leader", p.Name, scope, g.Respondents, g.Suppressed, g.TasksDone, g.TasksTotal)
			}
		}
	}
	if closed < 2 {
		t.Errorf("closed demo periods: got %d, want at least 2", closed)
	}
}
