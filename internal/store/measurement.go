package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Measurement periods, their snapshot and tasks. The anonymity model is in
// docs/measurement.md: answers are stored apart from who gave them.

const periodColumns = `id, name, starts_at, ends_at, framework_id, has_survey, has_360, min_group, max_peers, status, generation,
	tasks_done, tasks_total, opened_at, closed_at, created_at`

func scanPeriod(row interface{ Scan(...any) error }) (*budaya.Period, error) {
	var p budaya.Period
	var opened, closed sql.NullTime
	if err := row.Scan(&p.ID, &p.Name, &p.StartsAt, &p.EndsAt, &p.FrameworkID, &p.HasSurvey, &p.Has360, &p.MinGroup, &p.MaxPeers,
		&p.Status, &p.Generation, &p.TasksDone, &p.TasksTotal, &opened, &closed, &p.CreatedAt); err != nil {
		return nil, err
	}
	p.StartsAt, p.EndsAt, p.CreatedAt = p.StartsAt.UTC(), p.EndsAt.UTC(), p.CreatedAt.UTC()
	if opened.Valid {
		p.OpenedAt = opened.Time.UTC()
	}
	if closed.Valid {
		p.ClosedAt = closed.Time.UTC()
	}
	return &p, nil
}

func errPeriodNotFound() error { return budaya.NotFound(budaya.MsgMeasurementPeriodNotFound) }

// FindPeriod returns the measurement period with id and its participating units.
func (db *DB) FindPeriod(ctx context.Context, id int64) (*budaya.Period, error) {
	p, err := scanPeriod(db.queryRow(ctx, `SELECT `+periodColumns+` FROM measurement_periods WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errPeriodNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("find period %d: %w", id, err)
	}
	rows, err := db.query(ctx, `SELECT unit_id FROM measurement_period_units WHERE period_id = ? ORDER BY unit_id`, id)
	if err != nil {
		return nil, fmt.Errorf("period units: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var u int64
		if err := rows.Scan(&u); err != nil {
			return nil, err
		}
		p.UnitIDs = append(p.UnitIDs, u)
	}
	return p, rows.Err()
}

// ListPeriods returns every measurement period, newest first.
func (db *DB) ListPeriods(ctx context.Context) ([]budaya.Period, error) {
	rows, err := db.query(ctx, `SELECT `+periodColumns+` FROM measurement_periods ORDER BY starts_at DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("list periods: %w", err)
	}
	return scanAll(rows, scanPeriod)
}

// CreatePeriod validates and stores a new period in draft.
func (db *DB) CreatePeriod(ctx context.Context, actor budaya.Actor, in budaya.PeriodInput) (*budaya.Period, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var status string
		err := tx.queryRow(ctx, `SELECT status FROM frameworks WHERE id = ?`, in.FrameworkID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.Invalid("framework_id", budaya.MsgFrameworkVersionDoesNotExist, in.FrameworkID)
		}
		if err != nil {
			return err
		}
		if status != budaya.FrameworkPublished {
			return budaya.Invalid("framework_id", budaya.MsgPeriodCanOnlyUse)
		}
		now := db.Now()
		id, err = tx.insert(ctx, `INSERT INTO measurement_periods (name, starts_at, ends_at, framework_id, has_survey, has_360, min_group, max_peers,
			status, generation, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', 'pending', ?, ?, ?)`,
			in.Name, in.StartsAt.UTC(), in.EndsAt.UTC(), in.FrameworkID, in.HasSurvey, in.Has360, in.MinGroup, in.MaxPeers, nullID(actor.UserID), now, now)
		if err != nil {
			return fmt.Errorf("insert period: %w", err)
		}
		if err := tx.setPeriodUnits(ctx, id, in.UnitIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "measurement_period", id, nil, in)
	})
	if err != nil {
		return nil, err
	}
	return db.FindPeriod(ctx, id)
}

