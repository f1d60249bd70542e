package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Login throttling: after MaxFailures failed attempts within LockWindow on
// one key (an account, or a client address), the key is locked for
// LockWindow. Counters live in the database, so every app server shares them.
const (
	MaxFailures = 10
	LockWindow  = 15 * time.Minute
)

func accountKey(email string) string { return "account:" + email }
func addrKey(addr string) string     { return "addr:" + addr }

// lockedKeys reports whether any of keys is locked at now.
func lockedKeys(ctx context.Context, tx *sql.Tx, now time.Time, keys ...string) (bool, error) {
	for _, k := range keys {
		var until sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT locked_until FROM login_throttle WHERE key = $1`, k).Scan(&until)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return false, fmt.Errorf("read throttle: %w", err)
		}
		if until.Valid && now.Before(until.Time) {
			return true, nil
		}
	}
	return false, nil
}

// recordFailure counts a failure against key and reports whether it has just
// become locked.
func recordFailure(ctx context.Context, tx *sql.Tx, now time.Time, key string) (bool, error) {
	var failures int
	var start time.Time
	err := tx.QueryRowContext(ctx, `SELECT failures, window_start FROM login_throttle WHERE key = $1`, key).Scan(&failures, &start)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, `INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, $2)`, key, now)
		return false, err
	case err != nil:
		return false, fmt.Errorf("read throttle: %w", err)
	}
	if now.Sub(start) > LockWindow {
		failures, start = 0, now
	}
	failures++
	var until any
	locked := failures >= MaxFailures
	if locked {
		until, failures, start = now.Add(LockWindow), 0, now
	}
	_, err = tx.ExecContext(ctx, `UPDATE login_throttle SET failures = $1, window_start = $2, locked_until = $3 WHERE key = $4`,
		failures, start, until, key)
	return locked, err
}

func clearFailures(ctx context.Context, tx *sql.Tx, key string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE key = $1`, key)
	return err
}
