package omnibus

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const cycleCols = `id, instrument, name, starts_on, seed, drawn_as_of, created_at, demo`

func scanCycle(row db.Scanner) (*Cycle, error) {
	var c Cycle
	err := row.Scan(&c.ID, &c.Instrument, &c.Name, db.DateInto(&c.StartsOn), &c.Seed, db.DateInto(&c.DrawnAsOf), &c.CreatedAt, &c.Demo)
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, err
}

func listCycles(ctx context.Context, tx *sql.Tx) ([]*Cycle, error) {
	return db.List(ctx, tx, "list cycles", scanCycle, `SELECT `+cycleCols+` FROM omnibus_cycles ORDER BY starts_on DESC, id DESC`)
}

func getCycle(ctx context.Context, tx *sql.Tx, id int64) (*Cycle, error) {
	c, err := scanCycle(tx.QueryRowContext(ctx, `SELECT `+cycleCols+` FROM omnibus_cycles WHERE id = $1`, id))
	return c, db.NotFound(err)
}

func findCycle(ctx context.Context, tx *sql.Tx, instrument, name string) (*Cycle, error) {
	c, err := scanCycle(tx.QueryRowContext(ctx, `SELECT `+cycleCols+` FROM omnibus_cycles WHERE instrument = $1 AND name = $2`, instrument, name))
	return c, db.NotFound(err)
}

// insertCycle writes a cycle and its reviews in the caller's transaction.
func insertCycle(ctx context.Context, tx *sql.Tx, d db.Dialect, c *Cycle, createdBy string) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO omnibus_cycles (instrument, name, starts_on, seed, drawn_as_of, created_by,
		created_at, demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, c.Instrument, c.Name, db.DateArg(c.StartsOn),
		c.Seed, db.DateArg(c.DrawnAsOf), createdBy, c.CreatedAt, c.Demo).Scan(&c.ID)
	if db.IsUniqueViolation(err) {
		return errs.Conflict("err.omnibus_cycle_exists", "Name", c.Name)
	}
	if err != nil {
		return err
	}
	rows := make([][]any, len(c.Reviews))
	for i, r := range c.Reviews {
		rows[i] = []any{c.ID, r.Country, r.ReviewerSame, r.ReviewerOther, string(ReviewOpen), c.CreatedAt}
	}
	byCountry := map[string]*Review{}
	for _, r := range c.Reviews {
		byCountry[r.Country] = r
		r.CycleID, r.Status, r.UpdatedAt = c.ID, ReviewOpen, c.CreatedAt
	}
	return db.InsertReturning(ctx, tx, d, "omnibus_reviews",
		[]string{"cycle_id bigint", "country text", "reviewer_same text", "reviewer_other text", "status text", "updated_at timestamptz"},
		rows, " RETURNING id, country", func(row db.Scanner) error {
			var id int64
			var iso3 string
			if err := row.Scan(&id, &iso3); err != nil {
				return err
			}
			byCountry[iso3].ID = id
			return nil
		})
}

const reviewCols = `r.id, r.cycle_id, r.country, r.reviewer_same, r.reviewer_other, r.status, r.state_answer, r.state_comment,
	r.answered_at, r.summary, r.published_at, r.updated_at`

func scanReview(row db.Scanner) (*Review, error) {
	var r Review
	var answered, published sql.NullTime
	if err := row.Scan(&r.ID, &r.CycleID, &r.Country, &r.ReviewerSame, &r.ReviewerOther, &r.Status, &r.StateAnswer,
		&r.StateComment, &answered, &r.Summary, &published, &r.UpdatedAt); err != nil {
		return nil, err
	}
	r.AnsweredAt, r.PublishedAt, r.UpdatedAt = utcPtr(answered), utcPtr(published), r.UpdatedAt.UTC()
	return &r, nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func reviewsOfCycle(ctx context.Context, tx *sql.Tx, cycle int64) ([]*Review, error) {
	return db.List(ctx, tx, "list reviews", scanReview, `SELECT `+reviewCols+` FROM omnibus_reviews r WHERE r.cycle_id = $1
		ORDER BY r.country`, cycle)
}

func reviewsOfCountry(ctx context.Context, tx *sql.Tx, iso3 string) ([]*Review, error) {
	return db.List(ctx, tx, "list the country's reviews", scanReview, `SELECT `+reviewCols+` FROM omnibus_reviews r
		WHERE r.country = $1 ORDER BY r.id DESC`, iso3)
}

func reviewsOfMember(ctx context.Context, tx *sql.Tx, user int64) ([]*Review, error) {
	return db.List(ctx, tx, "list the member's reviews", scanReview, `SELECT `+reviewCols+` FROM omnibus_reviews r
		JOIN omnibus_review_members m ON m.review_id = r.id WHERE m.user_id = $1 ORDER BY r.id DESC`, user)
}

func reviewsByStatus(ctx context.Context, tx *sql.Tx, status ReviewStatus) ([]*Review, error) {
	return db.List(ctx, tx, "list reviews by status", scanReview, `SELECT `+reviewCols+` FROM omnibus_reviews r
		WHERE r.status = $1 ORDER BY r.id`, status)
}

func getReview(ctx context.Context, tx *sql.Tx, id int64) (*Review, error) {
	r, err := scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewCols+` FROM omnibus_reviews r WHERE r.id = $1`, id))
	return r, db.NotFound(err)
}

