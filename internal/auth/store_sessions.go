package auth

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// sessionStore implements scs.CtxStore on either engine. The sessions
// table's token column holds the SHA-256 of the cookie's token (as
// api_tokens does), so whoever reads the table or a backup cannot take over
// the sessions in it.
type sessionStore struct{ db *db.DB }

func (s *sessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.ReadTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT data FROM sessions WHERE token = $1 AND expiry > $2`, hashToken(token), db.Now()).Scan(&data)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	return data, err == nil, err
}

func (s *sessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`, hashToken(token), b, db.Time(expiry))
		return err
	})
}

func (s *sessionStore) DeleteCtx(ctx context.Context, token string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token = $1`, hashToken(token))
		return err
	})
}

func (s *sessionStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s *sessionStore) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

func (s *sessionStore) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// PurgeExpiredSessions deletes sessions past their expiry; the app runs it
// periodically.
func PurgeExpiredSessions(ctx context.Context, d *db.DB) error {
	return d.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expiry <= $1`, db.Now())
		return err
	})
}
