package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Login throttling: after MaxFailures failed attempts within LockWindow on
// one key (an account, a client address, a user's second factor), the key
// is locked for LockWindow. Counters live in the database, so every app
// server shares them.
//
// An attempt is counted before its password is checked: reserve adds it to
// every key in one statement per key that also checks the lock, so however
// many attempts arrive at once, at most MaxFailures are ever checked per
// key and window. A success then takes its reservation back.
const (
	MaxFailures = 10
	LockWindow  = 15 * time.Minute
)

func accountKey(email string) string { return "account:" + email }
func addrKey(addr string) string     { return "addr:" + addr }
func totpKey(userID int64) string    { return "totp:" + strconv.FormatInt(userID, 10) }

// reserveAttempt counts one attempt against key unless the key is locked or
// has MaxFailures attempts in its window already, reporting whether it
// did. A window older than LockWindow starts afresh.
func reserveAttempt(ctx context.Context, tx *sql.Tx, now time.Time, key string) (bool, error) {
	var n int64
	err := tx.QueryRowContext(ctx, `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, $2)
		ON CONFLICT (key) DO UPDATE SET
			failures = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,
			window_start = CASE WHEN login_throttle.window_start < $3 THEN excluded.window_start ELSE login_throttle.window_start END,
			locked_until = NULL
		WHERE (login_throttle.locked_until IS NULL OR login_throttle.locked_until <= excluded.window_start)
			AND (login_throttle.window_start < $3 OR login_throttle.failures < $4)
		RETURNING failures`, key, now, now.Add(-LockWindow), MaxFailures).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reserve attempt: %w", err)
	}
	return true, nil
}

// reserve counts one attempt against every key, all or none, and returns
// the throttling refusal when any key is locked or full.
func (s *Service) reserve(ctx context.Context, keys ...string) error {
	now := s.now()
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			ok, err := reserveAttempt(ctx, tx, now, k)
			if err != nil {
				return errs.Internal(err)
			}
			if !ok {
				return errs.TooMany("err.login_throttled")
			}
		}
		return nil
	})
}

// fail settles failed attempts: a key that has reached MaxFailures becomes
// locked for LockWindow (written to the audit log once), and the refusal
// is returned.
func (s *Service) fail(ctx context.Context, keys ...string) error {
	now := s.now()
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			res, err := tx.ExecContext(ctx, `UPDATE login_throttle SET locked_until = $1, failures = 0, window_start = $2
				WHERE key = $3 AND failures >= $4 AND (locked_until IS NULL OR locked_until <= $2)`,
				now.Add(LockWindow), now, k, MaxFailures)
			if err != nil {
				return fmt.Errorf("lock %s: %w", k, err)
			}
			if n, err := res.RowsAffected(); err != nil || n == 0 {
				if err != nil {
					return err
				}
				continue
			}
			err = audit.Record(ctx, tx, audit.Actor{Label: "system:throttle"}, audit.Change{
				Action: "auth.lockout", EntityType: "login", EntityID: k,
				Detail: strconv.Itoa(MaxFailures) + " failures; locked for " + LockWindow.String()})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return errs.Internal(err)
	}
	return errs.Unauthorised().WithKey("err.login_failed")
}

// succeed settles a successful attempt: the account's (or second factor's)
// own key is cleared, and the attempt reserved on the shared keys (the
// address) is taken back, since it was no failure.
func (s *Service) succeed(ctx context.Context, own string, shared ...string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.Exec(ctx, tx, "clear throttle", `DELETE FROM login_throttle WHERE key = $1`, own); err != nil {
			return err
		}
		for _, k := range shared {
			if err := db.Exec(ctx, tx, "refund attempt", `UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0`, k); err != nil {
				return err
			}
		}
		return nil
	})
}

// PurgeThrottle deletes the throttle rows that no longer hold anything:
// the window is over and no lock is running. The app's housekeeping runs
// it, so the table holds only the last LockWindow's keys.
func (s *Service) PurgeThrottle(ctx context.Context) error {
	now := s.now()
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		return db.Exec(ctx, tx, "purge throttle", `DELETE FROM login_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until <= $2)`,
			now.Add(-LockWindow), now)
	})
}