func updateReview(ctx context.Context, tx *sql.Tx, r *Review, by string) error {
	var answered, published any
	if r.AnsweredAt != nil {
		answered = *r.AnsweredAt
	}
	if r.PublishedAt != nil {
		published = *r.PublishedAt
	}
	answeredBy, publishedBy := "", ""
	if r.AnsweredAt != nil {
		answeredBy = by
	}
	if r.PublishedAt != nil {
		publishedBy = by
	}
	return db.Exec(ctx, tx, "update review", `UPDATE omnibus_reviews SET status = $2, state_answer = $3, state_comment = $4,
		answered_at = $5, answered_by = CASE WHEN $6 = '' THEN answered_by ELSE $6 END, summary = $7, published_at = $8,
		published_by = CASE WHEN $9 = '' THEN published_by ELSE $9 END, updated_at = $10 WHERE id = $1`,
		r.ID, r.Status, r.StateAnswer, r.StateComment, answered, answeredBy, r.Summary, published, publishedBy, r.UpdatedAt)
}

func listMembers(ctx context.Context, tx *sql.Tx, review int64) ([]*Member, error) {
	return db.List(ctx, tx, "list members", func(row db.Scanner) (*Member, error) {
		var m Member
		err := row.Scan(&m.ReviewID, &m.UserID, &m.Name, &m.Email, &m.Role)
		return &m, err
	}, `SELECT review_id, user_id, name, email, role FROM omnibus_review_members WHERE review_id = $1 ORDER BY role, name`, review)
}

func memberRole(ctx context.Context, tx *sql.Tx, review, user int64) (MemberRole, error) {
	var role MemberRole
	err := tx.QueryRowContext(ctx, `SELECT role FROM omnibus_review_members WHERE review_id = $1 AND user_id = $2`, review, user).Scan(&role)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return role, err
}

func upsertMember(ctx context.Context, tx *sql.Tx, m *Member, by string, at time.Time) error {
	return db.Exec(ctx, tx, "assign member", `INSERT INTO omnibus_review_members (review_id, user_id, name, email, role,
		assigned_by, assigned_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (review_id, user_id) DO UPDATE SET role = excluded.role`,
		m.ReviewID, m.UserID, m.Name, m.Email, m.Role, by, at)
}

func deleteMember(ctx context.Context, tx *sql.Tx, review, user int64) error {
	return db.Exec(ctx, tx, "remove member", `DELETE FROM omnibus_review_members WHERE review_id = $1 AND user_id = $2`, review, user)
}

func insertComment(ctx context.Context, tx *sql.Tx, c *Comment) error {
	return tx.QueryRowContext(ctx, `INSERT INTO omnibus_comments (review_id, question, user_id, author, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.ReviewID, c.Question, c.UserID, c.Author, c.Body, c.CreatedAt).Scan(&c.ID)
}

func listComments(ctx context.Context, tx *sql.Tx, review int64) ([]*Comment, error) {
	return db.List(ctx, tx, "list comments", func(row db.Scanner) (*Comment, error) {
		var c Comment
		err := row.Scan(&c.ID, &c.ReviewID, &c.Question, &c.UserID, &c.Author, &c.Body, &c.CreatedAt)
		c.CreatedAt = c.CreatedAt.UTC()
		return &c, err
	}, `SELECT id, review_id, question, user_id, author, body, created_at FROM omnibus_comments WHERE review_id = $1 ORDER BY id`, review)
}

func insertObservation(ctx context.Context, tx *sql.Tx, o *Observation) error {
	return tx.QueryRowContext(ctx, `INSERT INTO omnibus_observations (review_id, kind, article, body, author, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, o.ReviewID, o.Kind, o.Article, o.Body, o.Author, o.CreatedAt).Scan(&o.ID)
}

func deleteObservation(ctx context.Context, tx *sql.Tx, review, id int64) error {
	return db.Exec(ctx, tx, "delete observation", `DELETE FROM omnibus_observations WHERE review_id = $1 AND id = $2`, review, id)
}

func listObservations(ctx context.Context, tx *sql.Tx, review int64) ([]*Observation, error) {
	return db.List(ctx, tx, "list observations", func(row db.Scanner) (*Observation, error) {
		var o Observation
		err := row.Scan(&o.ID, &o.ReviewID, &o.Kind, &o.Article, &o.Body, &o.Author, &o.CreatedAt)
		o.CreatedAt = o.CreatedAt.UTC()
		return &o, err
	}, `SELECT id, review_id, kind, article, body, author, created_at FROM omnibus_observations WHERE review_id = $1
		ORDER BY kind, article, id`, review)
}

// isMemberFor reports whether user is assigned to a review of iso3 in a
// cycle of instrument.
func isMemberFor(ctx context.Context, tx *sql.Tx, user int64, iso3, instrument string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM omnibus_review_members m JOIN omnibus_reviews r ON r.id = m.review_id
		JOIN omnibus_cycles c ON c.id = r.cycle_id WHERE m.user_id = $1 AND r.country = $2 AND c.instrument = $3`,
		user, iso3, instrument).Scan(&n)
	return n > 0, err
}
