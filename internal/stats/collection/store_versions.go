package collection

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

const selectVersion = `SELECT id, submission_id, version, status, submitted_by, submitted_at, COALESCE(validated_by, ''),
	validated_at, COALESCE(published_by, ''), published_at FROM stat_versions`

func scanVersion(row db.Scanner) (Version, error) {
	var v Version
	var validated, published sql.NullTime
	err := row.Scan(&v.ID, &v.SubmissionID, &v.Number, &v.Status, &v.SubmittedBy, &v.SubmittedAt, &v.ValidatedBy, &validated,
		&v.PublishedBy, &published)
	if err != nil {
		return Version{}, err
	}
	v.SubmittedAt = v.SubmittedAt.UTC()
	v.ValidatedAt, v.PublishedAt = db.TimeOf(validated), db.TimeOf(published)
	return v, nil
}

// listVersions reads a submission's versions, the latest first.
func listVersions(ctx context.Context, tx *sql.Tx, subID int64) ([]Version, error) {
	return db.List(ctx, tx, fmt.Sprintf("list versions of submission %d", subID), scanVersion, selectVersion+` WHERE submission_id = $1 ORDER BY version DESC`, subID)
}

// getVersion reads version number of a submission, or not found.
func getVersion(ctx context.Context, tx *sql.Tx, subID int64, number int) (*Version, error) {
	return db.Ref(db.One(ctx, tx, fmt.Sprintf("read version %d of submission %d", number, subID), scanVersion, selectVersion+` WHERE submission_id = $1 AND version = $2`, subID, number))
}

func insertVersion(ctx context.Context, tx *sql.Tx, v *Version) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO stat_versions (submission_id, version, status, submitted_by, submitted_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, v.SubmissionID, v.Number, v.Status, v.SubmittedBy, v.SubmittedAt).Scan(&v.ID)
	if err != nil {
		return fmt.Errorf("insert version %d of submission %d: %w", v.Number, v.SubmissionID, err)
	}
	return nil
}

// setVersionStatus records what became of a version; validating and
// publishing also record who and when.
func setVersionStatus(ctx context.Context, tx *sql.Tx, subID int64, number int, status, by string, at time.Time) error {
	q := `UPDATE stat_versions SET status = $1 WHERE submission_id = $2 AND version = $3`
	args := []any{status, subID, number}
	switch status {
	case VersionValidated:
		q = `UPDATE stat_versions SET status = $1, validated_by = $4, validated_at = $5 WHERE submission_id = $2 AND version = $3`
		args = append(args, by, at)
	case VersionPublished:
		q = `UPDATE stat_versions SET status = $1, published_by = $4, published_at = $5 WHERE submission_id = $2 AND version = $3`
		args = append(args, by, at)
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("mark version %d of submission %d %s: %w", number, subID, status, err)
	}
	return nil
}

// supersede marks a submission's versions in status from as superseded,
// but never version keep.
func supersede(ctx context.Context, tx *sql.Tx, subID int64, from string, keep int) error {
	_, err := tx.ExecContext(ctx, `UPDATE stat_versions SET status = $1 WHERE submission_id = $2 AND status = $3 AND version <> $4`,
		VersionSuperseded, subID, from, keep)
	if err != nil {
		return fmt.Errorf("supersede versions of submission %d: %w", subID, err)
	}
	return nil
}
