package auth

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
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
			locked, err := lockFull(ctx, tx, now, k)
			if err != nil {
				return err
			}
			if !locked {
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
		if err := clearThrottle(ctx, tx, own); err != nil {
			return err
		}
		for _, k := range shared {
			if err := refundAttempt(ctx, tx, k); err != nil {
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
		return purgeThrottle(ctx, tx, now)
	})
}
