package budaya

import (
	"reflect"
	"testing"
)

func TestRoadmapProgress(t *testing.T) {
	t.Parallel()
	act := func(prog, unit string, unitID int64, status string, target, realised int64) Activity {
		return Activity{ProgrammeCode: prog, ProgrammeName: "Program " + prog, OwnerUnitCode: unit, OwnerUnitName: "Unit " + unit, OwnerUnitID: unitID,
			Status: status, Target: target, Realisation: realised}
	}
	acts := []Activity{
		act("P2", "U9", 9, ActivityRunning, 10, 5),    // 50%
		act("P2", "U1", 1, ActivityDone, 4, 8),        // 200%, counts as 100
		act("P2", "U1", 1, ActivityCancelled, 10, 10), // not in the mean
		act("P1", "U9", 9, ActivityPlanned, 0, 0),     // no target: not in the mean
		act("P1", "U1", 1, ActivityRunning, 3, 1),     // 33.3%
	}
	byProg, byUnit := RoadmapProgress(acts)
	third := float64(1) / float64(3) * 100 // as Activity.Progress computes it
	want := []ProgressRow{
		{Code: "P2", Name: "Program P2", Running: 1, Done: 1, Cancelled: 1, Measured: 2, Progress: 75},
		{Code: "P1", Name: "Program P1", Planned: 1, Running: 1, Measured: 1, Progress: third},
	}
	if !reflect.DeepEqual(byProg, want) {
		t.Errorf("by programme = %+v\nwant %+v", byProg, want)
	}
	want = []ProgressRow{
		{Code: "U1", Name: "Unit U1", UnitID: 1, Running: 1, Done: 1, Cancelled: 1, Measured: 2, Progress: (100 + third) / 2},
		{Code: "U9", Name: "Unit U9", UnitID: 9, Planned: 1, Running: 1, Measured: 1, Progress: 50},
	}
	if !reflect.DeepEqual(byUnit, want) {
		t.Errorf("by unit (sorted by code) = %+v\nwant %+v", byUnit, want)
	}
	if got := byUnit[0].Label(); got != "U1 · Unit U1" {
		t.Errorf("label = %q, want %q", got, "U1 · Unit U1")
	}
	if p, u := RoadmapProgress(nil); p != nil || u != nil {
		t.Errorf("no activities: got %v %v, want none", p, u)
	}
	// Nothing measured: counted, progress 0.
	p, _ := RoadmapProgress([]Activity{act("P1", "U1", 1, ActivityCancelled, 5, 5)})
	if p[0].Cancelled != 1 || p[0].Measured != 0 || p[0].Progress != 0 {
		t.Errorf("only a cancelled activity = %+v, want counted, no progress", p[0])
	}
}
