package cli_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/cli"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

const orgFile = "NIP;Nama;Jabatan;Kode Unit;Unit Kerja;Kode Induk;Eselon;NIP Atasan\n" +
	"198503122010011001;Budi Santoso;Kepala Biro;BU;Biro Umum;;II;\n" +
	"198807202012122002;Siti Aminah;Kepala Bagian;BU-KEU;Bagian Keuangan;BU;III;198503122010011001\n"

func TestImportAndExport(t *testing.T) {
	t.Parallel()
	dsn := storetest.DSN(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "pegawai.csv")
	bad := filepath.Join(dir, "salah.csv")
	os.WriteFile(good, []byte(orgFile), 0o600)
	os.WriteFile(bad, []byte(orgFile+"198503122010011001;Budi Kembar;Staf;BU;Biro Umum;;II;\n199902302020121004;Tanggal;Staf;BU;Biro Umum;;II;\n"), 0o600)
	vars := map[string]string{"BUDAYA_DB": dsn}
	run := func(args ...string) (string, error) {
		t.Helper()
		e, out, _ := env(vars, "")
		err := cli.Run(context.Background(), append([]string{"budaya"}, args...), e)
		return out.String(), err
	}
	tests := []struct {
		name    string
		args    []string
		wantErr bool
		want    []string
	}{
		{"bad file refused with rows", []string{"import", "--dry-run", bad}, true,
			[]string{"ERROR row 4 column \"NIP\": 198503122010011001 is a duplicate: already on row 2.", "ERROR row 5 column \"NIP\"", "is not a real date", "2 errors"}},
		{"bad file refused without dry run", []string{"import", bad}, true, []string{"2 errors"}},
		{"dry run", []string{"import", good, "--dry-run"}, false, []string{"units:     2 new", "employees: 2 new", "dry run: nothing written"}},
		{"apply", []string{"import", good}, false, []string{"applied: 4 changes"}},
		{"again: idempotent", []string{"import", good}, false, []string{"employees: 0 new, 0 changed, 2 unchanged", "applied: 0 changes"}},
		{"Indonesian messages", []string{"import", "--lang", "id", "--dry-run", bad}, true, []string{"ganda: sudah ada di baris 2"}},
		{"export employees", []string{"export", "employees"}, false, []string{"NIP,ID Lain,Nama", "198807202012122002,,Siti Aminah,,,Kepala Bagian,pelaksana,,PNS,BU-KEU,Bagian Keuangan,198503122010011001,,ya"}},
		{"export units", []string{"export", "units", "--format", "csv"}, false, []string{"BU-KEU,Bagian Keuangan,BU,III"}},
		{"export needs a kind", []string{"export"}, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := run(tt.args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v; output:\n%s", err, tt.wantErr, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	// The exported file imports with no change.
	xlsx := filepath.Join(dir, "pegawai.xlsx")
	if _, err := run("export", "employees", "--format", "xlsx", "--out", xlsx); err != nil {
		t.Fatal(err)
	}
	out, err := run("import", "--dry-run", xlsx)
	if err != nil || !strings.Contains(out, "employees: 0 new, 0 changed, 2 unchanged") {
		t.Errorf("re-import of the export: got %v\n%s", err, out)
	}
}

func TestImportShowsProgressForLargeFiles(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("NIP,Nama,Kode Unit,Nama Unit,Eselon\n")
	for i := 0; b.Len() < 1500<<10; i++ {
		fmt.Fprintf(&b, "19%02d%02d%02d2010%02d1%03d,Pegawai Nomor %d dengan nama yang agak panjang,U1,Unit Satu,II\n",
			60+i/(28*12*9*999)%40, 1+i/28%12, 1+i%28, 1+i/(28*12)%9, 1+i/(28*12*9)%999, i)
	}
	file := filepath.Join(t.TempDir(), "besar.csv")
	os.WriteFile(file, []byte(b.String()), 0o600)
	e, out, errOut := env(map[string]string{"BUDAYA_DB": storetest.DSN(t)}, "")
	if err := cli.Run(context.Background(), []string{"budaya", "import", "--dry-run", file}, e); err != nil {
		t.Fatalf("got %v\n%s", err, out)
	}
	if !strings.Contains(errOut.String(), "check [") || !strings.Contains(errOut.String(), "100%") {
		t.Errorf("stderr: got %q, want a progress bar reaching 100%%", errOut.String())
	}
}
