package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// scopeCond is the SQL condition that keeps rows whose unit path column col
// lies in scope.
func scopeCond(col string, s budaya.UnitScope) (string, []any) {
	if s.All {
		return "1 = 1", nil
	}
	if len(s.Paths) == 0 {
		return "1 = 0", nil
	}
	var parts []string
	var args []any
	for _, p := range s.Paths {
		parts, args = append(parts, col+` LIKE ?`), append(args, likeEscape(p)+"%")
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

const sessionColumns = `id, title, starts_at, ends_at, place, online_url, facilitator, agenda, pledge_template, framework_id, checkin_token,
	COALESCE(created_by, 0), created_at, updated_at, ical_sequence, cancelled_at`

func scanAlignmentSession(row interface{ Scan(...any) error }) (*budaya.AlignmentSession, error) {
	var s budaya.AlignmentSession
	var cancelled sql.NullTime
	if err := row.Scan(&s.ID, &s.Title, &s.StartsAt, &s.EndsAt, &s.Place, &s.OnlineURL, &s.Facilitator, &s.Agenda, &s.PledgeTemplate,
		&s.FrameworkID, &s.CheckinToken, &s.CreatedBy, &s.CreatedAt, &s.UpdatedAt, &s.Sequence, &cancelled); err != nil {
		return nil, err
	}
	if cancelled.Valid {
		s.CancelledAt = cancelled.Time.UTC()
	}
	s.StartsAt, s.EndsAt, s.CreatedAt, s.UpdatedAt = s.StartsAt.UTC(), s.EndsAt.UTC(), s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return &s, nil
}

func findAlignmentSession(ctx context.Context, q rowQuerier, cond string, arg any) (*budaya.AlignmentSession, error) {
	s, err := scanAlignmentSession(q.queryRow(ctx, `SELECT `+sessionColumns+` FROM alignment_sessions WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgAlignmentSessionNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find alignment session: %w", err)
	}
	return s, nil
}

// FindAlignmentSession returns the alignment session with id.
func (db *DB) FindAlignmentSession(ctx context.Context, id int64) (*budaya.AlignmentSession, error) {
	return findAlignmentSession(ctx, db, `id = ?`, id)
}

// FindAlignmentSessionByCheckinToken returns the session whose QR check-in token is token.
func (db *DB) FindAlignmentSessionByCheckinToken(ctx context.Context, token string) (*budaya.AlignmentSession, error) {
	if token == "" {
		return nil, budaya.NotFound(budaya.MsgAlignmentSessionNotFound)
	}
	return findAlignmentSession(ctx, db, `checkin_token = ?`, token)
}

func sessionAudit(in budaya.SessionInput) map[string]any {
	return map[string]any{"title": in.Title, "starts_at": in.StartsAt, "ends_at": in.EndsAt, "place": in.Place, "online_url": in.OnlineURL,
		"facilitator": in.Facilitator, "agenda": in.Agenda, "pledge_template": in.PledgeTemplate}
}

// CreateAlignmentSession plans an alignment session on the framework version in force.
func (db *DB) CreateAlignmentSession(ctx context.Context, actor budaya.Actor, in budaya.SessionInput) (*budaya.AlignmentSession, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		return nil, err
	}
	token, err := randomToken(24)
	if err != nil {
		return nil, err
	}
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		now := db.Now()
		id, err = tx.insert(ctx, `INSERT INTO alignment_sessions (title, starts_at, ends_at, place, online_url, facilitator, agenda, pledge_template,
			framework_id, checkin_token, created_by, created_at, updated_at) VALUES (`+placeholders(13)+`)`,
			in.Title, in.StartsAt.UTC(), in.EndsAt.UTC(), in.Place, in.OnlineURL, in.Facilitator, in.Agenda, in.PledgeTemplate,
			f.ID, token, nullID(actor.UserID), now, now)
		if err != nil {
			return fmt.Errorf("insert alignment session: %w", err)
		}
		a := sessionAudit(in)
		a["framework_id"] = f.ID
		return tx.audit(ctx, actor, "create", "alignment_session", id, nil, a)
	})
	if err != nil {
		return nil, err
	}
	return db.FindAlignmentSession(ctx, id)
}

// UpdateAlignmentSession changes the plan of a session. Pledges already signed keep
// the text they were signed with.
func (db *DB) UpdateAlignmentSession(ctx context.Context, actor budaya.Actor, id int64, in budaya.SessionInput) (*budaya.AlignmentSession, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		old, err := findAlignmentSession(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if old.Cancelled() {
			return errSessionCancelled(old)
		}
		if _, err := tx.exec(ctx, `UPDATE alignment_sessions SET title = ?, starts_at = ?, ends_at = ?, place = ?, online_url = ?, facilitator = ?,
			agenda = ?, pledge_template = ?, updated_at = ? WHERE id = ?`, in.Title, in.StartsAt.UTC(), in.EndsAt.UTC(), in.Place, in.OnlineURL,
			in.Facilitator, in.Agenda, in.PledgeTemplate, db.Now(), id); err != nil {
			return fmt.Errorf("update alignment session %d: %w", id, err)
		}
		// What an invitee's calendar holds changed: send the update with a
		// higher SEQUENCE, so that their calendar replaces the old entry.
		if old.Title != in.Title || !old.StartsAt.Equal(in.StartsAt.UTC()) || !old.EndsAt.Equal(in.EndsAt.UTC()) || old.Place != in.Place ||
			old.OnlineURL != in.OnlineURL || old.Agenda != in.Agenda {
			if err := tx.bumpSequence(ctx, id); err != nil {
				return err
			}
			ids, err := tx.sessionInviteeIDs(ctx, id)
			if err != nil {
				return err
			}
			if err := tx.mailSession(ctx, id, SessionChanged, ids); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "update", "alignment_session", id, sessionAudit(budaya.SessionInput{Title: old.Title, StartsAt: old.StartsAt,
			EndsAt: old.EndsAt, Place: old.Place, OnlineURL: old.OnlineURL, Facilitator: old.Facilitator, Agenda: old.Agenda,
			PledgeTemplate: old.PledgeTemplate}), sessionAudit(in))
	})
	if err != nil {
		return nil, err
	}
	return db.FindAlignmentSession(ctx, id)
}

// ListAlignmentSessions returns a page of sessions, newest first, that invite a unit
// in f.Scope or the employee f.EmployeeID, and how many match.
func (db *DB) ListAlignmentSessions(ctx context.Context, f budaya.SessionFilter) ([]budaya.AlignmentSession, int, error) {
	cond, args := "1 = 1", []any(nil)
	if !f.Scope.All {
		sc, sargs := scopeCond("u.path", f.Scope)
		cond = `id IN (SELECT i.session_id FROM alignment_invitees i JOIN units u ON u.id = i.unit_id WHERE ` + sc + ` OR i.employee_id = ?)`
		args = append(sargs, f.EmployeeID)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM alignment_sessions WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count alignment sessions: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+sessionColumns+` FROM alignment_sessions WHERE `+cond+` ORDER BY starts_at DESC, id DESC LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list alignment sessions: %w", err)
	}
	out, err := scanAll(rows, scanAlignmentSession)
	return out, total, err
}

// leaderUnitOf returns the unit an employee commits for: the first open unit
// they lead, else their own unit.
func (tx *Tx) leaderUnitOf(ctx context.Context, e *budaya.Employee) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM units WHERE leader_employee_id = ? AND closed_at IS NULL ORDER BY depth, id LIMIT 1`, e.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return e.UnitID, nil
	}
	return id, err
}

// InviteEmployee invites one employee to a session, for unitID (0: the unit
// they lead, else their own unit).
func (db *DB) InviteEmployee(ctx context.Context, actor budaya.Actor, sessionID, employeeID, unitID int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		s, err := findAlignmentSession(ctx, tx, `id = ?`, sessionID)
		if err != nil {
			return err
		}
		if s.Cancelled() {
			return errSessionCancelled(s)
		}
		e, err := findEmployee(ctx, tx, `id = ?`, employeeID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("employee", budaya.MsgInvitedEmployeeDoesNotExist)
		}
		if err != nil {
			return err
		}
		if !e.Active {
			return budaya.Invalid("employee", budaya.MsgInactiveCannotBeInvited, e.FullName())
		}
		if unitID == 0 {
			if unitID, err = tx.leaderUnitOf(ctx, e); err != nil {
				return err
			}
		}
		if err := tx.invite(ctx, actor, sessionID, e, unitID); err != nil {
			return err
		}
		return tx.mailSession(ctx, sessionID, SessionInvited, []int64{e.ID})
	})
}

func (tx *Tx) invite(ctx context.Context, actor budaya.Actor, sessionID int64, e *budaya.Employee, unitID int64) error {
	var who string
	err := tx.queryRow(ctx, `SELECT e.name FROM alignment_invitees i JOIN employees e ON e.id = i.employee_id
		WHERE i.session_id = ? AND (i.unit_id = ? OR i.employee_id = ?)`, sessionID, unitID, e.ID).Scan(&who)
	if err == nil {
		return budaya.Invalid("employee", budaya.MsgAlreadyInvitedTheirUnit, e.FullName(), who)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO alignment_invitees (session_id, employee_id, unit_id, invited_at) VALUES (?, ?, ?, ?)`,
		sessionID, e.ID, unitID, tx.db.Now()); err != nil {
		return fmt.Errorf("invite employee %d: %w", e.ID, err)
	}
	return tx.audit(ctx, actor, "invite", "alignment_session", sessionID, nil, map[string]any{"employee_id": e.ID, "unit_id": unitID})
}

// InviteByLevels invites the leaders of every open unit of the given levels
// that has a leader and is not yet represented. It returns how many it added.
func (db *DB) InviteByLevels(ctx context.Context, actor budaya.Actor, sessionID int64, levels []string) (int, error) {
	if len(levels) == 0 {
		return 0, budaya.Invalid("levels", budaya.MsgChooseLeastOneUnit)
	}
	args := []any{sessionID}
	for _, l := range levels {
		if !oneOfLevels(l) {
			return 0, budaya.Invalid("levels", budaya.MsgUnknownUnitLevel, l)
		}
		args = append(args, l)
	}
	added := 0
	err := db.inTx(ctx, func(tx *Tx) error {
		s, err := findAlignmentSession(ctx, tx, `id = ?`, sessionID)
		if err != nil {
			return err
		}
		if s.Cancelled() {
			return errSessionCancelled(s)
		}
		rows, err := tx.query(ctx, `SELECT u.id, u.leader_employee_id FROM units u JOIN employees e ON e.id = u.leader_employee_id
			WHERE u.closed_at IS NULL AND e.active = ? AND u.id NOT IN (SELECT unit_id FROM alignment_invitees WHERE session_id = ?)
			AND u.leader_employee_id NOT IN (SELECT employee_id FROM alignment_invitees WHERE session_id = ?)
			AND u.level IN (`+placeholders(len(levels))+`) ORDER BY u.path`, append([]any{true, sessionID}, args...)...)
		if err != nil {
			return fmt.Errorf("leaders to invite: %w", err)
		}
		type pair struct{ unit, emp int64 }
		var todo []pair
		seen := map[int64]bool{}
		for rows.Next() {
			var p pair
			if err := rows.Scan(&p.unit, &p.emp); err != nil {
				rows.Close()
				return err
			}
			if !seen[p.emp] { // a leader of two units is invited once, for the higher one
				seen[p.emp] = true
				todo = append(todo, p)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		now := db.Now()
		for _, p := range todo {
			if _, err := tx.exec(ctx, `INSERT INTO alignment_invitees (session_id, employee_id, unit_id, invited_at) VALUES (?, ?, ?, ?)`,
				sessionID, p.emp, p.unit, now); err != nil {
				return fmt.Errorf("invite leader %d: %w", p.emp, err)
			}
		}
		added = len(todo)
		ids := make([]int64, len(todo))
		for i, p := range todo {
			ids[i] = p.emp
		}
		if err := tx.mailSession(ctx, sessionID, SessionInvited, ids); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "invite_levels", "alignment_session", sessionID, nil, map[string]any{"levels": levels, "invited": added})
	})
	return added, err
}

func oneOfLevels(l string) bool {
	for _, x := range budaya.UnitLevels {
		if x == l {
			return true
		}
	}
	return false
}

// RemoveInvitee withdraws an invitation that has no pledge yet.
func (db *DB) RemoveInvitee(ctx context.Context, actor budaya.Actor, sessionID, employeeID int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM pledges WHERE session_id = ? AND invitee_employee_id = ?`, sessionID, employeeID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgInvitationCannotBeWithdrawn)
		}
		res, err := tx.exec(ctx, `DELETE FROM alignment_invitees WHERE session_id = ? AND employee_id = ?`, sessionID, employeeID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return budaya.NotFound(budaya.MsgInvitationNotFound)
		}
		// The withdrawn invitee's calendar drops the session.
		if err := tx.bumpSequence(ctx, sessionID); err != nil {
			return err
		}
		if err := tx.mailSession(ctx, sessionID, SessionCancelled, []int64{employeeID}); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "uninvite", "alignment_session", sessionID, map[string]any{"employee_id": employeeID}, nil)
	})
}

const inviteeColumns = `i.session_id, i.employee_id, i.unit_id, e.name, e.front_title, e.back_title, e.position, u.name, u.level, u.path, i.invited_at,
	i.checked_in_at, COALESCE(i.checkin_method, ''), i.checked_in_by`

func scanInvitee(row interface{ Scan(...any) error }) (*budaya.Invitee, error) {
	var i budaya.Invitee
	var front, back string
	var checked sql.NullTime
	if err := row.Scan(&i.SessionID, &i.EmployeeID, &i.UnitID, &i.Name, &front, &back, &i.Position, &i.UnitName, &i.UnitLevel, &i.UnitPath, &i.InvitedAt,
		&checked, &i.CheckinMethod, &i.CheckedInBy); err != nil {
		return nil, err
	}
	e := budaya.Employee{Name: i.Name, FrontTitle: front, BackTitle: back}
	i.Name = e.FullName()
	i.InvitedAt = i.InvitedAt.UTC()
	if checked.Valid {
		i.CheckedInAt = checked.Time.UTC()
	}
	return &i, nil
}

const inviteeFrom = ` FROM alignment_invitees i JOIN employees e ON e.id = i.employee_id JOIN units u ON u.id = i.unit_id `

// ListInvitees returns the invitees of a session, by unit.
func (db *DB) ListInvitees(ctx context.Context, sessionID int64) ([]budaya.Invitee, error) {
	rows, err := db.query(ctx, `SELECT `+inviteeColumns+inviteeFrom+`WHERE i.session_id = ? ORDER BY u.path`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("list invitees: %w", err)
	}
	return scanAll(rows, scanInvitee)
}

// FindInvitee returns the invitation of employeeID to a session.
func (db *DB) FindInvitee(ctx context.Context, sessionID, employeeID int64) (*budaya.Invitee, error) {
	return findInvitee(ctx, db, `i.session_id = ? AND i.employee_id = ?`, sessionID, employeeID)
}

func findInvitee(ctx context.Context, q rowQuerier, cond string, args ...any) (*budaya.Invitee, error) {
	i, err := scanInvitee(q.queryRow(ctx, `SELECT `+inviteeColumns+inviteeFrom+`WHERE `+cond, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgInvitationNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find invitee: %w", err)
	}
	return i, nil
}

// InvitationsFor returns what employeeID may sign in a session: their own
// invitation, and those of units they act for (Plt./Plh.) on day.
func (db *DB) InvitationsFor(ctx context.Context, sessionID, employeeID int64, day time.Time) ([]budaya.Invitee, error) {
	rows, err := db.query(ctx, `SELECT `+inviteeColumns+inviteeFrom+`WHERE i.session_id = ? AND (i.employee_id = ? OR i.unit_id IN
		(SELECT unit_id FROM acting_delegations WHERE employee_id = ? AND starts_on <= ? AND ends_on >= ?)) ORDER BY u.path`,
		sessionID, employeeID, employeeID, dateOnly(day), dateOnly(day))
	if err != nil {
		return nil, fmt.Errorf("invitations for employee: %w", err)
	}
	return scanAll(rows, scanInvitee)
}

// dateOnly is midnight UTC of t's calendar day (in t's own location).
func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// CheckIn records that an invitee attends: through the QR code (the invitee
// or the official acting for their unit) or ticked off by an admin.
func (db *DB) CheckIn(ctx context.Context, actor budaya.Actor, sessionID, employeeID int64, method, by string) error {
	return db.RecordAttendance(ctx, actor, sessionID, employeeID, method, by, db.Now())
}

// RecordAttendance is CheckIn at a given time, for the demo data of a past session.
func (db *DB) RecordAttendance(ctx context.Context, actor budaya.Actor, sessionID, employeeID int64, method, by string, at time.Time) error {
	if method != budaya.CheckinQR && method != budaya.CheckinAdmin {
		return fmt.Errorf("check-in method %q", method)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		s, err := findAlignmentSession(ctx, tx, `id = ?`, sessionID)
		if err != nil {
			return err
		}
		if s.Cancelled() {
			return errSessionCancelled(s)
		}
		i, err := findInvitee(ctx, tx, `i.session_id = ? AND i.employee_id = ?`, sessionID, employeeID)
		if err != nil {
			return err
		}
		if i.Attended() {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgAlreadyRecordedPresentUTC,
				i.Name, i.CheckedInAt.Format("15:04"))
		}
		now := at.UTC()
		if _, err := tx.exec(ctx, `UPDATE alignment_invitees SET checked_in_at = ?, checkin_method = ?, checked_in_by = ? WHERE session_id = ? AND employee_id = ?`,
			now, method, by, sessionID, employeeID); err != nil {
			return fmt.Errorf("check in: %w", err)
		}
		return tx.audit(ctx, actor, "check_in", "alignment_session", sessionID, nil, map[string]any{"employee_id": employeeID, "method": method, "by": by})
	})
}

// CreateDelegation records that an employee acts (Plt./Plh.) as leader of a unit for a period.
func (db *DB) CreateDelegation(ctx context.Context, actor budaya.Actor, d budaya.Delegation) (*budaya.Delegation, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	d.StartsOn, d.EndsOn = dateOnly(d.StartsOn), dateOnly(d.EndsOn)
	err := db.inTx(ctx, func(tx *Tx) error {
		if _, err := findUnit(ctx, tx, `id = ?`, d.UnitID); err != nil {
			return err
		}
		e, err := findEmployee(ctx, tx, `id = ?`, d.EmployeeID)
		if err != nil {
			return err
		}
		if !e.Active {
			return budaya.Invalid("employee", budaya.MsgNotActive, e.FullName())
		}
		d.CreatedAt = db.Now()
		if d.ID, err = tx.insert(ctx, `INSERT INTO acting_delegations (unit_id, employee_id, kind, decree_number, starts_on, ends_on, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, d.UnitID, d.EmployeeID, d.Kind, d.DecreeNumber, d.StartsOn, d.EndsOn, nullID(actor.UserID), d.CreatedAt); err != nil {
			return fmt.Errorf("insert delegation: %w", err)
		}
		return tx.audit(ctx, actor, "create", "acting_delegation", d.ID, nil, map[string]any{"unit_id": d.UnitID, "employee_id": d.EmployeeID,
			"kind": d.Kind, "decree_number": d.DecreeNumber, "starts_on": d.StartsOn.Format(time.DateOnly), "ends_on": d.EndsOn.Format(time.DateOnly)})
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

const delegationSelect = `SELECT d.id, d.unit_id, d.employee_id, d.kind, d.decree_number, d.starts_on, d.ends_on, COALESCE(d.created_by, 0), d.created_at,
	e.name, u.name FROM acting_delegations d JOIN employees e ON e.id = d.employee_id JOIN units u ON u.id = d.unit_id `

func scanDelegation(row interface{ Scan(...any) error }) (*budaya.Delegation, error) {
	var d budaya.Delegation
	if err := row.Scan(&d.ID, &d.UnitID, &d.EmployeeID, &d.Kind, &d.DecreeNumber, &d.StartsOn, &d.EndsOn, &d.CreatedBy, &d.CreatedAt,
		&d.EmployeeName, &d.UnitName); err != nil {
		return nil, err
	}
	d.StartsOn, d.EndsOn, d.CreatedAt = dateOnly(d.StartsOn.UTC()), dateOnly(d.EndsOn.UTC()), d.CreatedAt.UTC()
	return &d, nil
}

// ListDelegations returns the delegations, newest first.
func (db *DB) ListDelegations(ctx context.Context) ([]budaya.Delegation, error) {
	rows, err := db.query(ctx, delegationSelect+`ORDER BY d.starts_on DESC, d.id DESC LIMIT 500`)
	if err != nil {
		return nil, fmt.Errorf("list delegations: %w", err)
	}
	return scanAll(rows, scanDelegation)
}

func activeDelegation(ctx context.Context, q rowQuerier, unitID, employeeID int64, day time.Time) (*budaya.Delegation, error) {
	d, err := scanDelegation(q.queryRow(ctx, delegationSelect+`WHERE d.unit_id = ? AND d.employee_id = ? AND d.starts_on <= ? AND d.ends_on >= ?
		ORDER BY d.id DESC LIMIT 1`, unitID, employeeID, dateOnly(day), dateOnly(day)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgActingAssignmentNotFound)
	}
	return d, err
}
