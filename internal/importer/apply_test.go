package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/importer"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

var admin = budaya.Actor{Name: "test"}

const combined = "NIP;Nama;Jabatan;Kode Unit;Unit Kerja;Kode Induk;Eselon;NIP Atasan;Email\n" +
	"198503122010011001;Budi Santoso;Kepala Biro;BU;Biro Umum;;II;;budi@contoh.go.id\n" +
	"198807202012122002;Siti Aminah;Kepala Bagian;BU-KEU;Bagian Keuangan;BU;III;198503122010011001;\n" +
	"199001152015031003;Andi Wijaya;Pranata Komputer;BU-KEU;Bagian Keuangan;BU;III;198807202012122002;\n" +
	"199203102019032004;Dewi Lestari;Pengadministrasi;BU-KEU;Bagian Keuangan;BU;III;198807202012122002;\n"

// importFile checks and applies files on db, failing the test on any error.
func importFile(t *testing.T, db *store.DB, opt importer.Options, files ...importer.Input) *budaya.ImportPlan {
	t.Helper()
	snap, err := db.OrgSnapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := importer.Check(ctx, files, snap, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !p.OK() {
		t.Fatalf("got errors:%s", dump(p))
	}
	if err := db.ApplyImport(ctx, admin, p, nil); err != nil {
		t.Fatalf("apply: %v", err)
	}
	return p
}

// exported is the employee export as CSV text: the whole stored organisation.
func exported(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	for _, what := range []string{"units", "employees"} {
		if err := importer.Export(ctx, db, &b, what, importer.FormatCSV); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func TestApplyIdempotentAndAudited(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	in := writeFile(t, "pegawai.csv", []byte(combined))
	p := importFile(t, db, importer.Options{}, in)
	if p.Counts.UnitsCreated != 2 || p.Counts.EmployeesCreated != 4 {
		t.Fatalf("got %+v, want 2 units and 4 employees created", p.Counts)
	}
	snap, _ := db.OrgSnapshot(ctx)
	if len(snap.Employees) != 4 || len(snap.Units) != 2 {
		t.Fatalf("got %d employees, %d units stored; want 4, 2", len(snap.Employees), len(snap.Units))
	}
	bySup := map[string]int64{}
	for _, e := range snap.Employees {
		bySup[e.NIP] = e.SupervisorID
	}
	if bySup["198503122010011001"] != 0 || bySup["198807202012122002"] == 0 {
		t.Errorf("got supervisors %v, want Budi without and Siti with a supervisor", bySup)
	}
	before := exported(t, db)

	// The same file again changes nothing.
	p = importFile(t, db, importer.Options{}, in)
	if p.Counts.Changes() != 0 || p.Counts.EmployeesUnchanged != 4 || p.Counts.UnitsUnchanged != 2 {
		t.Errorf("second import: got %+v, want everything unchanged", p.Counts)
	}
	if after := exported(t, db); after != before {
		t.Errorf("second import changed the data:\n%s\nwant\n%s", after, before)
	}
	entries, total, err := db.ListAudit(ctx, budaya.AuditFilter{Entity: "organisation", Action: "import"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 2 || !strings.Contains(entries[1].NewValue, `"employees_created":4`) {
		t.Errorf("got %d audit entries %+v, want 2 with the counts", total, entries)
	}
}

func TestExportImportsUnchanged(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	importFile(t, db, importer.Options{}, writeFile(t, "pegawai.csv", []byte(combined)))
	for _, format := range []string{importer.FormatCSV, importer.FormatXLSX} {
		t.Run(format, func(t *testing.T) {
			var files []importer.Input
			for _, what := range []string{"units", "employees"} {
				p := filepath.Join(t.TempDir(), what+"."+format)
				f, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				if err := importer.Export(ctx, db, f, what, format); err != nil {
					t.Fatal(err)
				}
				f.Close()
				files = append(files, importer.Input{Path: p, Name: filepath.Base(p)})
			}
			snap, _ := db.OrgSnapshot(ctx)
			plan, err := importer.Check(ctx, files, snap, importer.Options{DeactivateMissing: true})
			if err != nil {
				t.Fatal(err)
			}
			if !plan.OK() || plan.Counts.Changes() != 0 || plan.Counts.EmployeesUnchanged != 4 || plan.Counts.UnitsUnchanged != 2 || plan.Counts.Warnings != 0 {
				t.Errorf("got %+v, issues:%s; want the export to import unchanged", plan.Counts, dump(plan))
			}
		})
	}
}

func TestChangeMoveAndDeactivate(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	importFile(t, db, importer.Options{}, writeFile(t, "pegawai.csv", []byte(combined)))
	// Andi moves to Biro Umum and reports to Budi; Dewi is not in the file.
	partial := "NIP,Nama,Jabatan,Kode Unit,NIP Atasan\n" +
		"198503122010011001,Budi Santoso,Kepala Biro,BU,\n" +
		"198807202012122002,Siti Aminah,Kepala Bagian,BU-KEU,198503122010011001\n" +
		"199001152015031003,Andi Wijaya,Analis,BU,198503122010011001\n"
	in := writeFile(t, "sebagian.csv", []byte(partial))
	p := importFile(t, db, importer.Options{}, in)
	if p.Counts.EmployeesChanged != 1 || p.Counts.EmployeesDeactivate != 0 {
		t.Fatalf("got %+v, want 1 changed and nobody deactivated without the option", p.Counts)
	}
	// Dewi leads BU-KEU: the dry run warns that the unit loses its leader.
	unit, err := db.FindUnitByCode(ctx, "BU-KEU")
	if err != nil {
		t.Fatal(err)
	}
	dewi, err := db.FindEmployeeByIdentifier(ctx, "199203102019032004")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.WriteOrg(ctx, admin, func(w *store.OrgWriter) error { return w.SetUnitLeader(unit.ID, dewi.ID) }); err != nil {
		t.Fatal(err)
	}
	p = importFile(t, db, importer.Options{DeactivateMissing: true}, in)
	if p.Counts.EmployeesDeactivate != 1 || len(p.Deactivate) != 1 || p.Deactivate[0].Name != "Dewi Lestari" {
		t.Fatalf("got %+v %+v, want Dewi deactivated", p.Counts, p.Deactivate)
	}
	if !hasIssue(p, budaya.SeverityWarning, 0, "will be deactivated but leads unit BU-KEU") {
		t.Errorf("got issues:%s\nwant a warning about the leader", dump(p))
	}
	snap, _ := db.OrgSnapshot(ctx)
	for _, e := range snap.Employees {
		if e.Name == "Dewi Lestari" && e.Active || e.Name != "Dewi Lestari" && !e.Active {
			t.Errorf("got %s active=%v", e.Name, e.Active)
		}
		if e.Name == "Andi Wijaya" && (e.Position != "Analis" || e.Email != "") {
			t.Errorf("got Andi %+v, want the new position", e)
		}
	}
	// Deactivating again is idempotent.
	p = importFile(t, db, importer.Options{DeactivateMissing: true}, in)
	if p.Counts.Changes() != 0 {
		t.Errorf("got %+v, want no change", p.Counts)
	}
}

func TestBadFileWritesNothing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	bad := combined + "198513322010011005;Tanggal Salah;Staf;BU;Biro Umum;;II;;\n"
	snap, _ := db.OrgSnapshot(ctx)
	p, err := importer.Check(ctx, []importer.Input{writeFile(t, "bad.csv", []byte(bad))}, snap, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.OK() {
		t.Fatal("got no errors, want the impossible date")
	}
	err = db.ApplyImport(ctx, admin, p, nil)
	if budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("got %v, want the plan refused as invalid", err)
	}
	snap, _ = db.OrgSnapshot(ctx)
	if len(snap.Units)+len(snap.Employees) != 0 {
		t.Errorf("got %d units, %d employees written, want none", len(snap.Units), len(snap.Employees))
	}
	_, total, _ := db.ListAudit(ctx, budaya.AuditFilter{Entity: "organisation"})
	if total != 0 {
		t.Errorf("got %d audit entries, want 0", total)
	}
}

func TestApplyIsAllOrNothing(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	snap, _ := db.OrgSnapshot(ctx)
	p, err := importer.Check(ctx, []importer.Input{writeFile(t, "p.csv", []byte(combined))}, snap, importer.Options{})
	if err != nil || !p.OK() {
		t.Fatalf("check: %v %s", err, dump(p))
	}
	// Someone adds Dewi's NIP between the dry run and the apply: the last insert fails.
	importFile(t, db, importer.Options{}, writeFile(t, "dewi.csv", []byte("NIP,Nama,Kode Unit,Nama Unit,Eselon\n199203102019032004,Dewi,X,Unit X,I\n")))
	if err := db.ApplyImport(ctx, admin, p, nil); err == nil {
		t.Fatal("got no error, want the conflict")
	}
	snap, _ = db.OrgSnapshot(ctx)
	if len(snap.Units) != 1 || len(snap.Employees) != 1 {
		t.Errorf("got %d units, %d employees, want only the 1 and 1 of the other import: the failed one wrote nothing", len(snap.Units), len(snap.Employees))
	}
}

// generate writes a combined file of n employees in n/50 units under one root.
func generate(tb testing.TB, n int) importer.Input {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "pegawai-besar.csv")
	f, err := os.Create(p)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	fmt.Fprintln(f, "NIP;Nama;Gelar Belakang;Jabatan;Jenis Jabatan;Golongan;Status;Kode Unit;Unit Kerja;Kode Induk;Eselon;NIP Atasan;Email")
	// Unique, valid NIPs: birth date, appointment and sequence vary with i.
	nip := func(i int) string {
		return fmt.Sprintf("19%02d%02d%02d20%02d%02d%d%03d", 60+(i/10000)%40, 1+(i/1000)%10, 1+(i/100)%10, 10+(i/10)%10, 1+i%10, 1+(i/400000)%2, 1+i%997)
	}
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		unit := i / 50
		sup := ""
		if i%50 != 0 {
			sup = nip(unit * 50)
		}
		k := nip(i)
		if seen[k] {
			tb.Fatalf("generator made NIP %s twice", k)
		}
		seen[k] = true
		parent, level := "ROOT", "III"
		if unit == 0 {
			parent, level = "", "I"
		}
		code := fmt.Sprintf("U%04d", unit)
		if unit == 0 {
			code = "ROOT"
		}
		fmt.Fprintf(f, "%s;Pegawai Nomor %d;S.E.;Analis Kebijakan Ahli Muda;fungsional;III/c;PNS;%s;Unit Kerja %d;%s;%s;%s;pegawai%d@contoh.go.id\n",
			k, i, code, unit, parent, level, sup, i)
	}
	return importer.Input{Path: p, Name: filepath.Base(p)}
}

// peakHeap samples the heap while fn runs and returns its peak in bytes.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	wg.Wait()
	return peak.Load()
}

// BenchmarkImport100k imports 100,000 employees (dry run, then apply) into an
// empty database and reports the seconds and the peak heap of each.
//
//	go test ./internal/importer -run '^$' -bench Import100k -benchtime 1x
func BenchmarkImport100k(b *testing.B) {
	in := generate(b, 100_000)
	for b.Loop() {
		b.StopTimer()
		db := storetest.Open(b)
		b.StartTimer()
		var plan *budaya.ImportPlan
		var checkSecs, applySecs float64
		peak := peakHeap(func() {
			start := time.Now()
			snap, err := db.OrgSnapshot(ctx)
			if err != nil {
				b.Fatal(err)
			}
			plan, err = importer.Check(ctx, []importer.Input{in}, snap, importer.Options{})
			if err != nil || !plan.OK() {
				b.Fatalf("check: %v %s", err, dump(plan))
			}
			checkSecs = time.Since(start).Seconds()
			start = time.Now()
			if err := db.ApplyImport(ctx, admin, plan, nil); err != nil {
				b.Fatal(err)
			}
			applySecs = time.Since(start).Seconds()
		})
		if plan.Counts.EmployeesCreated != 100_000 {
			b.Fatalf("got %d created", plan.Counts.EmployeesCreated)
		}
		b.ReportMetric(checkSecs, "dryrun-s")
		b.ReportMetric(applySecs, "apply-s")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	}
}

func TestUnitMoveKeepsPathsRight(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	importFile(t, db, importer.Options{}, writeFile(t, "unit.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\n"+
		"A,Sekretariat,,I\nB,Biro Umum,A,II\nC,Bagian TU,B,III\nD,Subbagian,C,IV\n")))
	// B moves under a new eselon I unit E, taking C and D with it; D is renamed.
	p := importFile(t, db, importer.Options{}, writeFile(t, "pindah.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\n"+
		"E,Inspektorat,,I\nB,Biro Umum,E,II\nD,Subbagian Umum,C,IV\n")))
	if p.Counts.UnitsCreated != 1 || p.Counts.UnitsChanged != 2 {
		t.Fatalf("got %+v, want 1 created and 2 changed", p.Counts)
	}
	units := map[string]*budaya.Unit{}
	for _, code := range []string{"A", "B", "C", "D", "E"} {
		u, err := db.FindUnitByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		units[code] = u
	}
	id := func(code string) string { return fmt.Sprint(units[code].ID) }
	for _, tt := range []struct {
		code, path string
		depth      int
	}{
		{"A", "/" + id("A") + "/", 0},
		{"E", "/" + id("E") + "/", 0},
		{"B", "/" + id("E") + "/" + id("B") + "/", 1},
		{"C", "/" + id("E") + "/" + id("B") + "/" + id("C") + "/", 2},
		{"D", "/" + id("E") + "/" + id("B") + "/" + id("C") + "/" + id("D") + "/", 3},
	} {
		if u := units[tt.code]; u.Path != tt.path || u.Depth != tt.depth {
			t.Errorf("unit %s: got path %s depth %d, want %s depth %d", tt.code, u.Path, u.Depth, tt.path, tt.depth)
		}
	}
	if units["D"].Name != "Subbagian Umum" || units["B"].ParentID != units["E"].ID {
		t.Errorf("got D %q, B under %d; want the new name and B under E", units["D"].Name, units["B"].ParentID)
	}
}

