package importer_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/importer"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

var ctx = context.Background()

// writeFile writes content to a file named name in a temporary folder.
func writeFile(t testing.TB, name string, content []byte) importer.Input {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return importer.Input{Path: p, Name: name}
}

func check(t *testing.T, snap *budaya.OrgSnapshot, opt importer.Options, files ...importer.Input) *budaya.ImportPlan {
	t.Helper()
	if snap == nil {
		snap = &budaya.OrgSnapshot{}
	}
	p, err := importer.Check(ctx, files, snap, opt)
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	return p
}

// hasIssue reports whether p has an issue of severity on row whose English message contains text.
func hasIssue(p *budaya.ImportPlan, severity string, row int, text string) bool {
	for _, i := range p.Issues {
		if i.Severity == severity && (row < 0 || i.Row == row) && strings.Contains(i.MessageEN, text) && i.Message != "" && i.Fix != "" && i.FixEN != "" {
			return true
		}
	}
	return false
}

func dump(p *budaya.ImportPlan) string {
	var b strings.Builder
	for _, i := range p.Issues {
		b.WriteString("\n  ")
		b.WriteString(i.Severity + " row " + itoa(i.Row) + " " + i.Column + ": " + i.MessageEN)
	}
	return b.String()
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n%10))) }

const header = "NIP,Nama,Jabatan,Kode Unit,Unit Kerja,Kode Induk,Eselon,NIP Atasan\n"

