package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/webtest"
)

// demoLogin signs a demo user in on a demo server.
func demoLogin(t *testing.T, ts *testServer, username string) *client {
	t.Helper()
	c := ts.anonymous(t)
	if res := c.postForm("/login", url.Values{"username": {username}, "password": {demo.Password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: got %d, want 303", username, res.StatusCode)
	}
	c.refreshCSRF()
	return c
}

var (
	selectedOption = regexp.MustCompile(`<select id="period"[^>]*>.*?<option value="\d+" selected>([^<]+)</option>`)
	periodChosen   = regexp.MustCompile(`(?s)<small id="period-chosen">(.*?)</small>`)
	levelNav       = regexp.MustCompile(`(?s)<nav aria-label="Tingkat unit">(.*?)</nav>`)
	reportLink     = regexp.MustCompile(`href="(/periods/\d+/reports/\d+)"`)
)

// TestIndexDashboardNamesWhatItShows checks the words of the dashboard that a
// phone depends on: the chosen period with its instrument written out, the
// follow-up page linked also when the leader's unit is hidden, and the
// heatmap's levels named by eselon rather than numbered.
func TestIndexDashboardNamesWhatItShows(t *testing.T) {
	t.Parallel()
	w := webtest.NewDemoServer(t, 120)
	ts := &testServer{Server: w.Server, db: w.DB, srv: w.Web}

	leader := demoLogin(t, ts, demo.UserPimpinan)
	res, body := leader.get("/index")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /index as pimpinan: got %d, want 200", res.StatusCode)
	}
	sel := selectedOption.FindStringSubmatch(body)
	if sel == nil {
		t.Fatal("no chosen period in the period select")
	}
	chosen := periodChosen.FindStringSubmatch(body)
	if chosen == nil || !strings.Contains(chosen[1], sel[1]) || !strings.Contains(chosen[1], "Survei budaya") {
		t.Errorf("the chosen period and instrument written out under the select: got %q, want %q and the instrument", chosen, sel[1])
	}
	if !strings.Contains(body, `id="hidden-why"`) {
		t.Fatal("the demo leader's own unit is expected hidden (fewer than K respondents); the test needs that case")
	}
	if !strings.Contains(body, `href="/index/followup?`) {
		t.Error("the dashboard of a hidden unit does not link /index/followup")
	}

	admin := demoLogin(t, ts, "admin")
	if res, body = admin.get("/index/heatmap?level=2"); res.StatusCode != http.StatusOK {
		t.Fatalf("GET /index/heatmap as admin: got %d, want 200", res.StatusCode)
	}
	nav := levelNav.FindStringSubmatch(body)
	if nav == nil {
		t.Fatal("no level navigation on the heatmap")
	}
	for _, want := range []string{"Eselon I", `aria-current="page">Eselon II<`} {
		if !strings.Contains(nav[1], want) {
			t.Errorf("heatmap levels: got %q, want %q in it", nav[1], want)
		}
	}
	if regexp.MustCompile(`>\s*\d+\s*<`).MatchString(nav[1]) {
		t.Errorf("heatmap levels still numbered: %q", nav[1])
	}
	admin.get("/lang/en")
	if _, body = admin.get("/index/heatmap?level=2"); !strings.Contains(body, `aria-current="page">Echelon II<`) {
		t.Errorf("English heatmap levels: want the current level named Echelon II; got %q", regexp.MustCompile(`(?s)<nav aria-label="Unit level">.*?</nav>`).FindString(body))
	}
}

// TestReport360NamesHiddenGroupsOnce checks that a 360 report says once which
// rater groups are held back by the threshold instead of in every cell, and
// has no Komentar heading without comments under it.
func TestReport360NamesHiddenGroupsOnce(t *testing.T) {
	t.Parallel()
	w := webtest.NewDemoServer(t, 120)
	ts := &testServer{Server: w.Server, db: w.DB, srv: w.Web}
	leader := demoLogin(t, ts, demo.UserPimpinan)
	_, tasks := leader.get("/tasks")
	seen := 0
	for _, m := range reportLink.FindAllStringSubmatch(tasks, -1) {
		res, body := leader.get(m[1])
		if res.StatusCode != http.StatusOK { // an open period's report is refused (409), so it is not linked
			t.Fatalf("GET %s, linked from /tasks: got %d, want 200", m[1], res.StatusCode)
		}
		seen++
		if n := strings.Count(body, "kurang dari"); n > 2 {
			t.Errorf("%s says %d times that a group is below the threshold, want it once in the legend", m[1], n)
		}
		if !strings.Contains(body, `id="report-legend"`) {
			t.Errorf("%s has no legend", m[1])
		}
		if i := strings.Index(body, ">Komentar</h2>"); i >= 0 && !strings.Contains(body[i:], "<h3>") {
			t.Errorf("%s has a Komentar heading with no comments under it", m[1])
		}
	}
	if seen == 0 {
		t.Fatal("no report of a closed period linked from the leader's tasks")
	}
}
