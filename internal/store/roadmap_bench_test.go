package store_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// BenchmarkBudget measures the budget of a year and the budget proposal over a
// roadmap of 1,000 activities with five budget lines each (a large ministry).
func BenchmarkBudget(b *testing.B) {
	db := storetest.Open(b)
	root, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: "SJ", Name: "SJ", Level: budaya.LevelEselon1})
	if err != nil {
		b.Fatal(err)
	}
	var units []int64
	for i := range 40 {
		u, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: fmt.Sprintf("SJ.%02d", i+1), Name: "Unit", Level: budaya.LevelEselon2, ParentID: root.ID})
		if err != nil {
			b.Fatal(err)
		}
		units = append(units, u.ID)
	}
	rm, err := db.CreateRoadmap(ctx, sys, budaya.RoadmapInput{Name: "Bench", StartYear: 2025, EndYear: 2029})
	if err != nil {
		b.Fatal(err)
	}
	values := []string{"BP", "AK", "KO", "HA", "LO", "AD", "KL"}
	for p := range 10 {
		prog, err := db.CreateProgramme(ctx, sys, rm.ID, budaya.ProgrammeInput{Code: "P" + strconv.Itoa(p+1), Name: "Program"})
		if err != nil {
			b.Fatal(err)
		}
		for a := range 100 {
			var lines []budaya.BudgetLineInput
			for y := 2025; y <= 2029; y++ {
				lines = append(lines, budaya.BudgetLineInput{FiscalYear: strconv.Itoa(y), Ceiling: strconv.Itoa(10_000_000 + a*1000), Realised: "5.000.000", AccountCode: "521211"})
			}
			if _, err := db.CreateActivity(ctx, sys, budaya.ActivityInput{ProgrammeID: prog.ID, Code: "K" + strconv.Itoa(a+1), Name: "Kegiatan",
				ValueCodes: []string{values[a%7], values[(a+3)%7]}, OwnerUnitID: units[a%len(units)], Quarters: "2025-2029"}, lines...); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("budget", func(b *testing.B) {
		for b.Loop() {
			s, err := db.Budget(ctx, 2027, 0)
			if err != nil || s.Total.Activities != 1000 {
				b.Fatalf("got %d activities, %v", s.Total.Activities, err)
			}
		}
	})
	b.Run("proposal", func(b *testing.B) {
		for b.Loop() {
			p, err := db.BudgetProposal(ctx, 2027, 0)
			if err != nil || len(p.Groups) != 40 {
				b.Fatalf("got %d groups, %v", len(p.Groups), err)
			}
		}
	})
}
