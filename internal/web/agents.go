package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// agentDesk is what one of the signed-in user's appointments shows: the unit's
// activities, what the agent recorded and the monthly reports.
type agentDesk struct {
	Agent      budaya.ChangeAgent
	Activities []budaya.Activity
	Actions    []budaya.AgentAction
	Reports    []reportMonth
}

// reportMonth is a month's report: its latest version, and the versions
// before it with the leader's comments, newest first.
type reportMonth struct {
	Latest  budaya.AgentReport
	Earlier []budaya.AgentReport
}

// byMonth groups report versions, listed newest month and version first,
// by agent and month.
func byMonth(reports []budaya.AgentReport) []reportMonth {
	var out []reportMonth
	for _, r := range reports {
		if n := len(out); n > 0 && out[n-1].Latest.AgentID == r.AgentID && out[n-1].Latest.Month == r.Month {
			out[n-1].Earlier = append(out[n-1].Earlier, r)
			continue
		}
		out = append(out, reportMonth{Latest: r})
	}
	return out
}

type agentsPage struct {
	page
	money
	Units     []budaya.Unit
	Agents    []budaya.ChangeAgent // admins and auditors: every open appointment
	Desks     []agentDesk          // agents: their own appointments
	ToDecide  []reportMonth        // leaders: reports of their units' agents awaiting a decision
	Decided   []budaya.AgentReport
	Form      budaya.ChangeAgentInput
	NIP       string
	Month     string // the report form's month (this month, or what was typed)
	MaxMonth  string // this month: later months are refused
	Summary   string // what was typed in the report form that failed
	Today     string
	FormAgent int64 // the desk whose form failed
}

func (s *Server) handleAgents(w http.ResponseWriter, r *http.Request) {
	s.renderAgents(w, r, http.StatusOK, nil, func(*agentsPage) {})
}

