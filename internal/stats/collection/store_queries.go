package collection

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const selectQuery = `SELECT id, submission_id, version, indicator, dimension, category, sex, age, year, question, asked_by,
	asked_at, answer, revised_value, COALESCE(answered_by, ''), answered_at, status, COALESCE(closed_by, ''), closed_at
	FROM stat_queries`

func scanQuery(row db.Scanner) (Query, error) {
	var q Query
	var answered, closed sql.NullTime
	c := &q.Cell
	err := row.Scan(&q.ID, &q.SubmissionID, &q.Version, &c.Indicator, &c.Dimension, &c.Category, &c.Sex, &c.Age, &c.Year,
		&q.Question, &q.AskedBy, &q.AskedAt, &q.Answer, &q.RevisedValue, &q.AnsweredBy, &answered, &q.Status, &q.ClosedBy, &closed)
	if err != nil {
		return Query{}, err
	}
	q.AskedAt = q.AskedAt.UTC()
	q.AnsweredAt, q.ClosedAt = db.TimeOf(answered), db.TimeOf(closed)
	return q, nil
}

// listQueries reads a submission's queries, the oldest first.
func listQueries(ctx context.Context, tx *sql.Tx, subID int64) ([]Query, error) {
	return db.List(ctx, tx, fmt.Sprintf("list queries of submission %d", subID), scanQuery, selectQuery+` WHERE submission_id = $1 ORDER BY id`, subID)
}

// getQuery reads query id, or not found.
func getQuery(ctx context.Context, tx *sql.Tx, id int64) (*Query, error) {
	return db.Ref(db.One(ctx, tx, fmt.Sprintf("read query %d", id), scanQuery, selectQuery+` WHERE id = $1`, id))
}

func insertQuery(ctx context.Context, tx *sql.Tx, q *Query) error {
	c := q.Cell
	err := tx.QueryRowContext(ctx, `INSERT INTO stat_queries (submission_id, version, indicator, dimension, category, sex, age,
		year, question, asked_by, asked_at, answer, revised_value, status) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'','',$12)
		RETURNING id`, q.SubmissionID, q.Version, c.Indicator, c.Dimension, c.Category, c.Sex, c.Age, c.Year, q.Question,
		q.AskedBy, q.AskedAt, q.Status).Scan(&q.ID)
	if err != nil {
		return fmt.Errorf("insert query on submission %d: %w", q.SubmissionID, err)
	}
	return nil
}

// answerQuery stores the focal point's answer to an open query.
func answerQuery(ctx context.Context, tx *sql.Tx, q *Query) error {
	res, err := tx.ExecContext(ctx, `UPDATE stat_queries SET answer = $1, revised_value = $2, answered_by = $3, answered_at = $4,
		status = $5 WHERE id = $6 AND status = $7`, q.Answer, q.RevisedValue, q.AnsweredBy, q.AnsweredAt, QueryAnswered, q.ID, QueryOpen)
	if err != nil {
		return fmt.Errorf("answer query %d: %w", q.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errs.Conflict("err.collection_query_not_open")
	}
	return nil
}

// closeQuery closes a query that is not closed yet.
func closeQuery(ctx context.Context, tx *sql.Tx, id int64, by string, at time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE stat_queries SET status = $1, closed_by = $2, closed_at = $3 WHERE id = $4 AND status <> $1`,
		QueryClosed, by, at, id)
	if err != nil {
		return fmt.Errorf("close query %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return errs.Conflict("err.collection_query_closed")
	}
	return nil
}

// openQueries counts a submission's queries still waiting for an answer.
func openQueries(ctx context.Context, tx *sql.Tx, subID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM stat_queries WHERE submission_id = $1 AND status = $2`, subID, QueryOpen).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count open queries of submission %d: %w", subID, err)
	}
	return n, nil
}
