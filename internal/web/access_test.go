package web_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// twoUnitWorld is ROOT with A > B, C > D and E below it; the pimpinan "dua"
// holds grants for B and C, in different subtrees, so sees B, C and D and
// nothing else. E's head, named on the unit as its leader but holding the
// pimpinan grant for A only, neither sees E's staff nor decides for E.
type twoUnitWorld struct {
	ts                  *testServer
	org                 *storetest.IndexOrg
	root, a, b, c, d, e int64
	period              int64
	visible, hidden     []int64
}

func newTwoUnitWorld(t *testing.T) *twoUnitWorld {
	t.Helper()
	ts := newTestServer(t)
	org := storetest.MakeIndexOrg(t, ts.db, []storetest.IndexUnit{
		{Code: "ROOT", Level: budaya.LevelEselon1, Parent: -1, Staff: 5},
		{Code: "A", Level: budaya.LevelEselon2, Parent: 0, Staff: 5},
		{Code: "B", Level: budaya.LevelEselon3, Parent: 1, Staff: 5},
		{Code: "C", Level: budaya.LevelEselon2, Parent: 0, Staff: 5},
		{Code: "D", Level: budaya.LevelEselon3, Parent: 3, Staff: 5},
		{Code: "E", Level: budaya.LevelEselon2, Parent: 0, Staff: 5},
	})
	u := org.Units
	w := &twoUnitWorld{ts: ts, org: org, root: u[0], a: u[1], b: u[2], c: u[3], d: u[4], e: u[5]}
	w.visible, w.hidden = []int64{w.b, w.c, w.d}, []int64{w.root, w.a, w.e}
	w.period = storetest.RunIndexPeriod(t, ts.db, org, "Survei 2026", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), varyScore)
	sys := budaya.SystemActor("test")
	if _, err := ts.db.CreateUser(ctx, sys, budaya.UserInput{Username: "dua", Password: testPassword,
		Roles: []budaya.RoleGrant{{Role: budaya.RolePimpinan, UnitID: w.b}, {Role: budaya.RolePimpinan, UnitID: w.c}}}); err != nil {
		t.Fatal(err)
	}
	// E's head is named on the unit as its leader, but holds the pimpinan
	// grant for A only: leadership comes from the grants, so E stays closed.
	headE := org.Staff[5][0]
	unitE, err := ts.db.FindUnit(ctx, w.e)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.db.UpdateUnit(ctx, sys, w.e, store.UnitUpdate{Code: unitE.Code, Name: unitE.Name, Level: unitE.Level, LeaderEmployeeID: headE}); err != nil {
		t.Fatal(err)
	}
	if _, err := ts.db.CreateUser(ctx, sys, budaya.UserInput{Username: "kepala-e", Password: testPassword, EmployeeID: headE,
		Roles: []budaya.RoleGrant{{Role: budaya.RolePimpinan, UnitID: w.a}}}); err != nil {
		t.Fatal(err)
	}
	return w
}

// sameUnits compares unit id sets, ignoring order and repeats.
func sameUnits(got, want []int64) bool {
	g, x := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(x)
	return slices.Equal(slices.Compact(g), slices.Compact(x))
}

