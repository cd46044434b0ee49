package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
)

// Mail statuses.
const (
	MailQueued  = "queued"
	MailSending = "sending"
	MailSent    = "sent"
	MailFailed  = "failed"
)

// Mail kinds.
const (
	MailInvitation = "invitation"
	MailReminder   = "reminder"
	MailTest       = "test"
	// A Leader Alignment Session's invitation or its change (METHOD:REQUEST),
	// its cancellation (METHOD:CANCEL), and its reminder the day before.
	MailSession         = "session"
	MailSessionCancel   = "session_cancel"
	MailSessionReminder = "session_reminder"
	MailPledgeReceipt   = "pledge_receipt" // to the signer, with the verification link
	MailDigest          = "digest"         // a leader's weekly digest
	MailAgentReturned   = "agent_returned" // a change agent's report returned with a comment
	MailAgentDue        = "agent_due"      // a change agent's report of the month is due
)

// MailKinds lists every kind of message, as the outbox accepts them.
var MailKinds = []string{MailInvitation, MailReminder, MailTest, MailSession, MailSessionCancel, MailSessionReminder,
	MailPledgeReceipt, MailDigest, MailAgentReturned, MailAgentDue}

// ErrNoMail is returned by ClaimMail when no message is due.
var ErrNoMail = errors.New("no mail due")

// NewMail is a message to put in the outbox.
type NewMail struct {
	Kind string
	// Private hides the recipient from every reader of the outbox, and clears
	// the address and text once the message is sent: a reminder would tell
	// who has not answered yet.
	Private bool
	To      string
	ToName  string
	Subject string
	Text    string
	HTML    string
	// Calendar, when set, is an iCalendar object (RFC 5545) sent as a
	// text/calendar part with the METHOD it names, and as invite.ics.
	Calendar string
}

// Mail is a message in the outbox.
type Mail struct {
	ID            int64
	RoundID       int64
	Kind          string
	Private       bool
	To            string
	ToName        string
	Subject       string
	Text          string
	HTML          string
	Calendar      string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastAnswer    string // what the server said at the last attempt
	CreatedAt     time.Time
	SentAt        time.Time
}

// MailRound is one sending to a period's raters: its invitation, or one round of reminders.
type MailRound struct {
	PeriodID int64
	Kind     string // MailInvitation or MailReminder
	// Key names the round within the period: "invitation", "reminder-7d" for
	// the scheduled one 7 days before the due date, "manual-<time>" for one
	// asked for. A round with the same key is sent only once.
	Key string
}

const mailColumns = `id, COALESCE(round_id, 0), kind, private, to_addr, to_name, subject, body_text, body_html, body_calendar, status, attempts,
	next_attempt_at, last_answer, created_at, sent_at`

func scanMail(row interface{ Scan(...any) error }) (*Mail, error) {
	var m Mail
	var sent sql.NullTime
	if err := row.Scan(&m.ID, &m.RoundID, &m.Kind, &m.Private, &m.To, &m.ToName, &m.Subject, &m.Text, &m.HTML, &m.Calendar, &m.Status, &m.Attempts,
		&m.NextAttemptAt, &m.LastAnswer, &m.CreatedAt, &sent); err != nil {
		return nil, err
	}
	m.SentAt = sent.Time
	return &m, nil
}

func (tx *Tx) queueMail(ctx context.Context, roundID int64, m NewMail, now time.Time) (int64, error) {
	if !slices.Contains(MailKinds, m.Kind) {
		return 0, fmt.Errorf("queue mail: unknown kind %q", m.Kind)
	}
	if strings.TrimSpace(m.To) == "" {
		return 0, budaya.Invalid("to", budaya.MsgRecipientAddressEmpty)
	}
	return tx.insert(ctx, `INSERT INTO mail_outbox (round_id, kind, private, to_addr, to_name, subject, body_text, body_html, body_calendar, status,
		next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)`, nullID(roundID), m.Kind, m.Private, m.To, m.ToName, m.Subject,
		m.Text, m.HTML, m.Calendar, now, now)
}

// QueueMail puts one message in the outbox.
func (db *DB) QueueMail(ctx context.Context, actor budaya.Actor, m NewMail) (int64, error) {
	var id int64
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if id, err = tx.queueMail(ctx, 0, m, db.Now()); err != nil {
			return err
		}
		return tx.audit(ctx, actor, "queue", "mail", id, nil, map[string]any{"kind": m.Kind, "to": m.To})
	})
	return id, err
}

