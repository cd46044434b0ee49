// Package docs_test keeps the documentation honest: the security checklist in
// security.md may only cite tests and files that exist, so it cannot rot.
package docs_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// citedTest is a test cited in backticks: `TestXxx`, `FuzzXxx`, `BenchmarkXxx`,
// or `TestXxx*` for every test whose name starts with TestXxx.
var citedTest = regexp.MustCompile("`((?:Test|Fuzz|Benchmark)[A-Za-z0-9_]*\\*?)`")

// citedPath is a repository file cited in backticks, such as `internal/web/auth.go`.
var citedPath = regexp.MustCompile("`((?:internal|cmd|scripts|docs)/[A-Za-z0-9_./-]+\\.(?:go|sh|md|sql|json))`")

// repoTests returns the name of every top-level Test, Fuzz and Benchmark
// function in the *_test.go files under root.
func repoTests(t *testing.T, root string) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil {
				names[fn.Name.Name] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", root, err)
	}
	return names
}

func exists(names map[string]bool, cited string) bool {
	prefix, wildcard := strings.CutSuffix(cited, "*")
	if !wildcard {
		return names[cited]
	}
	for n := range names {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

func TestSecurityChecklistCitesRealTests(t *testing.T) {
	b, err := os.ReadFile("security.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	names := repoTests(t, "..")
	if !names["TestSecurityChecklistCitesRealTests"] {
		t.Fatalf("the walk of .. found %d tests but not this one: wrong root", len(names))
	}
	cited := citedTest.FindAllStringSubmatch(doc, -1)
	if len(cited) < 20 {
		t.Fatalf("security.md cites %d tests, want the checklist's (at least 20)", len(cited))
	}
	seen := map[string]bool{}
	for _, m := range cited {
		if seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		if !exists(names, m[1]) {
			t.Errorf("security.md cites %s, which is no test in any *_test.go file: rename or remove the citation", m[1])
		}
	}
	for _, m := range citedPath.FindAllStringSubmatch(doc, -1) {
		if _, err := os.Stat(filepath.Join("..", m[1])); err != nil {
			t.Errorf("security.md cites the file %s, which does not exist", m[1])
		}
	}
}

// TestSecurityChecklistRowsAreProved checks that every row of the checklist
// tables cites at least one test, or says openly that it is a gap or the
// operator's duty.
func TestSecurityChecklistRowsAreProved(t *testing.T) {
	b, err := os.ReadFile("security.md")
	if err != nil {
		t.Fatal(err)
	}
	areas := map[string]bool{}
	rows := 0
	lines := strings.Split(string(b), "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		header := i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "| ---")
		if !strings.HasPrefix(line, "|") || strings.HasPrefix(line, "| ---") || header {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		last := strings.TrimSpace(cells[len(cells)-1])
		rows++
		if len(cells) >= 4 {
			areas[strings.TrimSpace(cells[0])] = true
		}
		if !citedTest.MatchString(last) && !strings.Contains(strings.ToLower(last), "gap") {
			t.Errorf("checklist row %q: its last column cites no test (`TestXxx`) and does not say gap", cells[0])
		}
	}
	// BSSN 4/2021 lists thirteen web-application areas, a to m.
	for _, a := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"} {
		if !areas[a] {
			t.Errorf("the BSSN checklist has no row %s (the regulation's 13 areas must all be there)", a)
		}
	}
	if rows < 25 {
		t.Errorf("security.md has %d checklist rows, want at least 25", rows)
	}
}
