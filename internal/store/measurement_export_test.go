package store

import "context"

// IntForTest runs a raw query that returns one integer, for tests that check
// what is (not) stored.
func (db *DB) IntForTest(ctx context.Context, q string, args ...any) (int, error) {
	var n int
	err := db.queryRow(ctx, q, args...).Scan(&n)
	return n, err
}
