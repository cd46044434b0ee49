package store

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// maxGroup bounds how many write transactions one commit carries, so that a
// group stays short.
const maxGroup = 64

// writer runs the write transactions of a SQLite database on its single
// write connection, in the order they arrive, and commits the transactions
// that wait at the same time together: group commit.
//
// Each commit in WAL mode with synchronous=FULL waits for an fsync of the
// log, and only one writer may commit at a time; one fsync per transaction
// bounds all writes of the server to the disk's fsync rate (measured at
// 20-40 ms per fsync on a busy virtual disk: 25-50 writes/s for every user
// together). Waiting writers queued behind it, and database/sql handed the
// one connection to a random waiter, so some waited tens of seconds.
//
// Here each waiting transaction runs inside a SAVEPOINT of one shared
// transaction: its failure rolls back to its savepoint and touches no
// other, its success is visible to the transactions after it (as if they ran
// one after the other), and one COMMIT with one fsync makes the whole group
// durable. Nobody is answered before that commit, so an acknowledged write is
// on disk and a failed one left nothing behind, exactly as with a
// transaction of its own.
type writer struct {
	db    *DB
	queue chan *writeRequest // unbuffered: senders wait in arrival order
	quit  chan struct{}
	done  chan struct{}
	once  sync.Once // stop may be called more than once (Close is)
	// commits counts the commits made, for tests.
	commits atomic.Int64
}

type writeRequest struct {
	ctx    context.Context
	fn     func(*Tx) error
	result chan error
}

// writePanic carries a panic of fn back to the goroutine that asked.
type writePanic struct {
	value any
	stack []byte
}

func startWriter(db *DB) *writer {
	w := &writer{db: db, queue: make(chan *writeRequest), quit: make(chan struct{}), done: make(chan struct{})}
	go w.loop()
	return w
}

func (w *writer) stop() {
	w.once.Do(func() { close(w.quit) })
	<-w.done
}

var errClosed = errors.New("database is closed")

// do runs fn in a write transaction and returns once it is committed or has failed.
func (w *writer) do(ctx context.Context, fn func(*Tx) error) error {
	req := &writeRequest{ctx: ctx, fn: fn, result: make(chan error, 1)}
	select {
	case w.queue <- req:
	case <-ctx.Done():
		return ctx.Err()
	case <-w.quit:
		return errClosed
	}
	// Once taken, fn may be running: wait for its outcome even if ctx ends.
	err := <-req.result
	var p *writePanic
	if errors.As(err, &p) {
		panic(fmt.Sprintf("%v\n\nin write transaction:\n%s", p.value, p.stack))
	}
	return err
}

func (p *writePanic) Error() string { return fmt.Sprint("panic: ", p.value) }

func (w *writer) loop() {
	defer close(w.done)
	group := make([]*writeRequest, 0, maxGroup)
	for {
		select {
		case req := <-w.queue:
			group = append(group[:0], req)
		case <-w.quit:
			return
		}
	more:
		for len(group) < maxGroup {
			select {
			case req := <-w.queue:
				group = append(group, req)
			default:
				break more
			}
		}
		if len(group) == 1 {
			req := group[0]
			req.result <- w.alone(req)
			continue
		}
		for i, err := range w.together(group) {
			group[i].result <- err
		}
	}
}

// alone runs one transaction by itself, as a plain transaction with the
// request's context.
func (w *writer) alone(req *writeRequest) error {
	if err := req.ctx.Err(); err != nil {
		return err
	}
	err := w.db.runTx(req.ctx, func(tx *Tx) error { return call(req.fn, tx) })
	if err == nil {
		w.commits.Add(1)
	}
	return err
}

// together runs the group in one transaction, each in a savepoint, and
// commits once. It returns the outcome of each.
func (w *writer) together(group []*writeRequest) []error {
	out := make([]error, len(group))
	sqlTx, err := w.db.write.BeginTx(context.Background(), nil)
	if err != nil {
		for i := range out {
			out[i] = fmt.Errorf("begin: %w", normalize(err))
		}
		return out
	}
	tx := &Tx{tx: sqlTx, db: w.db, grouped: true}
	var broken error // the shared transaction can no longer commit
	for i, req := range group {
		if err := req.ctx.Err(); err != nil {
			out[i] = err
			continue
		}
		if _, err := sqlTx.Exec(`SAVEPOINT grouped`); err != nil {
			broken = err
			break
		}
		if err := call(req.fn, tx); err != nil {
			out[i] = normalize(err)
			if _, err := sqlTx.Exec(`ROLLBACK TO grouped`); err != nil {
				broken = err
				break
			}
		}
		if _, err := sqlTx.Exec(`RELEASE grouped`); err != nil {
			broken = err
			break
		}
	}
	if broken == nil {
		if err := sqlTx.Commit(); err != nil {
			broken = err
		} else {
			w.commits.Add(1)
		}
	} else {
		_ = sqlTx.Rollback()
	}
	if broken != nil {
		// Nothing of the group is stored: whoever had succeeded (or had not
		// run yet) is told so; who had failed keeps their own error.
		for i := range out {
			if out[i] == nil {
				out[i] = fmt.Errorf("commit: %w", normalize(broken))
			}
		}
	}
	return out
}

// call runs fn and turns a panic into an error that do re-raises in the
// goroutine that asked, so that the writer survives it.
func call(fn func(*Tx) error, tx *Tx) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &writePanic{value: v, stack: debug.Stack()}
		}
	}()
	return fn(tx)
}
