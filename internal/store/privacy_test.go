package store_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestSubjectRequestDeadlineAndAnswer(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
	db := storetest.OpenWith(t, store.Options{Now: func() time.Time { return now }})
	u := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	e := mustEmployee(t, db, "198503152010011001", "Siti Aminah", u.ID, 0)

	r := &budaya.SubjectRequest{EmployeeID: e.ID, RequesterName: "Siti Aminah", Kind: budaya.RequestAccess, ReceivedAt: now.Add(-2 * time.Hour)}
	if err := db.CreateSubjectRequest(ctx, sys, r); err != nil {
		t.Fatal(err)
	}
	if want := now.Add(70 * time.Hour); !r.DueAt.Equal(want) {
		t.Errorf("due: got %v, want %v (3 x 24 hours after receipt)", r.DueAt, want)
	}
	bad := []budaya.SubjectRequest{
		{RequesterName: "", Kind: budaya.RequestAccess},
		{RequesterName: "X", Kind: "delete_everything"},
		{RequesterName: "X", Kind: budaya.RequestAccess, ReceivedAt: now.Add(48 * time.Hour)},
	}
	for _, b := range bad {
		if err := db.CreateSubjectRequest(ctx, sys, &b); budaya.ErrorCode(err) != budaya.EINVALID {
			t.Errorf("request %+v: got %v, want invalid", b, err)
		}
	}
	open, total, err := db.ListSubjectRequests(ctx, budaya.SubjectRequestFilter{OpenOnly: true})
	if err != nil || total != 1 || len(open) != 1 || !open[0].Open() || open[0].Overdue(now) {
		t.Fatalf("open requests: got %v %d %v, want one open, not overdue", open, total, err)
	}
	if open[0].Overdue(now.Add(71*time.Hour)) != true {
		t.Errorf("a request open past 3 x 24 hours: got not overdue")
	}
	if err := db.AnswerSubjectRequest(ctx, sys, r.ID, ""); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("empty answer: got %v, want invalid", err)
	}
	if err := db.AnswerSubjectRequest(ctx, sys, r.ID, "Salinan data dikirim."); err != nil {
		t.Fatal(err)
	}
	if err := db.AnswerSubjectRequest(ctx, sys, r.ID, "lagi"); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("second answer: got %v, want conflict", err)
	}
	got, _ := db.FindSubjectRequest(ctx, r.ID)
	if got.Open() || !got.AnsweredAt.Equal(now) || got.Answer != "Salinan data dikirim." {
		t.Errorf("answered request: got %+v", got)
	}
}

func TestRestrictProcessing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	u := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	e := mustEmployee(t, db, "198503152010011001", "Siti Aminah", u.ID, 0)
	other := mustEmployee(t, db, "198607012011012002", "Budi Santoso", u.ID, 0)

	if ok, _ := db.IsRestricted(ctx, e.ID); ok {
		t.Fatal("restricted before any restriction")
	}
	r, err := db.RestrictProcessing(ctx, sys, e.ID, 0, "Keberatan atas pemrosesan (Pasal 11 UU PDP)")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RestrictProcessing(ctx, sys, e.ID, 0, "lagi"); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("second restriction: got %v, want conflict", err)
	}
	if _, err := db.RestrictProcessing(ctx, sys, other.ID, 0, " "); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("restriction without reason: got %v, want invalid", err)
	}
	if ok, _ := db.IsRestricted(ctx, e.ID); !ok {
		t.Error("IsRestricted after restricting: got false")
	}
	if ok, _ := db.IsRestricted(ctx, other.ID); ok {
		t.Error("IsRestricted of another employee: got true")
	}
	set, _ := db.RestrictedEmployeeIDs(ctx)
	if len(set) != 1 || !set[e.ID] {
		t.Errorf("restricted set: got %v, want {%d}", set, e.ID)
	}
	if err := db.LiftRestriction(ctx, sys, r.ID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := db.IsRestricted(ctx, e.ID); ok {
		t.Error("IsRestricted after lifting: got true")
	}
	list, _ := db.ListRestrictions(ctx, false)
	if len(list) != 1 || list[0].Active() || list[0].EmployeeName != "Siti Aminah" {
		t.Errorf("restrictions: got %+v", list)
	}
}

