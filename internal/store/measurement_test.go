package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// openPeriod creates and opens a period over org with both instruments and
// generates its tasks.
func openPeriod(t *testing.T, db *store.DB, org *storetest.Org) *budaya.Period {
	t.Helper()
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei 2026", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatalf("create period: %v", err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatalf("open period: %v", err)
	}
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatalf("generate tasks: %v", err)
	}
	p, err = db.FindPeriod(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fullAnswers rates every behaviour of the official framework with score.
func fullAnswers(t *testing.T, db *store.DB, score func(i int) int) []budaya.Answer {
	t.Helper()
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []budaya.Answer
	for i, c := range f.BehaviourCodes() {
		out = append(out, budaya.Answer{BehaviourCode: c, Score: score(i)})
	}
	return out
}

func taskOf(t *testing.T, db *store.DB, rater int64, instrument, group string, ratee int64) budaya.Task {
	t.Helper()
	ts, _, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: rater, Instrument: instrument, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range ts {
		if tk.RaterGroup == group && tk.RateeEmployeeID == ratee {
			return tk
		}
	}
	t.Fatalf("no %s/%s task of %d about %d in %+v", instrument, group, rater, ratee, ts)
	return budaya.Task{}
}

func TestPeriodValidation(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 2)
	f, _ := db.ActiveFramework(ctx)
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	ok := budaya.PeriodInput{Name: "P", StartsAt: start, EndsAt: start.AddDate(0, 1, 0), FrameworkID: f.ID, HasSurvey: true, UnitIDs: []int64{org.Root}}
	tests := []struct {
		name  string
		edit  func(*budaya.PeriodInput)
		field string
	}{
		{"no name", func(in *budaya.PeriodInput) { in.Name = " " }, "name"},
		{"end before start", func(in *budaya.PeriodInput) { in.EndsAt = start.AddDate(0, 0, -1) }, "ends_at"},
		{"no instrument", func(in *budaya.PeriodInput) { in.HasSurvey = false }, "instruments"},
		{"K too small", func(in *budaya.PeriodInput) { in.MinGroup = 2 }, "min_group"},
		{"K too large", func(in *budaya.PeriodInput) { in.MinGroup = 11 }, "min_group"},
		{"no units", func(in *budaya.PeriodInput) { in.UnitIDs = nil }, "units"},
		{"unknown unit", func(in *budaya.PeriodInput) { in.UnitIDs = []int64{999999} }, "units"},
		{"unknown framework", func(in *budaya.PeriodInput) { in.FrameworkID = 999999 }, "framework_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ok
			tt.edit(&in)
			_, err := db.CreatePeriod(ctx, sys, in)
			e := budaya.AsError(err)
			if e == nil || e.Code != budaya.EINVALID || e.Field != tt.field {
				t.Errorf("got %v, want invalid %s", err, tt.field)
			}
		})
	}
	p, err := db.CreatePeriod(ctx, sys, ok)
	if err != nil {
		t.Fatal(err)
	}
	if p.MinGroup != budaya.DefaultMinGroup || p.Status != budaya.PeriodDraft {
		t.Errorf("got K %d status %s, want %d draft", p.MinGroup, p.Status, budaya.DefaultMinGroup)
	}
}

