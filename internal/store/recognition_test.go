package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/signals"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// staff is a small instansi: two units, people with accounts.
type staff struct {
	db           *store.DB
	biro, bagian *budaya.Unit
	emp          []*budaya.Employee
	users        []*budaya.User
}

func actorOf(u *budaya.User) budaya.Actor { return budaya.Actor{UserID: u.ID, Name: u.Username} }

func newStaff(t *testing.T, db *store.DB, n int) *staff {
	t.Helper()
	s := &staff{db: db}
	s.biro = mustUnit(t, db, "B1", budaya.LevelEselon2, 0)
	s.bagian = mustUnit(t, db, "B1.1", budaya.LevelEselon3, s.biro.ID)
	for i := 0; i < n; i++ {
		unit, sup := s.bagian.ID, int64(0)
		if i == 0 {
			unit = s.biro.ID
		} else {
			sup = s.emp[0].ID
		}
		e := mustEmployee(t, db, nipFor(i+100), fmt.Sprintf("Pegawai %02d", i), unit, sup)
		u, err := db.CreateUser(ctx, sys, budaya.UserInput{Username: fmt.Sprintf("p%02d", i), DisplayName: e.Name, Password: goodPassword, EmployeeID: e.ID,
			Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}})
		if err != nil {
			t.Fatalf("create user: %v", err)
		}
		s.emp, s.users = append(s.emp, e), append(s.users, u)
	}
	return s
}

func (s *staff) thank(t *testing.T, from, to int, vis string, values ...string) (*budaya.Recognition, error) {
	t.Helper()
	if len(values) == 0 {
		values = []string{"BP"}
	}
	return s.db.CreateRecognition(ctx, actorOf(s.users[from]), budaya.RecognitionInput{RecipientID: s.emp[to].ID,
		Message: fmt.Sprintf("Terima kasih sudah membantu menyelesaikan berkas nomor %d-%d.", from, to), Visibility: vis, Values: values}, time.UTC)
}

