package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestDashboardFollowupLabelsAndCut puts commitments and activities on
// unit A, its sibling C and off A's weakest values, and checks that A's
// dashboard lists only those of A's subtree aimed at its weakest values,
// with translated statuses, and says when a list was cut short.
func TestDashboardFollowupLabelsAndCut(t *testing.T) {
	t.Parallel()
	w := newIndexWorld(t)
	db := w.ts.db
	sys := budaya.SystemActor("test")
	a, sibling := w.org.Units[1], w.org.Units[3]
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	dashboard := fmt.Sprintf("/index?period=%d&unit=%d", w.period, a)

	var out indexJSON
	c.getJSON(fmt.Sprintf("/api/v1/index?period=%d&unit=%d", w.period, a), &out)
	weak := map[string]bool{}
	for _, b := range out.Weakest {
		weak[b.Code[:len(b.Code)-1]] = true
	}
	var target, other string
	for _, v := range out.Values {
		if weak[v.Code] && target == "" {
			target = v.Code
		}
		if !weak[v.Code] && other == "" {
			other = v.Code
		}
	}
	if target == "" || other == "" {
		t.Fatalf("weakest values of A: got %v, want some but not all", weak)
	}

	due := time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	commit := func(unit int64, title, code string, status string) {
		t.Helper()
		cm, err := db.CreateCommitment(ctx, sys, budaya.CommitmentInput{UnitID: unit, Title: title, Codes: []string{code}, DueDate: due,
			OwnerID: w.org.Staff[1][0], Measure: "laporan"})
		if err != nil {
			t.Fatal(err)
		}
		if status != budaya.CommitmentPlanned {
			if err := db.AddCommitmentNote(ctx, sys, cm.ID, budaya.NoteInput{Status: status, Text: "mulai"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	commit(a, "Komitmen A sasaran", target+"1", budaya.CommitmentInProgress)
	commit(a, "Komitmen A lain", other, budaya.CommitmentInProgress)
	commit(sibling, "Komitmen C", target, budaya.CommitmentInProgress)

	rm, err := db.CreateRoadmap(ctx, sys, budaya.RoadmapInput{Name: "Roadmap 2025-2029", StartYear: 2025, EndYear: 2029})
	if err != nil {
		t.Fatal(err)
	}
	prog, err := db.CreateProgramme(ctx, sys, rm.ID, budaya.ProgrammeInput{Code: "P1", Name: "Internalisasi"})
	if err != nil {
		t.Fatal(err)
	}
	activity := func(unit int64, code, name, value string) {
		t.Helper()
		if _, err := db.CreateActivity(ctx, sys, budaya.ActivityInput{ProgrammeID: prog.ID, Code: code, Name: name, ValueCodes: []string{value},
			OwnerUnitID: unit, Quarters: "2026Q1-2026Q4", Indicator: "Apel", IndicatorUnit: "kali", Target: "12", Status: budaya.ActivityRunning},
			budaya.BudgetLineInput{FiscalYear: "2026", Ceiling: "10.000.000", Realised: "4.000.000", AccountCode: "521211"}); err != nil {
			t.Fatal(err)
		}
	}
	activity(a, "K1", "Kegiatan A sasaran", target)
	activity(a, "K2", "Kegiatan A lain", other)
	activity(sibling, "K3", "Kegiatan C", target)

	_, body := c.get(dashboard)
	for _, want := range []string{"Komitmen A sasaran", "Kegiatan A sasaran", ">berjalan<", ">Berjalan<", "Rp4.000.000 / Rp10.000.000"} {
		if !strings.Contains(body, want) {
			t.Errorf("A's dashboard: want %q", want)
		}
	}
	for _, unwanted := range []string{"Komitmen A lain", "Komitmen C", "Kegiatan A lain", "Kegiatan C", ">in_progress<", ">running<", "Hanya 50 pertama"} {
		if strings.Contains(body, unwanted) {
			t.Errorf("A's dashboard: got %q, want it left out", unwanted)
		}
	}

	// Past the bound, the list is cut and says so.
	for i := range 50 {
		commit(a, fmt.Sprintf("Komitmen tambahan %d", i), target, budaya.CommitmentPlanned)
	}
	_, body = c.get(dashboard)
	if n := strings.Count(body, "/commitments/"); n != 50 {
		t.Errorf("commitments listed: got %d, want 50", n)
	}
	if !strings.Contains(body, "Hanya 50 pertama") || !strings.Contains(body, ">direncanakan<") {
		t.Errorf("A's dashboard past the bound: want the note that the list was cut, and translated statuses")
	}
}