func TestClosedUnitsAndLevelChanges(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	importFile(t, db, importer.Options{}, writeFile(t, "p.csv", []byte(combined)))
	// Only Budi stays; the staff of BU-KEU leave, then BU-KEU closes.
	importFile(t, db, importer.Options{DeactivateMissing: true}, writeFile(t, "budi.csv", []byte("NIP,Nama,Kode Unit\n198503122010011001,Budi Santoso,BU\n")))
	old, err := db.FindUnitByCode(ctx, "BU-KEU")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CloseUnit(ctx, admin, old.ID); err != nil {
		t.Fatal(err)
	}
	importFile(t, db, importer.Options{}, writeFile(t, "tu.csv", []byte("Kode Unit,Nama Unit,Kode Induk,Eselon\nBU-TU,Bagian TU,BU,III\n")))
	snap, _ := db.OrgSnapshot(ctx)
	tests := []struct {
		name, file string
		row        int
		want       string
	}{
		{"new employee in a closed unit", "NIP,Nama,Kode Unit\n199505052020121001,Baru,BU-KEU\n", 2, "Unit BU-KEU is closed"},
		{"new unit under a closed unit", "Kode Unit,Nama Unit,Kode Induk,Eselon\nX,Unit X,BU-KEU,IV\n", 2, "parent unit BU-KEU is closed"},
		{"level change that strands a sub-unit", "Kode Unit,Nama Unit,Kode Induk,Eselon\nBU,Biro Umum,,IV\n", 2, "its sub-unit BU-TU (III)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := importer.Check(ctx, []importer.Input{writeFile(t, "f.csv", []byte(tt.file))}, snap, importer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !hasIssue(p, budaya.SeverityError, tt.row, tt.want) {
				t.Errorf("got issues:%s\nwant %q on row %d", dump(p), tt.want, tt.row)
			}
		})
	}
	// Reactivating the former staff in the closed unit is refused too.
	p, err := importer.Check(ctx, []importer.Input{writeFile(t, "p.csv", []byte(combined))}, snap, importer.Options{})
	if err != nil || !hasIssue(p, budaya.SeverityError, 3, "Unit BU-KEU is closed") {
		t.Errorf("got %v, issues:%s; want Siti refused in the closed unit", err, dump(p))
	}
	// The former staff stay there, inactive: the export imports unchanged.
	var b strings.Builder
	if err := importer.Export(ctx, db, &b, "employees", importer.FormatCSV); err != nil {
		t.Fatal(err)
	}
	p, err = importer.Check(ctx, []importer.Input{writeFile(t, "export.csv", []byte(b.String()))}, snap, importer.Options{})
	if err != nil || !p.OK() || p.Counts.Changes() != 0 {
		t.Errorf("export re-import: got %v %+v, issues:%s; want no change", err, p.Counts, dump(p))
	}
}

