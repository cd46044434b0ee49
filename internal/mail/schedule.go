package mail

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Schedule queues the mail that time sends: a session's reminder the day
// before it starts, a change agent's monthly report falling due, and the
// leaders' weekly digest. serve runs Due every minute on every server; each
// message has a key recorded in the transaction that queues it
// (store.QueueOnce), so however many servers run it, each goes out once.
type Schedule struct {
	DB       *store.DB
	Composer Composer
	// Wake, when set, tells the sender that there is new mail.
	Wake func()
}

// SessionReminderLead is how long before a session its reminder goes out.
const SessionReminderLead = 24 * time.Hour

// AgentDueDays is how many days before the end of a month a change agent
// without a report for it is reminded (the report is due on the last day).
const AgentDueDays = 3

// DigestHour is the hour (instansi time) on Monday from which the week's digest is sent.
const DigestHour = 7

// DigestWeek returns the ISO week whose digest is due at now in loc
// ("2026-W49"); ok is false on Monday before DigestHour.
func DigestWeek(now time.Time, loc *time.Location) (string, bool) {
	t := now.In(loc)
	y, w := t.ISOWeek()
	if t.Weekday() == time.Monday && t.Hour() < DigestHour {
		return "", false
	}
	return fmt.Sprintf("%d-W%02d", y, w), true
}

// AgentDueMonth returns the month (YYYY-MM) whose change-agent report is due
// at now in loc: the current month during its last AgentDueDays days.
func AgentDueMonth(now time.Time, loc *time.Location) (string, bool) {
	t := now.In(loc)
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, loc).Day()
	if t.Day() <= last-AgentDueDays {
		return "", false
	}
	return t.Format("2006-01"), true
}

func (s Schedule) loc() *time.Location {
	if s.Composer.Loc != nil {
		return s.Composer.Loc
	}
	return time.UTC
}

// queue puts each message in the outbox once for its key, skipping keys
// already recorded without composing them again.
func (s Schedule) queue(ctx context.Context, keys []string, compose func(i int) (store.NewMail, error)) (int, error) {
	done, err := s.DB.OnceKeys(ctx, keys)
	if err != nil {
		return 0, err
	}
	n := 0
	for i, k := range keys {
		if done[k] {
			continue
		}
		m, err := compose(i)
		if err != nil {
			return n, err
		}
		if m.To == "" { // nothing to say
			continue
		}
		ok, err := s.DB.QueueOnce(ctx, budaya.SystemActor("mail"), k, m)
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	if n > 0 && s.Wake != nil {
		s.Wake()
	}
	return n, nil
}

// Due queues every scheduled message due at now. It returns the first error
// and goes on with the other kinds.
func (s Schedule) Due(ctx context.Context, now time.Time) error {
	var errs []string
	if _, err := s.SessionReminders(ctx, now); err != nil {
		errs = append(errs, "session reminders: "+err.Error())
	}
	if _, err := s.AgentReportsDue(ctx, now); err != nil {
		errs = append(errs, "agent reports due: "+err.Error())
	}
	if week, ok := DigestWeek(now, s.loc()); ok {
		if _, _, err := s.Digests(ctx, now, week, false); err != nil {
			errs = append(errs, "digests: "+err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("scheduled mail: %s", strings.Join(errs, "; "))
	}
	return nil
}

// SessionReminders queues the reminder of every session that starts within
// SessionReminderLead, one per invitee; a session moved to another time gets
// a reminder for its new time.
func (s Schedule) SessionReminders(ctx context.Context, now time.Time) (int, error) {
	sessions, err := s.DB.UpcomingSessions(ctx, now, now.Add(SessionReminderLead))
	if err != nil {
		return 0, err
	}
	total := 0
	for i := range sessions {
		sess := &sessions[i]
		rs, err := s.DB.SessionRecipients(ctx, sess.ID)
		if err != nil {
			return total, err
		}
		keys := make([]string, len(rs))
		for j, r := range rs {
			keys[j] = fmt.Sprintf("session-reminder:%d:%d:%d", sess.ID, r.EmployeeID, sess.StartsAt.Unix())
		}
		n, err := s.queue(ctx, keys, func(j int) (store.NewMail, error) { return s.Composer.SessionReminder(sess, rs[j]) })
		total += n
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// AgentReportsDue reminds every running change agent who has not submitted
// the report of the month, in the month's last AgentDueDays days.
func (s Schedule) AgentReportsDue(ctx context.Context, now time.Time) (int, error) {
	month, ok := AgentDueMonth(now, s.loc())
	if !ok {
		return 0, nil
	}
	agents, err := s.DB.AgentsWithoutReport(ctx, month, now.In(s.loc()))
	if err != nil {
		return 0, err
	}
	keys := make([]string, len(agents))
	for i, a := range agents {
		keys[i] = fmt.Sprintf("agent-due:%d:%s", a.AgentID, month)
	}
	return s.queue(ctx, keys, func(i int) (store.NewMail, error) { return s.Composer.AgentReportDue(agents[i], month) })
}

// DigestKey is the key of a leader's digest of a week.
func DigestKey(userID int64, week string) string { return fmt.Sprintf("digest:%d:%s", userID, week) }

// Digests builds the digest of week for every leader who has not turned it
// off and has something in it. Unless dryRun it queues each once (a digest
// already queued for the week, by the schedule or an operator, is not queued
// again). It returns the digests built and how many were queued.
func (s Schedule) Digests(ctx context.Context, now time.Time, week string, dryRun bool) ([]store.NewMail, int, error) {
	leaders, err := s.DB.DigestLeaders(ctx)
	if err != nil {
		return nil, 0, err
	}
	var todo []store.Leader
	var keys []string
	for _, l := range leaders {
		if !l.DigestOff {
			todo, keys = append(todo, l), append(keys, DigestKey(l.UserID, week))
		}
	}
	var built []store.NewMail
	compose := func(i int) (store.NewMail, error) {
		d, err := BuildDigest(ctx, s.DB, todo[i], now, s.loc())
		if err != nil || d.Empty() {
			return store.NewMail{}, err
		}
		m, err := s.Composer.Digest(d)
		if err == nil {
			built = append(built, m)
		}
		return m, err
	}
	if dryRun {
		done, err := s.DB.OnceKeys(ctx, keys)
		if err != nil {
			return nil, 0, err
		}
		for i := range todo {
			if done[keys[i]] {
				continue
			}
			if _, err := compose(i); err != nil {
				return built, 0, err
			}
		}
		return built, 0, nil
	}
	n, err := s.queue(ctx, keys, compose)
	return built, n, err
}
