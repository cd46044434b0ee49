package web

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
	"github.com/budaya-id/budaya/internal/store"
)

// jobIndexRefresh recomputes the stored sums of a period's index.
const jobIndexRefresh = "index.refresh"

type indexRefreshPayload struct {
	PeriodID int64 `json:"period_id"`
}

// registerIndexJobs registers the index's background jobs.
func (s *Server) registerIndexJobs() {
	s.jobs.Register(jobIndexRefresh, func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		var in indexRefreshPayload
		if err := json.Unmarshal([]byte(j.Payload), &in); err != nil {
			return "", fmt.Errorf("index refresh payload: %w", err)
		}
		p(0, 1)
		ref, err := s.db.RefreshIndex(ctx, budaya.SystemActor(fmt.Sprintf("job %d", j.ID)), in.PeriodID)
		if err != nil {
			return "", err
		}
		p(1, 1)
		return fmt.Sprintf("%d responden dihitung / %d respondents computed", ref.Responses, ref.Responses), nil
	})
}

// closePeriod closes period id and queues the recomputation of its index in
// the same transaction, so that figures are materialised at close without
// anyone pressing a button. It returns the job's id.
func (s *Server) closePeriod(ctx context.Context, actor budaya.Actor, id int64) (int64, error) {
	return s.jobs.EnqueueWith(jobIndexRefresh, indexRefreshPayload{PeriodID: id}, func(j store.NewJob) (int64, error) {
		return s.db.ClosePeriodAndQueue(ctx, actor, id, j)
	})
}

// indexJobOf returns the newest index refresh job of period id, nil when
// there was none.
func (s *Server) indexJobOf(ctx context.Context, id int64) (*store.Job, error) {
	payload, err := json.Marshal(indexRefreshPayload{PeriodID: id})
	if err != nil {
		return nil, err
	}
	j, err := s.db.LatestJob(ctx, jobIndexRefresh, string(payload))
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		return nil, nil
	}
	return j, err
}