// TestLeaderOfTwoUnitsSeesBothEverywhere grants one pimpinan two units in
// different subtrees and walks every page and API that lists or reads by
// unit: both units (with the units below them) everywhere, nothing else.
func TestLeaderOfTwoUnitsSeesBothEverywhere(t *testing.T) {
	t.Parallel()
	w := newTwoUnitWorld(t)
	ts, db := w.ts, w.ts.db
	sys := budaya.SystemActor("test")
	all := append(slices.Clone(w.visible), w.hidden...)

	// Records of every unit: a commitment, a change agent with a report, an
	// alignment session inviting the unit's first employee.
	sessions := map[int64]int64{}
	reports := map[int64]int64{}
	for i, unit := range w.org.Units {
		owner := w.org.Staff[i][0]
		if _, err := db.CreateCommitment(ctx, sys, budaya.CommitmentInput{UnitID: unit, Title: fmt.Sprintf("Apel unit %d", unit), Codes: []string{"BP1"},
			DueDate: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), OwnerID: owner, Measure: "Selesai"}); err != nil {
			t.Fatal(err)
		}
		s, err := db.CreateAlignmentSession(ctx, sys, budaya.SessionInput{Title: fmt.Sprintf("Sesi %d", unit), StartsAt: time.Date(2030, 1, 1, 8, 0, 0, 0, time.UTC),
			EndsAt: time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC), Place: "Aula", Facilitator: "Biro", PledgeTemplate: budaya.DefaultPledgeTemplate})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.InviteEmployee(ctx, sys, s.ID, owner, unit); err != nil {
			t.Fatal(err)
		}
		sessions[s.ID] = unit
		ag, err := db.AppointChangeAgent(ctx, sys, budaya.ChangeAgentInput{UnitID: unit, EmployeeID: w.org.Staff[i][1], DecreeNumber: fmt.Sprintf("SK-%d", unit),
			StartsOn: "2026-01-01", EndsOn: "2027-12-31"})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := db.SubmitAgentReport(ctx, budaya.Actor{UserID: ag.UserID}, ag.ID, budaya.AgentReportInput{Month: "2026-02", Summary: fmt.Sprintf("Laporan unit %d", unit)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		reports[unit] = rep.ID
	}

	c := ts.login(t, "dua")
	period := strconv.FormatInt(w.period, 10)

	t.Run("employees API lists the staff of both subtrees only", func(t *testing.T) {
		var list struct {
			Items []struct {
				ID     int64 `json:"id"`
				UnitID int64 `json:"unit_id"`
			} `json:"items"`
			Total int `json:"total"`
		}
		if res := c.getJSON("/api/v1/employees?per_page=500", &list); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/employees: got %d", res.StatusCode)
		}
		var units []int64
		for _, e := range list.Items {
			units = append(units, e.UnitID)
		}
		if !sameUnits(units, w.visible) || list.Total != 15 {
			t.Errorf("employees: got units %v (total %d), want %v (15)", units, list.Total, w.visible)
		}
		for _, unit := range all {
			want := http.StatusOK
			if slices.Contains(w.hidden, unit) {
				want = http.StatusForbidden
			}
			if res, _ := c.get(fmt.Sprintf("/api/v1/employees?unit=%d&subtree=1", unit)); res.StatusCode != want {
				t.Errorf("employees of unit %d: got %d, want %d", unit, res.StatusCode, want)
			}
		}
		_, body := c.get("/employees")
		for i, unit := range w.org.Units {
			name := fmt.Sprintf("Pegawai %s-1", []string{"ROOT", "A", "B", "C", "D", "E"}[i])
			if got, want := strings.Contains(body, name), slices.Contains(w.visible, unit); got != want {
				t.Errorf("/employees shows %s: got %v, want %v", name, got, want)
			}
		}
	})

	t.Run("employee pages open for staff of both subtrees only", func(t *testing.T) {
		for i, unit := range w.org.Units {
			want := http.StatusOK
			if slices.Contains(w.hidden, unit) {
				want = http.StatusNotFound
			}
			e := w.org.Staff[i][2]
			for _, path := range []string{fmt.Sprintf("/employees/%d", e), fmt.Sprintf("/api/v1/employees/%d", e)} {
				if res, _ := c.get(path); res.StatusCode != want {
					t.Errorf("%s (unit %d): got %d, want %d", path, unit, res.StatusCode, want)
				}
			}
		}
	})

	t.Run("unit pages link the staff of both subtrees only", func(t *testing.T) {
		for _, unit := range all {
			_, body := c.get(fmt.Sprintf("/units/%d", unit))
			link := fmt.Sprintf(`href="/employees?unit=%d&amp;subtree=1"`, unit)
			if got, want := strings.Contains(body, link), slices.Contains(w.visible, unit); got != want {
				t.Errorf("/units/%d links its staff: got %v, want %v", unit, got, want)
			}
		}
	})

	t.Run("commitments of both subtrees only", func(t *testing.T) {
		var list struct {
			Items []struct {
				UnitID int64 `json:"unit_id"`
			} `json:"items"`
		}
		if res := c.getJSON("/api/v1/commitments", &list); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/commitments: got %d", res.StatusCode)
		}
		var units []int64
		for _, x := range list.Items {
			units = append(units, x.UnitID)
		}
		if !sameUnits(units, w.visible) {
			t.Errorf("commitments API: got units %v, want %v", units, w.visible)
		}
		res, body := c.get("/commitments/export?format=csv")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("commitments export: got %d", res.StatusCode)
		}
		rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, unit := range all {
			title := fmt.Sprintf("Apel unit %d", unit)
			if got, want := strings.Contains(body, title), slices.Contains(w.visible, unit); got != want {
				t.Errorf("commitments export holds %q: got %v, want %v (%d rows)", title, got, want, len(rows))
			}
		}
	})

	t.Run("alignment sessions of both subtrees only", func(t *testing.T) {
		var list struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		if res := c.getJSON("/api/v1/alignment-sessions", &list); res.StatusCode != http.StatusOK {
			t.Fatalf("GET /api/v1/alignment-sessions: got %d", res.StatusCode)
		}
		var units []int64
		for _, s := range list.Items {
			units = append(units, sessions[s.ID])
		}
		if !sameUnits(units, w.visible) {
			t.Errorf("alignment sessions: got the sessions of units %v, want %v", units, w.visible)
		}
		_, body := c.get("/alignment")
		for id, unit := range sessions {
			if got, want := strings.Contains(body, fmt.Sprintf(`href="/alignment/%d"`, id)), slices.Contains(w.visible, unit); got != want {
				t.Errorf("/alignment lists the session of unit %d: got %v, want %v", unit, got, want)
			}
		}
	})

	t.Run("agent reports of both led units only, and only they are decided", func(t *testing.T) {
		_, body := c.get("/agents")
		for _, unit := range all {
			summary := fmt.Sprintf("Laporan unit %d", unit)
			// Reports are decided by the leader of the agent's own unit (B, C), not of a unit above it.
			want := unit == w.b || unit == w.c
			if got := strings.Contains(body, summary); got != want {
				t.Errorf("/agents shows %q: got %v, want %v", summary, got, want)
			}
		}
		for _, tc := range []struct {
			unit int64
			want int
		}{{w.b, http.StatusSeeOther}, {w.c, http.StatusSeeOther}, {w.d, http.StatusForbidden}, {w.a, http.StatusForbidden}, {w.e, http.StatusForbidden}} {
			res := c.postForm(fmt.Sprintf("/agent-reports/%d/decide", reports[tc.unit]), url.Values{"decision": {"approve"}})
			if res.StatusCode != tc.want {
				t.Errorf("decide the report of unit %d: got %d, want %d", tc.unit, res.StatusCode, tc.want)
			}
		}
	})

	t.Run("response rates of both subtrees", func(t *testing.T) {
		var list struct {
			Items []struct {
				UnitID int64 `json:"unit_id"`
			} `json:"items"`
		}
		if res := c.getJSON("/api/v1/periods/"+period+"/response-rates", &list); res.StatusCode != http.StatusOK {
			t.Fatalf("response rates API: got %d", res.StatusCode)
		}
		var units []int64
		for _, x := range list.Items {
			units = append(units, x.UnitID)
		}
		if !sameUnits(units, w.visible) {
			t.Errorf("response rates API: got units %v, want %v", units, w.visible)
		}
		_, body := c.get("/periods/" + period)
		for i, unit := range w.org.Units {
			// A rate's row ends its unit cell with the name (the page also
			// lists the participating units, which every reader may see).
			name := "Unit " + []string{"ROOT", "A", "B", "C", "D", "E"}[i] + "</td>"
			if got, want := strings.Contains(body, name), slices.Contains(w.visible, unit); got != want {
				t.Errorf("period page shows the rate of %s: got %v, want %v", name, got, want)
			}
		}
	})

	t.Run("perilaku kerja offers both led units and refuses the rest", func(t *testing.T) {
		res, body := c.get("/perilaku")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("/perilaku: got %d", res.StatusCode)
		}
		opts := regexp.MustCompile(`<option value="(\d+)"`).FindAllStringSubmatch(body, -1)
		var offered []int64
		for _, m := range opts {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			if slices.Contains(all, id) {
				offered = append(offered, id)
			}
		}
		if !sameUnits(offered, []int64{w.b, w.c}) {
			t.Errorf("/perilaku offers units %v, want %v", offered, []int64{w.b, w.c})
		}
		for _, unit := range all {
			want := http.StatusOK
			if slices.Contains(w.hidden, unit) {
				want = http.StatusForbidden
			}
			if res, _ := c.get(fmt.Sprintf("/perilaku?unit=%d", unit)); res.StatusCode != want {
				t.Errorf("/perilaku?unit=%d: got %d, want %d", unit, res.StatusCode, want)
			}
		}
	})

	t.Run("index pages, API, heatmap and exports of both subtrees only", func(t *testing.T) {
		routes := []string{"/index", "/index/heatmap", "/index/followup", "/index/export?table=values&format=csv",
			"/index/export?table=heatmap&format=csv", "/index/answers?format=csv", "/index/report",
			"/api/v1/index", "/api/v1/index/trend", "/api/v1/index/followup", "/api/v1/heatmap"}
		for _, route := range routes {
			sep := "?"
			if strings.Contains(route, "?") {
				sep = "&"
			}
			for _, unit := range all {
				want := http.StatusOK
				if slices.Contains(w.hidden, unit) {
					want = http.StatusForbidden
				}
				path := fmt.Sprintf("%s%speriod=%s&unit=%d", route, sep, period, unit)
				if res, _ := c.get(path); res.StatusCode != want {
					t.Errorf("%s: got %d, want %d", path, res.StatusCode, want)
				}
			}
		}
		heat := func(q string) []int64 {
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
		if got := heat(fmt.Sprintf("&unit=%d&level=3", w.c)); !sameUnits(got, []int64{w.d}) {
			t.Errorf("heatmap under C: got %v, want [D %d]", got, w.d)
		}
		if got := heat(fmt.Sprintf("&unit=%d&level=3", w.b)); !sameUnits(got, []int64{w.b}) {
			t.Errorf("heatmap under B: got %v, want [B %d]", got, w.b)
		}
		// The dashboard names both led units, so each is one click away.
		_, body := c.get("/index?period=" + period)
		for _, unit := range []int64{w.b, w.c} {
			if !strings.Contains(body, fmt.Sprintf("unit=%d", unit)) {
				t.Errorf("/index does not link led unit %d", unit)
			}
		}
		for _, unit := range w.hidden {
			if strings.Contains(body, fmt.Sprintf("unit=%d&", unit)) || strings.Contains(body, fmt.Sprintf("unit=%d\"", unit)) {
				t.Errorf("/index links unit %d the leader does not lead", unit)
			}
		}
	})

	t.Run("recognition statistics of both subtrees only", func(t *testing.T) {
		_, body := c.get("/recognition/stats")
		var offered []int64
		for _, m := range regexp.MustCompile(`<option value="(\d+)"`).FindAllStringSubmatch(body, -1) {
			id, _ := strconv.ParseInt(m[1], 10, 64)
			offered = append(offered, id)
		}
		if !sameUnits(offered, w.visible) {
			t.Errorf("/recognition/stats offers units %v, want %v", offered, w.visible)
		}
		for _, unit := range all {
			want := http.StatusOK
			if slices.Contains(w.hidden, unit) {
				want = http.StatusForbidden
			}
			if res, _ := c.get(fmt.Sprintf("/recognition/stats?unit=%d", unit)); res.StatusCode != want {
				t.Errorf("/recognition/stats?unit=%d: got %d, want %d", unit, res.StatusCode, want)
			}
		}
	})

	t.Run("a unit head without the grant for the unit neither sees nor decides for it", func(t *testing.T) {
		ts.mustUser(t, "admin", budaya.RoleAdmin)
		admin := ts.login(t, "admin")
		for _, unit := range []int64{w.e, w.b} {
			_, body := admin.get(fmt.Sprintf("/units/%d", unit))
			if got, want := strings.Contains(body, "belum memegang peran pimpinan untuk unit ini"), unit == w.e; got != want {
				t.Errorf("/units/%d warns the admin of a leader without the grant: got %v, want %v", unit, got, want)
			}
		}
		k := ts.login(t, "kepala-e")
		if res, _ := k.get(fmt.Sprintf("/api/v1/employees/%d", w.org.Staff[5][3])); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusNotFound {
			t.Errorf("E's head reading E's staff: got %d, want 403 or 404", res.StatusCode)
		}
		if res := k.postForm(fmt.Sprintf("/agent-reports/%d/decide", reports[w.e]), url.Values{"decision": {"approve"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("E's head deciding E's agent report: got %d, want 403", res.StatusCode)
		}
	})
}