// OpenPeriod opens a draft period: it freezes the snapshot of the participating
// units (with the units below them) and of their active staff. The tasks are
// generated afterwards by GenerateTasks, in the background.
func (db *DB) OpenPeriod(ctx context.Context, actor budaya.Actor, id int64) (*budaya.Period, error) {
	return db.openPeriod(ctx, actor, id, nil)
}

// openPeriod is OpenPeriod with check run inside the transaction first; what
// check returns (when not nil) is kept in the audit entry as "overlaps".
func (db *DB) openPeriod(ctx context.Context, actor budaya.Actor, id int64, check func(tx *Tx) (any, error)) (*budaya.Period, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		var status string
		err := tx.queryRow(ctx, `SELECT status FROM measurement_periods WHERE id = ?`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return errPeriodNotFound()
		}
		if err != nil {
			return err
		}
		if status != budaya.PeriodDraft {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodBeenOpenedBefore)
		}
		var overlaps any
		if check != nil {
			if overlaps, err = check(tx); err != nil {
				return err
			}
		}
		_, err = tx.exec(ctx, `INSERT INTO snapshot_units (period_id, unit_id, parent_unit_id, code, name, level, path, depth, leader_employee_id)
			SELECT ?, u.id, u.parent_id, u.code, u.name, u.level, u.path, u.depth, u.leader_employee_id
			FROM units u JOIN measurement_period_units pu ON pu.period_id = ?
			JOIN units root ON root.id = pu.unit_id
			WHERE u.closed_at IS NULL AND u.path LIKE root.path || '%'
			ON CONFLICT DO NOTHING`, id, id)
		if err != nil {
			return fmt.Errorf("snapshot units: %w", err)
		}
		_, err = tx.exec(ctx, `INSERT INTO snapshot_staff (period_id, employee_id, unit_id, supervisor_id, name, position)
			SELECT ?, e.id, e.unit_id, e.supervisor_id, e.name, e.position FROM employees e
			WHERE e.active = ? AND e.unit_id IN (SELECT unit_id FROM snapshot_units WHERE period_id = ?)
			AND `+NotRestrictedSQL("e.id"), id, true, id)
		if err != nil {
			return fmt.Errorf("snapshot staff: %w", err)
		}
		var staff int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM snapshot_staff WHERE period_id = ?`, id).Scan(&staff); err != nil {
			return err
		}
		if staff == 0 {
			return budaya.Errorf(budaya.EINVALID, budaya.MsgParticipatingUnitsNoActive)
		}
		now := db.Now()
		if _, err := tx.exec(ctx, `UPDATE measurement_periods SET status = 'open', generation = 'pending', opened_at = ?, updated_at = ? WHERE id = ?`, now, now, id); err != nil {
			return err
		}
		opened := map[string]any{"status": "open", "staff": staff}
		if overlaps != nil {
			opened["overlaps_confirmed"] = overlaps
		}
		return tx.audit(ctx, actor, "open", "measurement_period", id, map[string]string{"status": status}, opened)
	})
	if err != nil {
		return nil, err
	}
	return db.FindPeriod(ctx, id)
}

// GenerateTasks builds the list of who must answer what for an open period
// from its snapshot: a survey for every member of staff; for the 360, self,
// atasan, bawahan and up to MaxPeers peers drawn from the same unit. It is
// idempotent (a rerun after a crash adds only what is missing) and reports
// progress through progress(done, total).
func (db *DB) GenerateTasks(ctx context.Context, periodID int64, progress func(done, total int)) error {
	p, err := db.FindPeriod(ctx, periodID)
	if err != nil {
		return err
	}
	if p.Status == budaya.PeriodDraft {
		return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodNotOpenYet)
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	if err := db.analyzePeriodTables(ctx, "snapshot_staff", "snapshot_units"); err != nil {
		return err
	}
	var staff, supervised int
	if err := db.queryRow(ctx, `SELECT COUNT(*), COUNT(sup.employee_id) FROM snapshot_staff s
		LEFT JOIN snapshot_staff sup ON sup.period_id = s.period_id AND sup.employee_id = s.supervisor_id
		WHERE s.period_id = ?`, periodID).Scan(&staff, &supervised); err != nil {
		return fmt.Errorf("count snapshot: %w", err)
	}
	total := 0
	if p.HasSurvey {
		total += staff
	}
	if p.Has360 {
		total += staff + 2*supervised + staff*p.MaxPeers
	}
	done := 0
	report := func(n int) error {
		done += n
		if done > total {
			total = done
		}
		progress(done, total)
		return db.inTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE measurement_periods SET generation = 'running', tasks_done = ?, tasks_total = ? WHERE id = ?`, done, total, periodID)
			return err
		})
	}
	if err := report(0); err != nil {
		return err
	}
	if db.dialect == SQLite {
		// A large period writes hundreds of thousands of index entries; the
		// default 2 MB page cache makes that disk-bound.
		if _, err := db.write.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return fmt.Errorf("cache size: %w", err)
		}
	}
	steps := []struct {
		on  bool
		sql string
	}{
		{p.HasSurvey, `SELECT s.period_id, 'survey', 'member', s.employee_id, NULL, s.unit_id, 'open' FROM snapshot_staff s WHERE s.period_id = ?`},
		{p.Has360, `SELECT s.period_id, '360', 'self', s.employee_id, s.employee_id, s.unit_id, 'open' FROM snapshot_staff s WHERE s.period_id = ?`},
		{p.Has360, `SELECT s.period_id, '360', 'atasan', sup.employee_id, s.employee_id, s.unit_id, 'open'
			FROM snapshot_staff s JOIN snapshot_staff sup ON sup.period_id = s.period_id AND sup.employee_id = s.supervisor_id
			WHERE s.period_id = ?`},
		{p.Has360, `SELECT s.period_id, '360', 'bawahan', s.employee_id, sup.employee_id, sup.unit_id, 'open'
			FROM snapshot_staff s JOIN snapshot_staff sup ON sup.period_id = s.period_id AND sup.employee_id = s.supervisor_id
			WHERE s.period_id = ?`},
	}
	// One statement and one transaction for the rows SQL can derive from the
	// snapshot: on SQLite every commit of a large write also checkpoints it.
	var parts []string
	for _, st := range steps {
		if st.on {
			parts = append(parts, st.sql)
		}
	}
	var n int64
	err = db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `INSERT INTO measurement_tasks (period_id, instrument, rater_group, rater_employee_id, ratee_employee_id, unit_id, status) `+
			strings.Join(parts, " UNION ALL ")+` ON CONFLICT DO NOTHING`, repeatArg(periodID, len(parts))...)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		if !p.Has360 || p.MaxPeers == 0 {
			return nil
		}
		res, err = tx.exec(ctx, peerTasksSQL, p.ID, p.ID, p.MaxPeers+3, p.ID, p.MaxPeers)
		if err != nil {
			return fmt.Errorf("peer tasks: %w", err)
		}
		m, err := res.RowsAffected()
		n += m
		return err
	})
	if err != nil {
		return db.failGeneration(ctx, periodID, fmt.Errorf("generate tasks: %w", err))
	}
	if err := report(int(n)); err != nil {
		return err
	}
	// The answering, the response rates and the dashboards read the new rows next.
	if err := db.analyzePeriodTables(ctx, "measurement_tasks"); err != nil {
		return err
	}
	var count int
	err = db.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM measurement_tasks WHERE period_id = ?`, periodID).Scan(&count); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE measurement_periods SET generation = 'done', tasks_done = ?, tasks_total = ? WHERE id = ?`, count, count, periodID)
		return err
	})
	if err != nil {
		return err
	}
	// Outside the transaction: progress may write (the job's row) through the one SQLite writer.
	progress(count, count)
	return nil
}

