package engagement

import (
	"context"
	"database/sql"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Adopters lists the listed adopters: public. A suspended adopter is not
// among them.
func (s *Service) Adopters(ctx context.Context) ([]*Adopter, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Adopter, error) { return listAdopters(ctx, tx, true) })
}

// AllAdopters lists every adopter, suspended ones too: the staff.
func (s *Service) AllAdopters(ctx context.Context, by *auth.Principal) ([]*Adopter, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Adopter, error) { return listAdopters(ctx, tx, false) })
}

// readAdopter loads adopter id for by: a listed one for anyone, a
// suspended one for the staff only (not found for the others).
func (s *Service) readAdopter(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Adopter, error) {
	a, err := getAdopter(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !a.Listed() && !isStaff(by) {
		return nil, errs.NotFound()
	}
	return a, nil
}

// AdopterPage is an adopter with its campaign material and campaigns.
type AdopterPage struct {
	A         *Adopter
	Material  []*File
	Campaigns []*Campaign
	Staff     bool
}

// Adopter opens adopter id for by.
func (s *Service) Adopter(ctx context.Context, by *auth.Principal, id int64) (*AdopterPage, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*AdopterPage, error) {
		a, err := s.readAdopter(ctx, tx, by, id)
		if err != nil {
			return nil, err
		}
		p := &AdopterPage{A: a, Staff: isStaff(by)}
		fs, err := filesOf(ctx, tx, a.ApplicationID)
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if f.Material() {
				p.Material = append(p.Material, f)
			}
		}
		cs, err := listCampaigns(ctx, tx)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if c.AdopterID == id {
				p.Campaigns = append(p.Campaigns, c)
			}
		}
		return p, nil
	})
}

// Suspend takes an adopter off the public map and list, with the staff's
// reason.
func (s *Service) Suspend(ctx context.Context, by *auth.Principal, id int64, reason string) (*Adopter, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, errs.Invalid().Field("reason", "err.blueheart_reason")
	}
	if tooLong(reason, maxText) {
		return nil, errs.Invalid().Field("reason", "err.blueheart_too_long", "Max", maxText)
	}
	return db.Write(ctx, s.DB, func(tx *sql.Tx) (*Adopter, error) {
		a, err := getAdopter(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if !a.Listed() {
			return nil, errs.Conflict("err.blueheart_suspended")
		}
		now := s.now()
		a.Status, a.SuspendedReason, a.SuspendedAt = AdopterSuspended, reason, &now
		if err := setAdopterStatus(ctx, tx, a); err != nil {
			return nil, err
		}
		if err := s.unindexAdopter(ctx, tx, a); err != nil {
			return nil, err
		}
		return a, record(ctx, tx, by, "adopter.suspend", "engagement_adopter", id, reason)
	})
}

// Reinstate lists a suspended adopter again.
func (s *Service) Reinstate(ctx context.Context, by *auth.Principal, id int64) (*Adopter, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	return db.Write(ctx, s.DB, func(tx *sql.Tx) (*Adopter, error) {
		a, err := getAdopter(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if a.Listed() {
			return nil, errs.Conflict("err.blueheart_not_suspended")
		}
		if other, err := activeAdopter(ctx, tx, a.Kind, a.Country, a.OrgID); err != nil {
			return nil, err
		} else if other != nil {
			return nil, errs.Conflict("err.blueheart_adopted")
		}
		a.Status, a.SuspendedReason, a.SuspendedAt = AdopterActive, "", nil
		if err := setAdopterStatus(ctx, tx, a); err != nil {
			return nil, err
		}
		if err := s.indexAdopter(ctx, tx, a); err != nil {
			return nil, err
		}
		return a, record(ctx, tx, by, "adopter.reinstate", "engagement_adopter", id, a.Name)
	})
}

// CountryStatus is a State's Blue Heart standing, for its profile: its
// national adoption (nil when none is listed), the businesses and civil
// society organisations of the country that adopted it, and the campaigns
// run there.
type CountryStatus struct {
	State     *Adopter
	Others    []*Adopter
	Campaigns []*Campaign
}

// Empty reports whether there is nothing to say.
func (c *CountryStatus) Empty() bool {
	return c.State == nil && len(c.Others) == 0 && len(c.Campaigns) == 0
}

// StatusOf is iso3's Blue Heart standing: public.
func (s *Service) StatusOf(ctx context.Context, iso3 string) (*CountryStatus, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*CountryStatus, error) {
		out := &CountryStatus{}
		ads, err := listAdopters(ctx, tx, true)
		if err != nil {
			return nil, err
		}
		for _, a := range ads {
			switch {
			case a.Country != iso3:
			case a.Kind == KindState:
				out.State = a
			default:
				out.Others = append(out.Others, a)
			}
		}
		cs, err := listCampaigns(ctx, tx)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			for _, x := range c.Countries {
				if x == iso3 {
					out.Campaigns = append(out.Campaigns, c)
					break
				}
			}
		}
		return out, nil
	})
}