func TestOpenPeriodSnapshotAndTasks(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 2, 6)
	p := openPeriod(t, db, org)
	// 15 staff: head, 2 leaders, 12 staff. Survey 15; self 15; atasan 14; bawahan 14;
	// peers: each staff member gets 3 of the 5 other staff of the unit; leaders and the head none.
	want := 15 + 15 + 14 + 14 + 12*3
	if p.TasksTotal != want || p.TasksDone != want || p.Generation != "done" {
		t.Errorf("tasks: got done %d total %d %s, want %d done", p.TasksDone, p.TasksTotal, p.Generation, want)
	}
	// Rerunning adds nothing.
	if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_tasks WHERE period_id = ?`, p.ID); n != want {
		t.Errorf("after rerun: got %d tasks, want %d", n, want)
	}
	// The snapshot does not follow later moves.
	if _, err := db.UpdateEmployee(ctx, sys, org.Staff[0][0], budaya.Employee{NIP: storetest.NIP(3), Name: "Pegawai 1-1", UnitID: org.Units[1], SupervisorID: org.Leaders[1]}); err != nil {
		t.Fatal(err)
	}
	m, err := db.FindSnapshotMember(ctx, p.ID, org.Staff[0][0])
	if err != nil {
		t.Fatal(err)
	}
	if m.UnitID != org.Units[0] {
		t.Errorf("snapshot unit after move: got %d, want %d", m.UnitID, org.Units[0])
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("open twice: got %v, want conflict", err)
	}
}

func TestDraftSubmitAndRefusals(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 4)
	p := openPeriod(t, db, org)
	me, other := org.Staff[0][0], org.Staff[0][1]
	survey := taskOf(t, db, me, budaya.InstrumentSurvey, budaya.GroupMember, 0)

	// Drafts: save part, resume, replace.
	if err := db.SaveDraft(ctx, me, survey.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 4}, {BehaviourCode: "bp2", Score: 2, Comment: "  ok "}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDraft(ctx, me, survey.ID, []budaya.Answer{{BehaviourCode: "BP2", Score: 3}}); err != nil {
		t.Fatal(err)
	}
	_, draft, err := db.TaskForRater(ctx, me, survey.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(draft) != 2 {
		t.Fatalf("draft: got %d answers, want 2", len(draft))
	}
	for _, a := range draft {
		if a.BehaviourCode == "BP2" && a.Score != 3 {
			t.Errorf("BP2 draft: got %d, want 3 (replaced)", a.Score)
		}
	}

	refusals := []struct {
		name    string
		rater   int64
		task    int64
		answers []budaya.Answer
		code    string
	}{
		{"score 0", me, survey.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 0}}, budaya.EINVALID},
		{"score 6", me, survey.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 6}}, budaya.EINVALID},
		{"unknown behaviour", me, survey.ID, []budaya.Answer{{BehaviourCode: "XX9", Score: 3}}, budaya.EINVALID},
		{"twice the same behaviour", me, survey.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 3}, {BehaviourCode: "BP1", Score: 4}}, budaya.EINVALID},
		{"someone else's task", other, survey.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 3}}, budaya.EFORBIDDEN},
		{"tampered task id", me, survey.ID + 100000, []budaya.Answer{{BehaviourCode: "BP1", Score: 3}}, budaya.ENOTFOUND},
		{"incomplete", me, survey.ID, []budaya.Answer{{BehaviourCode: "BP3", Score: 3}}, budaya.EINVALID},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.SubmitTask(ctx, tt.rater, tt.task, "", tt.answers)
			if got := budaya.ErrorCode(err); got != tt.code {
				t.Errorf("got %v, want %s", err, tt.code)
			}
		})
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers`); n != 0 {
		t.Fatalf("after refusals: got %d answers stored, want 0", n)
	}

	// Submit: the draft with the rest laid over it.
	rest := fullAnswers(t, db, func(i int) int { return 1 + i%5 })[2:]
	res, err := db.SubmitTask(ctx, me, survey.ID, "key-1", rest)
	if err != nil || res.Replayed {
		t.Fatalf("submit: got %+v %v, want stored", res, err)
	}
	// A survey answer is a sealed ballot until the period closes: nothing in
	// measurement_answers, one ballot holding the draft with the rest laid over it.
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE period_id = ?`, p.ID); n != 0 {
		t.Errorf("answers of an open period: got %d, want 0 (sealed until close)", n)
	}
	ballots, err := db.OpenBallotsForTest(ctx, p.ID)
	if err != nil || len(ballots) != 1 || len(ballots[0]) != 21 {
		t.Fatalf("ballots: got %v %v, want one of 21 answers", ballots, err)
	}
	for _, a := range ballots[0] {
		if a.BehaviourCode == "BP2" && a.Score != 3 {
			t.Errorf("BP2 from the draft: got %d, want 3", a.Score)
		}
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_sealed_drafts WHERE task_id = ?`, survey.ID); n != 0 {
		t.Errorf("draft after submit: got %d rows, want 0", n)
	}
	// The same submission again (a retry after a lost answer) stores nothing twice.
	res, err = db.SubmitTask(ctx, me, survey.ID, "key-1", rest)
	if err != nil || !res.Replayed {
		t.Errorf("replay: got %+v %v, want replayed", res, err)
	}
	if _, err := db.SubmitTask(ctx, me, survey.ID, "key-2", rest); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("double submission: got %v, want conflict", err)
	}
	if err := db.SaveDraft(ctx, me, survey.ID, rest[:1]); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("draft after submit: got %v, want conflict", err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_ballots`); n != 1 {
		t.Errorf("after replays: got %d ballots, want 1", n)
	}

	// A 360 atasan answer is attributed, a peer answer is not.
	atasan := taskOf(t, db, org.Leaders[0], budaya.Instrument360, budaya.GroupAtasan, me)
	if _, err := db.SubmitTask(ctx, org.Leaders[0], atasan.ID, "", fullAnswers(t, db, func(int) int { return 4 })); err != nil {
		t.Fatal(err)
	}
	peerTasks, _, _ := db.ListTasks(ctx, budaya.TaskFilter{PeriodID: p.ID, Instrument: budaya.Instrument360, PerPage: 500})
	for _, tk := range peerTasks {
		if tk.RaterGroup == budaya.GroupPeer {
			if _, err := db.SubmitTask(ctx, tk.RaterEmployeeID, tk.ID, "", fullAnswers(t, db, func(int) int { return 3 })); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE rater_group = 'atasan' AND rater_employee_id = ?`, org.Leaders[0]); n != 21 {
		t.Errorf("attributed atasan answers: got %d, want 21", n)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_answers WHERE rater_group = 'peer' AND rater_employee_id IS NOT NULL`); n != 0 {
		t.Errorf("peer answers with a rater: got %d, want 0", n)
	}

	// Closed: no answers; reopened: answers again, with audit entries.
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	otherSurvey := taskOf(t, db, other, budaya.InstrumentSurvey, budaya.GroupMember, 0)
	if _, err := db.SubmitTask(ctx, other, otherSurvey.ID, "", fullAnswers(t, db, func(int) int { return 3 })); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("closed period: got %v, want conflict", err)
	}
	if err := db.SaveDraft(ctx, other, otherSurvey.ID, []budaya.Answer{{BehaviourCode: "BP1", Score: 3}}); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("draft in closed period: got %v, want conflict", err)
	}
	if err := db.ClosePeriod(ctx, sys, p.ID); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("close twice: got %v, want conflict", err)
	}
	if err := db.ReopenPeriod(ctx, budaya.Actor{Name: "admin"}, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SubmitTask(ctx, other, otherSurvey.ID, "", fullAnswers(t, db, func(int) int { return 3 })); err != nil {
		t.Errorf("reopened: got %v, want stored", err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'measurement_period' AND action = 'reopen' AND actor_name = 'admin'`); n != 1 {
		t.Errorf("reopen audit entries: got %d, want 1", n)
	}

	rates, err := db.ResponseRates(ctx, p.ID, budaya.InstrumentSurvey, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Root subtree: 1 head + 1 leader + 4 staff = 6 tasks, 2 completed.
	if rates[0].UnitID != org.Root || rates[0].Total != 6 || rates[0].Completed != 2 {
		t.Errorf("root response rate: got %+v, want 2 of 6", rates[0])
	}
}

