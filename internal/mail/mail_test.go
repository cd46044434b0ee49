package mail_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/mail/mailtest"
	"github.com/budaya-id/budaya/internal/store"
	"github.com/budaya-id/budaya/internal/store/storetest"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		url      string
		host     string
		port     int
		tls      string
		user, pw string
		bad      bool
	}{
		{url: "smtp://relay.go.id", host: "relay.go.id", port: 587, tls: mail.TLSStartTLS},
		{url: "smtp://u%40x:p%3Aw@relay:2525?tls=none", host: "relay", port: 2525, tls: mail.TLSNone, user: "u@x", pw: "p:w"},
		{url: "smtp://relay?tls=tls", host: "relay", port: 465, tls: mail.TLSImplicit},
		{url: "http://relay", bad: true},
		{url: "smtp://relay?tls=maybe", bad: true},
		{url: "smtp://relay:99999", bad: true},
	} {
		c, err := mail.ParseURL(tc.url, "Budaya <budaya@example.go.id>")
		if tc.bad {
			if budaya.ErrorCode(err) != budaya.EINVALID {
				t.Errorf("ParseURL(%q): got %v, want an invalid error", tc.url, err)
			}
			continue
		}
		if err != nil || c.Host != tc.host || c.Port != tc.port || c.TLS != tc.tls || c.Username != tc.user || c.Password != tc.pw {
			t.Errorf("ParseURL(%q) = %+v, %v", tc.url, c, err)
		}
	}
	if _, err := mail.ParseURL("smtp://relay", ""); budaya.ErrorCode(err) != budaya.EINVALID {
		t.Errorf("no --mail-from: got %v, want invalid", err)
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 4 * time.Minute, 16 * time.Minute, 64 * time.Minute, 4 * time.Hour, 4 * time.Hour}
	for i, w := range want {
		if got := mail.Backoff(i + 1); got != w {
			t.Errorf("Backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
}

func TestSMTPSendsToMailpit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		opt  mailtest.Options
	}{
		{"plain", mailtest.Options{}},
		{"starttls with auth", mailtest.Options{StartTLS: true, Auth: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := mailtest.Start(t, tc.opt)
			cfg := mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone, From: "Budaya <budaya@example.go.id>", Timeout: 10 * time.Second}
			if tc.opt.StartTLS {
				cfg.TLS, cfg.TLSConfig, cfg.Username, cfg.Password = mail.TLSStartTLS, srv.TLSConfig, "budaya", "rahasia"
			}
			answer, err := mail.NewSMTP(cfg).Send(context.Background(), mail.Message{To: "siti@example.go.id", ToName: "Siti Aminah",
				Subject: "Undangan", Text: "Halo Siti", HTML: "<p>Halo <b>Siti</b></p>"})
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if !strings.HasPrefix(answer, "250") {
				t.Errorf("answer = %q, want the server's 250", answer)
			}
			msgs := srv.Messages(t)
			if len(msgs) != 1 {
				t.Fatalf("got %d messages, want 1", len(msgs))
			}
			m := msgs[0]
			if m.Subject != "Undangan" || len(m.To) != 1 || m.To[0].Address != "siti@example.go.id" || m.To[0].Name != "Siti Aminah" ||
				m.From.Address != "budaya@example.go.id" || !strings.Contains(m.Text, "Halo Siti") || !strings.Contains(m.HTML, "<b>Siti</b>") {
				t.Errorf("received %+v", m)
			}
		})
	}
}

// A STARTTLS setting never falls back to plain text: a server without STARTTLS is refused.
func TestSMTPStartTLSRequired(t *testing.T) {
	t.Parallel()
	srv := mailtest.Start(t, mailtest.Options{})
	cfg := mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSStartTLS, From: "budaya@example.go.id", Timeout: 10 * time.Second}
	if _, err := mail.NewSMTP(cfg).Send(context.Background(), mail.Message{To: "a@example.go.id", Subject: "x", Text: "x"}); err == nil {
		t.Fatal("sent without STARTTLS, want a refusal")
	}
	if n := len(srv.Messages(t)); n != 0 {
		t.Errorf("server got %d messages, want 0", n)
	}
}

func TestWorkerSendsRetriesAndKeepsFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	srv := mailtest.Start(t, mailtest.Options{AllowedRecipients: `@example\.go\.id$`})
	cfg := mail.Config{Host: srv.Host(), Port: srv.Port(), TLS: mail.TLSNone, From: "budaya@example.go.id", Timeout: 10 * time.Second}
	actor := budaya.SystemActor("test")
	good, err := db.QueueMail(ctx, actor, store.NewMail{Kind: store.MailTest, To: "ok@example.go.id", Subject: "Uji", Text: "uji", HTML: "<p>uji</p>"})
	if err != nil {
		t.Fatal(err)
	}
	refused, err := db.QueueMail(ctx, actor, store.NewMail{Kind: store.MailTest, To: "someone@elsewhere.test", Subject: "Uji", Text: "uji"})
	if err != nil {
		t.Fatal(err)
	}
	w := mail.NewWorker(db, mail.NewSMTP(cfg), nil)
	for range 2 {
		if ok, err := w.SendOne(ctx); !ok || err != nil {
			t.Fatalf("SendOne = %v, %v", ok, err)
		}
	}
	if ok, err := w.SendOne(ctx); ok || err != nil {
		t.Fatalf("third SendOne = %v, %v; want nothing due", ok, err)
	}
	m, err := db.FindMail(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != store.MailSent || !strings.HasPrefix(m.LastAnswer, "250") || m.Attempts != 1 {
		t.Errorf("good mail: status %s, answer %q, attempts %d; want sent, 250, 1", m.Status, m.LastAnswer, m.Attempts)
	}
	m, err = db.FindMail(ctx, refused)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != store.MailFailed || !strings.Contains(m.LastAnswer, "55") {
		t.Errorf("refused mail: status %s, answer %q; want failed with the server's 5xx answer", m.Status, m.LastAnswer)
	}
	if n := len(srv.Messages(t)); n != 1 {
		t.Errorf("server received %d messages, want 1", n)
	}
	// An admin may send a failed message again.
	if err := db.RetryMail(ctx, actor, refused); err != nil {
		t.Fatal(err)
	}
	if err := db.RetryMail(ctx, actor, good); budaya.ErrorCode(err) != budaya.ECONFLICT {
		t.Errorf("retry of a sent message: got %v, want conflict", err)
	}
}

// A server that accepts the connection but never answers: the attempt times
// out, the message waits for its next attempt with the cause kept.
func TestWorkerTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close() // silent until the test ends
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	cfg := mail.Config{Host: "127.0.0.1", Port: port, TLS: mail.TLSNone, From: "budaya@example.go.id", Timeout: 500 * time.Millisecond}
	id, err := db.QueueMail(ctx, budaya.SystemActor("test"), store.NewMail{Kind: store.MailTest, To: "a@example.go.id", Subject: "x", Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if ok, err := mail.NewWorker(db, mail.NewSMTP(cfg), nil).SendOne(ctx); !ok || err != nil {
		t.Fatalf("SendOne = %v, %v", ok, err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("attempt took %v, want the time-out", took)
	}
	m, err := db.FindMail(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != store.MailQueued || m.LastAnswer == "" || !m.NextAttemptAt.After(time.Now().Add(30*time.Second)) {
		t.Errorf("after a time-out: status %s, answer %q, next %v; want queued for later with the cause", m.Status, m.LastAnswer, m.NextAttemptAt)
	}
	// Not due yet: nothing to claim.
	if _, err := db.ClaimMail(ctx, "other", time.Minute); !errors.Is(err, store.ErrNoMail) {
		t.Errorf("claim before the next attempt: got %v, want ErrNoMail", err)
	}
}

// Two workers on one database never take the same message.
func TestClaimMailOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	for range 20 {
		if _, err := db.QueueMail(ctx, budaya.SystemActor("test"), store.NewMail{Kind: store.MailTest, To: "a@example.go.id", Subject: "x", Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	seen := make(chan int64, 40)
	errs := make(chan error, 2)
	for w := range 2 {
		go func() {
			for {
				m, err := db.ClaimMail(ctx, "w"+string(rune('a'+w)), time.Minute)
				if errors.Is(err, store.ErrNoMail) {
					errs <- nil
					return
				}
				if err != nil {
					errs <- err
					return
				}
				seen <- m.ID
			}
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	close(seen)
	got := map[int64]bool{}
	for id := range seen {
		if got[id] {
			t.Errorf("message %d claimed twice", id)
		}
		got[id] = true
	}
	if len(got) != 20 {
		t.Errorf("claimed %d messages, want 20", len(got))
	}
}

// Sent and failed mail is deleted after its retention period; mail still to be sent is kept.
func TestSentMailRetention(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	db := storetest.OpenWith(t, store.Options{Now: func() time.Time { return now }})
	actor := budaya.SystemActor("test")
	queue := func() int64 {
		id, err := db.QueueMail(ctx, actor, store.NewMail{Kind: store.MailTest, To: "a@example.go.id", Subject: "x", Text: "x"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	sent, waiting := queue(), queue()
	m, err := db.ClaimMail(ctx, "w", time.Minute)
	if err != nil || m.ID != sent {
		t.Fatalf("claim: %v %v", m, err)
	}
	if err := db.MailSent(ctx, sent, "w", "250 ok"); err != nil {
		t.Fatal(err)
	}
	now = now.AddDate(0, 0, 181)
	if _, err := db.ApplyRetention(ctx, actor, false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindMail(ctx, sent); budaya.ErrorCode(err) != budaya.ENOTFOUND {
		t.Errorf("sent mail after 181 days: got %v, want deleted", err)
	}
	if _, err := db.FindMail(ctx, waiting); err != nil {
		t.Errorf("mail still queued: %v, want kept", err)
	}
}
