package store

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

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

// largePeriodTasks is the size from which a period's rolled-up response
// rates and reminder counts are cached: counting 1.5 million 360 tasks of the
// largest instansi at every view of the period page took longer than the
// page may (docs/operations.md, "The largest instansi").
const largePeriodTasks = 100_000

// taskCountsTTL is how old the cached rates of a large open period may be.
// Response rates of such a period move by hundreds a minute in the survey
// weeks; nobody acts on the last few seconds of them.
const taskCountsTTL = 30 * time.Second

type unitCount struct{ total, completed int }

type largePeriodKey struct {
	what       string
	period     int64
	instrument string
}

type largePeriodEntry struct {
	at    time.Time
	value any
	// closed and version: the entry was loaded while the period was closed,
	// at this figures_version.
	closed  bool
	version int64
}

// largePeriodCached returns what load returns for key; for a period of
// largePeriodTasks tasks or more, at most once every taskCountsTTL per
// process while the period is open, and once per close while it is closed:
// a closed period's tasks cannot change, and every close and reopen bumps
// its figures_version (read here at each call, so a reopen through another
// server is seen at the next call). Smaller periods are loaded at each call.
func largePeriodCached[T any](ctx context.Context, db *DB, key largePeriodKey, load func() (T, error)) (T, error) {
	var size int
	var status string
	var version int64
	if err := db.queryRow(ctx, `SELECT tasks_total, status, figures_version FROM measurement_periods WHERE id = ?`, key.period).Scan(&size, &status, &version); err != nil {
		var zero T
		return zero, fmt.Errorf("period %d size: %w", key.period, err)
	}
	if from := cmp.Or(db.largeFrom, largePeriodTasks); size < from {
		return load()
	}
	closed := status == budaya.PeriodClosed
	now := db.Now()
	if e, ok := db.unitCounts.Load(key); ok {
		e := e.(*largePeriodEntry)
		if closed && e.closed && e.version == version ||
			!closed && !e.closed && now.Sub(e.at) < taskCountsTTL && !now.Before(e.at) {
			return e.value.(T), nil
		}
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	db.unitCounts.Store(key, &largePeriodEntry{at: now, value: v, closed: closed, version: version})
	return v, nil
}

// unitTaskCounts returns how many tasks of instrument each unit of a period
// has and how many are completed (ResponseRates keeps what it makes of them
// for large periods).
func (db *DB) unitTaskCounts(ctx context.Context, periodID int64, instrument string) (map[int64]unitCount, error) {
	rows, err := db.query(ctx, `SELECT unit_id, COUNT(*), SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END)
		FROM measurement_tasks WHERE period_id = ? AND instrument = ? GROUP BY unit_id`, periodID, instrument)
	if err != nil {
		return nil, fmt.Errorf("count tasks: %w", err)
	}
	defer rows.Close()
	counts := map[int64]unitCount{}
	for rows.Next() {
		var unit int64
		var c unitCount
		if err := rows.Scan(&unit, &c.total, &c.completed); err != nil {
			return nil, err
		}
		counts[unit] = c
	}
	return counts, rows.Err()
}

// UnitReminder is how many people of a snapshot unit still have open 360 tasks.
type UnitReminder struct {
	UnitID   int64
	UnitName string
	Path     string
	People   int
}

// RemindersByUnit counts, per snapshot unit in scope, the raters with open
// 360 tasks: the period page's reminder list. It is counted in the database
// (Reminders returns a row per person: 250,000 at the largest instansi) and
// cached for large periods.
func (db *DB) RemindersByUnit(ctx context.Context, periodID int64, scope budaya.UnitScope) ([]UnitReminder, error) {
	all, err := largePeriodCached(ctx, db, largePeriodKey{"reminders", periodID, budaya.Instrument360}, func() ([]UnitReminder, error) {
		rows, err := db.query(ctx, `SELECT COALESCE(u.unit_id, 0), COALESCE(u.name, ''), COALESCE(u.path, ''), COUNT(DISTINCT t.rater_employee_id)
			FROM measurement_tasks t
			JOIN snapshot_staff s ON s.period_id = t.period_id AND s.employee_id = t.rater_employee_id
			LEFT JOIN snapshot_units u ON u.period_id = s.period_id AND u.unit_id = s.unit_id
			WHERE t.period_id = ? AND t.instrument = '360' AND t.status = 'open'
			GROUP BY u.unit_id, u.name, u.path`, periodID)
		if err != nil {
			return nil, fmt.Errorf("reminders by unit: %w", err)
		}
		defer rows.Close()
		var out []UnitReminder
		for rows.Next() {
			var r UnitReminder
			if err := rows.Scan(&r.UnitID, &r.UnitName, &r.Path, &r.People); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := []UnitReminder{}
	for _, r := range all {
		if r.Path != "" && scope.Contains(r.Path) || r.Path == "" && scope.All {
			out = append(out, r)
		}
	}
	return out, nil
}
