package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestAnswerReadersUseTheGate: code in web reads answers, figures and
// participation only through gate.go, so that every page, export and API
// answer keeps the one anonymity rule (issue 13), and a new page cannot forget
// it. Fails naming the file and line that reads the store directly.
func TestAnswerReadersUseTheGate(t *testing.T) {
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
