package budaya

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// catalogueEntry is one Msg variable of a catalogue file, as written.
type catalogueEntry struct {
	name   string
	id, en string
	pos    string
}

// readCatalogue parses the catalogue files msg_*.go of this package. It reads
// the source rather than the variables so that it knows every name, and so
// that an entry written other than as Msg{id: "...", en: "..."} fails.
func readCatalogue(t *testing.T) []catalogueEntry {
	t.Helper()
	files, err := filepath.Glob("msg_*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []catalogueEntry
	fset := token.NewFileSet()
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				t.Errorf("%s: a catalogue file holds only var blocks of Msg", fset.Position(d.Pos()))
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					e := catalogueEntry{name: n.Name, pos: fset.Position(n.Pos()).String()}
					var ok bool
					if i < len(vs.Values) {
						e.id, e.en, ok = msgTexts(vs.Values[i])
					}
					if !ok {
						t.Errorf("%s: %s: got %T, want Msg{id: \"...\", en: \"...\"} with two string literals", e.pos, n.Name, vs.Values)
						continue
					}
					out = append(out, e)
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no catalogue entries found in msg_*.go")
	}
	return out
}

// msgTexts reads Msg{id: "...", en: "..."}.
func msgTexts(x ast.Expr) (id, en string, ok bool) {
	cl, isCL := x.(*ast.CompositeLit)
	if !isCL || len(cl.Elts) != 2 {
		return "", "", false
	}
	if typ, isID := cl.Type.(*ast.Ident); !isID || typ.Name != "Msg" {
		return "", "", false
	}
	got := map[string]string{}
	for _, el := range cl.Elts {
		kv, isKV := el.(*ast.KeyValueExpr)
		if !isKV {
			return "", "", false
		}
		k, _ := kv.Key.(*ast.Ident)
		lit, isLit := kv.Value.(*ast.BasicLit)
		if k == nil || !isLit || lit.Kind != token.STRING {
			return "", "", false
		}
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			return "", "", false
		}
		got[k.Name] = s
	}
	id, okID := got["id"]
	en, okEN := got["en"]
	return id, en, okID && okEN
}

var verbPattern = regexp.MustCompile(`%([-+# 0]*)(\[(\d+)\])?(\*|\d+)?(\.(\*|\d+)?)?(\[(\d+)\])?([a-zA-Z%])`)

// formatArgs returns, for a fmt format, the verb that formats each argument
// (1-based, following explicit [n] indexes), and how many arguments it takes.
func formatArgs(format string) (map[int]string, int) {
	verbs := map[int]string{}
	arg, most := 0, 0
	for _, m := range verbPattern.FindAllStringSubmatch(format, -1) {
		if m[9] == "%" {
			continue
		}
		for _, idx := range []string{m[3], m[8]} {
			if idx != "" {
				n, _ := strconv.Atoi(idx)
				arg = n - 1
			}
		}
		if m[4] == "*" {
			arg++
		}
		if m[6] == "*" {
			arg++
		}
		arg++
		verbs[arg] = m[1] + m[4] + m[5] + m[9]
		most = max(most, arg)
	}
	return verbs, most
}

func TestFormatArgs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		format string
		want   string
		n      int
	}{
		{"plain, 100%% sure", "", 0},
		{"%d of %q", "1:d 2:q", 2},
		{"%[2]s then %[1]d", "1:d 2:s", 2},
		{"%.1f%% and %5d", "1:.1f 2:5d", 2},
	} {
		verbs, n := formatArgs(c.format)
		var got []string
		for _, k := range sortedInts(verbs) {
			got = append(got, strconv.Itoa(k)+":"+verbs[k])
		}
		if strings.Join(got, " ") != c.want || n != c.n {
			t.Errorf("formatArgs(%q): got %v and %d, want %s and %d", c.format, got, n, c.want, c.n)
		}
	}
}

