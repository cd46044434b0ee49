package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

type employeeRow struct {
	budaya.Employee
	Unit *budaya.Unit
}

type employeeListPage struct {
	page
	Filter   budaya.EmployeeFilter
	UnitCode string
	Unit     *budaya.Unit
	Items    []employeeRow
	Pager    pager
	Scoped   bool // a pimpinan sees only their units
}

// errNoUnitsLed is what a pimpinan whose grant names no unit gets: an empty list and the reason.
var errNoUnitsLed = budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgLeaderRoleNotTied)

// employeeFilterOf reads the list filter from the query: unit (id) or
// unit_code, subtree=1, q, inactive=1, page; and limits it to the scope of the
// reader. A pimpinan without a unit filter sees the staff of every unit they
// lead, with the units below them.
func (s *Server) employeeFilterOf(r *http.Request, perPage int) (budaya.EmployeeFilter, *budaya.Unit, error) {
	q := r.URL.Query()
	f := budaya.EmployeeFilter{
		Query:           strings.TrimSpace(q.Get("q")),
		Subtree:         q.Get("subtree") == "1" || q.Get("subtree") == "true" || q.Get("subtree") == "on",
		IncludeInactive: q.Get("inactive") == "1" || q.Get("inactive") == "true" || q.Get("inactive") == "on",
		Page:            queryPage(r),
		PerPage:         perPage,
	}
	if n, err := strconv.Atoi(q.Get("per_page")); err == nil && n > 0 && n <= 500 {
		f.PerPage = n
	}
	var unit *budaya.Unit
	if code := strings.TrimSpace(q.Get("unit_code")); code != "" {
		u, err := s.db.FindUnitByCode(r.Context(), code)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return f, nil, budaya.Invalid("unit_code", budaya.MsgNoUnitCode, code)
		}
		if err != nil {
			return f, nil, err
		}
		unit = u
	} else if v := q.Get("unit"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return f, nil, budaya.Invalid("unit", budaya.MsgUnitParameterMustBeUnit)
		}
		u, err := s.db.FindUnit(r.Context(), id)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return f, nil, budaya.Invalid("unit", budaya.MsgNoUnitID, id)
		}
		if err != nil {
			return f, nil, err
		}
		unit = u
	}
	rd := readerFrom(r.Context())
	if !rd.SeesAll() {
		switch {
		case len(rd.Led) == 0:
			return f, nil, errNoUnitsLed
		case unit == nil:
			sc := rd.Scope()
			f.Scope = &sc
		case !budaya.MaySeeUnit(rd, unit.Path):
			return f, nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgMaySeeOnlyStaff)
		}
	}
	if unit != nil {
		f.UnitID = unit.ID
	}
	return f, unit, nil
}