func TestConcurrentSubmissionsStoreOnce(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 3)
	openPeriod(t, db, org)
	me := org.Staff[0][0]
	task := taskOf(t, db, me, budaya.InstrumentSurvey, budaya.GroupMember, 0)
	answers := fullAnswers(t, db, func(int) int { return 5 })
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = db.SubmitTask(ctx, me, task.ID, fmt.Sprintf("k%d", i%2), answers)
		}()
	}
	wg.Wait()
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_ballots`); n != 1 {
		t.Errorf("ballots after 8 concurrent submissions: got %d, want 1", n)
	}
}

func TestReport360Suppression(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 6)
	p := openPeriod(t, db, org)
	ratee := org.Staff[0][0]
	submit := func(rater int64, group string, score int) {
		t.Helper()
		tk := taskOf(t, db, rater, budaya.Instrument360, group, ratee)
		if _, err := db.SubmitTask(ctx, rater, tk.ID, "", fullAnswers(t, db, func(int) int { return score })); err != nil {
			t.Fatal(err)
		}
	}
	submit(ratee, budaya.GroupSelf, 5)
	submit(org.Leaders[0], budaya.GroupAtasan, 3)
	peers, _, _ := db.ListTasks(ctx, budaya.TaskFilter{PeriodID: p.ID, Instrument: budaya.Instrument360, PerPage: 500})
	var peerRaters []int64
	for _, tk := range peers {
		if tk.RaterGroup == budaya.GroupPeer && tk.RateeEmployeeID == ratee {
			peerRaters = append(peerRaters, tk.RaterEmployeeID)
		}
	}
	if len(peerRaters) != 3 {
		t.Fatalf("peers of ratee: got %d, want 3", len(peerRaters))
	}
	// Two peers: their ballots stay sealed at close, in no report.
	submit(peerRaters[0], budaya.GroupPeer, 1)
	submit(peerRaters[1], budaya.GroupPeer, 1)
	if err := db.ClosePeriod(ctx, budaya.SystemActor("test"), p.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_ballots WHERE period_id = ?`, p.ID); n != 2 {
		t.Errorf("sealed ballots of 2 peers after close: got %d, want 2", n)
	}
	rep, err := db.Report360(ctx, p.ID, ratee)
	if err != nil {
		t.Fatal(err)
	}
	bp1 := rep.Behaviours[0]
	if g := bp1.Groups[2]; g.Group != budaya.GroupPeer || !g.Suppressed || g.Mean != 0 || g.N != 0 {
		t.Errorf("peers with 2 raters: got %+v, want suppressed", g)
	}
	if bp1.Others.N != 1 || bp1.Others.Mean != 3 {
		t.Errorf("others with peers suppressed: got %+v, want only the atasan (n 1, mean 3)", bp1.Others)
	}
	if bp1.UnitMean != 3 {
		t.Errorf("unit mean must leave out suppressed groups: got %v, want 3", bp1.UnitMean)
	}
	// Reopened, a third peer answers; at the next close the three are released together.
	if err := db.ReopenPeriod(ctx, budaya.SystemActor("test"), p.ID); err != nil {
		t.Fatal(err)
	}
	submit(peerRaters[2], budaya.GroupPeer, 4)
	if err := db.ClosePeriod(ctx, budaya.SystemActor("test"), p.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.IntForTest(ctx, `SELECT COUNT(*) FROM measurement_ballots WHERE period_id = ?`, p.ID); n != 0 {
		t.Errorf("sealed ballots after the second close: got %d, want 0", n)
	}
	rep, err = db.Report360(ctx, p.ID, ratee)
	if err != nil {
		t.Fatal(err)
	}
	if g := rep.Behaviours[0].Groups[2]; g.Suppressed || g.N != 3 || g.Mean != 2 {
		t.Errorf("peers with 3 raters: got %+v, want n 3 mean 2", g)
	}
	if g := rep.Behaviours[0].Groups[0]; g.N != 1 || g.Mean != 5 {
		t.Errorf("self: got %+v, want n 1 mean 5", g)
	}
	if g := rep.Values[0]; !g.IsValue || g.Groups[1].Mean != 3 {
		t.Errorf("value row: got %+v, want atasan mean 3", g)
	}
	line, err := db.InAtasanLine(ctx, p.ID, org.Head, ratee)
	if err != nil || !line {
		t.Errorf("head in atasan line: got %v %v, want true", line, err)
	}
	if line, _ := db.InAtasanLine(ctx, p.ID, peerRaters[0], ratee); line {
		t.Error("a peer is in the atasan line, want not")
	}
}

