package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/budaya-id/budaya/internal/budaya"
)

// The JSON shapes of the roadmap API, described in openapi/40-roadmap.json.

type apiPhase struct {
	Name      string `json:"name"`
	StartYear int    `json:"start_year"`
	EndYear   int    `json:"end_year"`
}

type apiProgramme struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type apiRoadmap struct {
	ID          int64          `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	StartYear   int            `json:"start_year"`
	EndYear     int            `json:"end_year"`
	FrameworkID int64          `json:"framework_id"`
	Phases      []apiPhase     `json:"phases"`
	Programmes  []apiProgramme `json:"programmes,omitempty"`
}

type apiBudgetLine struct {
	ID            int64  `json:"id,omitempty"`
	FiscalYear    int    `json:"fiscal_year"`
	Ceiling       int64  `json:"ceiling"`
	Realised      int64  `json:"realised"`
	FundingSource string `json:"funding_source"`
	AccountCode   string `json:"account_code"`
	OverCeiling   bool   `json:"over_ceiling"`
}

type apiActivity struct {
	ID            int64           `json:"id"`
	RoadmapID     int64           `json:"roadmap_id"`
	ProgrammeID   int64           `json:"programme_id"`
	ProgrammeCode string          `json:"programme_code"`
	Code          string          `json:"code"`
	Name          string          `json:"name"`
	Description   string          `json:"description"`
	Values        []string        `json:"values"`
	Behaviours    []string        `json:"behaviours"`
	OwnerUnitID   int64           `json:"owner_unit_id"`
	OwnerUnitCode string          `json:"owner_unit_code"`
	PICEmployeeID int64           `json:"pic_employee_id,omitempty"`
	Quarters      []string        `json:"quarters"`
	Indicator     string          `json:"indicator"`
	IndicatorUnit string          `json:"indicator_unit"`
	Target        int64           `json:"target"`
	Realisation   int64           `json:"realisation"`
	Status        string          `json:"status"`
	Budget        []apiBudgetLine `json:"budget"`
	Flags         []string        `json:"flags"`
}

func toAPIRoadmap(rm *budaya.Roadmap, progs []budaya.Programme) apiRoadmap {
	out := apiRoadmap{ID: rm.ID, Name: rm.Name, Description: rm.Description, StartYear: rm.StartYear, EndYear: rm.EndYear, FrameworkID: rm.FrameworkID, Phases: []apiPhase{}}
	for _, p := range rm.Phases {
		out.Phases = append(out.Phases, apiPhase{Name: p.Name, StartYear: p.StartYear, EndYear: p.EndYear})
	}
	for _, p := range progs {
		out.Programmes = append(out.Programmes, apiProgramme{ID: p.ID, Code: p.Code, Name: p.Name, Description: p.Description})
	}
	return out
}

func toAPIActivity(a *budaya.Activity) apiActivity {
	out := apiActivity{ID: a.ID, RoadmapID: a.RoadmapID, ProgrammeID: a.ProgrammeID, ProgrammeCode: a.ProgrammeCode, Code: a.Code, Name: a.Name,
		Description: a.Description, Values: []string{}, Behaviours: []string{}, OwnerUnitID: a.OwnerUnitID, OwnerUnitCode: a.OwnerUnitCode,
		PICEmployeeID: a.PICEmployeeID, Quarters: []string{}, Indicator: a.Indicator, IndicatorUnit: a.IndicatorUnit, Target: a.Target,
		Realisation: a.Realisation, Status: a.Status, Budget: []apiBudgetLine{}, Flags: []string{}}
	out.Values = append(out.Values, a.ValueCodes...)
	out.Behaviours = append(out.Behaviours, a.BehaviourCodes...)
	for _, q := range a.Quarters {
		out.Quarters = append(out.Quarters, q.String())
	}
	for _, l := range a.Budget {
		out.Budget = append(out.Budget, apiBudgetLine{ID: l.ID, FiscalYear: l.FiscalYear, Ceiling: l.Ceiling, Realised: l.Realised,
			FundingSource: l.FundingSource, AccountCode: l.AccountCode, OverCeiling: l.OverCeiling()})
	}
	out.Flags = append(out.Flags, a.Flags()...)
	return out
}

func (s *Server) handleAPIRoadmaps(w http.ResponseWriter, r *http.Request) {
	rs, err := s.db.ListRoadmaps(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiRoadmap]{Items: []apiRoadmap{}, Total: len(rs)}
	for i := range rs {
		out.Items = append(out.Items, toAPIRoadmap(&rs[i], nil))
	}
	writeJSON(w, http.StatusOK, out)
}

type apiRoadmapInput struct {
	Name        string     `json:"name"`
	Description string     `json:"description"`
	StartYear   int        `json:"start_year"`
	EndYear     int        `json:"end_year"`
	Phases      []apiPhase `json:"phases"`
	Programmes  []struct {
		Code        string `json:"code"`
		Name        string `json:"name"`
		Description string `json:"description"`
	} `json:"programmes"`
}

func (s *Server) handleAPIRoadmapCreate(w http.ResponseWriter, r *http.Request) {
	var in apiRoadmapInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	ri := budaya.RoadmapInput{Name: in.Name, Description: in.Description, StartYear: in.StartYear, EndYear: in.EndYear}
	for _, p := range in.Phases {
		ri.Phases = append(ri.Phases, budaya.Phase{Name: p.Name, StartYear: p.StartYear, EndYear: p.EndYear})
	}
	var progs []budaya.ProgrammeInput
	for _, p := range in.Programmes {
		progs = append(progs, budaya.ProgrammeInput{Code: p.Code, Name: p.Name, Description: p.Description})
	}
	rm, err := s.db.CreateRoadmapWithProgrammes(r.Context(), actor(r), ri, progs)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	ps, err := s.db.ListProgrammes(r.Context(), rm.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAPIRoadmap(rm, ps))
}

func (s *Server) handleAPIRoadmap(w http.ResponseWriter, r *http.Request) {
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
	ps, err := s.db.ListProgrammes(r.Context(), rm.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIRoadmap(rm, ps))
}

func queryInt(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, budaya.Invalid(name, budaya.MsgParameterMustBePositive, name)
	}
	return n, nil
}

func (s *Server) handleAPIActivities(w http.ResponseWriter, r *http.Request) {
	var f budaya.ActivityFilter
	var err error
	for name, dst := range map[string]*int64{"roadmap_id": &f.RoadmapID, "programme_id": &f.ProgrammeID, "unit_id": &f.UnitID} {
		if *dst, err = queryInt(r, name); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if f.Year, err = queryYear(r, 0); err != nil {
		s.renderError(w, r, err)
		return
	}
	f.ValueCode = strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("value")))
	as, err := s.db.ListActivities(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiActivity]{Items: []apiActivity{}, Total: len(as)}
	for i := range as {
		out.Items = append(out.Items, toAPIActivity(&as[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

type apiActivityInput struct {
	ProgrammeID   int64    `json:"programme_id"`
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Values        []string `json:"values"`
	Behaviours    []string `json:"behaviours"`
	OwnerUnitID   int64    `json:"owner_unit_id"`
	PICEmployeeID int64    `json:"pic_employee_id"`
	Quarters      []string `json:"quarters"`
	Indicator     string   `json:"indicator"`
	IndicatorUnit string   `json:"indicator_unit"`
	Target        int64    `json:"target"`
	Realisation   int64    `json:"realisation"`
	Status        string   `json:"status"`
	Budget        []struct {
		FiscalYear    int    `json:"fiscal_year"`
		Ceiling       int64  `json:"ceiling"`
		Realised      int64  `json:"realised"`
		FundingSource string `json:"funding_source"`
		AccountCode   string `json:"account_code"`
	} `json:"budget"`
}

func (s *Server) handleAPIActivityCreate(w http.ResponseWriter, r *http.Request) {
	var in apiActivityInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	ai := budaya.ActivityInput{ProgrammeID: in.ProgrammeID, Code: in.Code, Name: in.Name, Description: in.Description, ValueCodes: in.Values,
		BehaviourCodes: in.Behaviours, OwnerUnitID: in.OwnerUnitID, PICEmployeeID: in.PICEmployeeID, Quarters: strings.Join(in.Quarters, ","),
		Indicator: in.Indicator, IndicatorUnit: in.IndicatorUnit, Target: strconv.FormatInt(in.Target, 10),
		Realisation: strconv.FormatInt(in.Realisation, 10), Status: in.Status}
	if in.Target < 0 || in.Realisation < 0 {
		s.renderError(w, r, budaya.Invalid("target", budaya.MsgTargetRealisationCannotBeNegative))
		return
	}
	var lines []budaya.BudgetLineInput
	for _, l := range in.Budget {
		lines = append(lines, budaya.BudgetLineInput{FiscalYear: strconv.Itoa(l.FiscalYear), Ceiling: strconv.FormatInt(l.Ceiling, 10),
			Realised: strconv.FormatInt(l.Realised, 10), FundingSource: l.FundingSource, AccountCode: l.AccountCode})
	}
	a, err := s.db.CreateActivity(r.Context(), actor(r), ai, lines...)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, toAPIActivity(a))
}

func (s *Server) handleAPIActivity(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := s.db.FindActivity(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIActivity(a))
}

type apiBudgetRow struct {
	Key        string  `json:"key"`
	Label      string  `json:"label"`
	Ceiling    int64   `json:"ceiling"`
	Realised   int64   `json:"realised"`
	Absorption float64 `json:"absorption_percent"`
	Activities int     `json:"activities"`
	Over       bool    `json:"over_ceiling"`
}

type apiBudget struct {
	Year        int            `json:"year"`
	ValueRule   string         `json:"value_rule"`
	Total       apiBudgetRow   `json:"total"`
	ByUnit      []apiBudgetRow `json:"by_unit"`
	ByValue     []apiBudgetRow `json:"by_value"`
	ByProgramme []apiBudgetRow `json:"by_programme"`
}

func toAPIBudgetRows(rows []budaya.BudgetRow) []apiBudgetRow {
	out := []apiBudgetRow{}
	for _, r := range rows {
		out = append(out, toAPIBudgetRow(r))
	}
	return out
}

func toAPIBudgetRow(r budaya.BudgetRow) apiBudgetRow {
	return apiBudgetRow{Key: r.Key, Label: r.Label, Ceiling: r.Ceiling, Realised: r.Realised, Absorption: math.Round(r.Absorption()*10) / 10,
		Activities: r.Activities, Over: r.Over}
}

func (s *Server) handleAPIBudget(w http.ResponseWriter, r *http.Request) {
	year, err := queryYear(r, s.localToday().Year())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	roadmapID, err := queryInt(r, "roadmap_id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sum, err := s.db.Budget(r.Context(), year, roadmapID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, apiBudget{Year: year, ValueRule: "full_amount_per_value", Total: toAPIBudgetRow(sum.Total),
		ByUnit: toAPIBudgetRows(sum.ByUnit), ByValue: toAPIBudgetRows(sum.ByValue), ByProgramme: toAPIBudgetRows(sum.ByProgramme)})
}

type apiProposalLine struct {
	ActivityID    int64  `json:"activity_id"`
	ActivityCode  string `json:"activity_code"`
	ActivityName  string `json:"activity_name"`
	ProgrammeCode string `json:"programme_code"`
	FundingSource string `json:"funding_source"`
	Quarters      string `json:"quarters"`
	Amount        int64  `json:"amount"`
}

type apiProposalGroup struct {
	UnitCode    string            `json:"unit_code"`
	UnitName    string            `json:"unit_name"`
	AccountCode string            `json:"account_code"`
	AccountName string            `json:"account_name"`
	Amount      int64             `json:"amount"`
	Previous    int64             `json:"previous"`
	Change      int64             `json:"change"`
	Lines       []apiProposalLine `json:"lines"`
}

type apiProposal struct {
	Year     int                `json:"year"`
	Amount   int64              `json:"amount"`
	Previous int64              `json:"previous"`
	Change   int64              `json:"change"`
	Groups   []apiProposalGroup `json:"groups"`
}

func toAPIProposal(p budaya.BudgetProposal) apiProposal {
	out := apiProposal{Year: p.Year, Amount: p.Amount, Previous: p.Previous, Change: p.Change(), Groups: []apiProposalGroup{}}
	for _, g := range p.Groups {
		ag := apiProposalGroup{UnitCode: g.UnitCode, UnitName: g.UnitName, AccountCode: g.AccountCode, AccountName: g.AccountName,
			Amount: g.Amount, Previous: g.Previous, Change: g.Change(), Lines: []apiProposalLine{}}
		for _, l := range g.Lines {
			ag.Lines = append(ag.Lines, apiProposalLine{ActivityID: l.ActivityID, ActivityCode: l.ActivityCode, ActivityName: l.ActivityName,
				ProgrammeCode: l.ProgrammeCode, FundingSource: l.FundingSource, Quarters: l.Quarters, Amount: l.Amount})
		}
		out.Groups = append(out.Groups, ag)
	}
	return out
}

type apiProgressRow struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	UnitID    int64    `json:"unit_id,omitempty"`
	Planned   int      `json:"planned"`
	Running   int      `json:"running"`
	Done      int      `json:"done"`
	Cancelled int      `json:"cancelled"`
	Measured  int      `json:"measured"`
	Progress  float64  `json:"progress"`
	Checklist *float64 `json:"checklist_percent,omitempty"`
}

type apiRoadmapProgress struct {
	RoadmapID       int64            `json:"roadmap_id"`
	ByProgramme     []apiProgressRow `json:"by_programme"`
	ByUnit          []apiProgressRow `json:"by_unit"`
	ChecklistPeriod *string          `json:"checklist_period"`
}

// handleAPIRoadmapProgress is the progress tables of /roadmaps/{id} as JSON
// (budaya.RoadmapProgress), over the same filters: programme_id, unit_id,
// value.
func (s *Server) handleAPIRoadmapProgress(w http.ResponseWriter, r *http.Request) {
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
	f := budaya.ActivityFilter{RoadmapID: rm.ID, ValueCode: strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("value")))}
	for name, dst := range map[string]*int64{"programme_id": &f.ProgrammeID, "unit_id": &f.UnitID} {
		if *dst, err = queryInt(r, name); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	acts, err := s.db.ListActivities(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	byProg, byUnit, err := s.roadmapProgress(r.Context(), acts)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiRoadmapProgress{RoadmapID: rm.ID, ByProgramme: []apiProgressRow{}, ByUnit: []apiProgressRow{}}
	row := func(p progressRow) apiProgressRow {
		a := apiProgressRow{Code: p.Code, Name: p.Name, UnitID: p.UnitID, Planned: p.Planned, Running: p.Running, Done: p.Done,
			Cancelled: p.Cancelled, Measured: p.Measured, Progress: math.Round(p.Progress*10) / 10}
		if p.Score != nil {
			pct := math.Round(p.Score.Percent()*10) / 10
			a.Checklist = &pct
		}
		return a
	}
	for _, p := range byProg.Rows {
		out.ByProgramme = append(out.ByProgramme, row(p))
	}
	for _, p := range byUnit.Rows {
		out.ByUnit = append(out.ByUnit, row(p))
	}
	if byUnit.Period != "" {
		out.ChecklistPeriod = &byUnit.Period
	}
	writeJSON(w, http.StatusOK, out)
}