func TestRecognitionRulesAndVisibility(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 4)
	r, err := db.CreateRecognition(ctx, actorOf(s.users[1]), budaya.RecognitionInput{RecipientID: s.emp[2].ID,
		Message: "Membantu warga mengisi formulir daring dengan sabar.", Values: []string{"BP", "JUJUR"}, Behaviours: []string{"BP1", "AK1"}}, time.UTC)
	if err == nil {
		t.Fatalf("a behaviour outside the chosen values: got %+v, want an error", r)
	}
	r, err = db.CreateRecognition(ctx, actorOf(s.users[1]), budaya.RecognitionInput{RecipientID: s.emp[2].ID,
		Message: "Membantu warga mengisi formulir daring dengan sabar.", Values: []string{"BP"}, Behaviours: []string{"BP1", "BP2"}}, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if r.Visibility != budaya.VisibilityUnit || strings.Join(r.Values, ",") != "BP" || strings.Join(r.Behaviours, ",") != "BP1,BP2" || r.UnitID != s.bagian.ID {
		t.Errorf("stored: got %+v", r)
	}
	tests := []struct {
		name string
		user *budaya.User
		in   budaya.RecognitionInput
		code string
	}{
		{"self", s.users[1], budaya.RecognitionInput{RecipientID: s.emp[1].ID, Message: "Saya hebat sekali hari ini.", Values: []string{"BP"}}, budaya.EINVALID},
		{"no value", s.users[1], budaya.RecognitionInput{RecipientID: s.emp[2].ID, Message: "Terima kasih banyak atas bantuannya."}, budaya.EINVALID},
		{"unknown value", s.users[1], budaya.RecognitionInput{RecipientID: s.emp[2].ID, Message: "Terima kasih banyak atas bantuannya.", Values: []string{"XX"}}, budaya.EINVALID},
		{"too short", s.users[1], budaya.RecognitionInput{RecipientID: s.emp[2].ID, Message: "Makasih", Values: []string{"BP"}}, budaya.EINVALID},
		{"unknown recipient", s.users[1], budaya.RecognitionInput{RecipientID: 99999, Message: "Terima kasih banyak atas bantuannya.", Values: []string{"BP"}}, budaya.EINVALID},
		{"bad visibility", s.users[1], budaya.RecognitionInput{RecipientID: s.emp[2].ID, Message: "Terima kasih banyak atas bantuannya.", Values: []string{"BP"}, Visibility: "all"}, budaya.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.CreateRecognition(ctx, actorOf(tt.user), tt.in, time.UTC)
			if got := budaya.ErrorCode(err); got != tt.code {
				t.Errorf("got %s (%v), want %s", got, err, tt.code)
			}
		})
	}
	// An account without an employee cannot send.
	admin := mustCreateUser(t, db, "adminonly", budaya.RoleAdmin)
	if _, err := db.CreateRecognition(ctx, actorOf(admin), budaya.RecognitionInput{RecipientID: s.emp[2].ID, Message: "Terima kasih banyak atas bantuannya.", Values: []string{"BP"}}, time.UTC); budaya.ErrorCode(err) != budaya.EFORBIDDEN {
		t.Errorf("unlinked account: got %v, want forbidden", err)
	}

	// Private: recipient 3, sender 2; the atasan of 3 is employee 0.
	priv, err := s.thank(t, 2, 3, budaya.VisibilityPrivate, "AK")
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true, true} {
		ok, err := db.CanSeeRecognition(ctx, priv, budaya.EmployeeReader(s.emp[i].ID))
		if err != nil || ok != want {
			t.Errorf("employee %d sees private: got %v %v, want %v", i, ok, err, want)
		}
		list, _, err := db.ListRecognitions(ctx, budaya.RecognitionFilter{ViewerEmployeeID: s.emp[i].ID})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(list); got != map[bool]int{true: 2, false: 1}[want] {
			t.Errorf("employee %d wall: got %d recognitions, want %d", i, got, map[bool]int{true: 2, false: 1}[want])
		}
	}
	list, total, err := db.ListRecognitions(ctx, budaya.RecognitionFilter{ViewerEmployeeID: s.emp[3].ID, Value: "AK"})
	if err != nil || total != 1 || list[0].ID != priv.ID {
		t.Errorf("filter by value: got %d %v, want the private one", total, err)
	}
	if _, total, _ := db.ListRecognitions(ctx, budaya.RecognitionFilter{UnitID: s.biro.ID}); total != 1 {
		t.Errorf("wall of the parent unit (subtree): got %d, want 1 public", total)
	}
}

func TestRecognitionDailyLimit(t *testing.T) {
	t.Parallel()
	c := &clock{t: time.Date(2026, 5, 4, 1, 0, 0, 0, time.UTC)} // 08:00 in Jakarta
	db := storetest.OpenWith(t, store.Options{Now: c.Now})
	s := newStaff(t, db, 3)
	if err := db.SetSetting(ctx, sys, budaya.SettingRecognitionDailyLimit, "2"); err != nil {
		t.Fatal(err)
	}
	jkt, _ := time.LoadLocation("Asia/Jakarta")
	send := func() error {
		_, err := db.CreateRecognition(ctx, actorOf(s.users[1]), budaya.RecognitionInput{RecipientID: s.emp[2].ID,
			Message: "Terima kasih atas rekap data yang rapi.", Values: []string{"AK"}}, jkt)
		return err
	}
	for i := 0; i < 2; i++ {
		if err := send(); err != nil {
			t.Fatalf("recognition %d: %v", i+1, err)
		}
	}
	if err := send(); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Fatalf("third on the same day: got %v, want the daily limit", err)
	}
	c.Add(15 * time.Hour) // 23:00 in Jakarta: still the same day there
	if err := send(); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Fatalf("late the same local day: got %v, want the daily limit", err)
	}
	c.Add(2 * time.Hour) // 01:00 the next day in Jakarta
	if err := send(); err != nil {
		t.Fatalf("next day: got %v, want accepted", err)
	}
}

