package store_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// demoWithEvidence is a database of t's own with the demo instansi of 40
// employees (seeded once per test binary, see storetest.OpenTemplate) and
// one evidence file.
func demoWithEvidence(t *testing.T) (*store.DB, blob.Store) {
	t.Helper()
	db := storetest.OpenTemplate(t, "demo-40", store.Options{}, func(ctx context.Context, db *store.DB) error {
		return demo.Seed(ctx, db, demo.Options{Employees: 40})
	})
	return db, addEvidence(t, db)
}

// seededWithEvidence seeds the demo instansi into db and adds one evidence file.
func seededWithEvidence(t *testing.T, db *store.DB) blob.Store {
	t.Helper()
	ctx := context.Background()
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(ctx, db, demo.Options{Employees: 40}); err != nil {
		t.Fatalf("demo: %v", err)
	}
	return addEvidence(t, db)
}

// addEvidence stores one evidence file in a new blob folder and records it in db.
func addEvidence(t *testing.T, db *store.DB) blob.Store {
	t.Helper()
	ctx := context.Background()
	blobs, err := blob.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	content := []byte("%PDF-1.4 bukti dukung\n")
	info, err := blobs.Put(ctx, "evidence/test/bukti.pdf", bytes.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	ev := &budaya.Evidence{BlobKey: "evidence/test/bukti.pdf", Filename: "bukti.pdf", ContentType: "application/pdf", Size: info.Size, SHA256: info.SHA256}
	if err := db.CreateEvidence(ctx, budaya.SystemActor("test"), ev); err != nil {
		t.Fatal(err)
	}
	return blobs
}

// openEmpty opens a database that has not been migrated.
func openEmpty(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, store.Options{BallotKeyFile: filepath.Join(t.TempDir(), "ballot.key")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// dumpTable returns every row of table as JSON lines, booleans as 0/1 so that
// the engines compare equal.
func dumpTable(t *testing.T, db *store.DB, table string) []string {
	t.Helper()
	var out []string
	err := db.EachRow(context.Background(), table, func(vals []any) error {
		for i, v := range vals {
			if b, ok := v.(bool); ok {
				vals[i] = map[bool]int64{false: 0, true: 1}[b]
			}
			// PostgreSQL keeps times to the microsecond; SQLite may hold finer ones.
			if s, ok := v.(string); ok {
				if tm, err := time.Parse(time.RFC3339Nano, s); err == nil {
					vals[i] = tm.Truncate(time.Microsecond).Format(time.RFC3339Nano)
				}
			}
		}
		b, err := json.Marshal(vals)
		out = append(out, string(b))
		return err
	})
	if err != nil {
		t.Fatalf("dump %s: %v", table, err)
	}
	return out
}

// compareDatabases checks that every table of src has the same rows in dst;
// dst's audit log may end with the entry of the restore.
func compareDatabases(t *testing.T, src, dst *store.DB) {
	t.Helper()
	tables, err := src.Tables(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, tb := range tables {
		if tb.Name == "schema_migrations" {
			continue
		}
		want, got := dumpTable(t, src, tb.Name), dumpTable(t, dst, tb.Name)
		if tb.Name == "audit_log" {
			if len(got) != len(want)+1 || !strings.Contains(got[len(got)-1], `"restore"`) {
				t.Errorf("audit_log: got %d rows, want %d plus the restore entry", len(got), len(want))
				continue
			}
			got = got[:len(want)]
		}
		if len(got) != len(want) {
			t.Errorf("table %s: got %d rows, want %d", tb.Name, len(got), len(want))
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("table %s row %d:\n got %s\nwant %s", tb.Name, i, got[i], want[i])
				break
			}
		}
		checked++
	}
	if checked < 15 {
		t.Errorf("compared %d tables, want every table (at least 15)", checked)
	}
}

func backupOf(t *testing.T, db *store.DB, blobs blob.Store) ([]byte, *store.BackupManifest) {
	t.Helper()
	var buf bytes.Buffer
	m, err := db.Backup(context.Background(), &buf, blobs)
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	return buf.Bytes(), m
}

func restoreInto(db *store.DB, data []byte, blobs blob.Store) (*store.BackupManifest, error) {
	return db.Restore(context.Background(), budaya.SystemActor("test"), bytes.NewReader(data), int64(len(data)), blobs)
}

func TestBackupRestoreEveryTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src, srcBlobs := demoWithEvidence(t)
	data, m := backupOf(t, src, srcBlobs)
	if len(m.Blobs) != 1 || len(m.MissingBlobs) != 0 {
		t.Fatalf("backup blobs: got %d (missing %v), want 1", len(m.Blobs), m.MissingBlobs)
	}
	if m.Rows() < 100 {
		t.Errorf("backup rows: got %d, want the demo instansi (>= 100)", m.Rows())
	}

	dst := openEmpty(t, storetest.DSN(t))
	dstBlobs, _ := blob.NewLocal(t.TempDir())
	if _, err := restoreInto(dst, data, dstBlobs); err != nil {
		t.Fatalf("restore: %v", err)
	}
	compareDatabases(t, src, dst)
	rc, err := dstBlobs.Open(ctx, "evidence/test/bukti.pdf")
	if err != nil {
		t.Fatalf("restored blob: %v", err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "%PDF-1.4 bukti dukung\n" {
		t.Errorf("restored blob: got %q", b)
	}
	// New rows get fresh ids after the restore (PostgreSQL identity sequences were reset).
	if _, err := dst.CreateUser(ctx, budaya.SystemActor("test"), budaya.UserInput{Username: "after_restore", Password: "Uji-Coba-Kuat-2024!",
		Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}); err != nil {
		t.Errorf("create user after restore: %v", err)
	}

	// A second restore into the now non-empty database is refused.
	_, err = restoreInto(dst, data, dstBlobs)
	if e := budaya.AsError(err); e == nil || e.Code != budaya.ECONFLICT {
		t.Errorf("restore into a non-empty database: got %v, want conflict", err)
	}
}

// rewriteBackup copies a backup, passing each file through edit.
func rewriteBackup(t *testing.T, data []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		w.Write(edit(f.Name, b))
	}
	zw.Close()
	return out.Bytes()
}

func TestRestoreRefusesBadBackups(t *testing.T) {
	t.Parallel()
	src, blobs := demoWithEvidence(t)
	data, _ := backupOf(t, src, blobs)
	tests := []struct {
		name string
		edit func(name string, b []byte) []byte
		code string
		msg  string
	}{
		{"newer schema", func(name string, b []byte) []byte {
			if name == "manifest.json" {
				return bytes.Replace(b, []byte(`"migrations": [`), []byte(`"migrations": ["9999_future.sql", `), 1)
			}
			return b
		}, budaya.ECONFLICT, "9999_future.sql"},
		{"changed row", func(name string, b []byte) []byte {
			if name == "tables/employees.jsonl" {
				return bytes.Replace(b, []byte(`"PNS"`), []byte(`"PPPK"`), 1)
			}
			return b
		}, budaya.EINVALID, "employees"},
		{"dropped row", func(name string, b []byte) []byte {
			if name == "tables/units.jsonl" {
				return b[bytes.IndexByte(b, '\n')+1:]
			}
			return b
		}, budaya.EINVALID, "units"},
		{"changed blob", func(name string, b []byte) []byte {
			if strings.HasPrefix(name, "blobs/") {
				return append(b, 'x')
			}
			return b
		}, budaya.EINVALID, "evidence/test/bukti.pdf"},
		{"unknown format", func(name string, b []byte) []byte {
			if name == "manifest.json" {
				return bytes.Replace(b, []byte(store.BackupFormat), []byte("other/9"), 1)
			}
			return b
		}, budaya.EINVALID, "other/9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dst := openEmpty(t, storetest.DSN(t))
			dstBlobs, _ := blob.NewLocal(t.TempDir())
			_, err := restoreInto(dst, rewriteBackup(t, data, tt.edit), dstBlobs)
			e := budaya.AsError(err)
			if e == nil || e.Code != tt.code || !strings.Contains(e.MessageEN, tt.msg) {
				t.Fatalf("got %v, want %s mentioning %q", err, tt.code, tt.msg)
			}
			// Nothing was written: the database is still empty and takes the good backup.
			if _, err := restoreInto(dst, data, dstBlobs); err != nil {
				t.Errorf("restore of the good backup after a refused one: %v", err)
			}
		})
	}
}

// TestBackupIsOneSnapshot writes pairs (a setting and its audit entry, in
// one transaction) while backups run: every backup must hold as many of the
// settings as of their audit entries, which only a single snapshot does.
func TestBackupIsOneSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load() && i < 5000; i++ {
			if err := db.SetSetting(ctx, budaya.SystemActor("test"), fmt.Sprintf("snap_%05d", i), "x"); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	defer func() { stop.Store(true); wg.Wait() }()
	for round := 0; round < 5; round++ {
		data, m := backupOf(t, db, nil)
		zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		count := func(file, needle string) int {
			f, _ := zr.Open(file)
			b, _ := io.ReadAll(f)
			f.Close()
			return bytes.Count(b, []byte(needle))
		}
		settings := count("tables/settings.jsonl", `"snap_`)
		audits := count("tables/audit_log.jsonl", `"snap_`)
		if settings != audits {
			t.Fatalf("round %d: backup holds %d settings but %d of their audit entries (not one snapshot)", round, settings, audits)
		}
		if m.SchemaVersion == 0 {
			t.Fatal("backup without schema version")
		}
	}
}

// TestRestoreAcrossEngines moves a SQLite backup into PostgreSQL and back.
func TestRestoreAcrossEngines(t *testing.T) {
	t.Parallel()
	if os.Getenv("BUDAYA_TEST_PG") == "" {
		t.Skip("BUDAYA_TEST_PG is not set")
	}
	ctx := context.Background()
	lite := openEmpty(t, filepath.Join(t.TempDir(), "src.db"))
	if _, err := lite.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	blobs := seededWithEvidence(t, lite)
	data, _ := backupOf(t, lite, blobs)

	pg := openEmpty(t, storetest.DSN(t))
	if _, err := restoreInto(pg, data, blobs); err != nil {
		t.Fatalf("restore SQLite backup into PostgreSQL: %v", err)
	}
	compareDatabases(t, lite, pg)

	data2, _ := backupOf(t, pg, blobs)
	back := openEmpty(t, filepath.Join(t.TempDir(), "back.db"))
	if _, err := restoreInto(back, data2, blobs); err != nil {
		t.Fatalf("restore PostgreSQL backup into SQLite: %v", err)
	}
	want := dumpTable(t, lite, "employees")
	got := dumpTable(t, back, "employees")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("employees after SQLite -> PostgreSQL -> SQLite differ")
	}
}
