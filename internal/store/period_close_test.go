package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// TestClosePeriodAndQueue checks that the close and its job commit together:
// a refused close queues nothing, and every close (also after a reopen)
// queues one job.
func TestClosePeriodAndQueue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	actor := budaya.SystemActor("test")
	org := storetest.MakeIndexOrg(t, db, []storetest.IndexUnit{{Code: "R", Level: budaya.LevelEselon1, Parent: -1, Staff: 5}})
	id := storetest.AnswerIndexPeriod(t, db, org, "Survei", 5, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), func(u, p, b int) int { return 1 + (p+b)%5 })
	job := store.NewJob{Kind: "index.refresh", Payload: `{"period_id":1}`}

	first, err := db.ClosePeriodAndQueue(ctx, actor, id, job)
	if err != nil || first == 0 {
		t.Fatalf("close: got job %d, %v; want a job", first, err)
	}
	j, err := db.FindJob(ctx, first)
	if err != nil || j.Kind != job.Kind || j.Payload != job.Payload || j.Status != store.JobQueued {
		t.Fatalf("queued job: got %+v, %v; want %s %s queued", j, err, job.Kind, job.Payload)
	}
	p, err := db.FindPeriod(ctx, id)
	if err != nil || p.Status != budaya.PeriodClosed {
		t.Fatalf("period after close: got %v, %v; want closed", p, err)
	}

	// Closing a closed period is refused, and queues nothing.
	if _, err := db.ClosePeriodAndQueue(ctx, actor, id, job); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("second close: got %v, want a conflict", err)
	}
	if l, err := db.LatestJob(ctx, job.Kind, job.Payload); err != nil || l.ID != first {
		t.Errorf("latest job after a refused close: got %+v, %v; want job %d", l, err, first)
	}

	// Reopened and closed again: a new job.
	if err := db.ReopenPeriod(ctx, actor, id); err != nil {
		t.Fatal(err)
	}
	second, err := db.ClosePeriodAndQueue(ctx, actor, id, job)
	if err != nil || second <= first {
		t.Fatalf("close after reopen: got job %d, %v; want a job after %d", second, err, first)
	}
	if l, err := db.LatestJob(ctx, job.Kind, job.Payload); err != nil || l.ID != second {
		t.Errorf("latest job: got %+v, %v; want job %d", l, err, second)
	}
	if _, err := db.LatestJob(ctx, job.Kind, `{"period_id":999}`); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("latest job of another period: got %v, want not found", err)
	}
}
