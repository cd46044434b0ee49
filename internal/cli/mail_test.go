package cli_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

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
