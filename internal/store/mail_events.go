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

// What a session's message tells its invitee.
const (
	SessionInvited   = "invited"   // a new invitation (METHOD:REQUEST)
	SessionChanged   = "changed"   // the time, place or title changed (METHOD:REQUEST, higher SEQUENCE)
	SessionCancelled = "cancelled" // the session, or this person's invitation, is called off (METHOD:CANCEL)
)

// Mailer composes the messages that events send. The store calls it inside
// the event's transaction, so that an event and its mail commit together or
// not at all. mail.Composer is the Mailer of budaya; without one (a CLI
// command, a test that does not look at mail) events send nothing.
type Mailer interface {
	// Session is the invitation, change or cancellation (what) of session s for to.
	Session(s *budaya.AlignmentSession, what string, to Recipient) (NewMail, error)
	// PledgeReceipt tells the signer that pledge p is signed, with its verification link.
	PledgeReceipt(p *budaya.Pledge, to Recipient) (NewMail, error)
	// AgentReportReturned tells a change agent that their report r came back with a comment.
	AgentReportReturned(r *budaya.AgentReport, to Recipient) (NewMail, error)
}

type mailerBox struct{ m Mailer }

// SetMailer sets the Mailer that composes the mail of events (nil: none).
// web.New sets it; it is safe to call while the database is in use.
func (db *DB) SetMailer(m Mailer) { db.mailer.Store(&mailerBox{m}) }

func (db *DB) currentMailer() Mailer {
	if b := db.mailer.Load(); b != nil {
		return b.m
	}
	return nil
}

// Recipient is a person a message is written to.
type Recipient struct {
	EmployeeID int64
	UserID     int64 // 0: no account
	Name       string
	Email      string
	Language   string // "id" or "en"
	DigestOff  bool   // the person turned the weekly digest off
}

const recipientSelect = `SELECT e.id, COALESCE(u.id, 0), e.front_title, e.name, e.back_title, e.email, COALESCE(u.language, 'id'),
	COALESCE(u.digest_off, ?) FROM employees e LEFT JOIN app_users u ON u.employee_id = e.id AND u.disabled = ? `

func scanRecipient(row interface{ Scan(...any) error }) (Recipient, error) {
	var r Recipient
	var e budaya.Employee
	if err := row.Scan(&r.EmployeeID, &r.UserID, &e.FrontTitle, &e.Name, &e.BackTitle, &r.Email, &r.Language, &r.DigestOff); err != nil {
		return r, err
	}
	r.Name = e.FullName()
	return r, nil
}