func (db *DB) failGeneration(ctx context.Context, periodID int64, cause error) error {
	_ = db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE measurement_periods SET generation = 'failed' WHERE id = ?`, periodID)
		return err
	})
	return cause
}

// peerTasksSQL draws the peers of every ratee from the same snapshot unit:
// the unit's members are put in an order shuffled by the period (a
// multiplicative hash), and each is rated by the next MaxPeers members round
// the circle, skipping their atasan and bawahan. So the load is even (nearly
// everyone rates MaxPeers peers) and a rerun draws the same peers.
const peerTasksSQL = `WITH RECURSIVE ranked AS (
		SELECT employee_id, unit_id, COALESCE(supervisor_id, 0) AS supervisor_id,
			ROW_NUMBER() OVER (PARTITION BY unit_id ORDER BY (employee_id * 7919 + ?) % 104729, employee_id) AS pos,
			COUNT(*) OVER (PARTITION BY unit_id) AS size
		FROM snapshot_staff WHERE period_id = ?
	), offsets(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM offsets WHERE k < ?),
	candidates AS (
		SELECT r.employee_id AS ratee, r.unit_id, p.employee_id AS peer, ROW_NUMBER() OVER (PARTITION BY r.employee_id ORDER BY o.k) AS n
		FROM ranked r JOIN offsets o ON o.k < r.size
		JOIN ranked p ON p.unit_id = r.unit_id AND p.pos = (r.pos - 1 + o.k) % r.size + 1
		WHERE p.employee_id <> r.supervisor_id AND p.supervisor_id <> r.employee_id
	)
	INSERT INTO measurement_tasks (period_id, instrument, rater_group, rater_employee_id, ratee_employee_id, unit_id, status)
	SELECT CAST(? AS BIGINT), '360', 'peer', peer, ratee, unit_id, 'open' FROM candidates WHERE n <= ?
	ON CONFLICT DO NOTHING`

// ClosePeriod stops accepting answers and, in the same transaction, releases
// the sealed anonymous answers in buckets of at least K (release.go).
func (db *DB) ClosePeriod(ctx context.Context, actor budaya.Actor, id int64) error {
	err := db.setPeriodStatus(ctx, actor, id, budaya.PeriodOpen, budaya.PeriodClosed, "close")
	if err == nil {
		db.vacuumBallots(ctx)
	}
	return err
}

// ReopenPeriod accepts answers again in a closed period; the audit log records who did it.
func (db *DB) ReopenPeriod(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.setPeriodStatus(ctx, actor, id, budaya.PeriodClosed, budaya.PeriodOpen, "reopen")
}

// ClosePeriodAndQueue closes period id (releasing its sealed answers, as
// ClosePeriod) and queues job (the recomputation of its figures) in the same
// transaction: a closed period always has its figures on the way, and a
// failed close queues nothing and releases nothing.
func (db *DB) ClosePeriodAndQueue(ctx context.Context, actor budaya.Actor, id int64, job NewJob) (int64, error) {
	var jobID int64
	err := db.inTx(ctx, func(tx *Tx) error {
		if err := tx.setPeriodStatus(ctx, actor, id, budaya.PeriodOpen, budaya.PeriodClosed, "close"); err != nil {
			return err
		}
		var err error
		jobID, err = tx.enqueueJob(ctx, actor, job)
		return err
	})
	if err == nil {
		db.vacuumBallots(ctx)
	}
	return jobID, err
}

// vacuumBallots asks PostgreSQL to reclaim the dead rows of the ballots just
// released, so that their (sealed) bytes do not wait for autovacuum. It is
// housekeeping after a committed close: a failure changes nothing that was
// promised and is not reported (autovacuum does the same later).
func (db *DB) vacuumBallots(ctx context.Context) {
	if db.dialect == Postgres {
		_, _ = db.write.ExecContext(ctx, `VACUUM measurement_ballots, measurement_sealed_drafts`)
	}
}

// bumpFiguresVersion records that what period id's figures may show has
// changed (a recomputation): every server's cached figures of it go stale,
// because their key holds the version (migration 0018).
func (tx *Tx) bumpFiguresVersion(ctx context.Context, id int64) error {
	if _, err := tx.exec(ctx, `UPDATE measurement_periods SET figures_version = figures_version + 1 WHERE id = ?`, id); err != nil {
		return fmt.Errorf("bump figures version of period %d: %w", id, err)
	}
	return nil
}

func (db *DB) setPeriodStatus(ctx context.Context, actor budaya.Actor, id int64, from, to, action string) error {
	return db.inTx(ctx, func(tx *Tx) error { return tx.setPeriodStatus(ctx, actor, id, from, to, action) })
}

func (tx *Tx) setPeriodStatus(ctx context.Context, actor budaya.Actor, id int64, from, to, action string) error {
	var status string
	err := tx.queryRow(ctx, `SELECT status FROM measurement_periods WHERE id = ?`, id).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return errPeriodNotFound()
	}
	if err != nil {
		return err
	}
	if status != from {
		return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodActionOnlyPeriod, status, from)
	}
	now := tx.db.Now()
	closed := any(nil)
	if to == budaya.PeriodClosed {
		closed = now
	}
	// figures_version: what the period's figures may show changes with every
	// close and reopen; the servers' figure caches are keyed on it (web/figcache.go).
	if _, err := tx.exec(ctx, `UPDATE measurement_periods SET status = ?, closed_at = ?, updated_at = ?, figures_version = figures_version + 1 WHERE id = ?`, to, closed, now, id); err != nil {
		return err
	}
	if err := tx.audit(ctx, actor, action, "measurement_period", id, map[string]string{"status": from}, map[string]string{"status": to}); err != nil {
		return err
	}
	if to == budaya.PeriodClosed {
		// Drafts of a closed period can never be sent: drop them with the close.
		if _, err := tx.exec(ctx, `DELETE FROM measurement_sealed_drafts WHERE task_id IN (SELECT id FROM measurement_tasks WHERE period_id = ?)`, id); err != nil {
			return fmt.Errorf("drop drafts: %w", err)
		}
		if err := tx.release(ctx, actor, id); err != nil {
			return err
		}
	}
	return nil
}

// periodFramework returns the framework version of a period, cached: a
// published version never changes.
func (db *DB) periodFramework(ctx context.Context, frameworkID int64) (*budaya.Framework, error) {
	if f, ok := db.frozen.Load(frameworkID); ok {
		return f.(*budaya.Framework), nil
	}
	f, err := db.FindFramework(ctx, frameworkID)
	if err != nil {
		return nil, err
	}
	if f.Frozen() {
		db.frozen.Store(frameworkID, f)
	}
	return f, nil
}

// PeriodFramework returns the framework version period p runs with.
func (db *DB) PeriodFramework(ctx context.Context, p *budaya.Period) (*budaya.Framework, error) {
	return db.periodFramework(ctx, p.FrameworkID)
}

const taskSelect = `SELECT t.id, t.period_id, p.name, p.status, p.ends_at, t.instrument, t.rater_group, t.rater_employee_id,
	COALESCE(t.ratee_employee_id, 0), COALESCE(r.name, ''), t.unit_id, COALESCE(u.name, ''), t.status, t.completed_at,
	COALESCE((SELECT d.answered FROM measurement_sealed_drafts d WHERE d.task_id = t.id), 0)
	FROM measurement_tasks t JOIN measurement_periods p ON p.id = t.period_id
	LEFT JOIN snapshot_staff r ON r.period_id = t.period_id AND r.employee_id = t.ratee_employee_id
	LEFT JOIN snapshot_units u ON u.period_id = t.period_id AND u.unit_id = t.unit_id`

func scanTask(row interface{ Scan(...any) error }) (*budaya.Task, error) {
	var t budaya.Task
	var completed sql.NullTime
	if err := row.Scan(&t.ID, &t.PeriodID, &t.PeriodName, &t.PeriodStatus, &t.EndsAt, &t.Instrument, &t.RaterGroup, &t.RaterEmployeeID,
		&t.RateeEmployeeID, &t.RateeName, &t.UnitID, &t.UnitName, &t.Status, &completed, &t.Drafted); err != nil {
		return nil, err
	}
	t.EndsAt = t.EndsAt.UTC()
	if completed.Valid {
		t.CompletedAt = completed.Time.UTC()
	}
	return &t, nil
}

// ListTasks returns a page of tasks that match f and how many match: open ones
// first, then by period and id.
func (db *DB) ListTasks(ctx context.Context, f budaya.TaskFilter) ([]budaya.Task, int, error) {
	var where []string
	var args []any
	if f.RaterEmployeeID != 0 {
		where, args = append(where, "t.rater_employee_id = ?"), append(args, f.RaterEmployeeID)
	}
	if f.PeriodID != 0 {
		where, args = append(where, "t.period_id = ?"), append(args, f.PeriodID)
	}
	if f.Instrument != "" {
		where, args = append(where, "t.instrument = ?"), append(args, f.Instrument)
	}
	if f.OpenPeriodsOnly {
		where = append(where, "p.status = 'open'")
	}
	if f.OpenOnly {
		where = append(where, "t.status = 'open'")
	}
	cond := whereClause(where)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM measurement_tasks t JOIN measurement_periods p ON p.id = t.period_id`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count tasks: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, taskSelect+cond+` ORDER BY CASE WHEN t.status = 'open' THEN 0 ELSE 1 END, p.ends_at, t.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list tasks: %w", err)
	}
	out, err := scanAll(rows, scanTask)
	return out, total, err
}

// FindTask returns the task with id.
func (db *DB) FindTask(ctx context.Context, id int64) (*budaya.Task, error) {
	t, err := scanTask(db.queryRow(ctx, taskSelect+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errTaskNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("find task %d: %w", id, err)
	}
	return t, nil
}

func errTaskNotFound() error { return budaya.NotFound(budaya.MsgAssessmentTaskNotFound) }

func errNotYourTask() error {
	return budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgTaskBelongsSomeoneElse)
}

func errPeriodClosed(name string) error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgPeriodClosedAnswersNoLonger, name)
}

func errTaskCompleted(at time.Time) error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgTaskAlreadySubmittedUTC, at.Format("2006-01-02 15:04"))
}

// TaskForRater returns task id with its saved draft, if employeeID is its rater.
func (db *DB) TaskForRater(ctx context.Context, employeeID, id int64) (*budaya.Task, []budaya.Answer, error) {
	t, err := db.FindTask(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if employeeID == 0 || t.RaterEmployeeID != employeeID {
		return nil, nil, errNotYourTask()
	}
	var sealed string
	err = db.queryRow(ctx, `SELECT sealed FROM measurement_sealed_drafts WHERE task_id = ?`, id).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return t, []budaya.Answer{}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("load draft: %w", err)
	}
	var ss []sealedAnswer
	if err := db.unseal(ctx, db, sealed, draftAD(id), &ss); err != nil {
		return nil, nil, err
	}
	return t, fromSealed(ss), nil
}

// taskState is what a write to a task checks.
type taskState struct {
	rater, periodID, frameworkID int64
	instrument, group            string
	ratee, unit                  int64
	status, periodStatus, name   string
	key                          string
	completedAt                  time.Time
}

func (tx *Tx) lockTask(ctx context.Context, employeeID, id int64) (*taskState, error) {
	q := `SELECT t.rater_employee_id, t.period_id, p.framework_id, t.instrument, t.rater_group, COALESCE(t.ratee_employee_id, 0), t.unit_id,
		t.status, p.status, p.name, COALESCE(t.submission_key, ''), t.completed_at
		FROM measurement_tasks t JOIN measurement_periods p ON p.id = t.period_id WHERE t.id = ?`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE OF t`
	}
	var s taskState
	var completed sql.NullTime
	err := tx.queryRow(ctx, q, id).Scan(&s.rater, &s.periodID, &s.frameworkID, &s.instrument, &s.group, &s.ratee, &s.unit,
		&s.status, &s.periodStatus, &s.name, &s.key, &completed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errTaskNotFound()
	}
	if err != nil {
		return nil, fmt.Errorf("lock task %d: %w", id, err)
	}
	s.completedAt = completed.Time.UTC()
	if !budaya.MayAnswerTask(budaya.EmployeeReader(employeeID), s.rater) {
		return nil, errNotYourTask()
	}
	return &s, nil
}