func TestBadInput(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		content []byte
		row     int // -1: any row
		want    string
	}{
		{"duplicate NIP", "dup.csv", []byte(header +
			"198503122010011001,Budi,Kepala,BU,Biro Umum,,II,\n" +
			"198503122010011001,Budi Lagi,Staf,BU,Biro Umum,,II,\n"), 3, "duplicate: already on row 2"},
		{"NIP with an impossible date", "date.csv", []byte(header +
			"198513322010011001,Budi,Kepala,BU,Biro Umum,,II,\n"), 2, "is not a real date"},
		{"NIP that Excel turned into a number", "sci.csv", []byte(header +
			"1.98503E+17,Budi,Kepala,BU,Biro Umum,,II,\n"), 2, "scientific notation"},
		{"atasan that does not exist", "sup.csv", []byte(header +
			"198503122010011001,Budi,Kepala,BU,Biro Umum,,II,199001012015011001\n"), 2, "exists neither in the file nor in budaya"},
		{"atasan cycle", "cycle.csv", []byte(header +
			"198503122010011001,Budi,Kepala,BU,Biro Umum,,II,198807202012122002\n" +
			"198807202012122002,Siti,Kabag,BU,Biro Umum,,II,199001152015031003\n" +
			"199001152015031003,Andi,Staf,BU,Biro Umum,,II,198503122010011001\n"), 2, "forms a cycle: 198503122010011001 → 198807202012122002 → 199001152015031003 → 198503122010011001"},
		{"own atasan", "self.csv", []byte(header +
			"198503122010011001,Budi,Kepala,BU,Biro Umum,,II,198503122010011001\n"), 2, "their own supervisor"},
		{"unit whose parent is missing", "units.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nBU,Biro Umum,SETJEN,II\n"), 2, "parent unit SETJEN of unit BU exists neither"},
		{"unit parent cycle", "ucycle.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nA,Unit A,B,II\nB,Unit B,A,III\n"), 2, "form a cycle: A → B → A"},
		{"duplicate unit code", "udup.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nA,Unit A,,I\nA,Unit A lagi,,I\n"), 3, "Duplicate unit code A"},
		{"eselon II under eselon III", "fit.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nA,Unit A,,III\nB,Unit B,A,II\n"), 3, "cannot sit under unit A (III)"},
		{"unit code with spaces", "code.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nBIRO UMUM,Biro Umum,,II\n"), 2, "may hold only letters"},
		{"unknown golongan", "gol.csv", []byte("NIP,Nama,Golongan,Unit Kerja\n198503122010011001,Budi,III/z,BU\n"), 2, "Rank \"III/z\" is not known"},
		{"unknown eselon", "lvl.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nA,Unit A,,VII\n"), 2, "Eselon \"VII\" is not known"},
		{"employee in an unknown unit", "unit.csv", []byte("NIP,Nama,Unit Kerja\n198503122010011001,Budi,Biro Entah\n"), 2, "Unit \"Biro Entah\" exists neither"},
		{"empty file", "empty.csv", nil, 0, "The file is empty (0 bytes)"},
		{"only a header", "head.csv", []byte(header), 0, "only the header row"},
		{"not CSV at all: a picture", "photo.csv", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...), 0, "not CSV or XLSX"},
		{"not CSV at all: a PDF", "surat.pdf", []byte("%PDF-1.7\n1 0 obj\n"), 0, "is a PDF"},
		{"not CSV at all: an old .xls", "data.xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0}, 0, "old Excel file (.xls)"},
		{"text without known headers", "notes.csv", []byte("Rapat koordinasi, Senin\nagenda: anggaran\n"), 0, "No recognised column headers"},
		{"mixed encodings", "mixed.csv", append([]byte(header+"198503122010011001,Budi Sétiawan,Kepala,BU,Biro Umum,,II,\n"),
			[]byte("198807202012122002,Siti Ani\xe9,Kabag,BU,Biro Umum,,II,\n")...), 3, "mixes two encodings"},
		{"broken quotes", "quote.csv", []byte(header + "198503122010011001,\"Budi,Kepala,BU,Biro Umum,,II,\n"), -1, "cannot be read as CSV"},
		{"status PNS without NIP", "pns.csv", []byte("NIP,ID Lain,Nama,Status,Unit Kerja\n,H-001,Budi,PNS,BU\n"), 2, "must have a NIP"},
		{"bad e-mail", "mail.csv", []byte(header[:len(header)-1] + ",Email\n198503122010011001,Budi,Kepala,BU,Biro Umum,,II,,budi@\n"), 2, "not valid"},
		{"missing name column", "noname.csv", []byte("NIP,Unit Kerja\n198503122010011001,BU\n"), 0, "has no column Nama"},
	}
	db := storetest.Open(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := check(t, nil, importer.Options{}, writeFile(t, tt.file, tt.content))
			defer func() {
				// Nothing is written: the store refuses a plan with errors.
				if err := db.ApplyImport(ctx, budaya.Actor{Name: "test"}, p, nil); budaya.ErrorCode(err) != budaya.EINVALID {
					t.Errorf("apply: got %v, want the plan refused", err)
				}
				if snap, _ := db.OrgSnapshot(ctx); len(snap.Units)+len(snap.Employees) != 0 {
					t.Errorf("got %d units, %d employees written, want none", len(snap.Units), len(snap.Employees))
				}
			}()
			if p.OK() {
				t.Fatalf("got no errors, want %q", tt.want)
			}
			if !hasIssue(p, budaya.SeverityError, tt.row, tt.want) {
				t.Errorf("got issues:%s\nwant an error on row %d containing %q (with a fix in both languages)", dump(p), tt.row, tt.want)
			}
			if len(p.Employees)+len(p.Units) > 0 && tt.row == 0 {
				t.Errorf("a refused file planned %d employees, %d units; want none", len(p.Employees), len(p.Units))
			}
		})
	}
}

func TestFileOverTheLimit(t *testing.T) {
	// A 50 MB file, written on the fly.
	p := filepath.Join(t.TempDir(), "besar.csv")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(header)
	line := []byte("198503122010011001,Budi Santoso,Kepala Biro,BU,Biro Umum,,II,\n")
	for written := int64(0); written < 50<<20; written += int64(len(line)) {
		f.Write(line)
	}
	f.Close()
	plan := check(t, nil, importer.Options{}, importer.Input{Path: p, Name: "besar.csv"})
	if !hasIssue(plan, budaya.SeverityError, 0, "over the limit of 40 MB") {
		t.Errorf("got issues:%s\nwant the size limit", dump(plan))
	}
	if plan.Counts.Rows != 0 {
		t.Errorf("got %d rows read, want 0: an oversized file is refused before reading", plan.Counts.Rows)
	}
}