func TestUnitRecognitionStatsSuppressSmallGroups(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 8)
	for i := 2; i <= 5; i++ { // four distinct recipients
		if _, err := s.thank(t, 1, i, budaya.VisibilityUnit, "BP", "KO"); err != nil {
			t.Fatal(err)
		}
	}
	st, err := db.UnitRecognitionStats(ctx, s.bagian.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if !st.Suppressed || st.PerValue != nil || st.Recipients != 4 {
		t.Errorf("four recipients with K=5: got %+v, want suppressed counts", st)
	}
	if _, err := s.thank(t, 1, 6, budaya.VisibilityPrivate, "BP"); err != nil {
		t.Fatal(err)
	}
	st, err = db.UnitRecognitionStats(ctx, s.bagian.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Suppressed || len(st.PerValue) != 2 || st.PerValue[0] != (budaya.ValueCount{Code: "BP", Count: 5}) || st.PerValue[1] != (budaya.ValueCount{Code: "KO", Count: 4}) {
		t.Errorf("five recipients: got %+v, want BP 5, KO 4", st)
	}
}

func TestNominationRoundWithConflictOfInterest(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 8)
	admin := mustCreateUser(t, db, "admin1", budaya.RoleAdmin)
	round, err := db.CreateRound(ctx, actorOf(admin), budaya.NominationRoundInput{Title: "Duta Berorientasi Pelayanan", Period: "Triwulan II 2026", ValueCode: "BP",
		NominateUntil: db.Now().Add(48 * time.Hour), Criteria: []budaya.Criterion{{Name: "Dampak", Weight: 60}, {Name: "Konsistensi", Weight: 40}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateRound(ctx, actorOf(admin), budaya.NominationRoundInput{Title: "X", Period: "Y", ValueCode: "BP", NominateUntil: db.Now().Add(time.Hour),
		Criteria: []budaya.Criterion{{Name: "Dampak", Weight: 60}}}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("weights adding to 60: got %v, want invalid", err)
	}
	nominate := func(by, who int) error {
		_, err := db.Nominate(ctx, actorOf(s.users[by]), round.ID, budaya.NominationInput{NomineeID: s.emp[who].ID,
			Reason: "Selalu melayani warga dengan ramah dan menyelesaikan aduan dalam sehari."})
		return err
	}
	for _, n := range [][2]int{{1, 2}, {3, 2}, {1, 4}, {5, 6}} {
		if err := nominate(n[0], n[1]); err != nil {
			t.Fatalf("nominate %v: %v", n, err)
		}
	}
	if err := nominate(1, 2); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("second nomination of the same person: got %v, want invalid", err)
	}
	if err := nominate(1, 1); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("self nomination: got %v, want invalid", err)
	}
	// Committee: members 0 (the atasan of all), 7 and the admin; member 6 is a nominee and on the committee.
	committee := []int64{s.users[0].ID, s.users[7].ID, s.users[6].ID}
	if err := db.SetCommittee(ctx, actorOf(admin), round.ID, committee); err != nil {
		t.Fatal(err)
	}
	c0, c7, c6 := actorOf(s.users[0]), actorOf(s.users[7]), actorOf(s.users[6])
	crit := map[int64]int{}
	full := func(a, b int) map[int64]int {
		return map[int64]int{round.Criteria[0].ID: a, round.Criteria[1].ID: b}
	}
	if err := db.Declare(ctx, c0, round.ID, s.emp[2].ID, false, ""); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("declare while nominations are open: got %v, want conflict", err)
	}
	if err := db.CloseNominations(ctx, actorOf(admin), round.ID); err != nil {
		t.Fatal(err)
	}
	if err := nominate(3, 4); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("nominate after closing: got %v, want conflict", err)
	}
	if err := db.ScoreNominee(ctx, c0, round.ID, s.emp[2].ID, full(5, 5)); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("score before declaring: got %v, want conflict", err)
	}
	if err := db.Declare(ctx, c6, round.ID, s.emp[6].ID, false, ""); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("a nominee declaring no conflict about themselves: got %v, want invalid", err)
	}
	if err := db.Declare(ctx, actorOf(s.users[3]), round.ID, s.emp[2].ID, false, ""); budaya.ErrorCode(err) != budaya.EFORBIDDEN {
		t.Errorf("declaration by a non-member: got %v, want forbidden", err)
	}
	// Member 0 scores nominee 2 high, then declares a conflict: the scores are dropped.
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.Declare(ctx, c0, round.ID, s.emp[2].ID, false, ""))
	must(db.ScoreNominee(ctx, c0, round.ID, s.emp[2].ID, full(5, 5)))
	must(db.Declare(ctx, c0, round.ID, s.emp[2].ID, true, "Saudara kandung"))
	if err := db.Declare(ctx, c0, round.ID, s.emp[2].ID, false, ""); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("withdrawing a conflict: got %v, want conflict (final)", err)
	}
	if err := db.ScoreNominee(ctx, c0, round.ID, s.emp[2].ID, full(5, 5)); budaya.ErrorCode(err) != budaya.EFORBIDDEN {
		t.Errorf("score after declaring a conflict: got %v, want forbidden", err)
	}
	if err := db.ScoreNominee(ctx, c7, round.ID, s.emp[2].ID, crit); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("member 7 scores before declaring: got %v", err)
	}
	must(db.Declare(ctx, c7, round.ID, s.emp[2].ID, false, ""))
	if err := db.ScoreNominee(ctx, c7, round.ID, s.emp[2].ID, map[int64]int{round.Criteria[0].ID: 4}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("missing criterion: got %v, want invalid", err)
	}
	if err := db.ScoreNominee(ctx, c7, round.ID, s.emp[2].ID, full(6, 1)); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("score 6: got %v, want invalid", err)
	}
	must(db.ScoreNominee(ctx, c7, round.ID, s.emp[2].ID, full(3, 3))) // 50
	must(db.Declare(ctx, c0, round.ID, s.emp[4].ID, false, ""))
	must(db.ScoreNominee(ctx, c0, round.ID, s.emp[4].ID, full(4, 4))) // 75
	must(db.Declare(ctx, c7, round.ID, s.emp[4].ID, false, ""))
	must(db.ScoreNominee(ctx, c7, round.ID, s.emp[4].ID, full(4, 2))) // 60*.75+40*.25 = 55
	must(db.Declare(ctx, c6, round.ID, s.emp[6].ID, true, "Saya sendiri"))
	must(db.Declare(ctx, c0, round.ID, s.emp[6].ID, false, ""))
	must(db.ScoreNominee(ctx, c0, round.ID, s.emp[6].ID, full(1, 1))) // 0

	res, err := db.RoundResults(ctx, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]budaya.NomineeResult{}
	for _, r := range res {
		got[r.NomineeID] = r
	}
	if r := got[s.emp[4].ID]; r.Rank != 1 || r.Total != 65 || r.Scorers != 2 {
		t.Errorf("nominee 4: got %+v, want rank 1, total 65 from 2 scorers", r)
	}
	if r := got[s.emp[2].ID]; r.Rank != 2 || r.Total != 50 || r.Scorers != 1 || r.Conflicted != 1 || r.Nominations != 2 {
		t.Errorf("nominee 2: got %+v, want rank 2, total 50 from 1 scorer (member 0 conflicted), 2 nominations", r)
	}
	if r := got[s.emp[6].ID]; r.Conflicted != 1 || r.Scorers != 1 {
		t.Errorf("nominee 6: got %+v, want the nominee's own membership conflicted", r)
	}
	if _, err := db.FindCertificate(ctx, round.ID, s.emp[4].ID); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("certificate before announcement: got %v, want not found", err)
	}
	res, err = db.Announce(ctx, actorOf(admin), round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].Winner || res[0].NomineeID != s.emp[4].ID || res[1].Winner {
		t.Errorf("announced: got %+v, want only nominee 4 as winner", res)
	}
	if _, err := db.Announce(ctx, actorOf(admin), round.ID); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("second announcement: got %v, want conflict", err)
	}
	cert, err := db.FindCertificate(ctx, round.ID, s.emp[4].ID)
	if err != nil || cert.Rank != 1 || !strings.HasPrefix(cert.Number, "TELADAN/") {
		t.Errorf("certificate: got %+v %v", cert, err)
	}
	badges, err := db.Badges(ctx, s.emp[4].ID)
	if err != nil || len(badges) != 1 || badges[0].ValueCode != "BP" {
		t.Errorf("badges: got %+v %v, want one BP badge", badges, err)
	}
	entries, _, err := db.ListAudit(ctx, budaya.AuditFilter{Entity: "nomination_round", Action: "declare"})
	if err != nil || len(entries) < 5 {
		t.Errorf("declarations audited: got %d entries %v", len(entries), err)
	}
}

