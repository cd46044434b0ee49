package store

import "context"

// ExecForTest runs a raw statement, for tests that must reach past the store's API.
func (db *DB) ExecForTest(ctx context.Context, q string, args ...any) error {
	return db.inTx(ctx, func(tx *Tx) error { _, err := tx.exec(ctx, q, args...); return err })
}

// MigrateToForTest applies the migrations up to version upTo only.
func (db *DB) MigrateToForTest(ctx context.Context, upTo int) ([]string, error) {
	return db.migrateTo(ctx, upTo)
}
