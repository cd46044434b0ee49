package web

import (
	"context"
	"encoding/json"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
	"github.com/budaya-id/budaya/internal/signals"
)

// jobSignals is the job kind that recomputes the signals.
const jobSignals = "signals.recompute"

// signalWindow is how far back the detectors look.
const signalWindow = 180 * 24 * time.Hour

// registerSignalJobs registers the recomputation job; it runs as the admin who asked for it.
func (s *Server) registerSignalJobs() {
	s.jobs.Register(jobSignals, func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		p(0, 1)
		name := ""
		if u, err := s.db.FindUser(ctx, j.CreatedBy); err == nil {
			name = u.Username
		}
		added, updated, removed, err := s.db.RecomputeSignals(ctx, budaya.Actor{UserID: j.CreatedBy, Name: name}, s.db.Now().Add(-signalWindow), signals.DefaultParams())
		if err != nil {
			return "", err
		}
		p(1, 1)
		b, _ := json.Marshal(map[string]int{"added": added, "updated": updated, "removed": removed})
		return string(b), nil
	})
}