func TestSupervisorsOnLaterRows(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	// Each employee's supervisor comes after them in the file.
	file := "NIP,Nama,Kode Unit,Nama Unit,Eselon,NIP Atasan\n" +
		"199203102019032004,Dewi,BU,Biro Umum,II,199001152015031003\n" +
		"199001152015031003,Andi,BU,Biro Umum,II,198807202012122002\n" +
		"198807202012122002,Siti,BU,Biro Umum,II,198503122010011001\n" +
		"198503122010011001,Budi,BU,Biro Umum,II,\n"
	importFile(t, db, importer.Options{}, writeFile(t, "p.csv", []byte(file)))
	snap, _ := db.OrgSnapshot(ctx)
	byID := map[int64]string{}
	for _, e := range snap.Employees {
		byID[e.ID] = e.NIP
	}
	want := map[string]string{"199203102019032004": "199001152015031003", "199001152015031003": "198807202012122002",
		"198807202012122002": "198503122010011001", "198503122010011001": ""}
	for _, e := range snap.Employees {
		if got := byID[e.SupervisorID]; got != want[e.NIP] {
			t.Errorf("supervisor of %s: got %q, want %q", e.NIP, got, want[e.NIP])
		}
	}
}

func TestOtherIdentifierOfSomeoneElse(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	importFile(t, db, importer.Options{}, writeFile(t, "p.csv", []byte("NIP,ID Lain,Nama,Status,Kode Unit,Nama Unit,Eselon\n"+
		",H-001,Ani Honorer,lainnya,BU,Biro Umum,II\n198503122010011001,,Budi,PNS,BU,Biro Umum,II\n")))
	snap, _ := db.OrgSnapshot(ctx)
	// Budi's row now claims Ani's identifier.
	p, err := importer.Check(ctx, []importer.Input{writeFile(t, "q.csv", []byte("NIP,ID Lain,Nama,Kode Unit\n198503122010011001,H-001,Budi,BU\n"))}, snap, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !hasIssue(p, budaya.SeverityError, 2, "H-001 already belongs to Ani Honorer (H-001)") {
		t.Errorf("got issues:%s\nwant the identifier conflict", dump(p))
	}
	// Ani, appointed PNS, gets a NIP: her row matches by the identifier.
	p = importFile(t, db, importer.Options{}, writeFile(t, "r.csv", []byte("NIP,ID Lain,Nama,Status,Kode Unit\n199001152015031003,H-001,Ani Honorer,PNS,BU\n")))
	if p.Counts.EmployeesChanged != 1 || p.Counts.EmployeesCreated != 0 {
		t.Errorf("got %+v, want Ani changed, nobody created", p.Counts)
	}
}
