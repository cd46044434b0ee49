package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/store"
)

// mailFlags adds --smtp-url and --mail-from.
func mailFlags(fs *flag.FlagSet, env Env) (smtpURL, from *string) {
	smtpURL = fs.String("smtp-url", env.Getenv("BUDAYA_SMTP_URL"), "SMTP server for outgoing mail: smtp://user:pass@host:port?tls=starttls|tls|none (env BUDAYA_SMTP_URL; empty: mail stays in the outbox)")
	from = fs.String("mail-from", env.Getenv("BUDAYA_MAIL_FROM"), "sender of outgoing mail, e.g. \"Budaya <budaya@instansi.go.id>\" (env BUDAYA_MAIL_FROM)")
	return smtpURL, from
}

// mailSender returns the SMTP sender of the flags, or nil when no --smtp-url is set.
func mailSender(smtpURL, from string) (mail.Sender, error) {
	if smtpURL == "" {
		return nil, nil
	}
	cfg, err := mail.ParseURL(smtpURL, from)
	if err != nil {
		return nil, err
	}
	return mail.NewSMTP(cfg), nil
}

// runMail is `budaya mail test --to ADDR`: it sends one message now and prints the server's answer.
func runMail(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "test" {
		return errors.New("usage: budaya mail test --to ADDRESS [--smtp-url URL --mail-from ADDRESS]")
	}
	fs := newFlagSet("mail test", env)
	dsn := dbFlag(fs, env)
	smtpURL, from := mailFlags(fs, env)
	to := fs.String("to", "", "address to send the test message to")
	if help, err := parseFlags(fs, args[1:]); help || err != nil {
		return err
	}
	if *to == "" {
		return errors.New("budaya mail test: give the address with --to")
	}
	if *smtpURL == "" {
		return errors.New("budaya mail test: no SMTP server; set --smtp-url or BUDAYA_SMTP_URL")
	}
	sender, err := mailSender(*smtpURL, *from)
	if err != nil {
		return userMessage(err)
	}
	m, err := mail.Composer{}.Test(*to)
	if err != nil {
		return err
	}
	answer, sendErr := sender.Send(ctx, mail.Message{To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
	db, err := openDB(ctx, *dsn, ballotKeyFile(fs, env), nil)
	if err == nil {
		detail := map[string]any{"to": *to, "answer": answer}
		if sendErr != nil {
			detail["error"] = sendErr.Error()
		}
		_ = db.Audit(ctx, budaya.SystemActor("cli"), "mail_test", "mail", "", detail)
		db.Close()
	}
	if sendErr != nil {
		return fmt.Errorf("the server did not take the message: %w", sendErr)
	}
	fmt.Fprintf(env.Stdout, "sent to %s; the server answered: %s\n", *to, answer)
	return nil
}

// runRemind is `budaya remind --period ID`: one round of reminders to the raters with open tasks.
func runRemind(ctx context.Context, env Env, args []string) error {
	var period *int64
	var baseURL, tz *string
	return dbCommand(ctx, env, "remind", args, func(fs *flag.FlagSet) func(*store.DB, []string) error {
		period = fs.Int64("period", 0, "id of the open period")
		baseURL = fs.String("base-url", env.Getenv("BUDAYA_BASE_URL"), "public address of budaya, for the links in the messages (env BUDAYA_BASE_URL)")
		tz = fs.String("timezone", envOr(env, "BUDAYA_TIMEZONE", "Asia/Jakarta"), "time zone of the instansi (env BUDAYA_TIMEZONE)")
		return func(db *store.DB, _ []string) error {
			if *period <= 0 {
				return errors.New("budaya remind: give the period with --period ID")
			}
			if *baseURL == "" {
				return errors.New("budaya remind: set --base-url (or BUDAYA_BASE_URL) so that the links in the messages open budaya")
			}
			loc, err := time.LoadLocation(*tz)
			if err != nil {
				return fmt.Errorf("--timezone %q is not a known time zone", *tz)
			}
			rounds := mail.Rounds{DB: db, Composer: mail.Composer{BaseURL: *baseURL, Loc: loc}}
			created, n, err := rounds.Remind(ctx, budaya.SystemActor("cli"), *period, mail.ManualKey(db.Now()))
			if err != nil {
				return err
			}
			if !created {
				fmt.Fprintln(env.Stdout, "a round of reminders was already queued this minute; nothing added")
				return nil
			}
			fmt.Fprintf(env.Stdout, "%s reminders queued for period %d; the running server sends them (see Surat keluar)\n", strconv.Itoa(n), *period)
			return nil
		}
	})
}

// runDigest is `budaya digest send [--dry-run]`: this week's digest to every
// leader who has not turned it off, queued once per leader and week (the
// schedule of a running server skips those already queued, and the other way
// round). --dry-run lists what would be queued and queues nothing.
func runDigest(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "send" {
		return errors.New("usage: budaya digest send [--dry-run] [--base-url URL --timezone ZONE]")
	}
	var dry *bool
	var baseURL, tz *string
	return dbCommand(ctx, env, "digest send", args[1:], func(fs *flag.FlagSet) func(*store.DB, []string) error {
		dry = fs.Bool("dry-run", false, "list the digests that would be queued; queue nothing")
		baseURL = fs.String("base-url", env.Getenv("BUDAYA_BASE_URL"), "public address of budaya, for the links in the messages (env BUDAYA_BASE_URL)")
		tz = fs.String("timezone", envOr(env, "BUDAYA_TIMEZONE", "Asia/Jakarta"), "time zone of the instansi (env BUDAYA_TIMEZONE)")
		return func(db *store.DB, _ []string) error {
			if *baseURL == "" {
				return errors.New("budaya digest send: set --base-url (or BUDAYA_BASE_URL) so that the links in the messages open budaya")
			}
			loc, err := time.LoadLocation(*tz)
			if err != nil {
				return fmt.Errorf("--timezone %q is not a known time zone", *tz)
			}
			now := db.Now()
			y, w := now.In(loc).ISOWeek()
			week := fmt.Sprintf("%d-W%02d", y, w)
			sched := mail.Schedule{DB: db, Composer: mail.Composer{BaseURL: *baseURL, Loc: loc, Now: db.Now}}
			built, n, err := sched.Digests(ctx, now, week, *dry)
			if err != nil {
				return err
			}
			for _, m := range built {
				fmt.Fprintf(env.Stdout, "%s <%s>: %s\n", m.ToName, m.To, m.Subject)
			}
			if *dry {
				fmt.Fprintf(env.Stdout, "dry run: %d digests of week %s would be queued; nothing was queued\n", len(built), week)
				return nil
			}
			fmt.Fprintf(env.Stdout, "%d digests of week %s queued; the running server sends them (see Surat keluar)\n", n, week)
			return nil
		}
	})
}
