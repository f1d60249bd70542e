package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// The statements on login_throttle: a row a key (an account, a client
// address, a user's second factor) with its failures in the current window
// and its lock. See service_throttle.go for the rules they keep.

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

// lockFull locks key for LockWindow from now if it has reached
// MaxFailures and is not locked already, reporting whether it did.
func lockFull(ctx context.Context, tx *sql.Tx, now time.Time, key string) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE login_throttle SET locked_until = $1, failures = 0, window_start = $2
		WHERE key = $3 AND failures >= $4 AND (locked_until IS NULL OR locked_until <= $2)`,
		now.Add(LockWindow), now, key, MaxFailures)
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", key, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func clearThrottle(ctx context.Context, tx *sql.Tx, key string) error {
	return db.Exec(ctx, tx, "clear throttle", `DELETE FROM login_throttle WHERE key = $1`, key)
}

// refundAttempt takes back one attempt reserved on key.
func refundAttempt(ctx context.Context, tx *sql.Tx, key string) error {
	return db.Exec(ctx, tx, "refund attempt", `UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0`, key)
}

// purgeThrottle deletes the rows whose window is over and lock not running.
func purgeThrottle(ctx context.Context, tx *sql.Tx, now time.Time) error {
	return db.Exec(ctx, tx, "purge throttle", `DELETE FROM login_throttle WHERE window_start < $1 AND (locked_until IS NULL OR locked_until <= $2)`,
		now.Add(-LockWindow), now)
}