// QueueRound records round and puts its messages in the outbox, in one
// transaction. A round already recorded (by this or another server) is not
// sent again: it reports false and queues nothing. The audit entry holds
// counts only, never who was written to.
func (db *DB) QueueRound(ctx context.Context, actor budaya.Actor, r MailRound, msgs []NewMail) (bool, error) {
	created := false
	err := db.inTx(ctx, func(tx *Tx) error {
		now := db.Now()
		var roundID int64
		err := tx.queryRow(ctx, `INSERT INTO mail_rounds (period_id, kind, round_key, recipients, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING RETURNING id`, nullID(r.PeriodID), r.Kind, r.Key, len(msgs), nullID(actor.UserID), now).Scan(&roundID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("record mail round: %w", err)
		}
		created = true
		for _, m := range msgs {
			if _, err := tx.queueMail(ctx, roundID, m, now); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "mail_round", "period", r.PeriodID, nil, map[string]any{"kind": r.Kind, "round": r.Key, "messages": len(msgs)})
	})
	if err != nil {
		return false, fmt.Errorf("queue %s round of period %d: %w", r.Kind, r.PeriodID, err)
	}
	return created, nil
}

// RoundSent reports whether the round with key was already recorded for the period.
func (db *DB) RoundSent(ctx context.Context, periodID int64, key string) (bool, error) {
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM mail_rounds WHERE period_id = ? AND round_key = ?`, periodID, key).Scan(&n); err != nil {
		return false, fmt.Errorf("find mail round: %w", err)
	}
	return n > 0, nil
}

// ClaimMail takes the oldest due message for worker until lease runs out.
// Several servers may call it at once: each message goes to one of them, and
// one whose server died is taken again when its lease has run out.
func (db *DB) ClaimMail(ctx context.Context, worker string, lease time.Duration) (*Mail, error) {
	now := db.Now()
	lock := ""
	if db.dialect == Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	const claimable = `((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND locked_until < ?))`
	q := `UPDATE mail_outbox SET status = 'sending', locked_by = ?, locked_until = ?, attempts = attempts + 1
		WHERE id = (SELECT id FROM mail_outbox WHERE ` + claimable + ` ORDER BY next_attempt_at, id LIMIT 1` + lock + `)
		AND ` + claimable + ` RETURNING ` + mailColumns
	var m *Mail
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		m, err = scanMail(tx.queryRow(ctx, q, worker, now.Add(lease), now, now, now, now))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoMail
	}
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	return m, nil
}

// MailSent records that the server accepted message id with answer. A
// private message loses its address and text.
func (db *DB) MailSent(ctx context.Context, id int64, worker, answer string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_answer = ?, locked_by = NULL, locked_until = NULL,
			to_addr = CASE WHEN private THEN '' ELSE to_addr END,
			to_name = CASE WHEN private THEN '' ELSE to_name END,
			body_text = CASE WHEN private THEN '' ELSE body_text END,
			body_html = CASE WHEN private THEN '' ELSE body_html END,
			body_calendar = CASE WHEN private THEN '' ELSE body_calendar END
			WHERE id = ? AND locked_by = ?`, db.Now(), truncate(answer, 2000), id, worker)
		return err
	})
}

