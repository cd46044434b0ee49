package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestPeriodRatesPagedByLevel: the period page's rate tables show the tree
// levels that fit one page (100 units) unless ?level= asks for more, 100
// units a page; the response-rates API gives every unit without parameters
// (as before) and the same paging with them. Paging changes no figure: a
// unit under K stays suppressed on every page and in every answer.
func TestPeriodRatesPagedByLevel(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	ts.mustUser(t, "adm", budaya.RoleAdmin)
	if err := ts.db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, ts.db, 120, 1) // the root and 120 units of 2 people
	f, err := ts.db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().UTC().Add(-24 * time.Hour)
	sys := budaya.SystemActor("test")
	p, err := ts.db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei besar", StartsAt: start, EndsAt: start.AddDate(0, 1, 0),
		FrameworkID: f.ID, HasSurvey: true, MinGroup: 3, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := ts.db.GenerateTasks(ctx, p.ID, nil); err != nil {
		t.Fatal(err)
	}
	// One answer in the first unit: 1 of its 2 tasks, under K = 3.
	tasks, _, err := ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: org.Staff[0][0], PerPage: 10})
	if err != nil || len(tasks) != 1 {
		t.Fatalf("tasks of the first unit's staff: %v %v", tasks, err)
	}
	answers := []budaya.Answer{}
	for _, c := range f.BehaviourCodes() {
		answers = append(answers, budaya.Answer{BehaviourCode: c, Score: 4})
	}
	if _, err := ts.db.SubmitTask(ctx, org.Staff[0][0], tasks[0].ID, "", answers); err != nil {
		t.Fatal(err)
	}
	adm := ts.login(t, "adm")
	rowRE := regexp.MustCompile(`<tr><td>(?:· )*([^<]+)</td>`)
	var names []string
	rows := func(path string) (int, string) {
		t.Helper()
		res, body := adm.get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: got %d, want 200", path, res.StatusCode)
		}
		i := strings.Index(body, "<h2>Tingkat respons survei budaya</h2>")
		if i < 0 {
			t.Fatalf("GET %s: no survey rate table", path)
		}
		table := body[i:]
		table = table[:strings.Index(table, "</table>")]
		names = names[:0]
		for _, m := range rowRE.FindAllStringSubmatch(table, -1) {
			names = append(names, m[1])
		}
		return strings.Count(table, "<tr><td>"), body
	}
	page := fmt.Sprintf("/periods/%d", p.ID)
	n, body := rows(page)
	if n != 1 || !strings.Contains(body, "Sekretariat Jenderal") || !strings.Contains(body, fmt.Sprintf(`href="/periods/%d?level=2#rates-levels"`, p.ID)) {
		t.Errorf("default: got %d rows, want the root alone (121 units do not fit a page) and a link to level 2", n)
	}
	if n, body = rows(page + "?level=2"); n != 100 || !strings.Contains(body, "1 / 2") || !strings.Contains(body, `href="?level=2&amp;page=2"`) {
		t.Errorf("level 2: got %d rows, want 100 and a link to page 2 of 2", n)
	}
	seen := map[string]bool{}
	for _, x := range names {
		seen[x] = true
	}
	if n, _ = rows(page + "?level=2&page=2"); n != 21 {
		t.Errorf("level 2, page 2: got %d rows, want the last 21 units", n)
	}
	for _, x := range names {
		if seen[x] {
			t.Errorf("level 2, page 2: %q was on page 1 as well", x)
		}
		seen[x] = true
	}
	if len(seen) != 121 {
		t.Errorf("level 2, both pages: got %d distinct units, want 121", len(seen))
	}
	if res, _ := adm.get(page + "?level=3"); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest {
		t.Errorf("level 3 of a 2-level tree: got %d, want a refusal", res.StatusCode)
	}

	type rate struct {
		UnitID     int64 `json:"unit_id"`
		Depth      int   `json:"depth"`
		Total      int   `json:"total"`
		Completed  int   `json:"completed"`
		Suppressed bool  `json:"suppressed"`
	}
	var all, top, second struct {
		Items []rate `json:"items"`
		Total int    `json:"total"`
	}
	api := fmt.Sprintf("/api/v1/periods/%d/response-rates", p.ID)
	adm.getJSON(api, &all)
	if len(all.Items) != 121 || all.Total != 121 || all.Items[0].UnitID != org.Root || all.Items[0].Completed != 1 || all.Items[0].Total != 241 {
		t.Errorf("API without paging: got %d items (total %d), first %+v; want all 121, the root 1 of 241", len(all.Items), all.Total, all.Items[0])
	}
	adm.getJSON(api+"?level=1", &top)
	if len(top.Items) != 1 || top.Total != 1 {
		t.Errorf("API level 1: got %+v, want the root alone", top)
	}
	adm.getJSON(api+"?level=2&page=2", &second)
	if len(second.Items) != 21 || second.Total != 121 {
		t.Errorf("API level 2 page 2: got %d items of %d, want 21 of 121", len(second.Items), second.Total)
	}
	for _, x := range append(all.Items, second.Items...) {
		if x.Depth == 1 && (!x.Suppressed || x.Completed != 0 || x.Total != 2) {
			t.Errorf("unit %d of 2 tasks: got %+v, want suppressed (K = 3)", x.UnitID, x)
		}
	}
	if res, _ := adm.get(api + "?level=0"); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest {
		t.Errorf("API level 0: got %d, want a refusal", res.StatusCode)
	}
}
