package omnibus

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const assessmentCols = `id, country, questionnaire, instrument, version, status, started_by, started_at, updated_at,
	submitted_at, submitted_by, demo`

func scanAssessment(row db.Scanner) (*Assessment, error) {
	var a Assessment
	var sub sql.NullTime
	if err := row.Scan(&a.ID, &a.Country, &a.Questionnaire, &a.Instrument, &a.Version, &a.Status, &a.StartedBy,
		&a.StartedAt, &a.UpdatedAt, &sub, &a.SubmittedBy, &a.Demo); err != nil {
		return nil, err
	}
	if sub.Valid {
		t := sub.Time.UTC()
		a.SubmittedAt = &t
	}
	a.StartedAt, a.UpdatedAt = a.StartedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

func getAssessment(ctx context.Context, tx *sql.Tx, id int64) (*Assessment, error) {
	a, err := scanAssessment(tx.QueryRowContext(ctx, `SELECT `+assessmentCols+` FROM omnibus_assessments WHERE id = $1`, id))
	return a, db.NotFound(err)
}

func findAssessment(ctx context.Context, tx *sql.Tx, iso3, instrument string) (*Assessment, error) {
	a, err := scanAssessment(tx.QueryRowContext(ctx, `SELECT `+assessmentCols+` FROM omnibus_assessments
		WHERE country = $1 AND instrument = $2`, iso3, instrument))
	return a, db.NotFound(err)
}

// listAssessments lists every assessment, or iso3's when it is set.
func listAssessments(ctx context.Context, tx *sql.Tx, iso3 string) ([]*Assessment, error) {
	return db.List(ctx, tx, "list assessments", scanAssessment, `SELECT `+assessmentCols+` FROM omnibus_assessments
		WHERE $1 = '' OR country = $1 ORDER BY country, instrument`, iso3)
}

func insertAssessment(ctx context.Context, tx *sql.Tx, a *Assessment) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO omnibus_assessments (country, questionnaire, instrument, version, status,
		started_by, started_at, updated_at, demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id`,
		a.Country, a.Questionnaire, a.Instrument, a.Version, a.Status, a.StartedBy, a.StartedAt, a.Demo).Scan(&a.ID)
	if db.IsUniqueViolation(err) {
		return errs.Conflict("err.omnibus_assessment_exists")
	}
	return err
}

func setAssessmentStatus(ctx context.Context, tx *sql.Tx, a *Assessment) error {
	var sub any
	if a.SubmittedAt != nil {
		sub = *a.SubmittedAt
	}
	return db.Exec(ctx, tx, "set assessment status", `UPDATE omnibus_assessments SET status = $2, submitted_at = $3,
		submitted_by = $4, updated_at = $5 WHERE id = $1`, a.ID, a.Status, sub, a.SubmittedBy, a.UpdatedAt)
}

func touchAssessment(ctx context.Context, tx *sql.Tx, id int64, at time.Time) error {
	return db.Exec(ctx, tx, "touch assessment", `UPDATE omnibus_assessments SET updated_at = $2 WHERE id = $1`, id, at)
}

func loadAnswers(ctx context.Context, tx *sql.Tx, id int64) (Answers, error) {
	out := Answers{}
	err := db.Each(ctx, tx, "load answers", `SELECT question, value FROM omnibus_answers WHERE assessment_id = $1`,
		func(row db.Scanner) error {
			var q, raw string
			if err := row.Scan(&q, &raw); err != nil {
				return err
			}
			var v Value
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				return fmt.Errorf("answer %s: %w", q, err)
			}
			out[q] = v
			return nil
		}, id)
	return out, err
}

// answersOfCountry loads every answer iso3 gave in any assessment, by
// question id (ids are unique across questionnaires), for imports.
func answersOfCountry(ctx context.Context, tx *sql.Tx, iso3 string, except int64) (map[string]Value, error) {
	out := map[string]Value{}
	err := db.Each(ctx, tx, "load the country's answers", `SELECT a.question, a.value FROM omnibus_answers a
		JOIN omnibus_assessments s ON s.id = a.assessment_id WHERE s.country = $1 AND s.id <> $2`,
		func(row db.Scanner) error {
			var q, raw string
			if err := row.Scan(&q, &raw); err != nil {
				return err
			}
			var v Value
			if err := json.Unmarshal([]byte(raw), &v); err == nil {
				out[q] = v
			}
			return nil
		}, iso3, except)
	return out, err
}

// saveAnswer writes one answer, or deletes it when v is empty.
func saveAnswer(ctx context.Context, tx *sql.Tx, id int64, question string, v Value, by string, at time.Time) error {
	if v.Empty() {
		return db.Exec(ctx, tx, "clear answer", `DELETE FROM omnibus_answers WHERE assessment_id = $1 AND question = $2`, id, question)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return db.Exec(ctx, tx, "save answer", `INSERT INTO omnibus_answers (assessment_id, question, value, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (assessment_id, question)
		DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		id, question, string(raw), by, at)
}

func insertFile(ctx context.Context, tx *sql.Tx, f *File) error {
	return tx.QueryRowContext(ctx, `INSERT INTO omnibus_files (assessment_id, question, name, content_type, size, sha256,
		data, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		f.AssessmentID, f.Question, f.Name, f.ContentType, f.Size, f.SHA256, f.Data, f.UploadedBy, f.UploadedAt).Scan(&f.ID)
}

const fileCols = `id, assessment_id, question, name, content_type, size, sha256, uploaded_by, uploaded_at`

func scanFile(row db.Scanner) (*File, error) {
	var f File
	err := row.Scan(&f.ID, &f.AssessmentID, &f.Question, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.UploadedBy, &f.UploadedAt)
	f.UploadedAt = f.UploadedAt.UTC()
	return &f, err
}

func listFiles(ctx context.Context, tx *sql.Tx, assessment int64) ([]*File, error) {
	return db.List(ctx, tx, "list files", scanFile, `SELECT `+fileCols+` FROM omnibus_files WHERE assessment_id = $1 ORDER BY id`, assessment)
}

// getFile reads one file of the assessment with its bytes.
func getFile(ctx context.Context, tx *sql.Tx, assessment, id int64) (*File, error) {
	var f File
	err := tx.QueryRowContext(ctx, `SELECT `+fileCols+`, data FROM omnibus_files WHERE assessment_id = $1 AND id = $2`, assessment, id).
		Scan(&f.ID, &f.AssessmentID, &f.Question, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.UploadedBy, &f.UploadedAt, &f.Data)
	return &f, db.NotFound(err)
}

func deleteFile(ctx context.Context, tx *sql.Tx, assessment, id int64) error {
	return db.Exec(ctx, tx, "delete file", `DELETE FROM omnibus_files WHERE assessment_id = $1 AND id = $2`, assessment, id)
}
