package cli_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestEmployeeActivate(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	mustRun(t, dsn, "unit", "add", "--code", "SJ", "--name", "Sekretariat Jenderal", "--level", "eselon1")
	mustRun(t, dsn, "unit", "add", "--code", "SJ.01", "--name", "Biro Umum", "--level", "eselon2", "--parent", "SJ")
	mustRun(t, dsn, "employee", "add", "--nip", "197001011995031001", "--name", "Bambang Sutrisno", "--unit", "SJ")
	mustRun(t, dsn, "employee", "add", "--nip", "198503152010012003", "--name", "Siti Aminah", "--back-title", "S.E.", "--unit", "SJ.01")
	mustRun(t, dsn, "employee", "add", "--nip", "199001012015031002", "--name", "Agus Salim", "--unit", "SJ.01")
	dir := t.TempDir()

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--unit", "SJ"}, "--out"},
		{[]string{"--unit", "SJ", "--out", filepath.Join(dir, "a.txt")}, ".csv"},
		{[]string{"--out", filepath.Join(dir, "a.csv")}, "--unit CODE"},
		{[]string{"--unit", "SJ", "--period", "1", "--out", filepath.Join(dir, "a.csv")}, "not both"},
		{[]string{"--unit", "XX", "--out", filepath.Join(dir, "a.csv")}, "tidak ditemukan"},
		{[]string{"--unit", "SJ", "--out", filepath.Join(dir, "no-such-dir", "a.csv")}, "cannot write"},
	} {
		if _, err := run(t, dsn, append([]string{"employee", "activate"}, tc.args...)...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("activate %v: got %v, want an error saying %q", tc.args, err, tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs left files: %v", entries)
	}

	csvPath := filepath.Join(dir, "biro.csv")
	out := mustRun(t, dsn, "employee", "activate", "--unit", "SJ.01", "--out", csvPath, "--base-url", "https://budaya.example.go.id/")
	if !strings.Contains(out, "2 activation links written") {
		t.Errorf("output: %q", out)
	}
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !strings.HasSuffix(rows[0][0], "NIP") {
		t.Fatalf("CSV: got %v, want a header and 2 rows", rows)
	}
	if fi, _ := os.Stat(csvPath); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600: it holds live links", fi.Mode().Perm())
	}
	names := rows[1][1] + "|" + rows[2][1]
	if !strings.Contains(names, "Siti Aminah, S.E.") || !strings.Contains(names, "Agus Salim") || strings.Contains(names, "Bambang") {
		t.Errorf("CSV names %q: want the two of SJ.01 only", names)
	}
	oldLink := rows[1][4]
	if !strings.HasPrefix(oldLink, "https://budaya.example.go.id/password/") {
		t.Errorf("link %q: want under the base URL", oldLink)
	}

	pdfPath := filepath.Join(dir, "slip.PDF")
	out = mustRun(t, dsn, "employee", "activate", "--unit", "SJ", "--subtree", "--out", pdfPath, "--lang", "en")
	if !strings.Contains(out, "3 activation links written") {
		t.Errorf("output: %q", out)
	}
	b, err := os.ReadFile(pdfPath)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("PDF: %v", err)
	}

	db, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	token := oldLink[strings.LastIndex(oldLink, "/")+1:]
	if _, err := db.FindPasswordLink(context.Background(), token); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("link of the first file after the second batch: got %v, want void", err)
	}
	entries, _, err := db.ListAudit(context.Background(), budaya.AuditFilter{Action: "activation_batch", PerPage: 10})
	if err != nil || len(entries) != 2 {
		t.Errorf("audit: got %d (%v), want one entry per batch", len(entries), err)
	}
}
