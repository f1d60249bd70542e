package engagement

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// applicantOf fills in who applies from by: a focal point for its own
// State, an organisation's account for its own organisation; the demo
// loader (a system principal) says both itself.
func applicantOf(by *auth.Principal, in *Input) error {
	if by.IsSystem() {
		return nil
	}
	kinds := kindsFor(by)
	if len(kinds) == 0 {
		return errs.Forbidden()
	}
	if in.Kind == "" {
		in.Kind = kinds[0]
	}
	if !slices.Contains(kinds, in.Kind) {
		if !in.Kind.Valid() {
			return errs.Invalid().Field("kind", "err.blueheart_kind")
		}
		return errs.Forbidden()
	}
	in.OrgID = 0
	if in.Kind == KindState {
		in.Country = by.Country
	} else {
		in.OrgID = by.OrgID
	}
	return nil
}

// Precheck evaluates the terms of engagement for what by would apply with,
// before it applies: the apply page shows it.
func (s *Service) Precheck(ctx context.Context, by *auth.Principal, in Input) ([]Check, error) {
	if err := auth.Require(by, applicants...); err != nil {
		return nil, err
	}
	if err := applicantOf(by, &in); err != nil {
		return nil, err
	}
	f, err := s.facts(ctx, in.Kind, in.Country, in.Declared, in.Evidence, nil, nil)
	if err != nil {
		return nil, err
	}
	return Evaluate(in.Kind, f), nil
}

// Apply hands in by's application, with the automatic check of its terms
// stored as it was made: one waiting application per applicant, and none
// while it is a listed adopter.
func (s *Service) Apply(ctx context.Context, by *auth.Principal, in Input) (*Application, error) {
	return s.apply(ctx, by, in, false)
}

func (s *Service) apply(ctx context.Context, by *auth.Principal, in Input, demo bool) (*Application, error) {
	if err := auth.Require(by, applicants...); err != nil {
		return nil, err
	}
	if err := applicantOf(by, &in); err != nil {
		return nil, err
	}
	day, err := in.Validate(s.Places.Known)
	if err != nil {
		return nil, err
	}
	f, err := s.facts(ctx, in.Kind, in.Country, in.Declared, in.Evidence, nil, nil)
	if err != nil {
		return nil, err
	}
	now := s.now()
	a := &Application{Kind: in.Kind, Country: in.Country, OrgID: in.OrgID, Name: in.Name, AdoptOn: day, Scope: strings.TrimSpace(in.Scope),
		Links: in.Links, Declared: in.Declared, Evidence: in.Evidence, Checks: Evaluate(in.Kind, f), CheckedAt: now,
		Status: StatusPending, AppliedBy: by.DisplayName(), AppliedAt: now, Demo: demo}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if n, err := pendingOf(ctx, tx, a.Kind, a.Country, a.OrgID); err != nil {
			return err
		} else if n > 0 {
			return errs.Conflict("err.blueheart_pending")
		}
		if ad, err := activeAdopter(ctx, tx, a.Kind, a.Country, a.OrgID); err != nil {
			return err
		} else if ad != nil {
			return errs.Conflict("err.blueheart_adopted")
		}
		if err := insertApplication(ctx, tx, a); err != nil {
			return err
		}
		return record(ctx, tx, by, "application.apply", "engagement_application", a.ID, string(a.Kind)+" "+a.Country)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Dossier is an application as one reader may see it.
type Dossier struct {
	A       *Application
	Files   []*File
	Adopter *Adopter // once approved
	Own     bool     // the reader applied
	Staff   bool     // the reader decides
}

// CanAttach reports whether the reader may hand in files now.
func (d *Dossier) CanAttach() bool { return d.Own && d.A.Pending() }

// CanDecide reports whether the reader may decide now.
func (d *Dossier) CanDecide() bool { return d.Staff && d.A.Pending() }

// Waiting lists the criteria whose evidence waits for the staff.
func (d *Dossier) Waiting() []string { return Waiting(d.A.Checks) }

// dossier loads application id for by: the applicant's own, or any for
// the staff; anyone else is refused.
func (s *Service) dossier(ctx context.Context, tx *sql.Tx, by *auth.Principal, id int64) (*Dossier, error) {
	if err := auth.Require(by, insiders...); err != nil {
		return nil, err
	}
	a, err := getApplication(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	d := &Dossier{A: a, Own: owns(by, a), Staff: isStaff(by)}
	if !d.Own && !d.Staff {
		return nil, errs.Forbidden()
	}
	if d.Files, err = filesOf(ctx, tx, id); err != nil {
		return nil, err
	}
	if a.Status == StatusApproved {
		ads, err := listAdopters(ctx, tx, false)
		if err != nil {
			return nil, err
		}
		for _, ad := range ads {
			if ad.ApplicationID == id {
				d.Adopter = ad
			}
		}
	}
	return d, nil
}

// Application opens application id for by.
func (s *Service) Application(ctx context.Context, by *auth.Principal, id int64) (*Dossier, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Dossier, error) { return s.dossier(ctx, tx, by, id) })
}