func TestSignalsRecomputeAndReview(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 12)
	admin := mustCreateUser(t, db, "admin1", budaya.RoleAdmin)
	// A reciprocal pair (1 <-> 2) beyond ordinary thanks between others; the daily limit is lifted for the test.
	if err := db.SetSetting(ctx, sys, budaya.SettingRecognitionDailyLimit, "100"); err != nil {
		t.Fatal(err)
	}
	for i := 3; i < 12; i++ {
		if _, err := s.thank(t, i, (i-2)%9+3, budaya.VisibilityUnit); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 4; i++ {
		if _, err := s.thank(t, 1, 2, budaya.VisibilityUnit); err != nil {
			t.Fatal(err)
		}
		if _, err := s.thank(t, 2, 1, budaya.VisibilityPrivate); err != nil {
			t.Fatal(err)
		}
	}
	// One text copied to five people by employee 3.
	for i := 4; i < 9; i++ {
		if _, err := db.CreateRecognition(ctx, actorOf(s.users[3]), budaya.RecognitionInput{RecipientID: s.emp[i].ID,
			Message: "Luar biasa, terima kasih atas dedikasi dan kerja kerasnya!", Values: []string{"KO"}}, time.UTC); err != nil {
			t.Fatal(err)
		}
	}
	// Measurement: anonymous survey answers; unit "bagian" answers far above four other units.
	mustExec := func(q string, args ...any) {
		t.Helper()
		if err := db.ExecForTest(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	f, _ := db.ActiveFramework(ctx)
	now := db.Now()
	mustExec(`INSERT INTO measurement_periods (id, name, starts_at, ends_at, framework_id, status, created_at, updated_at) VALUES (1, 'Survei 2026', ?, ?, ?, 'closed', ?, ?)`,
		now.Add(-30*24*time.Hour), now.Add(-time.Hour), f.ID, now, now)
	units := []int64{s.bagian.ID}
	for i := 0; i < 4; i++ {
		units = append(units, mustUnit(t, db, fmt.Sprintf("X%d", i), budaya.LevelEselon3, s.biro.ID).ID)
	}
	for ui, unit := range units {
		for r := 0; r < 10; r++ {
			score := 3 + (r+ui)%2 // ordinary: 3 or 4
			if ui == 0 {
				score = 5
			}
			mustExec(`INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, rater_group, score, comment) VALUES (?, 'BP1', 1, 'survey', ?, 'member', ?, ?)`,
				fmt.Sprintf("r%d-%d", ui, r), unit, score, "Pelayanan di unit kami sudah sangat baik dan cepat sekali")
		}
	}
	// Tasks of unit X0: 10 of 12 completed in the last day before the end.
	for i := 0; i < 12; i++ {
		at := now.Add(-2 * time.Hour)
		if i < 2 {
			at = now.Add(-20 * 24 * time.Hour)
		}
		mustExec(`INSERT INTO measurement_tasks (period_id, instrument, rater_group, rater_employee_id, unit_id, status, completed_at) VALUES (1, 'survey', 'member', ?, ?, 'completed', ?)`,
			s.emp[i].ID, units[1], at.Add(-time.Duration(i)*time.Minute))
	}
	added, _, _, err := db.RecomputeSignals(ctx, actorOf(admin), now.Add(-90*24*time.Hour), signals.DefaultParams())
	if err != nil {
		t.Fatal(err)
	}
	list, total, err := db.ListSignals(ctx, budaya.SignalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string][]store.StoredSignal{}
	for _, sg := range list {
		kinds[sg.Kind] = append(kinds[sg.Kind], sg)
	}
	if added != total || len(kinds[signals.KindReciprocal]) != 1 || len(kinds[signals.KindTextReuse]) != 2 || len(kinds[signals.KindInflation]) != 1 || len(kinds[signals.KindBurst]) != 1 {
		for _, sg := range list {
			t.Logf("%s %s %s", sg.Kind, sg.SubjectKey, sg.ReasonEN)
		}
		t.Fatalf("signals: got %d added, %d total, want 1 reciprocal, 2 text reuse (recognition and anonymous comment), 1 inflation (unit), 1 burst", added, total)
	}
	for _, sg := range append(kinds[signals.KindInflation], kinds[signals.KindBurst]...) {
		for _, e := range s.emp {
			if strings.Contains(sg.Reason, e.Name) || strings.Contains(sg.EvidenceJSON, fmt.Sprintf(`"employee:%d"`, e.ID)) {
				t.Errorf("anonymous %s signal names %s: %s", sg.Kind, e.Name, sg.Reason)
			}
		}
	}
	rec := kinds[signals.KindReciprocal][0]
	if !strings.Contains(rec.Subject, s.emp[1].Name) || rec.Evidence["mutual"] != float64(8) {
		t.Errorf("reciprocal: got %q %v", rec.Subject, rec.Evidence)
	}
	if err := db.ReviewSignal(ctx, actorOf(admin), rec.ID, "Sudah dibicarakan dengan atasan; wajar (satu tim proyek)."); err != nil {
		t.Fatal(err)
	}
	if err := db.ReviewSignal(ctx, actorOf(admin), rec.ID, ""); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("second review: got %v, want conflict", err)
	}
	// Recomputing keeps the reviewed signal and its review.
	if _, _, _, err := db.RecomputeSignals(ctx, actorOf(admin), now.Add(-90*24*time.Hour), signals.DefaultParams()); err != nil {
		t.Fatal(err)
	}
	got, err := db.FindSignal(ctx, rec.ID)
	if err != nil || !got.Reviewed() || got.ReviewerName != admin.DisplayName {
		t.Errorf("after recompute: got %+v %v, want the review kept", got, err)
	}
	if open, _, _ := db.ListSignals(ctx, budaya.SignalFilter{Reviewed: "no"}); len(open) != total-1 {
		t.Errorf("open signals: got %d, want %d", len(open), total-1)
	}
	// With stricter thresholds nothing fires, and the unreviewed signals go.
	strict := signals.DefaultParams()
	strict.ReciprocalFactor, strict.TextMinTargets, strict.InflationMinGap, strict.BurstMinShare = 100, 100, 10, 1.1
	if _, _, removed, err := db.RecomputeSignals(ctx, actorOf(admin), now.Add(-90*24*time.Hour), strict); err != nil || removed != total-1 {
		t.Errorf("strict recompute: removed %d %v, want %d", removed, err, total-1)
	}
	if entries, _, _ := db.ListAudit(ctx, budaya.AuditFilter{Entity: "signal", Action: "review"}); len(entries) != 1 {
		t.Errorf("review audited: got %d entries, want 1", len(entries))
	}
}

// BenchmarkRecognitionWall reads the first page of the instansi wall and of
// one unit's wall, filtered by value, over 50,000 recognitions.
func BenchmarkRecognitionWall(b *testing.B) {
	db := storetest.Open(b)
	biro, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: "B1", Name: "Biro", Level: budaya.LevelEselon2})
	if err != nil {
		b.Fatal(err)
	}
	var units []int64
	for i := 0; i < 20; i++ {
		u, err := db.CreateUnit(ctx, sys, budaya.Unit{Code: fmt.Sprintf("B1.%d", i), Name: "Bagian", Level: budaya.LevelEselon3, ParentID: biro.ID})
		if err != nil {
			b.Fatal(err)
		}
		units = append(units, u.ID)
	}
	var emps []int64
	for i := 0; i < 200; i++ {
		e, err := db.CreateEmployee(ctx, sys, budaya.Employee{NIP: nipFor(i + 1000), Name: fmt.Sprintf("Pegawai %d", i), UnitID: units[i%20]})
		if err != nil {
			b.Fatal(err)
		}
		emps = append(emps, e.ID)
	}
	// 50,000 rows in one statement: sender i%200, recipient (i*7+1)%200, in the recipient's unit.
	if err := db.ExecForTest(ctx, `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 49999)
		INSERT INTO recognitions (sender_employee_id, recipient_employee_id, unit_id, message, visibility, created_at)
		SELECT ? + i % 200, ? + (i * 7 + 1) % 200, (SELECT unit_id FROM employees WHERE id = ? + (i * 7 + 1) % 200), 'Terima kasih atas kerja nyata hari ini.',
			CASE WHEN i % 11 = 0 THEN 'private' ELSE 'unit' END, ?
		FROM n`, emps[0], emps[0], emps[0], db.Now()); err != nil {
		b.Fatal(err)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO recognition_tags (recognition_id, value_code, behaviour_code)
		SELECT id, CASE id % 7 WHEN 0 THEN 'BP' WHEN 1 THEN 'AK' WHEN 2 THEN 'KO' WHEN 3 THEN 'HA' WHEN 4 THEN 'LO' WHEN 5 THEN 'AD' ELSE 'KL' END, '' FROM recognitions`); err != nil {
		b.Fatal(err)
	}
	// Statistics, as autovacuum (PostgreSQL) and a periodic ANALYZE (SQLite) keep them.
	if err := db.ExecForTest(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := db.ListRecognitions(ctx, budaya.RecognitionFilter{ViewerEmployeeID: emps[3], PerPage: 20}); err != nil {
			b.Fatal(err)
		}
		if _, n, err := db.ListRecognitions(ctx, budaya.RecognitionFilter{ViewerEmployeeID: emps[3], UnitID: units[4], Value: "AK", PerPage: 20}); err != nil || n == 0 {
			b.Fatalf("unit wall: %d %v", n, err)
		}
	}
}

func TestSignalsReadPerilakuRatingsAndFeedback(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 12)
	admin := mustCreateUser(t, db, "admin1", budaya.RoleAdmin)
	mustExec := func(q string, args ...any) {
		t.Helper()
		if err := db.ExecForTest(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	now := db.Now()
	levels := []string{"Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Di Atas Ekspektasi"}
	// Evaluators 0..5 each rate all twelve (one year each); evaluator 5 rates everyone Di Atas Ekspektasi.
	for ev := 0; ev < 6; ev++ {
		for i, e := range s.emp {
			rating := levels[(i+ev)%len(levels)]
			if ev == 5 {
				rating = "Di Atas Ekspektasi"
			}
			mustExec(`INSERT INTO perilaku_ratings (employee_id, year, term, unit_id, evaluator_employee_id, perilaku, updated_at) VALUES (?, ?, 'TW1', ?, ?, ?, ?)`,
				e.ID, 2020+ev, e.UnitID, s.emp[ev].ID, rating, now)
		}
	}
	// Evaluator 1 writes one umpan balik for five people; evaluator 2 writes each their own.
	for i := 3; i < 8; i++ {
		mustExec(`INSERT INTO perilaku_expectations (employee_id, year, term, value_code, feedback, evaluator_employee_id, updated_at) VALUES (?, 2026, 'TW1', 'KO', ?, ?, ?)`,
			s.emp[i].ID, "Pertahankan kinerja yang baik dan tingkatkan lagi ke depannya.", s.emp[1].ID, now)
		mustExec(`INSERT INTO perilaku_expectations (employee_id, year, term, value_code, feedback, evaluator_employee_id, updated_at) VALUES (?, 2026, 'TW1', 'AK', ?, ?, ?)`,
			s.emp[i].ID, fmt.Sprintf("Laporan ke-%d sudah tepat waktu; lengkapi lampiran bukti dukungnya.", i), s.emp[2].ID, now)
	}
	if _, _, _, err := db.RecomputeSignals(ctx, actorOf(admin), now.Add(-24*time.Hour), signals.DefaultParams()); err != nil {
		t.Fatal(err)
	}
	list, _, err := db.ListSignals(ctx, budaya.SignalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sg := range list {
		got = append(got, sg.SubjectKey)
	}
	want := []string{
		fmt.Sprintf("inflation:perilaku:rater:employee:%d", s.emp[5].ID),
		fmt.Sprintf("author:feedback:employee:%d:%s", s.emp[1].ID, signals.TextHash("Pertahankan kinerja yang baik dan tingkatkan lagi ke depannya.")),
	}
	if len(got) != 2 || !contains(got, want[0]) || !contains(got, want[1]) {
		t.Errorf("signals: got %v, want %v", got, want)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestImportRecognitionsIsAllOrNothing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 4)
	past := func(from, to int, daysAgo int) budaya.PastRecognition {
		return budaya.PastRecognition{SenderID: s.emp[from].ID, At: db.Now().AddDate(0, 0, -daysAgo), RecognitionInput: budaya.RecognitionInput{
			RecipientID: s.emp[to].ID, Message: "Terima kasih atas bantuan menyusun laporan.", Values: []string{"KO"}}}
	}
	// Ten from one sender on one day: history is not held to the daily limit.
	var ok []budaya.PastRecognition
	for i := 0; i < 10; i++ {
		ok = append(ok, past(1, 2+i%2, 3))
	}
	tests := []struct {
		name string
		list []budaya.PastRecognition
		want int // rows after
	}{
		{"a self recognition spoils the batch", append(append([]budaya.PastRecognition{}, ok...), past(2, 2, 1)), 0},
		{"a future time spoils the batch", append(append([]budaya.PastRecognition{}, ok...), past(1, 2, -1)), 0},
		{"an unknown sender spoils the batch", append(append([]budaya.PastRecognition{}, ok...), budaya.PastRecognition{SenderID: 99999, At: db.Now().AddDate(0, 0, -1),
			RecognitionInput: budaya.RecognitionInput{RecipientID: s.emp[2].ID, Message: "Terima kasih atas bantuannya.", Values: []string{"KO"}}}), 0},
		{"a good batch", ok, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.ImportRecognitions(ctx, sys, tt.list)
			_, total, lerr := db.ListRecognitions(ctx, budaya.RecognitionFilter{})
			if lerr != nil {
				t.Fatal(lerr)
			}
			if total != tt.want || (tt.want == 0) != (err != nil) {
				t.Errorf("got %d rows, error %v; want %d rows", total, err, tt.want)
			}
		})
	}
	if entries, _, _ := db.ListAudit(ctx, budaya.AuditFilter{Entity: "recognition", Action: "import"}); len(entries) != 1 {
		t.Errorf("import audited: got %d entries, want 1", len(entries))
	}
}
