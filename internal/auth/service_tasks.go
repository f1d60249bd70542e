package auth

import (
	"context"
	"database/sql"
	"time"
)

// AccountTask is something waiting for an administrator about one
// account: Kind "locked_account" (locked after failed sign-ins, until
// Since) or "no_second_factor" (its roles need one it has not set up).
type AccountTask struct {
	Kind   string
	UserID int64
	Email  string
	Since  time.Time
}

// AdminTasks lists the accounts that wait for an administrator. Admins
// only; anyone else has none.
func (s *Service) AdminTasks(ctx context.Context, by *Principal) ([]AccountTask, error) {
	if !by.IsAdmin() {
		return nil, nil
	}
	var out []AccountTask
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if out, err = lockedAccounts(ctx, tx, s.now()); err != nil {
			return err
		}
		users, err := listUsers(ctx, tx, UserFilter{})
		if err != nil {
			return err
		}
		for _, u := range users {
			if !u.Disabled && u.NeedsSecondFactor() && !u.TOTPEnabled && u.HasPassword {
				out = append(out, AccountTask{Kind: "no_second_factor", UserID: u.ID, Email: u.Email, Since: u.CreatedAt})
			}
		}
		return nil
	})
	return out, err
}
