package store

import (
	"context"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
)

// EachTask calls fn with every task of a period in id order, reading them in
// one pass. Paging through ListTasks for a whole period costs a count and an
// OFFSET scan per page, quadratic in its size: at 250,000 employees one
// period holds 1.75 million tasks.
func (db *DB) EachTask(ctx context.Context, periodID int64, fn func(*budaya.Task) error) error {
	rows, err := db.query(ctx, taskSelect+` WHERE t.period_id = ? ORDER BY t.id`, periodID)
	if err != nil {
		return fmt.Errorf("read tasks of period %d: %w", periodID, err)
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return fmt.Errorf("read tasks of period %d: %w", periodID, err)
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return rows.Err()
}
