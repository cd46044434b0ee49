package web

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/budaya-id/budaya/internal/jobs"
)

// jobGenerateTasks builds the task list of a period that has just opened.
const jobGenerateTasks = "measure.generate_tasks"

type generatePayload struct {
	PeriodID int64 `json:"period_id"`
}

func (s *Server) registerMeasureJobs() {
	s.jobs.Register(jobGenerateTasks, func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		var pl generatePayload
		if err := json.Unmarshal([]byte(j.Payload), &pl); err != nil {
			return "", fmt.Errorf("payload: %w", err)
		}
		if err := s.db.GenerateTasks(ctx, pl.PeriodID, p); err != nil {
			return "", err
		}
		// One invitation per rater, queued once even when the job is run again.
		if _, err := s.mailRounds.Invite(ctx, pl.PeriodID); err != nil {
			return "", err
		}
		return fmt.Sprintf(`{"period_id":%d}`, pl.PeriodID), nil
	})
}
