package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
)

// IndexUnit describes one unit of an index test organisation.
type IndexUnit struct {
	Code   string
	Level  string
	Parent int // index into the slice, -1 for a top unit
	Staff  int // own staff (every one answers the survey)
}

// IndexOrg is an organisation made by MakeIndexOrg.
type IndexOrg struct {
	Units []int64   // ids, in the order given
	Staff [][]int64 // employee ids per unit
}

// MakeIndexOrg creates units and their staff in one transaction.
func MakeIndexOrg(tb testing.TB, db *store.DB, units []IndexUnit) *IndexOrg {
	tb.Helper()
	o := &IndexOrg{Units: make([]int64, len(units)), Staff: make([][]int64, len(units))}
	n := 5000
	err := db.WriteOrg(context.Background(), budaya.SystemActor("test"), func(w *store.OrgWriter) error {
		for i, u := range units {
			var parent int64
			if u.Parent >= 0 {
				parent = o.Units[u.Parent]
			}
			cu, err := w.CreateUnit(budaya.Unit{Code: u.Code, Name: "Unit " + u.Code, Level: u.Level, ParentID: parent})
			if err != nil {
				return err
			}
			o.Units[i] = cu.ID
			es := make([]budaya.Employee, u.Staff)
			for j := range es {
				n++
				es[j] = budaya.Employee{NIP: NIP(n), Name: fmt.Sprintf("Pegawai %s-%d", u.Code, j+1), UnitID: cu.ID, Position: "Analis"}
			}
			if len(es) > 0 {
				ids, err := w.CreateEmployees(es)
				if err != nil {
					return err
				}
				o.Staff[i] = ids
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("make index org: %v", err)
	}
	return o
}

// RunIndexPeriod opens a survey period with K over the top units of o, has
// every member of staff submit score(unit, person, behaviour position) for
// each behaviour (0 leaves it out), closes the period and computes the index.
// It returns the period id.
func RunIndexPeriod(tb testing.TB, db *store.DB, o *IndexOrg, name string, k int, start time.Time, score func(unit, person, behaviour int) int) int64 {
	tb.Helper()
	id := AnswerIndexPeriod(tb, db, o, name, k, start, score)
	ctx := context.Background()
	actor := budaya.SystemActor("test")
	if err := db.ClosePeriod(ctx, actor, id); err != nil {
		tb.Fatalf("close period: %v", err)
	}
	if _, err := db.RefreshIndex(ctx, actor, id); err != nil {
		tb.Fatalf("refresh index: %v", err)
	}
	return id
}

// AnswerIndexPeriod is RunIndexPeriod without the close and the
// computation: the period is left open with every answer in.
func AnswerIndexPeriod(tb testing.TB, db *store.DB, o *IndexOrg, name string, k int, start time.Time, score func(unit, person, behaviour int) int) int64 {
	tb.Helper()
	ctx := context.Background()
	actor := budaya.SystemActor("test")
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		tb.Fatal(err)
	}
	var tops []int64
	for _, id := range o.Units {
		u, err := db.FindUnit(ctx, id)
		if err != nil {
			tb.Fatal(err)
		}
		if u.ParentID == 0 {
			tops = append(tops, id)
		}
	}
	p, err := db.CreatePeriod(ctx, actor, budaya.PeriodInput{Name: name, StartsAt: start, EndsAt: start.AddDate(0, 1, 0), FrameworkID: f.ID,
		HasSurvey: true, MinGroup: k, UnitIDs: tops})
	if err != nil {
		tb.Fatalf("create period: %v", err)
	}
	if _, err := db.OpenPeriod(ctx, actor, p.ID); err != nil {
		tb.Fatalf("open period: %v", err)
	}
	if err := db.GenerateTasks(ctx, p.ID, func(int, int) {}); err != nil {
		tb.Fatalf("generate tasks: %v", err)
	}
	codes := l.Behaviours()
	for ui, staff := range o.Staff {
		for pi, e := range staff {
			tasks, _, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: e, PeriodID: p.ID, Instrument: budaya.InstrumentSurvey, PerPage: 10})
			if err != nil || len(tasks) != 1 {
				tb.Fatalf("survey task of employee %d: %d tasks, %v", e, len(tasks), err)
			}
			var answers []budaya.Answer
			for b, c := range codes {
				if s := score(ui, pi, b); s > 0 {
					answers = append(answers, budaya.Answer{BehaviourCode: c, Score: s})
				}
			}
			if _, err := db.SubmitTask(ctx, e, tasks[0].ID, fmt.Sprintf("k-%d-%d", p.ID, e), answers); err != nil {
				tb.Fatalf("submit task of employee %d: %v", e, err)
			}
		}
	}
	return p.ID
}
