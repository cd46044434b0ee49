package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// money holds the formatting helpers the roadmap pages share.
type money struct{}

// Rupiah writes n as "Rp 1.250.000".
func (money) Rupiah(n int64) string { return budaya.FormatRupiah(n) }

// Thousands writes n as 1.250.000.
func (money) Thousands(n int64) string { return budaya.FormatThousands(n) }

// Pct writes a percentage with one decimal and a comma, as Indonesians do: 82,5%.
func (money) Pct(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), ".", ",", 1) + "%"
}

// Quarters writes quarters compactly.
func (money) Quarters(qs []budaya.Quarter) string { return budaya.FormatQuarters(qs) }

type roadmapsPage struct {
	page
	money
	Roadmaps []budaya.Roadmap
	Form     budaya.RoadmapInput
}

func (s *Server) handleRoadmapList(w http.ResponseWriter, r *http.Request) {
	s.renderRoadmapList(w, r, http.StatusOK, budaya.RoadmapInput{StartYear: s.localToday().Year(), EndYear: s.localToday().Year() + 4}, nil)
}

func (s *Server) renderRoadmapList(w http.ResponseWriter, r *http.Request, status int, form budaya.RoadmapInput, formErr error) {
	rs, err := s.db.ListRoadmaps(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := roadmapsPage{page: s.newPage(r, "roadmap.list_title"), Roadmaps: rs, Form: form}
	if formErr != nil {
		p.Error = budaya.AsError(formErr).Text(p.Lang)
	}
	s.render(w, r, status, "roadmaps", p)
}

func (s *Server) handleRoadmapCreate(w http.ResponseWriter, r *http.Request) {
	in := budaya.RoadmapInput{Name: r.PostFormValue("name"), Description: r.PostFormValue("description")}
	in.StartYear, _ = strconv.Atoi(strings.TrimSpace(r.PostFormValue("start_year")))
	in.EndYear, _ = strconv.Atoi(strings.TrimSpace(r.PostFormValue("end_year")))
	rm, err := s.db.CreateRoadmap(r.Context(), actor(r), in)
	if budaya.ErrorCode(err) == budaya.EINVALID {
		s.renderRoadmapList(w, r, http.StatusUnprocessableEntity, in, err)
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/roadmaps/"+strconv.FormatInt(rm.ID, 10)+"?msg=saved", http.StatusSeeOther)
}

// timelineRow is one activity in a group of the timeline.
type timelineRow struct {
	Activity budaya.Activity
	Cells    []bool // one per quarter of the roadmap
}

type timelineGroup struct {
	Key, Label string
	Rows       []timelineRow
}

// progressRow is a group's progress (budaya.RoadmapProgress) with, by unit,
// the unit's internalisation checklist score of the latest period.
type progressRow struct {
	budaya.ProgressRow
	Score *budaya.ChecklistScore
}

type progressTable struct {
	Head   string // text key of the grouping
	Rows   []progressRow
	Period string // checklist period of the scores, on the table by unit
}

type roadmapPage struct {
	page
	money
	Roadmap    *budaya.Roadmap
	Programmes []budaya.Programme
	Units      []budaya.Unit
	Values     []budaya.Value
	By         string
	Filter     budaya.ActivityFilter
	Quarters   []budaya.Quarter
	Groups     []timelineGroup
	Progress   []progressTable
	Flagged    []budaya.Activity
	Activities int
	Form       budaya.ProgrammeInput
}

// QuarterLabel is the column header of a quarter: "T1" with the year on the first.
func (p roadmapPage) QuarterLabel(q budaya.Quarter) string { return "T" + strconv.Itoa(q.Q) }

// ActivityFlag names an activity flag in the page's language.
func (p page) ActivityFlag(flag string) string { return p.T("roadmap.flag." + flag) }

// ActivityStatus names an activity status in the page's language.
func (p page) ActivityStatus(status string) string { return p.T("roadmap.status." + status) }

func (s *Server) handleRoadmapShow(w http.ResponseWriter, r *http.Request) {
	s.renderRoadmap(w, r, http.StatusOK, budaya.ProgrammeInput{}, nil)
}

func (s *Server) renderRoadmap(w http.ResponseWriter, r *http.Request, status int, form budaya.ProgrammeInput, formErr error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rm, err := s.db.FindRoadmap(ctx, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	q := r.URL.Query()
	p := roadmapPage{page: s.newPage(r, "roadmap.title"), Roadmap: rm, By: q.Get("by"), Form: form}
	if formErr != nil {
		p.Error = budaya.AsError(formErr).Text(p.Lang)
	}
	if !slices.Contains([]string{"programme", "unit", "value"}, p.By) {
		p.By = "programme"
	}
	p.Filter = budaya.ActivityFilter{RoadmapID: rm.ID, ValueCode: strings.ToUpper(q.Get("value"))}
	p.Filter.ProgrammeID, _ = strconv.ParseInt(q.Get("programme"), 10, 64)
	p.Filter.UnitID, _ = strconv.ParseInt(q.Get("unit"), 10, 64)
	if p.Programmes, err = s.db.ListProgrammes(ctx, rm.ID); err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Units, _, err = s.db.ListUnits(ctx, budaya.UnitFilter{}); err != nil {
		s.renderError(w, r, err)
		return
	}
	f, err := s.db.FindFramework(ctx, rm.FrameworkID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Values = f.Values
	acts, err := s.db.ListActivities(ctx, p.Filter)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Activities = len(acts)
	for y := rm.StartYear; y <= rm.EndYear; y++ {
		for qn := 1; qn <= 4; qn++ {
			p.Quarters = append(p.Quarters, budaya.Quarter{Year: y, Q: qn})
		}
	}
	valueNames := map[string]string{}
	for _, v := range f.Values {
		valueNames[v.Code] = v.Code + " · " + valueName(p.Lang, v)
	}
	groups := map[string]*timelineGroup{}
	var order []string
	add := func(key, label string, a budaya.Activity) {
		g := groups[key]
		if g == nil {
			g = &timelineGroup{Key: key, Label: label}
			groups[key] = g
			order = append(order, key)
		}
		row := timelineRow{Activity: a}
		for _, qq := range p.Quarters {
			row.Cells = append(row.Cells, a.RunsInQuarter(qq))
		}
		g.Rows = append(g.Rows, row)
	}
	for _, a := range acts {
		switch p.By {
		case "unit":
			add(a.OwnerUnitCode, a.OwnerUnitCode+" · "+a.OwnerUnitName, a)
		case "value":
			if len(a.ValueCodes) == 0 {
				add("", p.T("roadmap.no_value"), a)
			}
			for _, c := range a.ValueCodes {
				add(c, valueNames[c], a)
			}
		default:
			add(a.ProgrammeCode, a.ProgrammeCode+" · "+a.ProgrammeName, a)
		}
		if len(a.Flags()) > 0 {
			p.Flagged = append(p.Flagged, a)
		}
	}
	if p.By != "programme" {
		slices.Sort(order)
	}
	for _, k := range order {
		p.Groups = append(p.Groups, *groups[k])
	}
	byProg, byUnit, err := s.roadmapProgress(ctx, acts)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Progress = []progressTable{byProg, byUnit}
	s.render(w, r, status, "roadmap", p)
}

// roadmapProgress computes the progress of acts by programme and by unit
// (budaya.RoadmapProgress) and puts each unit's checklist score of the latest
// checklist period beside it.
func (s *Server) roadmapProgress(ctx context.Context, acts []budaya.Activity) (byProg, byUnit progressTable, err error) {
	progs, units := budaya.RoadmapProgress(acts)
	byProg, byUnit = progressTable{Head: "roadmap.by.programme"}, progressTable{Head: "roadmap.by.unit"}
	for _, r := range progs {
		byProg.Rows = append(byProg.Rows, progressRow{ProgressRow: r})
	}
	for _, r := range units {
		byUnit.Rows = append(byUnit.Rows, progressRow{ProgressRow: r})
	}
	// The checklist score of the latest period stands beside each unit's progress.
	periods, err := s.db.ListChecklistPeriods(ctx)
	if err != nil {
		return byProg, byUnit, err
	}
	if len(periods) > 0 {
		scores, err := s.db.ChecklistScores(ctx, periods[0].ID)
		if err != nil {
			return byProg, byUnit, err
		}
		byUnit.Period = periods[0].Name
		for i := range byUnit.Rows {
			if sc, ok := scores[byUnit.Rows[i].UnitID]; ok {
				byUnit.Rows[i].Score = &sc
			}
		}
	}
	return byProg, byUnit, nil
}

func valueName(lang string, v budaya.Value) string {
	if lang == "en" && v.NameEN != "" {
		return v.NameEN
	}
	return v.Name
}

func (s *Server) handleProgrammeCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := budaya.ProgrammeInput{Code: r.PostFormValue("code"), Name: r.PostFormValue("name"), Description: r.PostFormValue("description")}
	if _, err := s.db.CreateProgramme(r.Context(), actor(r), id, in); err != nil {
		if budaya.ErrorCode(err) == budaya.EINVALID {
			s.renderRoadmap(w, r, http.StatusUnprocessableEntity, in, err)
			return
		}
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/roadmaps/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}

type activityPage struct {
	page
	money
	Roadmap    *budaya.Roadmap
	Activity   *budaya.Activity // nil on the new-activity form
	Programmes []budaya.Programme
	Units      []budaya.Unit
	Values     []budaya.Value
	Form       activityForm
	Line       budaya.BudgetLineInput
	Funding    []string
	Statuses   []string
}

// lineFields is what the budget-line fields of a form need.
type lineFields struct {
	P       page
	Prefix  string // keeps the ids of several forms on one page apart
	Line    budaya.BudgetLineInput
	Funding []string
}

// LineFields are the fields of the add-line form.
func (p activityPage) LineFields() lineFields {
	return lineFields{P: p.page, Prefix: "l-", Line: p.Line, Funding: p.Funding}
}

// NewLineFields are the fields of the first line on the new-activity form.
func (p activityPage) NewLineFields() lineFields {
	return lineFields{P: p.page, Prefix: "n-", Line: p.Form.Line, Funding: p.Funding}
}

// activityForm is the activity form as typed, so that a refused form comes back filled in.
type activityForm struct {
	budaya.ActivityInput
	PIC        string // NIP or other identifier of the person in charge
	Values     string
	Behaviours string
	Line       budaya.BudgetLineInput // the first budget line, on the new-activity form
}

// HasValue reports whether the form serves value code.
func (f activityForm) HasValue(code string) bool { return slices.Contains(f.ValueCodes, code) }

// YearOf is the fiscal year of a line as text, for the form.
func (activityPage) YearOf(l budaya.BudgetLine) string { return strconv.Itoa(l.FiscalYear) }

func (s *Server) activityPageData(r *http.Request, rm *budaya.Roadmap) (activityPage, error) {
	ctx := r.Context()
	p := activityPage{page: s.newPage(r, "activity.title"), Roadmap: rm, Funding: budaya.FundingSources, Statuses: budaya.ActivityStatuses}
	var err error
	if p.Programmes, err = s.db.ListProgrammes(ctx, rm.ID); err != nil {
		return p, err
	}
	if p.Units, _, err = s.db.ListUnits(ctx, budaya.UnitFilter{}); err != nil {
		return p, err
	}
	f, err := s.db.FindFramework(ctx, rm.FrameworkID)
	if err != nil {
		return p, err
	}
	p.Values = f.Values
	return p, nil
}

func (s *Server) handleActivityNew(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rm, err := s.db.FindRoadmap(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.activityPageData(r, rm)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p.Form.Status = budaya.ActivityPlanned
	p.Form.Line.FiscalYear = strconv.Itoa(max(rm.StartYear, s.localToday().Year()))
	p.Form.Line.FundingSource = "rupiah_murni"
	s.render(w, r, http.StatusOK, "activity", p)
}

// activityFormOf reads the activity form and resolves the person in charge by NIP.
func (s *Server) activityFormOf(r *http.Request) (activityForm, error) {
	if err := parseForm(r); err != nil {
		return activityForm{}, err
	}
	f := r.PostForm
	form := activityForm{PIC: strings.TrimSpace(f.Get("pic")), Behaviours: f.Get("behaviours")}
	form.ProgrammeID, _ = strconv.ParseInt(f.Get("programme_id"), 10, 64)
	form.OwnerUnitID, _ = strconv.ParseInt(f.Get("owner_unit_id"), 10, 64)
	form.Code, form.Name, form.Description = f.Get("code"), f.Get("name"), f.Get("description")
	form.ValueCodes = f["values"]
	form.BehaviourCodes = []string{form.Behaviours}
	form.Quarters, form.Indicator, form.IndicatorUnit = f.Get("quarters"), f.Get("indicator"), f.Get("indicator_unit")
	form.Target, form.Realisation, form.Status = f.Get("target"), f.Get("realisation"), f.Get("status")
	form.Line = budaya.BudgetLineInput{FiscalYear: f.Get("fiscal_year"), Ceiling: f.Get("ceiling"), Realised: f.Get("realised"),
		FundingSource: f.Get("funding_source"), AccountCode: f.Get("account_code")}
	if form.PIC != "" {
		e, err := s.db.FindEmployeeByIdentifier(r.Context(), form.PIC)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return form, budaya.Invalid("pic", budaya.MsgNoEmployeeNIP, form.PIC)
		}
		if err != nil {
			return form, err
		}
		form.PICEmployeeID = e.ID
	}
	return form, nil
}

func (s *Server) handleActivityCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rm, err := s.db.FindRoadmap(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	form, err := s.activityFormOf(r)
	var a *budaya.Activity
	if err == nil {
		var lines []budaya.BudgetLineInput
		if strings.TrimSpace(form.Line.Ceiling) != "" || strings.TrimSpace(form.Line.AccountCode) != "" {
			lines = append(lines, form.Line)
		}
		a, err = s.db.CreateActivity(r.Context(), actor(r), form.ActivityInput, lines...)
	}
	if err != nil {
		s.activityFormError(w, r, rm, nil, form, err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(a.ID, 10)+"?msg=saved", http.StatusSeeOther)
}

// activityFormError shows the form again with what was typed and what to fix.
func (s *Server) activityFormError(w http.ResponseWriter, r *http.Request, rm *budaya.Roadmap, a *budaya.Activity, form activityForm, err error) {
	if budaya.ErrorCode(err) != budaya.EINVALID {
		s.renderError(w, r, err)
		return
	}
	p, perr := s.activityPageData(r, rm)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Activity = a
	p.Error = budaya.AsError(err).Text(p.Lang)
	form.ValueCodes = cleanList(form.ValueCodes)
	p.Form = form
	if a != nil {
		p.Line = form.Line
	}
	s.render(w, r, http.StatusUnprocessableEntity, "activity", p)
}

func cleanList(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.ToUpper(strings.TrimSpace(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// formOfActivity fills the edit form from a stored activity.
func formOfActivity(a *budaya.Activity, pic string) activityForm {
	f := activityForm{PIC: pic, Behaviours: strings.Join(a.BehaviourCodes, ", ")}
	f.ProgrammeID, f.Code, f.Name, f.Description = a.ProgrammeID, a.Code, a.Name, a.Description
	f.ValueCodes, f.OwnerUnitID, f.Quarters = a.ValueCodes, a.OwnerUnitID, budaya.FormatQuarters(a.Quarters)
	f.Indicator, f.IndicatorUnit, f.Status = a.Indicator, a.IndicatorUnit, a.Status
	f.Target, f.Realisation = strconv.FormatInt(a.Target, 10), strconv.FormatInt(a.Realisation, 10)
	return f
}

func (s *Server) loadActivity(r *http.Request) (*budaya.Activity, *budaya.Roadmap, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	a, err := s.db.FindActivity(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	rm, err := s.db.FindRoadmap(r.Context(), a.RoadmapID)
	return a, rm, err
}

func (s *Server) handleActivityShow(w http.ResponseWriter, r *http.Request) {
	a, rm, err := s.loadActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderActivity(w, r, http.StatusOK, a, rm, nil, nil)
}

// renderActivity shows an activity; a refused budget line comes back in the add form with what to fix.
func (s *Server) renderActivity(w http.ResponseWriter, r *http.Request, status int, a *budaya.Activity, rm *budaya.Roadmap, line *budaya.BudgetLineInput, formErr error) {
	p, err := s.activityPageData(r, rm)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pic := ""
	if a.PICEmployeeID != 0 {
		if e, err := s.db.FindEmployee(r.Context(), a.PICEmployeeID); err == nil {
			pic = e.Identifier()
		}
	}
	p.Activity, p.Form = a, formOfActivity(a, pic)
	p.Line = budaya.BudgetLineInput{FiscalYear: strconv.Itoa(min(max(rm.StartYear, s.localToday().Year()), rm.EndYear)), FundingSource: "rupiah_murni"}
	if line != nil {
		p.Line = *line
	}
	if formErr != nil {
		p.Error = budaya.AsError(formErr).Text(p.Lang)
	}
	s.render(w, r, status, "activity", p)
}

func (s *Server) handleActivityUpdate(w http.ResponseWriter, r *http.Request) {
	a, rm, err := s.loadActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	form, err := s.activityFormOf(r)
	if err == nil {
		_, err = s.db.UpdateActivity(r.Context(), actor(r), a.ID, form.ActivityInput)
	}
	if err != nil {
		s.activityFormError(w, r, rm, a, form, err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(a.ID, 10)+"?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleActivityDelete(w http.ResponseWriter, r *http.Request) {
	a, _, err := s.loadActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.DeleteActivity(r.Context(), actor(r), a.ID); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/roadmaps/"+strconv.FormatInt(a.RoadmapID, 10)+"?msg=saved", http.StatusSeeOther)
}

func lineInputOf(r *http.Request) budaya.BudgetLineInput {
	return budaya.BudgetLineInput{FiscalYear: r.PostFormValue("fiscal_year"), Ceiling: r.PostFormValue("ceiling"), Realised: r.PostFormValue("realised"),
		FundingSource: r.PostFormValue("funding_source"), AccountCode: r.PostFormValue("account_code")}
}

func (s *Server) handleBudgetLineAdd(w http.ResponseWriter, r *http.Request) {
	a, rm, err := s.loadActivity(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in := lineInputOf(r)
	if _, err := s.db.AddBudgetLine(r.Context(), actor(r), a.ID, in); err != nil {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		s.renderActivity(w, r, http.StatusUnprocessableEntity, a, rm, &in, err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(a.ID, 10)+"?msg=saved#budget", http.StatusSeeOther)
}

func (s *Server) handleBudgetLineUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	l, err := s.db.UpdateBudgetLine(r.Context(), actor(r), id, lineInputOf(r))
	if budaya.ErrorCode(err) == budaya.EINVALID {
		// Back to the activity, saying which line and what to fix.
		if aid, perr := strconv.ParseInt(r.PostFormValue("activity_id"), 10, 64); perr == nil {
			if a, ferr := s.db.FindActivity(r.Context(), aid); ferr == nil {
				if rm, rerr := s.db.FindRoadmap(r.Context(), a.RoadmapID); rerr == nil {
					s.renderActivity(w, r, http.StatusUnprocessableEntity, a, rm, nil, err)
					return
				}
			}
		}
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/activities/"+strconv.FormatInt(l.ActivityID, 10)+"?msg=saved#budget", http.StatusSeeOther)
}

func (s *Server) handleBudgetLineDelete(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	back := "/roadmaps"
	if aid, err := strconv.ParseInt(r.PostFormValue("activity_id"), 10, 64); err == nil && aid > 0 {
		back = "/activities/" + strconv.FormatInt(aid, 10) + "?msg=saved#budget"
	}
	if err := s.db.DeleteBudgetLine(r.Context(), actor(r), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// queryYear reads ?year=YYYY, defaulting to def.
func queryYear(r *http.Request, def int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get("year"))
	if v == "" {
		return def, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 2000 || y > 2100 {
		return 0, budaya.Invalid("year", budaya.MsgFiscalYearMustBeFourDigitYear, v)
	}
	return y, nil
}

// localToday is the current time in the instansi's zone, for default years and dates.
func (s *Server) localToday() time.Time { return s.db.Now().In(s.loc) }

// unitCulture is what the unit page shows of the roadmap and the checklist:
// the unit's checklist score of the latest period, and its activities and
// budget of the current year.
type unitCulture struct {
	money
	P                 page
	Score             *budaya.ChecklistScore
	Period            string
	Year              int
	Activities        int
	Ceiling, Realised int64
}

func (s *Server) unitCulture(r *http.Request, p page, u *budaya.Unit) (*unitCulture, error) {
	ctx := r.Context()
	c := &unitCulture{P: p, Year: s.localToday().Year()}
	periods, err := s.db.ListChecklistPeriods(ctx)
	if err != nil {
		return nil, err
	}
	if len(periods) > 0 {
		scores, err := s.db.ChecklistScores(ctx, periods[0].ID)
		if err != nil {
			return nil, err
		}
		c.Period = periods[0].Name
		if sc, ok := scores[u.ID]; ok {
			c.Score = &sc
		}
	}
	acts, err := s.db.ListActivities(ctx, budaya.ActivityFilter{UnitID: u.ID, Year: c.Year})
	if err != nil {
		return nil, err
	}
	for _, a := range acts {
		c.Activities++
		for _, l := range a.Budget {
			if l.FiscalYear == c.Year {
				c.Ceiling += l.Ceiling
				c.Realised += l.Realised
			}
		}
	}
	return c, nil
}