func TestPerilakuRatingsAndDistribution(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 1, 4)
	o, _ := budaya.LoadOfficial()
	rules, err := o.PerformanceRules()
	if err != nil {
		t.Fatal(err)
	}
	const atas, sesuai = "Di Atas Ekspektasi", "Sesuai Ekspektasi"
	staff := org.Staff[0]
	if _, err := db.SaveExpectation(ctx, sys, budaya.Expectation{EmployeeID: staff[0], Year: 2026, Term: "TW1", ValueCode: "ad",
		Expectation: "Mengusulkan satu perbaikan layanan", Feedback: "Sudah mengusulkan antrean daring", EvaluatorID: org.Leaders[0]}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveExpectation(ctx, sys, budaya.Expectation{EmployeeID: staff[0], Year: 2026, Term: "TW5", ValueCode: "AD"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("term TW5: got %v, want invalid", err)
	}
	ex, err := db.ListExpectations(ctx, staff[0], 2026, "TW1")
	if err != nil || ex["AD"].Feedback == "" {
		t.Errorf("expectations: got %+v %v, want AD", ex, err)
	}
	r, err := db.RatePerilaku(ctx, sys, rules, budaya.RatingInput{EmployeeID: staff[0], Year: 2026, Term: "TW1", Perilaku: atas})
	if err != nil || r.Predikat != "" {
		t.Fatalf("perilaku only: got %+v %v, want no predikat yet", r, err)
	}
	r, err = db.RatePerilaku(ctx, sys, rules, budaya.RatingInput{EmployeeID: staff[0], Year: 2026, Term: "TW1", HasilKerja: atas})
	if err != nil || r.Predikat != "Sangat Baik" || r.HasilSource != "manual" {
		t.Fatalf("both: got %+v %v, want Sangat Baik", r, err)
	}
	if _, err := db.RatePerilaku(ctx, sys, rules, budaya.RatingInput{EmployeeID: staff[0], Year: 2026, Term: "TW1", Perilaku: "Hebat"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("bad rating: got %v, want invalid", err)
	}
	// e-Kinerja import: all or nothing.
	rows := []store.HasilRow{{Line: 2, NIP: storetest.NIP(3), HasilKerja: "SESUAI EKSPEKTASI"}, {Line: 3, NIP: "199001012020011999", HasilKerja: sesuai}}
	if _, err := db.ImportHasilKerja(ctx, sys, rules, 2026, "TW1", rows); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("import with unknown NIP: got %v, want invalid", err)
	}
	n, err := db.ImportHasilKerja(ctx, sys, rules, 2026, "TW1", rows[:1])
	if err != nil || n != 1 {
		t.Fatalf("import: got %d %v, want 1", n, err)
	}
	for _, e := range staff[1:] {
		if _, err := db.RatePerilaku(ctx, sys, rules, budaya.RatingInput{EmployeeID: e, Year: 2026, Term: "TW1", Perilaku: atas}); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range staff[1:] {
		if _, err := db.RatePerilaku(ctx, sys, rules, budaya.RatingInput{EmployeeID: e, Year: 2026, Term: "TW1", HasilKerja: atas}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetCapaian(ctx, sys, rules, 2026, "TW1", "Baik"); err != nil {
		t.Fatal(err)
	}
	d, err := db.UnitDistribution(ctx, rules, org.Units[0], 2026, "TW1")
	if err != nil {
		t.Fatal(err)
	}
	// staff[0] (NIP 3) is Baik after the import, the others Sangat Baik: no Butuh Perbaikan or Kurang.
	if d.Total != 4 || len(d.Violations) == 0 {
		t.Errorf("distribution: got %+v, want 4 rated and a violation (Baik needs one Butuh Perbaikan or Kurang)", d)
	}
	if err := db.SetCapaian(ctx, sys, rules, 2026, "TW1", "Luar biasa"); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("bad capaian: got %v, want invalid", err)
	}
}

// BenchmarkGenerateTasks100k opens a period over 100,001 employees (survey and
// 360 with 3 peers each): the snapshot and every task. Run with
//
//	go test ./internal/store -run '^$' -bench GenerateTasks100k -benchtime 3x
func BenchmarkGenerateTasks100k(b *testing.B) {
	db := storetest.Open(b)
	org := storetest.MakeOrg(b, db, 500, 199)
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	tasks := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: fmt.Sprintf("P%d", i), StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
			FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 3, UnitIDs: []int64{org.Root}})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
			b.Fatal(err)
		}
		if err := db.GenerateTasks(ctx, p.ID, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		p, _ = db.FindPeriod(ctx, p.ID)
		tasks = p.TasksTotal
		b.StartTimer()
	}
	b.ReportMetric(float64(tasks), "tasks/op")
}

