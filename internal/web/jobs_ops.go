package web

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
)

// JobSelfTest is a job kind that only records which process ran it. Operators
// enqueue a batch to check that every process of a scaled-out deployment
// takes jobs and that each runs once (the scale-out test does exactly that).
const JobSelfTest = "ops.selftest"

func (s *Server) registerOpsJobs() {
	s.jobs.Register(JobSelfTest, func(ctx context.Context, j *jobs.Job, p jobs.Progress) (string, error) {
		// An optional pause ({"sleep_ms": 200}, at most 5 s) lets a batch spread over the processes.
		var in struct {
			SleepMS int `json:"sleep_ms"`
		}
		_ = json.Unmarshal([]byte(j.Payload), &in)
		select {
		case <-time.After(time.Duration(min(max(in.SleepMS, 0), 5000)) * time.Millisecond):
		case <-ctx.Done():
			return "", ctx.Err()
		}
		pid := strconv.Itoa(os.Getpid())
		host, _ := os.Hostname()
		if err := s.db.Audit(ctx, budaya.SystemActor("job"), "selftest_run", "job", j.ID, map[string]string{"pid": pid, "host": host}); err != nil {
			return "", err
		}
		p(1, 1)
		return pid, nil
	})
}
