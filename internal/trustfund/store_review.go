package trustfund

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

func assignReviewer(ctx context.Context, tx *sql.Tx, proposal, user int64, name string, at time.Time) error {
	return db.Exec(ctx, tx, "assign a reviewer", `INSERT INTO trustfund_reviewers (proposal_id, user_id, name, assigned_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (proposal_id, user_id) DO NOTHING`, proposal, user, name, at)
}

// reviewerState reports whether user reviews proposal and whether its
// scores are submitted.
func reviewerState(ctx context.Context, tx *sql.Tx, proposal, user int64) (assigned, submitted bool, err error) {
	var at sql.NullTime
	err = tx.QueryRowContext(ctx, `SELECT submitted_at FROM trustfund_reviewers WHERE proposal_id = $1 AND user_id = $2`, proposal, user).Scan(&at)
	if err == sql.ErrNoRows {
		return false, false, nil
	}
	return err == nil, at.Valid, err
}

// Reviewer is one assigned reviewer of a proposal.
type Reviewer struct {
	UserID    int64
	Name      string
	Submitted bool
}

func reviewersOf(ctx context.Context, tx *sql.Tx, proposal int64) ([]Reviewer, error) {
	return db.List(ctx, tx, "list reviewers", func(row db.Scanner) (Reviewer, error) {
		var r Reviewer
		var at sql.NullTime
		err := row.Scan(&r.UserID, &r.Name, &at)
		r.Submitted = at.Valid
		return r, err
	}, `SELECT user_id, name, submitted_at FROM trustfund_reviewers WHERE proposal_id = $1 ORDER BY name`, proposal)
}

func reviewedBy(ctx context.Context, tx *sql.Tx, user int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	err := db.Each(ctx, tx, "list the reviewer's proposals", `SELECT proposal_id, submitted_at FROM trustfund_reviewers WHERE user_id = $1`,
		func(row db.Scanner) error {
			var id int64
			var at sql.NullTime
			if err := row.Scan(&id, &at); err != nil {
				return err
			}
			out[id] = at.Valid
			return nil
		}, user)
	return out, err
}

func saveScores(ctx context.Context, tx *sql.Tx, proposal, user int64, scores []Score, at time.Time) error {
	for _, s := range scores {
		if err := db.Exec(ctx, tx, "save a score", `INSERT INTO trustfund_scores (proposal_id, user_id, criterion, score, comment)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (proposal_id, user_id, criterion) DO UPDATE SET score = excluded.score,
			comment = excluded.comment`, proposal, user, s.Criterion, s.Score, s.Comment); err != nil {
			return err
		}
	}
	return db.Exec(ctx, tx, "submit the scores", `UPDATE trustfund_reviewers SET submitted_at = $3 WHERE proposal_id = $1 AND user_id = $2`,
		proposal, user, at)
}

func scoresOf(ctx context.Context, tx *sql.Tx, proposal int64) ([]Score, error) {
	return db.List(ctx, tx, "read scores", func(row db.Scanner) (Score, error) {
		var s Score
		err := row.Scan(&s.UserID, &s.Reviewer, &s.Criterion, &s.Score, &s.Comment)
		return s, err
	}, `SELECT s.user_id, r.name, s.criterion, s.score, s.comment FROM trustfund_scores s
		JOIN trustfund_reviewers r ON r.proposal_id = s.proposal_id AND r.user_id = s.user_id
		WHERE s.proposal_id = $1 AND r.submitted_at IS NOT NULL ORDER BY r.name, s.criterion`, proposal)
}

// Declaration is a trustee's word on a proposal: conflicted, and why.
type Declaration struct {
	Conflicted bool
	Reason     string
}

func declare(ctx context.Context, tx *sql.Tx, proposal, user int64, d Declaration, at time.Time) error {
	return db.Exec(ctx, tx, "declare a conflict", `INSERT INTO trustfund_conflicts (proposal_id, user_id, conflicted, reason, declared_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (proposal_id, user_id) DO UPDATE SET conflicted = excluded.conflicted,
		reason = excluded.reason, declared_at = excluded.declared_at`, proposal, user, d.Conflicted, d.Reason, at)
}

func declarationOf(ctx context.Context, tx *sql.Tx, proposal, user int64) (*Declaration, error) {
	var d Declaration
	err := tx.QueryRowContext(ctx, `SELECT conflicted, reason FROM trustfund_conflicts WHERE proposal_id = $1 AND user_id = $2`,
		proposal, user).Scan(&d.Conflicted, &d.Reason)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return &d, err
}

func vote(ctx context.Context, tx *sql.Tx, proposal, user int64, v string, at time.Time) error {
	return db.Exec(ctx, tx, "vote", `INSERT INTO trustfund_votes (proposal_id, user_id, vote, voted_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (proposal_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at`, proposal, user, v, at)
}

func voteOf(ctx context.Context, tx *sql.Tx, proposal, user int64) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT vote FROM trustfund_votes WHERE proposal_id = $1 AND user_id = $2`, proposal, user).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

func tally(ctx context.Context, tx *sql.Tx, proposal int64) (Tally, error) {
	var t Tally
	err := db.Each(ctx, tx, "count votes", `SELECT vote, count(*) FROM trustfund_votes WHERE proposal_id = $1 GROUP BY vote`,
		func(row db.Scanner) error {
			var v string
			var n int
			if err := row.Scan(&v, &n); err != nil {
				return err
			}
			switch v {
			case VoteApprove:
				t.Approve = n
			case VoteReject:
				t.Reject = n
			case VoteReserve:
				t.Reserve = n
			}
			return nil
		}, proposal)
	if err != nil {
		return t, err
	}
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM trustfund_conflicts WHERE proposal_id = $1 AND conflicted`, proposal).Scan(&t.Conflicted)
	return t, err
}
