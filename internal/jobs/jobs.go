// Package jobs runs background work (generating a period's tasks, recomputing
// figures, long imports) from a queue in the database. Several budaya
// processes may run a Runner on the same database: each job runs once, and a
// job whose process died is taken over when its lease runs out.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Job is a queued or running job.
type Job = store.Job

// Progress reports how far a job is: done of total steps.
type Progress func(done, total int)

// Func does the work of one job kind. Its payload is j.Payload (JSON). It
// may return a result for the job's page by setting *result.
type Func func(ctx context.Context, j *Job, p Progress) (result string, err error)

// Runner claims and runs jobs.
type Runner struct {
	db     *store.DB
	log    *slog.Logger
	worker string
	lease  time.Duration
	poll   time.Duration

	mu    sync.Mutex
	funcs map[string]Func
	wake  chan struct{}
}

// New returns a Runner for db. Register job kinds before Run.
func New(db *store.DB, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	host, _ := os.Hostname()
	return &Runner{
		db:     db,
		log:    log,
		worker: fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b)),
		lease:  time.Minute,
		poll:   2 * time.Second,
		funcs:  map[string]Func{},
		wake:   make(chan struct{}, 1),
	}
}

// Register makes kind runnable by fn.
func (r *Runner) Register(kind string, fn Func) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.funcs[kind]; dup {
		panic("jobs: kind registered twice: " + kind)
	}
	r.funcs[kind] = fn
}

func (r *Runner) kinds() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]string, 0, len(r.funcs))
	for k := range r.funcs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Enqueue adds a job of kind with payload (marshalled to JSON) and wakes the runner.
func (r *Runner) Enqueue(ctx context.Context, actor budaya.Actor, kind string, payload any) (int64, error) {
	job, err := r.newJob(kind, payload)
	if err != nil {
		return 0, err
	}
	id, err := r.db.EnqueueJob(ctx, actor, job.Kind, job.Payload)
	if err != nil {
		return 0, err
	}
	r.wakeUp()
	return id, nil
}

// EnqueueWith queues a job of kind with payload inside a write of the caller:
// write gets the job and must insert it in the same transaction as its own
// change (store methods that take a store.NewJob do), and returns the job's
// id. The runner is woken when write succeeds.
func (r *Runner) EnqueueWith(kind string, payload any, write func(store.NewJob) (int64, error)) (int64, error) {
	job, err := r.newJob(kind, payload)
	if err != nil {
		return 0, err
	}
	id, err := write(job)
	if err != nil {
		return 0, err
	}
	r.wakeUp()
	return id, nil
}

// newJob checks that kind is registered and encodes payload.
func (r *Runner) newJob(kind string, payload any) (store.NewJob, error) {
	r.mu.Lock()
	_, ok := r.funcs[kind]
	r.mu.Unlock()
	if !ok {
		return store.NewJob{}, fmt.Errorf("jobs: unknown kind %q", kind)
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return store.NewJob{}, fmt.Errorf("jobs: payload of %s: %w", kind, err)
	}
	return store.NewJob{Kind: kind, Payload: string(b)}, nil
}

func (r *Runner) wakeUp() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run claims and runs jobs until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	for {
		ran, err := r.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			r.log.Error("job runner", slog.Any("err", err))
		}
		if ran {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-time.After(r.poll):
		}
	}
}

// RunOnce claims one job and runs it; it reports whether there was one.
func (r *Runner) RunOnce(ctx context.Context) (bool, error) {
	j, err := r.db.ClaimJob(ctx, r.worker, r.kinds(), r.lease)
	if errors.Is(err, store.ErrNoJob) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	r.mu.Lock()
	fn := r.funcs[j.Kind]
	r.mu.Unlock()
	start := time.Now()
	r.log.Info("job started", slog.Int64("job", j.ID), slog.String("kind", j.Kind))

	// Progress is written at most four times a second; each write renews the lease.
	var last time.Time
	progress := func(done, total int) {
		if time.Since(last) < 250*time.Millisecond && done < total {
			return
		}
		last = time.Now()
		if err := r.db.ReportJob(ctx, j.ID, r.worker, done, total, r.lease); err != nil {
			r.log.Warn("job progress", slog.Int64("job", j.ID), slog.Any("err", err))
		}
	}
	result, jobErr := r.safeRun(ctx, fn, j, progress)
	if err := r.db.FinishJob(context.WithoutCancel(ctx), j.ID, r.worker, result, jobErr); err != nil {
		return true, err
	}
	level := slog.LevelInfo
	if jobErr != nil {
		level = slog.LevelError
	}
	r.log.Log(ctx, level, "job finished", slog.Int64("job", j.ID), slog.String("kind", j.Kind), slog.Duration("took", time.Since(start)), slog.Any("err", jobErr))
	return true, nil
}

func (r *Runner) safeRun(ctx context.Context, fn Func, j *Job, p Progress) (result string, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("job panicked: %v", v)
		}
	}()
	return fn(ctx, j, p)
}
