package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/store"
)

// A template is a database built once per test binary (migrated, seeded, and
// filled by a builder such as the demo) and copied for every test that asks
// for it: a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL.
// Building a demo instansi under -race takes seconds to minutes; a copy takes
// milliseconds, so tests that read the same world share its cost.
//
// The cache below is test support, not product state: it only ever holds
// finished, read-only templates and is safe for parallel tests.
var templates struct {
	mu sync.Mutex
	m  map[string]*template
}

type template struct {
	once sync.Once
	err  error
	// SQLite: the checkpointed database file.
	file []byte
	// PostgreSQL: the name of the template database and the server URL.
	pgName string
	pgURL  *url.URL
	// The ballot key the builder sealed answers with (a demo's open period);
	// every copy opens with a copy of it, or its sealed ballots are lost.
	keyDir string
}

// Builder fills a freshly migrated database with the framework seeded, e.g.
// demo.Seed. It runs once per test binary for each template key.
type Builder func(ctx context.Context, db *store.DB) error

// OpenTemplate returns a copy, for tb alone, of the database named key: the
// first call in the test binary builds it (migrate, official framework, then
// build), later calls copy it. Every test that uses a key must pass a build
// that makes the same database, so put what the database holds in the key
// (e.g. "demo-120-seed7"). The copy is closed and removed when tb ends.
func OpenTemplate(tb testing.TB, key string, opt store.Options, build Builder) *store.DB {
	tb.Helper()
	tp := templateFor(key)
	tp.once.Do(func() { tp.err = tp.build(key, build) })
	if tp.err != nil {
		tb.Fatalf("build test database %q: %v", key, tp.err)
	}
	ctx := context.Background()
	opt = withTestCost(opt)
	if opt.BallotKeyFile == "" {
		opt.BallotKeyFile = tp.copyKey(tb)
	}
	db, err := store.Open(ctx, tp.copy(tb), opt)
	if err != nil {
		tb.Fatalf("open copy of test database %q: %v", key, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func templateFor(key string) *template {
	templates.mu.Lock()
	defer templates.mu.Unlock()
	if templates.m == nil {
		templates.m = map[string]*template{}
	}
	tp := templates.m[key]
	if tp == nil {
		tp = &template{}
		templates.m[key] = tp
	}
	return tp
}

func (tp *template) build(key string, build Builder) error {
	ctx := context.Background()
	var err error
	if tp.keyDir, err = os.MkdirTemp("", "budaya-template-key-"); err != nil {
		return err
	}
	pg := os.Getenv("BUDAYA_TEST_PG")
	var dsn string
	if pg == "" {
		dir, err := os.MkdirTemp("", "budaya-template-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "budaya.db")
	} else {
		u, err := url.Parse(pg)
		if err != nil {
			return fmt.Errorf("parse BUDAYA_TEST_PG: %w", err)
		}
		tp.pgURL = u
		admin, err := sql.Open("pgx", pg)
		if err != nil {
			return err
		}
		defer admin.Close()
		dropStaleTemplates(ctx, admin)
		tp.pgName = fmt.Sprintf("budaya_tpl_%d_%s", time.Now().Unix(), randomHex())
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+tp.pgName); err != nil {
			return fmt.Errorf("create template database: %w", err)
		}
		dsn = tp.dsnOf(tp.pgName)
	}
	db, err := store.Open(ctx, dsn, store.Options{BallotKeyFile: filepath.Join(tp.keyDir, "ballot.key"), PasswordCost: PasswordCost()})
	if err != nil {
		return err
	}
	err = func() error {
		if _, err := db.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if err := db.EnsureOfficialFramework(ctx); err != nil {
			return fmt.Errorf("seed framework: %w", err)
		}
		if build != nil {
			return build(ctx, db)
		}
		return nil
	}()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if pg != "" {
		return nil
	}
	// Closing the last connection checkpoints the WAL into the main file;
	// make sure of it, so that the file alone is the whole database.
	raw, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	_, err = raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	if cerr := raw.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("checkpoint template: %w", err)
	}
	if fi, err := os.Stat(dsn + "-wal"); err == nil && fi.Size() > 0 {
		return fmt.Errorf("template %s: write-ahead log of %d bytes left after the checkpoint", key, fi.Size())
	}
	tp.file, err = os.ReadFile(dsn)
	return err
}

// copyKey gives tb its own copy of the template's ballot key, when the
// builder made one, and returns its path (a fresh key is made there at first
// use otherwise).
func (tp *template) copyKey(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "ballot.key")
	b, err := os.ReadFile(filepath.Join(tp.keyDir, "ballot.key"))
	if errors.Is(err, os.ErrNotExist) {
		return path
	}
	if err != nil {
		tb.Fatalf("read template ballot key: %v", err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		tb.Fatalf("copy template ballot key: %v", err)
	}
	return path
}

// copy makes the database of one test from the template and returns its DSN.
func (tp *template) copy(tb testing.TB) string {
	tb.Helper()
	if tp.pgName == "" {
		path := filepath.Join(tb.TempDir(), "budaya.db")
		if err := os.WriteFile(path, tp.file, 0o600); err != nil {
			tb.Fatalf("copy test database: %v", err)
		}
		return path
	}
	name := "t_" + randomHex()
	admin, err := sql.Open("pgx", tp.pgURL.String())
	if err != nil {
		tb.Fatalf("open BUDAYA_TEST_PG: %v", err)
	}
	// Several tests may copy at once; PostgreSQL refuses a template that
	// another CREATE DATABASE is copying, so try again for a while.
	for try := 0; ; try++ {
		_, err = admin.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + tp.pgName)
		if err == nil || try == 100 || !strings.Contains(err.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(time.Duration(20+try*5) * time.Millisecond)
	}
	if err != nil {
		admin.Close()
		tb.Fatalf("copy test database: %v", err)
	}
	tb.Cleanup(func() {
		_, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		admin.Close()
	})
	return tp.dsnOf(name)
}

func (tp *template) dsnOf(database string) string {
	u := *tp.pgURL
	u.Path = "/" + database
	return u.String()
}

// Main runs the tests of a package and then removes its template databases
// from PostgreSQL. Call it from TestMain:
//
//	func TestMain(m *testing.M) { storetest.Main(m) }
//
// A package without it leaves its templates to the next binary that builds
// one (dropStaleTemplates).
func Main(m *testing.M) {
	code := m.Run()
	DropTemplates()
	os.Exit(code)
}

// DropTemplates removes the PostgreSQL template databases this test binary
// made; for a TestMain that does more than Main.
func DropTemplates() {
	templates.mu.Lock()
	var names []string
	var u *url.URL
	for _, tp := range templates.m {
		if tp.keyDir != "" {
			os.RemoveAll(tp.keyDir)
		}
		if tp.pgName != "" {
			names, u = append(names, tp.pgName), tp.pgURL
		}
	}
	templates.mu.Unlock()
	if len(names) == 0 {
		return
	}
	admin, err := sql.Open("pgx", u.String())
	if err != nil {
		return
	}
	defer admin.Close()
	for _, name := range names {
		_, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
	}
}

// dropStaleTemplates removes the template databases that earlier test
// binaries left behind (those without Main); one younger than two hours may
// belong to a binary still running.
func dropStaleTemplates(ctx context.Context, admin *sql.DB) {
	rows, err := admin.QueryContext(ctx, `SELECT datname FROM pg_database WHERE datname LIKE 'budaya\_tpl\_%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		parts := strings.Split(name, "_")
		if len(parts) != 4 {
			continue
		}
		created, err := strconv.ParseInt(parts[2], 10, 64)
		if err == nil && time.Since(time.Unix(created, 0)) > 2*time.Hour {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		_, _ = admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	}
}

func randomHex() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("storetest: no randomness: " + err.Error()))
	}
	return hex.EncodeToString(b)
}
