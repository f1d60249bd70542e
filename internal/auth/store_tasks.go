package auth

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// lockedAccounts lists the accounts whose sign-in is locked at now.
func lockedAccounts(ctx context.Context, tx *sql.Tx, now time.Time) ([]AccountTask, error) {
	return db.List(ctx, tx, "locked accounts", func(row db.Scanner) (AccountTask, error) {
		t := AccountTask{Kind: "locked_account"}
		err := row.Scan(&t.UserID, &t.Email, &t.Since)
		t.Email = strings.ToLower(t.Email)
		return t, err
	}, `SELECT u.id, u.email, t.locked_until FROM login_throttle t
		JOIN users u ON t.key = 'account:' || u.email WHERE t.locked_until > $1 ORDER BY t.locked_until`, now)
}