func TestEncodingsAndSeparators(t *testing.T) {
	rows := "NIP;Nama;Unit Kerja;Kode Unit;Kode Induk;Eselon\n" +
		"'198503122010011001;Budi Sétiawan;Biro Umum;BU;;II\n" +
		"1988 0720 2012 12 2002;  Siti   Aminah ;Biro Umum;BU;;II\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(rows)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		content []byte
	}{
		{"UTF-8 with semicolons", []byte(rows)},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), rows...)},
		{"Windows-1252", []byte(cp1252)},
		{"comma", []byte(strings.ReplaceAll(rows, ";", ","))},
		{"CRLF", []byte(strings.ReplaceAll(rows, "\n", "\r\n"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := check(t, nil, importer.Options{}, writeFile(t, "pegawai.csv", tt.content))
			if !p.OK() {
				t.Fatalf("got errors:%s", dump(p))
			}
			if len(p.Employees) != 2 {
				t.Fatalf("got %d employees, want 2", len(p.Employees))
			}
			e := p.Employees[0]
			if e.NIP != "198503122010011001" || e.Name != "Budi Sétiawan" || e.UnitCode != "BU" {
				t.Errorf("got %q %q %q, want the NIP without apostrophe, the accented name, unit BU", e.NIP, e.Name, e.UnitCode)
			}
			if got := p.Employees[1]; got.NIP != "198807202012122002" || got.Name != "Siti Aminah" {
				t.Errorf("got %q %q, want the NIP without spaces and the name trimmed", got.NIP, got.Name)
			}
		})
	}
}

func TestHeaders(t *testing.T) {
	tests := []struct {
		name, head, row, kind string
	}{
		{"Indonesian", "NIP,Nama Pegawai,Gelar Depan,Gelar Belakang,Jabatan,Jenis Jabatan,Golongan/Ruang,Status Kepegawaian,Unit Kerja,Atasan Langsung,Surel,Aktif",
			"198503122010011001,Budi,Dr.,M.Si.,Kepala,struktural,IV / b,PNS,BU,,budi@contoh.go.id,ya", importer.KindEmployees},
		{"English", "Employee Number,Full Name,Front Title,Back Title,Position,Position Type,Rank,Employment Status,Unit Code,Supervisor,E-mail,Active",
			"198503122010011001,Budi,Dr.,M.Si.,Kepala,structural,IV/b,PNS,BU,,budi@contoh.go.id,yes", importer.KindEmployees},
		{"odd spacing and case", "  nip , NAMA,  unit   kerja ,JABATAN", "198503122010011001,Budi,BU,Kepala", importer.KindEmployees},
		{"title row above", "DAFTAR PEGAWAI BIRO UMUM 2026\nNIP,Nama,Unit Kerja", "198503122010011001,Budi,BU", importer.KindEmployees},
	}
	snap := &budaya.OrgSnapshot{Units: []budaya.ExistingUnit{{ID: 1, Code: "BU", Name: "Biro Umum", Level: budaya.LevelEselon2}}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := check(t, snap, importer.Options{}, writeFile(t, "p.csv", []byte(tt.head+"\n"+tt.row+"\n")))
			if !p.OK() || p.Kind != tt.kind || len(p.Employees) != 1 {
				t.Fatalf("got kind %q, %d employees, issues:%s; want kind %q, 1 employee, no errors", p.Kind, len(p.Employees), dump(p), tt.kind)
			}
			e := p.Employees[0]
			if e.NIP != "198503122010011001" || e.Name != "Budi" || e.UnitCode != "BU" {
				t.Errorf("got %+v", e)
			}
			if strings.HasPrefix(tt.name, "Indo") || tt.name == "English" {
				if e.FrontTitle != "Dr." || e.BackTitle != "M.Si." || e.Rank != "IV/b" || e.PositionKind != budaya.PositionStruktural || e.Email != "budi@contoh.go.id" || !e.Active {
					t.Errorf("got %+v, want every column read", e)
				}
			}
		})
	}
}

func TestXLSX(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"NIP", "Nama", "Unit Kerja"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"198503122010011001", "Budi", "BU"}) // typed as text
	f.SetSheetRow("Sheet1", "A3", &[]any{1.988072020121220e17, "Siti", "BU"}) // Excel made it a number
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	snap := &budaya.OrgSnapshot{Units: []budaya.ExistingUnit{{ID: 1, Code: "BU", Name: "Biro Umum", Level: budaya.LevelEselon2}}}
	p := check(t, snap, importer.Options{}, writeFile(t, "pegawai.xlsx", buf.Bytes()))
	if len(p.Employees) != 1 || p.Employees[0].NIP != "198503122010011001" {
		t.Fatalf("got %+v, want the text NIP read as text", p.Employees)
	}
	if !hasIssue(p, budaya.SeverityError, 3, "stored the NIP as a number") {
		t.Errorf("got issues:%s\nwant row 3 reported as a NIP Excel turned into a number", dump(p))
	}
}

