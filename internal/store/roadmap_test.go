package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

type roadmapFixture struct {
	db        *store.DB
	roadmap   *budaya.Roadmap
	programme *budaya.Programme
	unit      *budaya.Unit
	closed    *budaya.Unit
	pic       *budaya.Employee
}

func newRoadmapFixture(t *testing.T) *roadmapFixture {
	t.Helper()
	db := storetest.Open(t)
	f := &roadmapFixture{db: db}
	root := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	f.unit = mustUnit(t, db, "SJ.01", budaya.LevelEselon2, root.ID)
	f.closed = mustUnit(t, db, "SJ.09", budaya.LevelEselon2, root.ID)
	if err := db.CloseUnit(ctx, sys, f.closed.ID); err != nil {
		t.Fatal(err)
	}
	f.pic = mustEmployee(t, db, "198503152010012003", "Siti Aminah", f.unit.ID, 0)
	var err error
	if f.roadmap, err = db.CreateRoadmap(ctx, sys, budaya.RoadmapInput{Name: "Roadmap Budaya Kerja 2025-2029", StartYear: 2025, EndYear: 2029}); err != nil {
		t.Fatal(err)
	}
	if f.programme, err = db.CreateProgramme(ctx, sys, f.roadmap.ID, budaya.ProgrammeInput{Code: "p1", Name: "Internalisasi nilai"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *roadmapFixture) input() budaya.ActivityInput {
	return budaya.ActivityInput{ProgrammeID: f.programme.ID, Code: "K1", Name: "Apel pagi BerAKHLAK", ValueCodes: []string{"AK", "bp"},
		BehaviourCodes: []string{"AK1"}, OwnerUnitID: f.unit.ID, PICEmployeeID: f.pic.ID, Quarters: "2025Q1-2026Q4",
		Indicator: "Apel terlaksana", IndicatorUnit: "kali", Target: "48", Realisation: "12", Status: budaya.ActivityRunning}
}

func TestRoadmapActivityBudget(t *testing.T) {
	t.Parallel()
	f := newRoadmapFixture(t)
	db := f.db
	if len(f.roadmap.Phases) != 3 || f.roadmap.Phases[2].EndYear != 2029 {
		t.Errorf("default phases: got %+v", f.roadmap.Phases)
	}
	a, err := db.CreateActivity(ctx, sys, f.input(),
		budaya.BudgetLineInput{FiscalYear: "2025", Ceiling: "Rp 25.000.000", Realised: "Rp 20.000.000", AccountCode: "521211"},
		budaya.BudgetLineInput{FiscalYear: "2026", Ceiling: "30.000.000", AccountCode: "521211"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(a.ValueCodes, ","); got != "AK,BP" || len(a.Quarters) != 8 || len(a.Budget) != 2 || a.PICName != "Siti Aminah" {
		t.Errorf("activity: values %q, %d quarters, %d lines, pic %q", got, len(a.Quarters), len(a.Budget), a.PICName)
	}

	// Bad input: clear messages, nothing half-saved.
	bad := []struct {
		name   string
		mod    func(*budaya.ActivityInput)
		lines  []budaya.BudgetLineInput
		substr string
	}{
		{"closed unit", func(in *budaya.ActivityInput) { in.OwnerUnitID = f.closed.ID }, nil, "ditutup"},
		{"quarter outside span", func(in *budaya.ActivityInput) { in.Quarters = "2030Q1" }, nil, "di luar rentang"},
		{"unknown value", func(in *budaya.ActivityInput) { in.ValueCodes = []string{"XX"} }, nil, "tidak ada di kerangka"},
		{"negative line", nil, []budaya.BudgetLineInput{{FiscalYear: "2025", Ceiling: "5", AccountCode: "521211"}, {FiscalYear: "2026", Ceiling: "-5", AccountCode: "521211"}}, "negatif"},
		{"duplicate code", func(in *budaya.ActivityInput) { in.Code = "k1" }, nil, "sudah dipakai"},
	}
	for _, tt := range bad {
		in := f.input()
		in.Code = "K2"
		if tt.mod != nil {
			tt.mod(&in)
		}
		_, err := db.CreateActivity(ctx, sys, in, tt.lines...)
		if e := budaya.AsError(err); e == nil || e.Code != budaya.EINVALID || !strings.Contains(e.Message, tt.substr) {
			t.Errorf("%s: got %v, want invalid with %q", tt.name, err, tt.substr)
		}
	}
	all, err := db.ListActivities(ctx, budaya.ActivityFilter{RoadmapID: f.roadmap.ID})
	if err != nil || len(all) != 1 || len(all[0].Budget) != 2 {
		t.Fatalf("after refusals: got %d activities, %v; want only the first, unchanged", len(all), err)
	}

	// Realisation above the ceiling is allowed, and flagged.
	if _, err := db.UpdateBudgetLine(ctx, sys, a.Budget[0].ID, budaya.BudgetLineInput{FiscalYear: "2025", Ceiling: "25.000.000", Realised: "26.500.000", AccountCode: "521211"}); err != nil {
		t.Fatal(err)
	}
	noValue := f.input()
	noValue.Code, noValue.ValueCodes, noValue.Quarters = "K3", nil, "2026"
	if _, err := db.CreateActivity(ctx, sys, noValue); err != nil {
		t.Fatal(err)
	}
	a, _ = db.FindActivity(ctx, a.ID)
	if flags := strings.Join(a.Flags(), ","); flags != budaya.FlagOverCeiling {
		t.Errorf("flags of over-spent activity: got %q", flags)
	}
	as, _ := db.ListActivities(ctx, budaya.ActivityFilter{Year: 2026, ValueCode: "AK"})
	if len(as) != 1 {
		t.Errorf("filter year 2026 value AK: got %d activities, want 1", len(as))
	}

	s, err := db.Budget(ctx, 2025, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Ceiling != 25_000_000 || s.Total.Realised != 26_500_000 || !s.Total.Over {
		t.Errorf("budget 2025: got %+v", s.Total)
	}
	p, err := db.BudgetProposal(ctx, 2026, f.roadmap.ID)
	if err != nil || p.Amount != 30_000_000 || p.Previous != 25_000_000 {
		t.Errorf("proposal 2026: got %d (previous %d), %v", p.Amount, p.Previous, err)
	}
	if _, err := db.Budget(ctx, 20, 0); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("budget of year 20: got %v, want invalid", err)
	}
}

func TestChangeAgentsAndChecklist(t *testing.T) {
	t.Parallel()
	f := newRoadmapFixture(t)
	db := f.db
	a, err := db.CreateActivity(ctx, sys, f.input())
	if err != nil {
		t.Fatal(err)
	}
	agentEmp := mustEmployee(t, db, "199001012015031001", "Budi Santoso", f.unit.ID, 0)
	if _, err := db.AppointChangeAgent(ctx, sys, budaya.ChangeAgentInput{UnitID: f.unit.ID, EmployeeID: agentEmp.ID, DecreeNumber: "800/1/SK/2025",
		StartsOn: "2025-12-31", EndsOn: "2025-01-01"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("dates in the wrong order: got %v, want invalid", err)
	}
	ag, err := db.AppointChangeAgent(ctx, sys, budaya.ChangeAgentInput{UnitID: f.unit.ID, EmployeeID: agentEmp.ID, DecreeNumber: "800/1/SK/2025",
		StartsOn: "2025-01-01", EndsOn: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := db.FindUser(ctx, ag.UserID)
	if err != nil {
		t.Fatal(err)
	}
	if !u.HasRole(budaya.RoleAgenPerubahan) || u.Username != "199001012015031001" {
		t.Errorf("appointed account: got %s roles %+v, want the NIP with agen_perubahan", u.Username, u.Roles)
	}
	if _, err := db.RecordAgentAction(ctx, sys, ag.ID, budaya.AgentActionInput{ActivityID: a.ID, DoneOn: "2027-01-05", Description: "Apel"}, nil); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("action outside the term: got %v, want invalid", err)
	}
	if _, err := db.RecordAgentAction(ctx, sys, ag.ID, budaya.AgentActionInput{ActivityID: a.ID, DoneOn: "2025-03-03", Description: "Apel pagi dengan pesan BerAKHLAK"}, nil); err != nil {
		t.Fatal(err)
	}
	agentActor := budaya.Actor{UserID: ag.UserID}
	today := time.Date(2025, 4, 20, 0, 0, 0, 0, time.UTC)
	if _, err := db.SubmitAgentReport(ctx, agentActor, ag.ID, budaya.AgentReportInput{Month: "2025-05", Summary: "Belum terjadi.", Today: today}, nil); budaya.ErrorCode(err) != budaya.EINVALID ||
		!strings.Contains(budaya.AsError(err).Text("id"), "belum tiba") {
		t.Errorf("report for a future month: got %v, want invalid (belum tiba)", err)
	}
	rep, err := db.SubmitAgentReport(ctx, agentActor, ag.ID, budaya.AgentReportInput{Month: "2025-03", Summary: "Tiga apel pagi.", Today: today}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Actions) != 1 {
		t.Errorf("report actions: got %d, want 1", len(rep.Actions))
	}
	// Only the unit's leader decides.
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: ag.UserID}, rep.ID, true, ""); budaya.ErrorCode(err) != budaya.EFORBIDDEN {
		t.Errorf("agent approving own report: got %v, want forbidden", err)
	}
	// Being named the unit's leader gives no right: only the pimpinan grant does.
	if _, err := db.UpdateUnit(ctx, sys, f.unit.ID, store.UnitUpdate{Code: f.unit.Code, Name: f.unit.Name, Level: f.unit.Level, LeaderEmployeeID: f.pic.ID}); err != nil {
		t.Fatal(err)
	}
	named, err := db.GrantEmployeeRole(ctx, sys, f.pic.ID, budaya.RoleGrant{Role: budaya.RolePegawai})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: named.ID}, rep.ID, true, ""); budaya.ErrorCode(err) != budaya.EFORBIDDEN {
		t.Errorf("the unit's named leader without the grant approving: got %v, want forbidden", err)
	}
	leader, err := db.GrantEmployeeRole(ctx, sys, f.pic.ID, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: f.unit.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: leader.ID}, rep.ID, false, ""); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("return without comment: got %v, want invalid", err)
	}
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: leader.ID}, rep.ID, false, "Lampirkan foto apel."); err != nil {
		t.Fatal(err)
	}
	// The resubmission is version 2; version 1 keeps its text, status and comment.
	v2, err := db.SubmitAgentReport(ctx, agentActor, ag.ID, budaya.AgentReportInput{Month: "2025-03", Summary: "Tiga apel pagi, foto terlampir.", Today: today}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A second submission while version 2 waits supersedes it as version 3.
	v3, err := db.SubmitAgentReport(ctx, agentActor, ag.ID, budaya.AgentReportInput{Month: "2025-03", Summary: "Tiga apel pagi, foto dan daftar hadir terlampir.", Today: today}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 2 || v3.Version != 3 || v2.ID == rep.ID || v3.ID == v2.ID || v3.Status != budaya.ReportSubmitted || v3.Comment != "" {
		t.Errorf("versions: got v%d (#%d), v%d (#%d) %s %q; want 2 and 3, new rows, submitted without comment", v2.Version, v2.ID, v3.Version, v3.ID, v3.Status, v3.Comment)
	}
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: leader.ID}, v2.ID, true, ""); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("deciding a superseded version: got %v, want conflict", err)
	}
	if err := db.DecideAgentReport(ctx, budaya.Actor{UserID: leader.ID}, v3.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	all, err := db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: ag.ID})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range all {
		got = append(got, fmt.Sprintf("v%d %s %s %q", r.Version, r.Status, r.Summary, r.Comment))
	}
	want := []string{`v3 approved Tiga apel pagi, foto dan daftar hadir terlampir. ""`, `v2 superseded Tiga apel pagi, foto terlampir. ""`,
		`v1 returned Tiga apel pagi. "Lampirkan foto apel."`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("report versions:\n got %q\nwant %q", got, want)
	}
	if _, err := db.SubmitAgentReport(ctx, agentActor, ag.ID, budaya.AgentReportInput{Month: "2025-03", Summary: "Lagi.", Today: today}, nil); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("a new version of an approved month: got %v, want invalid", err)
	}
	// Data saya: the agent finds every version they wrote; the leader finds
	// their decisions and comments, not the agent's summary.
	mine, err := db.SubjectData(ctx, store.Subject{EmployeeID: agentEmp.ID, UserID: ag.UserID})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := db.SubjectData(ctx, store.Subject{EmployeeID: f.pic.ID, UserID: leader.ID})
	if err != nil {
		t.Fatal(err)
	}
	section := func(x *store.SubjectExport, key string) []map[string]any {
		for _, s := range x.Sections {
			if s.Key == key {
				return s.Rows
			}
		}
		return nil
	}
	if rows := section(mine, "change_agent_reports"); len(rows) != 3 || fmt.Sprint(rows[0]["summary"]) != "Tiga apel pagi." || fmt.Sprint(rows[0]["comment"]) != "Lampirkan foto apel." {
		t.Errorf("agent's Data saya: got %v, want the 3 versions with the leader's comment", rows)
	}
	decided := section(theirs, "agent_reports_decided")
	if len(decided) != 2 || fmt.Sprint(decided[0]["comment"]) != "Lampirkan foto apel." || decided[0]["summary"] != nil {
		t.Errorf("leader's Data saya: got %v, want 2 decisions with the comment and no summary", decided)
	}
	if err := db.EndChangeAgent(ctx, sys, ag.ID); err != nil {
		t.Fatal(err)
	}
	if u, _ = db.FindUser(ctx, ag.UserID); u.HasRole(budaya.RoleAgenPerubahan) {
		t.Errorf("after ending the appointment the role remains")
	}

	// Checklist.
	c1, err := db.CreateChecklistCriterion(ctx, sys, budaya.ChecklistCriterionInput{Code: "POSTER", Name: "Nilai dipasang di kantor", Points: "10"})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := db.CreateChecklistCriterion(ctx, sys, budaya.ChecklistCriterionInput{Code: "APEL", Name: "Pesan BerAKHLAK saat apel", Points: "30"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateChecklistCriterion(ctx, sys, budaya.ChecklistCriterionInput{Code: "X", Name: "X", Points: "0"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("criterion with 0 points: got %v", err)
	}
	per, err := db.CreateChecklistPeriod(ctx, sys, "Semester I 2026", "2026-01-01", "2026-06-30")
	if err != nil {
		t.Fatal(err)
	}
	r1, err := db.ReportChecklist(ctx, sys, per.ID, f.unit.ID, c1.ID, "Poster di lobi", nil)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := db.ReportChecklist(ctx, sys, per.ID, f.unit.ID, c2.ID, "Setiap Senin", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReportChecklist(ctx, sys, per.ID, f.closed.ID, c2.ID, "x", nil); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("report for a closed unit: got %v, want invalid", err)
	}
	if err := db.VerifyChecklist(ctx, sys, r1, true, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.VerifyChecklist(ctx, sys, r2, false, "Tidak ada bukti"); err != nil {
		t.Fatal(err)
	}
	scores, err := db.ChecklistScores(ctx, per.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s := scores[f.unit.ID]; s.Points != 10 || s.MaxPoints != 40 || s.Percent() != 25 {
		t.Errorf("score: got %+v, want 10 of 40", s)
	}
}

// TestAgentReportsSurviveVersioning builds a database as release 10 left it,
// with a returned report, and upgrades: migration 11 keeps the report as
// version 1 with its comment, and the next submission is version 2.
func TestAgentReportsSurviveVersioning(t *testing.T) {
	t.Parallel()
	db, err := store.Open(ctx, storetest.DSN(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.MigrateToForTest(ctx, 10); err != nil {
		t.Fatal(err)
	}
	root := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	emp := mustEmployee(t, db, "199001012015031001", "Budi Santoso", root.ID, 0)
	ag, err := db.AppointChangeAgent(ctx, sys, budaya.ChangeAgentInput{UnitID: root.ID, EmployeeID: emp.ID, DecreeNumber: "800/1/SK/2025",
		StartsOn: "2025-01-01", EndsOn: "2026-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO agent_reports (agent_id, month, summary, status, submitted_at, comment) VALUES (?, ?, ?, ?, ?, ?)`,
		ag.ID, "2025-03", "Laporan lama.", budaya.ReportReturned, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), "Lampirkan foto."); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	v2, err := db.SubmitAgentReport(ctx, budaya.Actor{UserID: ag.UserID}, ag.ID, budaya.AgentReportInput{Month: "2025-03", Summary: "Laporan baru.",
		Today: time.Date(2025, 4, 20, 0, 0, 0, 0, time.UTC)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	all, err := db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: ag.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].ID != v2.ID || v2.Version != 2 || all[1].Version != 1 || all[1].Summary != "Laporan lama." || all[1].Comment != "Lampirkan foto." {
		t.Errorf("after the upgrade: got %+v, want the old report as version 1 and the new as version 2", all)
	}
}
