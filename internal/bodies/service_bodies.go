package bodies

import (
	"context"
	"database/sql"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// auditBody is the state of a body the audit digests cover.
func auditBody(b *Body) any {
	if b == nil {
		return nil
	}
	return BodyInput{Slug: b.Slug, Acronym: b.Acronym, Name: b.Name, Mandate: b.Mandate, Membership: b.Membership}
}

// CreateBody adds a coordination body; editors only.
func (s *Service) CreateBody(ctx context.Context, by *auth.Principal, in BodyInput) (*Body, error) {
	if err := auth.RequireInput(by, &in, Editors...); err != nil {
		return nil, err
	}
	var b *Body
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		id, err := insertBody(ctx, tx, in)
		if err != nil {
			return err
		}
		if b, err = bodyBySlug(ctx, tx, in.Slug); err != nil {
			return err
		}
		if err := record(ctx, tx, by, "body.create", "body", id, nil, auditBody(b), b.Acronym); err != nil {
			return err
		}
		return s.index(ctx, tx, in.Slug)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, b.Slug)
}

// UpdateBody changes a body's acronym, name, mandate and kind of
// membership; the slug stays. A body with organisation members cannot turn
// into one of States parties, which keeps no member list.
func (s *Service) UpdateBody(ctx context.Context, by *auth.Principal, slug string, in BodyInput) (*Body, error) {
	in.Slug = slug
	if err := auth.RequireInput(by, &in, Editors...); err != nil {
		return nil, err
	}
	err := s.edit(ctx, by, slug, func(tx *sql.Tx, before *Body) error {
		if in.Membership == MembershipStatesParties && before.MemberCount > 0 {
			return errs.Invalid().Field("membership", "err.bodies_membership_has_members", "Count", before.MemberCount)
		}
		if err := updateBody(ctx, tx, before.ID, in); err != nil {
			return err
		}
		if err := record(ctx, tx, by, "body.update", "body", before.ID, auditBody(before), in, in.Acronym); err != nil {
			return err
		}
		return s.index(ctx, tx, slug)
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, slug)
}