func TestResponseRatesHideSmallSurveyGroups(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 2, 5)
	p := openPeriod(t, db, org)
	// Biro 1 has 6 members (K = 5): shown; the root alone has only the head, but
	// its subtree has 13: shown. A unit of 3 would not be.
	rates, err := db.ResponseRates(ctx, p.ID, budaya.InstrumentSurvey, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rates {
		if r.Suppressed {
			t.Errorf("unit %s with %d tasks: suppressed, want shown", r.UnitName, r.Total)
		}
	}
	small := storetest.MakeOrgUnder(t, db, org.Root, "KECIL", 2)
	p2 := openPeriod(t, db, org)
	rates, err = db.ResponseRates(ctx, p2.ID, budaya.InstrumentSurvey, small)
	if err != nil {
		t.Fatal(err)
	}
	if len(rates) != 1 || !rates[0].Suppressed || rates[0].Completed != 0 || rates[0].Total != 3 {
		t.Errorf("unit of 3: got %+v, want suppressed", rates)
	}
}

// TestResponseRatesOfLargePeriodKept: the rolled-up rates of a large period
// are kept (issue 18.3): for 30 s while it is open, and while it stays closed
// (its tasks cannot change) until a reopen bumps its figures version. The
// rows returned are the caller's: changing them does not change the kept ones.
func TestResponseRatesOfLargePeriodKept(t *testing.T) {
	t.Parallel()
	clk := &clock{t: time.Date(2026, 1, 10, 8, 0, 0, 0, time.UTC)}
	db := storetest.OpenWith(t, store.Options{Now: clk.Now})
	db.LargePeriodFromForTest(1)
	org := storetest.MakeOrg(t, db, 2, 4)
	p := openPeriod(t, db, org)
	rootDone := func() int {
		t.Helper()
		rates, err := db.ResponseRates(ctx, p.ID, budaya.InstrumentSurvey, 0)
		if err != nil {
			t.Fatal(err)
		}
		if rates[0].UnitID != org.Root {
			t.Fatalf("first row: got unit %d, want the root %d", rates[0].UnitID, org.Root)
		}
		done := rates[0].Completed
		rates[0].Completed = -100 // the caller's copy
		return done
	}
	if got := rootDone(); got != 0 {
		t.Fatalf("before any answer: got %d completed, want 0", got)
	}
	me := org.Staff[0][0]
	if _, err := db.SubmitTask(ctx, me, taskOf(t, db, me, budaya.InstrumentSurvey, budaya.GroupMember, 0).ID, "", fullAnswers(t, db, func(int) int { return 4 })); err != nil {
		t.Fatal(err)
	}
	if got := rootDone(); got != 0 {
		t.Errorf("open, within 30 s of the first count: got %d completed, want the kept 0", got)
	}
	clk.Add(31 * time.Second)
	if got := rootDone(); got != 1 {
		t.Errorf("open, 31 s after the first count: got %d completed, want 1", got)
	}
	other := org.Staff[1][0]
	if _, err := db.SubmitTask(ctx, other, taskOf(t, db, other, budaya.InstrumentSurvey, budaya.GroupMember, 0).ID, "", fullAnswers(t, db, func(int) int { return 4 })); err != nil {
		t.Fatal(err)
	}
	// Closing moves the period out of its open entry: the rates are counted again.
	if err := db.ClosePeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := rootDone(); got != 2 {
		t.Errorf("closed: got %d completed, want 2", got)
	}
	// Nothing changes the tasks of a closed period; a change made past the
	// store (here) is not read again while the period stays closed...
	third := org.Staff[1][1]
	task := taskOf(t, db, third, budaya.InstrumentSurvey, budaya.GroupMember, 0)
	if err := db.ExecForTest(ctx, `UPDATE measurement_tasks SET status = 'completed' WHERE id = ?`, task.ID); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Hour)
	if got := rootDone(); got != 2 {
		t.Errorf("closed, an hour later: got %d completed, want the kept 2", got)
	}
	// ...and a reopen (a new figures version) counts again.
	if err := db.ReopenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if got := rootDone(); got != 3 {
		t.Errorf("reopened: got %d completed, want 3", got)
	}
	// A unit's subtree comes from the same kept rows.
	sub, err := db.ResponseRates(ctx, p.ID, budaya.InstrumentSurvey, org.Units[1])
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) != 1 || sub[0].UnitID != org.Units[1] || sub[0].Total != 5 || sub[0].Completed != 2 {
		t.Errorf("subtree of unit 2: got %+v, want 2 of 5", sub)
	}
}
