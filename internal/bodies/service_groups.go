package bodies

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// auditGroup is the state of a working group the audit digests cover.
func auditGroup(g *Group) any {
	if g == nil {
		return nil
	}
	acronyms := make([]string, len(g.Members))
	for i, o := range g.Members {
		acronyms[i] = o.Acronym
	}
	return map[string]any{"name": g.Name, "mandate": g.Mandate, "members": acronyms}
}

// AddGroup creates a working group of a body; editors only. Names are
// unique within a body.
func (s *Service) AddGroup(ctx context.Context, by *auth.Principal, slug string, in GroupInput) (*Group, error) {
	if err := auth.Require(by, Editors...); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	g := &Group{Name: in.Name, Mandate: in.Mandate, Members: []Org{}}
	err := s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) (err error) {
		if g.ID, err = insertGroup(ctx, tx, b.ID, in); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.group_add", "body_group", g.ID, nil, auditGroup(g), b.Acronym+": "+g.Name)
	})
	return g, err
}

// RemoveGroup deletes a working group and its membership list; editors only.
func (s *Service) RemoveGroup(ctx context.Context, by *auth.Principal, slug string, id int64) error {
	return s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		g, err := groupOf(ctx, tx, b.ID, id)
		if err != nil {
			return err
		}
		if err := deleteGroup(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.group_remove", "body_group", id, auditGroup(g), nil,
			b.Acronym+": "+g.Name+" ("+strconv.Itoa(len(g.Members))+" members)")
	})
}

// AddGroupMember puts a member of the body into one of its working groups;
// editors only. Only the body's own members may join, once.
func (s *Service) AddGroupMember(ctx context.Context, by *auth.Principal, slug string, groupID, orgID int64) (*Group, error) {
	if err := auth.Require(by, Editors...); err != nil {
		return nil, err
	}
	if orgID <= 0 {
		return nil, errs.Invalid().Field("org_id", "err.required")
	}
	var after *Group
	err := s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		g, err := groupOf(ctx, tx, b.ID, groupID)
		if err != nil {
			return err
		}
		org, err := memberOrg(ctx, tx, b, orgID, "org_id")
		if err != nil {
			return err
		}
		if g.Has(org.ID) {
			return errs.Invalid().Field("org_id", "err.bodies_group_member_exists", "Acronym", org.Acronym)
		}
		if err := insertGroupMember(ctx, tx, g.ID, org.ID); err != nil {
			return err
		}
		if after, err = groupOf(ctx, tx, b.ID, groupID); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.group_member_add", "body_group", g.ID, auditGroup(g), auditGroup(after),
			b.Acronym+": "+g.Name+" + "+org.Acronym)
	})
	return after, err
}

// RemoveGroupMember takes an organisation out of a working group; editors only.
func (s *Service) RemoveGroupMember(ctx context.Context, by *auth.Principal, slug string, groupID, orgID int64) error {
	return s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		g, err := groupOf(ctx, tx, b.ID, groupID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(g.Members, func(o Org) bool { return o.ID == orgID })
		if i < 0 {
			return errs.NotFound()
		}
		acronym := g.Members[i].Acronym
		if err := deleteGroupMember(ctx, tx, groupID, orgID); err != nil {
			return err
		}
		after, err := groupOf(ctx, tx, b.ID, groupID)
		if err != nil {
			return err
		}
		return record(ctx, tx, by, "body.group_member_remove", "body_group", g.ID, auditGroup(g), auditGroup(after),
			b.Acronym+": "+g.Name+" − "+acronym)
	})
}