// Applications lists what by may read: its own (its State's, its
// organisation's), or every one for the staff.
func (s *Service) Applications(ctx context.Context, by *auth.Principal) ([]*Application, error) {
	if err := auth.Require(by, insiders...); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Application, error) {
		if isStaff(by) {
			return listApplications(ctx, tx, "", 0)
		}
		country, org := "", int64(0)
		if by.Has(auth.RoleFocalPoint) {
			country = by.Country
		}
		if by.Has(auth.RoleNGO) {
			org = by.OrgID
		}
		if country == "" && org == 0 {
			return nil, nil
		}
		all, err := listApplications(ctx, tx, country, org)
		if err != nil {
			return nil, err
		}
		var out []*Application
		for _, a := range all {
			if owns(by, a) {
				out = append(out, a)
			}
		}
		return out, nil
	})
}

// Decision is the staff's decision on an application.
type Decision struct {
	Approve bool
	Reason  string
	Accept  []string // criteria whose evidence the staff accept
}

// Decide records the advocacy staff's decision with its reasons. Approval
// checks the terms again, with the evidence the staff accept: every
// criterion must be met; the applicant is then listed as an adopter from
// its planned date, and told.
func (s *Service) Decide(ctx context.Context, by *auth.Principal, id int64, dec Decision) (*Dossier, error) {
	if err := auth.Require(by, auth.Editors...); err != nil {
		return nil, err
	}
	dec.Reason = strings.TrimSpace(dec.Reason)
	if dec.Reason == "" {
		return nil, errs.Invalid().Field("reason", "err.blueheart_reason")
	}
	if tooLong(dec.Reason, maxText) {
		return nil, errs.Invalid().Field("reason", "err.blueheart_too_long", "Max", maxText)
	}
	// The facts come from the other rooms before the transaction.
	d, err := s.Application(ctx, by, id)
	if err != nil {
		return nil, err
	}
	if !d.A.Pending() {
		return nil, errs.Conflict("err.blueheart_decided")
	}
	a := d.A
	f, err := s.facts(ctx, a.Kind, a.Country, a.Declared, a.Evidence, d.Files, dec.Accept)
	if err != nil {
		return nil, err
	}
	checks := Evaluate(a.Kind, f)
	if dec.Approve && !AllMet(checks) {
		return nil, errs.Invalid().Field("decision", "err.blueheart_not_met")
	}
	now := s.now()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		cur, err := getApplication(ctx, tx, id)
		if err != nil {
			return err
		}
		if !cur.Pending() {
			return errs.Conflict("err.blueheart_decided")
		}
		a.Status, a.Reason, a.DecidedBy, a.DecidedAt, a.CheckedAt = StatusRejected, dec.Reason, by.DisplayName(), &now, now
		if dec.Approve {
			a.Status, a.Checks = StatusApproved, checks
		}
		if err := decideApplication(ctx, tx, a); err != nil {
			return err
		}
		if err := record(ctx, tx, by, "application."+a.Status, "engagement_application", id, a.Reason); err != nil {
			return err
		}
		if !dec.Approve {
			return nil
		}
		if ad, err := activeAdopter(ctx, tx, a.Kind, a.Country, a.OrgID); err != nil {
			return err
		} else if ad != nil {
			return errs.Conflict("err.blueheart_adopted")
		}
		ad := &Adopter{ApplicationID: id, Kind: a.Kind, Country: a.Country, OrgID: a.OrgID, Name: a.Name, AdoptedOn: a.AdoptOn,
			Scope: a.Scope, Links: a.Links, Status: AdopterActive, Demo: a.Demo, CreatedAt: now}
		if err := insertAdopter(ctx, tx, ad); err != nil {
			return err
		}
		d.Adopter = ad
		if err := s.indexAdopter(ctx, tx, ad); err != nil {
			return err
		}
		return record(ctx, tx, by, "adopter.list", "engagement_adopter", ad.ID, a.Name)
	})
	if err != nil {
		return nil, err
	}
	s.tellDecided(ctx, a)
	return d, nil
}
