package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/jobs"
	"github.com/budaya-id/budaya/internal/store"
)

// RunJobs runs background jobs until ctx ends; serve calls it once per process.
func (s *Server) RunJobs(ctx context.Context) { s.jobs.Run(ctx) }

// registerJobs registers the job kinds of every capability. Each capability
// adds one line calling its own register function (jobs_<feature>.go).
func (s *Server) registerJobs() {
	s.registerSignalJobs()
	s.registerOpsJobs()
	s.registerIndexJobs()
	s.registerMeasureJobs()
}

// findJobFor returns job id if the user may see it: its creator or an admin.
func (s *Server) findJobFor(r *http.Request, id int64) (*store.Job, error) {
	j, err := s.db.FindJob(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !budaya.MaySeeJob(readerFrom(r.Context()), j.CreatedBy) {
		return nil, budaya.NotFound(budaya.MsgBackgroundJobNotFound)
	}
	return j, nil
}

type jobPage struct {
	page
	Job *store.Job
}

// KindName is the job's kind in words, in the page's language; a kind
// without a translation (a test's own job) shows as it is.
func (p jobPage) KindName() string {
	if _, ok := messages["job.kind."+p.Job.Kind]; ok {
		return p.T("job.kind." + p.Job.Kind)
	}
	return p.Job.Kind
}

// PeriodID is the measurement period the job works for (generating its tasks,
// recomputing its index), or 0.
func (p jobPage) PeriodID() int64 {
	var pl struct {
		PeriodID int64 `json:"period_id"`
	}
	if p.Job.Payload == "" || json.Unmarshal([]byte(p.Job.Payload), &pl) != nil {
		return 0
	}
	return pl.PeriodID
}

// Elapsed is how long the job has run, or ran.
func (p jobPage) Elapsed() string {
	if p.Job.StartedAt.IsZero() {
		return "–"
	}
	end := p.Job.FinishedAt
	if end.IsZero() {
		end = time.Now()
	}
	return end.Sub(p.Job.StartedAt).Round(100 * time.Millisecond).String()
}

func (s *Server) handleJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	j, err := s.findJobFor(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := jobPage{page: s.newPage(r, "job.title"), Job: j}
	if r.Header.Get("HX-Request") != "" {
		s.renderBlock(w, r, http.StatusOK, "job", "job-status", p)
		return
	}
	s.render(w, r, http.StatusOK, "job", p)
}

type apiJob struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind"`
	Status     string     `json:"status"`
	Done       int        `json:"done"`
	Total      int        `json:"total"`
	Percent    int        `json:"percent"`
	Message    string     `json:"message"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at"`
}

func (s *Server) handleAPIJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	j, err := s.findJobFor(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiJob{ID: j.ID, Kind: j.Kind, Status: j.Status, Done: j.Done, Total: j.Total, Percent: j.Percent(), Message: j.Message, CreatedAt: j.CreatedAt}
	if !j.FinishedAt.IsZero() {
		t := j.FinishedAt
		out.FinishedAt = &t
	}
	writeJSON(w, http.StatusOK, out)
}

// Jobs returns the job runner, for registering kinds and for tests.
func (s *Server) Jobs() *jobs.Runner { return s.jobs }