// SaveDraft stores answers in progress for task id of employeeID, so that the
// rater can resume after a lost connection. Answers of behaviours saved
// before are replaced.
func (db *DB) SaveDraft(ctx context.Context, employeeID, id int64, answers []budaya.Answer) error {
	return db.inTx(ctx, func(tx *Tx) error {
		s, err := tx.lockTask(ctx, employeeID, id)
		if err != nil {
			return err
		}
		if s.periodStatus != budaya.PeriodOpen {
			return errPeriodClosed(s.name)
		}
		if s.status == budaya.TaskCompleted {
			return errTaskCompleted(s.completedAt)
		}
		f, err := db.periodFramework(ctx, s.frameworkID)
		if err != nil {
			return err
		}
		if err := budaya.ValidateAnswersOf(f, s.group, answers, false); err != nil {
			return err
		}
		merged, err := tx.mergeDraft(ctx, id, answers)
		if err != nil {
			return err
		}
		return tx.storeDraft(ctx, id, merged)
	})
}

// SubmitResult says what a submission did.
type SubmitResult struct {
	Replayed bool // the same submission (same key) had already been stored
}

// MaxSubmissionKey is the longest idempotency key accepted.
const MaxSubmissionKey = 100

// SubmitTask submits the answers of task id by employeeID: the saved draft
// with answers laid over it must rate every behaviour. In one transaction the
// answers are stored (an anonymous group's as a sealed ballot, released only
// when the period closes; self and atasan at once, attributed), the draft is
// deleted and the task is marked completed. key is an idempotency key: a
// repeated submission with the same key succeeds without storing anything twice.
func (db *DB) SubmitTask(ctx context.Context, employeeID, id int64, key string, answers []budaya.Answer) (SubmitResult, error) {
	var res SubmitResult
	if len(key) > MaxSubmissionKey {
		return res, budaya.Invalid("idempotency_key", budaya.MsgSubmissionKeyMustBeMostCharacters, MaxSubmissionKey)
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		res, err = tx.submit(ctx, employeeID, id, key, answers)
		return err
	})
	return res, err
}

