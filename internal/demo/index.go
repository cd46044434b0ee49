package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// valueTendency shifts the answers per value, in Likert points, so that the
// demo looks like the national picture: Adaptif lowest, Akuntabel highest.
var valueTendency = map[string]float64{"BP": 0, "AK": 0.6, "KO": -0.1, "HA": 0.25, "LO": 0.35, "AD": -0.7, "KL": 0.3}

// seedIndex gives the index something to show: two closed culture surveys a
// year apart, answered by most of the staff, with units that differ and some
// that improve; then it computes the index of every closed period. When the
// measurement step already ran periods, it only computes their index.
func seedIndex(ctx context.Context, b *builder) error {
	periods, err := b.db.ListIndexPeriods(ctx)
	if err != nil {
		return err
	}
	if len(periods) == 0 {
		if err := b.runDemoSurveys(ctx); err != nil {
			return err
		}
		if periods, err = b.db.ListIndexPeriods(ctx); err != nil {
			return err
		}
	}
	for _, p := range periods {
		if p.Status != budaya.PeriodClosed {
			continue // an open period has no figures until it closes
		}
		if _, err := b.db.RefreshIndex(ctx, b.actor, p.ID); err != nil {
			return fmt.Errorf("index of %s: %w", p.Name, err)
		}
	}
	return nil
}

func (b *builder) runDemoSurveys(ctx context.Context) error {
	f, err := b.db.ActiveFramework(ctx)
	if err != nil {
		return err
	}
	l, err := index.NewLayout(f)
	if err != nil {
		return err
	}
	var tops []int64
	effect := map[int64]float64{} // per unit: how well it lives the values
	for _, u := range b.org.Units {
		if u.ParentID == 0 {
			tops = append(tops, u.ID)
		}
		e := b.rng.Float64()*1.6 - 0.7
		if u.parent != nil {
			e = 0.6*effect[u.parent.ID] + 0.4*e
		}
		effect[u.ID] = e
	}
	year := b.now.Year()
	for i, y := range []int{year - 1, year} {
		start := time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC)
		p, err := b.db.CreatePeriod(ctx, b.actor, budaya.PeriodInput{Name: fmt.Sprintf("Survei Budaya %d", y), StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
			FrameworkID: f.ID, HasSurvey: true, MinGroup: budaya.DefaultMinGroup, UnitIDs: tops})
		if err != nil {
			return err
		}
		if _, err := b.db.OpenPeriod(ctx, b.actor, p.ID); err != nil {
			return err
		}
		if err := b.db.GenerateTasks(ctx, p.ID, func(int, int) {}); err != nil {
			return err
		}
		for page := 1; ; page++ {
			tasks, total, err := b.db.ListTasks(ctx, budaya.TaskFilter{PeriodID: p.ID, Instrument: budaya.InstrumentSurvey, Page: page, PerPage: 500})
			if err != nil {
				return err
			}
			for _, t := range tasks {
				if b.rng.Float64() > 0.86 { // not everyone answers
					continue
				}
				// The second year moves: units that struggled improve a little.
				shift := effect[t.UnitID]
				if i == 1 {
					shift += 0.15 + 0.25*math.Max(0, -effect[t.UnitID])
				}
				// A person's own outlook moves all their answers together, and
				// their view of a value moves its three behaviours together.
				person := b.rng.NormFloat64() * 0.5
				valueView := map[string]float64{}
				var answers []budaya.Answer
				for _, code := range l.Behaviours() {
					v := l.ValueOf(code)
					if _, ok := valueView[v]; !ok {
						valueView[v] = b.rng.NormFloat64() * 0.45
					}
					x := 3.2 + shift + person + valueView[v] + valueTendency[v] + b.rng.NormFloat64()*0.45
					s := int(math.Round(x))
					answers = append(answers, budaya.Answer{BehaviourCode: code, Score: min(5, max(1, s))})
				}
				if _, err := b.db.SubmitTask(ctx, t.RaterEmployeeID, t.ID, fmt.Sprintf("demo-%d-%d", p.ID, t.ID), answers); err != nil {
					return err
				}
			}
			if page*500 >= total {
				break
			}
		}
		if err := b.db.ClosePeriod(ctx, b.actor, p.ID); err != nil {
			return err
		}
	}
	return nil
}
