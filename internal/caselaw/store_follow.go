package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// follow is a search a user follows, with the references already seen.
type follow struct {
	ID      int64
	UserID  int64
	Query   string // the search's URL parameters, canonical
	Seen    []string
	Checked time.Time
}

// insertFollow stores a followed search (nothing when already followed).
func insertFollow(ctx context.Context, tx *sql.Tx, userID int64, query string, seen []string, now time.Time) error {
	b, err := json.Marshal(seen)
	if err != nil {
		return err
	}
	return db.Exec(ctx, tx, "follow search", `INSERT INTO followed_searches (user_id, query, seen, created_at, checked_at)
		VALUES ($1, $2, $3, $4, $4) ON CONFLICT (user_id, query) DO NOTHING`, userID, query, string(b), now)
}

// deleteFollow stops a user following a search.
func deleteFollow(ctx context.Context, tx *sql.Tx, userID int64, query string) error {
	return db.Exec(ctx, tx, "unfollow search", `DELETE FROM followed_searches WHERE user_id = $1 AND query = $2`, userID, query)
}

// isFollowed reports whether userID follows query.
func isFollowed(ctx context.Context, tx *sql.Tx, userID int64, query string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM followed_searches WHERE user_id = $1 AND query = $2`, userID, query).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("followed search: %w", err)
	}
	return n > 0, nil
}

// listFollows returns every followed search.
func listFollows(ctx context.Context, tx *sql.Tx) ([]follow, error) {
	return db.List(ctx, tx, "followed searches", func(row db.Scanner) (follow, error) {
		var f follow
		var seen string
		if err := row.Scan(&f.ID, &f.UserID, &f.Query, &seen, &f.Checked); err != nil {
			return f, err
		}
		if err := json.Unmarshal([]byte(seen), &f.Seen); err != nil {
			return f, fmt.Errorf("followed search %d: %w", f.ID, err)
		}
		return f, nil
	}, `SELECT id, user_id, query, seen, checked_at FROM followed_searches ORDER BY id`)
}

// markSeen records the references a followed search has matched.
func markSeen(ctx context.Context, tx *sql.Tx, id int64, seen []string, now time.Time) error {
	b, err := json.Marshal(seen)
	if err != nil {
		return err
	}
	return db.Exec(ctx, tx, "mark search seen", `UPDATE followed_searches SET seen = $1, checked_at = $2 WHERE id = $3`, string(b), now, id)
}
