package bodies

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// auditMember is the state of a seat the audit digests cover.
func auditMember(m *Member) any {
	if m == nil {
		return nil
	}
	return map[string]any{"org": m.Org.Acronym, "org_name": m.Org.Name, "role": m.Role}
}

// AddMember seats an organisation in a body; editors only. A known
// organisation is found by its acronym whatever its case; a new one needs
// its full name. A full name that contradicts the stored one is refused
// rather than silently ignored, and so is a second seat for the same
// organisation.
func (s *Service) AddMember(ctx context.Context, by *auth.Principal, slug string, in MemberInput) (*Member, error) {
	if err := auth.RequireInput(by, &in, Editors...); err != nil {
		return nil, err
	}
	var m *Member
	err := s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		if b.Membership == MembershipStatesParties {
			return errs.Invalid().Field("acronym", "err.bodies_states_parties")
		}
		org, err := findOrCreateOrg(ctx, tx, in)
		if err != nil {
			return err
		}
		current, err := members(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		for _, x := range current {
			if x.Org.ID == org.ID {
				return errs.Invalid().Field("acronym", "err.bodies_member_exists", "Acronym", org.Acronym)
			}
		}
		id, err := insertMember(ctx, tx, b.ID, org.ID, in.Role)
		if err != nil {
			return err
		}
		m = &Member{ID: id, Org: *org, Role: in.Role}
		return record(ctx, tx, by, "body.member_add", "body_member", id, nil, auditMember(m), b.Acronym+": "+org.Acronym)
	})
	return m, err
}

// findOrCreateOrg returns the organisation in.Acronym names, creating it
// when it is new.
func findOrCreateOrg(ctx context.Context, tx *sql.Tx, in MemberInput) (*Org, error) {
	org, err := orgByAcronym(ctx, tx, in.Acronym)
	if err != nil {
		return nil, err
	}
	switch {
	case org != nil && in.Name != "" && !strings.EqualFold(in.Name, org.Name):
		return nil, errs.Invalid().Field("name", "err.bodies_org_name_differs", "Name", org.Name)
	case org != nil:
		return org, nil
	case in.Name == "":
		return nil, errs.Invalid().Field("name", "err.bodies_org_name_required")
	}
	return insertOrg(ctx, tx, in.Acronym, in.Name)
}

// RemoveMember ends an organisation's seat in a body; editors only. It is
// refused while the organisation sits in one of the body's working groups,
// so a working group never holds someone who is not a member. Chair
// periods stay: they are history.
func (s *Service) RemoveMember(ctx context.Context, by *auth.Principal, slug string, id int64) error {
	return s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		m, err := memberByID(ctx, tx, b.ID, id)
		if err != nil {
			return err
		}
		gs, err := groups(ctx, tx, b.ID)
		if err != nil {
			return err
		}
		for _, g := range gs {
			if g.Has(m.Org.ID) {
				return errs.Conflict("err.bodies_member_in_group", "Acronym", m.Org.Acronym, "Group", g.Name)
			}
		}
		if err := deleteMember(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.member_remove", "body_member", id, auditMember(m), nil, b.Acronym+": "+m.Org.Acronym)
	})
}

// memberOrg returns the organisation orgID if it is a member of body b,
// else an invalid-input error on field.
func memberOrg(ctx context.Context, tx *sql.Tx, b *Body, orgID int64, field string) (*Org, error) {
	ms, err := members(ctx, tx, b.ID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if m.Org.ID == orgID {
			return &m.Org, nil
		}
	}
	return nil, errs.Invalid().Field(field, "err.bodies_not_member")
}
