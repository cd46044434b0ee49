package mail

import (
	"context"
	"fmt"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
)

// Rounds puts a period's invitations and reminders in the outbox.
type Rounds struct {
	DB       *store.DB
	Composer Composer
	// Wake, when set, tells the sender that there is new mail.
	Wake func()
}

func (r Rounds) queue(ctx context.Context, actor budaya.Actor, p *budaya.Period, round store.MailRound, openOnly bool,
	compose func(*budaya.Period, store.Rater) (store.NewMail, error)) (bool, int, error) {
	raters, err := r.DB.PeriodRaters(ctx, p.ID, openOnly)
	if err != nil {
		return false, 0, err
	}
	msgs := make([]store.NewMail, 0, len(raters))
	for _, rt := range raters {
		m, err := compose(p, rt)
		if err != nil {
			return false, 0, err
		}
		msgs = append(msgs, m)
	}
	created, err := r.DB.QueueRound(ctx, actor, round, msgs)
	if err != nil {
		return false, 0, err
	}
	if created && len(msgs) > 0 && r.Wake != nil {
		r.Wake()
	}
	return created, len(msgs), nil
}

// Invite queues one invitation to every rater of period id who has an e-mail
// address, listing their tasks. A period is invited once, however often this
// runs (the task generation job calls it when it is done, and may be retried).
func (r Rounds) Invite(ctx context.Context, id int64) (int, error) {
	p, err := r.DB.FindPeriod(ctx, id)
	if err != nil {
		return 0, err
	}
	_, n, err := r.queue(ctx, budaya.SystemActor("mail"), p, store.MailRound{PeriodID: id, Kind: store.MailInvitation, Key: "invitation"}, true, r.Composer.Invitation)
	return n, err
}

// Remind queues a round of reminders for period id named key: one message to
// each rater who still has open tasks. It reports whether the round was new
// and how many messages it holds; the audit keeps the count only.
func (r Rounds) Remind(ctx context.Context, actor budaya.Actor, id int64, key string) (bool, int, error) {
	p, err := r.DB.FindPeriod(ctx, id)
	if err != nil {
		return false, 0, err
	}
	if !p.Open() || p.Generation != "done" {
		return false, 0, budaya.Errorf(budaya.ECONFLICT, budaya.MsgRemindersOnlyOpenPeriod)
	}
	return r.queue(ctx, actor, p, store.MailRound{PeriodID: id, Kind: store.MailReminder, Key: key}, true, r.Composer.Reminder)
}

// ManualKey names a reminder round asked for at now: clicks in the same minute make one round.
func ManualKey(now time.Time) string { return "manual-" + now.UTC().Format("200601021504") }

// RemindDue queues the scheduled reminder rounds that are due at now, for every open period with a schedule.
func (r Rounds) RemindDue(ctx context.Context, now time.Time) error {
	schedules, err := r.DB.ScheduledReminders(ctx)
	if err != nil {
		return err
	}
	for id, days := range schedules {
		p, err := r.DB.FindPeriod(ctx, id)
		if err != nil {
			return err
		}
		key, ok := budaya.DueReminderRound(days, p.EndsAt, now)
		if !ok {
			continue
		}
		if done, err := r.DB.RoundSent(ctx, id, key); err != nil || done {
			if err != nil {
				return err
			}
			continue
		}
		if _, _, err := r.Remind(ctx, budaya.SystemActor("mail"), id, key); err != nil {
			return fmt.Errorf("scheduled reminder %s of period %d: %w", key, id, err)
		}
	}
	return nil
}
