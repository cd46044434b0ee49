package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

//go:embed migrations
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func (db *DB) migrations() ([]migration, error) {
	dir := path.Join("migrations", string(db.dialect))
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
		b, err := migrationFS.ReadFile(path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion returns the highest migration applied, and the highest this binary knows.
func (db *DB) SchemaVersion(ctx context.Context) (applied, known int, err error) {
	ms, err := db.migrations()
	if err != nil {
		return 0, 0, err
	}
	if len(ms) > 0 {
		known = ms[len(ms)-1].version
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return 0, known, fmt.Errorf("create schema_migrations: %w", err)
	}
	err = db.read.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&applied)
	return applied, known, err
}

// Migrate applies every embedded migration not yet applied, each in its own
// transaction. A database migrated by a newer binary is refused.
// It returns the names of the migrations it applied.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	return db.migrateTo(ctx, 0)
}

// migrateTo applies the migrations up to version upTo (0: all); tests use it
// to build a database as an older release left it.
func (db *DB) migrateTo(ctx context.Context, upTo int) ([]string, error) {
	applied, known, err := db.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if applied > known {
		return nil, budaya.Errorf(budaya.ECONFLICT,
			budaya.MsgDatabaseSchemaVersionNewer,
			applied, known)
	}
	ms, err := db.migrations()
	if err != nil {
		return nil, err
	}
	var done []string
	for _, m := range ms {
		if upTo > 0 && m.version > upTo {
			break
		}
		err := db.inTx(ctx, func(tx *Tx) error {
			if db.dialect == Postgres {
				// Serialise concurrent starts of several budaya processes.
				if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(727211)`); err != nil {
					return err
				}
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.exec(ctx, m.sql); err != nil {
				return fmt.Errorf("apply %s: %w", m.name, err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, db.Now().Format("2006-01-02T15:04:05Z")); err != nil {
				return err
			}
			done = append(done, m.name)
			return nil
		})
		if err != nil {
			return done, fmt.Errorf("migrate: %w", err)
		}
	}
	return done, nil
}
