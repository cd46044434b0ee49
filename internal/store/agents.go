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

// AppointChangeAgent records the decree that makes an employee agen perubahan
// of a unit, and grants their account the agen_perubahan role for that unit
// (creating the account, as GrantEmployeeRole does, when there is none), in
// one transaction. The role is what the routes check; the appointment is the
// record of who, by which decree, for how long.
func (db *DB) AppointChangeAgent(ctx context.Context, actor budaya.Actor, in budaya.ChangeAgentInput) (*budaya.ChangeAgent, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		u, err := findUnit(ctx, tx, `id = ?`, in.UnitID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("unit_id", budaya.MsgUnitNotFound)
		}
		if err != nil {
			return err
		}
		if u.Closed() {
			return budaya.Invalid("unit_id", budaya.MsgUnitClosed, u.Code, u.Name)
		}
		e, err := findEmployee(ctx, tx, `id = ?`, in.EmployeeID)
		if budaya.ErrorCode(err) == budaya.ENOTFOUND {
			return budaya.Invalid("employee_id", budaya.MsgEmployeeNotFound)
		}
		if err != nil {
			return err
		}
		if !e.Active {
			return budaya.Invalid("employee_id", budaya.MsgNotActive, e.FullName())
		}
		var overlap int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM change_agents WHERE unit_id = ? AND employee_id = ? AND ended_at IS NULL
			AND starts_on <= ? AND ends_on >= ?`, in.UnitID, in.EmployeeID, in.Ends, in.Starts).Scan(&overlap); err != nil {
			return err
		}
		if overlap > 0 {
			return budaya.Invalid("starts_on", budaya.MsgAlreadyAppointedChangeAgent, e.FullName(), u.Name)
		}
		userID, err := tx.employeeAccount(ctx, actor, e)
		if err != nil {
			return err
		}
		if id, err = tx.insert(ctx, `INSERT INTO change_agents (unit_id, employee_id, user_id, decree_number, starts_on, ends_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, in.UnitID, in.EmployeeID, userID, in.DecreeNumber, in.Starts, in.Ends, db.Now()); err != nil {
			return fmt.Errorf("insert change agent: %w", err)
		}
		// Check first: on PostgreSQL a refused duplicate insert would abort the whole transaction.
		var held int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM user_roles WHERE user_id = ? AND role = ? AND unit_id = ?`,
			userID, string(budaya.RoleAgenPerubahan), in.UnitID).Scan(&held); err != nil {
			return err
		}
		if held == 0 {
			if err := tx.grantRole(ctx, userID, budaya.RoleGrant{Role: budaya.RoleAgenPerubahan, UnitID: in.UnitID}); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "appoint", "change_agent", id, nil, map[string]any{"unit_id": in.UnitID, "employee_id": in.EmployeeID,
			"user_id": userID, "decree_number": in.DecreeNumber, "starts_on": in.StartsOn, "ends_on": in.EndsOn})
	})
	if err != nil {
		return nil, err
	}
	return db.FindChangeAgent(ctx, id)
}

// employeeAccount returns the id of the employee's account, creating one
// (username = NIP, role pegawai, no password yet) when there is none.
func (tx *Tx) employeeAccount(ctx context.Context, actor budaya.Actor, e *budaya.Employee) (int64, error) {
	var userID int64
	err := tx.queryRow(ctx, `SELECT id FROM app_users WHERE employee_id = ?`, e.ID).Scan(&userID)
	if err == nil {
		return userID, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("find account of employee %d: %w", e.ID, err)
	}
	username := budaya.UsernameFor(e)
	if userID, err = tx.insertUser(ctx, budaya.UserInput{Username: username, DisplayName: e.FullName(), EmployeeID: e.ID,
		Roles: []budaya.RoleGrant{{Role: budaya.RolePegawai}}}, ""); err != nil {
		return 0, err
	}
	return userID, tx.audit(ctx, actor, "create", "user", userID, nil, map[string]any{"username": username, "employee_id": e.ID})
}

// EndChangeAgent ends an appointment early. The agen_perubahan role for the
// unit is taken back unless another open appointment of the same person for
// the same unit still holds it.
func (db *DB) EndChangeAgent(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var unitID, userID int64
		var ended sql.NullTime
		err := tx.queryRow(ctx, `SELECT unit_id, user_id, ended_at FROM change_agents WHERE id = ?`, id).Scan(&unitID, &userID, &ended)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgChangeAgentNotFound)
		}
		if err != nil {
			return err
		}
		if ended.Valid {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgAppointmentAlreadyEnded)
		}
		if _, err := tx.exec(ctx, `UPDATE change_agents SET ended_at = ? WHERE id = ?`, db.Now(), id); err != nil {
			return fmt.Errorf("end change agent %d: %w", id, err)
		}
		var others int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM change_agents WHERE user_id = ? AND unit_id = ? AND ended_at IS NULL`, userID, unitID).Scan(&others); err != nil {
			return err
		}
		if others == 0 {
			if _, err := tx.exec(ctx, `DELETE FROM user_roles WHERE user_id = ? AND role = ? AND unit_id = ?`, userID, string(budaya.RoleAgenPerubahan), unitID); err != nil {
				return fmt.Errorf("revoke agen_perubahan: %w", err)
			}
		}
		return tx.audit(ctx, actor, "end", "change_agent", id, nil, map[string]any{"role_revoked": others == 0})
	})
}

