package web

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
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
