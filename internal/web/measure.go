package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Measurement pages: my tasks, answering a task, periods (admin), response
// rates and reminders, the individual 360 report. Anonymity rules are in
// docs/measurement.md.

type tasksPage struct {
	page
	Tasks      []budaya.Task
	Reports    []budaya.Period // closed periods with a 360, whose report the user may open about themselves
	EmployeeID int64
}

// TaskTitle describes a task for its rater.
func (p tasksPage) TaskTitle(t budaya.Task) string { return taskTitle(p.page, t) }

func taskTitle(p page, t budaya.Task) string {
	if t.Instrument == budaya.InstrumentSurvey {
		return p.T("task.survey_title", t.UnitName)
	}
	if t.RaterGroup == budaya.GroupSelf {
		return p.T("task.self_title")
	}
	// One rater is one person: "as a subordinate", not "as Subordinates".
	return p.T("task.360_title", t.RateeName, p.T("rater."+t.RaterGroup))
}

func (s *Server) handleTasks(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	p := tasksPage{page: s.newPage(r, "tasks.title"), Tasks: []budaya.Task{}, EmployeeID: u.EmployeeID}
	if u.EmployeeID != 0 {
		ts, _, err := s.db.ListTasks(r.Context(), budaya.TaskFilter{RaterEmployeeID: u.EmployeeID, OpenPeriodsOnly: true, PerPage: 200})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		p.Tasks = ts
		ps, err := s.db.ListPeriods(r.Context())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, per := range ps {
			// A report opens once its period is closed (web/gate.go); a link
			// to an open period's report would only lead to a refusal.
			if per.Has360 && per.Status == budaya.PeriodClosed {
				p.Reports = append(p.Reports, per)
			}
		}
	}
	s.render(w, r, http.StatusOK, "tasks", p)
}

type taskItem struct {
	Index              int
	ValueCode, Value   string
	Code, Text         string
	Score              int
	Answered           bool // a score was chosen (CannotRate included)
	Missing            bool // not answered at a submission attempt: marked in the form
	Comment            string
	FirstOfValue       bool
	ScoreField, CField string
}

type taskPage struct {
	page
	Task     *budaya.Task
	Title    string
	Items    []taskItem
	Step     int // 0: all behaviours on one page; 1..n: one behaviour per screen
	Total    int
	Answered int
	Key      string // idempotency key of this submission
	Labels   [][2]string
	// MayDecline: this rater (a peer) may answer "tidak dapat menilai".
	MayDecline bool
	// Resume is the behaviour to bring into view on a one-page form that was
	// started before: the first not yet answered.
	Resume string
	// Missing are the behaviours a submission attempt left unanswered.
	Missing []taskItem
}

// CannotRate is the score of "tidak dapat menilai".
func (taskPage) CannotRate() int { return budaya.CannotRate }

// AnsweredElsewhere is how many behaviours not on this screen are answered:
// the page's script adds the ones chosen on the screen to it as the rater goes.
func (p taskPage) AnsweredElsewhere() int {
	n := p.Answered
	for _, it := range p.Shown() {
		if it.Answered {
			n--
		}
	}
	return n
}

// taskModeCookie remembers whether the rater last chose one behaviour per
// screen ("step") or all on one page ("all"), so a task reopens the same way.
const taskModeCookie = "task_mode"

// Label is the text of score n in the page's language.
func (p taskPage) Label(n int) string {
	if p.Lang == "en" {
		return budaya.ScoreLabels[n-1][1]
	}
	return budaya.ScoreLabels[n-1][0]
}

// Scores are the answer values, 1..5.
func (p taskPage) Scores() []int { return []int{1, 2, 3, 4, 5} }

// Shown returns the items on this screen.
func (p taskPage) Shown() []taskItem {
	if p.Step == 0 {
		return p.Items
	}
	return p.Items[p.Step-1 : p.Step]
}

// Percent is how much of the task is answered.
func (p taskPage) Percent() int {
	if p.Total == 0 {
		return 0
	}
	return p.Answered * 100 / p.Total
}