func TestTwoFiles(t *testing.T) {
	units := writeFile(t, "unit.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nSETJEN,Sekretariat Jenderal,,I\nBU,Biro Umum,SETJEN,II\nBU-KEU,Bagian Keuangan,BU,III\n"))
	emps := writeFile(t, "pegawai.csv", []byte("NIP,Nama,Unit Kerja,Atasan\n198807202012122002,Siti,Bagian Keuangan,198503122010011001\n198503122010011001,Budi,BU,\n"))
	// Employees first: the order of the files does not matter.
	p := check(t, nil, importer.Options{}, emps, units)
	if !p.OK() {
		t.Fatalf("got errors:%s", dump(p))
	}
	if p.Kind != "units+employees" || p.Counts.UnitsCreated != 3 || p.Counts.EmployeesCreated != 2 {
		t.Errorf("got %s %+v, want 3 units and 2 employees", p.Kind, p.Counts)
	}
	if p.Units[0].Code != "SETJEN" || p.Units[2].Code != "BU-KEU" {
		t.Errorf("got units in order %s, %s, %s; want parents first", p.Units[0].Code, p.Units[1].Code, p.Units[2].Code)
	}
	if p.Employees[0].UnitCode != "BU-KEU" || p.Employees[0].SupervisorKey != "198503122010011001" {
		t.Errorf("got %+v, want the unit found by name and the supervisor on a later row", p.Employees[0])
	}
	// Two employee files are refused.
	p = check(t, nil, importer.Options{}, emps, emps)
	if !hasIssue(p, budaya.SeverityError, 0, "must be one units file") {
		t.Errorf("got issues:%s\nwant two employee files refused", dump(p))
	}
}

// TestDocsListEveryHeader keeps docs/import.md in step with the headers recognised.
func TestDocsListEveryHeader(t *testing.T) {
	doc, err := os.ReadFile("../../docs/import.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range importer.Headers {
		for _, s := range h.Synonyms {
			if !strings.Contains(string(doc), s) {
				t.Errorf("docs/import.md does not mention the header %q", s)
			}
		}
	}
	// The example file imports without errors.
	p := check(t, nil, importer.Options{}, importer.Input{Path: "../../docs/examples/pegawai-contoh.csv", Name: "pegawai-contoh.csv"})
	if !p.OK() || p.Counts.EmployeesCreated != 5 || p.Counts.UnitsCreated != 2 {
		t.Errorf("example file: got %+v, issues:%s; want 2 units and 5 employees", p.Counts, dump(p))
	}
}

// TestEveryProblemOfARowInOnePass: a row with a bad NIP also reports its
// unknown unit and unknown supervisor, and a row with an empty name its
// closed-unit and supervisor problems, in the same dry run; such rows are
// never planned.
func TestEveryProblemOfARowInOnePass(t *testing.T) {
	p := check(t, nil, importer.Options{}, writeFile(t, "all.csv", []byte("NIP,Nama,Unit Kerja,NIP Atasan\n"+
		"198513322010011001,Budi,Biro Entah,199001012015011009\n"+
		"198503122010011001,,Biro Lain,\n"+
		"198807202012122002,Siti,Biro Entah,198807202012122002\n")))
	for _, want := range []struct {
		row  int
		text string
	}{
		{2, "is not a real date"},
		{2, `Unit "Biro Entah" exists neither`},
		{2, `Supervisor "199001012015011009" exists neither`},
		{3, "name is empty"},
		{3, `Unit "Biro Lain" exists neither`},
		{4, `Unit "Biro Entah" exists neither`},
		{4, "their own supervisor"},
	} {
		if !hasIssue(p, budaya.SeverityError, want.row, want.text) {
			t.Errorf("no error on row %d containing %q; got:%s", want.row, want.text, dump(p))
		}
	}
	if len(p.Employees) != 0 {
		t.Errorf("planned %d employees from rows in error, want none", len(p.Employees))
	}
}
