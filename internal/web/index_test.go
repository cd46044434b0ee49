package web_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	legacy "github.com/getkin/kin-openapi/routers/legacy"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// indexWorld is a period with answers over the tree
//
//	ROOT (6 own) ─┬─ A (5 own) ── B (4 own)
//	              └─ C (7 own)
//
// with K = 5: B is below K; at close its 4 answers are released into A's
// bucket (store.releaseBallots), so A keeps its own figure (n = 9, issue
// 13.5) and B has none of its own (hidden, not empty).
type indexWorld struct {
	ts       *testServer
	period   int64
	previous int64
	org      *storetest.IndexOrg
	parent   map[int64]int64
}

func varyScore(u, p, b int) int { return 1 + (u*3+p*7+b*5+p*b)%5 }

func newIndexWorld(t *testing.T) *indexWorld {
	t.Helper()
	ts := newTestServer(t)
	org := storetest.MakeIndexOrg(t, ts.db, []storetest.IndexUnit{
		{Code: "ROOT", Level: budaya.LevelEselon1, Parent: -1, Staff: 6},
		{Code: "A", Level: budaya.LevelEselon2, Parent: 0, Staff: 5},
		{Code: "B", Level: budaya.LevelEselon3, Parent: 1, Staff: 4},
		{Code: "C", Level: budaya.LevelEselon2, Parent: 0, Staff: 7},
	})
	w := &indexWorld{ts: ts, org: org, parent: map[int64]int64{org.Units[1]: org.Units[0], org.Units[2]: org.Units[1], org.Units[3]: org.Units[0]}}
	w.previous = storetest.RunIndexPeriod(t, ts.db, org, "Survei 2025", 5, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), func(u, p, b int) int { return 1 + (u+p+b)%4 })
	w.period = storetest.RunIndexPeriod(t, ts.db, org, "Survei 2026", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), varyScore)
	return w
}

type figure struct {
	Code       string   `json:"code"`
	Score      *float64 `json:"score"`
	N          *int64   `json:"n"`
	CILow      *float64 `json:"ci_low"`
	CIHigh     *float64 `json:"ci_high"`
	Alpha      *float64 `json:"alpha"`
	Band       *string  `json:"band"`
	Suppressed bool     `json:"suppressed"`
	Behaviours []figure `json:"behaviours"`
}

type groupJSON struct {
	Unit *struct {
		ID int64 `json:"id"`
	} `json:"unit"`
	Scope        string   `json:"scope"`
	Suppressed   bool     `json:"suppressed"`
	Overall      figure   `json:"overall"`
	Values       []figure `json:"values"`
	ResponseRate struct {
		Tasks     int64  `json:"tasks"`
		Completed *int64 `json:"completed"`
	} `json:"response_rate"`
}

type indexJSON struct {
	groupJSON
	Method struct {
		Version int `json:"version"`
		K       int `json:"k"`
	} `json:"method"`
	Parent   *groupJSON  `json:"parent"`
	Children []groupJSON `json:"children"`
	Weakest  []figure    `json:"weakest"`
}

