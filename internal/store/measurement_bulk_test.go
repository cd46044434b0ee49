package store_test

import (
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestRemindersByUnitCountsWhatRemindersLists checks the period page's
// reminder counts (counted in the database) against the list of people with
// open 360 tasks, before and after one person has answered all of theirs,
// and within a leader's scope.
func TestRemindersByUnitCountsWhatRemindersLists(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	org := storetest.MakeOrg(t, db, 3, 5)
	p := openPeriod(t, db, org)
	check := func(label string, scope budaya.UnitScope) {
		t.Helper()
		people, err := db.Reminders(ctx, p.ID, scope)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for _, r := range people {
			want[r.UnitName]++
		}
		got, err := db.RemindersByUnit(ctx, p.ID, scope)
		if err != nil {
			t.Fatal(err)
		}
		sum := map[string]int{}
		for _, r := range got {
			sum[r.UnitName] += r.People
		}
		if len(sum) != len(want) {
			t.Errorf("%s: got units %v, want %v", label, sum, want)
		}
		for u, n := range want {
			if sum[u] != n {
				t.Errorf("%s: unit %q: got %d people, want %d", label, u, sum[u], n)
			}
		}
	}
	check("everyone open", budaya.UnitScope{All: true})
	// One member of staff answers every 360 task they have.
	who := org.Staff[0][0]
	tasks, _, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: who, PeriodID: p.ID, Instrument: budaya.Instrument360, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(tasks) == 0 {
		t.Fatal("the staff member has no 360 tasks")
	}
	var subs []store.Submission
	for _, tk := range tasks {
		subs = append(subs, store.Submission{EmployeeID: who, TaskID: tk.ID, Answers: fullAnswers(t, db, func(int) int { return 4 })})
	}
	if err := db.SubmitMany(ctx, subs); err != nil {
		t.Fatal(err)
	}
	check("one done", budaya.UnitScope{All: true})
	u, err := db.FindUnit(ctx, org.Units[0])
	if err != nil {
		t.Fatal(err)
	}
	check("one unit's leader", budaya.UnitScope{Paths: []string{u.Path}})
	check("no scope", budaya.UnitScope{})
	got, err := db.RemindersByUnit(ctx, p.ID, budaya.UnitScope{Paths: []string{u.Path}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].UnitID != u.ID || got[0].People != len(org.Staff[0]) {
		t.Errorf("unit %s after one of its %d staff answered (its leader still open): got %+v, want one row of %d people", u.Code, len(org.Staff[0]), got, len(org.Staff[0]))
	}
}