func (s *Server) renderAgents(w http.ResponseWriter, r *http.Request, status int, formErr error, fill func(*agentsPage)) {
	ctx := r.Context()
	u := userFrom(ctx)
	today := s.localToday()
	p := agentsPage{page: s.newPage(r, "agents.title"), Month: today.Format("2006-01"), MaxMonth: today.Format("2006-01"), Today: today.Format("2006-01-02")}
	p.Form.StartsOn, p.Form.EndsOn = today.Format("2006-01-02"), today.AddDate(2, 0, -1).Format("2006-01-02")
	fill(&p)
	if formErr != nil {
		p.Error = budaya.AsError(formErr).Text(p.Lang)
	}
	var err error
	if readerFrom(ctx).SeesAll() {
		if p.Agents, err = s.db.ListChangeAgents(ctx, budaya.ChangeAgentFilter{}); err != nil {
			s.renderError(w, r, err)
			return
		}
		if p.Units, _, err = s.db.ListUnits(ctx, budaya.UnitFilter{}); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	if u.HasRole(budaya.RoleAgenPerubahan) {
		mine, err := s.db.ListChangeAgents(ctx, budaya.ChangeAgentFilter{UserID: u.ID})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, a := range mine {
			d := agentDesk{Agent: a}
			if d.Activities, err = s.db.ListActivities(ctx, budaya.ActivityFilter{UnitID: a.UnitID}); err != nil {
				s.renderError(w, r, err)
				return
			}
			if d.Actions, err = s.db.ListAgentActions(ctx, a.ID, time.Time{}); err != nil {
				s.renderError(w, r, err)
				return
			}
			reports, err := s.db.ListAgentReports(ctx, budaya.AgentReportFilter{AgentID: a.ID})
			if err != nil {
				s.renderError(w, r, err)
				return
			}
			d.Reports = byMonth(reports)
			p.Desks = append(p.Desks, d)
		}
	}
	if u.HasRole(budaya.RolePimpinan) {
		reports, err := s.db.ListAgentReports(ctx, budaya.AgentReportFilter{UnitIDs: readerFrom(ctx).LedIDs()})
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, m := range byMonth(reports) {
			if m.Latest.Status == budaya.ReportSubmitted {
				full, err := s.db.FindAgentReport(ctx, m.Latest.ID)
				if err != nil {
					s.renderError(w, r, err)
					return
				}
				m.Latest = *full
				p.ToDecide = append(p.ToDecide, m)
			} else {
				p.Decided = append(p.Decided, m.Latest)
			}
		}
	}
	s.render(w, r, status, "agents", p)
}

func (s *Server) handleAgentAppoint(w http.ResponseWriter, r *http.Request) {
	in := budaya.ChangeAgentInput{DecreeNumber: r.PostFormValue("decree_number"), StartsOn: r.PostFormValue("starts_on"), EndsOn: r.PostFormValue("ends_on")}
	in.UnitID, _ = strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
	nip := strings.TrimSpace(r.PostFormValue("nip"))
	fail := func(err error) {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		s.renderAgents(w, r, http.StatusUnprocessableEntity, err, func(p *agentsPage) { p.Form, p.NIP = in, nip })
	}
	if nip == "" {
		fail(budaya.Invalid("nip", budaya.MsgEnterNIPEmployeeAppoint))
		return
	}
	e, err := s.db.FindEmployeeByIdentifier(r.Context(), nip)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		fail(budaya.Invalid("nip", budaya.MsgNoEmployeeNIP, nip))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	in.EmployeeID = e.ID
	if _, err := s.db.AppointChangeAgent(r.Context(), actor(r), in); err != nil {
		fail(err)
		return
	}
	http.Redirect(w, r, "/agents?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleAgentEnd(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.EndChangeAgent(r.Context(), actor(r), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/agents?msg=saved", http.StatusSeeOther)
}

// ownAppointment loads appointment {id} and refuses anyone but the agent holding it.
func (s *Server) ownAppointment(r *http.Request) (*budaya.ChangeAgent, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	a, err := s.db.FindChangeAgent(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !budaya.MayActAsAgent(readerFrom(r.Context()), a) {
		return nil, budaya.Forbidden()
	}
	return a, nil
}

func (s *Server) handleAgentAction(w http.ResponseWriter, r *http.Request) {
	a, err := s.ownAppointment(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// Evidence first: receiveEvidence checks every file and keeps none when one is refused.
	evs, err := s.receiveEvidence(r, "evidence", budaya.EvidenceInternal)
	in := budaya.AgentActionInput{DoneOn: r.PostFormValue("done_on"), Description: r.PostFormValue("description")}
	in.ActivityID, _ = strconv.ParseInt(r.PostFormValue("activity_id"), 10, 64)
	if err == nil {
		var ids []int64
		for _, ev := range evs {
			ids = append(ids, ev.ID)
		}
		_, err = s.db.RecordAgentAction(r.Context(), actor(r), a.ID, in, ids)
	}
	if err != nil {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		s.renderAgents(w, r, http.StatusUnprocessableEntity, err, func(p *agentsPage) { p.FormAgent = a.ID })
		return
	}
	http.Redirect(w, r, "/agents?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleAgentReport(w http.ResponseWriter, r *http.Request) {
	a, err := s.ownAppointment(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The fields are checked before any attachment is kept; receiveEvidence
	// then checks every file and keeps none when one is refused.
	err = parseUpload(r, "attachments")
	in := budaya.AgentReportInput{Month: r.PostFormValue("month"), Summary: r.PostFormValue("summary"), Today: s.localToday()}
	if err == nil {
		err = in.Validate()
	}
	if err == nil {
		var status string
		if status, err = s.db.LatestReportStatus(r.Context(), a.ID, in.FirstDay.Format("2006-01")); err == nil {
			err = budaya.MaySubmitAgentReport(a, in.FirstDay, status)
		}
	}
	var evs []budaya.Evidence
	if err == nil {
		evs, err = s.receiveEvidence(r, "attachments", budaya.EvidenceInternal)
	}
	if err == nil {
		var ids []int64
		for _, ev := range evs {
			ids = append(ids, ev.ID)
		}
		_, err = s.db.SubmitAgentReport(r.Context(), actor(r), a.ID, in, ids)
	}
	if err != nil {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		s.renderAgents(w, r, http.StatusUnprocessableEntity, err, func(p *agentsPage) {
			p.FormAgent, p.Month, p.Summary = a.ID, strings.TrimSpace(in.Month), in.Summary
		})
		return
	}
	http.Redirect(w, r, "/agents?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleAgentReportDecide(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	decision := r.PostFormValue("decision")
	if !slices.Contains([]string{"approve", "return"}, decision) {
		s.renderError(w, r, budaya.Invalid("decision", budaya.MsgChooseApproveReturn))
		return
	}
	if err := s.db.DecideAgentReport(r.Context(), actor(r), id, decision == "approve", r.PostFormValue("comment")); err != nil {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		s.renderAgents(w, r, http.StatusUnprocessableEntity, err, func(*agentsPage) {})
		return
	}
	http.Redirect(w, r, "/agents?msg=saved", http.StatusSeeOther)
}