const agentColumns = `c.id, c.unit_id, c.employee_id, c.user_id, c.decree_number, c.starts_on, c.ends_on, c.ended_at, c.created_at,
	u.code, u.name, e.name, COALESCE(e.nip, '')`

const agentFrom = ` FROM change_agents c JOIN units u ON u.id = c.unit_id JOIN employees e ON e.id = c.employee_id`

func scanAgent(row interface{ Scan(...any) error }) (*budaya.ChangeAgent, error) {
	var a budaya.ChangeAgent
	var ended sql.NullTime
	if err := row.Scan(&a.ID, &a.UnitID, &a.EmployeeID, &a.UserID, &a.DecreeNumber, &a.StartsOn, &a.EndsOn, &ended, &a.CreatedAt,
		&a.UnitCode, &a.UnitName, &a.EmployeeName, &a.NIP); err != nil {
		return nil, err
	}
	a.StartsOn, a.EndsOn = a.StartsOn.UTC(), a.EndsOn.UTC()
	if ended.Valid {
		a.EndedAt = ended.Time.UTC()
	}
	return &a, nil
}

// FindChangeAgent returns the appointment with id.
func (db *DB) FindChangeAgent(ctx context.Context, id int64) (*budaya.ChangeAgent, error) {
	a, err := scanAgent(db.queryRow(ctx, `SELECT `+agentColumns+agentFrom+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgChangeAgentNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find change agent %d: %w", id, err)
	}
	return a, nil
}

// ListChangeAgents returns appointments, by unit code then name.
func (db *DB) ListChangeAgents(ctx context.Context, f budaya.ChangeAgentFilter) ([]budaya.ChangeAgent, error) {
	var where []string
	var args []any
	if f.UnitID != 0 {
		where, args = append(where, "c.unit_id = ?"), append(args, f.UnitID)
	}
	if f.UserID != 0 {
		where, args = append(where, "c.user_id = ?"), append(args, f.UserID)
	}
	if !f.ActiveOn.IsZero() {
		where = append(where, "c.ended_at IS NULL AND c.starts_on <= ? AND c.ends_on >= ?")
		args = append(args, f.ActiveOn, f.ActiveOn)
	} else if !f.IncludeEnd {
		where = append(where, "c.ended_at IS NULL")
	}
	cond := whereClause(where)
	rows, err := db.query(ctx, `SELECT `+agentColumns+agentFrom+cond+` ORDER BY u.code, e.name, c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list change agents: %w", err)
	}
	return scanAll(rows, scanAgent)
}

// RecordAgentAction records what a change agent did for an activity of their
// unit, linking evidence already stored (see web.receiveEvidence).
func (db *DB) RecordAgentAction(ctx context.Context, actor budaya.Actor, agentID int64, in budaya.AgentActionInput, evidenceIDs []int64) (*budaya.AgentAction, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	agent, err := db.FindChangeAgent(ctx, agentID)
	if err != nil {
		return nil, err
	}
	if in.Done.Before(agent.StartsOn) || in.Done.After(agent.EndsOn) {
		return nil, budaya.Invalid("done_on", budaya.MsgDateLiesOutsideAgent,
			in.DoneOn, agent.StartsOn.Format("2006-01-02"), agent.EndsOn.Format("2006-01-02"))
	}
	act := budaya.AgentAction{AgentID: agentID, ActivityID: in.ActivityID, DoneOn: in.Done, Description: in.Description, EvidenceIDs: evidenceIDs}
	err = db.inTx(ctx, func(tx *Tx) error {
		var unitID int64
		err := tx.queryRow(ctx, `SELECT owner_unit_id FROM activities WHERE id = ?`, in.ActivityID).Scan(&unitID)
		if errors.Is(err, sql.ErrNoRows) {
			return budaya.Invalid("activity_id", budaya.MsgActivityNotFound)
		}
		if err != nil {
			return err
		}
		if unitID != agent.UnitID {
			return budaya.Invalid("activity_id", budaya.MsgActivityNotOwnedAgent, agent.UnitName)
		}
		act.CreatedAt = db.Now()
		if act.ID, err = tx.insert(ctx, `INSERT INTO agent_actions (agent_id, activity_id, done_on, description, created_at) VALUES (?, ?, ?, ?, ?)`,
			agentID, in.ActivityID, in.Done, in.Description, act.CreatedAt); err != nil {
			return fmt.Errorf("insert agent action: %w", err)
		}
		if err := tx.linkEvidence(ctx, "agent_action_evidence", "action_id", act.ID, evidenceIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "create", "agent_action", act.ID, nil, map[string]any{"agent_id": agentID, "activity_id": in.ActivityID,
			"done_on": in.DoneOn, "evidence": evidenceIDs})
	})
	if err != nil {
		return nil, err
	}
	return &act, nil
}

// ListAgentActions returns the actions of an agent, newest first; with month
// set (a first day of month), only that month's.
func (db *DB) ListAgentActions(ctx context.Context, agentID int64, month time.Time) ([]budaya.AgentAction, error) {
	q := `SELECT x.id, x.agent_id, x.activity_id, x.done_on, x.description, x.created_at, a.name FROM agent_actions x
		JOIN activities a ON a.id = x.activity_id WHERE x.agent_id = ?`
	args := []any{agentID}
	if !month.IsZero() {
		q += ` AND x.done_on >= ? AND x.done_on < ?`
		args = append(args, month, month.AddDate(0, 1, 0))
	}
	rows, err := db.query(ctx, q+` ORDER BY x.done_on DESC, x.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list agent actions: %w", err)
	}
	out := []budaya.AgentAction{}
	index := map[int64]int{}
	for rows.Next() {
		var x budaya.AgentAction
		if err := rows.Scan(&x.ID, &x.AgentID, &x.ActivityID, &x.DoneOn, &x.Description, &x.CreatedAt, &x.ActivityName); err != nil {
			rows.Close()
			return nil, err
		}
		x.DoneOn = x.DoneOn.UTC()
		index[x.ID] = len(out)
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = db.query(ctx, `SELECT e.action_id, `+evidenceColumns+` FROM agent_action_evidence e JOIN agent_actions x ON x.id = e.action_id
		JOIN evidence_files f ON f.id = e.evidence_id WHERE x.agent_id = ? ORDER BY e.evidence_id`, agentID)
	if err != nil {
		return nil, fmt.Errorf("agent action evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid int64
		var ev budaya.Evidence
		if err := scanEvidence(rows, &ev, &aid); err != nil {
			return nil, err
		}
		if i, ok := index[aid]; ok {
			out[i].EvidenceIDs = append(out[i].EvidenceIDs, ev.ID)
			out[i].Evidence = append(out[i].Evidence, ev)
		}
	}
	return out, rows.Err()
}

// LatestReportStatus is the status of the newest version of an agent's
// report of month (YYYY-MM), "" when there is none.
func (db *DB) LatestReportStatus(ctx context.Context, agentID int64, month string) (string, error) {
	var status string
	err := db.queryRow(ctx, `SELECT status FROM agent_reports WHERE agent_id = ? AND month = ? ORDER BY version DESC LIMIT 1`, agentID, month).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("latest agent report: %w", err)
	}
	return status, nil
}

// SubmitAgentReport submits the monthly report of a change agent as a new
// version: the first of its month, or the next after a returned one. A
// version still waiting for the leader is superseded, not overwritten; an
// approved month is closed. Evidence already stored (photos, attendance
// lists; see web.receiveEvidence) is attached to the new version.
func (db *DB) SubmitAgentReport(ctx context.Context, actor budaya.Actor, agentID int64, in budaya.AgentReportInput, evidenceIDs []int64) (*budaya.AgentReport, error) {
	if in.Today.IsZero() {
		in.Today = db.Now()
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	agent, err := db.FindChangeAgent(ctx, agentID)
	if err != nil {
		return nil, err
	}
	if err := budaya.MaySubmitAgentReport(agent, in.FirstDay, ""); err != nil {
		return nil, err
	}
	key := in.FirstDay.Format("2006-01")
	var id int64
	err = db.inTx(ctx, func(tx *Tx) error {
		var prevID int64
		var version int
		var status string
		err := tx.queryRow(ctx, `SELECT id, version, status FROM agent_reports WHERE agent_id = ? AND month = ? ORDER BY version DESC LIMIT 1`,
			agentID, key).Scan(&prevID, &version, &status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("latest agent report: %w", err)
		}
		if err := budaya.MaySubmitAgentReport(agent, in.FirstDay, status); err != nil {
			return err
		}
		if status == budaya.ReportSubmitted {
			if _, err := tx.exec(ctx, `UPDATE agent_reports SET status = ? WHERE id = ?`, budaya.ReportSuperseded, prevID); err != nil {
				return fmt.Errorf("supersede agent report %d: %w", prevID, err)
			}
		}
		if id, err = tx.insert(ctx, `INSERT INTO agent_reports (agent_id, month, version, summary, status, submitted_at) VALUES (?, ?, ?, ?, ?, ?)`,
			agentID, key, version+1, in.Summary, budaya.ReportSubmitted, db.Now()); err != nil {
			return fmt.Errorf("insert agent report: %w", err)
		}
		if err := tx.linkEvidence(ctx, "agent_report_evidence", "report_id", id, evidenceIDs); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "submit", "agent_report", id, nil, map[string]any{"agent_id": agentID, "month": key,
			"version": version + 1, "replaces": prevID, "evidence": evidenceIDs})
	})
	if err != nil {
		return nil, err
	}
	return db.FindAgentReport(ctx, id)
}

// DecideAgentReport approves or returns (with a comment) a submitted report.
// The actor must lead the agent's unit (budaya.MayDecideAgentReport).
func (db *DB) DecideAgentReport(ctx context.Context, actor budaya.Actor, reportID int64, approve bool, comment string) error {
	comment = strings.TrimSpace(comment)
	if !approve && comment == "" {
		return budaya.Invalid("comment", budaya.MsgSayWhatNeedsFixing)
	}
	if len([]rune(comment)) > 2000 {
		return budaya.Invalid("comment", budaya.MsgCommentMostCharacters)
	}
	rep, err := db.FindAgentReport(ctx, reportID)
	if err != nil {
		return err
	}
	rd, err := db.readerOfUser(ctx, actor.UserID)
	if err != nil {
		return err
	}
	if !budaya.MayDecideAgentReport(rd, rep) {
		return budaya.Forbidden()
	}
	status := budaya.ReportReturned
	if approve {
		status = budaya.ReportApproved
	}
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE agent_reports SET status = ?, comment = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = ?`,
			status, comment, nullID(actor.UserID), db.Now(), reportID, budaya.ReportSubmitted)
		if err != nil {
			return fmt.Errorf("decide agent report %d: %w", reportID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgReportBeenDecidedWait)
		}
		if err := tx.audit(ctx, actor, status, "agent_report", reportID, nil, map[string]any{"comment": comment}); err != nil {
			return err
		}
		if approve {
			return nil
		}
		rep.Status, rep.Comment = status, comment
		return tx.mailAgentReturned(ctx, rep)
	})
}

const reportColumns = `r.id, r.agent_id, r.month, r.version, r.summary, r.status, r.submitted_at, COALESCE(r.decided_by, 0), r.decided_at, r.comment, c.unit_id, u.name, e.name`
const reportFrom = ` FROM agent_reports r JOIN change_agents c ON c.id = r.agent_id JOIN units u ON u.id = c.unit_id JOIN employees e ON e.id = c.employee_id`

func scanReport(row interface{ Scan(...any) error }) (*budaya.AgentReport, error) {
	var r budaya.AgentReport
	var decided sql.NullTime
	if err := row.Scan(&r.ID, &r.AgentID, &r.Month, &r.Version, &r.Summary, &r.Status, &r.SubmittedAt, &r.DecidedBy, &decided, &r.Comment, &r.UnitID, &r.UnitName, &r.AgentName); err != nil {
		return nil, err
	}
	if decided.Valid {
		r.DecidedAt = decided.Time.UTC()
	}
	return &r, nil
}

// FindAgentReport returns the report with id, with the actions of its month.
func (db *DB) FindAgentReport(ctx context.Context, id int64) (*budaya.AgentReport, error) {
	r, err := scanReport(db.queryRow(ctx, `SELECT `+reportColumns+reportFrom+` WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgAgentReportNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find agent report %d: %w", id, err)
	}
	m, _ := budaya.ParseMonth(r.Month)
	if r.Actions, err = db.ListAgentActions(ctx, r.AgentID, m); err != nil {
		return nil, err
	}
	one := []budaya.AgentReport{*r}
	if err := db.attachReportEvidence(ctx, one); err != nil {
		return nil, err
	}
	return &one[0], nil
}

// ListAgentReports returns reports, newest month first.
func (db *DB) ListAgentReports(ctx context.Context, f budaya.AgentReportFilter) ([]budaya.AgentReport, error) {
	var where []string
	var args []any
	if f.AgentID != 0 {
		where, args = append(where, "r.agent_id = ?"), append(args, f.AgentID)
	}
	if f.UnitIDs != nil {
		if len(f.UnitIDs) == 0 {
			return []budaya.AgentReport{}, nil
		}
		where = append(where, "c.unit_id IN ("+placeholders(len(f.UnitIDs))+")")
		for _, id := range f.UnitIDs {
			args = append(args, id)
		}
	}
	if f.Status != "" {
		where, args = append(where, "r.status = ?"), append(args, f.Status)
	}
	cond := whereClause(where)
	rows, err := db.query(ctx, `SELECT `+reportColumns+reportFrom+cond+` ORDER BY r.month DESC, u.code, r.agent_id, r.version DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("list agent reports: %w", err)
	}
	out, err := scanAll(rows, scanReport)
	if err != nil {
		return nil, err
	}
	return out, db.attachReportEvidence(ctx, out)
}

const evidenceColumns = `f.id, f.blob_key, f.filename, f.content_type, f.size_bytes, f.sha256, f.scope, COALESCE(f.uploaded_by, 0), f.created_at`

func scanEvidence(row interface{ Scan(...any) error }, ev *budaya.Evidence, extra ...any) error {
	return row.Scan(append(extra, &ev.ID, &ev.BlobKey, &ev.Filename, &ev.ContentType, &ev.Size, &ev.SHA256, &ev.Scope, &ev.UploadedBy, &ev.CreatedAt)...)
}

// attachReportEvidence loads the files attached to each report.
func (db *DB) attachReportEvidence(ctx context.Context, reports []budaya.AgentReport) error {
	if len(reports) == 0 {
		return nil
	}
	index := map[int64]int{}
	ids := make([]any, len(reports))
	for i, r := range reports {
		index[r.ID], ids[i] = i, r.ID
	}
	rows, err := db.query(ctx, `SELECT l.report_id, `+evidenceColumns+` FROM agent_report_evidence l JOIN evidence_files f ON f.id = l.evidence_id
		WHERE l.report_id IN (`+placeholders(len(ids))+`) ORDER BY f.id`, ids...)
	if err != nil {
		return fmt.Errorf("agent report evidence: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var reportID int64
		var ev budaya.Evidence
		if err := scanEvidence(rows, &ev, &reportID); err != nil {
			return err
		}
		i := index[reportID]
		reports[i].Evidence = append(reports[i].Evidence, ev)
	}
	return rows.Err()
}
