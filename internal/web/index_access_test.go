package web_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TestIndexLeaderSeesOwnSubtree signs in the pimpinan of A (ROOT > A > B,
// and C beside A) and walks every index route: A and B open, the sibling C,
// the parent ROOT and the whole instansi are refused with a 403 that says
// why, the heatmap lists only A's subtree, and the parent's figures stay
// on A's dashboard as a comparison.
func TestIndexLeaderSeesOwnSubtree(t *testing.T) {
	t.Parallel()
	w := newIndexWorld(t)
	root, a, b, sibling := w.org.Units[0], w.org.Units[1], w.org.Units[2], w.org.Units[3]
	if _, err := w.ts.db.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: "kepala-a", Password: testPassword,
		Roles: []budaya.RoleGrant{{Role: budaya.RolePimpinan, UnitID: a}}}); err != nil {
		t.Fatal(err)
	}
	c := w.ts.login(t, "kepala-a")
	period := strconv.FormatInt(w.period, 10)
	routes := []string{"/index", "/index/heatmap", "/index/followup", "/index/export?table=values&format=csv", "/index/export?table=heatmap&format=xlsx",
		"/index/export?table=children&format=csv", "/index/export?table=trend&format=csv", "/index/answers?format=csv", "/index/report",
		"/api/v1/index", "/api/v1/index/trend", "/api/v1/index/followup", "/api/v1/heatmap"}
	with := func(route, q string) string {
		sep := "?"
		if strings.Contains(route, "?") {
			sep = "&"
		}
		return route + sep + "period=" + period + q
	}
	for _, route := range routes {
		for _, tc := range []struct {
			name  string
			query string
			want  int
		}{
			{"own unit", fmt.Sprintf("&unit=%d", a), http.StatusOK},
			{"own staff", fmt.Sprintf("&unit=%d&scope=own", a), http.StatusOK},
			{"unit below", fmt.Sprintf("&unit=%d", b), http.StatusOK},
			{"default", "", http.StatusOK},
			{"sibling", fmt.Sprintf("&unit=%d", sibling), http.StatusForbidden},
			{"parent", fmt.Sprintf("&unit=%d", root), http.StatusForbidden},
			{"instansi", "&unit=0", http.StatusForbidden},
		} {
			path := with(route, tc.query)
			res, body := c.get(path)
			if res.StatusCode != tc.want {
				t.Errorf("%s (%s): got %d, want %d", path, tc.name, res.StatusCode, tc.want)
				continue
			}
			if tc.want != http.StatusForbidden {
				continue
			}
			if strings.HasPrefix(route, "/api/") {
				var e struct {
					Error struct{ Code, Message string } `json:"error"`
				}
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code != budaya.EFORBIDDEN || !strings.Contains(e.Error.Message, "unit yang Anda pimpin") {
					t.Errorf("%s: got %q, want a forbidden error that says why", path, body)
				}
			} else if !strings.Contains(body, "Anda hanya dapat membuka indeks unit yang Anda pimpin") {
				t.Errorf("%s: the refusal does not say why", path)
			}
		}
	}

	// The default is the leader's own unit, with the parent as comparison.
	var out indexJSON
	c.getJSON("/api/v1/index?period="+period, &out)
	if out.Unit == nil || out.Unit.ID != a || out.Parent == nil || out.Parent.Overall.Score == nil {
		t.Errorf("default cut: got unit %+v, parent %+v; want unit %d with its parent's figures", out.Unit, out.Parent, a)
	}
	_, body := c.get("/index?period=" + period)
	if !strings.Contains(body, "Unit A") || strings.Contains(body, fmt.Sprintf(`unit=%d"`, root)) || strings.Contains(body, `href="/index?period=`+period+`"`) {
		t.Errorf("dashboard of A: want A, and no link to ROOT's or the instansi's dashboard")
	}

	// The heatmap lists only A's subtree, at every level.
	heat := func(c *client, q string) []int64 {
		t.Helper()
		var h struct {
			Items []groupJSON `json:"items"`
		}
		if res := c.getJSON("/api/v1/heatmap?period="+period+q, &h); res.StatusCode != http.StatusOK {
			t.Fatalf("heatmap %s: got %d", q, res.StatusCode)
		}
		var ids []int64
		for _, it := range h.Items {
			ids = append(ids, it.Unit.ID)
		}
		return ids
	}
	for _, tc := range []struct {
		query string
		want  string
	}{{"&level=1", "[]"}, {"&level=2", fmt.Sprint([]int64{a})}, {"&level=3", fmt.Sprint([]int64{b})}, {"", fmt.Sprint([]int64{b})}} {
		if got := fmt.Sprint(heat(c, tc.query)); got != tc.want {
			t.Errorf("leader's heatmap %q: got units %s, want %s", tc.query, got, tc.want)
		}
	}
	_, body = c.get("/index/heatmap?period=" + period + "&level=2")
	if !strings.Contains(body, "Unit A") || strings.Contains(body, "Unit C") {
		t.Errorf("leader's heatmap page: want A's row and not C's")
	}
	w.ts.mustUser(t, "admin", budaya.RoleAdmin)
	if got, want := fmt.Sprint(heat(w.ts.login(t, "admin"), "&level=2")), fmt.Sprint([]int64{a, sibling}); got != want {
		t.Errorf("admin's heatmap: got units %s, want %s", got, want)
	}

	// The answer export of A holds only A's subtree: A's 5 and B's 4
	// respondents (pooled, both being below K), numbered 1..9.
	_, body = c.get("/index/answers?format=csv&period=" + period)
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	cr.FieldsPerRecord = -1 // the method lines at the end have two cells
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	respondents := map[string]bool{}
	for _, row := range rows[1:] {
		if row[0] == "#" {
			continue
		}
		if row[1] != strconv.FormatInt(a, 10) && row[1] != strconv.FormatInt(b, 10) {
			t.Fatalf("answer row of unit %s in A's export", row[1])
		}
		respondents[row[0]] = true
	}
	if len(respondents) != 9 || !respondents["1"] || !respondents["9"] {
		t.Errorf("respondents in A's export: got %v, want 1..9", respondents)
	}

	// A pimpinan whose role names no unit sees no index.
	w.ts.mustUser(t, "kepala-tanpa-unit", budaya.RolePimpinan)
	if res, body := w.ts.login(t, "kepala-tanpa-unit").get("/api/v1/index?period=" + period); res.StatusCode != http.StatusForbidden || !strings.Contains(body, "belum dikaitkan") {
		t.Errorf("pimpinan without a unit: got %d %s, want 403 saying the role has no unit", res.StatusCode, body)
	}
}
