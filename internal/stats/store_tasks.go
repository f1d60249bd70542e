package stats

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// openConflicts counts the conflicts waiting for a decision and says when
// the newest arrived.
func openConflicts(ctx context.Context, tx *sql.Tx) (int, time.Time, error) {
	var n int
	var newest time.Time
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stat_conflicts WHERE status = $1`, "open").Scan(&n); err != nil || n == 0 {
		return 0, newest, err
	}
	// Not MAX(created_at): SQLite returns an aggregate's time as text.
	err := tx.QueryRowContext(ctx, `SELECT created_at FROM stat_conflicts WHERE status = $1 ORDER BY created_at DESC LIMIT 1`, "open").Scan(&newest)
	if err != nil {
		return 0, newest, fmt.Errorf("newest open conflict: %w", err)
	}
	return n, newest, nil
}
