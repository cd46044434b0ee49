package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestExportAnswerCutReadsTheSameRows (issue 18.3): a unit's answer export
// reads only its cut in SQL, and gives exactly the rows the export gave when
// it read the whole period and dropped the rows outside the cut in Go: the
// same answers, under the same unit, pooled alike, respondents numbered alike
// within the cut. Every unit of every computed period of the demo instansi,
// both scopes, both instruments.
func TestExportAnswerCutReadsTheSameRows(t *testing.T) {
	t.Parallel()
	db := storetest.OpenTemplate(t, "demo-120", store.Options{}, func(ctx context.Context, db *store.DB) error {
		return demo.Seed(ctx, db, demo.Options{Employees: 120})
	})
	periods, err := db.ListIndexPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var cuts, pooled, partial int
	for _, p := range periods {
		if _, err := db.FindIndexRefresh(ctx, p.ID); budaya.ErrorCode(err) == budaya.ENOTFOUND {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		units, err := db.SnapshotUnits(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		parent := map[int64]int64{}
		for _, u := range units {
			parent[u.ID] = u.ParentID
		}
		for _, instrument := range []string{budaya.InstrumentSurvey, budaya.Instrument360} {
			var all []store.ExportAnswer
			if err := db.EachExportAnswer(ctx, p.ID, instrument, store.AnswerCut{}, func(a store.ExportAnswer) error {
				all = append(all, a)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for _, u := range units {
				for _, own := range []bool{false, true} {
					cut := store.AnswerCut{UnitID: u.ID, Own: own}
					want := filterInGo(all, cut, parent)
					var got []store.ExportAnswer
					if err := db.EachExportAnswer(ctx, p.ID, instrument, cut, func(a store.ExportAnswer) error {
						got = append(got, a)
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					name := fmt.Sprintf("period %d %s unit %s own=%v", p.ID, instrument, u.Code, own)
					if len(got) != len(want) {
						t.Errorf("%s: got %d rows, want %d", name, len(got), len(want))
						continue
					}
					for i := range got {
						if got[i] != want[i] {
							t.Errorf("%s: row %d: got %+v, want %+v", name, i, got[i], want[i])
							break
						}
					}
					cuts++
					if len(want) > 0 && len(want) < len(all) {
						partial++
					}
					for _, a := range want {
						if a.Pool {
							pooled++
							break
						}
					}
				}
			}
		}
	}
	// The comparison means something only if the demo has cuts that hold
	// part of the rows, and pooled rows (groups under K) inside a cut.
	if partial == 0 || pooled == 0 {
		t.Errorf("compared %d cuts: %d hold part of the rows, %d hold pooled rows; want some of each", cuts, partial, pooled)
	}
	t.Logf("compared %d cuts: %d hold part of the rows, %d hold pooled rows", cuts, partial, pooled)
}

// filterInGo is the export's cut as the web layer made it before issue 18.3:
// every row of the period, kept when shown under the unit's subtree (own:
// under the unit itself and not pooled), respondents numbered again within
// the cut.
func filterInGo(all []store.ExportAnswer, cut store.AnswerCut, parent map[int64]int64) []store.ExportAnswer {
	inSubtree := func(u int64) bool {
		for a := u; ; a = parent[a] {
			if a == cut.UnitID {
				return true
			}
			if a == 0 {
				return false
			}
		}
	}
	var out []store.ExportAnswer
	var last, n int64
	for _, a := range all {
		if cut.Own && (a.UnitID != cut.UnitID || a.Pool) || !cut.Own && !inSubtree(a.UnitID) {
			continue
		}
		if a.Respondent != last {
			last, n = a.Respondent, n+1
		}
		a.Respondent = n
		out = append(out, a)
	}
	return out
}
