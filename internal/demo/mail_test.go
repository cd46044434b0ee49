package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/demo"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// The demo runs without SMTP: its outbox shows what the open period would send.
func TestSeedOutbox(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	if err := demo.Seed(ctx, db, demo.Options{Employees: 120, BaseURL: "http://demo.test"}); err != nil {
		t.Fatal(err)
	}
	var open *budaya.Period
	ps, err := db.ListPeriods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ps {
		if ps[i].Open() {
			open = &ps[i]
		}
	}
	all, err := db.PeriodRaters(ctx, open.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := db.PeriodRaters(ctx, open.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	msgs, total, err := db.ListMail(ctx, budaya.MailFilter{PerPage: 500})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, m := range msgs {
		kinds[m.Kind]++
		if m.Status != store.MailQueued {
			t.Errorf("message %d is %s, want queued (no SMTP in the demo)", m.ID, m.Status)
		}
		if m.Kind == store.MailInvitation && !strings.Contains(m.Text, "http://demo.test/tasks/") {
			t.Errorf("invitation %d has no link to a task", m.ID)
		}
	}
	if total > len(msgs) {
		t.Fatalf("outbox holds %d messages, more than the page of %d read", total, len(msgs))
	}
	if kinds[store.MailInvitation] != len(all) || kinds[store.MailReminder] != len(pending) || len(pending) == 0 || len(pending) >= len(all) {
		t.Errorf("outbox: %v of %d; want %d invitations (every rater) and %d reminders (those with open tasks)", kinds, total, len(all), len(pending))
	}
	// The other events of the demo: the upcoming session's calendar
	// invitations, the returned agent report, this week's leaders' digests.
	for _, k := range []string{store.MailSession, store.MailAgentReturned, store.MailDigest} {
		if kinds[k] == 0 {
			t.Errorf("outbox: no %s message, want the demo to show one (%v)", k, kinds)
		}
	}
	for _, m := range msgs {
		if m.Kind == store.MailSession && !strings.Contains(m.Calendar, "METHOD:REQUEST") {
			t.Errorf("session invitation %d has no calendar request", m.ID)
		}
	}
	if days, err := db.ReminderDays(ctx, open.ID); err != nil || budaya.FormatReminderDays(days) != "7,3,1" {
		t.Errorf("reminder schedule: %v %v, want 7,3,1", days, err)
	}
}
