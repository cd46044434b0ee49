package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/pdfdoc"
	"github.com/budaya-id/budaya/internal/qr"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/tabular"
)

// publicURL is the absolute address of path on this budaya, for links that
// leave the browser (QR codes on paper).
func (s *Server) publicURL(r *http.Request, path string) string {
	if s.baseURL != "" {
		return s.baseURL + path
	}
	scheme := "http"
	if r.TLS != nil || s.secure {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

func (s *Server) instansiName(ctx context.Context) string {
	name, err := s.db.Setting(ctx, store.SettingInstansiName, "")
	if err != nil || name == "" {
		return "Instansi"
	}
	return name
}

// localNow is the current time in the instansi's zone.
func (s *Server) localNow() time.Time { return s.db.Now().In(s.loc) }

// formDateTime parses an <input type="datetime-local"> value in the instansi's zone.
func formDateTime(v, field string, loc *time.Location) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, budaya.Invalid(field, budaya.MsgTimeNotValidWrite, v)
}

// formDate parses an <input type="date"> value as a calendar date (midnight UTC).
func formDate(v, field string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, budaya.Invalid(field, budaya.MsgDateNotValidWrite, v)
	}
	return t, nil
}

// canManage reports whether u administers alignment sessions.
func canManage(u *budaya.User) bool { return u.HasRole(budaya.RoleAdmin) }

type sessionListPage struct {
	page
	Sessions []budaya.AlignmentSession
	Pager    pager
	Now      time.Time
}

func (s *Server) handleAlignmentList(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	sc := readerFrom(r.Context()).Scope()
	f := budaya.SessionFilter{Scope: sc, EmployeeID: u.EmployeeID, Page: queryPage(r), PerPage: 25}
	list, total, err := s.db.ListAlignmentSessions(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "alignment_list", sessionListPage{page: s.newPage(r, "align.title"), Sessions: list,
		Pager: pager{Page: f.Page, PerPage: f.PerPage, Total: total}, Now: s.db.Now()})
}

type sessionFormPage struct {
	page
	Form         budaya.SessionInput
	StartsAt     string
	EndsAt       string
	Levels       []string
	ChosenLevels map[string]bool
	EditID       int64 // the session being changed; 0 plans a new one
}

func (s *Server) handleAlignmentNew(w http.ResponseWriter, r *http.Request) {
	start := s.localNow().Add(24 * time.Hour).Truncate(time.Hour)
	p := sessionFormPage{page: s.newPage(r, "align.new"), Form: budaya.SessionInput{PledgeTemplate: budaya.DefaultPledgeTemplate},
		StartsAt: start.Format("2006-01-02T15:04"), EndsAt: start.Add(3 * time.Hour).Format("2006-01-02T15:04"), Levels: budaya.UnitLevels,
		ChosenLevels: map[string]bool{budaya.LevelEselon1: true, budaya.LevelEselon2: true}}
	s.render(w, r, http.StatusOK, "alignment_form", p)
}

func (s *Server) handleAlignmentCreate(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	f := r.PostForm
	in := budaya.SessionInput{Title: f.Get("title"), Place: f.Get("place"), OnlineURL: f.Get("online_url"), Facilitator: f.Get("facilitator"),
		Agenda: f.Get("agenda"), PledgeTemplate: f.Get("pledge_template")}
	levels := f["levels"]
	err := func() error {
		var err error
		if in.StartsAt, err = formDateTime(f.Get("starts_at"), "starts_at", s.loc); err != nil {
			return err
		}
		if in.EndsAt, err = formDateTime(f.Get("ends_at"), "ends_at", s.loc); err != nil {
			return err
		}
		sess, err := s.db.CreateAlignmentSession(r.Context(), actor(r), in)
		if err != nil {
			return err
		}
		if len(levels) > 0 {
			if _, err := s.db.InviteByLevels(r.Context(), actor(r), sess.ID, levels); err != nil {
				return err
			}
		}
		http.Redirect(w, r, "/alignment/"+strconv.FormatInt(sess.ID, 10)+"?msg=saved", http.StatusSeeOther)
		return nil
	}()
	if err == nil {
		return
	}
	e := budaya.AsError(err)
	if e == nil || e.Code != budaya.EINVALID {
		s.renderError(w, r, err)
		return
	}
	p := sessionFormPage{page: s.newPage(r, "align.new"), Form: in, StartsAt: f.Get("starts_at"), EndsAt: f.Get("ends_at"),
		Levels: budaya.UnitLevels, ChosenLevels: map[string]bool{}}
	for _, l := range levels {
		p.ChosenLevels[l] = true
	}
	p.Error = e.Text(p.Lang)
	s.render(w, r, http.StatusUnprocessableEntity, "alignment_form", p)
}

