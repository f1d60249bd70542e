package auth

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// SetPassword lets an admin give a user a new password (e.g. a forgotten
// one); it signs the user out everywhere and revokes their API tokens.
func (s *Service) SetPassword(ctx context.Context, by *Principal, id int64, pw string) (err error) {
	defer func() { s.tell(ctx, err, id, "password_changed") }()
	if err := Require(by, RoleAdmin); err != nil {
		return err
	}
	u, err := s.GetUser(ctx, by, id)
	if err != nil {
		return err
	}
	if k := PasswordProblem(pw, u.Email, u.Name); k != "" {
		return errs.Invalid().Field("password", k, "Min", MinPasswordLength)
	}
	hash, err := s.Hashes.Hash(ctx, pw)
	if err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		_, err := s.storePassword(ctx, tx, by, u.ID, hash, "user.password_set")
		return err
	})
}

// storePassword writes a new password hash (computed before the
// transaction, so no write waits on argon2id), ends every session and
// revokes every token of the user, and returns the new session epoch.
func (s *Service) storePassword(ctx context.Context, tx *sql.Tx, by *Principal, userID int64, hash, action string) (int64, error) {
	epoch, err := setPasswordHash(ctx, tx, userID, hash, s.now())
	if err != nil {
		return 0, err
	}
	if err := s.revokeAllTokens(ctx, tx, by, userID, "password changed"); err != nil {
		return 0, err
	}
	return epoch, audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "user",
		EntityID: strconv.FormatInt(userID, 10), Detail: "password changed; other sessions ended, API tokens revoked"})
}

// ChangePassword changes the caller's own password after checking the
// current one. Every other session of the user ends and every token is
// revoked; the caller's session is renewed by the web layer with the
// returned epoch.
func (s *Service) ChangePassword(ctx context.Context, by *Principal, current, next string) (int64, error) {
	if by == nil || by.UserID == 0 {
		return 0, errs.Unauthorised()
	}
	c, err := s.readCredentials(ctx, by.UserID)
	if err != nil {
		return 0, err
	}
	e := errs.Invalid()
	if c.PasswordHash != "" {
		ok, err := s.Hashes.Check(ctx, c.PasswordHash, current)
		if err != nil {
			return 0, err
		}
		if !ok {
			e.Field("current_password", "err.password_wrong")
		}
	}
	if k := PasswordProblem(next, by.Email, by.Name); k != "" {
		e.Field("new_password", k, "Min", MinPasswordLength)
	}
	if err := e.OrNil(); err != nil {
		return 0, err
	}
	hash, err := s.Hashes.Hash(ctx, next)
	if err != nil {
		return 0, err
	}
	epoch, err := db.Write(ctx, s.DB, func(tx *sql.Tx) (int64, error) {
		return s.storePassword(ctx, tx, by, by.UserID, hash, "user.password_change")
	})
	s.tell(ctx, err, by.UserID, "password_changed")
	return epoch, err
}

// SignOutEverywhere ends every session of the caller, this one included,
// and revokes every API token they hold.
func (s *Service) SignOutEverywhere(ctx context.Context, by *Principal) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := endSessions(ctx, tx, by.UserID); err != nil {
			return err
		}
		if err := s.revokeAllTokens(ctx, tx, by, by.UserID, "signed out everywhere"); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.sign_out_everywhere",
			EntityType: "user", EntityID: strconv.FormatInt(by.UserID, 10)})
	})
}
