package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/errs"
)

// TokenPrefix starts every API token, so secret scanners can spot a leaked one.
const TokenPrefix = "tps_"

// tokenTouchInterval limits how often last-used times are written.
const tokenTouchInterval = time.Minute

func hashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// CreateToken makes an API token for the caller. The secret is returned once
// and only its hash is kept.
func (s *Service) CreateToken(ctx context.Context, by *Principal, label string) (string, *Token, error) {
	if by == nil || by.UserID == 0 {
		return "", nil, errs.Unauthorised()
	}
	return s.createToken(ctx, by, by.UserID, label)
}

// CreateTokenFor makes an API token for the account with email; system
// processes (the command line) only.
func (s *Service) CreateTokenFor(ctx context.Context, by *Principal, email, label string) (string, *Token, error) {
	u, err := s.UserByEmail(ctx, by, email)
	if err != nil {
		return "", nil, err
	}
	return s.createToken(ctx, by, u.ID, label)
}

func (s *Service) createToken(ctx context.Context, by *Principal, userID int64, label string) (string, *Token, error) {
	label = strings.TrimSpace(label)
	if label == "" {
		return "", nil, errs.Invalid().Field("label", "err.required")
	}
	if utf8.RuneCountInString(label) > 100 {
		return "", nil, errs.Invalid().Field("label", "err.too_long", "Max", 100)
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, errs.Internal(err)
	}
	raw := TokenPrefix + strings.ToLower(codeEncoding.EncodeToString(b))
	t := &Token{UserID: userID, Label: label, Prefix: raw[:len(TokenPrefix)+6], CreatedAt: s.now()}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, label, prefix, token_hash, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, userID, label, t.Prefix, hashToken(raw), t.CreatedAt).Scan(&t.ID)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "token.create", EntityType: "api_token",
			EntityID: strconv.FormatInt(t.ID, 10), Detail: "user " + strconv.FormatInt(userID, 10) + ": " + label})
	})
	if err != nil {
		return "", nil, err
	}
	return raw, t, nil
}

// ListTokens lists the caller's tokens, newest first.
func (s *Service) ListTokens(ctx context.Context, by *Principal) ([]*Token, error) {
	if by == nil || by.UserID == 0 {
		return nil, errs.Unauthorised()
	}
	var out []*Token
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, user_id, label, prefix, created_at, last_used_at, revoked_at
			FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, by.UserID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t Token
			var used, revoked sql.NullTime
			if err := rows.Scan(&t.ID, &t.UserID, &t.Label, &t.Prefix, &t.CreatedAt, &used, &revoked); err != nil {
				return err
			}
			t.CreatedAt, t.LastUsedAt, t.RevokedAt = t.CreatedAt.UTC(), nullTime(used), nullTime(revoked)
			out = append(out, &t)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeToken revokes one of the caller's tokens (admins: anyone's).
// Revoking a revoked token changes nothing.
func (s *Service) RevokeToken(ctx context.Context, by *Principal, id int64) error {
	if by == nil {
		return errs.Unauthorised()
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var owner int64
		var revoked sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT user_id, revoked_at FROM api_tokens WHERE id = $1`, id).Scan(&owner, &revoked)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != by.UserID && !by.IsAdmin()) {
			return errs.NotFound()
		}
		if err != nil || revoked.Valid {
			return err
		}
		if err := exec(ctx, tx, "revoke token", `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, s.now(), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "token.revoke", EntityType: "api_token",
			EntityID: strconv.FormatInt(id, 10)})
	})
}

// TokenPrincipal returns the principal an API token stands for, or an
// unauthorised error for an unknown, revoked or disabled one. A token is a
// high-entropy secret held by a script, so it counts as a second factor.
func (s *Service) TokenPrincipal(ctx context.Context, raw string) (*Principal, error) {
	if !strings.HasPrefix(raw, TokenPrefix) {
		return nil, errs.Unauthorised().WithKey("err.token_invalid")
	}
	var id, userID int64
	var used sql.NullTime
	var u *User
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
			hashToken(raw)).Scan(&id, &userID, &used)
		if err != nil {
			return err
		}
		u, err = userByID(ctx, tx, userID)
		return err
	})
	if errors.Is(err, sql.ErrNoRows) || errs.Is(err, errs.KindNotFound) || (u != nil && u.Disabled) {
		return nil, errs.Unauthorised().WithKey("err.token_invalid")
	}
	if err != nil {
		return nil, err
	}
	now := s.now()
	if !used.Valid || now.Sub(used.Time) >= tokenTouchInterval {
		err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
			return exec(ctx, tx, "touch token", `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, id)
		})
		if err != nil {
			return nil, err
		}
	}
	return principalOf(u, "token", true), nil
}
