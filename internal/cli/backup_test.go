package cli_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/cli"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestBackupRestoreRetentionCommands(t *testing.T) {
	ctx := context.Background()
	src, dst := storetest.DSN(t), storetest.DSN(t)
	blobs := t.TempDir()
	file := filepath.Join(t.TempDir(), "budaya.zip")
	run := func(vars map[string]string, args ...string) (string, error) {
		t.Helper()
		e, out, errOut := env(vars, "")
		err := cli.Run(ctx, append([]string{"budaya"}, args...), e)
		return out.String() + errOut.String(), err
	}
	if out, err := run(map[string]string{"BUDAYA_BLOB_DIR": blobs}, "demo", "--db", src, "--employees", "30"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	out, err := run(map[string]string{"BUDAYA_BLOB_DIR": blobs}, "backup", "--db", src, file)
	if err != nil || !strings.Contains(out, "backup "+file) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	// The ballot key is in the blob folder, never in the backup.
	key, err := os.ReadFile(store.DefaultBallotKeyFile(blobs))
	if err != nil || len(key) != store.BallotKeySize {
		t.Fatalf("ballot key after the demo: %d bytes, %v", len(key), err)
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.Contains(f.Name, "key") {
			t.Errorf("backup holds %s", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(data, key) || bytes.Contains(data, []byte(base64.StdEncoding.EncodeToString(key))) || bytes.Contains(data, []byte(hex.EncodeToString(key))) {
			t.Errorf("backup file %s holds the ballot key", f.Name)
		}
	}
	zr.Close()
	out, err = run(nil, "restore", "--db", dst, "--blob-dir", blobs, file)
	if err != nil || !strings.Contains(out, "counts and SHA-256 verified") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	if !strings.Contains(out, "sealed answers of open periods") || !strings.Contains(out, "ballot key file") {
		t.Errorf("restore of a database with sealed answers does not say that they need the key file:\n%s", out)
	}
	_, err = run(nil, "restore", "--db", dst, "--blob-dir", blobs, file)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("second restore: got %v, want the database is not empty", err)
	}
	out, err = run(nil, "retention", "--db", dst, "--dry-run", "--set", "sessions=7")
	if err != nil || !strings.Contains(out, "sessions") || !strings.Contains(out, "due") {
		t.Errorf("retention --dry-run: %v\n%s", err, out)
	}
	out, err = run(nil, "retention", "--db", dst)
	if err != nil || !strings.Contains(out, "rows destroyed") {
		t.Errorf("retention: %v\n%s", err, out)
	}
	if _, err := run(nil, "retention", "--db", dst, "--set", "sessions=abc"); err == nil {
		t.Error("retention --set sessions=abc: got no error")
	}
}
