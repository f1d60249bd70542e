package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const mailColumns = `id, COALESCE(user_id, 0), to_addr, to_name, lang, kind, subject, body_text, body_html, unsubscribe,
	status, attempts, next_attempt_at, claimed_by, claimed_at, sent_at, last_error, created_at`

func scanMail(row db.Scanner) (*Mail, error) {
	var m Mail
	var claimed, sent sql.NullTime
	err := row.Scan(&m.ID, &m.UserID, &m.To, &m.ToName, &m.Lang, &m.Kind, &m.Subject, &m.Text, &m.HTML, &m.Unsubscribe,
		&m.Status, &m.Attempts, &m.NextAttempt, &m.ClaimedBy, &claimed, &sent, &m.LastError, &m.Created)
	if err != nil {
		return nil, err
	}
	m.ClaimedAt, m.SentAt = db.TimeOf(claimed), db.TimeOf(sent)
	return &m, nil
}

// insertMail queues m.
func insertMail(ctx context.Context, tx *sql.Tx, m *Mail) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO mail_outbox (user_id, to_addr, to_name, lang, kind, subject, body_text, body_html,
		unsubscribe, status, attempts, next_attempt_at, claimed_by, last_error, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, '', '', $12) RETURNING id`,
		db.Nullable(m.UserID), m.To, m.ToName, m.Lang, m.Kind, m.Subject, m.Text, m.HTML, m.Unsubscribe, MailQueued,
		m.NextAttempt, m.Created).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// claimMail marks the oldest queued mail that is due as being sent by
// worker and returns it, or nil when none is due. The UPDATE re-checks the
// status, so of two workers racing for one row only one gets it, on either
// engine (PostgreSQL also skips rows another worker has locked).
func claimMail(ctx context.Context, tx *sql.Tx, d db.Dialect, worker string, now time.Time) (*Mail, error) {
	lock := ""
	if d == db.Postgres {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	row := tx.QueryRowContext(ctx, `UPDATE mail_outbox SET status = $1, claimed_by = $2, claimed_at = $3, attempts = attempts + 1
		WHERE status = $4 AND id = (SELECT id FROM mail_outbox WHERE status = $4 AND next_attempt_at <= $3
			ORDER BY next_attempt_at, id LIMIT 1`+lock+`)
		RETURNING `+mailColumns, MailSending, worker, now, MailQueued)
	m, err := scanMail(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claim mail: %w", err)
	}
	return m, nil
}

// finishMail records the outcome of a claimed mail: sent, back in the
// queue for next, or failed for good.
func finishMail(ctx context.Context, tx *sql.Tx, id int64, worker, status string, next time.Time, sentAt *time.Time, lastErr string) error {
	res, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET status = $1, next_attempt_at = $2, sent_at = $3, last_error = $4
		WHERE id = $5 AND status = $6 AND claimed_by = $7`, status, next, sentAt, lastErr, id, MailSending, worker)
	if err != nil {
		return fmt.Errorf("finish mail %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("finish mail %d: no longer claimed by %s", id, worker)
	}
	return nil
}

// failStaleMail fails mails claimed before cutoff and never finished (their
// worker stopped mid-send): whether the server took them is unknown, and
// trying again could send them twice, so an administrator decides.
func failStaleMail(ctx context.Context, tx *sql.Tx, cutoff time.Time) error {
	return db.Exec(ctx, tx, "fail stale mail", `UPDATE mail_outbox SET status = $1, last_error = $2
		WHERE status = $3 AND claimed_at < $4`, MailFailed, "interrupted while sending: not retried, to never send twice", MailSending, cutoff)
}

// requeueMail puts a failed mail back in the queue (an administrator's
// decision).
func requeueMail(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET status = $1, next_attempt_at = $2, attempts = 0, last_error = ''
		WHERE id = $3 AND status = $4`, MailQueued, now, id, MailFailed)
	if err != nil {
		return fmt.Errorf("requeue mail: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.Conflict("err.notify_mail_not_failed")
	}
	return nil
}

// listMail returns the newest mails, status first when given.
func listMail(ctx context.Context, tx *sql.Tx, status string, limit int) ([]*Mail, error) {
	return db.List(ctx, tx, "list mail", scanMail, `SELECT `+mailColumns+` FROM mail_outbox
		WHERE $1 = '' OR status = $1 ORDER BY id DESC LIMIT $2`, status, limit)
}

// getMail returns mail id.
func getMail(ctx context.Context, tx *sql.Tx, id int64) (*Mail, error) {
	m, err := scanMail(tx.QueryRowContext(ctx, `SELECT `+mailColumns+` FROM mail_outbox WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	return m, err
}

// mailCounts is the number of mails in each status.
func mailCounts(ctx context.Context, tx *sql.Tx) (map[string]int, error) {
	out := map[string]int{}
	err := db.Each(ctx, tx, "count mail", `SELECT status, COUNT(*) FROM mail_outbox GROUP BY status`, func(row db.Scanner) error {
		var s string
		var n int
		err := row.Scan(&s, &n)
		out[s] = n
		return err
	})
	return out, err
}
