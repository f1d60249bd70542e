package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// tokenTouchInterval limits how often last-used times are written.
const tokenTouchInterval = time.Minute

// CreateToken makes a full-scope API token with the default lifetime for
// the caller; see CreateTokenWith.
func (s *Service) CreateToken(ctx context.Context, by *Principal, label string) (string, *Token, error) {
	return s.CreateTokenWith(ctx, by, TokenInput{Label: label})
}

// CreateTokenWith makes an API token for the caller. The secret is returned
// once and only its hash is kept. The token carries a second factor only
// when the caller's own credential does (a session that passed one), so a
// password alone never buys one; a token made with a token expires no later
// than the token it was made with, so tokens cannot renew themselves forever.
func (s *Service) CreateTokenWith(ctx context.Context, by *Principal, in TokenInput) (string, *Token, error) {
	if by == nil || by.UserID == 0 {
		return "", nil, errs.Unauthorised()
	}
	in.SecondFactor = by.MFA
	return s.createToken(ctx, by, by.UserID, in)
}

// IssueToken makes an API token for the account with email on an
// operator's word (the command line): in.SecondFactor is the operator
// vouching that the holder has passed a second factor. System processes only.
func (s *Service) IssueToken(ctx context.Context, by *Principal, email string, in TokenInput) (string, *Token, error) {
	u, err := s.UserByEmail(ctx, by, email)
	if err != nil {
		return "", nil, err
	}
	return s.createToken(ctx, by, u.ID, in)
}

// CreateTokenFor is IssueToken with the default lifetime, full scope and
// the second factor vouched for: for tests and trusted processes that act
// as a fully signed-in user.
func (s *Service) CreateTokenFor(ctx context.Context, by *Principal, email, label string) (string, *Token, error) {
	return s.IssueToken(ctx, by, email, TokenInput{Label: label, SecondFactor: true})
}

func (s *Service) tokenTTLs() (def, most time.Duration) {
	def, most = s.TokenTTL, s.TokenMaxTTL
	if most <= 0 {
		most = DefaultTokenMaxTTL
	}
	if def <= 0 {
		def = DefaultTokenTTL
	}
	return min(def, most), most
}

func (s *Service) createToken(ctx context.Context, by *Principal, userID int64, in TokenInput) (string, *Token, error) {
	def, most := s.tokenTTLs()
	if err := in.validate(most); err != nil {
		return "", nil, err
	}
	now := s.now()
	ttl := def
	if in.ExpiresInDays > 0 {
		ttl = time.Duration(in.ExpiresInDays) * 24 * time.Hour
	}
	expires := now.Add(ttl)
	if !by.Expires.IsZero() && by.Expires.Before(expires) {
		expires = by.Expires
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, errs.Internal(err)
	}
	raw := TokenPrefix + strings.ToLower(codeEncoding.EncodeToString(b))
	t := &Token{UserID: userID, Label: in.Label, Prefix: raw[:len(TokenPrefix)+6], Scope: in.Scope,
		SecondFactor: in.SecondFactor, CreatedAt: now, ExpiresAt: expires}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertToken(ctx, tx, t, hashToken(raw)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "token.create", EntityType: "api_token",
			EntityID: strconv.FormatInt(t.ID, 10), Detail: fmt.Sprintf("user %d: %s; scope %s; second factor %v; expires %s",
				userID, t.Label, t.Scope, t.SecondFactor, expires.Format(time.RFC3339))})
	})
	if err != nil {
		return "", nil, err
	}
	s.tell(ctx, nil, userID, "token_created")
	return raw, t, nil
}

// ListTokens lists the caller's tokens, newest first.
func (s *Service) ListTokens(ctx context.Context, by *Principal) ([]*Token, error) {
	if by == nil || by.UserID == 0 {
		return nil, errs.Unauthorised()
	}
	now := s.now()
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Token, error) { return listTokens(ctx, tx, by.UserID, now) })
}

// RevokeToken revokes one of the caller's tokens (admins: anyone's).
// Revoking a revoked token changes nothing.
func (s *Service) RevokeToken(ctx context.Context, by *Principal, id int64) error {
	if by == nil {
		return errs.Unauthorised()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		owner, revoked, err := tokenOwner(ctx, tx, id)
		if err == nil && owner != by.UserID && !by.IsAdmin() {
			return errs.NotFound()
		}
		if err != nil || revoked {
			return err
		}
		if err := revokeToken(ctx, tx, id, s.now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "token.revoke", EntityType: "api_token",
			EntityID: strconv.FormatInt(id, 10)})
	})
}

// revokeAllTokens revokes every live token of userID, in the transaction of
// the change that calls for it (a new password, signing out everywhere, a
// second factor reset), and audits how many went and why.
func (s *Service) revokeAllTokens(ctx context.Context, tx *sql.Tx, by *Principal, userID int64, why string) error {
	n, err := revokeUserTokens(ctx, tx, userID, s.now())
	if err != nil || n == 0 {
		return err
	}
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "token.revoke_all", EntityType: "user",
		EntityID: strconv.FormatInt(userID, 10), Detail: fmt.Sprintf("%d tokens revoked: %s", n, why)})
}

// TokenPrincipal returns the principal an API token stands for, or an
// unauthorised error for an unknown, revoked, expired or disabled one. The
// principal carries a second factor only when the token does, and the
// token's scope and expiry.
func (s *Service) TokenPrincipal(ctx context.Context, raw string) (*Principal, error) {
	if !strings.HasPrefix(raw, TokenPrefix) {
		return nil, errs.Unauthorised().WithKey("err.token_invalid")
	}
	var t *liveToken
	var u *User
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		if t, err = tokenByHash(ctx, tx, hashToken(raw)); err != nil {
			return err
		}
		u, err = userByID(ctx, tx, t.UserID)
		return err
	})
	if errs.Is(err, errs.KindNotFound) || (u != nil && u.Disabled) {
		return nil, errs.Unauthorised().WithKey("err.token_invalid")
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !now.Before(t.Expires) {
		return nil, errs.Unauthorised().WithKey("err.token_expired")
	}
	if !t.LastUsed.Valid || now.Sub(t.LastUsed.Time) >= tokenTouchInterval {
		err := s.DB.Tx(ctx, func(tx *sql.Tx) error { return touchToken(ctx, tx, t.ID, now) })
		if err != nil {
			return nil, err
		}
	}
	p := principalOf(u, "token", t.MFA)
	p.Scope, p.Expires = t.Scope, t.Expires.UTC()
	return p, nil
}
