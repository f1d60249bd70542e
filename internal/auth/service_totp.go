package auth

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// ConfirmEnrolment stores secret as the user's second factor once code shows
// the authenticator holds it, replacing any earlier secret, and returns new
// recovery codes (shown once).
func (s *Service) ConfirmEnrolment(ctx context.Context, userID int64, secret, code string) ([]string, error) {
	step := matchStep(secret, code, s.now(), 0)
	if step == 0 {
		return nil, errs.Invalid().Field("code", "err.totp_wrong")
	}
	var codes []string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		u, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if err := storeTOTP(ctx, tx, userID, secret, step, s.now()); err != nil {
			return err
		}
		codes = newRecoveryCodes()
		if err := replaceRecoveryCodes(ctx, tx, userID, codes); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Actor{ID: u.ID, Label: u.Email}, audit.Change{Action: "user.totp_enrol",
			EntityType: "user", EntityID: strconv.FormatInt(userID, 10)})
	})
	return codes, err
}

// VerifySecondFactor checks a TOTP code or a recovery code for userID.
// Attempts count towards the user's second-factor lock and the address's
// like passwords do (reserved before the check). A code is consumed by one
// conditional update — the step only moves forward, a recovery code is
// used only once — so the same code sent twice at once is accepted once.
func (s *Service) VerifySecondFactor(ctx context.Context, userID int64, code, addr string) error {
	now := s.now()
	key := totpKey(userID)
	if err := s.reserve(ctx, key, addrKey(addr)); err != nil {
		return err
	}
	var ok bool
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		c, err := getCredentials(ctx, tx, userID)
		if err != nil {
			return err
		}
		if c.Disabled || c.TOTPSecret == "" {
			return nil
		}
		if step := matchStep(c.TOTPSecret, code, now, c.TOTPLastStep); step != 0 {
			ok, err = advanceTOTPStep(ctx, tx, userID, step)
			return err
		}
		if !isRecoveryCode(code) {
			return nil
		}
		used, err := useRecoveryCode(ctx, tx, userID, hashCode(code), now)
		if err != nil || !used {
			return err
		}
		ok = true
		return audit.Record(ctx, tx, audit.Actor{ID: userID, Label: "user:" + strconv.FormatInt(userID, 10)}, audit.Change{
			Action: "user.recovery_code_used", EntityType: "user", EntityID: strconv.FormatInt(userID, 10)})
	})
	if err != nil {
		return err
	}
	if !ok {
		if err := s.fail(ctx, key, addrKey(addr)); errs.Is(err, errs.KindInternal) {
			return err
		}
		return errs.Invalid().Field("code", "err.totp_wrong")
	}
	return s.succeed(ctx, key, addrKey(addr))
}

// ResetSecondFactor removes a user's TOTP secret and recovery codes (a lost
// phone), ends their sessions and revokes their API tokens; the user enrols
// again at the next sign-in. Admins only.
func (s *Service) ResetSecondFactor(ctx context.Context, by *Principal, userID int64) (err error) {
	defer func() { s.tell(ctx, err, userID, "second_factor_reset") }()
	if err := Require(by, RoleAdmin); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := userByID(ctx, tx, userID); err != nil {
			return err
		}
		if err := clearTOTP(ctx, tx, userID, s.now()); err != nil {
			return err
		}
		if err := deleteRecoveryCodes(ctx, tx, userID); err != nil {
			return err
		}
		// A lost authenticator may be in someone else's hands, with the
		// tokens minted in its sessions.
		if err := s.revokeAllTokens(ctx, tx, by, userID, "second factor reset"); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.totp_reset",
			EntityType: "user", EntityID: strconv.FormatInt(userID, 10), Detail: "second factor removed; sessions ended, API tokens revoked"})
	})
}

// RegenerateRecoveryCodes replaces the caller's recovery codes after
// checking their password.
func (s *Service) RegenerateRecoveryCodes(ctx context.Context, by *Principal, password string) ([]string, error) {
	if by == nil || by.UserID == 0 {
		return nil, errs.Unauthorised()
	}
	c, err := s.readCredentials(ctx, by.UserID)
	if err != nil {
		return nil, err
	}
	if c.TOTPSecret == "" {
		return nil, errs.Conflict("err.totp_not_enrolled")
	}
	if err := s.CheckOwnPassword(ctx, by, password); err != nil {
		return nil, err
	}
	codes := newRecoveryCodes()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := replaceRecoveryCodes(ctx, tx, by.UserID, codes); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.recovery_codes_regenerate",
			EntityType: "user", EntityID: strconv.FormatInt(by.UserID, 10)})
	})
	return codes, err
}

// CheckOwnPassword reports (as a field error) whether password is the
// caller's, before sensitive steps such as resetting their own second factor.
func (s *Service) CheckOwnPassword(ctx context.Context, by *Principal, password string) error {
	if by == nil || by.UserID == 0 {
		return errs.Unauthorised()
	}
	c, err := s.readCredentials(ctx, by.UserID)
	if err != nil {
		return err
	}
	if c.PasswordHash == "" {
		return nil
	}
	ok, err := s.Hashes.Check(ctx, c.PasswordHash, password)
	if err != nil {
		return err
	}
	if !ok {
		return errs.Invalid().Field("password", "err.password_wrong")
	}
	return nil
}

// RecoveryCodesLeft counts the caller's unused recovery codes.
func (s *Service) RecoveryCodesLeft(ctx context.Context, by *Principal) (int, error) {
	if by == nil || by.UserID == 0 {
		return 0, errs.Unauthorised()
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (int, error) { return unusedRecoveryCodes(ctx, tx, by.UserID) })
}
