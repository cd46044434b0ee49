package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

type apiInvitee struct {
	EmployeeID  int64      `json:"employee_id"`
	Name        string     `json:"name"`
	Position    string     `json:"position"`
	UnitID      int64      `json:"unit_id"`
	UnitName    string     `json:"unit_name"`
	CheckedInAt *time.Time `json:"checked_in_at"`
	Method      string     `json:"checkin_method,omitempty"`
}

type apiAlignmentSession struct {
	ID             int64        `json:"id"`
	Title          string       `json:"title"`
	StartsAt       time.Time    `json:"starts_at"`
	EndsAt         time.Time    `json:"ends_at"`
	Place          string       `json:"place"`
	OnlineURL      string       `json:"online_url"`
	Facilitator    string       `json:"facilitator"`
	Agenda         string       `json:"agenda"`
	PledgeTemplate string       `json:"pledge_template"`
	FrameworkID    int64        `json:"framework_id"`
	Invitees       []apiInvitee `json:"invitees,omitempty"`
}

type apiPledge struct {
	ID             int64     `json:"id"`
	SessionID      int64     `json:"session_id"`
	UnitID         int64     `json:"unit_id"`
	UnitName       string    `json:"unit_name"`
	SignerName     string    `json:"signer_name"`
	SignerPosition string    `json:"signer_position"`
	Acting         string    `json:"acting"`
	DecreeNumber   string    `json:"decree_number"`
	Text           string    `json:"text"`
	SHA256         string    `json:"sha256"`
	SignedAt       time.Time `json:"signed_at"`
	SupersedesID   int64     `json:"supersedes_id,omitempty"`
	SupersededByID int64     `json:"superseded_by_id,omitempty"`
	Reason         string    `json:"reason"`
	Current        bool      `json:"current"`
	Genuine        bool      `json:"genuine"`
}

type apiCommitment struct {
	ID        int64     `json:"id"`
	SessionID int64     `json:"session_id,omitempty"`
	UnitID    int64     `json:"unit_id"`
	UnitName  string    `json:"unit_name"`
	Title     string    `json:"title"`
	Codes     []string  `json:"codes"`
	DueDate   string    `json:"due_date"`
	OwnerID   int64     `json:"owner_id"`
	OwnerName string    `json:"owner_name"`
	Measure   string    `json:"measure"`
	Status    string    `json:"status"`
	Overdue   bool      `json:"overdue"`
	UpdatedAt time.Time `json:"updated_at"`
}

func toAPISession(s *budaya.AlignmentSession) apiAlignmentSession {
	return apiAlignmentSession{ID: s.ID, Title: s.Title, StartsAt: s.StartsAt, EndsAt: s.EndsAt, Place: s.Place, OnlineURL: s.OnlineURL,
		Facilitator: s.Facilitator, Agenda: s.Agenda, PledgeTemplate: s.PledgeTemplate, FrameworkID: s.FrameworkID}
}

func toAPIPledge(p *budaya.Pledge) apiPledge {
	return apiPledge{ID: p.ID, SessionID: p.SessionID, UnitID: p.UnitID, UnitName: p.UnitName, SignerName: p.SignerName, SignerPosition: p.SignerPosition,
		Acting: budaya.ActingLabel(p.ActingKind), DecreeNumber: p.DecreeNumber, Text: p.Text, SHA256: p.SHA256, SignedAt: p.SignedAt,
		SupersedesID: p.SupersedesID, SupersededByID: p.SupersededByID, Reason: p.Reason, Current: p.Current(), Genuine: p.Genuine()}
}

func (s *Server) handleAPISessions(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	sc := readerFrom(r.Context()).Scope()
	list, total, err := s.db.ListAlignmentSessions(r.Context(), budaya.SessionFilter{Scope: sc, EmployeeID: u.EmployeeID, Page: queryPage(r), PerPage: 50})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiAlignmentSession]{Items: []apiAlignmentSession{}, Total: total}
	for i := range list {
		out.Items = append(out.Items, toAPISession(&list[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPISession(w http.ResponseWriter, r *http.Request) {
	sess, rows, err := s.loadSession(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := toAPISession(sess)
	out.Invitees = []apiInvitee{}
	for _, i := range rows {
		ai := apiInvitee{EmployeeID: i.EmployeeID, Name: i.Name, Position: i.Position, UnitID: i.UnitID, UnitName: i.UnitName, Method: i.CheckinMethod}
		if i.Attended() {
			t := i.CheckedInAt
			ai.CheckedInAt = &t
		}
		out.Invitees = append(out.Invitees, ai)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIPledges(w http.ResponseWriter, r *http.Request) {
	sc := readerFrom(r.Context()).Scope()
	var err error
	f := budaya.PledgeFilter{Scope: sc, Page: queryPage(r), PerPage: 50}
	if v := r.URL.Query().Get("session"); v != "" {
		if f.SessionID, err = strconv.ParseInt(v, 10, 64); err != nil {
			s.renderError(w, r, budaya.Invalid("session", budaya.MsgSessionParameterMustBeWhole))
			return
		}
	}
	list, total, err := s.db.ListPledges(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiPledge]{Items: []apiPledge{}, Total: total}
	for i := range list {
		out.Items = append(out.Items, toAPIPledge(&list[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIPledge(w http.ResponseWriter, r *http.Request) {
	p, err := s.loadPledge(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIPledge(p))
}

func (s *Server) handleAPICommitments(w http.ResponseWriter, r *http.Request) {
	p, err := s.commitmentsData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiCommitment]{Items: []apiCommitment{}, Total: p.Pager.Total}
	for _, c := range p.Commitments {
		out.Items = append(out.Items, apiCommitment{ID: c.ID, SessionID: c.SessionID, UnitID: c.UnitID, UnitName: c.UnitName, Title: c.Title,
			Codes: c.Codes, DueDate: c.DueDate.Format(time.DateOnly), OwnerID: c.OwnerID, OwnerName: c.OwnerName, Measure: c.Measure,
			Status: c.Status, Overdue: c.Overdue(p.Today), UpdatedAt: c.UpdatedAt})
	}
	writeJSON(w, http.StatusOK, out)
}