func TestIndexAPISuppression(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "kepala", budaya.RoleAuditor)
	c := w.ts.login(t, "kepala")
	u := w.org.Units
	get := func(q string) indexJSON {
		t.Helper()
		var out indexJSON
		if res := c.getJSON("/api/v1/index?period="+strconv.FormatInt(w.period, 10)+q, &out); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/index%s: got %d", q, res.StatusCode)
		}
		return out
	}
	all := get("")
	if all.Unit != nil || all.Overall.N == nil || *all.Overall.N != 22 || all.Suppressed {
		t.Fatalf("instansi: got %+v, want n=22 shown", all.Overall)
	}
	if len(all.Values) != 7 || len(all.Values[0].Behaviours) != 3 || all.Values[0].Alpha == nil || all.Values[0].CILow == nil || all.Values[0].Band == nil {
		t.Errorf("instansi values: got %+v, want 7 values with behaviours, alpha, CI and band", all.Values)
	}
	if all.Method.Version != 1 || all.Method.K != 5 {
		t.Errorf("method: got %+v, want version 1, K 5", all.Method)
	}
	if all.ResponseRate.Tasks != 22 || all.ResponseRate.Completed == nil || *all.ResponseRate.Completed != 22 {
		t.Errorf("response rate: got %+v, want 22/22", all.ResponseRate)
	}
	// The only top unit holds everyone: its row below the instansi has the same figures.
	if len(all.Children) != 1 || all.Children[0].Overall.Score == nil || *all.Children[0].Overall.Score != *all.Overall.Score {
		t.Errorf("child row of ROOT: got %+v, want the instansi's overall %v", all.Children, *all.Overall.Score)
	}
	var trend struct {
		Items []struct {
			Score *float64 `json:"score"`
		} `json:"items"`
	}
	c.getJSON("/api/v1/index/trend", &trend)
	if len(trend.Items) != 2 || trend.Items[1].Score == nil || *trend.Items[1].Score != *all.Overall.Score {
		t.Errorf("trend: got %+v, want two periods ending with %v", trend.Items, *all.Overall.Score)
	}
	if len(all.Weakest) != 3 {
		t.Errorf("weakest: got %d, want 3", len(all.Weakest))
	}

	tests := []struct {
		name       string
		query      string
		n          int64
		suppressed bool
	}{
		{"parent of 9", fmt.Sprintf("&unit=%d", u[1]), 9, false},
		{"unit of 4", fmt.Sprintf("&unit=%d", u[2]), 0, true},
		{"own figure of the parent of 9 (B's answers merged into it)", fmt.Sprintf("&unit=%d&scope=own", u[1]), 9, false},
		{"sibling of 7", fmt.Sprintf("&unit=%d", u[3]), 7, false},
		{"root own staff", fmt.Sprintf("&unit=%d&scope=own", u[0]), 6, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := get(tt.query)
			if hidden := g.Suppressed || g.Overall.N == nil; hidden != tt.suppressed {
				t.Fatalf("hidden: got %v (suppressed %v, n %v), want %v", hidden, g.Suppressed, deref64(g.Overall.N), tt.suppressed)
			}
			if tt.suppressed {
				if g.Overall.Score != nil || g.Overall.N != nil || g.Values[0].Score != nil || g.Values[0].Alpha != nil || g.Values[0].Behaviours[0].Score != nil || len(g.Weakest) != 0 {
					t.Errorf("suppressed group leaks figures: %+v", g)
				}
				return
			}
			if g.Overall.N == nil || *g.Overall.N != tt.n {
				t.Errorf("n: got %v, want %d", g.Overall.N, tt.n)
			}
		})
	}
	// The children of A: its own figure shown, B hidden.
	a := get(fmt.Sprintf("&unit=%d", u[1]))
	if len(a.Children) != 2 || a.Children[0].Suppressed || a.Children[0].Overall.N == nil || *a.Children[0].Overall.N != 9 || !a.Children[1].Suppressed {
		t.Errorf("children of A: got %+v, want own figure (n 9) shown and B suppressed", a.Children)
	}
	// B's participation follows the response-rate rule (4 tasks < K:
	// completed not shown, issue 13.4).
	if b := a.Children[1].ResponseRate; b.Tasks != 4 || b.Completed != nil {
		t.Errorf("response rate of B (4 tasks, K = 5): got tasks %d completed %v, want 4 and no completed count", b.Tasks, deref64(b.Completed))
	}
	if a.Parent == nil || a.Parent.Unit == nil || a.Parent.Unit.ID != u[0] || a.Parent.Overall.Score == nil {
		t.Errorf("parent of A: got %+v, want ROOT with figures", a.Parent)
	}

	// Bad input is a clear 400, not a 500.
	for _, q := range []string{"?period=abc", "?scope=all&unit=1&period=1", "?instrument=x", fmt.Sprintf("?period=%d&unit=999999", w.period)} {
		if res, body := c.get("/api/v1/index" + q); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"invalid"`) {
			t.Errorf("GET /api/v1/index%s: got %d %s, want 400 invalid", q, res.StatusCode, body)
		}
	}

	// A pegawai sees no dashboard.
	w.ts.mustUser(t, "staf", budaya.RolePegawai)
	if res, _ := w.ts.login(t, "staf").get("/api/v1/index"); res.StatusCode != http.StatusForbidden {
		t.Errorf("pegawai: got %d, want 403", res.StatusCode)
	}
}

func TestHeatmapSuppression(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	var out struct {
		Level int         `json:"level"`
		Items []groupJSON `json:"items"`
		Total int         `json:"total"`
	}
	c.getJSON(fmt.Sprintf("/api/v1/heatmap?period=%d&level=3", w.period), &out)
	if out.Total != 1 || len(out.Items) != 1 || out.Items[0].Overall.N != nil || out.Items[0].Values[0].Score != nil {
		t.Errorf("level 3: got %+v, want B without figures of its own (merged into A)", out)
	}
	c.getJSON(fmt.Sprintf("/api/v1/heatmap?period=%d&level=2", w.period), &out)
	if out.Total != 2 || out.Items[0].Suppressed || out.Items[1].Suppressed || out.Items[0].Values[6].Score == nil {
		t.Errorf("level 2: got %+v, want A and C shown", out)
	}
	res, body := c.get(fmt.Sprintf("/index/heatmap?period=%d&level=3", w.period))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `class="cell suppressed"`) {
		t.Errorf("heatmap page level 3: got %d, want cells marked as having no figure of their own: %.300s", res.StatusCode, body)
	}
	res, body = c.get(fmt.Sprintf("/index/heatmap?period=%d&level=2", w.period))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`data-cell="%d-BP"`, w.org.Units[1])) {
		t.Errorf("heatmap page level 2: got %d, want a drill-down cell for A", res.StatusCode)
	}
	if res, _ := c.get(fmt.Sprintf("/api/v1/heatmap?period=%d&level=9", w.period)); res.StatusCode != http.StatusBadRequest {
		t.Errorf("level 9: got %d, want 400", res.StatusCode)
	}
}

// TestRecomputeFromExport reads the raw-answer export and recomputes every
// figure the API shows, with code written apart from internal/index.
func TestRecomputeFromExport(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "auditor", budaya.RoleAuditor)
	c := w.ts.login(t, "auditor")
	res, body := c.get(fmt.Sprintf("/index/answers?format=csv&period=%d", w.period))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: got %d %s", res.StatusCode, body)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		resp, unit int64
		pool       bool
		value, beh string
		score      int
	}
	var rows []row
	sawMethod := false
	for i, rec := range recs {
		if i == 0 {
			if strings.Join(rec, ",") != "respondent,unit_id,unit_code,pool,value,behaviour,score,p" {
				t.Fatalf("export header: got %v", rec)
			}
			continue
		}
		if rec[0] == "#" {
			sawMethod = sawMethod || strings.Contains(rec[1], "versi 1")
			continue
		}
		resp, _ := strconv.ParseInt(rec[0], 10, 64)
		unit, _ := strconv.ParseInt(rec[1], 10, 64)
		s, _ := strconv.Atoi(rec[6])
		rows = append(rows, row{resp, unit, rec[3] == "pool", rec[4], rec[5], s})
		if len(rec) != 8 {
			t.Fatalf("export row %v: want 8 cells and no rater identity", rec)
		}
	}
	if !sawMethod {
		t.Errorf("export has no method lines")
	}
	for _, x := range rows {
		if x.unit == w.org.Units[2] {
			t.Fatalf("export shows a row under B, a suppressed group")
		}
	}
	under := func(unit, top int64) bool {
		for u := unit; u != 0; u = w.parent[u] {
			if u == top {
				return true
			}
		}
		return top == 0
	}
	// recompute computes the figures of the rows selected, independently.
	t975 := map[int]float64{5: 2.571, 6: 2.447, 8: 2.306, 21: 2.080}
	recompute := func(sel func(row) bool) (overall float64, n int, lo, hi float64, values map[string]float64, alphas map[string]float64) {
		beh := map[string][]float64{}
		byResp := map[int64]map[string][]float64{}
		for _, x := range rows {
			if !sel(x) {
				continue
			}
			p := float64(x.score-1) * 25
			beh[x.beh] = append(beh[x.beh], p)
			if byResp[x.resp] == nil {
				byResp[x.resp] = map[string][]float64{}
			}
			byResp[x.resp][x.value] = append(byResp[x.resp][x.value], p)
		}
		mean := func(xs []float64) float64 {
			s := 0.0
			for _, x := range xs {
				s += x
			}
			return s / float64(len(xs))
		}
		variance := func(xs []float64) float64 {
			m := mean(xs)
			s := 0.0
			for _, x := range xs {
				s += (x - m) * (x - m)
			}
			return s / float64(len(xs)-1)
		}
		values = map[string]float64{}
		codes := []string{"BP", "AK", "KO", "HA", "LO", "AD", "KL"}
		var vs []float64
		for _, v := range codes {
			var bm []float64
			for i := 1; i <= 3; i++ {
				bm = append(bm, mean(beh[fmt.Sprintf("%s%d", v, i)]))
			}
			values[v] = mean(bm)
			vs = append(vs, values[v])
		}
		overall = mean(vs)
		var perResp []float64
		alphas = map[string]float64{}
		items := map[string][][]float64{}
		for _, m := range byResp {
			var rv []float64
			for _, v := range codes {
				rv = append(rv, mean(m[v]))
				items[v] = append(items[v], m[v])
			}
			perResp = append(perResp, mean(rv))
		}
		n = len(perResp)
		hw := t975[n-1] * math.Sqrt(variance(perResp)/float64(n))
		for _, v := range codes {
			var totals []float64
			cols := make([][]float64, 3)
			for _, it := range items[v] {
				totals = append(totals, it[0]+it[1]+it[2])
				for i := range cols {
					cols[i] = append(cols[i], it[i])
				}
			}
			sv := variance(cols[0]) + variance(cols[1]) + variance(cols[2])
			alphas[v] = 1.5 * (1 - sv/variance(totals))
		}
		return overall, n, overall - hw, overall + hw, values, alphas
	}
	cases := []struct {
		name  string
		query string
		sel   func(row) bool
	}{
		{"instansi", "", func(row) bool { return true }},
		{"A with its pool", fmt.Sprintf("&unit=%d", w.org.Units[1]), func(x row) bool { return under(x.unit, w.org.Units[1]) }},
		{"C", fmt.Sprintf("&unit=%d", w.org.Units[3]), func(x row) bool { return under(x.unit, w.org.Units[3]) }},
		{"ROOT own staff", fmt.Sprintf("&unit=%d&scope=own", w.org.Units[0]), func(x row) bool { return x.unit == w.org.Units[0] && !x.pool }},
	}
	near := func(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-3 }
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var api indexJSON
			c.getJSON(fmt.Sprintf("/api/v1/index?period=%d%s", w.period, tt.query), &api)
			overall, n, lo, hi, values, alphas := recompute(tt.sel)
			if !near(api.Overall.Score, overall) || api.Overall.N == nil || *api.Overall.N != int64(n) || !near(api.Overall.CILow, lo) || !near(api.Overall.CIHigh, hi) {
				t.Errorf("overall: API %v n=%v [%v, %v], recomputed %v n=%d [%v, %v]", deref(api.Overall.Score), deref64(api.Overall.N), deref(api.Overall.CILow), deref(api.Overall.CIHigh), overall, n, lo, hi)
			}
			for _, v := range api.Values {
				if !near(v.Score, values[v.Code]) || !near(v.Alpha, alphas[v.Code]) {
					t.Errorf("value %s: API %v alpha %v, recomputed %v alpha %v", v.Code, deref(v.Score), deref(v.Alpha), values[v.Code], alphas[v.Code])
				}
			}
		})
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func deref64(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestIndexPagesExportsAndAudit(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	res, body := c.get("/index")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "<svg") || !strings.Contains(body, `id="values-table"`) || !strings.Contains(body, "Survei 2026") {
		t.Fatalf("dashboard: got %d, want the newest period with a chart and its table", res.StatusCode)
	}
	if !strings.Contains(body, "/index/report?period=") {
		t.Errorf("dashboard links: want plain query strings, got escaped ones")
	}
	if strings.Contains(body, "style=") {
		t.Errorf("dashboard has an inline style attribute (CSP)")
	}
	// B has no figure of its own: the page says why in words and links to
	// what can be shown (issue 13.5).
	res, body = c.get(fmt.Sprintf("/index?period=%d&unit=%d", w.period, w.org.Units[2]))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="hidden-why"`) || !strings.Contains(body, "tidak memiliki angka sendiri") ||
		!strings.Contains(body, fmt.Sprintf("unit=%d", w.org.Units[1])) {
		t.Errorf("dashboard of B: got %d, want the reason it has no figure of its own and a link to its parent", res.StatusCode)
	}
	if res, body := c.get("/index/methodology"); res.StatusCode != http.StatusOK || !strings.Contains(body, "p = (s − 1) / 4 × 100") {
		t.Errorf("methodology: got %d", res.StatusCode)
	}
	if _, body := c.get("/"); !strings.Contains(body, `href="/index"`) {
		t.Errorf("home page has no link to the dashboard")
	}
	for _, table := range []string{"values", "children", "heatmap", "trend"} {
		for _, format := range []string{"csv", "xlsx"} {
			res, body := c.get(fmt.Sprintf("/index/export?table=%s&format=%s&period=%d&level=2", table, format, w.period))
			if res.StatusCode != http.StatusOK || len(body) < 50 {
				t.Errorf("export %s.%s: got %d (%d bytes)", table, format, res.StatusCode, len(body))
			}
			if format == "csv" && !strings.Contains(body, "versi 1") {
				t.Errorf("export %s.csv has no method lines", table)
			}
		}
	}
	_, body = c.get(fmt.Sprintf("/index/export?table=trend&format=csv&period=%d", w.period))
	if !strings.Contains(body, "Survei 2025") || !strings.Contains(body, "Survei 2026") {
		t.Errorf("trend export: want both periods, got %s", body)
	}
	res, body = c.get(fmt.Sprintf("/index/report?period=%d&unit=%d", w.period, w.org.Units[1]))
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(body, "%PDF") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("pdf report: got %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	res, body = c.get(fmt.Sprintf("/index/followup?period=%d", w.period))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "bukan bukti") || !strings.Contains(body, `id="followup-units"`) || !strings.Contains(body, "Survei 2025") {
		t.Errorf("follow-up page: got %d, want the association note and the units compared with the previous period", res.StatusCode)
	}
	if res, _ := c.get("/index/export?table=nope"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown export table: got %d, want 400", res.StatusCode)
	}
	var views int
	err := w.ts.db.EachAudit(context.Background(), budaya.AuditFilter{Entity: "index", Action: "view"}, func(e budaya.AuditEntry) error {
		views++
		if e.ActorName != "admin" {
			t.Errorf("view audited for %q, want admin", e.ActorName)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if views < 12 {
		t.Errorf("audited views: got %d, want one per dashboard, export and report", views)
	}
}

func TestIndexRefreshJob(t *testing.T) {
	w := newIndexWorld(t)
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	res := c.postForm("/index/refresh", map[string][]string{"period": {strconv.FormatInt(w.period, 10)}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/jobs/") {
		t.Fatalf("refresh: got %d to %q, want 303 to the job", res.StatusCode, res.Header.Get("Location"))
	}
	if ran, err := w.ts.srv.Jobs().RunOnce(context.Background()); err != nil || !ran {
		t.Fatalf("run refresh job: %v %v", ran, err)
	}
	if res := c.postForm("/index/refresh", map[string][]string{"period": {"x"}}); res.StatusCode != http.StatusBadRequest {
		t.Errorf("refresh of a bad period: got %d, want 400", res.StatusCode)
	}
	// Issue 13.3: an open period has no figures; a recompute is refused at
	// once with the reason, and no job is queued.
	open := storetest.AnswerIndexPeriod(t, w.ts.db, w.org, "Survei 2027", 5, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC), varyScore)
	res, body := c.postFormBody("/index/refresh", map[string][]string{"period": {strconv.FormatInt(open, 10)}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "belum ditutup") {
		t.Errorf("refresh of an open period: got %d, want 409 saying it is not closed yet", res.StatusCode)
	}
	if ran, err := w.ts.srv.Jobs().RunOnce(context.Background()); err != nil || ran {
		t.Errorf("a job ran after the refused refresh: %v %v", ran, err)
	}
}

func TestIndexAPIMatchesOpenAPI(t *testing.T) {
	w := newIndexWorld(t)
	doc := loadOpenAPI(t, w.ts)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	c := w.ts.login(t, "admin")
	for _, path := range []string{
		fmt.Sprintf("/api/v1/index?period=%d", w.period),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d", w.period, w.org.Units[2]),
		fmt.Sprintf("/api/v1/index?period=%d&unit=%d&scope=own", w.period, w.org.Units[0]),
		fmt.Sprintf("/api/v1/index/trend?unit=%d", w.org.Units[1]),
		fmt.Sprintf("/api/v1/heatmap?period=%d&level=3", w.period),
		"/api/v1/index?unit=abc",
	} {
		t.Run(path, func(t *testing.T) {
			res, body := c.get(path)
			req, _ := http.NewRequest(http.MethodGet, w.ts.URL+path, nil)
			route, params, err := router.FindRoute(req)
			if err != nil {
				t.Fatal(err)
			}
			in := &openapi3filter.ResponseValidationInput{
				RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
					Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, ExcludeRequestQueryParams: true}},
				Status: res.StatusCode, Header: res.Header, Body: io.NopCloser(bytes.NewReader([]byte(body))),
			}
			if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
				t.Errorf("answer (%d) does not match the document: %v", res.StatusCode, err)
			}
		})
	}
}
