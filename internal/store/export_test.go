package store

import (
	"context"

	"github.com/budaya-id/budaya/internal/budaya"
)

// ExecForTest runs a raw statement, for tests that must reach past the store's API.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	return db.inTx(ctx, func(tx *Tx) error { _, err := tx.exec(ctx, q, args...); return err })
}

// MigrateToForTest applies the migrations up to version upTo only.
func (db *DB) MigrateToForTest(ctx context.Context, upTo int) ([]string, error) {
	return db.migrateTo(ctx, upTo)
}

// OpenBallotsForTest opens the sealed ballots of period id (in id order), for
// tests that check what a submission sealed.
func (db *DB) OpenBallotsForTest(ctx context.Context, periodID int64) ([][]budaya.Answer, error) {
	rows, err := db.query(ctx, `SELECT instrument, rater_group, unit_id, ratee_employee_id, sealed FROM measurement_ballots WHERE period_id = ? ORDER BY id`, periodID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]budaya.Answer
	for rows.Next() {
		var instrument, group, sealed string
		var unit, ratee int64
		if err := rows.Scan(&instrument, &group, &unit, &ratee, &sealed); err != nil {
			return nil, err
		}
		var ss []sealedAnswer
		if err := db.unseal(ctx, db, sealed, ballotAD(periodID, instrument, group, unit, ratee), &ss); err != nil {
			return nil, err
		}
		out = append(out, fromSealed(ss))
	}
	return out, rows.Err()
}

// EachStringForTest calls fn with the first column, as text, of every row of a raw query.
func (db *DB) EachStringForTest(ctx context.Context, q string, fn func(string), args ...any) error {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		fn(s)
	}
	return rows.Err()
}

// AnalyzeForTest refreshes PostgreSQL's statistics after a bulk load, as
// autovacuum would soon after one.
func (db *DB) AnalyzeForTest(ctx context.Context) error {
	if db.dialect != Postgres {
		return nil
	}
	_, err := db.write.ExecContext(ctx, `ANALYZE`)
	return err
}

// LargePeriodFromForTest makes periods of n tasks or more large for db: their
// response rates are cached (largePeriodCached).
func (db *DB) LargePeriodFromForTest(n int) { db.largeFrom = n }
