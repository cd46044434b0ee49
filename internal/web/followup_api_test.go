package web_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/budaya-id/budaya/internal/budaya"
)

// getMatchesOpenAPI fails t when the answer to GET path by c does not match the
// OpenAPI document, and returns the answer.
func getMatchesOpenAPI(t *testing.T, ts *testServer, c *client, path string) (*http.Response, string) {
	t.Helper()
	router, err := legacy.NewRouter(loadOpenAPI(t, ts))
	if err != nil {
		t.Fatal(err)
	}
	res, body := c.get(path)
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Fatalf("find %s in OpenAPI: %v", path, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
		Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(strings.NewReader(body)),
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("GET %s (%d) does not match the document: %v", path, res.StatusCode, err)
	}
	return res, body
}

type followupJSON struct {
	Period struct{ ID int64 }  `json:"period"`
	From   *struct{ ID int64 } `json:"from"`
	Units  []struct {
		Unit   struct{ ID int64 } `json:"unit"`
		Now    figure             `json:"now"`
		Then   *figure            `json:"then"`
		Change *float64           `json:"change"`
	} `json:"units"`
	Values []struct {
		Code   string   `json:"code"`
		Now    *float64 `json:"now"`
		Then   *float64 `json:"then"`
		Change *float64 `json:"change"`
	} `json:"values"`
	Doing struct {
		Values []string `json:"values"`
	} `json:"doing"`
}