func TestSubjectDataCollectsAndExcludesSecrets(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	u := mustUnit(t, db, "SJ", budaya.LevelEselon1, 0)
	e := mustEmployee(t, db, "198503152010011001", "Siti Aminah", u.ID, 0)
	other := mustEmployee(t, db, "198607012011012002", "Budi Santoso", u.ID, 0)
	user, err := db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RolePegawai})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.CreateSession(ctx, user.ID, "10.0.0.7", "Firefox"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.CreateAPIToken(ctx, budaya.Actor{UserID: user.ID, Name: user.Username}, user.ID, "laptop"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.UpdateEmployee(ctx, sys, e.ID, budaya.Employee{NIP: e.NIP, Name: e.Name, UnitID: u.ID, Position: "Analis Kebijakan"}); err != nil {
		t.Fatal(err)
	}
	x, err := db.SubjectData(ctx, store.Subject{EmployeeID: e.ID, UserID: user.ID})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]int{}
	for _, s := range x.Sections {
		keys[s.Key] = len(s.Rows)
	}
	for _, want := range []string{"employee", "account", "roles", "sessions", "api_tokens"} {
		if keys[want] == 0 {
			t.Errorf("section %s: got %d rows, want some (sections %v)", want, keys[want], keys)
		}
	}
	b, _ := json.Marshal(x)
	for _, secret := range []string{"password_hash", "token_hash", "csrf_token", "Budi Santoso"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("export holds %q", secret)
		}
	}
	var actions []string
	for _, h := range x.History {
		actions = append(actions, h.Entity+"/"+h.Action)
	}
	for _, want := range []string{"employee/create", "employee/update", "user/create", "api_token/create"} {
		if !strings.Contains(strings.Join(actions, " "), want) {
			t.Errorf("history: got %v, want %s", actions, want)
		}
	}
	_ = other
}

func TestRetentionDryRunAndApply(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 2, 3, 0, 0, 0, time.UTC)
	clock := now
	db := storetest.OpenWith(t, store.Options{Now: func() time.Time { return clock }})
	user, err := db.CreateUser(ctx, sys, budaya.UserInput{Username: "siti", Password: "Uji-Coba-Kuat-2024!", Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}})
	if err != nil {
		t.Fatal(err)
	}
	clock = now.AddDate(0, 0, -40)
	if _, _, err := db.CreateSession(ctx, user.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	// Another user: a new session sweeps the same user's expired ones.
	user2, err := db.CreateUser(ctx, sys, budaya.UserInput{Username: "budi", Password: "Uji-Coba-Kuat-2024!", Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}})
	if err != nil {
		t.Fatal(err)
	}
	clock = now.AddDate(0, 0, -5)
	if _, _, err := db.CreateSession(ctx, user2.ID, "", ""); err != nil {
		t.Fatal(err)
	}
	clock = now

	if err := db.SetRetention(ctx, sys, "sessions", -3); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("negative days: got %v, want invalid", err)
	}
	if err := db.SetRetention(ctx, sys, "finished_jobs", 2); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("days below the minimum: got %v, want invalid", err)
	}
	if err := db.SetRetention(ctx, sys, "nothing", 10); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("unknown kind: got %v, want invalid", err)
	}
	due := func(results []store.RetentionResult) int64 {
		for _, r := range results {
			if r.Kind == "sessions" {
				return r.Deleted
			}
		}
		return -1
	}
	dry, err := db.ApplyRetention(ctx, sys, true)
	if err != nil || due(dry) != 1 {
		t.Fatalf("dry run: got %v %v, want 1 session due", dry, err)
	}
	if err := db.SetRetention(ctx, sys, "sessions", 3); err != nil {
		t.Fatal(err)
	}
	dry, _ = db.ApplyRetention(ctx, sys, true)
	if due(dry) != 2 {
		t.Fatalf("dry run after setting 3 days: got %d, want 2", due(dry))
	}
	if err := db.SetRetention(ctx, sys, "sessions", 30); err != nil {
		t.Fatal(err)
	}
	done, err := db.ApplyRetention(ctx, sys, false)
	if err != nil || due(done) != 1 {
		t.Fatalf("apply: got %v %v, want 1 session deleted", done, err)
	}
	again, _ := db.ApplyRetention(ctx, sys, true)
	if due(again) != 0 {
		t.Errorf("due after apply: got %d, want 0", due(again))
	}
	entries, _, _ := db.ListAudit(ctx, budaya.AuditFilter{Action: "retention"})
	if len(entries) != 1 || !strings.Contains(entries[0].NewValue, `"sessions":1`) {
		t.Errorf("retention audit: got %+v, want one entry with the count", entries)
	}
}

func TestRestrictionStopsNewProcessing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	s := newStaff(t, db, 6)
	restricted := s.emp[2]
	if _, err := db.RestrictProcessing(ctx, sys, restricted.ID, 0, "Keberatan atas pemrosesan (Pasal 11 UU PDP)"); err != nil {
		t.Fatal(err)
	}
	// No recognition to a restricted person; others still work.
	if _, err := s.thank(t, 1, 2, budaya.VisibilityUnit); budaya.ErrorCode(err) != budaya.EINVALID || !strings.Contains(err.Error(), "restricted") {
		t.Errorf("recognition to a restricted person: got %v, want refused", err)
	}
	if _, err := s.thank(t, 1, 3, budaya.VisibilityUnit); err != nil {
		t.Errorf("recognition to another person: %v", err)
	}
	// A measurement period leaves them out of the snapshot, so they neither rate nor are rated.
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, Has360: true, MaxPeers: 2, UnitIDs: []int64{s.biro.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindSnapshotMember(ctx, p.ID, restricted.ID); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("restricted person in the period snapshot: got %v, want not found", err)
	}
	if _, err := db.FindSnapshotMember(ctx, p.ID, s.emp[3].ID); err != nil {
		t.Errorf("another person in the period snapshot: %v", err)
	}
}
