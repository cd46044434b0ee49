package web_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// allAnswerList is score for each of the 21 behaviours.
func allAnswerList(score int) []budaya.Answer {
	var out []budaya.Answer
	for _, c := range []string{"BP1", "BP2", "BP3", "AK1", "AK2", "AK3", "KO1", "KO2", "KO3", "HA1", "HA2", "HA3", "LO1", "LO2", "LO3", "AD1", "AD2", "AD3", "KL1", "KL2", "KL3"} {
		out = append(out, budaya.Answer{BehaviourCode: c, Score: score})
	}
	return out
}

// TestAnswerReadersUseTheGate: code in web reads answers, figures and
// participation only through gate.go, so that every page, export and API
// answer keeps the one anonymity rule (issue 13), and a new page cannot forget
// it. Fails naming the file and line that reads the store directly.
func TestAnswerReadersUseTheGate(t *testing.T) {
	t.Parallel()
	gated := map[string]bool{"IndexGroups": true, "IndexSums": true, "EachExportAnswer": true, "EachAnswer": true, "Report360": true,
		"ResponseRates": true, "Reminders": true, "ComputeIndex": true, "RawAggregate": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || name == "gate.go" {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || !gated[sel.Sel.Name] {
				return true
			}
			if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "db" {
				t.Errorf("%s: reads %s from the store directly; take it from gate.go so the anonymity rule applies", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("checked %d files, want the whole web package", checked)
	}
}

// TestReminderListNamesNobody: the 360 reminder list counts people with open
// tasks per unit, names nobody, and shows a unit only when its count reaches
// K (issue 13.3: the list showed whose open-task count had just fallen).
func TestReminderListNamesNobody(t *testing.T) {
	t.Parallel()
	f := newMeasureFixture(t) // K = 5; Biro 1 has its leader and 6 staff, the root its head
	adm := f.ts.login(t, "adm")
	section := func() string {
		t.Helper()
		res, body := adm.get(fmt.Sprintf("/periods/%d", f.periodID))
		if res.StatusCode != http.StatusOK {
			t.Fatalf("period page: got %d", res.StatusCode)
		}
		i := strings.Index(body, "Daftar pengingat 360")
		if i < 0 {
			return ""
		}
		return body[i:]
	}
	s := section()
	if !strings.Contains(s, "<td>Biro 1</td><td>7</td>") {
		t.Errorf("reminder list: want Biro 1 with 7 people, got %.600s", s)
	}
	for name := range f.users {
		if emp := f.users[name]; emp != 0 {
			e, err := f.ts.db.FindEmployee(ctx, emp)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(s, e.Name) {
				t.Errorf("reminder list names %s", e.Name)
			}
		}
	}
	// Three members of staff finish every 360 task: Biro 1 drops below K and
	// is counted with the root's one person (1 + 4 = 5).
	for _, who := range []string{"peg1", "peg2", "peg3"} {
		tasks, _, err := f.ts.db.ListTasks(ctx, budaya.TaskFilter{RaterEmployeeID: f.users[who], Instrument: budaya.Instrument360, PerPage: 100})
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range tasks {
			if _, err := f.ts.db.SubmitTask(ctx, f.users[who], tk.ID, fmt.Sprintf("r-%d", tk.ID), allAnswerList(3)); err != nil {
				t.Fatal(err)
			}
		}
	}
	s = section()
	if strings.Contains(s, "<td>Biro 1</td>") || !strings.Contains(s, "Unit lain (digabung)</td><td>5</td>") {
		t.Errorf("reminder list with Biro 1 below K: want only the combined row of 5, got %.600s", s)
	}
	// A closed period takes no more answers: nobody is reminded, and the
	// page does not count the open tasks of a whole instansi to say so.
	if err := f.ts.db.ClosePeriod(ctx, budaya.SystemActor("test"), f.periodID); err != nil {
		t.Fatal(err)
	}
	if s := section(); s != "" {
		t.Errorf("reminder list of a closed period: got %.300s, want none", s)
	}
}

// TestOpenPeriodHasNoFigures: while a period runs, no page, API answer or
// export shows a figure or an answer of it, and the dashboard says why.
func TestOpenPeriodHasNoFigures(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t)
	org := storetest.MakeIndexOrg(t, ts.db, []storetest.IndexUnit{{Code: "ROOT", Level: budaya.LevelEselon1, Parent: -1, Staff: 8}})
	id := storetest.AnswerIndexPeriod(t, ts.db, org, "Survei berjalan", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), func(u, p, b int) int { return 1 + (p+b)%5 })
	if _, err := ts.db.RefreshIndex(ctx, budaya.SystemActor("test"), id); err == nil {
		t.Errorf("recompute of an open period: got no error, want a refusal")
	}
	ts.mustUser(t, "adm", budaya.RoleAdmin)
	c := ts.login(t, "adm")
	res, body := c.get(fmt.Sprintf("/index?period=%d", id))
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `id="period-open"`) || !strings.Contains(body, "setelah periode ditutup") {
		t.Errorf("dashboard of an open period: got %d, want the notice that figures appear at close", res.StatusCode)
	}
	var out indexJSON
	c.getJSON(fmt.Sprintf("/api/v1/index?period=%d", id), &out)
	if out.Overall.N != nil || out.Overall.Score != nil {
		t.Errorf("API of an open period: got n %v, want no figures", deref64(out.Overall.N))
	}
	if res, body := c.get(fmt.Sprintf("/index/answers?format=csv&period=%d", id)); res.StatusCode != http.StatusConflict || !strings.Contains(body, "masih berjalan") {
		t.Errorf("answer export of an open period: got %d, want 409 saying the period is still running", res.StatusCode)
	}
}