// MailNotSent records a failed attempt with the server's answer: the message
// is tried again at retryAt, or, when retryAt is zero, given up as failed.
func (db *DB) MailNotSent(ctx context.Context, id int64, worker, answer string, retryAt time.Time) error {
	status, next := MailFailed, db.Now()
	if !retryAt.IsZero() {
		status, next = MailQueued, retryAt.UTC()
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE mail_outbox SET status = ?, next_attempt_at = ?, last_answer = ?, locked_by = NULL, locked_until = NULL
			WHERE id = ? AND locked_by = ?`, status, next, truncate(answer, 2000), id, worker)
		return err
	})
}

// RetryMail puts a failed message back in the queue, to be sent now.
func (db *DB) RetryMail(ctx context.Context, actor budaya.Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE mail_outbox SET status = 'queued', next_attempt_at = ? WHERE id = ? AND status = 'failed'`, db.Now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return budaya.Errorf(budaya.ECONFLICT, budaya.MsgOnlyFailedMailCanBeSent)
		}
		return tx.audit(ctx, actor, "retry", "mail", id, nil, nil)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// ListMail returns a page of the outbox, newest first, and the total that match.
func (db *DB) ListMail(ctx context.Context, f budaya.MailFilter) ([]Mail, int, error) {
	cond, args := "", []any{}
	if f.Status != "" {
		cond, args = ` WHERE status = ?`, append(args, f.Status)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM mail_outbox`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count mail: %w", err)
	}
	limit, offset := pageBounds(f.Page, f.PerPage)
	rows, err := db.query(ctx, `SELECT `+mailColumns+` FROM mail_outbox`+cond+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list mail: %w", err)
	}
	out, err := scanAll(rows, scanMail)
	return out, total, err
}

// FindMail returns message id.
func (db *DB) FindMail(ctx context.Context, id int64) (*Mail, error) {
	m, err := scanMail(db.queryRow(ctx, `SELECT `+mailColumns+` FROM mail_outbox WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, budaya.NotFound(budaya.MsgMailNotFound)
	}
	return m, err
}

// MailCounts counts the outbox by status.
func (db *DB) MailCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.query(ctx, `SELECT status, COUNT(*) FROM mail_outbox GROUP BY status`)
	if err != nil {
		return nil, fmt.Errorf("count mail: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// RaterTask is one task of a rater, for the mail that tells them about it.
type RaterTask struct {
	TaskID     int64
	Instrument string
	RaterGroup string
	RateeName  string // 360: the person rated
	UnitName   string // survey: the unit rated
}

// Rater is a person with tasks in a period and an e-mail address.
type Rater struct {
	EmployeeID int64
	Name       string
	Email      string
	Language   string // "id" or "en"
	Tasks      []RaterTask
}

// PeriodRaters lists the active raters of period who have an e-mail address,
// with their tasks (only the open ones when openOnly), ordered by employee.
// Raters with no task left are not listed.
func (db *DB) PeriodRaters(ctx context.Context, periodID int64, openOnly bool) ([]Rater, error) {
	cond := ""
	if openOnly {
		cond = ` AND t.status = 'open'`
	}
	rows, err := db.query(ctx, `SELECT t.id, t.instrument, t.rater_group, e.id, e.front_title, e.name, e.back_title, e.email,
			COALESCE(u.language, 'id'), COALESCE(r.name, ''), COALESCE(su.name, '')
		FROM measurement_tasks t
		JOIN employees e ON e.id = t.rater_employee_id
		LEFT JOIN app_users u ON u.employee_id = e.id
		LEFT JOIN employees r ON r.id = t.ratee_employee_id
		LEFT JOIN snapshot_units su ON su.period_id = t.period_id AND su.unit_id = t.unit_id
		WHERE t.period_id = ? AND e.active AND e.email <> ''`+cond+`
		ORDER BY e.id, t.instrument DESC, t.id`, periodID)
	if err != nil {
		return nil, fmt.Errorf("raters of period %d: %w", periodID, err)
	}
	defer rows.Close()
	var out []Rater
	for rows.Next() {
		var t RaterTask
		var e budaya.Employee
		var lang string
		if err := rows.Scan(&t.TaskID, &t.Instrument, &t.RaterGroup, &e.ID, &e.FrontTitle, &e.Name, &e.BackTitle, &e.Email, &lang, &t.RateeName, &t.UnitName); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].EmployeeID != e.ID {
			out = append(out, Rater{EmployeeID: e.ID, Name: e.FullName(), Email: e.Email, Language: lang})
		}
		out[len(out)-1].Tasks = append(out[len(out)-1].Tasks, t)
	}
	return out, rows.Err()
}

// ReminderDays returns the reminder schedule of a period: days before the due date, largest first.
func (db *DB) ReminderDays(ctx context.Context, periodID int64) ([]int, error) {
	var s string
	err := db.queryRow(ctx, `SELECT days FROM period_reminders WHERE period_id = ?`, periodID).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return []int{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reminder schedule of period %d: %w", periodID, err)
	}
	return budaya.ParseReminderDays(s)
}

// SetReminderDays sets the reminder schedule of a period; an empty one sends no scheduled reminder.
func (db *DB) SetReminderDays(ctx context.Context, actor budaya.Actor, periodID int64, days []int) error {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(d)
	}
	s := strings.Join(parts, ",")
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM period_reminders WHERE period_id = ?`, periodID); err != nil {
			return err
		}
		if s != "" {
			if _, err := tx.exec(ctx, `INSERT INTO period_reminders (period_id, days) VALUES (?, ?)`, periodID, s); err != nil {
				return err
			}
		}
		return tx.audit(ctx, actor, "set_reminders", "period", periodID, nil, map[string]any{"days": s})
	})
}

// ScheduledReminders lists the open periods that have a reminder schedule, with it.
func (db *DB) ScheduledReminders(ctx context.Context) (map[int64][]int, error) {
	rows, err := db.query(ctx, `SELECT r.period_id, r.days FROM period_reminders r JOIN measurement_periods p ON p.id = r.period_id
		WHERE p.status = 'open' AND p.generation = 'done'`)
	if err != nil {
		return nil, fmt.Errorf("reminder schedules: %w", err)
	}
	defer rows.Close()
	out := map[int64][]int{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		if out[id], err = budaya.ParseReminderDays(s); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// SetUserLanguage records the language user id reads budaya in ("id" or "en").
func (db *DB) SetUserLanguage(ctx context.Context, id int64, lang string) error {
	if lang != "id" && lang != "en" {
		return budaya.Invalid("lang", budaya.MsgLanguageMustBeID)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE app_users SET language = ? WHERE id = ? AND language <> ?`, lang, id, lang)
		return err
	})
}
