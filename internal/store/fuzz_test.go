package store_test

import (
	"bytes"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// FuzzDecodeBackupRow feeds arbitrary lines to the row decoder of restore:
// it must refuse bad lines with an error, never panic, and give one value
// per column for good ones.
func FuzzDecodeBackupRow(f *testing.F) {
	cols := []store.Column{{Name: "id", Type: "BIGINT"}, {Name: "active", Type: "BOOLEAN"}, {Name: "at", Type: "TIMESTAMPTZ"}, {Name: "name", Type: "TEXT"}, {Name: "raw", Type: "BLOB"}}
	for _, s := range []string{
		`[1,true,"2026-11-02T03:00:00Z","Siti",{"base64":"AAE="}]`,
		`[1,1,"2026-11-02T03:00:00.123456Z","x",null]`,
		`[9223372036854775808,0,"x","y",null]`, `[]`, `{}`, `[1,2,3,4,5,6]`, `[1.5e308,"true",null,7,{"base64":1}]`, "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
			vals, err := store.DecodeBackupRow(line, cols, d)
			if err == nil && len(vals) != len(cols) {
				t.Fatalf("%q: %d values for %d columns", line, len(vals), len(cols))
			}
		}
	})
}

// FuzzDecodeBackupManifest feeds arbitrary manifests: a bad one is refused
// with a user error naming the problem, never a panic.
func FuzzDecodeBackupManifest(f *testing.F) {
	f.Add([]byte(`{"format":"budaya-backup/1","schema_version":8,"migrations":["0001_foundation.sql"],"tables":[{"name":"units","file":"tables/units.jsonl","columns":[{"name":"id","type":"INTEGER"}],"rows":1,"sha256":"00"}],"blobs":[{"key":"a/b","file":"blobs/a/b","size":1,"sha256":"00"}]}`))
	f.Add([]byte(`{"format":"other"}`))
	f.Add([]byte(`{"format":"budaya-backup/1","tables":[{"name":"","columns":[]}]}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := store.DecodeBackupManifest(bytes.NewReader(b))
		if err != nil {
			if budaya.AsError(err) == nil {
				t.Fatalf("%q: error %v is not a user error", b, err)
			}
			return
		}
		if m.Format != store.BackupFormat {
			t.Fatalf("accepted format %q", m.Format)
		}
		for _, tb := range m.Tables {
			if tb.Name == "" || len(tb.Columns) == 0 {
				t.Fatalf("accepted a table without name or columns: %+v", tb)
			}
		}
	})
}
