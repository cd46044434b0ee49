package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/budaya-id/budaya/internal/blob"
	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

func blobDirFlag(fs interface {
	String(name, value, usage string) *string
}, env Env) *string {
	return fs.String("blob-dir", envOr(env, "BUDAYA_BLOB_DIR", "data/blobs"), "folder of uploaded files (env BUDAYA_BLOB_DIR)")
}

// runBackup writes a consistent backup while the server keeps running.
func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("backup", env)
	dsn := dbFlag(fs, env)
	blobDir := blobDirFlag(fs, env)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: budaya backup [--db DSN] [--blob-dir DIR] FILE.zip")
	}
	file := fs.Arg(0)
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	blobs, err := blob.NewLocal(*blobDir)
	if err != nil {
		return err
	}
	// Write beside the target and rename, so FILE is either complete or absent.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".budaya-backup-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp.Name())
	m, err := db.Backup(ctx, tmp, blobs)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return userMessage(err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(env.Stdout, "backup %s: schema version %d, %d tables, %d rows, %d files\n", file, m.SchemaVersion, len(m.Tables), m.Rows(), len(m.Blobs))
	if len(m.MissingBlobs) > 0 {
		fmt.Fprintf(env.Stderr, "warning: %d files named by evidence rows were not in %s: %v\n", len(m.MissingBlobs), *blobDir, m.MissingBlobs)
	}
	return nil
}

// runRestore loads a backup into an empty database.
func runRestore(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet("restore", env)
	dsn := dbFlag(fs, env)
	blobDir := blobDirFlag(fs, env)
	if help, err := parseFlags(fs, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: budaya restore [--db DSN] [--blob-dir DIR] FILE.zip (into an empty database)")
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	blobs, err := blob.NewLocal(*blobDir)
	if err != nil {
		return err
	}
	m, err := db.Restore(ctx, budaya.SystemActor("restore"), f, st.Size(), blobs)
	if err != nil {
		return userMessage(err)
	}
	fmt.Fprintf(env.Stdout, "restored %s (made %s on %s): schema version %d, %d tables, %d rows, %d files; counts and SHA-256 verified\n",
		fs.Arg(0), m.CreatedAt.Format("2006-01-02 15:04:05Z"), m.Dialect, m.SchemaVersion, len(m.Tables), m.Rows(), len(m.Blobs))
	if n, err := db.SealedBallots(ctx, 0); err != nil {
		return err
	} else if n > 0 {
		fmt.Fprintf(env.Stdout, "note: %d sealed answers of open periods were restored; they open only with the ballot key file of the original server (%s), which is never in a backup: copy it there before serving\n",
			n, ballotKeyFile(fs, env))
	}
	return nil
}
