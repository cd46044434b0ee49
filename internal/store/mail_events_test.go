package store_test

import (
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

// Migration 17 widens the outbox's kinds (SQLite rebuilds the table): a
// message queued before the upgrade is kept as it was, the new kinds and the
// calendar part are accepted after it, and an unknown kind is still refused.
func TestOutboxSurvivesMigration17(t *testing.T) {
	t.Parallel()
	db, err := store.Open(ctx, storetest.DSN(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.MigrateToForTest(ctx, 14); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)
	if err := db.ExecForTest(ctx, `INSERT INTO mail_outbox (kind, private, to_addr, to_name, subject, body_text, body_html, status, attempts,
		next_attempt_at, last_answer, created_at, sent_at) VALUES ('invitation', ?, 'siti@example.go.id', 'Siti', 'Undangan', 'teks', '<p>teks</p>', 'sent', 1, ?, '250 ok', ?, ?)`,
		false, at, at, at); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	msgs, total, err := db.ListMail(ctx, budaya.MailFilter{})
	if err != nil || total != 1 {
		t.Fatalf("after the upgrade: %d messages, %v; want the old one", total, err)
	}
	m := msgs[0]
	if m.Kind != store.MailInvitation || m.To != "siti@example.go.id" || m.Text != "teks" || m.Status != store.MailSent || m.LastAnswer != "250 ok" ||
		!m.SentAt.Equal(at) || m.Calendar != "" {
		t.Errorf("old message after the upgrade: %+v", m)
	}
	id, err := db.QueueMail(ctx, sys, store.NewMail{Kind: store.MailSession, To: "budi@example.go.id", Subject: "Undangan sesi", Text: "teks",
		Calendar: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindMail(ctx, id); err != nil || got.Calendar == "" || got.Kind != store.MailSession {
		t.Errorf("new session mail: %+v, %v", got, err)
	}
	if err := db.ExecForTest(ctx, `INSERT INTO mail_outbox (kind, to_addr, subject, body_text, body_html, next_attempt_at, created_at)
		VALUES ('bogus', 'a@example.go.id', 'x', 'x', '', ?, ?)`, at, at); err == nil {
		t.Error("an unknown kind was stored, want the CHECK to refuse it")
	}
	if _, err := db.QueueMail(ctx, sys, store.NewMail{Kind: "bogus", To: "a@example.go.id", Subject: "x"}); err == nil {
		t.Error("QueueMail took an unknown kind")
	}
}

// QueueOnce queues a message once per key, and records nothing when the
// message is refused.
func TestQueueOnce(t *testing.T) {
	t.Parallel()
	db := storetest.Open(t)
	m := store.NewMail{Kind: store.MailDigest, To: "kepala@example.go.id", Subject: "Ringkasan", Text: "x"}
	for i, want := range []bool{true, false} {
		ok, err := db.QueueOnce(ctx, sys, "digest:1:2026-W49", m)
		if err != nil || ok != want {
			t.Errorf("QueueOnce #%d = %v, %v; want %v", i+1, ok, err, want)
		}
	}
	if _, err := db.QueueOnce(ctx, sys, "digest:2:2026-W49", store.NewMail{Kind: store.MailDigest, Subject: "x"}); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("no address: got %v, want invalid", err)
	}
	done, err := db.OnceKeys(ctx, []string{"digest:1:2026-W49", "digest:2:2026-W49"})
	if err != nil || !done["digest:1:2026-W49"] || done["digest:2:2026-W49"] {
		t.Errorf("OnceKeys = %v, %v; want only the queued key (a refused message records nothing)", done, err)
	}
	if _, total, err := db.ListMail(ctx, budaya.MailFilter{}); err != nil || total != 1 {
		t.Errorf("outbox holds %d, %v; want 1", total, err)
	}
}
