package jobs_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestJobsRunOnceAcrossRunners(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	var runs sync.Map
	var count atomic.Int64
	work := func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		if _, dup := runs.LoadOrStore(j.ID, true); dup {
			t.Errorf("job %d ran twice", j.ID)
		}
		count.Add(1)
		for i := 1; i <= 3; i++ {
			p(i, 3)
		}
		return `{"ok":true}`, nil
	}
	// Two runners on one database stand for two budaya processes.
	a, b := jobs.New(db, nil), jobs.New(db, nil)
	a.Register("hitung", work)
	b.Register("hitung", work)
	const n = 20
	for i := 0; i < n; i++ {
		if _, err := a.Enqueue(ctx, budaya.SystemActor("t"), "hitung", map[string]int{"i": i}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for _, r := range []*jobs.Runner{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ran, err := r.RunOnce(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				if !ran {
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := count.Load(); got != n {
		t.Errorf("jobs run: got %d, want %d", got, n)
	}
	j, err := db.FindJob(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if j.Status != store.JobDone || j.Percent() != 100 || j.Result != `{"ok":true}` {
		t.Errorf("job 1: got %s %d%% %q", j.Status, j.Percent(), j.Result)
	}
}

func TestJobFailureAndPanic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	r := jobs.New(db, nil)
	r.Register("gagal", func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		return "", budaya.Invalid("x", budaya.MsgPeriodDataIncomplete)
	})
	r.Register("panik", func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		panic("boom")
	})
	id1, _ := r.Enqueue(ctx, budaya.SystemActor("t"), "gagal", nil)
	id2, _ := r.Enqueue(ctx, budaya.SystemActor("t"), "panik", nil)
	for i := 0; i < 2; i++ {
		if _, err := r.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for id, want := range map[int64]string{id1: "Data periode tidak lengkap.", id2: "job panicked: boom"} {
		j, _ := db.FindJob(ctx, id)
		if j.Status != store.JobFailed || len(j.Message) < len(want) || j.Message[:len(want)] != want {
			t.Errorf("job %d: got %s %q, want failed %q", id, j.Status, j.Message, want)
		}
	}
	if _, err := r.Enqueue(ctx, budaya.SystemActor("t"), "tidak-ada", nil); err == nil {
		t.Error("unknown kind: got nil error")
	}
}

func TestExpiredLeaseIsTakenOver(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	db := storetest.OpenWith(t, store.Options{Now: clock})
	if _, err := db.EnqueueJob(ctx, budaya.SystemActor("t"), "x", "{}"); err != nil {
		t.Fatal(err)
	}
	// A process claims the job and dies without finishing it.
	if _, err := db.ClaimJob(ctx, "dead", []string{"x"}, time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ClaimJob(ctx, "other", []string{"x"}, time.Minute); !errors.Is(err, store.ErrNoJob) {
		t.Fatalf("claim during the lease: got %v, want ErrNoJob", err)
	}
	mu.Lock()
	now = now.Add(2 * time.Minute)
	mu.Unlock()
	j, err := db.ClaimJob(ctx, "other", []string{"x"}, time.Minute)
	if err != nil || j.Attempts != 2 {
		t.Fatalf("claim after the lease: got %+v, %v; want attempt 2", j, err)
	}
}

func TestEnqueueWithLeavesTheWriteToTheCaller(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	r := jobs.New(db, nil)
	var ran atomic.Int64
	r.Register("hitung", func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		ran.Add(1)
		return "", nil
	})
	if _, err := r.EnqueueWith("tidak-ada", nil, func(store.NewJob) (int64, error) {
		t.Error("write called for an unknown kind")
		return 0, nil
	}); err == nil {
		t.Error("unknown kind: got no error")
	}
	failed := errors.New("perubahan gagal")
	if _, err := r.EnqueueWith("hitung", map[string]int{"period_id": 7}, func(j store.NewJob) (int64, error) {
		if j.Kind != "hitung" || j.Payload != `{"period_id":7}` {
			t.Errorf("job given to write: got %+v", j)
		}
		return 0, failed
	}); !errors.Is(err, failed) {
		t.Errorf("failed write: got %v, want %v", err, failed)
	}
	id, err := r.EnqueueWith("hitung", nil, func(j store.NewJob) (int64, error) {
		return db.EnqueueJob(ctx, budaya.SystemActor("t"), j.Kind, j.Payload)
	})
	if err != nil || id == 0 {
		t.Fatalf("enqueue: got %d, %v", id, err)
	}
	for {
		ok, err := r.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
	}
	if got := ran.Load(); got != 1 {
		t.Errorf("jobs run: got %d, want 1 (the failed write queued nothing)", got)
	}
}
