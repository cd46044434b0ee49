// Package storetest opens real databases for tests: a SQLite file in a
// temporary folder, or, when BUDAYA_TEST_PG names a PostgreSQL server, a fresh
// schema on it. scripts/test.sh runs the whole suite once each way.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// DSN returns a DSN for a new, empty database that is removed when tb ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	pg := os.Getenv("BUDAYA_TEST_PG")
	if pg == "" {
		return filepath.Join(tb.TempDir(), "budaya.db")
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", pg)
	if err != nil {
		tb.Fatalf("open BUDAYA_TEST_PG: %v", err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	u, err := url.Parse(pg)
	if err != nil {
		tb.Fatalf("parse BUDAYA_TEST_PG: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open returns a migrated, seeded database that is closed when tb ends.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	return OpenWith(tb, store.Options{})
}

// PasswordCost is the argon2id cost of the password hashes in test
// databases: the least argon2 allows, where the production cost
// (budaya.DefaultPasswordCost, 19 MiB and two passes) takes 50-300 ms a hash
// under -race and the suite makes and checks thousands. Every database of
// OpenWith and OpenTemplate uses it unless its options name a cost; a test
// of sign-in timing names budaya.DefaultPasswordCost(). Hashes are checked
// at the cost they carry, so a copy of a template opens with any cost.
func PasswordCost() budaya.PasswordCost {
	return budaya.PasswordCost{Memory: 8, Time: 1, Threads: 1}
}

func withTestCost(opt store.Options) store.Options {
	if opt.PasswordCost == (budaya.PasswordCost{}) {
		opt.PasswordCost = PasswordCost()
	}
	return opt
}

// OpenWith is Open with options, e.g. a fake clock.
//
// On PostgreSQL a database without a fake clock is a copy of one migrated
// once per test binary (OpenTemplate): migrating takes over a second there
// under -race, a copy a third of that. SQLite migrates each one, which costs
// hardly more than copying the file.
func OpenWith(tb testing.TB, opt store.Options) *store.DB {
	tb.Helper()
	opt = withTestCost(opt)
	if opt.BallotKeyFile == "" {
		opt.BallotKeyFile = filepath.Join(tb.TempDir(), "ballot.key")
	}
	if os.Getenv("BUDAYA_TEST_PG") != "" && opt.Now == nil {
		return OpenTemplate(tb, "migrated", opt, nil)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, DSN(tb), opt)
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate test database: %v", err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		tb.Fatalf("seed framework: %v", err)
	}
	return db
}