func newSubmissionKey() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// taskPageData loads task id for the signed-in rater with the saved draft, or
// with form (the rater's unsaved input) laid over it.
func (s *Server) taskPageData(r *http.Request, id int64, over []budaya.Answer) (taskPage, error) {
	u := userFrom(r.Context())
	t, draft, err := s.db.TaskForRater(r.Context(), u.EmployeeID, id)
	if err != nil {
		return taskPage{}, err
	}
	p := taskPage{page: s.newPage(r, "task.title"), Task: t, Key: newSubmissionKey()}
	p.Title = taskTitle(p.page, *t)
	per, err := s.db.FindPeriod(r.Context(), t.PeriodID)
	if err != nil {
		return p, err
	}
	f, err := s.db.PeriodFramework(r.Context(), per)
	if err != nil {
		return p, err
	}
	byCode := map[string]budaya.Answer{}
	for _, a := range draft {
		byCode[a.BehaviourCode] = a
	}
	for _, a := range over {
		byCode[a.BehaviourCode] = a
	}
	for _, v := range f.CoreValues() {
		for i, b := range v.Behaviours {
			it := taskItem{Index: len(p.Items) + 1, ValueCode: v.Code, Value: v.Name, Code: b.Code, Text: b.Text, FirstOfValue: i == 0,
				ScoreField: "score_" + b.Code, CField: "comment_" + b.Code}
			if p.Lang == "en" {
				it.Value, it.Text = v.NameEN, b.TextEN
			}
			if a, ok := byCode[b.Code]; ok {
				it.Score, it.Comment, it.Answered = a.Score, a.Comment, true
				p.Answered++
			}
			p.Items = append(p.Items, it)
		}
	}
	p.Total = len(p.Items)
	p.MayDecline = t.Instrument == budaya.Instrument360 && budaya.MayDecline(t.RaterGroup)
	if st, err := strconv.Atoi(r.URL.Query().Get("step")); err == nil && st >= 1 && st <= p.Total {
		p.Step = st
	}
	return p, nil
}

// firstOpen is the 1-based place of the first behaviour not yet answered, or
// the last one when all are (where the submit button is).
func (p taskPage) firstOpen() int {
	for i, it := range p.Items {
		if !it.Answered {
			return i + 1
		}
	}
	return p.Total
}

// resume decides how a task opens: the mode the rater chose last (a cookie,
// set whenever they pick one) and, without an explicit step, the place where
// they stopped.
func (s *Server) resume(w http.ResponseWriter, r *http.Request, p *taskPage) {
	q := r.URL.Query()
	mode := ""
	if c, err := r.Cookie(taskModeCookie); err == nil {
		mode = c.Value
	}
	chosen := q.Get("mode")
	if p.Step > 0 {
		chosen = "step"
	}
	if chosen == "step" || chosen == "all" {
		if chosen != mode {
			http.SetCookie(w, &http.Cookie{Name: taskModeCookie, Value: chosen, Path: "/tasks", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode})
		}
		mode = chosen
	}
	if p.Step == 0 && mode == "step" && p.Total > 0 {
		p.Step = p.firstOpen()
	}
	if p.Step == 0 && p.Answered > 0 && p.Answered < p.Total {
		p.Resume = "b-" + p.Items[p.firstOpen()-1].Code
	}
}

func (s *Server) handleTask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.taskPageData(r, id, nil)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.resume(w, r, &p)
	s.render(w, r, http.StatusOK, "task", p)
}

// answersFromForm reads score_CODE and comment_CODE fields; a behaviour with
// no score chosen is left out (a draft may be partial).
func answersFromForm(form url.Values) ([]budaya.Answer, error) {
	var out []budaya.Answer
	for k, vs := range form {
		code, ok := strings.CutPrefix(k, "score_")
		if !ok || len(vs) == 0 || strings.TrimSpace(vs[0]) == "" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(vs[0]))
		if err != nil {
			return nil, budaya.Invalid("score", budaya.MsgScoreMustBeNumber, code)
		}
		out = append(out, budaya.Answer{BehaviourCode: code, Score: n, Comment: form.Get("comment_" + code)})
	}
	return out, nil
}

