package notify

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/tipsom/tipsom/internal/db"
)

// Sender hands one message to a mail server.
type Sender interface {
	Send(ctx context.Context, msg *gomail.Msg) error
}

// SMTPSender delivers over SMTP with go-mail: STARTTLS required, implicit
// TLS for smtps://, plain SMTP only to a loopback host.
type SMTPSender struct {
	Config SMTPConfig
	TLS    *tls.Config // nil: the system's roots, the host's name
}

// Send dials the server, sends msg and hangs up.
func (s *SMTPSender) Send(ctx context.Context, msg *gomail.Msg) error {
	c := s.Config
	opts := []gomail.Option{gomail.WithPort(c.Port), gomail.WithTimeout(30 * time.Second), gomail.WithHELO("tipsom")}
	switch {
	case c.ImplicitTLS:
		opts = append(opts, gomail.WithSSL())
	case c.AllowPlain:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.TLS != nil {
		opts = append(opts, gomail.WithTLSConfig(s.TLS))
	}
	if c.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(c.Username),
			gomail.WithPassword(c.Password))
	}
	client, err := gomail.NewClient(c.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	return client.DialAndSendWithContext(ctx, msg)
}

// Worker delivers the outbox: it claims one due mail at a time (atomically,
// so several workers on several servers never send one twice), sends it,
// and records the outcome; a failed attempt waits Backoff before the next.
type Worker struct {
	DB      *db.DB
	Sender  Sender
	From    string
	Name    string // this worker's claim label
	Now     func() time.Time
	Backoff func(attempts int) time.Duration
	Log     *slog.Logger
	// StaleAfter fails mails claimed longer ago than this and never
	// finished (their worker stopped mid-send).
	StaleAfter time.Duration
	wake       chan struct{}
}

// NewWorker returns a worker on d delivering through s from address from.
func NewWorker(d *db.DB, s Sender, from, name string, log *slog.Logger) *Worker {
	return &Worker{DB: d, Sender: s, From: from, Name: name, Now: time.Now, Backoff: Backoff, Log: log,
		StaleAfter: 15 * time.Minute, wake: make(chan struct{}, 1)}
}

// Wake asks a running worker to look at the queue now.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// RunOnce delivers every mail due now and returns how many went.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	now := db.Time(w.Now())
	if err := w.DB.Tx(ctx, func(tx *sql.Tx) error { return failStaleMail(ctx, tx, now.Add(-w.StaleAfter)) }); err != nil {
		return 0, err
	}
	sent := 0
	for ctx.Err() == nil {
		var m *Mail
		err := w.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
			m, err = claimMail(ctx, tx, w.DB.Dialect, w.Name, db.Time(w.Now()))
			return err
		})
		if err != nil || m == nil {
			return sent, err
		}
		ok, err := w.deliver(ctx, m)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, ctx.Err()
}

// deliver sends one claimed mail and records the outcome.
func (w *Worker) deliver(ctx context.Context, m *Mail) (bool, error) {
	at := db.Time(w.Now())
	msg, err := MessageOf(m, w.From, at)
	if err == nil {
		err = w.Sender.Send(ctx, msg)
	}
	status, next, lastErr := MailSent, at, ""
	var sentAt *time.Time
	if err == nil {
		sentAt = &at
	} else {
		lastErr = err.Error()
		status, next = MailQueued, at.Add(w.Backoff(m.Attempts))
		if m.Attempts >= MaxAttempts {
			status = MailFailed
		}
		w.Log.Warn("mail not delivered", "mail", m.ID, "attempt", m.Attempts, "err", err)
	}
	// The outcome is recorded even when ctx ended meanwhile: a mail the
	// server took must never go back to the queue.
	rec := context.WithoutCancel(ctx)
	return err == nil, w.DB.Tx(rec, func(tx *sql.Tx) error {
		return finishMail(rec, tx, m.ID, w.Name, status, next, sentAt, lastErr)
	})
}

// Run delivers the outbox until ctx ends: every interval, and at once when
// woken.
func (w *Worker) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.Log.Warn("mail worker", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.wake:
		}
	}
}