// inviteeRow is one invitee on the session page, with their unit's pledge.
type inviteeRow struct {
	budaya.Invitee
	Pledge  *budaya.Pledge // the pledge in force, if signed
	CanSign bool           // the signed-in user may sign (or correct) for this unit
}

type sessionPage struct {
	page
	Session     *budaya.AlignmentSession
	Invitees    []inviteeRow
	Manage      bool
	Levels      []string
	CheckinOpen bool
	Attended    int
	Signed      int
	Commitments int
	Units       []budaya.Unit // open units, offered when inviting a unit's leader
	// The invitation form that failed: its field, what was typed, and why.
	InviteField, InviteValue, InviteError string
}

// loadSession returns the session of the path and whether the user may see
// it: admins and auditors see every session; others those that invite them
// (or a unit they act for) or a unit in their scope.
func (s *Server) loadSession(r *http.Request) (*budaya.AlignmentSession, []inviteeRow, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	ctx := r.Context()
	sess, err := s.db.FindAlignmentSession(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	u := userFrom(ctx)
	sc := readerFrom(ctx).Scope()
	inv, err := s.db.ListInvitees(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	mine := map[int64]bool{}
	if u.EmployeeID != 0 {
		own, err := s.db.InvitationsFor(ctx, id, u.EmployeeID, s.localNow())
		if err != nil {
			return nil, nil, err
		}
		for _, i := range own {
			mine[i.UnitID] = true
		}
	}
	pledges, _, err := s.db.ListPledges(ctx, budaya.PledgeFilter{SessionID: id, Scope: budaya.UnitScope{All: true}, PerPage: 500})
	if err != nil {
		return nil, nil, err
	}
	current := map[int64]*budaya.Pledge{}
	for i := range pledges {
		if pledges[i].Current() {
			current[pledges[i].UnitID] = &pledges[i]
		}
	}
	var rows []inviteeRow
	for _, i := range inv {
		if !sc.Contains(i.UnitPath) && !mine[i.UnitID] {
			continue
		}
		rows = append(rows, inviteeRow{Invitee: i, Pledge: current[i.UnitID], CanSign: mine[i.UnitID]})
	}
	if len(rows) == 0 && !sc.All {
		return nil, nil, budaya.NotFound(budaya.MsgAlignmentSessionNotFound)
	}
	return sess, rows, nil
}

func (s *Server) handleAlignmentShow(w http.ResponseWriter, r *http.Request) {
	s.renderSession(w, r, http.StatusOK, func(*sessionPage) {})
}

// renderSession renders the session page; fill sets what a failed form keeps.
func (s *Server) renderSession(w http.ResponseWriter, r *http.Request, status int, fill func(*sessionPage)) {
	sess, rows, err := s.loadSession(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := sessionPage{page: s.newPage(r, "align.session"), Session: sess, Invitees: rows, Manage: canManage(userFrom(r.Context())),
		Levels: budaya.UnitLevels, CheckinOpen: sess.CheckinOpen(s.db.Now())}
	for _, i := range rows {
		if i.Attended() {
			p.Attended++
		}
		if i.Pledge != nil {
			p.Signed++
		}
	}
	_, p.Commitments, err = s.db.ListCommitments(r.Context(), budaya.CommitmentFilter{SessionID: sess.ID, Scope: budaya.UnitScope{All: true}, PerPage: 1})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if p.Manage {
		if p.Units, _, err = s.db.ListUnits(r.Context(), budaya.UnitFilter{}); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	fill(&p)
	s.render(w, r, status, "alignment_session", p)
}

// handleAlignmentInvite invites the leaders of the chosen unit levels, one
// employee by NIP, or the leader of one unit by its name or code. A refused
// invitation shows the problem next to its field, with what was typed kept.
func (s *Server) handleAlignmentInvite(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	ctx := r.Context()
	field, value := "levels", ""
	if ident := strings.TrimSpace(r.PostForm.Get("employee")); ident != "" {
		field, value = "employee", ident
		var e *budaya.Employee
		e, err = s.db.FindEmployeeByIdentifier(ctx, ident)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			err = budaya.Invalid("employee", budaya.MsgNoEmployeeNIPIdentifierCheck, ident)
		}
		if err == nil {
			err = s.db.InviteEmployee(ctx, actor(r), id, e.ID, 0)
		}
	} else if name := strings.TrimSpace(r.PostForm.Get("unit")); name != "" || r.PostForm.Has("unit") {
		field, value = "unit", name
		var u *budaya.Unit
		if u, err = s.unitByName(ctx, name); err == nil {
			if u.LeaderEmployeeID == 0 {
				err = budaya.Invalid("unit", budaya.MsgUnitNoLeaderYetSet, u.Code, u.Name)
			} else {
				err = s.db.InviteEmployee(ctx, actor(r), id, u.LeaderEmployeeID, u.ID)
			}
		}
	} else {
		_, err = s.db.InviteByLevels(ctx, actor(r), id, r.PostForm["levels"])
	}
	if err != nil {
		if budaya.ErrorCode(err) != budaya.EINVALID {
			s.renderError(w, r, err)
			return
		}
		s.renderSession(w, r, http.StatusUnprocessableEntity, func(p *sessionPage) {
			p.InviteField, p.InviteValue, p.InviteError = field, value, budaya.AsError(err).Text(p.Lang)
		})
		return
	}
	http.Redirect(w, r, "/alignment/"+strconv.FormatInt(id, 10)+"?msg=saved#invitees", http.StatusSeeOther)
}

// unitByName finds the one open unit whose code or name is name (case does
// not matter), or, failing that, the one whose name contains it.
func (s *Server) unitByName(ctx context.Context, name string) (*budaya.Unit, error) {
	if name == "" {
		return nil, budaya.Invalid("unit", budaya.MsgWriteNameCodeUnit)
	}
	units, _, err := s.db.ListUnits(ctx, budaya.UnitFilter{Query: name})
	if err != nil {
		return nil, err
	}
	for i := range units {
		if strings.EqualFold(units[i].Code, name) || strings.EqualFold(units[i].Name, name) || strings.EqualFold(units[i].Code+" · "+units[i].Name, name) {
			return &units[i], nil
		}
	}
	switch len(units) {
	case 0:
		return nil, budaya.Invalid("unit", budaya.MsgNoUnitNamedChoose, name)
	case 1:
		return &units[0], nil
	}
	var names []string
	for i, u := range units {
		if i == 5 {
			names = append(names, "…")
			break
		}
		names = append(names, u.Code+" "+u.Name)
	}
	return nil, budaya.Invalid("unit", budaya.MsgMatchesUnitsWriteFull, name, len(units), strings.Join(names, "; "))
}

func (s *Server) handleAlignmentUninvite(w http.ResponseWriter, r *http.Request) {
	id, emp, err := twoPathIDs(r, "id", "employee")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.RemoveInvitee(r.Context(), actor(r), id, emp); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/alignment/"+strconv.FormatInt(id, 10)+"?msg=saved#invitees", http.StatusSeeOther)
}

// handleAlignmentTick lets an admin record an invitee as present.
func (s *Server) handleAlignmentTick(w http.ResponseWriter, r *http.Request) {
	id, emp, err := twoPathIDs(r, "id", "employee")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.CheckIn(r.Context(), actor(r), id, emp, budaya.CheckinAdmin, userFrom(r.Context()).Username); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/alignment/"+strconv.FormatInt(id, 10)+"?msg=checked_in#invitees", http.StatusSeeOther)
}

type qrPage struct {
	page
	Session *budaya.AlignmentSession
	Open    bool
	URL     string
}

func (s *Server) checkinURL(r *http.Request, sess *budaya.AlignmentSession) string {
	return s.publicURL(r, "/checkin/"+url.PathEscape(sess.CheckinToken))
}

// handleAlignmentQR shows the check-in QR code, on a page meant for a projector.
func (s *Server) handleAlignmentQR(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sess, err := s.db.FindAlignmentSession(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "alignment_qr", qrPage{page: s.newPage(r, "align.qr"), Session: sess, Open: sess.CheckinOpen(s.db.Now()),
		URL: s.checkinURL(r, sess)})
}

func (s *Server) handleAlignmentQRImage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sess, err := s.db.FindAlignmentSession(r.Context(), id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !sess.CheckinOpen(s.db.Now()) {
		s.renderError(w, r, errCheckinClosed(sess, s.loc))
		return
	}
	png, err := qr.PNG(s.checkinURL(r, sess), 640)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(png)
}

func errCheckinClosed(sess *budaya.AlignmentSession, loc *time.Location) error {
	from, to := sess.StartsAt.Add(-budaya.CheckinGrace).In(loc), sess.EndsAt.Add(budaya.CheckinGrace).In(loc)
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgQRCheckSessionWorks,
		from.Format("02-01-2006 15:04 MST"), to.Format("02-01-2006 15:04 MST"))
}

type checkinPage struct {
	page
	Session     *budaya.AlignmentSession
	Invitations []budaya.Invitee
}

// checkinData finds the session of the token, refuses outside the window,
// and lists what the signed-in user may check in for.
func (s *Server) checkinData(r *http.Request) (*budaya.AlignmentSession, []budaya.Invitee, error) {
	sess, err := s.db.FindAlignmentSessionByCheckinToken(r.Context(), r.PathValue("token"))
	if err != nil {
		return nil, nil, budaya.Errorf(budaya.ENOTFOUND, budaya.MsgCheckCodeNotKnown)
	}
	if !sess.CheckinOpen(s.db.Now()) {
		return nil, nil, errCheckinClosed(sess, s.loc)
	}
	u := userFrom(r.Context())
	var inv []budaya.Invitee
	if u.EmployeeID != 0 {
		if inv, err = s.db.InvitationsFor(r.Context(), sess.ID, u.EmployeeID, s.localNow()); err != nil {
			return nil, nil, err
		}
	}
	if len(inv) == 0 {
		return nil, nil, budaya.Errorf(budaya.EFORBIDDEN, budaya.MsgAccountNotInvitedSession, sess.Title)
	}
	return sess, inv, nil
}

func (s *Server) handleCheckinPage(w http.ResponseWriter, r *http.Request) {
	sess, inv, err := s.checkinData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "alignment_checkin", checkinPage{page: s.newPage(r, "align.checkin"), Session: sess, Invitations: inv})
}

func (s *Server) handleCheckin(w http.ResponseWriter, r *http.Request) {
	sess, inv, err := s.checkinData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	emp, err := strconv.ParseInt(r.PostFormValue("employee_id"), 10, 64)
	if err != nil {
		s.renderError(w, r, budaya.Invalid("employee_id", budaya.MsgChooseInvitationAttend))
		return
	}
	ok := false
	for _, i := range inv {
		ok = ok || i.EmployeeID == emp
	}
	if !ok {
		s.renderError(w, r, budaya.Forbidden())
		return
	}
	if err := s.db.CheckIn(r.Context(), actor(r), sess.ID, emp, budaya.CheckinQR, userFrom(r.Context()).DisplayName); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/alignment/"+strconv.FormatInt(sess.ID, 10)+"?msg=checked_in", http.StatusSeeOther)
}

// attendanceRows are the rows of the daftar hadir, for both export formats.
func (s *Server) attendanceRows(sess *budaya.AlignmentSession, inv []budaya.Invitee) [][]string {
	var rows [][]string
	for n, i := range inv {
		present, how := "", ""
		if i.Attended() {
			present = i.CheckedInAt.In(s.loc).Format("02-01-2006 15:04 MST")
			how = "QR"
			if i.CheckinMethod == budaya.CheckinAdmin {
				how = "admin"
			}
			if i.CheckedInBy != "" {
				how += " (" + i.CheckedInBy + ")"
			}
		}
		rows = append(rows, []string{strconv.Itoa(n + 1), i.Name, i.Position, i.UnitName, present, how})
	}
	return rows
}

// handleAttendancePDF writes the daftar hadir as a PDF. Its fingerprint (the
// SHA-256 of the rows) lets a reader compare two printed copies.
func (s *Server) handleAttendancePDF(w http.ResponseWriter, r *http.Request) {
	sess, inv, err := s.attendanceData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	rows := s.attendanceRows(sess, inv)
	h := sha256.New()
	for _, row := range rows {
		fmt.Fprintln(h, strings.Join(row, "\t"))
	}
	doc := pdfdoc.New(pdfdoc.Header{Instansi: s.instansiName(r.Context()), Title: "Daftar Hadir", Subtitle: sess.Title, Generated: s.localNow()})
	doc.Heading("Daftar Hadir " + sess.Title)
	place := sess.Place
	if sess.OnlineURL != "" {
		place = strings.TrimSpace(place + " " + sess.OnlineURL)
	}
	attended := 0
	for _, i := range inv {
		if i.Attended() {
			attended++
		}
	}
	doc.KV([][2]string{{"Waktu", sess.StartsAt.In(s.loc).Format("02-01-2006 15:04") + " - " + sess.EndsAt.In(s.loc).Format("15:04 MST")},
		{"Tempat", place}, {"Fasilitator", sess.Facilitator}, {"Hadir", fmt.Sprintf("%d dari %d undangan", attended, len(inv))}})
	doc.Table([]string{"No", "Nama", "Jabatan", "Unit kerja", "Hadir", "Presensi"}, []float64{9, 38, 38, 40, 25, 24}, rows)
	doc.Para("Kehadiran dicatat secara elektronik oleh budaya: melalui kode QR sesi oleh peserta yang masuk dengan akunnya sendiri, " +
		"atau dicentang oleh admin; setiap pencatatan tercantum di log audit.")
	doc.Mono("Sidik daftar (SHA-256): " + hex.EncodeToString(h.Sum(nil)))
	if err := s.auditExport(r, s.exportOf(r, "alignment_session", sess.ID, map[string]string{"what": "attendance", "format": "pdf"})); err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="daftar-hadir-`+strconv.FormatInt(sess.ID, 10)+`.pdf"`)
	if err := doc.Output(w); err != nil {
		s.log.ErrorContext(r.Context(), "attendance pdf", "err", err)
	}
}

func (s *Server) handleAttendanceExport(w http.ResponseWriter, r *http.Request) {
	sess, inv, err := s.attendanceData(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	audit := s.exportOf(r, "alignment_session", sess.ID, map[string]string{"what": "attendance", "format": "xlsx"})
	s.streamTable(w, r, audit, "daftar-hadir-"+strconv.FormatInt(sess.ID, 10), "xlsx", func(tw tabular.Writer) error {
		if err := tw.Header("no", "nama", "jabatan", "unit_kerja", "hadir", "presensi"); err != nil {
			return err
		}
		for _, row := range s.attendanceRows(sess, inv) {
			vals := make([]any, len(row))
			for i, v := range row {
				vals[i] = v
			}
			if err := tw.Row(vals...); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Server) attendanceData(r *http.Request) (*budaya.AlignmentSession, []budaya.Invitee, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	sess, err := s.db.FindAlignmentSession(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	inv, err := s.db.ListInvitees(r.Context(), id)
	return sess, inv, err
}

type delegationsPage struct {
	page
	Delegations []budaya.Delegation
	Now         time.Time
}

func (s *Server) handleDelegations(w http.ResponseWriter, r *http.Request) {
	s.renderDelegations(w, r, http.StatusOK, "")
}

func (s *Server) renderDelegations(w http.ResponseWriter, r *http.Request, status int, msg string) {
	list, err := s.db.ListDelegations(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	p := delegationsPage{page: s.newPage(r, "align.delegations"), Delegations: list, Now: s.localNow()}
	p.Error = msg
	s.render(w, r, status, "alignment_delegations", p)
}

func (s *Server) handleDelegationCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := func() error {
		unit, err := s.db.FindUnitByCode(ctx, r.PostFormValue("unit"))
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("unit", budaya.MsgNoUnitCode, r.PostFormValue("unit"))
		}
		if err != nil {
			return err
		}
		e, err := s.db.FindEmployeeByIdentifier(ctx, r.PostFormValue("employee"))
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("employee", budaya.MsgNoEmployeeNIPIdentifier, r.PostFormValue("employee"))
		}
		if err != nil {
			return err
		}
		d := budaya.Delegation{UnitID: unit.ID, EmployeeID: e.ID, Kind: r.PostFormValue("kind"), DecreeNumber: r.PostFormValue("decree_number")}
		if d.StartsOn, err = formDate(r.PostFormValue("starts_on"), "starts_on"); err != nil {
			return err
		}
		if d.EndsOn, err = formDate(r.PostFormValue("ends_on"), "ends_on"); err != nil {
			return err
		}
		_, err = s.db.CreateDelegation(ctx, actor(r), d)
		return err
	}()
	if e := budaya.AsError(err); e != nil && e.Code == budaya.EINVALID {
		s.renderDelegations(w, r, http.StatusUnprocessableEntity, e.Text(langOf(r)))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/alignment/delegations?msg=saved", http.StatusSeeOther)
}
