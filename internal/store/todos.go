package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Todos counts what waits for one person, by role, for the home page.
type Todos struct {
	OpenTasks int       // their assessment tasks not yet answered, in open periods
	NextDue   time.Time // the nearest due date of those
	// Leaders: change-agent reports of their units waiting for a decision.
	ReportsToDecide int
	// Invitations to Leader Alignment Sessions not over yet whose pledge is
	// not signed, and the start of the next of them.
	Invitations    int
	NextInvitation time.Time
	// Change agents: reports returned with a comment, and whether this month's report is still to send.
	ReturnedReports int
	MonthReportDue  bool
	// Admins: mail that failed, open periods ending within a week, background jobs failed this week.
	FailedMail    int
	PeriodsEnding int
	FailedJobs    int
	LastFailedJob int64 // the newest of those
}

// TodosFor counts what waits for u at now (in the instansi's zone, for the
// report month); sc is the units u leads or reads.
func (db *DB) TodosFor(ctx context.Context, u *budaya.User, sc budaya.UnitScope, now time.Time) (Todos, error) {
	var t Todos
	count := func(dst *int, what, q string, args ...any) error {
		if err := db.queryRow(ctx, q, args...).Scan(dst); err != nil {
			return fmt.Errorf("to-dos, %s: %w", what, err)
		}
		return nil
	}
	if u.EmployeeID != 0 {
		const open = ` FROM measurement_tasks t JOIN measurement_periods p ON p.id = t.period_id
			WHERE t.rater_employee_id = ? AND t.status = 'open' AND p.status = 'open'`
		if err := count(&t.OpenTasks, "tasks", `SELECT COUNT(*)`+open, u.EmployeeID); err != nil {
			return t, err
		}
		if t.OpenTasks > 0 {
			if err := db.queryRow(ctx, `SELECT p.ends_at`+open+` ORDER BY p.ends_at LIMIT 1`, u.EmployeeID).Scan(&t.NextDue); err != nil {
				return t, fmt.Errorf("to-dos, due date: %w", err)
			}
		}
	}
	if u.EmployeeID != 0 {
		const invited = ` FROM alignment_invitees i JOIN alignment_sessions s ON s.id = i.session_id
			WHERE i.employee_id = ? AND s.ends_at > ?
			AND NOT EXISTS (SELECT 1 FROM pledges p WHERE p.session_id = i.session_id AND p.invitee_employee_id = i.employee_id)`
		if err := count(&t.Invitations, "invitations", `SELECT COUNT(*)`+invited, u.EmployeeID, now.UTC()); err != nil {
			return t, err
		}
		if t.Invitations > 0 {
			if err := db.queryRow(ctx, `SELECT s.starts_at`+invited+` ORDER BY s.starts_at LIMIT 1`, u.EmployeeID, now.UTC()).Scan(&t.NextInvitation); err != nil {
				return t, fmt.Errorf("to-dos, next invitation: %w", err)
			}
		}
	}
	if u.HasRole(budaya.RolePimpinan) || u.HasRole(budaya.RoleAdmin) {
		cond, args := scopeCond("u.path", sc)
		if err := count(&t.ReportsToDecide, "reports", `SELECT COUNT(*) FROM agent_reports r JOIN change_agents a ON a.id = r.agent_id JOIN units u ON u.id = a.unit_id
			WHERE r.status = 'submitted' AND `+cond, args...); err != nil {
			return t, err
		}
	}
	if u.HasRole(budaya.RoleAgenPerubahan) {
		if err := count(&t.ReturnedReports, "returned", `SELECT COUNT(*) FROM agent_reports r JOIN change_agents a ON a.id = r.agent_id
			WHERE a.user_id = ? AND a.ended_at IS NULL AND r.status = 'returned'`, u.ID); err != nil {
			return t, err
		}
		var missing int
		err := db.queryRow(ctx, `SELECT COUNT(*) FROM change_agents a WHERE a.user_id = ? AND a.ended_at IS NULL AND a.starts_on <= ?
			AND NOT EXISTS (SELECT 1 FROM agent_reports r WHERE r.agent_id = a.id AND r.month = ?)`, u.ID, now.UTC(), now.Format("2006-01")).Scan(&missing)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return t, fmt.Errorf("to-dos, month's report: %w", err)
		}
		t.MonthReportDue = missing > 0
	}
	if u.HasRole(budaya.RoleAdmin) {
		if err := count(&t.FailedMail, "mail", `SELECT COUNT(*) FROM mail_outbox WHERE status = 'failed'`); err != nil {
			return t, err
		}
		if err := count(&t.PeriodsEnding, "periods", `SELECT COUNT(*) FROM measurement_periods WHERE status = 'open' AND ends_at >= ? AND ends_at < ?`, now.UTC(), now.UTC().Add(7*24*time.Hour)); err != nil {
			return t, err
		}
		if err := count(&t.FailedJobs, "jobs", `SELECT COUNT(*) FROM jobs WHERE status = 'failed' AND finished_at >= ?`, now.UTC().Add(-7*24*time.Hour)); err != nil {
			return t, err
		}
		if t.FailedJobs > 0 {
			if err := db.queryRow(ctx, `SELECT MAX(id) FROM jobs WHERE status = 'failed'`).Scan(&t.LastFailedJob); err != nil {
				return t, fmt.Errorf("to-dos, failed job: %w", err)
			}
		}
	}
	return t, nil
}
