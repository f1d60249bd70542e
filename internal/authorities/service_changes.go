package authorities

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Create adds an entry for in.Country. Saving counts as confirming the
// details on in.LastConfirmed (today when not given), by the editor.
// Only the country's focal point or an admin may, with a second factor.
func (s *Service) Create(ctx context.Context, by *auth.Principal, in Input) (*Authority, error) {
	in.normalise()
	if err := requireEditor(by, in.Country); err != nil {
		return nil, err
	}
	day, err := in.Validate(s.Known, s.Today())
	if err != nil {
		return nil, err
	}
	now := db.Time(s.Now())
	a := fromInput(in, day, by)
	a.CreatedAt, a.UpdatedAt = now, now
	err = s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if a.ID, err = insertAuthority(ctx, tx, a); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "authority.create", EntityType: "authority",
			EntityID: entityID(a.ID), After: a, Detail: auditDetail(a)})
	})
	if err != nil {
		return nil, err
	}
	a.Stale = a.StaleOn(s.Today())
	return a, nil
}

// fromInput builds the entry a validated input describes, confirmed on day by by.
func fromInput(in Input, day time.Time, by *auth.Principal) *Authority {
	return &Authority{Country: in.Country, Details: in.Details, LastConfirmed: day, ConfirmedBy: by.DisplayName()}
}

// change loads entry id, checks by may edit its country, and runs fn on it
// in one transaction. Roles are checked before the entry is looked up, so a
// reader learns nothing about which ids exist by trying to change them.
// iso3, when set (the page's URL names a country), must be the entry's
// country: an entry addressed under another country is not found, even by
// its own country's focal point.
func (s *Service) change(ctx context.Context, by *auth.Principal, id int64, iso3 string, fn func(tx *sql.Tx, before *Authority) error) error {
	if err := auth.Require(by, editors()...); err != nil {
		return err
	}
	if err := auth.RequireSecondFactor(by); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getAuthority(ctx, tx, id)
		if err != nil {
			return err
		}
		if iso3 != "" && iso3 != before.Country {
			return errs.NotFound()
		}
		if err := requireEditor(by, before.Country); err != nil {
			return err
		}
		return fn(tx, before)
	})
}

// Update replaces entry id's details with in; like Create, saving confirms
// them. in.Country, when set (the page's URL), must be the entry's country:
// entries do not move between countries.
func (s *Service) Update(ctx context.Context, by *auth.Principal, id int64, in Input) (*Authority, error) {
	return s.rewrite(ctx, by, id, "", "authority.update", func(tx *sql.Tx, before *Authority) (*Authority, error) {
		in.normalise()
		if in.Country != "" && in.Country != before.Country {
			return nil, errs.NotFound()
		}
		in.Country = before.Country
		day, err := in.Validate(s.Known, s.Today())
		if err != nil {
			return nil, err
		}
		after := fromInput(in, day, by)
		after.ID, after.CreatedAt, after.UpdatedAt = id, before.CreatedAt, db.Time(s.Now())
		return after, updateAuthority(ctx, tx, after)
	})
}

// Confirm records that entry id's details were checked today and are still
// correct, which clears its stale flag. iso3, when set (the page's URL),
// must be the entry's country.
func (s *Service) Confirm(ctx context.Context, by *auth.Principal, id int64, iso3 string) (*Authority, error) {
	return s.rewrite(ctx, by, id, iso3, "authority.confirm", func(tx *sql.Tx, before *Authority) (*Authority, error) {
		after := *before
		after.LastConfirmed, after.ConfirmedBy, after.UpdatedAt = s.Today(), by.DisplayName(), db.Time(s.Now())
		return &after, confirmAuthority(ctx, tx, id, after.LastConfirmed, after.ConfirmedBy, after.UpdatedAt)
	})
}

// rewrite changes entry id (see change): next works out and stores its new
// state from before; the change is audited as action, and the entry comes
// back with its stale flag.
func (s *Service) rewrite(ctx context.Context, by *auth.Principal, id int64, iso3, action string,
	next func(tx *sql.Tx, before *Authority) (*Authority, error)) (*Authority, error) {
	var after *Authority
	err := s.change(ctx, by, id, iso3, func(tx *sql.Tx, before *Authority) (err error) {
		if after, err = next(tx, before); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: "authority",
			EntityID: entityID(id), Before: before, After: after, Detail: auditDetail(after)})
	})
	if err != nil {
		return nil, err
	}
	after.Stale = after.StaleOn(s.Today())
	return after, nil
}

// Delete removes entry id and returns what it was (for the redirect).
// iso3, when set (the page's URL), must be the entry's country.
func (s *Service) Delete(ctx context.Context, by *auth.Principal, id int64, iso3 string) (*Authority, error) {
	var gone *Authority
	err := s.change(ctx, by, id, iso3, func(tx *sql.Tx, before *Authority) error {
		gone = before
		if err := deleteAuthority(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "authority.delete", EntityType: "authority",
			EntityID: entityID(id), Before: before, Detail: auditDetail(before)})
	})
	return gone, err
}
