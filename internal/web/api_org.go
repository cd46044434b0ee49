package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

type apiUnit struct {
	ID               int64      `json:"id"`
	Code             string     `json:"code"`
	Name             string     `json:"name"`
	Level            string     `json:"level"`
	ParentID         int64      `json:"parent_id,omitempty"`
	Path             string     `json:"path"`
	Depth            int        `json:"depth"`
	LeaderEmployeeID int64      `json:"leader_employee_id,omitempty"`
	ClosedAt         *time.Time `json:"closed_at,omitempty"`
}

type apiUnitDetail struct {
	apiUnit
	StaffCount        int            `json:"staff_count"`
	StaffCountSubtree int            `json:"staff_count_subtree"`
	Leader            *apiPerson     `json:"leader,omitempty"`
	ChangeAgents      []apiPerson    `json:"change_agents"`
	SubUnits          []apiUnit      `json:"sub_units"`
	Ancestors         []apiUnitBrief `json:"ancestors"`
}

type apiUnitBrief struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

type apiPerson struct {
	ID       int64  `json:"id"`
	NIP      string `json:"nip,omitempty"`
	FullName string `json:"full_name"`
	Position string `json:"position"`
}

type apiEmployee struct {
	ID           int64  `json:"id"`
	NIP          string `json:"nip,omitempty"`
	OtherID      string `json:"other_id,omitempty"`
	Name         string `json:"name"`
	FrontTitle   string `json:"front_title"`
	BackTitle    string `json:"back_title"`
	FullName     string `json:"full_name"`
	Position     string `json:"position"`
	PositionKind string `json:"position_kind"`
	Rank         string `json:"rank"`
	Status       string `json:"status"`
	UnitID       int64  `json:"unit_id"`
	SupervisorID int64  `json:"supervisor_id,omitempty"`
	Email        string `json:"email"`
	Active       bool   `json:"active"`
}

func toAPIUnit(u *budaya.Unit) apiUnit {
	out := apiUnit{ID: u.ID, Code: u.Code, Name: u.Name, Level: u.Level, ParentID: u.ParentID, Path: u.Path, Depth: u.Depth, LeaderEmployeeID: u.LeaderEmployeeID}
	if u.Closed() {
		t := u.ClosedAt
		out.ClosedAt = &t
	}
	return out
}

func toAPIPerson(e *budaya.Employee) apiPerson {
	return apiPerson{ID: e.ID, NIP: e.NIP, FullName: e.FullName(), Position: e.Position}
}

func toAPIEmployee(e *budaya.Employee) apiEmployee {
	return apiEmployee{ID: e.ID, NIP: e.NIP, OtherID: e.OtherID, Name: e.Name, FrontTitle: e.FrontTitle, BackTitle: e.BackTitle, FullName: e.FullName(),
		Position: e.Position, PositionKind: e.PositionKind, Rank: e.Rank, Status: e.Status, UnitID: e.UnitID, SupervisorID: e.SupervisorID,
		Email: e.Email, Active: e.Active}
}

// queryID reads an optional positive id from the query.
func queryID(r *http.Request, name string) (int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, budaya.Invalid(name, budaya.MsgParameterMustBeID, name)
	}
	return id, nil
}