func (s *Server) handleTaskSave(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	answers, err := answersFromForm(r.PostForm)
	action := r.PostForm.Get("action")
	step, _ := strconv.Atoi(r.PostForm.Get("step"))
	if err == nil && action != "submit" {
		// Also without scores: SaveDraft checks that the task is the rater's
		// and still open, so "draft saved" is never said about someone else's task.
		err = s.db.SaveDraft(r.Context(), u.EmployeeID, id, answers)
	}
	if err == nil && action == "submit" {
		_, err = s.db.SubmitTask(r.Context(), u.EmployeeID, id, r.PostForm.Get("key"), answers)
	}
	if r.Header.Get("HX-Request") != "" && action != "submit" {
		// Autosave from the page's script: answer with a short status line only.
		// Always 200: htmx swaps only successful answers, and the rater must see what went wrong.
		msg := translate(langOf(r), "task.autosaved", time.Now().In(s.loc).Format("15:04:05"))
		if err != nil {
			e := budaya.AsError(err)
			if e == nil {
				s.renderError(w, r, err)
				return
			}
			msg = e.Text(langOf(r))
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, html.EscapeString(msg))
		return
	}
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		p, perr := s.taskPageData(r, id, answers)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Step = 0
		if step >= 1 && step <= p.Total {
			p.Step = step
		}
		p.Error = e.Text(p.Lang)
		if action == "submit" {
			for i := range p.Items {
				if !p.Items[i].Answered {
					p.Items[i].Missing = true
					p.Missing = append(p.Missing, p.Items[i])
				}
			}
			if len(p.Missing) > 0 {
				// Every behaviour on one page, so that each name in the list
				// links to its question, marked in the form.
				p.Step = 0
				p.Error = p.T("task.missing", len(p.Missing), p.Total)
			}
		}
		s.render(w, r, http.StatusUnprocessableEntity, "task", p)
		return
	}
	base := "/tasks/" + strconv.FormatInt(id, 10)
	switch action {
	case "submit":
		if s.kioskFinished(r) {
			s.endKioskSession(w, r, "all tasks answered")
			http.Redirect(w, r, "/kiosk?msg=kiosk_finished", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/tasks?msg=submitted", http.StatusSeeOther)
	case "next":
		http.Redirect(w, r, fmt.Sprintf("%s?step=%d", base, step+1), http.StatusSeeOther)
	case "prev":
		http.Redirect(w, r, fmt.Sprintf("%s?step=%d", base, max(step-1, 1)), http.StatusSeeOther)
	default:
		if step > 0 {
			http.Redirect(w, r, fmt.Sprintf("%s?step=%d&msg=draft_saved", base, step), http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, base+"?msg=draft_saved", http.StatusSeeOther)
	}
}

// Periods (admin, leaders, auditors)

type periodsPage struct {
	page
	Periods   []budaya.Period
	Framework *budaya.Framework
	Units     []budaya.Unit
	Form      periodForm
	DefaultK  int
	CanEdit   bool
}

type periodForm struct {
	Name, StartsAt, EndsAt string
	HasSurvey, Has360      bool
	MinGroup, MaxPeers     int
	UnitIDs                map[int64]bool
}

func (s *Server) periodsPageData(r *http.Request) (periodsPage, error) {
	p := periodsPage{page: s.newPage(r, "periods.title"), DefaultK: budaya.DefaultMinGroup,
		Form: periodForm{HasSurvey: true, Has360: true, MinGroup: budaya.DefaultMinGroup, MaxPeers: 3, UnitIDs: map[int64]bool{}}}
	p.CanEdit = p.Has(string(budaya.RoleAdmin))
	var err error
	if p.Periods, err = s.db.ListPeriods(r.Context()); err != nil {
		return p, err
	}
	if p.CanEdit {
		if p.Framework, err = s.db.ActiveFramework(r.Context()); err != nil {
			return p, err
		}
		units, _, err := s.db.ListUnits(r.Context(), budaya.UnitFilter{})
		if err != nil {
			return p, err
		}
		for _, u := range units {
			if u.Depth <= 1 {
				p.Units = append(p.Units, u)
			}
		}
	}
	return p, nil
}

func (s *Server) handlePeriods(w http.ResponseWriter, r *http.Request) {
	p, err := s.periodsPageData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "periods", p)
}

func parseDate(field, v string, loc *time.Location) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(v), loc)
	if err != nil {
		return time.Time{}, budaya.Invalid(field, budaya.MsgDateNotUnderstoodUse, v)
	}
	return t.UTC(), nil
}

