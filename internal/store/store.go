// Package store keeps budaya's data in SQLite (the embedded default) or
// PostgreSQL. Queries are portable SQL with ? placeholders, rebound per
// driver; only the DDL in migrations/ differs per dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Dialect names a database engine.
type Dialect string

// The supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is a budaya database. It is safe for concurrent use.
type DB struct {
	dialect Dialect
	write   *sql.DB // SQLite: a single connection, so writers queue instead of failing
	read    *sql.DB // SQLite: a pool of read-only connections; PostgreSQL: the same pool as write
	now     func() time.Time
	dsn     string
	// frozen caches published framework versions, which never change (measurement.go).
	frozen sync.Map
	// unitCounts caches the rolled-up response rates and reminder counts of
	// large periods (measurement_bulk.go); largeFrom, when not 0, replaces
	// largePeriodTasks (tests).
	unitCounts sync.Map
	largeFrom  int
	// writer runs the write transactions of SQLite one after the other and
	// commits those that queue up together (writer.go); nil on PostgreSQL.
	writer *writer
	// keyFile is the ballot key file (ballot.go); aead its cipher once read.
	keyFile string
	keyMu   sync.Mutex
	aead    aeadCipher
	// passwordCost is the cost of the password hashes this database stores;
	// dummyHash, of the same cost, is checked where there is no password to
	// check, so that every sign-in answer takes as long (users.go).
	passwordCost budaya.PasswordCost
	dummyHash    string
	// hasher bounds the argon2id computations of sign-ins and password
	// changes running at once (budaya.PasswordHasher).
	hasher *budaya.PasswordHasher
	// mailer composes the mail of events inside their transactions (mail_events.go).
	mailer atomic.Pointer[mailerBox]
}

// Options tune Open.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// BallotKeyFile is the file of the key that seals anonymous answers and
	// drafts (ballot.go); created at first use when missing.
	BallotKeyFile string
	// PasswordCost is the cost of the password hashes stored; zero is
	// budaya.DefaultPasswordCost. Only test binaries may lower it
	// (budaya.HashPasswordCost refuses elsewhere); no flag sets it.
	PasswordCost budaya.PasswordCost
	// Hasher bounds concurrent password hashing; nil means
	// budaya.NewPasswordHasher(0, 0): half the cores, 10 s of waiting.
	Hasher *budaya.PasswordHasher
}

// Open connects to dsn: a postgres:// or postgresql:// URL, or else a SQLite
// file path (optionally prefixed with sqlite:). It does not migrate.
func Open(ctx context.Context, dsn string, opt Options) (*DB, error) {
	db := &DB{now: opt.Now, dsn: dsn, keyFile: opt.BallotKeyFile, passwordCost: opt.PasswordCost, hasher: opt.Hasher}
	if db.hasher == nil {
		db.hasher = budaya.NewPasswordHasher(0, 0)
	}
	if db.now == nil {
		db.now = time.Now
	}
	var err error
	if db.dummyHash, err = db.HashPassword("dummy-Password-1!"); err != nil {
		return nil, err
	}
	if IsPostgres(dsn) {
		db.dialect = Postgres
		db.write, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		db.write.SetMaxOpenConns(20)
		db.write.SetMaxIdleConns(10)
		db.write.SetConnMaxIdleTime(5 * time.Minute)
		db.read = db.write
	} else {
		db.dialect = SQLite
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("open sqlite: empty database path")
		}
		if db.write, err = sql.Open("sqlite", sqliteDSN(path, false)); err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		db.write.SetMaxOpenConns(1)
		db.write.SetConnMaxIdleTime(0)
		// The first connection creates the file and switches it to WAL before readers open it.
		if err := db.write.PingContext(ctx); err != nil {
			db.write.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		if db.read, err = sql.Open("sqlite", sqliteDSN(path, true)); err != nil {
			db.write.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		db.read.SetMaxOpenConns(8)
		db.writer = startWriter(db)
	}
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.dialect, err)
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	// secure_delete: a deleted draft or released ballot leaves zeros, not its
	// bytes, in the freed pages of the file (docs/measurement.md, "Threat model").
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(FULL)", "secure_delete(1)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
	}
	q.Set("_time_format", "sqlite")
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return "file:" + abs + "?" + q.Encode()
}

