package store

import (
	"context"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/index"
)

// What a period's figures need that grows with its staff (index_units,
// migration 0019): the task counts per instrument and unit, the distinct
// people behind each 360 figure and the sums of the attributed atasan
// answers. Reading them means reading every task and every atasan submission
// of the period (some 700,000 rows at 100,000 staff), so the close keeps
// them once, in its transaction after the release, and publishing reads a
// few rows per unit (docs/index.md, "How the figures are computed"). After a
// close none of them can change until the period is reopened, and the next
// close keeps them again.

// indexUnit is one row of index_units.
type indexUnit struct {
	tasks      index.Tasks
	own, tree  int64 // 360: distinct people behind the unit's own and subtree figures
	atasan     *index.Sums
	instrument string
	unit       int64
}

// release releases the sealed ballots of period id (releaseBallots) and
// keeps its index_units for the figures: the close does both, in its
// transaction, and so does an import into a closed period.
func (tx *Tx) release(ctx context.Context, actor budaya.Actor, periodID int64) error {
	var frameworkID int64
	if err := tx.queryRow(ctx, `SELECT framework_id FROM measurement_periods WHERE id = ?`, periodID).Scan(&frameworkID); err != nil {
		return fmt.Errorf("release: period %d: %w", periodID, err)
	}
	f, err := tx.db.periodFramework(ctx, frameworkID)
	if err != nil {
		return err
	}
	l, err := index.NewLayout(f)
	if err != nil {
		return err
	}
	if err := index.CheckLayout(l); err != nil {
		return err
	}
	if _, err := tx.releaseBallots(ctx, actor, periodID, l); err != nil {
		return err
	}
	return tx.keepIndexUnits(ctx, periodID, l)
}

// keepIndexUnits replaces the kept index_units rows of period id with rows
// computed from its tasks, releases and atasan submissions.
func (tx *Tx) keepIndexUnits(ctx context.Context, periodID int64, l *index.Layout) error {
	rows := map[sumsKey]*indexUnit{}
	get := func(instrument string, unit int64) *indexUnit {
		k := sumsKey{instrument, unit}
		r := rows[k]
		if r == nil {
			r = &indexUnit{instrument: instrument, unit: unit}
			rows[k] = r
		}
		return r
	}
	tasks, err := tx.taskCounts(ctx, periodID)
	if err != nil {
		return err
	}
	for instrument, byUnit := range tasks {
		for unit, t := range byUnit {
			get(instrument, unit).tasks = t
		}
	}
	raters, err := tx.released360Raters(ctx, periodID)
	if err != nil {
		return err
	}
	if len(raters) > 0 {
		snapshot, err := tx.snapshotTree(ctx, periodID)
		if err != nil {
			return err
		}
		units := make([]index.RollupUnit, len(snapshot))
		for i, u := range snapshot {
			units[i] = index.RollupUnit{Unit: u[0], Parent: u[1]}
		}
		for k, n := range index.RaterCounts(units, raters) {
			r := get(budaya.Instrument360, k.Unit)
			if k.Scope == index.Own {
				r.own = n
			} else {
				r.tree = n
			}
		}
	}
	arows, err := tx.query(ctx, `SELECT unit_id, scores FROM index_atasan_responses WHERE period_id = ?`, periodID)
	if err != nil {
		return fmt.Errorf("atasan scores of period %d: %w", periodID, err)
	}
	scores := make([]int, len(l.Behaviours()))
	for arows.Next() {
		var unit int64
		var enc string
		if err := arows.Scan(&unit, &enc); err != nil {
			arows.Close()
			return fmt.Errorf("scan atasan scores: %w", err)
		}
		if err := decodeScores(enc, scores); err != nil {
			arows.Close()
			return err
		}
		r := get(budaya.Instrument360, unit)
		if r.atasan == nil {
			r.atasan = index.NewSums(l)
		}
		r.atasan.AddResponse(scores)
	}
	arows.Close()
	if err := arows.Err(); err != nil {
		return fmt.Errorf("atasan scores of period %d: %w", periodID, err)
	}

	if _, err := tx.exec(ctx, `DELETE FROM index_units WHERE period_id = ?`, periodID); err != nil {
		return fmt.Errorf("clear index units: %w", err)
	}
	keys := make([]sumsKey, 0, len(rows))
	for k := range rows {
		keys = append(keys, k)
	}
	sortSumsKeys(keys)
	b := newBatch(tx, `INSERT INTO index_units (period_id, instrument, unit_id, tasks_total, tasks_done, people_own, people_tree, atasan) VALUES `, 8)
	for _, k := range keys {
		r := rows[k]
		atasan := ""
		if r.atasan != nil && r.atasan.Respondents() > 0 {
			atasan = r.atasan.Encode()
		}
		if err := b.add(ctx, periodID, r.instrument, r.unit, r.tasks.Total, r.tasks.Done, r.own, r.tree, atasan); err != nil {
			return fmt.Errorf("keep index units: %w", err)
		}
	}
	if err := b.flush(ctx); err != nil {
		return fmt.Errorf("keep index units: %w", err)
	}
	return nil
}

