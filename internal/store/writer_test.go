package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestGroupCommit writes from many goroutines at once on SQLite: the writes
// that wait together share a commit, yet each succeeds or fails on its own.
func TestGroupCommit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "group.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE scratch (k INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	const n = 300
	errFail := errors.New("refused on purpose")
	release := make(chan struct{})
	var wg sync.WaitGroup
	errs := make([]error, n)
	panicked := make([]any, n)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panicked[i] = recover() }()
			c := ctx
			if i%50 == 25 {
				c = cancelled
			}
			errs[i] = db.inTx(c, func(tx *Tx) error {
				if i == 0 {
					<-release // hold the writer so that the others queue up
				}
				if _, err := tx.exec(c, `INSERT INTO scratch (k) VALUES (?)`, i); err != nil {
					return err
				}
				switch {
				case i%10 == 3:
					return fmt.Errorf("write %d: %w", i, errFail)
				case i%100 == 77:
					panic(fmt.Sprintf("write %d panics", i))
				case i%100 == 51:
					// A statement that fails leaves the transaction usable.
					_, err := tx.exec(c, `INSERT INTO scratch (k) VALUES (?)`, i)
					return err
				}
				return nil
			})
		}()
		if i == 0 {
			time.Sleep(20 * time.Millisecond)
		}
	}
	time.Sleep(200 * time.Millisecond)
	close(release)
	wg.Wait()

	want := 0
	for i := range n {
		var got int
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM scratch WHERE k = ?`, i).Scan(&got); err != nil {
			t.Fatal(err)
		}
		ok := true
		switch {
		case i%50 == 25:
			ok = false
			if !errors.Is(errs[i], context.Canceled) {
				t.Errorf("write %d with a cancelled context: got %v, want context.Canceled", i, errs[i])
			}
		case i%10 == 3:
			ok = false
			if !errors.Is(errs[i], errFail) {
				t.Errorf("write %d: got %v, want its own error", i, errs[i])
			}
		case i%100 == 77:
			ok = false
			if panicked[i] == nil {
				t.Errorf("write %d: the panic did not reach its goroutine", i)
			}
		case i%100 == 51:
			ok = false
			if errs[i] == nil {
				t.Errorf("write %d: got no error for a duplicate key", i)
			}
		default:
			if errs[i] != nil || panicked[i] != nil {
				t.Errorf("write %d: got %v (panic %v), want success", i, errs[i], panicked[i])
			}
		}
		if ok {
			want++
		}
		if wantRow := map[bool]int{true: 1, false: 0}[ok]; got != wantRow {
			t.Errorf("write %d: got %d rows, want %d", i, got, wantRow)
		}
	}
	commits := db.writer.commits.Load()
	if commits >= int64(want) {
		t.Errorf("commits: got %d for %d successful writes, want fewer (writes that wait together share one)", commits, want)
	}
	t.Logf("%d successful writes in %d commits", want, commits)
}

// TestCloseTwice: closing a database again is harmless (tests and shutdown
// paths may both close it).
func TestCloseTwice(t *testing.T) {
	t.Parallel()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "close.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	_ = db.Close() // must not panic
}