// TestFollowupAPIMatchesIndex checks /api/v1/index/followup against the
// index API of both periods: every unit's figures now and then are the ones
// the index shows, a change is their difference, the earlier period is the
// one before, the weakest values are the dashboard's, and the view is audited.
func TestFollowupAPIMatchesIndex(t *testing.T) {
	t.Parallel()
	w := newIndexWorld(t)
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	root := w.org.Units[0]
	path := fmt.Sprintf("/api/v1/index/followup?period=%d&unit=%d", w.period, root)
	res, _ := getMatchesOpenAPI(t, w.ts, c, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: got %d, want 200", path, res.StatusCode)
	}
	var f followupJSON
	c.getJSON(path, &f)
	if f.From == nil || f.From.ID != w.previous {
		t.Fatalf("from = %+v, want the previous period %d", f.From, w.previous)
	}
	want := []int64{root, w.org.Units[1], w.org.Units[3]} // the unit and the units one level down
	if len(f.Units) != len(want) {
		t.Fatalf("units = %d, want %d", len(f.Units), len(want))
	}
	overall := func(period, unit int64) figure {
		var out indexJSON
		c.getJSON(fmt.Sprintf("/api/v1/index?period=%d&unit=%d", period, unit), &out)
		return out.Overall
	}
	changes := 0
	for i, u := range f.Units {
		if u.Unit.ID != want[i] {
			t.Errorf("unit %d = %d, want %d", i, u.Unit.ID, want[i])
		}
		now, then := overall(w.period, u.Unit.ID), overall(w.previous, u.Unit.ID)
		if !sameScore(u.Now.Score, now.Score) || u.Then == nil || !sameScore(u.Then.Score, then.Score) {
			t.Errorf("unit %d: now %v then %v, want the index's %v and %v", u.Unit.ID, u.Now.Score, u.Then, now.Score, then.Score)
			continue
		}
		if now.Score != nil && then.Score != nil {
			changes++
			if u.Change == nil || math.Abs(*u.Change-(*now.Score-*then.Score)) > 1e-3 {
				t.Errorf("unit %d: change %v, want %v", u.Unit.ID, u.Change, *now.Score-*then.Score)
			}
		} else if u.Change != nil {
			t.Errorf("unit %d: a change %v beside a hidden figure", u.Unit.ID, *u.Change)
		}
	}
	if changes == 0 {
		t.Error("no unit has a change: the world does not test the comparison")
	}
	var dash indexJSON
	c.getJSON(fmt.Sprintf("/api/v1/index?period=%d&unit=%d", w.period, root), &dash)
	var weak []string
	for _, b := range dash.Weakest {
		if v := b.Code[:len(b.Code)-1]; !strings.Contains(strings.Join(weak, ","), v) {
			weak = append(weak, v)
		}
	}
	if strings.Join(f.Doing.Values, ",") != strings.Join(weak, ",") {
		t.Errorf("doing values = %v, want the dashboard's weakest %v", f.Doing.Values, weak)
	}
	if len(f.Values) != 7 {
		t.Errorf("values = %d, want 7", len(f.Values))
	}
	views := 0
	if err := w.ts.db.EachAudit(ctx, budaya.AuditFilter{Entity: "index", Action: "view"}, func(e budaya.AuditEntry) error {
		if strings.Contains(e.NewValue, "followup") {
			views++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if views < 2 {
		t.Errorf("follow-up views audited: %d, want one per request (2)", views)
	}
}

func sameScore(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) < 1e-3
}

// TestRoadmapProgressAPI checks /api/v1/roadmaps/{id}/progress: the counts
// and mean progress by programme and by unit that the roadmap page shows, the
// filters, and a bad filter refused with what to fix.
func TestRoadmapProgressAPI(t *testing.T) {
	t.Parallel()
	w := newRoadmapWorld(t)
	w.activity(t, "K1", 0, []string{"BP"}, "running", "", "", "")   // 4 of 10: 40%
	w.activity(t, "K2", 1, []string{"AK"}, "planned", "", "", "")   // 40%
	w.activity(t, "K3", 0, []string{"BP"}, "cancelled", "", "", "") // counted, not in the mean
	path := "/api/v1/roadmaps/" + itoa(w.roadmapID) + "/progress"
	res, _ := getMatchesOpenAPI(t, w.ts, w.admin, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: got %d", path, res.StatusCode)
	}
	type row struct {
		Code                                        string
		UnitID                                      int64 `json:"unit_id"`
		Planned, Running, Done, Cancelled, Measured int
		Progress                                    float64
	}
	var out struct {
		ByProgramme []row `json:"by_programme"`
		ByUnit      []row `json:"by_unit"`
	}
	w.admin.getJSON(path, &out)
	if len(out.ByProgramme) != 1 || out.ByProgramme[0] != (row{Code: "P1", Planned: 1, Running: 1, Cancelled: 1, Measured: 2, Progress: 40}) {
		t.Errorf("by programme = %+v, want P1: 1 planned, 1 running, 1 cancelled, 2 measured, 40%%", out.ByProgramme)
	}
	wantUnits := []row{
		{Code: "SJ.01", UnitID: w.units[0].ID, Running: 1, Cancelled: 1, Measured: 1, Progress: 40},
		{Code: "SJ.02", UnitID: w.units[1].ID, Planned: 1, Measured: 1, Progress: 40},
	}
	if len(out.ByUnit) != 2 || out.ByUnit[0] != wantUnits[0] || out.ByUnit[1] != wantUnits[1] {
		t.Errorf("by unit = %+v, want %+v", out.ByUnit, wantUnits)
	}
	w.admin.getJSON(path+"?unit_id="+itoa(w.units[1].ID), &out)
	if len(out.ByUnit) != 1 || out.ByUnit[0].Code != "SJ.02" {
		t.Errorf("unit_id filter: by unit = %+v, want SJ.02 alone", out.ByUnit)
	}
	res, body := getMatchesOpenAPI(t, w.ts, w.admin, path+"?programme_id=satu")
	if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "programme_id") {
		t.Errorf("a bad programme_id: got %d %s, want 400 naming the parameter", res.StatusCode, body)
	}
	if res, _ := w.admin.get("/api/v1/roadmaps/999999/progress"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown roadmap: got %d, want 404", res.StatusCode)
	}
	// The page shows the same rows.
	_, page := w.admin.get("/roadmaps/" + itoa(w.roadmapID))
	if !strings.Contains(page, "P1 · Internalisasi") || !strings.Contains(page, "SJ.02 · Biro SJ.02") || !strings.Contains(page, "40,0%") {
		t.Error("the roadmap page lost its progress rows")
	}
}
