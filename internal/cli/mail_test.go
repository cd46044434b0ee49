package cli_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/store"

	"github.com/budaya-id/budaya/internal/cli"
	"github.com/budaya-id/budaya/internal/mail/mailtest"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestMailTestCommand(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{AllowedRecipients: `@example\.go\.id$`})
	vars := map[string]string{"BUDAYA_DB": storetest.DSN(t), "BUDAYA_SMTP_URL": fmt.Sprintf("smtp://%s?tls=none", srv.SMTPAddr), "BUDAYA_MAIL_FROM": "Budaya <budaya@example.go.id>"}
	e, out, _ := env(vars, "")
	if err := cli.Run(context.Background(), []string{"budaya", "mail", "test", "--to", "admin@example.go.id"}, e); err != nil {
		t.Fatalf("mail test: %v", err)
	}
	if !strings.Contains(out.String(), "the server answered: 250") {
		t.Errorf("output %q, want the server's 250 answer", out.String())
	}
	msgs := srv.Messages(t)
	if len(msgs) != 1 || msgs[0].To[0].Address != "admin@example.go.id" || !strings.Contains(msgs[0].Text, "SMTP") {
		t.Fatalf("received %+v, want the test message", msgs)
	}
	// A recipient the server refuses: the command fails with the server's answer.
	e, _, _ = env(vars, "")
	err := cli.Run(context.Background(), []string{"budaya", "mail", "test", "--to", "someone@elsewhere.test"}, e)
	if err == nil || !strings.Contains(err.Error(), "550") {
		t.Errorf("refused recipient: got %v, want the server's 550 answer", err)
	}
	// A bad URL is explained.
	vars["BUDAYA_SMTP_URL"] = "smtp://relay?tls=maybe"
	e, _, _ = env(vars, "")
	if err := cli.Run(context.Background(), []string{"budaya", "mail", "test", "--to", "a@example.go.id"}, e); err == nil || !strings.Contains(err.Error(), "starttls, tls or none") {
		t.Errorf("bad --smtp-url: got %v", err)
	}
}

func TestRemindCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 1, 4)
	sys := budaya.SystemActor("test")
	for i, id := range org.Staff[0] {
		e, err := db.FindEmployee(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		e.Email = fmt.Sprintf("staf%d@example.go.id", i)
		if _, err := db.UpdateEmployee(ctx, sys, id, *e); err != nil {
			t.Fatal(err)
		}
	}
	f, err := db.ActiveFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().AddDate(0, 0, -3)
	p, err := db.CreatePeriod(ctx, sys, budaya.PeriodInput{Name: "Survei", StartsAt: start, EndsAt: start.AddDate(0, 1, 0), FrameworkID: f.ID, HasSurvey: true, UnitIDs: []int64{org.Root}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.OpenPeriod(ctx, sys, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.GenerateTasks(ctx, p.ID, func(int, int) {}); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"BUDAYA_DB": dsn}
	e, _, _ := env(vars, "")
	if err := cli.Run(ctx, []string{"budaya", "remind", "--period", fmt.Sprint(p.ID)}, e); err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("without --base-url: got %v, want it asked for", err)
	}
	vars["BUDAYA_BASE_URL"] = "https://budaya.example.go.id"
	e, out, _ := env(vars, "")
	if err := cli.Run(ctx, []string{"budaya", "remind", "--period", fmt.Sprint(p.ID)}, e); err != nil {
		t.Fatalf("remind: %v", err)
	}
	if !strings.Contains(out.String(), "4 reminders queued") {
		t.Errorf("output %q, want 4 reminders queued", out.String())
	}
	msgs, _, err := db.ListMail(ctx, budaya.MailFilter{Status: store.MailQueued})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 4 || msgs[0].Kind != store.MailReminder || !strings.Contains(msgs[0].Text, "https://budaya.example.go.id/tasks/") {
		t.Errorf("outbox: %d messages, want 4 reminders linking to the tasks", len(msgs))
	}
	e, _, _ = env(vars, "")
	if err := cli.Run(ctx, []string{"budaya", "remind", "--period", "999999"}, e); err == nil {
		t.Error("unknown period: want an error")
	}
}

func TestDigestCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dsn := storetest.DSN(t)
	db, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.EnsureOfficialFramework(ctx); err != nil {
		t.Fatal(err)
	}
	org := storetest.MakeOrg(t, db, 1, 2)
	sys := budaya.SystemActor("test")
	e, err := db.FindEmployee(ctx, org.Leaders[0])
	if err != nil {
		t.Fatal(err)
	}
	e.Email = "kepala@example.go.id"
	if _, err := db.UpdateEmployee(ctx, sys, e.ID, *e); err != nil {
		t.Fatal(err)
	}
	if _, err := db.GrantEmployeeRole(ctx, sys, e.ID, budaya.RoleGrant{Role: budaya.RolePimpinan, UnitID: org.Units[0]}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateCommitment(ctx, sys, budaya.CommitmentInput{UnitID: org.Units[0], Title: "Apel pagi", Codes: []string{"BP"},
		DueDate: time.Now().AddDate(0, 0, -2), OwnerID: e.ID, Measure: "Daftar hadir"}); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"BUDAYA_DB": dsn}
	run := func(args ...string) (string, error) {
		en, out, _ := env(vars, "")
		err := cli.Run(ctx, append([]string{"budaya", "digest"}, args...), en)
		return out.String(), err
	}
	if _, err := run("send"); err == nil || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("without --base-url: got %v, want it asked for", err)
	}
	if _, err := run("mail"); err == nil || !strings.Contains(err.Error(), "usage") {
		t.Errorf("unknown subcommand: got %v, want the usage", err)
	}
	vars["BUDAYA_BASE_URL"] = "https://budaya.example.go.id"
	out, err := run("send", "--dry-run")
	if err != nil || !strings.Contains(out, "kepala@example.go.id") || !strings.Contains(out, "1 digests of week") || !strings.Contains(out, "nothing was queued") {
		t.Errorf("dry run: %q, %v", out, err)
	}
	if _, total, err := db.ListMail(ctx, budaya.MailFilter{}); err != nil || total != 0 {
		t.Errorf("dry run queued %d messages (%v), want none", total, err)
	}
	if out, err := run("send"); err != nil || !strings.Contains(out, "1 digests of week") {
		t.Errorf("send: %q, %v", out, err)
	}
	if out, err := run("send"); err != nil || !strings.Contains(out, "0 digests of week") {
		t.Errorf("send again: %q, %v; want nothing queued twice", out, err)
	}
	msgs, total, err := db.ListMail(ctx, budaya.MailFilter{})
	if err != nil || total != 1 || msgs[0].Kind != store.MailDigest || !strings.Contains(msgs[0].Text, "https://budaya.example.go.id/commitments/") {
		t.Errorf("outbox: %d messages, %v; want one digest linking the overdue item", total, err)
	}
}