// employeeRows pairs employees with their units.
func (s *Server) employeeRows(r *http.Request, es []budaya.Employee) ([]employeeRow, error) {
	var ids []int64
	for _, e := range es {
		ids = append(ids, e.UnitID)
	}
	units, err := s.db.FindUnits(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	out := make([]employeeRow, len(es))
	for i, e := range es {
		out[i] = employeeRow{Employee: e, Unit: units[e.UnitID]}
	}
	return out, nil
}

func (s *Server) handleEmployeeList(w http.ResponseWriter, r *http.Request) {
	p := employeeListPage{page: s.newPage(r, "employees.title")}
	f, unit, err := s.employeeFilterOf(r, 50)
	if err != nil {
		if errors.Is(err, errNoUnitsLed) {
			p.Error, p.Scoped = errNoUnitsLed.Text(p.Lang), true
			s.render(w, r, http.StatusOK, "employees", p)
			return
		}
		s.renderError(w, r, err)
		return
	}
	p.Filter, p.Unit = f, unit
	p.Scoped = !p.Has("admin") && !p.Has("auditor")
	if unit != nil {
		p.UnitCode = unit.Code
	}
	items, total, err := s.db.ListEmployees(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Items, err = s.employeeRows(r, items); err != nil {
		s.renderError(w, r, err)
		return
	}
	q := url.Values{}
	if f.Query != "" {
		q.Set("q", f.Query)
	}
	if unit != nil {
		q.Set("unit", strconv.FormatInt(unit.ID, 10))
	}
	if f.Subtree {
		q.Set("subtree", "1")
	}
	if f.IncludeInactive {
		q.Set("inactive", "1")
	}
	p.Pager = pager{Page: f.Page, PerPage: f.PerPage, Total: total, Query: q.Encode()}
	if r.Header.Get("HX-Request") != "" {
		s.renderBlock(w, r, http.StatusOK, "employees", "employee-results", p)
		return
	}
	s.render(w, r, http.StatusOK, "employees", p)
}

// visibleEmployee returns the employee with id when the user may see them:
// admins and auditors see everyone, a pimpinan the staff of the units they
// lead, everyone themselves. Others are told it does not exist.
func (s *Server) visibleEmployee(r *http.Request, id int64) (*budaya.Employee, *budaya.Unit, error) {
	e, err := s.db.FindEmployee(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.db.FindUnit(r.Context(), e.UnitID)
	if err != nil {
		return nil, nil, err
	}
	if !budaya.MaySeeEmployee(readerFrom(r.Context()), e, u.Path) {
		return nil, nil, budaya.NotFound(budaya.MsgEmployeeNotFound)
	}
	return e, u, nil
}

type roleRow struct {
	budaya.RoleGrant
	Unit *budaya.Unit
}

type employeePage struct {
	page
	Employee     *budaya.Employee
	Unit         *budaya.Unit
	Supervisor   *budaya.Employee
	Subordinates []budaya.Employee
	SubTotal     int
	Leads        []budaya.Unit
	Account      *budaya.User
	Roles        []roleRow
	GrantRoles   []budaya.Role
	Link         string
	LinkExpires  time.Time
	RoleUnit     string
	// Linked are the supervisor and staff whose page the viewer may open;
	// the others are named without a link that would answer 404.
	Linked map[int64]bool
}

func (s *Server) employeePageData(r *http.Request, id int64) (employeePage, error) {
	ctx := r.Context()
	p := employeePage{page: s.newPage(r, "employee.title"),
		GrantRoles: []budaya.Role{budaya.RolePegawai, budaya.RolePimpinan, budaya.RoleAgenPerubahan, budaya.RoleAuditor, budaya.RoleAdmin}}
	e, u, err := s.visibleEmployee(r, id)
	if err != nil {
		return p, err
	}
	p.Employee, p.Unit = e, u
	if e.SupervisorID != 0 {
		if p.Supervisor, err = s.db.FindEmployee(ctx, e.SupervisorID); err != nil {
			return p, err
		}
	}
	if p.Subordinates, p.SubTotal, err = s.db.ListEmployees(ctx, budaya.EmployeeFilter{SupervisorID: e.ID, PerPage: 20}); err != nil {
		return p, err
	}
	p.Linked = map[int64]bool{}
	named := append([]budaya.Employee{}, p.Subordinates...)
	if p.Supervisor != nil {
		named = append(named, *p.Supervisor)
	}
	for _, x := range named {
		if _, _, err := s.visibleEmployee(r, x.ID); err == nil {
			p.Linked[x.ID] = true
		} else if budaya.ErrorCode(err) != budaya.ENOTFOUND {
			return p, err
		}
	}
	acc, err := s.db.FindEmployeeUser(ctx, e.ID)
	switch {
	case err == nil:
		p.Account = acc
	case budaya.ErrorCode(err) != budaya.ENOTFOUND:
		return p, err
	}
	if p.Account != nil {
		var ids []int64
		for _, g := range p.Account.Roles {
			ids = append(ids, g.UnitID)
		}
		units, err := s.db.FindUnits(ctx, ids)
		if err != nil {
			return p, err
		}
		for _, g := range p.Account.Roles {
			p.Roles = append(p.Roles, roleRow{RoleGrant: g, Unit: units[g.UnitID]})
		}
	}
	return p, nil
}

func (s *Server) handleEmployeePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.employeePageData(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "employee", p)
}

// employeeForm is the employee form as typed, kept to show it again with an error.
type employeeForm struct {
	ID                                                  int64
	NIP, OtherID, Name, FrontTitle, BackTitle, Position string
	PositionKind, Rank, Status, UnitCode, Supervisor    string
	Email                                               string
	Active                                              bool
}

type employeeFormPage struct {
	page
	Form     employeeForm
	Kinds    []string
	Statuses []string
	Ranks    []string
}

func (s *Server) newEmployeeFormPage(r *http.Request, f employeeForm) employeeFormPage {
	title := "employee.new_title"
	if f.ID != 0 {
		title = "employee.edit_title"
	}
	return employeeFormPage{page: s.newPage(r, title), Form: f, Kinds: budaya.PositionKinds, Statuses: budaya.EmploymentStatuses, Ranks: budaya.Ranks}
}

func (s *Server) handleEmployeeNew(w http.ResponseWriter, r *http.Request) {
	f := employeeForm{Active: true, Status: budaya.StatusPNS, PositionKind: budaya.PositionPelaksana}
	if id, err := strconv.ParseInt(r.URL.Query().Get("unit"), 10, 64); err == nil {
		if u, err := s.db.FindUnit(r.Context(), id); err == nil {
			f.UnitCode = u.Code
		}
	}
	s.render(w, r, http.StatusOK, "employee_form", s.newEmployeeFormPage(r, f))
}

func (s *Server) handleEmployeeEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	e, err := s.db.FindEmployee(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := employeeForm{ID: e.ID, NIP: e.NIP, OtherID: e.OtherID, Name: e.Name, FrontTitle: e.FrontTitle, BackTitle: e.BackTitle, Position: e.Position,
		PositionKind: e.PositionKind, Rank: e.Rank, Status: e.Status, Email: e.Email, Active: e.Active}
	if u, err := s.db.FindUnit(r.Context(), e.UnitID); err == nil {
		f.UnitCode = u.Code
	}
	if e.SupervisorID != 0 {
		if sup, err := s.db.FindEmployee(r.Context(), e.SupervisorID); err == nil {
			f.Supervisor = sup.Identifier()
		}
	}
	s.render(w, r, http.StatusOK, "employee_form", s.newEmployeeFormPage(r, f))
}

func employeeFormOf(r *http.Request) employeeForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return employeeForm{NIP: v("nip"), OtherID: v("other_id"), Name: v("name"), FrontTitle: v("front_title"), BackTitle: v("back_title"),
		Position: v("position"), PositionKind: v("position_kind"), Rank: v("rank"), Status: v("status"), UnitCode: v("unit_code"),
		Supervisor: v("supervisor"), Email: v("email"), Active: r.PostFormValue("active") != ""}
}

// employeeOf resolves the codes and identifiers typed in the form.
func (s *Server) employeeOf(r *http.Request, f employeeForm) (budaya.Employee, error) {
	e := budaya.Employee{NIP: f.NIP, OtherID: f.OtherID, Name: f.Name, FrontTitle: f.FrontTitle, BackTitle: f.BackTitle, Position: f.Position,
		PositionKind: f.PositionKind, Rank: f.Rank, Status: f.Status, Email: f.Email, Active: f.Active}
	var err error
	if f.UnitCode == "" {
		return e, budaya.Invalid("unit_code", budaya.MsgEnterCodeEmployeeUnit)
	}
	if e.UnitID, err = s.resolveUnitCode(r, "unit_code", f.UnitCode); err != nil {
		return e, err
	}
	if e.SupervisorID, err = s.resolveEmployee(r, "supervisor", f.Supervisor); err != nil {
		return e, err
	}
	return e, nil
}

func (s *Server) employeeFormError(w http.ResponseWriter, r *http.Request, f employeeForm, err error) {
	e := budaya.AsError(err)
	if e == nil || e.Code != budaya.EINVALID {
		s.renderError(w, r, err)
		return
	}
	p := s.newEmployeeFormPage(r, f)
	p.Error = e.Text(p.Lang)
	s.render(w, r, http.StatusUnprocessableEntity, "employee_form", p)
}

func (s *Server) handleEmployeeCreate(w http.ResponseWriter, r *http.Request) {
	f := employeeFormOf(r)
	f.Active = true
	in, err := s.employeeOf(r, f)
	if err != nil {
		s.employeeFormError(w, r, f, err)
		return
	}
	e, err := s.db.CreateEmployee(r.Context(), actor(r), in)
	if err != nil {
		s.employeeFormError(w, r, f, err)
		return
	}
	http.Redirect(w, r, "/employees/"+strconv.FormatInt(e.ID, 10)+"?msg=saved", http.StatusSeeOther)
}

func (s *Server) handleEmployeeUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.db.FindEmployee(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := employeeFormOf(r)
	f.ID = id
	in, err := s.employeeOf(r, f)
	if err != nil {
		s.employeeFormError(w, r, f, err)
		return
	}
	if _, err := s.db.UpdateEmployee(r.Context(), actor(r), id, in); err != nil {
		s.employeeFormError(w, r, f, err)
		return
	}
	http.Redirect(w, r, "/employees/"+strconv.FormatInt(id, 10)+"?msg=saved", http.StatusSeeOther)
}

// employeeActionError shows the employee page again with what went wrong.
func (s *Server) employeeActionError(w http.ResponseWriter, r *http.Request, id int64, roleUnit string, err error) {
	e := budaya.AsError(err)
	if e == nil || (e.Code != budaya.EINVALID && e.Code != budaya.ECONFLICT) {
		s.renderError(w, r, err)
		return
	}
	p, perr := s.employeePageData(r, id)
	if perr != nil {
		s.renderError(w, r, perr)
		return
	}
	p.Error, p.RoleUnit = e.Text(p.Lang), roleUnit
	s.render(w, r, http.StatusUnprocessableEntity, "employee", p)
}

func (s *Server) handleEmployeeGrantRole(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	unitCode := strings.TrimSpace(r.PostFormValue("unit_code"))
	err = func() error {
		role, err := budaya.ParseRole(r.PostFormValue("role"))
		if err != nil {
			return err
		}
		var unitID int64
		if budaya.UnitScoped(role) {
			if unitCode == "" {
				return budaya.Invalid("unit_code", budaya.MsgRoleMustBeTiedUnit, role)
			}
			if unitID, err = s.resolveUnitCode(r, "unit_code", unitCode); err != nil {
				return err
			}
		}
		_, err = s.db.GrantEmployeeRole(r.Context(), actor(r), id, budaya.RoleGrant{Role: role, UnitID: unitID})
		return err
	}()
	if err != nil {
		s.employeeActionError(w, r, id, unitCode, err)
		return
	}
	http.Redirect(w, r, "/employees/"+strconv.FormatInt(id, 10)+"?msg=role_granted", http.StatusSeeOther)
}

func (s *Server) handleEmployeeRevokeRole(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = func() error {
		acc, err := s.db.FindEmployeeUser(r.Context(), id)
		if err != nil {
			return err
		}
		role, err := budaya.ParseRole(r.PostFormValue("role"))
		if err != nil {
			return err
		}
		unitID, _ := strconv.ParseInt(r.PostFormValue("unit_id"), 10, 64)
		return s.db.RevokeRole(r.Context(), actor(r), acc.ID, budaya.RoleGrant{Role: role, UnitID: unitID})
	}()
	if err != nil {
		s.employeeActionError(w, r, id, "", err)
		return
	}
	http.Redirect(w, r, "/employees/"+strconv.FormatInt(id, 10)+"?msg=role_revoked", http.StatusSeeOther)
}

// handleEmployeePasswordLink makes a one-time link for the employee's account
// and shows it this once, for the admin to hand over.
func (s *Server) handleEmployeePasswordLink(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	acc, err := s.db.FindEmployeeUser(r.Context(), id)
	if budaya.ErrorCode(err) == budaya.ENOTFOUND {
		err = budaya.Invalid("account", budaya.MsgEmployeeNoAccountYetGrant)
	}
	if err != nil {
		s.employeeActionError(w, r, id, "", err)
		return
	}
	token, expires, err := s.db.CreatePasswordLink(r.Context(), actor(r), acc.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p, err := s.employeePageData(r, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	scheme := "http"
	if s.secure || r.TLS != nil {
		scheme = "https"
	}
	p.Link, p.LinkExpires = scheme+"://"+r.Host+"/password/"+token, expires
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "employee", p)
}

func (s *Server) handleEmployeeSetPassword(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	err = func() error {
		acc, err := s.db.FindEmployeeUser(r.Context(), id)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("account", budaya.MsgEmployeeNoAccountYetGrant)
		}
		if err != nil {
			return err
		}
		if r.PostFormValue("password") != r.PostFormValue("confirm_password") {
			return budaya.Invalid("confirm_password", budaya.MsgConfirmationDoesNotMatch)
		}
		return s.db.SetPassword(r.Context(), actor(r), acc.ID, r.PostFormValue("password"))
	}()
	if err != nil {
		s.employeeActionError(w, r, id, "", err)
		return
	}
	http.Redirect(w, r, "/employees/"+strconv.FormatInt(id, 10)+"?msg=password_set", http.StatusSeeOther)
}

type passwordLinkPage struct {
	page
	Token    string
	Username string
}

// handlePasswordLinkPage shows the form of a one-time link; it needs no session.
func (s *Server) handlePasswordLinkPage(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	u, err := s.db.FindPasswordLink(r.Context(), token)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, r, http.StatusOK, "password_link", passwordLinkPage{page: s.newPage(r, "pwlink.title"), Token: token, Username: u.Username})
}

func (s *Server) handlePasswordLinkSet(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	password := r.PostFormValue("password")
	err := func() error {
		if password != r.PostFormValue("confirm_password") {
			if _, err := s.db.FindPasswordLink(r.Context(), token); err != nil {
				return err
			}
			return budaya.Invalid("confirm_password", budaya.MsgConfirmationDoesNotMatch)
		}
		_, err := s.db.UsePasswordLink(r.Context(), token, password, clientIP(r))
		return err
	}()
	if err != nil {
		e := budaya.AsError(err)
		if e == nil || e.Code != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		lu, ferr := s.db.FindPasswordLink(r.Context(), token)
		if ferr != nil {
			s.renderError(w, r, ferr)
			return
		}
		p := passwordLinkPage{page: s.newPage(r, "pwlink.title"), Token: token, Username: lu.Username}
		p.Error = e.Text(p.Lang)
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusUnprocessableEntity, "password_link", p)
		return
	}
	http.Redirect(w, r, "/login?msg=password_set", http.StatusSeeOther)
}
