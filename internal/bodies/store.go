package bodies

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

const selectBody = `SELECT b.id, b.slug, b.acronym, b.name, b.mandate, b.membership, b.position,
	b.created_at, b.updated_at, (SELECT COUNT(*) FROM body_members m WHERE m.body_id = b.id)
	FROM bodies b`

func scanBody(row db.Scanner) (*Body, error) {
	var b Body
	err := row.Scan(&b.ID, &b.Slug, &b.Acronym, &b.Name, &b.Mandate, &b.Membership, &b.Position,
		&b.CreatedAt, &b.UpdatedAt, &b.MemberCount)
	b.CreatedAt, b.UpdatedAt = b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return &b, err
}

// bodyBySlug returns the body's own row (no members, chairs…), or not found.
func bodyBySlug(ctx context.Context, tx *sql.Tx, slug string) (*Body, error) {
	return db.One(ctx, tx, fmt.Sprintf("get body %s", slug), scanBody, selectBody+` WHERE b.slug = $1`, slug)
}

func listBodies(ctx context.Context, tx *sql.Tx) ([]*Body, error) {
	return db.List(ctx, tx, "list bodies", scanBody, selectBody+` ORDER BY b.position, b.id`)
}

func insertBody(ctx context.Context, tx *sql.Tx, in BodyInput) (int64, error) {
	now := db.Now()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO bodies (slug, acronym, name, mandate, membership, position, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), 0) + 1 FROM bodies), $6, $6) RETURNING id`,
		in.Slug, in.Acronym, in.Name, in.Mandate, string(in.Membership), now).Scan(&id)
	if db.IsUniqueViolation(err) {
		return 0, errs.Invalid().Field("slug", "err.bodies_slug_taken")
	}
	if err != nil {
		return 0, fmt.Errorf("insert body %s: %w", in.Slug, err)
	}
	return id, nil
}

func updateBody(ctx context.Context, tx *sql.Tx, id int64, in BodyInput) error {
	_, err := tx.ExecContext(ctx, `UPDATE bodies SET acronym = $1, name = $2, mandate = $3, membership = $4, updated_at = $5 WHERE id = $6`,
		in.Acronym, in.Name, in.Mandate, string(in.Membership), db.Now(), id)
	if err != nil {
		return fmt.Errorf("update body %d: %w", id, err)
	}
	return nil
}

// touchBody marks the body changed when one of its parts changes.
func touchBody(ctx context.Context, tx *sql.Tx, id int64) error {
	if _, err := tx.ExecContext(ctx, `UPDATE bodies SET updated_at = $1 WHERE id = $2`, db.Now(), id); err != nil {
		return fmt.Errorf("touch body %d: %w", id, err)
	}
	return nil
}

// orgByAcronym finds an organisation whatever the case of its acronym;
// nil when there is none.
func orgByAcronym(ctx context.Context, tx *sql.Tx, acronym string) (*Org, error) {
	var o Org
	err := tx.QueryRowContext(ctx, `SELECT id, acronym, name FROM body_orgs WHERE lower(acronym) = lower($1)`, acronym).
		Scan(&o.ID, &o.Acronym, &o.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find organisation %s: %w", acronym, err)
	}
	return &o, nil
}

func insertOrg(ctx context.Context, tx *sql.Tx, acronym, name string) (*Org, error) {
	o := Org{Acronym: acronym, Name: name}
	err := tx.QueryRowContext(ctx, `INSERT INTO body_orgs (acronym, name, created_at) VALUES ($1, $2, $3) RETURNING id`,
		acronym, name, db.Now()).Scan(&o.ID)
	if err != nil {
		return nil, fmt.Errorf("insert organisation %s: %w", acronym, err)
	}
	return &o, nil
}

// loadBody fills b's members, chairs, working groups and meetings, and marks
// the chair period that covers today.
func loadBody(ctx context.Context, tx *sql.Tx, b *Body, today db.Date) error {
	var err error
	if b.Members, err = members(ctx, tx, b.ID); err != nil {
		return err
	}
	if b.Chairs, err = chairs(ctx, tx, b.ID); err != nil {
		return err
	}
	for i := range b.Chairs {
		b.Chairs[i].Current = b.Chairs[i].Covers(today)
	}
	if b.Groups, err = groups(ctx, tx, b.ID); err != nil {
		return err
	}
	b.Meetings, err = meetings(ctx, tx, b.ID)
	return err
}
