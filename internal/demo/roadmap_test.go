package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestDemoRoadmap(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	now := time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)
	if err := demo.Seed(ctx, db, demo.Options{Employees: 120, Now: now}); err != nil {
		t.Fatal(err)
	}
	rs, err := db.ListRoadmaps(ctx)
	if err != nil || len(rs) != 1 || rs[0].StartYear != 2025 || rs[0].EndYear != 2029 {
		t.Fatalf("demo roadmaps: got %+v, %v; want one 2025-2029", rs, err)
	}
	as, err := db.ListActivities(ctx, budaya.ActivityFilter{RoadmapID: rs[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	statuses, flagged, funded := map[string]int{}, 0, 0
	for _, a := range as {
		statuses[a.Status]++
		if len(a.Flags()) > 0 {
			flagged++
		}
		if len(a.Budget) > 0 {
			funded++
		}
	}
	for _, s := range []string{budaya.ActivityPlanned, budaya.ActivityRunning, budaya.ActivityDone, budaya.ActivityCancelled} {
		if statuses[s] == 0 {
			t.Errorf("no demo activity is %s (got %v)", s, statuses)
		}
	}
	over := false
	for _, a := range as {
		for _, f := range a.Flags() {
			over = over || f == budaya.FlagOverCeiling
		}
	}
	if !over {
		t.Errorf("no demo activity spent above its ceiling")
	}
	if funded < 10 || flagged == 0 {
		t.Errorf("demo activities: %d funded, %d flagged; want many funded and some flagged", funded, flagged)
	}
	sum, err := db.Budget(ctx, 2025, 0)
	if err != nil || sum.Total.Ceiling == 0 || sum.Total.Realised == 0 {
		t.Errorf("demo budget 2025: got %+v, %v", sum.Total, err)
	}
	agents, err := db.ListChangeAgents(ctx, budaya.ChangeAgentFilter{})
	if err != nil || len(agents) == 0 {
		t.Fatalf("demo change agents: got %d, %v", len(agents), err)
	}
	reports, err := db.ListAgentReports(ctx, budaya.AgentReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range reports {
		seen[r.Status] = true
	}
	if !seen[budaya.ReportApproved] || !seen[budaya.ReportReturned] || !seen[budaya.ReportSubmitted] {
		t.Errorf("demo agent reports: got statuses %v, want approved, returned and submitted", seen)
	}
	periods, err := db.ListChecklistPeriods(ctx)
	if err != nil || len(periods) != 2 {
		t.Fatalf("demo checklist periods: got %d, %v", len(periods), err)
	}
	scores, err := db.ChecklistScores(ctx, periods[1].ID)
	if err != nil || len(scores) == 0 {
		t.Errorf("demo checklist scores: got %d units, %v", len(scores), err)
	}
}
