package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/budaya-id/budaya/internal/store"
)

// MaxAttempts is how often a message is tried before it is kept as failed.
const MaxAttempts = 6

// Backoff is the wait before attempt n+1 after n failed attempts: 1, 4, 16,
// 64 minutes, then 4 hours.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 4*time.Hour; i++ {
		d *= 4
	}
	return min(d, 4*time.Hour)
}

// Worker sends the outbox through a Sender.
type Worker struct {
	db     *store.DB
	sender Sender
	log    *slog.Logger
	worker string
	lease  time.Duration
	poll   time.Duration
	wake   chan struct{}
}

// NewWorker returns a Worker that sends db's outbox through sender.
func NewWorker(db *store.DB, sender Sender, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	host, _ := os.Hostname()
	return &Worker{db: db, sender: sender, log: log,
		worker: fmt.Sprintf("mail-%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b)),
		lease:  2 * time.Minute, poll: 5 * time.Second, wake: make(chan struct{}, 1)}
}

// Wake makes a running worker look at the outbox now.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run sends messages until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	for {
		sent, err := w.SendOne(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Error("mail worker", slog.Any("err", err))
		}
		if sent {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-time.After(w.poll):
		}
	}
}

// SendOne claims one due message and tries to send it; it reports whether there was one.
func (w *Worker) SendOne(ctx context.Context) (bool, error) {
	m, err := w.db.ClaimMail(ctx, w.worker, w.lease)
	if errors.Is(err, store.ErrNoMail) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	sendCtx, cancel := context.WithTimeout(ctx, w.lease/2)
	answer, sendErr := w.sender.Send(sendCtx, Message{To: m.To, ToName: m.ToName, Subject: m.Subject, Text: m.Text, HTML: m.HTML, Calendar: m.Calendar})
	cancel()
	done := context.WithoutCancel(ctx)
	if sendErr == nil {
		w.log.Info("mail sent", slog.Int64("mail", m.ID), slog.String("kind", m.Kind))
		return true, w.db.MailSent(done, m.ID, w.worker, answer)
	}
	var retryAt time.Time
	var se *SendError
	permanent := errors.As(sendErr, &se) && se.Permanent
	if !permanent && m.Attempts < MaxAttempts {
		retryAt = time.Now().Add(Backoff(m.Attempts))
	}
	w.log.Warn("mail not sent", slog.Int64("mail", m.ID), slog.Int("attempt", m.Attempts), slog.Bool("final", retryAt.IsZero()), slog.Any("err", sendErr))
	return true, w.db.MailNotSent(done, m.ID, w.worker, sendErr.Error(), retryAt)
}
