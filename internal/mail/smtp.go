// Package mail sends budaya's messages: an SMTP client for the settings
// --smtp-url and --mail-from, and a worker that drains the outbox kept in the
// database (store.ClaimMail), one sender per message across every server.
package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/budaya-id/budaya/internal/budaya"
)

// TLS modes of an SMTP URL.
const (
	TLSStartTLS = "starttls" // plain connection upgraded by STARTTLS, which must succeed (port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: only for a relay on the same host or network
)

// Config is the SMTP server and the sender's address.
type Config struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      string
	From     string // "Budaya <budaya@instansi.go.id>"
	Timeout  time.Duration
	// TLSConfig, when set, replaces the default (tests trust their own CA with it).
	TLSConfig *tls.Config
}

// ParseURL reads smtp://user:pass@host:port?tls=starttls|tls|none. The port
// defaults to 587 for starttls (the default mode), 465 for tls and 25 for none.
func ParseURL(raw, from string) (Config, error) {
	bad := func(m budaya.Msg, args ...any) error {
		return budaya.Invalid("smtp-url", m, args...)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return Config{}, bad(budaya.MsgSMTPURLMustLook)
	}
	c := Config{Host: u.Hostname(), TLS: u.Query().Get("tls"), Timeout: 30 * time.Second}
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	switch c.TLS {
	case TLSStartTLS:
		c.Port = 587
	case TLSImplicit:
		c.Port = 465
	case TLSNone:
		c.Port = 25
	default:
		return Config{}, bad(budaya.MsgTLSSMTPURLUnknown, c.TLS)
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port < 1 || c.Port > 65535 {
			return Config{}, bad(budaya.MsgPortSMTPURLNotValid, p)
		}
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	if from == "" {
		return Config{}, budaya.Invalid("mail-from", budaya.MsgSetMailFromBUDAYA)
	}
	if _, err := mail.ParseAddress(from); err != nil {
		return Config{}, budaya.Invalid("mail-from", budaya.MsgMailFromNotValid, from)
	}
	c.From = from
	return c, nil
}

// Message is one message to send.
type Message struct {
	To      string
	ToName  string
	Subject string
	Text    string
	HTML    string
	// Calendar, when set, is an iCalendar object: sent as a text/calendar
	// alternative with its METHOD (what calendar programs act on) and as the
	// attachment invite.ics (for those that only read attachments).
	Calendar string
}

// Sender sends one message and returns what the server answered.
type Sender interface {
	Send(ctx context.Context, m Message) (answer string, err error)
}

// SMTP sends through an SMTP server.
type SMTP struct{ cfg Config }

// NewSMTP returns a Sender for cfg.
func NewSMTP(cfg Config) *SMTP { return &SMTP{cfg: cfg} }

// SendError is a message the server did not take; Permanent is set when
// trying again will not help (a 5xx answer).
type SendError struct {
	Answer    string
	Permanent bool
	Err       error
}

func (e *SendError) Error() string { return e.Answer }
func (e *SendError) Unwrap() error { return e.Err }

// Send delivers m in one SMTP session.
func (s *SMTP) Send(ctx context.Context, m Message) (string, error) {
	msg := gomail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return "", &SendError{Answer: "from: " + err.Error(), Permanent: true, Err: err}
	}
	to := m.To
	if m.ToName != "" {
		to = (&mail.Address{Name: m.ToName, Address: m.To}).String()
	}
	if err := msg.To(to); err != nil {
		return "", &SendError{Answer: "to: " + err.Error(), Permanent: true, Err: err}
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if m.Calendar != "" {
		method := calendarMethod(m.Calendar)
		if method == "" {
			return "", &SendError{Answer: "calendar without METHOD", Permanent: true}
		}
		msg.AddAlternativeString(gomail.ContentType("text/calendar; method="+method), m.Calendar)
		if err := msg.AttachReader("invite.ics", strings.NewReader(m.Calendar), gomail.WithFileContentType("application/ics")); err != nil {
			return "", &SendError{Answer: "calendar: " + err.Error(), Permanent: true, Err: err}
		}
	}
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	tlsCfg := s.cfg.TLSConfig
	if tlsCfg == nil {
		tlsCfg = &tls.Config{ServerName: s.cfg.Host, MinVersion: tls.VersionTLS12}
	}
	switch s.cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL(), gomail.WithTLSConfig(tlsCfg))
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory), gomail.WithTLSConfig(tlsCfg))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return "", &SendError{Answer: err.Error(), Permanent: true, Err: err}
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return "", classify(err)
	}
	// The library keeps the text of the final answer; its code is always 250.
	return strings.TrimSpace("250 " + msg.ServerResponse()), nil
}

// classify keeps the server's answer of a failed send and decides whether a
// retry may help: a 5xx answer will not change; a 4xx answer, a time-out or a
// refused connection may.
func classify(err error) *SendError {
	e := &SendError{Answer: err.Error(), Err: err}
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		if code >= 500 && code < 600 {
			e.Permanent = true
		}
		if code != 0 {
			e.Answer = fmt.Sprintf("%d %s", code, strings.TrimSpace(err.Error()))
		}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		e.Answer = "time-out: " + e.Answer
	}
	return e
}