// periodInputFrom reads the period form (create and edit) into the input and
// the form as typed, to show again with an error.
func (s *Server) periodInputFrom(r *http.Request) (budaya.PeriodInput, periodForm, error) {
	f := r.PostForm
	form := periodForm{Name: f.Get("name"), StartsAt: f.Get("starts_at"), EndsAt: f.Get("ends_at"), HasSurvey: f.Get("has_survey") != "",
		Has360: f.Get("has_360") != "", UnitIDs: map[int64]bool{}}
	form.MinGroup, _ = strconv.Atoi(f.Get("min_group"))
	form.MaxPeers, _ = strconv.Atoi(f.Get("max_peers"))
	in := budaya.PeriodInput{Name: form.Name, HasSurvey: form.HasSurvey, Has360: form.Has360, MinGroup: form.MinGroup, MaxPeers: form.MaxPeers}
	for _, v := range f["units"] {
		if id, perr := strconv.ParseInt(v, 10, 64); perr == nil {
			in.UnitIDs = append(in.UnitIDs, id)
			form.UnitIDs[id] = true
		}
	}
	var err error
	in.StartsAt, err = parseDate("starts_at", form.StartsAt, s.loc)
	if err == nil {
		in.EndsAt, err = parseDate("ends_at", form.EndsAt, s.loc)
	}
	return in, form, err
}

func (s *Server) handlePeriodCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	in, form, err := s.periodInputFrom(r)
	var fw *budaya.Framework
	if err == nil {
		fw, err = s.db.ActiveFramework(r.Context())
	}
	var per *budaya.Period
	if err == nil {
		in.FrameworkID = fw.ID
		per, err = s.db.CreatePeriod(r.Context(), actor(r), in)
	}
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		p, perr := s.periodsPageData(r)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Form, p.Error = form, e.Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "periods", p)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/periods/%d?msg=saved", per.ID), http.StatusSeeOther)
}

type periodPage struct {
	page
	Period    *budaya.Period
	UnitNames []string // the participating units, "CODE Name"
	Framework *budaya.Framework
	// Draft periods, for admins: the edit form and the open periods that
	// share its units (opening then needs an explicit confirmation).
	Form      periodForm
	Units     []budaya.Unit
	Overlaps  []budaya.Period
	Survey    []budaya.ResponseRate // one page of the rate tables (ratesPaging)
	ThreeSix  []budaya.ResponseRate
	Rates     ratesPaging
	Reminders []reminderRow
	Staff     []budaya.Employee // the signed-in atasan's direct staff, for their reports
	CanEdit   bool
	IndexJob  *store.Job  // the newest recomputation of the period's index (admins)
	Mail      *periodMail // invitations and reminders (admins)
}

// ratesPerPage is how many units a page of a rate table shows.
const ratesPerPage = 100

// ratesPaging is which part of the unit tree the rate tables show: the units
// of the tree levels 1 to Level (1: the period's top units), ratesPerPage at
// a time in tree order. The largest instansi has 4,221 units: both tables
// whole were 8,442 rows of HTML at every view (docs/operations.md).
type ratesPaging struct {
	Level  int
	Levels []levelChoice
	Pager  pager
}

// pageRates keeps, of the rows of both rate tables (tree order, the same
// units), the page asked for by ?level= and ?page=. Without a level it shows
// the deepest levels that fit one page (the whole tree of a small instansi).
func pageRates(r *http.Request, p *periodPage) error {
	rows := p.Survey
	if len(p.ThreeSix) > len(rows) {
		rows = p.ThreeSix
	}
	perLevel := map[int]int{}
	lo, hi := 0, 0
	for _, x := range rows {
		l := x.Depth + 1
		perLevel[l]++
		if lo == 0 || l < lo {
			lo = l
		}
		hi = max(hi, l)
	}
	if len(rows) == 0 {
		return nil
	}
	level, upTo := lo, 0
	for l := lo; l <= hi; l++ {
		if upTo += perLevel[l]; upTo > ratesPerPage {
			break
		}
		level = l
	}
	if v := r.URL.Query().Get("level"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > hi {
			return budaya.Invalid("level", budaya.MsgLevelMustBe, hi)
		}
		level = max(n, lo) // a pimpinan's tree starts below level 1
	}
	for l := lo; l <= hi; l++ {
		p.Rates.Levels = append(p.Rates.Levels, levelChoice{N: l, Name: p.T("index.level_n", l)})
	}
	keep := func(rs []budaya.ResponseRate) ([]budaya.ResponseRate, int) {
		in := ratesUpTo(rs, level)
		return ratesPage(r, in), len(in)
	}
	var total int
	p.Survey, total = keep(p.Survey)
	var t360 int
	p.ThreeSix, t360 = keep(p.ThreeSix)
	p.Rates.Level = level
	p.Rates.Pager = pager{Page: queryPage(r), PerPage: ratesPerPage, Total: max(total, t360), Query: "level=" + strconv.Itoa(level)}
	return nil
}

