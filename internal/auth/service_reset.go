package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/errs"
)

// Notifier is what accounts tell the notify plumbing (the app wires it;
// nil tells nothing): security events, sign-ins, and the reset mail.
type Notifier interface {
	// Security tells userID of a change to their account:
	// "password_changed", "second_factor_reset", "token_created".
	Security(ctx context.Context, userID int64, event string)
	// SignedIn is told of every completed sign-in, from addr in lang.
	SignedIn(ctx context.Context, userID int64, addr, lang string)
	// MailReset mails u the reset link with token (lang: the request's).
	MailReset(ctx context.Context, u *User, token, lang string) error
}

// ResetTTL is how long a password reset link works.
const ResetTTL = 30 * time.Minute

// Reset requests allowed per hour: per address typed, per account, per
// client address.
const (
	resetsPerAddress = 3
	resetsPerAccount = 3
	resetsPerClient  = 20
)

// tell passes a security event on, when a notifier is wired and err is nil.
func (s *Service) tell(ctx context.Context, err error, userID int64, event string) {
	if err == nil && s.Notices != nil && userID != 0 {
		s.Notices.Security(ctx, userID, event)
	}
}

// RequestPasswordReset mails a single-use link, valid ResetTTL, to the
// account with email, from client address addr. The answer is the same
// whether or not the address has an account, and whether or not the rate
// limit (per address, per account, per client) held the mail back: only
// a malformed address is refused. Only the token's hash is stored.
func (s *Service) RequestPasswordReset(ctx context.Context, email, addr, lang string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return errs.Invalid().Field("email", "err.required")
	}
	if !ValidEmail(email) {
		return errs.Invalid().Field("email", "err.email_invalid")
	}
	now := s.now()
	var u *User
	var token string
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		allowed, err := countResetRequests(ctx, tx, now, "email:"+email, resetsPerAddress, "client:"+addr, resetsPerClient)
		if err != nil || !allowed {
			return err
		}
		found, err := userByEmail(ctx, tx, email)
		if errs.Is(err, errs.KindNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		c, err := getCredentials(ctx, tx, found.ID)
		if err != nil || c.Disabled {
			return err
		}
		if n, err := recentResets(ctx, tx, found.ID, now.Add(-time.Hour)); err != nil || n >= resetsPerAccount {
			return err
		}
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return errs.Internal(err)
		}
		token = strings.ToLower(codeEncoding.EncodeToString(b))
		if err := insertReset(ctx, tx, found.ID, hashToken(token), now, now.Add(ResetTTL)); err != nil {
			return err
		}
		u = found
		return audit.Record(ctx, tx, principalOf(found, "reset", false).AuditActor(), audit.Change{Action: "user.password_reset_request",
			EntityType: "user", EntityID: strconv.FormatInt(found.ID, 10), Detail: "reset link mailed, valid 30 minutes"})
	})
	if err != nil || u == nil || s.Notices == nil {
		return err
	}
	return s.Notices.MailReset(ctx, u, token, lang)
}

// CheckResetToken reports whether token is a reset link that still works.
func (s *Service) CheckResetToken(ctx context.Context, token string) error {
	return s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		_, _, err := resetByHash(ctx, tx, hashToken(strings.TrimSpace(token)), s.now())
		return err
	})
}

// ResetPassword sets a new password with a reset link's token and spends
// it (and every other link of the account): every session of the account
// ends and every API token is revoked, as for any password change. It
// returns the account, which still owes its second factor to sign in.
func (s *Service) ResetPassword(ctx context.Context, token, pw string) (*User, error) {
	hash := hashToken(strings.TrimSpace(token))
	var u *User
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		_, uid, err := resetByHash(ctx, tx, hash, s.now())
		if err != nil {
			return err
		}
		u, err = userByID(ctx, tx, uid)
		return err
	})
	if err != nil {
		return nil, err
	}
	if k := PasswordProblem(pw, u.Email, u.Name); k != "" {
		return nil, errs.Invalid().Field("password", k, "Min", MinPasswordLength)
	}
	pwHash, err := s.Hashes.Hash(ctx, pw)
	if err != nil {
		return nil, err
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		id, uid, err := resetByHash(ctx, tx, hash, s.now())
		if err != nil {
			return err
		}
		if err := spendResets(ctx, tx, id, uid, s.now()); err != nil {
			return err
		}
		_, err = s.storePassword(ctx, tx, principalOf(u, "reset", false), uid, pwHash, "user.password_reset")
		return err
	})
	s.tell(ctx, err, u.ID, "password_changed")
	if err != nil {
		return nil, err
	}
	return u, nil
}
