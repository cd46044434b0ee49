package web_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
	"github.com/budaya-id/budaya/internal/webtest"
)

// TestFigureCacheFollowsReopenAndClose: two servers on one database, as
// behind a load balancer. Both serve (and cache) the figures of a closed
// period; through the second one the period is reopened, five more people
// answer, and it is closed and recomputed. The first server must then serve
// the new figures at once, even though the recomputation carries the same
// time as the first one (the server that ran it has a clock two seconds
// behind): the cache key is the period's figures_version, which the close,
// the reopen and the recomputation change in the database, not a time and
// not anything one process remembers.
func TestFigureCacheFollowsReopenAndClose(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	var clock atomic.Int64
	setClock := func(at time.Time) { clock.Store(at.UnixNano()) }
	setClock(t0)
	db := storetest.OpenWith(t, store.Options{Now: func() time.Time { return time.Unix(0, clock.Load()).UTC() }})
	org := storetest.MakeIndexOrg(t, db, []storetest.IndexUnit{
		{Code: "ROOT", Level: budaya.LevelEselon1, Parent: -1, Staff: 6},
		{Code: "A", Level: budaya.LevelEselon2, Parent: 0, Staff: 10},
	})
	// Five of A's ten answer before the first close, the other five after a
	// reopen (a bucket of K: fewer late answers would stay sealed).
	first := &storetest.IndexOrg{Units: org.Units, Staff: [][]int64{org.Staff[0], org.Staff[1][:5]}}
	id := storetest.AnswerIndexPeriod(t, db, first, "Survei 2026", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), varyScore)
	actor := budaya.SystemActor("test")
	if err := db.ClosePeriod(ctx, actor, id); err != nil {
		t.Fatal(err)
	}
	ref1, err := db.RefreshIndex(ctx, actor, id)
	if err != nil {
		t.Fatal(err)
	}

	one := &testServer{}
	two := &testServer{}
	for _, ts := range []*testServer{one, two} {
		w := webtest.NewServer(t, webtest.Options{DB: db})
		ts.Server, ts.db, ts.srv = w.Server, w.DB, w.Web
	}
	one.mustUser(t, "admin", budaya.RoleAdmin)
	c1, c2 := one.login(t, "admin"), two.login(t, "admin")
	path := fmt.Sprintf("/api/v1/index?period=%d", id)
	overallN := func(c *client) int64 {
		t.Helper()
		var out indexJSON
		if res := c.getJSON(path, &out); res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: got %d", path, res.StatusCode)
		}
		if out.Overall.N == nil {
			return 0
		}
		return *out.Overall.N
	}
	for round := range 2 { // the second reading comes from the cache
		if n1, n2 := overallN(c1), overallN(c2); n1 != 11 || n2 != 11 {
			t.Fatalf("reading %d after the first close: got n = %d and %d, want 11 on both servers", round+1, n1, n2)
		}
	}

	setClock(t0.Add(time.Second))
	// Reopen through the second server: the first shows no figure of an open period.
	if res := c2.postForm(fmt.Sprintf("/periods/%d/reopen", id), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reopen: got %d, want 303", res.StatusCode)
	}
	if n := overallN(c1); n != 0 {
		t.Errorf("first server while the period is open again: got n = %d, want no figure", n)
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	l, err := index.NewLayout(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range org.Staff[1][5:] {
		tasks, _, err := db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: e, PeriodID: id, Instrument: budaya.InstrumentSurvey, PerPage: 10})
		if err != nil || len(tasks) != 1 {
			t.Fatalf("task of employee %d: %d tasks, %v", e, len(tasks), err)
		}
		var answers []budaya.Answer
		for _, code := range l.Behaviours() {
			answers = append(answers, budaya.Answer{BehaviourCode: code, Score: 4})
		}
		if _, err := db.SubmitTask(ctx, e, tasks[0].ID, fmt.Sprintf("late-%d", e), answers); err != nil {
			t.Fatalf("late answer of employee %d: %v", e, err)
		}
	}

	// Close again through the second server and run the recomputation it
	// queued where the clock says the time of the first computation.
	setClock(t0.Add(2 * time.Second))
	if res, body := c2.postFormBody(fmt.Sprintf("/periods/%d/close", id), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("close again: got %d, want 303: %s", res.StatusCode, body[strings.Index(body, "<main"):])
	}
	setClock(t0)
	if ran, err := two.srv.Jobs().RunOnce(ctx); err != nil || !ran {
		t.Fatalf("recompute: ran %v, %v", ran, err)
	}
	ref2, err := db.FindIndexRefresh(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if !ref2.ComputedAt.Equal(ref1.ComputedAt) || ref2.Responses != 16 {
		t.Fatalf("second computation: got %d responses at %v, want 16 at the first one's time %v (the clock behind)", ref2.Responses, ref2.ComputedAt, ref1.ComputedAt)
	}
	if n1, n2 := overallN(c1), overallN(c2); n1 != 16 || n2 != 16 {
		t.Errorf("after reopen, five more answers and close: got n = %d on the first server and %d on the second, want 16 on both", n1, n2)
	}
	// The unit's own figure moved as well: nothing of the first close is served.
	var out indexJSON
	c1.getJSON(fmt.Sprintf("/api/v1/index?period=%d&unit=%d&scope=own", id, org.Units[1]), &out)
	if out.Overall.N == nil || *out.Overall.N != 10 || slices.ContainsFunc(out.Values, func(v figure) bool { return v.N != nil && *v.N != 10 }) {
		t.Errorf("unit A after the second close on the first server: got %+v, want n = 10 everywhere", out.Overall)
	}
}
