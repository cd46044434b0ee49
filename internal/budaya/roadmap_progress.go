package budaya

import (
	"slices"
	"strings"
)

// ProgressRow is how far one group of a roadmap's activities (a programme or
// an owner unit) has come.
type ProgressRow struct {
	Code      string // the programme's or unit's code
	Name      string
	UnitID    int64 // the owner unit, on rows by unit
	Planned   int
	Running   int
	Done      int
	Cancelled int
	Measured  int     // activities the mean counts: with a target, not cancelled
	Progress  float64 // mean progress of the measured activities, each capped at 100
}

// Label is "code · name", as the roadmap page shows a group.
func (r ProgressRow) Label() string { return r.Code + " · " + r.Name }

// RoadmapProgress counts activities by status and averages their progress,
// by programme (in the order the activities come, which lists them by
// programme) and by owner unit (by unit code). An activity without a target
// or cancelled is counted but not in the mean; one beyond its target counts
// as 100%.
func RoadmapProgress(acts []Activity) (byProgramme, byUnit []ProgressRow) {
	type group struct {
		rows  []ProgressRow
		at    map[string]int
		total []float64
	}
	tally := func(g *group, code, name string, unit int64, a *Activity) {
		i, ok := g.at[code]
		if !ok {
			i = len(g.rows)
			g.at[code] = i
			g.rows = append(g.rows, ProgressRow{Code: code, Name: name, UnitID: unit})
			g.total = append(g.total, 0)
		}
		r := &g.rows[i]
		switch a.Status {
		case ActivityPlanned:
			r.Planned++
		case ActivityRunning:
			r.Running++
		case ActivityDone:
			r.Done++
		case ActivityCancelled:
			r.Cancelled++
		}
		if a.Target > 0 && a.Status != ActivityCancelled {
			r.Measured++
			g.total[i] += min(a.Progress(), 100)
		}
	}
	progs, units := &group{at: map[string]int{}}, &group{at: map[string]int{}}
	for i := range acts {
		a := &acts[i]
		tally(progs, a.ProgrammeCode, a.ProgrammeName, 0, a)
		tally(units, a.OwnerUnitCode, a.OwnerUnitName, a.OwnerUnitID, a)
	}
	for _, g := range []*group{progs, units} {
		for i := range g.rows {
			if g.rows[i].Measured > 0 {
				g.rows[i].Progress = g.total[i] / float64(g.rows[i].Measured)
			}
		}
	}
	slices.SortStableFunc(units.rows, func(a, b ProgressRow) int { return strings.Compare(a.Code, b.Code) })
	return progs.rows, units.rows
}