// handleAPIUnits lists units: q (name or code), parent (children of), under
// (subtree of), closed=1 (include closed), page and per_page (default 100).
func (s *Server) handleAPIUnits(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := budaya.UnitFilter{Query: strings.TrimSpace(q.Get("q")), IncludeClosed: q.Get("closed") == "1", Page: queryPage(r), PerPage: 100}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 && n <= 500 {
		f.PerPage = n
	}
	var err error
	if f.ParentID, err = queryID(r, "parent"); err != nil {
		s.renderError(w, r, err)
		return
	}
	if f.UnderID, err = queryID(r, "under"); err != nil {
		s.renderError(w, r, err)
		return
	}
	f.Roots = q.Get("roots") == "1"
	units, total, err := s.db.ListUnits(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiUnit]{Items: []apiUnit{}, Total: total}
	for i := range units {
		out.Items = append(out.Items, toAPIUnit(&units[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIUnit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.unitPageData(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiUnitDetail{apiUnit: toAPIUnit(p.Unit), StaffCount: p.Direct, StaffCountSubtree: p.Subtree, ChangeAgents: []apiPerson{}, SubUnits: []apiUnit{}, Ancestors: []apiUnitBrief{}}
	if p.Leader != nil {
		l := toAPIPerson(p.Leader)
		out.Leader = &l
	}
	for i := range p.Agents {
		out.ChangeAgents = append(out.ChangeAgents, toAPIPerson(&p.Agents[i]))
	}
	for i := range p.Children {
		out.SubUnits = append(out.SubUnits, toAPIUnit(&p.Children[i].Unit))
	}
	for _, a := range p.Ancestors {
		out.Ancestors = append(out.Ancestors, apiUnitBrief{ID: a.ID, Code: a.Code, Name: a.Name})
	}
	writeJSON(w, http.StatusOK, out)
}

type apiUnitInput struct {
	Code             string `json:"code"`
	Name             string `json:"name"`
	Level            string `json:"level"`
	ParentID         int64  `json:"parent_id"`
	LeaderEmployeeID int64  `json:"leader_employee_id"`
}

func (s *Server) handleAPIUnitCreate(w http.ResponseWriter, r *http.Request) {
	var in apiUnitInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	u, err := s.db.CreateUnit(r.Context(), actor(r), budaya.Unit{Code: in.Code, Name: in.Name, Level: in.Level, ParentID: in.ParentID, LeaderEmployeeID: in.LeaderEmployeeID})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/units/"+strconv.FormatInt(u.ID, 10))
	writeJSON(w, http.StatusCreated, toAPIUnit(u))
}

// handleAPIEmployees lists employees: unit (id), subtree=1, q (name or NIP),
// inactive=1, page and per_page (default 50). A pimpinan sees only the units
// they lead.
func (s *Server) handleAPIEmployees(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.employeeFilterOf(r, 50)
	if errors.Is(err, errNoUnitsLed) {
		writeJSON(w, http.StatusOK, apiList[apiEmployee]{Items: []apiEmployee{}})
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	items, total, err := s.db.ListEmployees(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	out := apiList[apiEmployee]{Items: []apiEmployee{}, Total: total}
	for i := range items {
		out.Items = append(out.Items, toAPIEmployee(&items[i]))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleAPIEmployee(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e, _, err := s.visibleEmployee(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIEmployee(e))
}

type apiEmployeeInput struct {
	NIP          string `json:"nip"`
	OtherID      string `json:"other_id"`
	Name         string `json:"name"`
	FrontTitle   string `json:"front_title"`
	BackTitle    string `json:"back_title"`
	Position     string `json:"position"`
	PositionKind string `json:"position_kind"`
	Rank         string `json:"rank"`
	Status       string `json:"status"`
	UnitID       int64  `json:"unit_id"`
	SupervisorID int64  `json:"supervisor_id"`
	Email        string `json:"email"`
}

func (s *Server) handleAPIEmployeeCreate(w http.ResponseWriter, r *http.Request) {
	var in apiEmployeeInput
	if err := decodeJSON(w, r, &in); err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.db.CreateEmployee(r.Context(), actor(r), budaya.Employee{NIP: in.NIP, OtherID: in.OtherID, Name: in.Name, FrontTitle: in.FrontTitle,
		BackTitle: in.BackTitle, Position: in.Position, PositionKind: in.PositionKind, Rank: in.Rank, Status: in.Status, UnitID: in.UnitID,
		SupervisorID: in.SupervisorID, Email: in.Email})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/employees/"+strconv.FormatInt(e.ID, 10))
	writeJSON(w, http.StatusCreated, toAPIEmployee(e))
}