// ratesUpTo keeps the rows of the tree levels 1 to level.
func ratesUpTo(rates []budaya.ResponseRate, level int) []budaya.ResponseRate {
	out := []budaya.ResponseRate{}
	for _, x := range rates {
		if x.Depth+1 <= level {
			out = append(out, x)
		}
	}
	return out
}

// ratesPage is the ?page= of rates, ratesPerPage rows a page.
func ratesPage(r *http.Request, rates []budaya.ResponseRate) []budaya.ResponseRate {
	from := min((queryPage(r)-1)*ratesPerPage, len(rates))
	return rates[from:min(from+ratesPerPage, len(rates))]
}

// ratesTable is the data of the "rates" block.
type ratesTable struct {
	P    page
	Rows []budaya.ResponseRate
}

// Indent marks a unit row's depth in the tree.
func (t ratesTable) Indent(depth int) string { return strings.Repeat("· ", depth) }

// SurveyTable is the survey response rate table.
func (p periodPage) SurveyTable() ratesTable { return ratesTable{P: p.page, Rows: p.Survey} }

// ThreeSixTable is the 360 response rate table.
func (p periodPage) ThreeSixTable() ratesTable { return ratesTable{P: p.page, Rows: p.ThreeSix} }

func (s *Server) handlePeriod(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.periodPageData(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "period", p)
}

// periodPageData loads the period page of id for the signed-in user.
func (s *Server) periodPageData(r *http.Request, id int64) (periodPage, error) {
	ctx := r.Context()
	per, err := s.db.FindPeriod(ctx, id)
	if err != nil {
		return periodPage{}, err
	}
	u := userFrom(ctx)
	p := periodPage{page: s.newPage(r, "period.title"), Period: per, CanEdit: u.HasRole(budaya.RoleAdmin)}
	if p.Framework, err = s.db.PeriodFramework(ctx, per); err != nil {
		return p, err
	}
	for _, uid := range per.UnitIDs {
		unit, err := s.db.FindUnit(ctx, uid)
		if err != nil {
			return p, err
		}
		p.UnitNames = append(p.UnitNames, unit.Code+" "+unit.Name)
	}
	if p.CanEdit && per.Status == budaya.PeriodDraft {
		p.Form = periodForm{Name: per.Name, StartsAt: per.StartsAt.In(s.loc).Format("2006-01-02"), EndsAt: per.EndsAt.In(s.loc).Format("2006-01-02"),
			HasSurvey: per.HasSurvey, Has360: per.Has360, MinGroup: per.MinGroup, MaxPeers: per.MaxPeers, UnitIDs: map[int64]bool{}}
		for _, id := range per.UnitIDs {
			p.Form.UnitIDs[id] = true
		}
		units, _, err := s.db.ListUnits(ctx, budaya.UnitFilter{})
		if err != nil {
			return p, err
		}
		for _, u := range units {
			if u.Depth <= 1 || p.Form.UnitIDs[u.ID] {
				p.Units = append(p.Units, u)
			}
		}
		if p.Overlaps, err = s.db.OverlappingOpenPeriods(ctx, id); err != nil {
			return p, err
		}
	}
	if p.CanEdit {
		if p.IndexJob, err = s.indexJobOf(ctx, id); err != nil {
			return p, err
		}
		if p.Mail, err = s.periodMailOf(ctx, id); err != nil {
			return p, err
		}
	}
	if rd := readerFrom(ctx); (rd.SeesAll() || len(rd.Led) > 0) && per.Status != budaya.PeriodDraft {
		if per.HasSurvey {
			if p.Survey, _, err = s.ratesFor(ctx, rd, per, budaya.InstrumentSurvey); err != nil {
				return p, err
			}
		}
		if per.Has360 {
			var sc budaya.UnitScope
			if p.ThreeSix, sc, err = s.ratesFor(ctx, rd, per, budaya.Instrument360); err != nil {
				return p, err
			}
			// Reminders only while answers are taken.
			if per.Status == budaya.PeriodOpen && (!u.HasRole(budaya.RoleAuditor) || u.HasRole(budaya.RoleAdmin)) {
				if p.Reminders, err = s.reminders(ctx, per, sc); err != nil {
					return p, err
				}
			}
		}
	}
	if err := pageRates(r, &p); err != nil {
		return p, err
	}
	if u.EmployeeID != 0 && per.Has360 && per.Status == budaya.PeriodClosed {
		staff, _, err := s.db.ListEmployees(ctx, budaya.EmployeeFilter{SupervisorID: u.EmployeeID, PerPage: 200})
		if err != nil {
			return p, err
		}
		p.Staff = staff
	}
	return p, nil
}