// Close closes the database.
func (db *DB) Close() error {
	if db.writer != nil {
		db.writer.stop()
	}
	err := db.write.Close()
	if db.read != db.write {
		if rerr := db.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Dialect returns the engine in use.
func (db *DB) Dialect() Dialect { return db.dialect }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// Now returns the current time of the store's clock, in UTC, to the microsecond.
func (db *DB) Now() time.Time { return db.now().UTC().Truncate(time.Microsecond) }

// rebind turns ? placeholders into $1, $2, ... for PostgreSQL.
func (db *DB) rebind(q string) string {
	if db.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// Tx is a write transaction. Every public store method that writes owns one.
type Tx struct {
	tx *sql.Tx
	db *DB
	// grouped: the transaction is one of a group commit (writer.go), so a
	// cancelled request must not interrupt the statements of the others.
	grouped bool
}

// ctx is the context for a statement of tx: on a group commit it is not
// cancelled with the request, since SQLite would roll back the whole group.
func (tx *Tx) ctx(ctx context.Context) context.Context {
	if tx.grouped {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(tx.ctx(ctx), tx.db.rebind(q), args...)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(tx.ctx(ctx), tx.db.rebind(q), args...)
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(tx.ctx(ctx), tx.db.rebind(q), args...)
}

// prepare prepares q (rebound) for repeated use inside tx.
func (tx *Tx) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	return tx.tx.PrepareContext(tx.ctx(ctx), tx.db.rebind(q))
}

// insert runs an INSERT and returns the id of the new row.
func (tx *Tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := tx.tx.QueryRowContext(tx.ctx(ctx), tx.db.rebind(q+" RETURNING id"), args...).Scan(&id)
	return id, err
}

// scanAll reads every row with scan, then closes rows. It returns an empty
// list, not nil, when there are no rows, so that the API answers [] and not null.
func scanAll[T any](rows *sql.Rows, scan func(row interface{ Scan(...any) error }) (*T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, rows.Err()
}

// inTx runs fn in a write transaction and commits when fn returns nil. On
// SQLite the single writer runs it (writer.go), committing it together with
// the transactions waiting at the same time.
func (db *DB) inTx(ctx context.Context, fn func(*Tx) error) error {
	if db.writer != nil {
		return db.writer.do(ctx, fn)
	}
	return db.runTx(ctx, fn)
}

// runTx runs fn in a transaction of its own.
func (db *DB) runTx(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", normalize(err))
	}
	tx := &Tx{tx: sqlTx, db: db}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return normalize(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", normalize(err))
	}
	return nil
}

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.rebind(q), args...)
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.rebind(q), args...)
}

// normalize turns driver errors that a user can cause into *budaya.Error.
func normalize(err error) error {
	if err == nil || budaya.AsError(err) != nil {
		return err
	}
	if isUniqueViolation(err) {
		return budaya.Errorf(budaya.ECONFLICT, budaya.MsgSameDataAlreadyExists)
	}
	return err
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) {
		return sqliteErr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || sqliteErr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// nullTime turns a zero time into NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// nullID turns a zero id into NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// whereClause is " WHERE " and conds joined by AND, or "" when there are none.
func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// Analyze refreshes the query planner's statistics of the organisation. Bulk writes (the demo,
// imports) call it so that the planner knows, for example, that almost every
// employee is active and picks the unit index for subtree lists.
func (db *DB) Analyze(ctx context.Context) error {
	q := `ANALYZE`
	if db.dialect == Postgres {
		// Only the organisation tables (a bare VACUUM would visit every schema of the
		// database). VACUUM also marks the new pages all-visible, so that counts are
		// answered from the index alone.
		q = `VACUUM (ANALYZE) units, employees, app_users, user_roles`
	}
	if _, err := db.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}
