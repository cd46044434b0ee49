package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/budaya-id/budaya/internal/budaya"
	"github.com/budaya-id/budaya/internal/mail"
	"github.com/budaya-id/budaya/internal/store"
)

// setupMail prepares the outbox rounds and, when a sender is configured, the worker that empties the outbox.
func (s *Server) setupMail(sender mail.Sender, from string) {
	c := mail.Composer{BaseURL: s.baseURL, Loc: s.loc, From: from, Now: s.db.Now}
	s.mailRounds = mail.Rounds{DB: s.db, Composer: c}
	s.mailSched = mail.Schedule{DB: s.db, Composer: c}
	// Events (an invitation to a session, a signed pledge, a returned
	// report) write their mail in their own transaction through this.
	s.db.SetMailer(c)
	if sender != nil {
		s.mailWorker = mail.NewWorker(s.db, sender, s.log)
		s.mailRounds.Wake = s.mailWorker.Wake
		s.mailSched.Wake = s.mailWorker.Wake
	}
}

// RunMail sends the outbox (when SMTP is configured) and queues the scheduled
// mail (period reminders, session reminders, agent reports due, weekly
// digests) until ctx ends; serve calls it once per process. Several servers
// may run it: each message is sent once and each round is queued once.
func (s *Server) RunMail(ctx context.Context) {
	if s.mailWorker != nil {
		go s.mailWorker.Run(ctx)
	}
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		if err := s.mailRounds.RemindDue(ctx, s.db.Now()); err != nil && ctx.Err() == nil {
			s.log.Error("scheduled reminders", slog.Any("err", err))
		}
		// Session reminders, agent reports due, the weekly digests.
		if err := s.mailSched.Due(ctx, s.db.Now()); err != nil && ctx.Err() == nil {
			s.log.Error("scheduled mail", slog.Any("err", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

type mailListPage struct {
	page
	Mail       []store.Mail
	Counts     map[string]int
	Status     string
	Pager      pager
	Configured bool
}

var mailStatuses = []string{store.MailQueued, store.MailSending, store.MailSent, store.MailFailed}

// Statuses lists the statuses a reader may filter by.
func (mailListPage) Statuses() []string { return mailStatuses }

func (s *Server) handleMailList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && !slices.Contains(mailStatuses, status) {
		s.renderError(w, r, budaya.Invalid("status", budaya.MsgUnknownStatus, status))
		return
	}
	pageNo, _ := strconv.Atoi(q.Get("page"))
	if pageNo < 1 {
		pageNo = 1
	}
	f := budaya.MailFilter{Status: status, Page: pageNo, PerPage: 50}
	msgs, total, err := s.db.ListMail(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	counts, err := s.db.MailCounts(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	other := url.Values{}
	if status != "" {
		other.Set("status", status)
	}
	s.render(w, r, http.StatusOK, "mail", mailListPage{page: s.newPage(r, "mail.title"), Mail: msgs, Counts: counts, Status: status,
		Pager: pager{Page: pageNo, PerPage: f.PerPage, Total: total, Query: other.Encode()}, Configured: s.mailWorker != nil})
}

func (s *Server) handleMailRetry(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.RetryMail(r.Context(), actor(r), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	if s.mailWorker != nil {
		s.mailWorker.Wake()
	}
	http.Redirect(w, r, "/admin/mail?msg=mail_retry", http.StatusSeeOther)
}

// periodMail is the mail panel of a period's page (admins).
type periodMail struct {
	Days       string // the reminder schedule, "7,3,1"
	Configured bool
}

func (s *Server) periodMailOf(ctx context.Context, id int64) (*periodMail, error) {
	days, err := s.db.ReminderDays(ctx, id)
	if err != nil {
		return nil, err
	}
	return &periodMail{Days: budaya.FormatReminderDays(days), Configured: s.mailWorker != nil}, nil
}

// handlePeriodRemind queues a round of reminders now, for the raters with open tasks.
func (s *Server) handlePeriodRemind(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	created, n, err := s.mailRounds.Remind(r.Context(), actor(r), id, mail.ManualKey(s.db.Now()))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := "reminders_queued"
	if !created {
		msg = "reminders_already"
	}
	http.Redirect(w, r, "/periods/"+strconv.FormatInt(id, 10)+"?msg="+msg+"&n="+strconv.Itoa(n), http.StatusSeeOther)
}

// handlePeriodReminders sets the reminder schedule of a period.
func (s *Server) handlePeriodReminders(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := parseForm(r); err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, err := s.db.FindPeriod(r.Context(), id); err != nil {
		s.renderError(w, r, err)
		return
	}
	days, err := budaya.ParseReminderDays(r.PostFormValue("days"))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.db.SetReminderDays(r.Context(), actor(r), id, days); err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/periods/"+strconv.FormatInt(id, 10)+"?msg=reminders_saved", http.StatusSeeOther)
}

// rememberLanguage keeps the language a signed-in person chose, for the mail sent to them.
func (s *Server) rememberLanguage(r *http.Request, lang string) {
	r, err := s.authenticate(r)
	if err != nil {
		return
	}
	if u := userFrom(r.Context()); u != nil {
		if err := s.db.SetUserLanguage(r.Context(), u.ID, lang); err != nil {
			s.log.Warn("remember language", slog.Int64("user", u.ID), slog.Any("err", err))
		}
	}
}

// MailWorker is the sender of the outbox, nil without SMTP (tests drive it one message at a time).
func (s *Server) MailWorker() *mail.Worker { return s.mailWorker }