// recipients loads the active employees of ids who have an e-mail address, in the order of ids.
func recipients(ctx context.Context, q interface {
	query(context.Context, string, ...any) (*sql.Rows, error)
}, ids []int64) ([]Recipient, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{false, false, true} // digest_off of no account, u.disabled, e.active
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := q.query(ctx, recipientSelect+`WHERE e.active = ? AND e.email <> '' AND e.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("recipients: %w", err)
	}
	list, err := scanAll(rows, func(row interface{ Scan(...any) error }) (*Recipient, error) {
		r, err := scanRecipient(row)
		return &r, err
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Recipient, len(list))
	for _, r := range list {
		byID[r.EmployeeID] = r
	}
	out := make([]Recipient, 0, len(list))
	seen := map[int64]bool{}
	for _, id := range ids {
		if r, ok := byID[id]; ok && !seen[id] {
			seen[id] = true
			out = append(out, r)
		}
	}
	return out, nil
}

// FindRecipient returns employee id as a recipient; ok is false when they
// are inactive or have no e-mail address.
func (db *DB) FindRecipient(ctx context.Context, id int64) (Recipient, bool, error) {
	rs, err := recipients(ctx, db, []int64{id})
	if err != nil || len(rs) == 0 {
		return Recipient{}, false, err
	}
	return rs[0], true, nil
}

// queueOnce records key and queues m, unless key was recorded before (by this
// or another server): then it queues nothing and reports false.
func (tx *Tx) queueOnce(ctx context.Context, key string, m NewMail, now time.Time) (bool, error) {
	var k string
	err := tx.queryRow(ctx, `INSERT INTO mail_once (once_key, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING once_key`, key, now).Scan(&k)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record mail %s: %w", key, err)
	}
	if _, err := tx.queueMail(ctx, 0, m, now); err != nil {
		return false, err
	}
	return true, nil
}

// QueueOnce puts m in the outbox once for key, however many servers (or
// runs of a command) ask: it reports whether this call queued it. The audit
// entry names the kind and key, not the text.
func (db *DB) QueueOnce(ctx context.Context, actor budaya.Actor, key string, m NewMail) (bool, error) {
	queued := false
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if queued, err = tx.queueOnce(ctx, key, m, db.Now()); err != nil || !queued {
			return err
		}
		return tx.audit(ctx, actor, "queue", "mail", 0, nil, map[string]any{"kind": m.Kind, "key": key})
	})
	return queued, err
}

// OnceKeys returns which of keys were already recorded by QueueOnce.
func (db *DB) OnceKeys(ctx context.Context, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		part := keys[start:min(start+500, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		rows, err := db.query(ctx, `SELECT once_key FROM mail_once WHERE once_key IN (`+placeholders(len(part))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("mail keys: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// mailSession queues the message what of session id to the employees ids
// (those with an address), when a Mailer is set.
func (tx *Tx) mailSession(ctx context.Context, id int64, what string, ids []int64) error {
	m := tx.db.currentMailer()
	if m == nil || len(ids) == 0 {
		return nil
	}
	s, err := findAlignmentSession(ctx, tx, `id = ?`, id)
	if err != nil {
		return err
	}
	rs, err := recipients(ctx, tx, ids)
	if err != nil {
		return err
	}
	now := tx.db.Now()
	for _, r := range rs {
		msg, err := m.Session(s, what, r)
		if err != nil {
			return err
		}
		if _, err := tx.queueMail(ctx, 0, msg, now); err != nil {
			return err
		}
	}
	return nil
}

// sessionInviteeIDs lists the employees invited to session id.
func (tx *Tx) sessionInviteeIDs(ctx context.Context, id int64) ([]int64, error) {
	rows, err := tx.query(ctx, `SELECT employee_id FROM alignment_invitees WHERE session_id = ? ORDER BY employee_id`, id)
	if err != nil {
		return nil, fmt.Errorf("invitees of session %d: %w", id, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var e int64
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// bumpSequence raises the SEQUENCE of session id's calendar object.
func (tx *Tx) bumpSequence(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `UPDATE alignment_sessions SET ical_sequence = ical_sequence + 1 WHERE id = ?`, id)
	return err
}

func errSessionCancelled(s *budaya.AlignmentSession) error {
	return budaya.Errorf(budaya.ECONFLICT, budaya.MsgSessionCancelledCannotChange, s.Title)
}

// CancelAlignmentSession calls a session off: every invitee gets a
// cancellation (METHOD:CANCEL) in the same transaction. Its invitations,
// attendance and pledges are kept.
func (db *DB) CancelAlignmentSession(ctx context.Context, actor budaya.Actor, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if len([]rune(reason)) > 500 {
		return budaya.Invalid("reason", budaya.MsgReasonCancellingMostCharacters)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		s, err := findAlignmentSession(ctx, tx, `id = ?`, id)
		if err != nil {
			return err
		}
		if s.Cancelled() {
			return errSessionCancelled(s)
		}
		if _, err := tx.exec(ctx, `UPDATE alignment_sessions SET cancelled_at = ?, ical_sequence = ical_sequence + 1, updated_at = ? WHERE id = ?`,
			db.Now(), db.Now(), id); err != nil {
			return fmt.Errorf("cancel session %d: %w", id, err)
		}
		ids, err := tx.sessionInviteeIDs(ctx, id)
		if err != nil {
			return err
		}
		if err := tx.mailSession(ctx, id, SessionCancelled, ids); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "cancel", "alignment_session", id, nil, map[string]any{"reason": reason, "invitees": len(ids)})
	})
}

// UpcomingSessions lists the sessions that stand and start in [from, to).
func (db *DB) UpcomingSessions(ctx context.Context, from, to time.Time) ([]budaya.AlignmentSession, error) {
	rows, err := db.query(ctx, `SELECT `+sessionColumns+` FROM alignment_sessions WHERE cancelled_at IS NULL AND starts_at >= ? AND starts_at < ?
		ORDER BY starts_at, id`, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("upcoming sessions: %w", err)
	}
	return scanAll(rows, scanAlignmentSession)
}

// SessionRecipients returns the invitees of session id who have an e-mail address.
func (db *DB) SessionRecipients(ctx context.Context, id int64) ([]Recipient, error) {
	rows, err := db.query(ctx, `SELECT employee_id FROM alignment_invitees WHERE session_id = ? ORDER BY employee_id`, id)
	if err != nil {
		return nil, fmt.Errorf("invitees of session %d: %w", id, err)
	}
	var ids []int64
	for rows.Next() {
		var e int64
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return recipients(ctx, db, ids)
}

// Leader is a person who holds a pimpinan grant and has an e-mail address:
// a reader of the weekly digest.
type Leader struct {
	Recipient
}

// DigestLeaders lists, in one query, the enabled accounts with a pimpinan
// grant whose employee is active and has an e-mail address; those who turned
// the digest off are listed with DigestOff set. The schedule reads it every
// minute, so it loads no grants: BuildDigest reads them for a leader whose
// digest is still to be written.
func (db *DB) DigestLeaders(ctx context.Context) ([]Leader, error) {
	rows, err := db.query(ctx, `SELECT e.id, u.id, e.front_title, e.name, e.back_title, e.email, u.language, u.digest_off
		FROM app_users u JOIN employees e ON e.id = u.employee_id
		WHERE u.disabled = ? AND e.active = ? AND e.email <> '' AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)
		ORDER BY e.id`, false, true, string(budaya.RolePimpinan))
	if err != nil {
		return nil, fmt.Errorf("digest leaders: %w", err)
	}
	return scanAll(rows, func(row interface{ Scan(...any) error }) (*Leader, error) {
		r, err := scanRecipient(row)
		return &Leader{Recipient: r}, err
	})
}

// SetDigestOff records whether user id receives the weekly digest, audited.
func (db *DB) SetDigestOff(ctx context.Context, actor budaya.Actor, id int64, off bool) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var was bool
		if err := tx.queryRow(ctx, `SELECT digest_off FROM app_users WHERE id = ?`, id).Scan(&was); errors.Is(err, sql.ErrNoRows) {
			return budaya.NotFound(budaya.MsgAccountNotFound)
		} else if err != nil {
			return fmt.Errorf("digest setting of user %d: %w", id, err)
		}
		if was == off {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE app_users SET digest_off = ? WHERE id = ?`, off, id); err != nil {
			return fmt.Errorf("set digest of user %d: %w", id, err)
		}
		return tx.audit(ctx, actor, "set_digest", "user", id, map[string]any{"digest_off": was}, map[string]any{"digest_off": off})
	})
}

