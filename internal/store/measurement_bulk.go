package store

import (
	"context"
	"fmt"
	"strings"

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

// analyzePeriodTables refreshes PostgreSQL's statistics of tables a period
// has just filled in bulk. Every period has a new period_id, which the
// statistics gathered before it know nothing of: the planner then expects
// one row for it and joins the 35,000-row snapshot of a large eselon I unit
// with itself by nested loops (27 s for one count at 250,000 employees,
// instead of milliseconds). ANALYZE samples a fixed number of rows, so it
// costs well under a second however large the tables. SQLite's planner
// keeps no per-value statistics, so it needs nothing here.
func (db *DB) analyzePeriodTables(ctx context.Context, tables ...string) error {
	if db.dialect != Postgres || len(tables) == 0 {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, `ANALYZE `+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("analyze %s: %w", strings.Join(tables, ", "), err)
	}
	return nil
}
