package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/budaya-id/budaya/internal/budaya"
)

// checklistRow is one unit's line in the score table.
type checklistRow struct {
	Unit  budaya.Unit
	Score budaya.ChecklistScore
}

// reporterUnit is a unit the signed-in user may report for, with its reports of the period.
type reporterUnit struct {
	Unit    budaya.Unit
	Reports map[int64]budaya.ChecklistReport // by criterion id
}

type checklistPage struct {
	page
	money
	Criteria  []budaya.ChecklistCriterion
	Periods   []budaya.ChecklistPeriod
	Period    *budaya.ChecklistPeriod
	Scores    []checklistRow
	Pending   []budaya.ChecklistReport
	Reporting []reporterUnit
	MaxPoints int
}

// ReportOf returns the unit's report on criterion id, if any.
func (checklistPage) ReportOf(ru reporterUnit, id int64) *budaya.ChecklistReport {
	if r, ok := ru.Reports[id]; ok {
		return &r
	}
	return nil
}

// reportableUnits are the units the reader leads or serves as agent.
func reportableUnits(rd budaya.Reader) []int64 {
	var out []int64
	for _, u := range append(slices.Clone(rd.Led), rd.Served...) {
		if !slices.Contains(out, u.ID) {
			out = append(out, u.ID)
		}
	}
	return out
}

func (s *Server) handleChecklist(w http.ResponseWriter, r *http.Request) {
	s.renderChecklist(w, r, http.StatusOK, nil)
}

func (s *Server) renderChecklist(w http.ResponseWriter, r *http.Request, status int, formErr error) {
	ctx := r.Context()
	u := userFrom(ctx)
	p := checklistPage{page: s.newPage(r, "checklist.title")}
	if formErr != nil {
		p.Error = budaya.AsError(formErr).Text(p.Lang)
	}
	var err error
	if p.Criteria, err = s.db.ListChecklistCriteria(ctx, u.HasRole(budaya.RoleAdmin)); err != nil {
		s.renderError(w, r, err)
		return
	}
	for _, c := range p.Criteria {
		if c.Active {
			p.MaxPoints += c.Points
		}
	}
	if p.Periods, err = s.db.ListChecklistPeriods(ctx); err != nil {
		s.renderError(w, r, err)
		return
	}
	want, _ := strconv.ParseInt(r.FormValue("period"), 10, 64)
	for i := range p.Periods {
		if p.Period == nil || p.Periods[i].ID == want {
			p.Period = &p.Periods[i]
		}
	}
	if p.Period != nil {
		scores, err := s.db.ChecklistScores(ctx, p.Period.ID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		units, _, err := s.db.ListUnits(ctx, budaya.UnitFilter{})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, un := range units {
			if sc, ok := scores[un.ID]; ok {
				p.Scores = append(p.Scores, checklistRow{Unit: un, Score: sc})
			}
		}
		if u.HasRole(budaya.RoleAdmin) {
			if p.Pending, err = s.db.ListChecklistReports(ctx, budaya.ChecklistReportFilter{PeriodID: p.Period.ID, Status: budaya.ChecklistSubmitted}); err != nil {
				s.renderError(w, r, err)
				return
			}
		}
		for _, uid := range reportableUnits(readerFrom(ctx)) {
			un, err := s.db.FindUnit(ctx, uid)
			if err != nil || un.Closed() {
				continue
			}
			reps, err := s.db.ListChecklistReports(ctx, budaya.ChecklistReportFilter{PeriodID: p.Period.ID, UnitID: uid})
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			ru := reporterUnit{Unit: *un, Reports: map[int64]budaya.ChecklistReport{}}
			for _, rep := range reps {
				ru.Reports[rep.CriterionID] = rep
			}
			p.Reporting = append(p.Reporting, ru)
		}
	}
	s.render(w, r, status, "checklist", p)
}

func (s *Server) checklistDone(w http.ResponseWriter, r *http.Request, err error) {
	if err == nil {
		http.Redirect(w, r, "/checklist?msg=saved&period="+r.FormValue("period"), http.StatusSeeOther)
		return
	}
	if budaya.ErrorCode(err) == budaya.EINVALID {
		s.renderChecklist(w, r, http.StatusUnprocessableEntity, err)
		return
	}
	s.renderError(w, r, err)
}

func (s *Server) handleChecklistCriterion(w http.ResponseWriter, r *http.Request) {
	_, err := s.db.CreateChecklistCriterion(r.Context(), actor(r), budaya.ChecklistCriterionInput{Code: r.PostFormValue("code"),
		Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), Points: r.PostFormValue("points")})
	s.checklistDone(w, r, err)
}

func (s *Server) handleChecklistPeriod(w http.ResponseWriter, r *http.Request) {
	_, err := s.db.CreateChecklistPeriod(r.Context(), actor(r), r.PostFormValue("name"), r.PostFormValue("starts_on"), r.PostFormValue("ends_on"))
	s.checklistDone(w, r, err)
}

func (s *Server) handleChecklistReport(w http.ResponseWriter, r *http.Request) {
	unitID, _ := strconv.ParseInt(r.FormValue("unit_id"), 10, 64)
	if unitID <= 0 {
		s.renderError(w, r, budaya.Invalid("unit_id", budaya.MsgChooseReportingUnit))
		return
	}
	if !slices.Contains(reportableUnits(readerFrom(r.Context())), unitID) {
		s.renderError(w, r, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgMayReportOnlyUnit))
		return
	}
	evs, err := s.receiveEvidence(r, "evidence", budaya.EvidenceInternal)
	if err != nil {
		s.checklistDone(w, r, err)
		return
	}
	var ids []int64
	for _, ev := range evs {
		ids = append(ids, ev.ID)
	}
	periodID, _ := strconv.ParseInt(r.FormValue("period"), 10, 64)
	criterionID, _ := strconv.ParseInt(r.FormValue("criterion_id"), 10, 64)
	_, err = s.db.ReportChecklist(r.Context(), actor(r), periodID, unitID, criterionID, r.FormValue("note"), ids)
	s.checklistDone(w, r, err)
}

func (s *Server) handleChecklistVerify(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	decision := r.PostFormValue("decision")
	if decision != "accept" && decision != "reject" {
		s.renderError(w, r, budaya.Invalid("decision", budaya.MsgChooseAcceptReject))
		return
	}
	s.checklistDone(w, r, s.db.VerifyChecklist(r.Context(), actor(r), id, decision == "accept", r.PostFormValue("comment")))
}
