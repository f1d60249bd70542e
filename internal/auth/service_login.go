package auth

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Login checks an email and password from client address addr. Whatever the
// reason for refusing — no such account, wrong password, disabled account —
// the error is the same, and takes as long. The attempt is counted before
// the password is checked, and throttled keys are refused without checking
// it (see reserve).
func (s *Service) Login(ctx context.Context, email, password, addr string) (*User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	// Empty fields are a slip, not an attempt: say so, and count nothing.
	e := errs.Invalid()
	switch {
	case email == "":
		e.Field("email", "err.required")
	case len(email) > maxEmailLength:
		// No account has such an address: refuse it before it becomes
		// an unbounded throttle key.
		e.Field("email", "err.email_invalid")
	}
	if password == "" {
		e.Field("password", "err.required")
	}
	if err := e.OrNil(); err != nil {
		return nil, err
	}
	keys := []string{accountKey(email), addrKey(addr)}
	if err := s.reserve(ctx, keys...); err != nil {
		return nil, err
	}
	var u *User
	var c *credentials
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		u, c, err = accountByEmail(ctx, tx, email)
		return err
	})
	if err != nil && !errs.Is(err, errs.KindNotFound) {
		return nil, err
	}
	hash := dummyHash
	if c != nil && c.PasswordHash != "" {
		hash = c.PasswordHash
	}
	ok, err := s.Hashes.Check(ctx, hash, password)
	if err != nil {
		// Not checked, so not a failure: give the attempt back.
		if serr := s.succeed(ctx, "", keys...); serr != nil {
			return nil, errs.Internal(serr)
		}
		return nil, err
	}
	if ok && hash != dummyHash && !c.Disabled {
		if err := s.succeed(ctx, keys[0], keys[1]); err != nil {
			return nil, errs.Internal(err)
		}
		return u, nil
	}
	return nil, s.fail(ctx, keys...)
}

// CompleteLogin records a successful sign-in (after any second factor) and
// returns the principal and the session epoch to store in the session.
func (s *Service) CompleteLogin(ctx context.Context, userID int64, method string, mfa bool) (*Principal, int64, error) {
	var p *Principal
	var epoch int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := recordLogin(ctx, tx, userID, s.now()); err != nil {
			return err
		}
		u, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		c, err := getCredentials(ctx, tx, userID)
		if err != nil {
			return err
		}
		epoch = c.SessionEpoch
		p = principalOf(u, "session", mfa)
		return audit.Record(ctx, tx, p.AuditActor(), audit.Change{Action: "auth.login", EntityType: "user",
			EntityID: strconv.FormatInt(userID, 10), Detail: method})
	})
	return p, epoch, err
}

func principalOf(u *User, method string, mfa bool) *Principal {
	return &Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Roles: u.Roles, Country: u.Country,
		OrgID: u.OrgID, Org: u.Org, MFA: mfa, Method: method}
}

// SessionPrincipal rebuilds the principal of a session holding userID at
// epoch. It returns nil when the account is gone or disabled or the epoch is
// stale (signed out everywhere, password changed), and needsMFA when the
// user's roles now require a second factor the session has not presented.
func (s *Service) SessionPrincipal(ctx context.Context, userID, epoch int64, mfa bool) (p *Principal, needsMFA bool, err error) {
	err = s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		c, err := getCredentials(ctx, tx, userID)
		if errs.Is(err, errs.KindNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if c.Disabled || c.SessionEpoch != epoch {
			return nil
		}
		u, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if u.NeedsSecondFactor() && !mfa {
			needsMFA = true
			return nil
		}
		p = principalOf(u, "session", mfa)
		return nil
	})
	return p, needsMFA, err
}

// UserForSSO returns the enabled account whose email an identity provider has
// verified, or the same refusal as a failed password.
func (s *Service) UserForSSO(ctx context.Context, email string) (*User, error) {
	u, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (*User, error) { return userByEmail(ctx, tx, email) })
	if errs.Is(err, errs.KindNotFound) || (u != nil && u.Disabled) {
		return nil, errs.Unauthorised().WithKey("err.sso_no_account")
	}
	return u, err
}

// RecordLogout writes a sign-out to the audit log.
func (s *Service) RecordLogout(ctx context.Context, p *Principal) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		return audit.Record(ctx, tx, p.AuditActor(), audit.Change{Action: "auth.logout", EntityType: "user",
			EntityID: strconv.FormatInt(p.UserID, 10)})
	})
}
