package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Job statuses.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// Job is a unit of background work kept in the database, so that several
// budaya processes share the queue and each job runs once.
type Job struct {
	ID         int64
	Kind       string
	Payload    string // JSON
	Status     string
	Done       int
	Total      int
	Message    string
	Result     string // JSON or text the job left for its page
	Attempts   int
	CreatedBy  int64
	CreatedAt  time.Time
	StartedAt  time.Time
	FinishedAt time.Time
}

// Finished reports whether the job ended, well or not.
func (j *Job) Finished() bool { return j.Status == JobDone || j.Status == JobFailed }

// Percent is the progress in whole percent.
func (j *Job) Percent() int {
	if j.Status == JobDone {
		return 100
	}
	if j.Total <= 0 {
		return 0
	}
	return j.Done * 100 / j.Total
}

// EnqueueJob adds a job to the queue.
func (db *DB) EnqueueJob(ctx context.Context, actor budaya.Actor, kind, payload string) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.enqueueJob(ctx, actor, NewJob{Kind: kind, Payload: payload})
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue job %s: %w", kind, err)
	}
	return id, nil
}

// NewJob is a job to queue in the same transaction as the change that calls
// for it (see ClosePeriodAndQueue), so that the change and its follow-up work
// commit or fail together.
type NewJob struct {
	Kind    string
	Payload string // JSON
}

// enqueueJob queues j inside tx, with its audit entry.
func (tx *Tx) enqueueJob(ctx context.Context, actor budaya.Actor, j NewJob) (int64, error) {
	id, err := tx.insert(ctx, `INSERT INTO jobs (kind, payload, status, created_by, created_at) VALUES (?, ?, 'queued', ?, ?)`,
		j.Kind, j.Payload, nullID(actor.UserID), tx.db.Now())
	if err != nil {
		return 0, err
	}
	return id, tx.audit(ctx, actor, "enqueue", "job", id, nil, map[string]string{"kind": j.Kind})
}

// LatestJob returns the newest job of kind with exactly payload, or a
// not-found error when there is none.
func (db *DB) LatestJob(ctx context.Context, kind, payload string) (*Job, error) {
	j, err := scanJob(db.queryRow(ctx, `SELECT `+jobColumns+` FROM jobs WHERE kind = ? AND payload = ? ORDER BY id DESC LIMIT 1`, kind, payload))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgBackgroundJobNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("latest job %s: %w", kind, err)
	}
	return j, nil
}

const jobColumns = `id, kind, payload, status, done, total, message, result, attempts, COALESCE(created_by, 0), created_at, started_at, finished_at`

func scanJob(row interface{ Scan(...any) error }) (*Job, error) {
	var j Job
	var started, finished sql.NullTime
	if err := row.Scan(&j.ID, &j.Kind, &j.Payload, &j.Status, &j.Done, &j.Total, &j.Message, &j.Result, &j.Attempts, &j.CreatedBy,
		&j.CreatedAt, &started, &finished); err != nil {
		return nil, err
	}
	j.StartedAt, j.FinishedAt = started.Time, finished.Time
	return &j, nil
}

// FindJob returns job id.
func (db *DB) FindJob(ctx context.Context, id int64) (*Job, error) {
	j, err := scanJob(db.queryRow(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgBackgroundJobNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find job %d: %w", id, err)
	}
	return j, nil
}

// ClaimJob takes the oldest queued job of kinds (or one whose worker stopped
// renewing its lease) for worker, until lease ends. When there is nothing to
// do it returns ErrNoJob.
func (db *DB) ClaimJob(ctx context.Context, worker string, kinds []string, lease time.Duration) (*Job, error) {
	if len(kinds) == 0 {
		return nil, ErrNoJob
	}
	now := db.Now()
	kindList := ""
	args := []any{worker, now.Add(lease), now}
	for i, k := range kinds {
		if i > 0 {
			kindList += ", "
		}
		kindList += "?"
		args = append(args, k)
	}
	args = append(args, now, now)
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	// The outer WHERE repeats the claimable condition, so that when two
	// processes race for the same row, PostgreSQL's recheck lets one win.
	q := `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, started_at = COALESCE(started_at, ?), attempts = attempts + 1
		WHERE id = (SELECT id FROM jobs WHERE kind IN (` + kindList + `) AND (status = 'queued' OR (status = 'running' AND locked_until < ?))
			ORDER BY id LIMIT 1` + lock + `)
		AND (status = 'queued' OR (status = 'running' AND locked_until < ?))
		RETURNING ` + jobColumns
	var j *Job
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		j, err = scanJob(tx.queryRow(ctx, q, args...))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoJob
	}
	if err != nil {
		return nil, fmt.Errorf("claim job: %w", err)
	}
	return j, nil
}

// ErrNoJob says there is no job to claim.
var ErrNoJob = errors.New("no job to claim")

// ReportJob records progress and renews the lease of a running job.
func (db *DB) ReportJob(ctx context.Context, id int64, worker string, done, total int, lease time.Duration) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE jobs SET done = ?, total = ?, locked_until = ? WHERE id = ? AND locked_by = ? AND status = 'running'`,
			done, total, db.Now().Add(lease), id, worker)
		return err
	})
}

// FinishJob ends a job: failed when jobErr is not nil, with its message.
func (db *DB) FinishJob(ctx context.Context, id int64, worker, result string, jobErr error) error {
	status, msg := JobDone, ""
	if jobErr != nil {
		status = JobFailed
		msg = jobErr.Error()
		if e := budaya.AsError(jobErr); e != nil {
			msg = e.Message + " / " + e.MessageEN
		}
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE jobs SET status = ?, message = ?, result = ?, finished_at = ?, locked_until = NULL
			WHERE id = ? AND locked_by = ?`, status, msg, result, db.Now(), id, worker)
		if err != nil {
			return err
		}
		return tx.audit(ctx, budaya.SystemActor("job"), "finish", "job", id, nil, map[string]string{"status": status, "message": msg})
	})
}