func (s *Server) handlePeriodOpen(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.db.OpenPeriodChecked(r.Context(), actor(r), id, r.PostForm.Get("confirm_overlap") == "1"); err != nil {
		s.periodPageError(w, r, id, http.StatusConflict, err)
		return
	}
	jobID, err := s.jobs.Enqueue(r.Context(), actor(r), jobGenerateTasks, generatePayload{PeriodID: id})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/jobs/%d", jobID), http.StatusSeeOther)
}

// periodPageError shows the period page again with the error of a refused
// change (a user's mistake), or the error page for anything else.
func (s *Server) periodPageError(w http.ResponseWriter, r *http.Request, id int64, status int, err error) {
	e := budaya.AsError(err)
	if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ECONFLICT) {
		s.renderError(w, r, err)
		return
	}
	p, perr := s.periodPageData(r, id)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Error = e.Text(p.Lang)
	if e.Code == budaya.EINVALID {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "period", p)
}

// handlePeriodUpdate changes a draft period.
func (s *Server) handlePeriodUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	in, form, err := s.periodInputFrom(r)
	if err == nil {
		_, err = s.db.UpdatePeriod(r.Context(), actor(r), id, in)
	}
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code != budaya.EINVALID {
			s.periodPageError(w, r, id, http.StatusConflict, err)
			return
		}
		p, perr := s.periodPageData(r, id)
		if perr != nil {
			s.renderError(w, r, perr)
			return
		}
		p.Form, p.Error = form, e.Text(p.Lang)
		s.render(w, r, http.StatusUnprocessableEntity, "period", p)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/periods/%d?msg=saved", id), http.StatusSeeOther)
}

// handlePeriodDelete deletes a draft period.
func (s *Server) handlePeriodDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeletePeriod(r.Context(), actor(r), id); err != nil {
		s.periodPageError(w, r, id, http.StatusConflict, err)
		return
	}
	http.Redirect(w, r, "/periods?msg=period_deleted", http.StatusSeeOther)
}

// handlePeriodClose closes a period and queues the recomputation of its index.
func (s *Server) handlePeriodClose(w http.ResponseWriter, r *http.Request) {
	s.periodStatus(w, r, func(ctx context.Context, a budaya.Actor, id int64) error {
		_, err := s.closePeriod(ctx, a, id)
		return err
	})
}

func (s *Server) handlePeriodReopen(w http.ResponseWriter, r *http.Request) {
	s.periodStatus(w, r, s.db.ReopenPeriod)
}

func (s *Server) periodStatus(w http.ResponseWriter, r *http.Request, fn func(context.Context, budaya.Actor, int64) error) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := fn(r.Context(), actor(r), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/periods/%d?msg=saved", id), http.StatusSeeOther)
}

