package bodies

import (
	"context"
	"database/sql"
	"slices"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Comparison shows which organisation sits in which bodies: the overlap the
// strategy asks to see (UNHCR sits in ICAT but not in UN.GIFT; OSCE in
// UN.GIFT but not in ICAT). Only bodies whose members are organisations
// take part; the Conference's working groups are open to States parties.
type Comparison struct {
	Bodies    []Summary    `json:"bodies"`
	Rows      []CompareRow `json:"organisations"`
	Available []Summary    `json:"-"` // every body that can be compared, for the filter
}

// CompareRow is one organisation and its seat, if any, in each body of the
// comparison (same order as Comparison.Bodies).
type CompareRow struct {
	Org   Org    `json:"organisation"`
	Seats []Seat `json:"seats"`
	Count int    `json:"body_count"`
}

// Seat says whether an organisation sits in one body, and in what role.
type Seat struct {
	Body   string `json:"body"`
	Member bool   `json:"member"`
	Role   Role   `json:"role,omitempty"`
}

// Compare builds the comparison of the bodies with the given slugs (every
// organisation-membership body when none is given). An unknown slug or one
// of a States-parties body is a bad parameter. Rows list every organisation
// that sits in at least one of the bodies, by acronym.
func (s *Service) Compare(ctx context.Context, slugs []string) (*Comparison, error) {
	all, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Bodies: []Summary{}, Rows: []CompareRow{}}
	for _, b := range all {
		if b.Membership == MembershipOrganisations {
			c.Available = append(c.Available, b)
		}
	}
	for _, slug := range slugs {
		i := slices.IndexFunc(c.Available, func(b Summary) bool { return b.Slug == slug })
		if i < 0 {
			return nil, errs.BadParam("body", "err.bodies_unknown_body", "Slug", slug)
		}
	}
	for _, b := range c.Available {
		if len(slugs) == 0 || slices.Contains(slugs, b.Slug) {
			c.Bodies = append(c.Bodies, b)
		}
	}
	seats, err := s.seats(ctx)
	if err != nil {
		return nil, err
	}
	for _, org := range seats.orgs {
		row := CompareRow{Org: org}
		for _, b := range c.Bodies {
			role, ok := seats.roles[org.ID][b.Slug]
			row.Seats = append(row.Seats, Seat{Body: b.Slug, Member: ok, Role: role})
			if ok {
				row.Count++
			}
		}
		if row.Count > 0 {
			c.Rows = append(c.Rows, row)
		}
	}
	return c, nil
}

// seatIndex is every seat in every body: organisation id → body slug → role.
type seatIndex struct {
	orgs  []Org
	roles map[int64]map[string]Role
}

func (s *Service) seats(ctx context.Context) (*seatIndex, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*seatIndex, error) {
		return seats(ctx, tx)
	})
}