// keptIndexUnits reads the index_units rows of period p, keeping them first
// when the period has none (closed before migration 0019, or with no task
// and no answer: then they are cheap to compute).
func (db *DB) keptIndexUnits(ctx context.Context, p *IndexPeriod, l *index.Layout) ([]indexUnit, error) {
	out, err := db.indexUnits(ctx, p.ID, l)
	if err != nil || len(out) > 0 {
		return out, err
	}
	if err := db.inTx(ctx, func(tx *Tx) error { return tx.keepIndexUnits(ctx, p.ID, l) }); err != nil {
		return nil, err
	}
	return db.indexUnits(ctx, p.ID, l)
}

// indexUnits reads the index_units rows of period id.
func (db *DB) indexUnits(ctx context.Context, periodID int64, l *index.Layout) ([]indexUnit, error) {
	rows, err := db.query(ctx, `SELECT instrument, unit_id, tasks_total, tasks_done, people_own, people_tree, atasan FROM index_units WHERE period_id = ?`, periodID)
	if err != nil {
		return nil, fmt.Errorf("index units of period %d: %w", periodID, err)
	}
	defer rows.Close()
	var out []indexUnit
	for rows.Next() {
		var r indexUnit
		var atasan string
		if err := rows.Scan(&r.instrument, &r.unit, &r.tasks.Total, &r.tasks.Done, &r.own, &r.tree, &atasan); err != nil {
			return nil, fmt.Errorf("scan index unit: %w", err)
		}
		if atasan != "" {
			if r.atasan, err = index.DecodeSums(atasan, l); err != nil {
				return nil, fmt.Errorf("index units of period %d, unit %d: %w", periodID, r.unit, err)
			}
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index units of period %d: %w", periodID, err)
	}
	return out, nil
}

// released360Raters returns, per snapshot unit of period id, the distinct
// raters whose 360 answers are in the unit's figure: atasan who completed
// their task, and peers and bawahan whose task was completed before the last
// release of its bucket (a bucket releases all of its sealed ballots or none).
func (tx *Tx) released360Raters(ctx context.Context, periodID int64) (map[int64]map[int64]bool, error) {
	rows, err := tx.query(ctx, `SELECT t.unit_id, t.rater_employee_id FROM measurement_tasks t
		WHERE t.period_id = ? AND t.instrument = '360' AND t.status = 'completed' AND (t.rater_group = 'atasan'
		OR t.rater_group IN ('peer', 'bawahan') AND t.completed_at <= (SELECT MAX(r.released_at) FROM measurement_releases r
			WHERE r.period_id = t.period_id AND r.instrument = '360' AND r.rater_group = t.rater_group
			AND r.unit_id = t.unit_id AND r.ratee_employee_id = t.ratee_employee_id))`, periodID)
	if err != nil {
		return nil, fmt.Errorf("360 raters of period %d: %w", periodID, err)
	}
	defer rows.Close()
	out := map[int64]map[int64]bool{}
	for rows.Next() {
		var unit, rater int64
		if err := rows.Scan(&unit, &rater); err != nil {
			return nil, err
		}
		if out[unit] == nil {
			out[unit] = map[int64]bool{}
		}
		out[unit][rater] = true
	}
	return out, rows.Err()
}

// taskCounts returns, per instrument and unit, the number of tasks and of completed ones.
func (tx *Tx) taskCounts(ctx context.Context, periodID int64) (map[string]map[int64]index.Tasks, error) {
	rows, err := tx.query(ctx, `SELECT instrument, unit_id, COUNT(*), SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END)
		FROM measurement_tasks WHERE period_id = ? GROUP BY instrument, unit_id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("task counts of period %d: %w", periodID, err)
	}
	defer rows.Close()
	out := map[string]map[int64]index.Tasks{}
	for rows.Next() {
		var instrument string
		var unit, total, done int64
		if err := rows.Scan(&instrument, &unit, &total, &done); err != nil {
			return nil, fmt.Errorf("scan task count: %w", err)
		}
		if out[instrument] == nil {
			out[instrument] = map[int64]index.Tasks{}
		}
		out[instrument][unit] = index.Tasks{Total: total, Done: done}
	}
	return out, rows.Err()
}
