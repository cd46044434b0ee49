package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
)

func TestJobPageShowsProgressToItsOwner(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	owner := ts.mustUser(t, "pemilik", budaya.RolePegawai)
	ts.mustUser(t, "lain", budaya.RolePegawai)
	ts.srv.Jobs().Register("uji", func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		for i := 1; i <= 10; i++ {
			p(i, 10)
		}
		return "", nil
	})
	id, err := ts.srv.Jobs().Enqueue(ctx, budaya.Actor{UserID: owner.ID, Name: owner.Username}, "uji", nil)
	if err != nil {
		t.Fatal(err)
	}
	c := ts.login(t, "pemilik")
	path := fmt.Sprintf("/jobs/%d", id)
	_, body := c.get(path)
	if !strings.Contains(body, "menunggu giliran") || !strings.Contains(body, `hx-trigger="every 1s"`) {
		t.Errorf("queued job page: want the waiting status and polling")
	}
	if ran, err := ts.srv.Jobs().RunOnce(ctx); !ran || err != nil {
		t.Fatalf("run: %v %v", ran, err)
	}
	_, body = c.get(path)
	if !strings.Contains(body, "selesai") || !strings.Contains(body, `value="100"`) || strings.Contains(body, "hx-trigger") {
		t.Errorf("done job page: want done at 100%% and no more polling")
	}
	var j struct {
		Status  string `json:"status"`
		Percent int    `json:"percent"`
	}
	c.getJSON(fmt.Sprintf("/api/v1/jobs/%d", id), &j)
	if j.Status != "done" || j.Percent != 100 {
		t.Errorf("API job: got %+v", j)
	}
	if res, _ := ts.login(t, "lain").get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("someone else's job: got %d, want 404", res.StatusCode)
	}
}
