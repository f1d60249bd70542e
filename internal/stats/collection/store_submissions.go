package collection

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const selectSubmission = `SELECT id, round_id, iso3, status, version, published_version, return_note, updated_by,
	created_at, updated_at FROM stat_submissions`

func scanSubmission(row db.Scanner) (Submission, error) {
	var s Submission
	err := row.Scan(&s.ID, &s.RoundID, &s.ISO3, &s.Status, &s.Version, &s.PublishedVersion, &s.ReturnNote, &s.UpdatedBy,
		&s.CreatedAt, &s.UpdatedAt)
	if err != nil {
		return Submission{}, err
	}
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, nil
}

// getSubmission reads submission id, or not found.
func getSubmission(ctx context.Context, tx *sql.Tx, id int64) (*Submission, error) {
	return db.Ref(db.One(ctx, tx, fmt.Sprintf("read submission %d", id), scanSubmission, selectSubmission+` WHERE id = $1`, id))
}

// submissionFor reads the submission of iso3 to round, or nil when the
// country has not started one.
func submissionFor(ctx context.Context, tx *sql.Tx, roundID int64, iso3 string) (*Submission, error) {
	return db.Absent(db.Ref(db.One(ctx, tx, fmt.Sprintf("read submission of %s to round %d", iso3, roundID), scanSubmission, selectSubmission+` WHERE round_id = $1 AND iso3 = $2`, roundID, iso3)))
}

// listSubmissions reads a round's submissions by country code.
func listSubmissions(ctx context.Context, tx *sql.Tx, roundID int64) ([]Submission, error) {
	return db.List(ctx, tx, fmt.Sprintf("list submissions of round %d", roundID), scanSubmission, selectSubmission+` WHERE round_id = $1 ORDER BY iso3`, roundID)
}

func insertSubmission(ctx context.Context, tx *sql.Tx, s *Submission) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO stat_submissions (round_id, iso3, status, version, published_version, return_note,
		created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, 0, 0, '', $4, $5, $4, $5) RETURNING id`,
		s.RoundID, s.ISO3, s.Status, s.UpdatedBy, s.UpdatedAt).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("insert submission of %s: %w", s.ISO3, err)
	}
	s.CreatedAt = s.UpdatedAt
	return nil
}

// saveSubmission stores s's status, versions and note, provided its status
// is still from: two people acting at once cannot both move it.
func saveSubmission(ctx context.Context, tx *sql.Tx, s *Submission, from string) error {
	res, err := tx.ExecContext(ctx, `UPDATE stat_submissions SET status = $1, version = $2, published_version = $3,
		return_note = $4, updated_by = $5, updated_at = $6 WHERE id = $7 AND status = $8`,
		s.Status, s.Version, s.PublishedVersion, s.ReturnNote, s.UpdatedBy, s.UpdatedAt, s.ID, from)
	if err != nil {
		return fmt.Errorf("update submission %d: %w", s.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errs.Conflict("err.collection_wrong_status")
	}
	return nil
}
