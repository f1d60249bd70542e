package collection

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

const selectRound = `SELECT id, name, years, indicators, deadline, status, created_by, created_at, updated_at FROM stat_rounds`

func scanRound(row db.Scanner) (Round, error) {
	var r Round
	var years, inds string
	var deadline time.Time
	if err := row.Scan(&r.ID, &r.Name, &years, &inds, db.DateInto(&deadline), &r.Status, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return Round{}, err
	}
	r.Deadline = db.FormatDate(deadline)
	r.Years, r.Indicators = splitInts(years), strings.Split(inds, ",")
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, nil
}

// getRound reads round id, or not found.
func getRound(ctx context.Context, tx *sql.Tx, id int64) (*Round, error) {
	return db.Ref(db.One(ctx, tx, fmt.Sprintf("read round %d", id), scanRound, selectRound+` WHERE id = $1`, id))
}

// listRounds reads every round, the newest first.
func listRounds(ctx context.Context, tx *sql.Tx) ([]Round, error) {
	return db.List(ctx, tx, "list rounds", scanRound, selectRound+` ORDER BY id DESC`)
}

// openRounds reads the rounds open for answers, the newest first.
func openRounds(ctx context.Context, tx *sql.Tx) ([]Round, error) {
	return db.List(ctx, tx, "list open rounds", scanRound, selectRound+` WHERE status = $1 ORDER BY id DESC`, RoundOpen)
}

func insertRound(ctx context.Context, tx *sql.Tx, r *Round) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO stat_rounds (name, years, indicators, deadline, status, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
		r.Name, joinInts(r.Years), strings.Join(r.Indicators, ","), r.Deadline, r.Status, r.CreatedBy, r.CreatedAt).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert round: %w", err)
	}
	return nil
}

// updateRound stores a round's name, scope, deadline and status.
func updateRound(ctx context.Context, tx *sql.Tx, r *Round) error {
	_, err := tx.ExecContext(ctx, `UPDATE stat_rounds SET name = $1, years = $2, indicators = $3, deadline = $4, status = $5,
		updated_at = $6 WHERE id = $7`, r.Name, joinInts(r.Years), strings.Join(r.Indicators, ","), r.Deadline, r.Status, r.UpdatedAt, r.ID)
	if err != nil {
		return fmt.Errorf("update round %d: %w", r.ID, err)
	}
	return nil
}

// statusCounts counts each round's submissions by status.
func statusCounts(ctx context.Context, tx *sql.Tx) (map[int64]map[string]int, error) {
	out := map[int64]map[string]int{}
	err := db.Each(ctx, tx, "count submissions", `SELECT round_id, status, COUNT(*) FROM stat_submissions GROUP BY round_id, status`, func(row db.Scanner) error {
		var id int64
		var status string
		var n int
		if err := row.Scan(&id, &status, &n); err != nil {
			return err
		}
		if out[id] == nil {
			out[id] = map[string]int{}
		}
		out[id][status] = n
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
