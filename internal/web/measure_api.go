package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// The measurement API: the same anonymity rules as the pages. No answer row
// id, no rater of an anonymous group, no figure of a suppressed group.

type apiPeriod struct {
	ID          int64      `json:"id"`
	Name        string     `json:"name"`
	StartsAt    time.Time  `json:"starts_at"`
	EndsAt      time.Time  `json:"ends_at"`
	FrameworkID int64      `json:"framework_id"`
	Instruments []string   `json:"instruments"`
	MinGroup    int        `json:"min_group"`
	MaxPeers    int        `json:"max_peers"`
	Status      string     `json:"status"`
	Generation  string     `json:"generation"`
	TasksDone   int        `json:"tasks_done"`
	TasksTotal  int        `json:"tasks_total"`
	OpenedAt    *time.Time `json:"opened_at"`
	ClosedAt    *time.Time `json:"closed_at"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func toAPIPeriod(p budaya.Period) apiPeriod {
	return apiPeriod{ID: p.ID, Name: p.Name, StartsAt: p.StartsAt, EndsAt: p.EndsAt, FrameworkID: p.FrameworkID, Instruments: append([]string{}, p.Instruments()...),
		MinGroup: p.MinGroup, MaxPeers: p.MaxPeers, Status: p.Status, Generation: p.Generation, TasksDone: p.TasksDone, TasksTotal: p.TasksTotal,
		OpenedAt: timePtr(p.OpenedAt), ClosedAt: timePtr(p.ClosedAt)}
}

func (s *Server) handleAPIPeriods(w http.ResponseWriter, r *http.Request) {
	ps, err := s.db.ListPeriods(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiPeriod]{Items: []apiPeriod{}, Total: len(ps)}
	for _, p := range ps {
		out.Items = append(out.Items, toAPIPeriod(p))
	}
	writeJSON(w, http.StatusOK, out)
}

type apiResponseRate struct {
	UnitID     int64   `json:"unit_id"`
	UnitName   string  `json:"unit_name"`
	Depth      int     `json:"depth"`
	Total      int     `json:"total"`
	Completed  int     `json:"completed"`
	Percent    float64 `json:"percent"`
	Suppressed bool    `json:"suppressed"`
}

func (s *Server) handleAPIResponseRates(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	per, err := s.db.FindPeriod(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rd := readerFrom(r.Context())
	if !rd.SeesAll() && len(rd.Led) == 0 {
		s.renderError(w, r, errNoUnitsLed)
		return
	}
	instrument := r.URL.Query().Get("instrument")
	if instrument == "" {
		instrument = budaya.InstrumentSurvey
	}
	if instrument != budaya.InstrumentSurvey && instrument != budaya.Instrument360 {
		s.renderError(w, r, budaya.Invalid("instrument", budaya.MsgInstrumentMustBeSurvey))
		return
	}
	rates, _, err := s.ratesFor(r.Context(), rd, per, instrument)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if rates, err = rateRows(r, rates); err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiResponseRate]{Items: []apiResponseRate{}, Total: len(rates)}
	if r.URL.Query().Get("page") != "" {
		rates = ratesPage(r, rates)
	}
	for _, x := range rates {
		out.Items = append(out.Items, apiResponseRate{UnitID: x.UnitID, UnitName: x.UnitName, Depth: x.Depth, Total: x.Total, Completed: x.Completed, Percent: x.Percent(), Suppressed: x.Suppressed})
	}
	writeJSON(w, http.StatusOK, out)
}

// rateRows keeps the rows of the tree levels 1 to ?level= (all without it).
func rateRows(r *http.Request, rates []budaya.ResponseRate) ([]budaya.ResponseRate, error) {
	v := r.URL.Query().Get("level")
	if v == "" {
		return rates, nil
	}
	deepest := 1
	for _, x := range rates {
		deepest = max(deepest, x.Depth+1)
	}
	level, err := strconv.Atoi(v)
	if err != nil || level < 1 || level > deepest {
		return nil, budaya.Invalid("level", budaya.MsgLevelMustBe, deepest)
	}
	return ratesUpTo(rates, level), nil
}

type apiTask struct {
	ID              int64      `json:"id"`
	PeriodID        int64      `json:"period_id"`
	PeriodName      string     `json:"period_name"`
	Instrument      string     `json:"instrument"`
	RaterGroup      string     `json:"rater_group"`
	RateeEmployeeID int64      `json:"ratee_employee_id,omitempty"`
	RateeName       string     `json:"ratee_name,omitempty"`
	UnitID          int64      `json:"unit_id"`
	UnitName        string     `json:"unit_name"`
	Status          string     `json:"status"`
	DueAt           time.Time  `json:"due_at"`
	CompletedAt     *time.Time `json:"completed_at"`
	Drafted         int        `json:"drafted"`
}

func toAPITask(t budaya.Task) apiTask {
	return apiTask{ID: t.ID, PeriodID: t.PeriodID, PeriodName: t.PeriodName, Instrument: t.Instrument, RaterGroup: t.RaterGroup, RateeEmployeeID: t.RateeEmployeeID,
		RateeName: t.RateeName, UnitID: t.UnitID, UnitName: t.UnitName, Status: t.Status, DueAt: t.EndsAt, CompletedAt: timePtr(t.CompletedAt), Drafted: t.Drafted}
}

func (s *Server) handleAPITasks(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	out := apiList[apiTask]{Items: []apiTask{}}
	if u.EmployeeID != 0 {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		f := budaya.TaskFilter{RaterEmployeeID: u.EmployeeID, OpenPeriodsOnly: true, OpenOnly: r.URL.Query().Get("all") == "", Page: page, PerPage: 100}
		ts, total, err := s.db.ListTasks(r.Context(), f)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		out.Total = total
		for _, t := range ts {
			out.Items = append(out.Items, toAPITask(t))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

type apiAnswer struct {
	Behaviour string `json:"behaviour"`
	Score     int    `json:"score"`
	Comment   string `json:"comment,omitempty"`
}

type apiTaskDetail struct {
	apiTask
	Draft      []apiAnswer    `json:"draft"`
	Behaviours []apiBehaviour `json:"behaviours"`
}

func (s *Server) handleAPITask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t, draft, err := s.db.TaskForRater(r.Context(), userFrom(r.Context()).EmployeeID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	per, err := s.db.FindPeriod(r.Context(), t.PeriodID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, err := s.db.PeriodFramework(r.Context(), per)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiTaskDetail{apiTask: toAPITask(*t), Draft: []apiAnswer{}, Behaviours: []apiBehaviour{}}
	for _, a := range draft {
		out.Draft = append(out.Draft, apiAnswer{Behaviour: a.BehaviourCode, Score: a.Score, Comment: a.Comment})
	}
	for _, v := range f.CoreValues() {
		for _, b := range v.Behaviours {
			out.Behaviours = append(out.Behaviours, apiBehaviour{Code: b.Code, Text: b.Text, TextEN: b.TextEN})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

type apiAnswersRequest struct {
	Answers        []apiAnswer `json:"answers"`
	IdempotencyKey string      `json:"idempotency_key"`
}

func readAnswers(w http.ResponseWriter, r *http.Request) (apiAnswersRequest, []budaya.Answer, error) {
	var req apiAnswersRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return req, nil, err
	}
	answers := make([]budaya.Answer, 0, len(req.Answers))
	for _, a := range req.Answers {
		answers = append(answers, budaya.Answer{BehaviourCode: a.Behaviour, Score: a.Score, Comment: a.Comment})
	}
	if k := r.Header.Get("Idempotency-Key"); k != "" {
		req.IdempotencyKey = k
	}
	return req, answers, nil
}

type apiSubmitResult struct {
	TaskID   int64  `json:"task_id"`
	Status   string `json:"status"`
	Replayed bool   `json:"replayed"`
}

func (s *Server) handleAPITaskDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	_, answers, err := readAnswers(w, r)
	if err == nil {
		err = s.db.SaveDraft(r.Context(), userFrom(r.Context()).EmployeeID, id, answers)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiSubmitResult{TaskID: id, Status: budaya.TaskOpen})
}

func (s *Server) handleAPITaskAnswers(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	req, answers, err := readAnswers(w, r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	res, err := s.db.SubmitTask(r.Context(), userFrom(r.Context()).EmployeeID, id, req.IdempotencyKey, answers)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	status := http.StatusCreated
	if res.Replayed {
		status = http.StatusOK
	}
	writeJSON(w, status, apiSubmitResult{TaskID: id, Status: budaya.TaskCompleted, Replayed: res.Replayed})
}

type apiGroupScore struct {
	Group      string   `json:"group"`
	N          int      `json:"n"`
	Mean       *float64 `json:"mean"`
	Suppressed bool     `json:"suppressed"`
}

type apiReportRow struct {
	Code     string          `json:"code"`
	Name     string          `json:"name"`
	Groups   []apiGroupScore `json:"groups"`
	Others   apiGroupScore   `json:"others"`
	UnitMean *float64        `json:"unit_mean"`
	Gap      *float64        `json:"gap"`
}

type apiReport struct {
	PeriodID     int64               `json:"period_id"`
	EmployeeID   int64               `json:"employee_id"`
	EmployeeName string              `json:"employee_name"`
	UnitName     string              `json:"unit_name"`
	MinGroup     int                 `json:"min_group"`
	Values       []apiReportRow      `json:"values"`
	Behaviours   []apiReportRow      `json:"behaviours"`
	Comments     map[string][]string `json:"comments"`
	Strengths    []string            `json:"strengths"`
	Gaps         []string            `json:"gaps"`
}

func toAPIGroup(g budaya.GroupScore) apiGroupScore {
	out := apiGroupScore{Group: g.Group, N: g.N, Suppressed: g.Suppressed}
	if !g.Suppressed && g.N > 0 {
		m := g.Mean
		out.Mean = &m
	}
	if g.Suppressed {
		out.N = 0
	}
	return out
}

func toAPIRows(rows []budaya.ReportRow) []apiReportRow {
	out := []apiReportRow{}
	for _, r := range rows {
		ar := apiReportRow{Code: r.Code, Name: r.Name, Groups: []apiGroupScore{}, Others: toAPIGroup(r.Others)}
		for _, g := range r.Groups {
			ar.Groups = append(ar.Groups, toAPIGroup(g))
		}
		if r.UnitMean > 0 {
			m := r.UnitMean
			ar.UnitMean = &m
			if r.Others.N > 0 {
				g := r.Gap
				ar.Gap = &g
			}
		}
		out = append(out, ar)
	}
	return out
}

func (s *Server) handleAPIReport(w http.ResponseWriter, r *http.Request) {
	employeeID, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	periodID, err := strconv.ParseInt(r.URL.Query().Get("period"), 10, 64)
	if err != nil || periodID <= 0 {
		s.renderError(w, r, budaya.Invalid("period", budaya.MsgNamePeriodPeriodID))
		return
	}
	rep, err := s.report360(r, periodID, employeeID, "api")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiReport{PeriodID: rep.PeriodID, EmployeeID: rep.EmployeeID, EmployeeName: rep.EmployeeName, UnitName: rep.UnitName, MinGroup: rep.MinGroup,
		Values: toAPIRows(rep.Values), Behaviours: toAPIRows(rep.Behaviours), Comments: map[string][]string{}, Strengths: []string{}, Gaps: []string{}}
	for g, cs := range rep.Comments {
		out.Comments[g] = append([]string{}, cs...)
	}
	for _, x := range rep.Strengths {
		out.Strengths = append(out.Strengths, x.Code)
	}
	for _, x := range rep.Gaps {
		out.Gaps = append(out.Gaps, x.Code)
	}
	writeJSON(w, http.StatusOK, out)
}
