package bodies

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// auditChair is the state of a chair period the audit digests cover.
func auditChair(c *Chair) any {
	if c == nil {
		return nil
	}
	return map[string]any{"org": c.Org.Acronym, "holder": c.Holder, "from": c.From.String(), "to": c.To.String()}
}

// periodText describes a period for the audit log: "2024-01-01 – open".
func periodText(c *Chair) string {
	to := c.To.String()
	if to == "" {
		to = "open"
	}
	return c.Org.Acronym + " " + c.From.String() + " – " + to
}

// AddChair records who chairs a body from when to when; editors only. The
// chair must be a member of the body, and a body has one chair at a time:
// a period that shares a day with another is refused, naming the other.
func (s *Service) AddChair(ctx context.Context, by *auth.Principal, slug string, in ChairInput) (*Chair, error) {
	if err := auth.Require(by, Editors...); err != nil {
		return nil, err
	}
	in.Normalise()
	c, err := in.Validate()
	if err != nil {
		return nil, err
	}
	err = s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		org, err := memberOrg(ctx, tx, b, c.Org.ID, "org_id")
		if err != nil {
			return err
		}
		c.Org = *org
		if err := checkOverlap(ctx, tx, b.ID, &c); err != nil {
			return err
		}
		if c.ID, err = insertChair(ctx, tx, b.ID, c); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.chair_add", "body_chair", c.ID, nil, auditChair(&c), b.Acronym+": "+periodText(&c))
	})
	if err != nil {
		return nil, err
	}
	c.Current = c.Covers(s.today())
	return &c, nil
}

// checkOverlap refuses c when it shares a day with another period of the
// body.
func checkOverlap(ctx context.Context, tx *sql.Tx, bodyID int64, c *Chair) error {
	all, err := chairs(ctx, tx, bodyID)
	if err != nil {
		return err
	}
	for _, o := range all {
		if c.Overlaps(&o) {
			to := o.To.String()
			return errs.Invalid().Field("from", "err.bodies_chair_overlap",
				"Org", o.Org.Acronym, "From", o.From.String(), "To", to, "Open", to == "")
		}
	}
	return nil
}

// EndChair closes an open-ended chair period on its last day; editors only.
func (s *Service) EndChair(ctx context.Context, by *auth.Principal, slug string, id int64, to string) (*Chair, error) {
	if err := auth.Require(by, Editors...); err != nil {
		return nil, err
	}
	e := errs.Invalid()
	day := checkDate(e, "to", strings.TrimSpace(to), true)
	if err := e.OrNil(); err != nil {
		return nil, err
	}
	var after Chair
	err := s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		before, err := chairOf(ctx, tx, b.ID, id)
		if err != nil {
			return err
		}
		if !before.To.IsZero() {
			return errs.Conflict("err.bodies_chair_ended")
		}
		if day.Before(before.From) {
			return errs.Invalid().Field("to", "err.bodies_to_before_from")
		}
		after = *before
		after.To = day
		if err := endChair(ctx, tx, id, day); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.chair_end", "body_chair", id, auditChair(before), auditChair(&after), b.Acronym+": "+periodText(&after))
	})
	if err != nil {
		return nil, err
	}
	after.Current = after.Covers(s.today())
	return &after, nil
}

// RemoveChair deletes a chair period entered by mistake; editors only.
func (s *Service) RemoveChair(ctx context.Context, by *auth.Principal, slug string, id int64) error {
	return s.edit(ctx, by, slug, func(tx *sql.Tx, b *Body) error {
		c, err := chairOf(ctx, tx, b.ID, id)
		if err != nil {
			return err
		}
		if err := deleteChair(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, by, "body.chair_remove", "body_chair", id, auditChair(c), nil, b.Acronym+": "+periodText(c))
	})
}