// mayReadReport checks that the signed-in user may read employeeID's 360
// report of period: the employee, their atasan line, or an admin.
func (s *Server) mayReadReport(r *http.Request, periodID, employeeID int64) error {
	rd := readerFrom(r.Context())
	if budaya.MayReadReport360(rd, employeeID, false) {
		return nil
	}
	if rd.EmployeeID() != 0 {
		inLine, err := s.db.InAtasanLine(r.Context(), periodID, rd.EmployeeID(), employeeID)
		if err != nil {
			return err
		}
		if budaya.MayReadReport360(rd, employeeID, inLine) {
			return nil
		}
	}
	return budaya.Errorf(budaya.EFORBIDDEN, budaya.Msg360ReportCanBeRead)
}

type reportPage struct {
	page
	Report *budaya.Report360
	Groups []string
}

// reportTable is the data of the "report-rows" block.
type reportTable struct {
	P    reportPage
	Rows []budaya.ReportRow
}

// ValueTable is the table of values.
func (p reportPage) ValueTable() reportTable { return reportTable{P: p, Rows: p.Report.Values} }

// BehaviourTable is the table of behaviours.
func (p reportPage) BehaviourTable() reportTable { return reportTable{P: p, Rows: p.Report.Behaviours} }

// groupState says how rater group g appears in the report: "shown" when at
// least one row has its figure, "hidden" when it is held back by the threshold
// everywhere, "unrated" when nobody of it rated. The page names hidden and
// unrated groups once, above the figures, instead of a dash in every row.
func (p reportPage) groupState(g string) string {
	state := "unrated"
	for _, rows := range [][]budaya.ReportRow{p.Report.Values, p.Report.Behaviours} {
		for _, r := range rows {
			for _, gs := range r.Groups {
				switch {
				case gs.Group != g:
				case !gs.Suppressed && gs.N > 0:
					return "shown"
				case gs.Suppressed:
					state = "hidden"
				}
			}
		}
	}
	return state
}

// Shows reports whether rater group g has a figure in at least one row.
func (p reportPage) Shows(g string) bool { return p.groupState(g) == "shown" }

func (p reportPage) groupsIn(state string) []string {
	var out []string
	for _, g := range p.Groups {
		if p.groupState(g) == state {
			out = append(out, g)
		}
	}
	return out
}

// HiddenGroups are the rater groups held back by the threshold in every row.
func (p reportPage) HiddenGroups() []string { return p.groupsIn("hidden") }

// UnratedGroups are the rater groups of which nobody rated.
func (p reportPage) UnratedGroups() []string { return p.groupsIn("unrated") }

// GroupList names rater groups in the reader's language, comma separated.
func (p reportPage) GroupList(groups []string) string {
	names := make([]string, len(groups))
	for i, g := range groups {
		names[i] = p.T("group." + g)
	}
	return strings.Join(names, ", ")
}

// HasComments reports whether any shown group has a comment.
func (p reportPage) HasComments() bool {
	for _, g := range p.Groups {
		if len(p.Report.Comments[g]) > 0 {
			return true
		}
	}
	return false
}

// Score formats a group score, or a dash when suppressed or empty.
func (p reportPage) Score(g budaya.GroupScore) string {
	if g.Suppressed || g.N == 0 {
		return "–"
	}
	return budaya.FormatNumber(p.Lang, g.Mean, 2)
}

// Num formats x with two decimals, or a dash for 0.
func (p reportPage) Num(x float64) string {
	if x == 0 {
		return "–"
	}
	return budaya.FormatNumber(p.Lang, x, 2)
}

// Signed formats a gap with its sign.
func (p reportPage) Signed(x float64) string {
	if s := budaya.FormatNumber(p.Lang, x, 2); s[0] != '-' {
		return "+" + s
	}
	return budaya.FormatNumber(p.Lang, x, 2)
}

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	periodID, employeeID, err := twoPathIDs(r, "id", "employee")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rep, err := s.report360(r, periodID, employeeID, "page")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report360", reportPage{page: s.newPage(r, "report.title"), Report: rep, Groups: budaya.RaterGroups360})
}

// Date formats a date in the instansi's zone as DD-MM-YYYY. Calendar dates
// stored as midnight UTC keep their day, since Indonesia's zones are ahead of UTC.
func (p page) Date(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.In(p.loc).Format("02-01-2006")
}
