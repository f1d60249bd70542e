package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// The statements on api_tokens: a row a token, holding the SHA-256 of its
// secret, never the secret.

// insertToken stores t with the hash of its secret and sets t.ID.
func insertToken(ctx context.Context, tx *sql.Tx, t *Token, hash string) error {
	return tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, label, prefix, token_hash, created_at, expires_at, scope, second_factor)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, t.UserID, t.Label, t.Prefix, hash, t.CreatedAt, t.ExpiresAt,
		string(t.Scope), t.SecondFactor).Scan(&t.ID)
}

// listTokens returns userID's tokens, newest first, Expired as at now.
func listTokens(ctx context.Context, tx *sql.Tx, userID int64, now time.Time) ([]*Token, error) {
	return db.List(ctx, tx, "list tokens", func(row db.Scanner) (*Token, error) {
		var t Token
		var used, revoked sql.NullTime
		var scope string
		if err := row.Scan(&t.ID, &t.UserID, &t.Label, &t.Prefix, &scope, &t.SecondFactor, &t.CreatedAt, &t.ExpiresAt, &used, &revoked); err != nil {
			return nil, err
		}
		t.Scope, t.CreatedAt, t.ExpiresAt = TokenScope(scope), t.CreatedAt.UTC(), t.ExpiresAt.UTC()
		t.LastUsedAt, t.RevokedAt, t.Expired = db.TimeOf(used), db.TimeOf(revoked), !now.Before(t.ExpiresAt)
		return &t, nil
	}, `SELECT id, user_id, label, prefix, scope, second_factor, created_at, expires_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
}

// tokenOwner returns the owner of token id and whether it is revoked, or
// a not-found error.
func tokenOwner(ctx context.Context, tx *sql.Tx, id int64) (owner int64, revoked bool, err error) {
	var at sql.NullTime
	err = tx.QueryRowContext(ctx, `SELECT user_id, revoked_at FROM api_tokens WHERE id = $1`, id).Scan(&owner, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, errs.NotFound()
	}
	return owner, at.Valid, err
}

func revokeToken(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return db.Exec(ctx, tx, "revoke token", `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, now, id)
}

// revokeUserTokens revokes every live token of userID and counts them.
func revokeUserTokens(ctx context.Context, tx *sql.Tx, userID int64, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, now, userID)
	if err != nil {
		return 0, fmt.Errorf("revoke tokens: %w", err)
	}
	return res.RowsAffected()
}

// liveToken is what TokenPrincipal reads of an unrevoked token.
type liveToken struct {
	ID, UserID int64
	LastUsed   sql.NullTime
	Expires    time.Time
	Scope      TokenScope
	MFA        bool
}

// tokenByHash returns the unrevoked token whose secret hashes to hash, or
// a not-found error.
func tokenByHash(ctx context.Context, tx *sql.Tx, hash string) (*liveToken, error) {
	var t liveToken
	var scope string
	err := tx.QueryRowContext(ctx, `SELECT id, user_id, last_used_at, expires_at, scope, second_factor
		FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
		hash).Scan(&t.ID, &t.UserID, &t.LastUsed, &t.Expires, &scope, &t.MFA)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.NotFound()
	}
	if err != nil {
		return nil, err
	}
	t.Scope = TokenScope(scope)
	return &t, nil
}

func touchToken(ctx context.Context, tx *sql.Tx, id int64, now time.Time) error {
	return db.Exec(ctx, tx, "touch token", `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, now, id)
}
