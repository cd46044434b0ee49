package cli_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/cli"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// run runs budaya with args on dsn and returns stdout, or the error.
func run(t *testing.T, dsn string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := cli.Env{Getenv: func(k string) string {
		if k == "BUDAYA_DB" {
			return dsn
		}
		return ""
	}, Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}
	err := cli.Run(context.Background(), append([]string{"budaya"}, args...), env)
	return out.String(), err
}

func mustRun(t *testing.T, dsn string, args ...string) string {
	t.Helper()
	out, err := run(t, dsn, args...)
	if err != nil {
		t.Fatalf("budaya %s: %v", strings.Join(args, " "), err)
	}
	return out
}

func TestUnitAndEmployeeCommands(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	mustRun(t, dsn, "unit", "add", "--code", "SJ", "--name", "Sekretariat Jenderal", "--level", "eselon1")
	mustRun(t, dsn, "unit", "add", "--code", "SJ.01", "--name", "Biro Umum", "--level", "eselon2", "--parent", "SJ")
	mustRun(t, dsn, "unit", "add", "--code", "IJ", "--name", "Inspektorat Jenderal", "--level", "eselon1")
	mustRun(t, dsn, "employee", "add", "--nip", "197001011995031001", "--name", "Bambang Sutrisno", "--front-title", "Dr.", "--unit", "SJ.01", "--kind", "struktural", "--position", "Kepala Biro Umum")
	mustRun(t, dsn, "employee", "add", "--nip", "198503152010012003", "--name", "Siti Aminah", "--back-title", "S.E.", "--unit", "SJ.01", "--supervisor", "197001011995031001")
	mustRun(t, dsn, "unit", "update", "--leader", "197001011995031001", "--name", "Biro Umum dan Pengadaan", "SJ.01")

	if _, err := run(t, dsn, "employee", "add", "--nip", "198502302010011003", "--name", "X", "--unit", "SJ.01"); err == nil || !strings.Contains(err.Error(), "not a real date") {
		t.Errorf("bad NIP: got %v, want the birth-date message", err)
	}
	if _, err := run(t, dsn, "unit", "close", "SJ"); err == nil || !strings.Contains(err.Error(), "SJ.01 Biro Umum dan Pengadaan (2)") {
		t.Errorf("close with staff: got %v, want it to name SJ.01 (2)", err)
	}
	out := mustRun(t, dsn, "employee", "list", "--unit", "SJ", "--subtree")
	if !strings.Contains(out, "Dr. Bambang Sutrisno") || !strings.Contains(out, "Siti Aminah, S.E.") || !strings.Contains(out, "2 employees") {
		t.Errorf("employee list:\n%s", out)
	}
	out = mustRun(t, dsn, "employee", "list", "--q", "1985")
	if !strings.Contains(out, "1 employees") {
		t.Errorf("search by NIP:\n%s", out)
	}
	mustRun(t, dsn, "unit", "move", "--parent", "IJ", "SJ.01")
	out = mustRun(t, dsn, "unit", "show", "IJ")
	if !strings.Contains(out, "sub-unit: SJ.01") || !strings.Contains(out, "2 with its sub-units") {
		t.Errorf("unit show after move:\n%s", out)
	}
	out = mustRun(t, dsn, "employee", "grant", "--role", "agen_perubahan", "--unit", "IJ", "198503152010012003")
	if !strings.Contains(out, "agen_perubahan") {
		t.Errorf("grant:\n%s", out)
	}
	out = mustRun(t, dsn, "employee", "password-link", "--base-url", "https://budaya.contoh.go.id/", "198503152010012003")
	if !strings.HasPrefix(out, "https://budaya.contoh.go.id/password/") {
		t.Errorf("password link: got %q", out)
	}
	out = mustRun(t, dsn, "unit", "list", "--under", "IJ")
	if !strings.Contains(out, "SJ.01") || !strings.Contains(out, "2 units") {
		t.Errorf("unit list --under IJ:\n%s", out)
	}
	mustRun(t, dsn, "unit", "add", "--code", "X", "--name", "Kosong", "--level", "eselon1")
	if out := mustRun(t, dsn, "unit", "close", "X"); !strings.Contains(out, "closed") {
		t.Errorf("close: %s", out)
	}
}