// DigestOff reports whether user id turned the weekly digest off.
func (db *DB) DigestOff(ctx context.Context, id int64) (bool, error) {
	var off bool
	err := db.queryRow(ctx, `SELECT digest_off FROM app_users WHERE id = ?`, id).Scan(&off)
	if errors.Is(err, sql.ErrNoRows) {
		return false, budaya.NotFound(budaya.MsgAccountNotFound)
	}
	return off, err
}

// AgentDue is a change agent whose report of a month is not in yet.
type AgentDue struct {
	AgentID  int64
	UnitName string
	Recipient
}

// AgentsWithoutReport lists the appointments running on day whose agent has
// an address and has not submitted a report for month (YYYY-MM).
func (db *DB) AgentsWithoutReport(ctx context.Context, month string, day time.Time) ([]AgentDue, error) {
	rows, err := db.query(ctx, `SELECT c.id, c.employee_id, u.name FROM change_agents c JOIN units u ON u.id = c.unit_id
		WHERE c.starts_on <= ? AND c.ends_on >= ? AND c.ended_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM agent_reports r WHERE r.agent_id = c.id AND r.month = ?) ORDER BY c.id`, dateOnly(day), dateOnly(day), month)
	if err != nil {
		return nil, fmt.Errorf("agents without a report: %w", err)
	}
	type row struct {
		agent, emp int64
		unit       string
	}
	var list []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.agent, &r.emp, &r.unit); err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []AgentDue
	for _, r := range list {
		rc, ok, err := db.FindRecipient(ctx, r.emp)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, AgentDue{AgentID: r.agent, UnitName: r.unit, Recipient: rc})
		}
	}
	return out, nil
}

// mailPledgeReceipt queues the receipt of pledge p to its signer.
func (tx *Tx) mailPledgeReceipt(ctx context.Context, p *budaya.Pledge) error {
	m := tx.db.currentMailer()
	if m == nil {
		return nil
	}
	rs, err := recipients(ctx, tx, []int64{p.SignerEmployeeID})
	if err != nil || len(rs) == 0 {
		return err
	}
	msg, err := m.PledgeReceipt(p, rs[0])
	if err != nil {
		return err
	}
	_, err = tx.queueMail(ctx, 0, msg, tx.db.Now())
	return err
}

// mailAgentReturned queues the message that report r came back, to its agent.
func (tx *Tx) mailAgentReturned(ctx context.Context, r *budaya.AgentReport) error {
	m := tx.db.currentMailer()
	if m == nil {
		return nil
	}
	var emp int64
	if err := tx.queryRow(ctx, `SELECT employee_id FROM change_agents WHERE id = ?`, r.AgentID).Scan(&emp); err != nil {
		return fmt.Errorf("agent of report %d: %w", r.ID, err)
	}
	rs, err := recipients(ctx, tx, []int64{emp})
	if err != nil || len(rs) == 0 {
		return err
	}
	msg, err := m.AgentReportReturned(r, rs[0])
	if err != nil {
		return err
	}
	_, err = tx.queueMail(ctx, 0, msg, tx.db.Now())
	return err
}
