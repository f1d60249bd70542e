package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// countResetRequests records one reset request under each key and reports
// whether every key stayed within its hourly limit (key, limit pairs).
// Requests older than an hour are dropped on the way.
func countResetRequests(ctx context.Context, tx *sql.Tx, now time.Time, pairs ...any) (bool, error) {
	if err := db.Exec(ctx, tx, "purge reset requests", `DELETE FROM password_reset_requests WHERE at < $1`, now.Add(-time.Hour)); err != nil {
		return false, err
	}
	ok := true
	for i := 0; i+1 < len(pairs); i += 2 {
		key, limit := pairs[i].(string), pairs[i+1].(int)
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM password_reset_requests WHERE key = $1`, key).Scan(&n); err != nil {
			return false, fmt.Errorf("count reset requests: %w", err)
		}
		if n >= limit {
			ok = false
			continue // a refused request does not extend the window
		}
		if err := db.Exec(ctx, tx, "record reset request", `INSERT INTO password_reset_requests (key, at) VALUES ($1, $2)`, key, now); err != nil {
			return false, err
		}
	}
	return ok, nil
}

// recentResets counts the links made for userID since.
func recentResets(ctx context.Context, tx *sql.Tx, userID int64, since time.Time) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at >= $2`, userID, since).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count resets: %w", err)
	}
	return n, nil
}

// insertReset stores a reset link by its token's hash.
func insertReset(ctx context.Context, tx *sql.Tx, userID int64, hash string, now, expires time.Time) error {
	return db.Exec(ctx, tx, "store reset", `INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
		userID, hash, now, expires)
}

// resetByHash returns the unspent, unexpired link with hash and its
// account, or the one refusal every bad link gets.
func resetByHash(ctx context.Context, tx *sql.Tx, hash string, now time.Time) (id, userID int64, err error) {
	err = tx.QueryRowContext(ctx, `SELECT r.id, r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
		WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND u.disabled = $3`, hash, now, false).Scan(&id, &userID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, errs.Invalid().WithKey("err.reset_link_invalid")
	}
	if err != nil {
		return 0, 0, fmt.Errorf("find reset: %w", err)
	}
	return id, userID, nil
}

// spendResets marks link id used, and every other open link of userID
// with it; it refuses a link spent meanwhile (two tabs, one link).
func spendResets(ctx context.Context, tx *sql.Tx, id, userID int64, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL`, now, id)
	if err != nil {
		return fmt.Errorf("spend reset: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return errs.Invalid().WithKey("err.reset_link_invalid")
	}
	return db.Exec(ctx, tx, "spend resets", `UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL`, now, userID)
}