// submit is SubmitTask inside tx.
func (tx *Tx) submit(ctx context.Context, employeeID, id int64, key string, answers []budaya.Answer) (SubmitResult, error) {
	var res SubmitResult
	db := tx.db
	s, err := tx.lockTask(ctx, employeeID, id)
	if err != nil {
		return res, err
	}
	if s.status == budaya.TaskCompleted {
		if key != "" && key == s.key {
			return SubmitResult{Replayed: true}, nil
		}
		return res, errTaskCompleted(s.completedAt)
	}
	if s.periodStatus != budaya.PeriodOpen {
		return res, errPeriodClosed(s.name)
	}
	f, err := db.periodFramework(ctx, s.frameworkID)
	if err != nil {
		return res, err
	}
	if err := budaya.ValidateAnswersOf(f, s.group, answers, false); err != nil {
		return res, err
	}
	merged, err := tx.mergeDraft(ctx, id, answers)
	if err != nil {
		return res, err
	}
	if err := budaya.ValidateAnswersOf(f, s.group, merged, true); err != nil {
		return res, err
	}
	// A peer's "cannot rate" is not an answer: it is left out of the ballot
	// here, so it is in no figure and no n of that behaviour.
	merged = budaya.Rated(merged)
	if budaya.Attributed(s.group) {
		// self and atasan are attributed by design: their answers are stored
		// at once, with the rater.
		if err := tx.insertAttributed(ctx, f, s, merged); err != nil {
			return res, err
		}
	} else {
		// Anonymous groups: a sealed ballot, released only at close (release.go).
		if err := tx.insertBallot(ctx, s.periodID, s.instrument, s.group, s.unit, s.ratee, merged); err != nil {
			return res, err
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM measurement_sealed_drafts WHERE task_id = ?`, id); err != nil {
		return res, fmt.Errorf("delete draft: %w", err)
	}
	if _, err := tx.exec(ctx, `UPDATE measurement_tasks SET status = 'completed', completed_at = ?, submission_key = ? WHERE id = ?`,
		db.Now(), nullString(key), id); err != nil {
		return res, fmt.Errorf("complete task: %w", err)
	}
	return res, nil
}

// Submission is one task's answers, for SubmitMany.
type Submission struct {
	EmployeeID int64
	TaskID     int64
	Answers    []budaya.Answer
}

// SubmitMany submits many tasks in one transaction, each as SubmitTask does:
// for importing answers collected on paper and for the demo.
func (db *DB) SubmitMany(ctx context.Context, subs []Submission) error {
	return db.inTx(ctx, func(tx *Tx) error {
		for _, x := range subs {
			if _, err := tx.submit(ctx, x.EmployeeID, x.TaskID, "", x.Answers); err != nil {
				return fmt.Errorf("task %d: %w", x.TaskID, err)
			}
		}
		return nil
	})
}

// insertAttributed stores the answers of an attributed (self or atasan) task.
func (tx *Tx) insertAttributed(ctx context.Context, f *budaya.Framework, s *taskState, answers []budaya.Answer) error {
	responseID, err := newResponseID()
	if err != nil {
		return err
	}
	var ratee any
	if s.instrument == budaya.Instrument360 {
		ratee = s.ratee
	}
	row := "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	args := make([]any, 0, len(answers)*10)
	for _, a := range answers {
		args = append(args, responseID, a.BehaviourCode, s.periodID, s.instrument, s.unit, ratee, s.group, s.rater, a.Score, a.Comment)
	}
	if _, err := tx.exec(ctx, `INSERT INTO measurement_answers (response_id, behaviour_code, period_id, instrument, unit_id, ratee_employee_id,
		rater_group, rater_employee_id, score, comment) VALUES `+strings.Repeat(row+", ", len(answers)-1)+row, args...); err != nil {
		return fmt.Errorf("store answers: %w", err)
	}
	if s.instrument == budaya.Instrument360 && s.group == budaya.GroupAtasan {
		// In the unit's 360 figure: kept in one row for publishing (index_sums.go).
		return tx.insertAtasanResponse(ctx, f, s.periodID, s.unit, responseID, answers)
	}
	return nil
}

// mergeDraft lays answers over the saved draft of task id, in behaviour order.
func (tx *Tx) mergeDraft(ctx context.Context, id int64, answers []budaya.Answer) ([]budaya.Answer, error) {
	draft, err := tx.loadDraft(ctx, id)
	if err != nil {
		return nil, err
	}
	byCode := map[string]budaya.Answer{}
	for _, a := range draft {
		byCode[a.BehaviourCode] = a
	}
	for _, a := range answers {
		byCode[a.BehaviourCode] = a
	}
	out := make([]budaya.Answer, 0, len(byCode))
	for _, a := range byCode {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].BehaviourCode < out[j].BehaviourCode })
	return out, nil
}

// newResponseID returns a random id for one submission: 128 bits from the
// system's cryptographic source, so it says nothing about who or when.
func newResponseID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("response id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

func repeatArg(v any, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = v
	}
	return out
}
