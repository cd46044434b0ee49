package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestPeriodCloseQueuesIndexRefresh closes a period through the real router:
// the close queues the index refresh, the period page links the job, and
// running it materialises the figures. Reopened and closed again, the
// period gets a new refresh.
func TestPeriodCloseQueuesIndexRefresh(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := ts.login(t, "admin")
	org := storetest.MakeIndexOrg(t, ts.db, []storetest.IndexUnit{
		{Code: "ROOT", Level: budaya.LevelEselon1, Parent: -1, Staff: 6},
		{Code: "A", Level: budaya.LevelEselon2, Parent: 0, Staff: 5},
	})
	id := storetest.AnswerIndexPeriod(t, ts.db, org, "Survei 2026", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), varyScore)
	periodPath := fmt.Sprintf("/periods/%d", id)

	if _, err := ts.db.FindIndexRefresh(ctx, id); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Fatalf("figures before the close: got %v, want none", err)
	}
	closeAndRun := func(round int) {
		t.Helper()
		res := c.postForm(periodPath+"/close", nil)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), periodPath) {
			t.Fatalf("close %d: got %d to %q, want 303 to the period", round, res.StatusCode, res.Header.Get("Location"))
		}
		_, body := c.get(periodPath)
		if !strings.Contains(body, `id="index-job"`) || !strings.Contains(body, "menunggu giliran") || !strings.Contains(body, `href="/jobs/`) {
			t.Errorf("period page after close %d: want the queued index job linked", round)
		}
		ran, err := ts.srv.Jobs().RunOnce(ctx)
		if err != nil || !ran {
			t.Fatalf("run the job of close %d: ran %v, %v", round, ran, err)
		}
		ref, err := ts.db.FindIndexRefresh(ctx, id)
		if err != nil || ref.Responses != 11 {
			t.Fatalf("figures after close %d: got %+v, %v; want 11 responses", round, ref, err)
		}
		_, body = c.get(periodPath)
		if !strings.Contains(body, "selesai") || !strings.Contains(body, fmt.Sprintf(`href="/index?period=%d"`, id)) {
			t.Errorf("period page after the job of close %d: want it done, with a link to the dashboard", round)
		}
		var out indexJSON
		if res := c.getJSON(fmt.Sprintf("/api/v1/index?period=%d", id), &out); res.StatusCode != http.StatusOK || out.Overall.N == nil || *out.Overall.N != 11 {
			t.Errorf("index after close %d: got %d %+v, want n = 11", round, res.StatusCode, out.Overall)
		}
	}
	closeAndRun(1)
	first, err := ts.db.FindIndexRefresh(ctx, id)
	if err != nil {
		t.Fatal(err)
	}

	// A second close of a closed period is refused and queues nothing.
	if res := c.postForm(periodPath+"/close", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("close of a closed period: got %d, want 409", res.StatusCode)
	}
	if ran, err := ts.srv.Jobs().RunOnce(ctx); ran || err != nil {
		t.Errorf("after a refused close: ran %v, %v; want no job", ran, err)
	}

	if res := c.postForm(periodPath+"/reopen", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reopen: got %d", res.StatusCode)
	}
	closeAndRun(2)
	second, err := ts.db.FindIndexRefresh(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if second.ComputedAt.Before(first.ComputedAt) || second.ComputedBy == "" {
		t.Errorf("refresh after reopen and close: got %+v, want one at or after %v", second, first.ComputedAt)
	}
}