func sortedInts(m map[int]string) []int {
	var out []int
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// TestTranslations checks the domain's message catalogue (msg_*.go): every
// message in both languages, the same verbs for the same arguments, no text
// under two names, no unused message, no Msg written outside the catalogue,
// and at every call the number of arguments the message takes. The web's
// texts are checked by web.TestTranslations.
func TestTranslations(t *testing.T) {
	t.Parallel()
	entries := readCatalogue(t)
	byName := map[string]catalogueEntry{}
	byID, byEN := map[string]string{}, map[string]string{}
	for _, e := range entries {
		if prev, dup := byName[e.name]; dup {
			t.Errorf("%s: %s is declared twice (also %s)", e.pos, e.name, prev.pos)
		}
		byName[e.name] = e
		if strings.TrimSpace(e.id) == "" || strings.TrimSpace(e.en) == "" {
			t.Errorf("%s: %s: got id %q en %q, want both", e.pos, e.name, e.id, e.en)
		}
		vID, nID := formatArgs(e.id)
		vEN, nEN := formatArgs(e.en)
		if nID != nEN || !sameVerbs(vID, vEN) {
			t.Errorf("%s: %s: the languages format the arguments differently: id %q, en %q", e.pos, e.name, e.id, e.en)
		}
		if other, dup := byID[e.id]; dup {
			t.Errorf("%s: %s has the Indonesian text of %s: %q; use one name", e.pos, e.name, other, e.id)
		}
		if other, dup := byEN[e.en]; dup {
			t.Errorf("%s: %s has the English text of %s: %q; use one name", e.pos, e.name, other, e.en)
		}
		byID[e.id], byEN[e.en] = e.name, e.name
	}

	used := map[string]bool{}
	walkModule(t, func(path string, fset *token.FileSet, f *ast.File) {
		inCatalogue := filepath.Dir(path) == "internal/budaya" && strings.HasPrefix(filepath.Base(path), "msg_")
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				if _, ok := byName[n.Name]; ok && !inCatalogue {
					used[n.Name] = true
				}
			case *ast.CompositeLit:
				if id, ok := n.Type.(*ast.Ident); ok && id.Name == "Msg" && !inCatalogue && !strings.HasSuffix(path, "_test.go") {
					t.Errorf("%s: a Msg is written outside the catalogue files msg_*.go", fset.Position(n.Pos()))
				}
			case *ast.CallExpr:
				checkArgCount(t, fset, n, byName)
			}
			return true
		})
	})
	for _, e := range entries {
		if !used[e.name] {
			t.Errorf("%s: %s is not used anywhere; delete it", e.pos, e.name)
		}
	}
}

func sameVerbs(a, b map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// msgName returns the catalogue name x refers to (MsgX or budaya.MsgX).
func msgName(x ast.Expr, byName map[string]catalogueEntry) (catalogueEntry, bool) {
	switch x := x.(type) {
	case *ast.Ident:
		e, ok := byName[x.Name]
		return e, ok
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok && pkg.Name == "budaya" {
			e, ok := byName[x.Sel.Name]
			return e, ok
		}
	}
	return catalogueEntry{}, false
}

// checkArgCount compares, at a call that passes a catalogue message
// (Errorf(code, MsgX, a, b), MsgX.Text(lang, a, b)), the arguments after it
// with the arguments the message takes; go vet cannot, as a Msg is no
// format string.
func checkArgCount(t *testing.T, fset *token.FileSet, call *ast.CallExpr, byName map[string]catalogueEntry) {
	t.Helper()
	if call.Ellipsis.IsValid() {
		return
	}
	if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "append" {
		return
	}
	args := call.Args
	e, found := catalogueEntry{}, false
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Text" {
		if e, found = msgName(sel.X, byName); found && len(args) > 0 {
			args = args[1:] // the language
		}
	}
	for i := 0; !found && i < len(args); i++ {
		if e, found = msgName(args[i], byName); found {
			args = args[i+1:]
		}
	}
	if !found {
		return
	}
	if _, want := formatArgs(e.en); len(args) != want {
		t.Errorf("%s: %s takes %d arguments, got %d", fset.Position(call.Pos()), e.name, want, len(args))
	}
}

// walkModule parses every Go file of the module (tests too) and calls fn
// with its path relative to the module root.
func walkModule(t *testing.T, fn func(path string, fset *token.FileSet, f *ast.File)) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root: %v", err)
	}
	fset := token.NewFileSet()
	for _, top := range []string{"cmd", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			rel = filepath.ToSlash(rel)
			f, err := parser.ParseFile(fset, rel, src, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			fn(rel, fset, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestMsgArguments checks that an argument that has two languages is written
// in the reader's.
func TestMsgArguments(t *testing.T) {
	t.Parallel()
	err := Invalid("password", MsgPasswordMustAlsoContain, []Msg{MsgPasswordUpperCase, MsgPasswordDigit})
	if got, want := err.Text("id"), "Kata sandi harus memuat juga: huruf besar, angka."; got != want {
		t.Errorf("id: got %q, want %q", got, want)
	}
	if got, want := err.Text("en"), "The password must also contain: an upper-case letter, a digit."; got != want {
		t.Errorf("en: got %q, want %q", got, want)
	}
	if err.Field != "password" || err.Code != EINVALID {
		t.Errorf("got field %q code %q, want password and %s", err.Field, err.Code, EINVALID)
	}
	inner := NotFound(MsgUnitNotFound)
	if got, want := MsgPasswordMustAlsoContain.Text("id", inner), "Kata sandi harus memuat juga: "+inner.Message+"."; got != want {
		t.Errorf("an *Error argument: got %q, want %q", got, want)
	}
}
