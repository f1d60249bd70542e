package auth

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// lockedAccounts lists the accounts whose sign-in is locked at now.
func lockedAccounts(ctx context.Context, tx *sql.Tx, now time.Time) ([]AccountTask, error) {
	rows, err := tx.QueryContext(ctx, `SELECT u.id, u.email, t.locked_until FROM login_throttle t
		JOIN users u ON t.key = 'account:' || u.email WHERE t.locked_until > $1 ORDER BY t.locked_until`, now)
	if err != nil {
		return nil, fmt.Errorf("locked accounts: %w", err)
	}
	defer rows.Close()
	var out []AccountTask
	for rows.Next() {
		t := AccountTask{Kind: "locked_account"}
		if err := rows.Scan(&t.UserID, &t.Email, &t.Since); err != nil {
			return nil, err
		}
		t.Email = strings.ToLower(t.Email)
		out = append(out, t)
	}
	return out, rows.Err()
}
