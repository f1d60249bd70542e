package treaty

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Service keeps the status of the instruments: who signed, who consented to
// be bound and how, and so who the parties were on any date.
type Service struct {
	DB *db.DB
	// Today is the date "as at" defaults to; tests set it.
	Today func() time.Time
}

// NewService returns the treaty service on d.
func NewService(d *db.DB) *Service {
	return &Service{DB: d, Today: func() time.Time {
		now := time.Now().UTC()
		return day(now.Year(), now.Month(), now.Day())
	}}
}

// Seed writes the fixed instruments item by item (db.Seeds): one whose
// shipped version differs from the one applied is written again, audited;
// run again, it changes nothing and records nothing.
func (s *Service) Seed(ctx context.Context) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		seeds, err := db.OpenSeeds(ctx, tx, s.DB.Dialect, "treaty")
		if err != nil {
			return err
		}
		for i, in := range instruments() {
			changed := false
			item := struct {
				Instrument
				Position int
			}{in, i + 1}
			if _, err := seeds.Upsert("instrument:"+in.ID, item, func() (err error) {
				changed, err = seedInstrument(ctx, tx, in, i+1)
				return err
			}); err != nil {
				return err
			}
			if !changed {
				continue
			}
			err = audit.Record(ctx, tx, audit.Actor{Label: "system:seed"}, audit.Change{Action: "treaty_instrument.seed",
				EntityType: "treaty_instrument", EntityID: in.ID, After: in, Detail: in.Chapter})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// ImportResult says what an import changed.
type ImportResult struct {
	Read, Added, Changed, Removed, Unchanged int
}

// MayImport reports whether by may load status tables: editors and admins.
func (s *Service) MayImport(by *auth.Principal) error {
	return auth.Require(by, auth.Editors...)
}

// Import makes the stored status of instrument what table says: new
// participants are added, changed ones updated, those the table no longer
// lists removed — each change audited in the same transaction. Importing
// the same table again writes nothing. Editors and admins (and the command
// line) only.
func (s *Service) Import(ctx context.Context, by *auth.Principal, instrument string, table *Table) (ImportResult, error) {
	res := ImportResult{}
	if err := s.MayImport(by); err != nil {
		return res, err
	}
	if _, ok := InstrumentByID(instrument); !ok {
		return res, errs.Invalid().Field("instrument", "err.treaty_unknown_instrument", "ID", instrument)
	}
	if table == nil || len(table.Actions) == 0 {
		return res, errs.Invalid().Field("file", "err.treaty_csv_empty")
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		stored, err := actionsOf(ctx, tx, instrument)
		if err != nil {
			return err
		}
		before := map[string]Action{}
		for _, a := range stored {
			before[a.Participant] = a
		}
		res = ImportResult{Read: len(table.Actions)}
		// A table without a reservations column says nothing about them:
		// keep what is stored.
		for _, a := range table.Actions {
			a.Instrument = instrument
			old, had := before[a.Participant]
			delete(before, a.Participant)
			if !table.HasReservations {
				a.Reservations = old.Reservations
			}
			if err := applyAction(ctx, tx, by, old, had, a, &res); err != nil {
				return err
			}
		}
		for _, gone := range stored {
			if _, left := before[gone.Participant]; !left {
				continue
			}
			if err := deleteAction(ctx, tx, gone); err != nil {
				return err
			}
			res.Removed++
			if err := record(ctx, tx, by, "treaty_action.remove", &gone, nil, describe(gone)+" → —"); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// applyAction adds or updates one participant's action when it differs
// from what is stored, with its audit entry.
func applyAction(ctx context.Context, tx *sql.Tx, by *auth.Principal, old Action, had bool, a Action, res *ImportResult) error {
	switch {
	case !had:
		res.Added++
		if err := insertAction(ctx, tx, a); err != nil {
			return err
		}
		return record(ctx, tx, by, "treaty_action.add", nil, &a, describe(a))
	case old.same(a):
		res.Unchanged++
		return nil
	}
	res.Changed++
	if err := updateAction(ctx, tx, a); err != nil {
		return err
	}
	return record(ctx, tx, by, "treaty_action.update", &old, &a, describe(old)+" → "+describe(a))
}

func record(ctx context.Context, tx *sql.Tx, by *auth.Principal, action string, before, after *Action, detail string) error {
	a := before
	if a == nil {
		a = after
	}
	c := audit.Change{Action: action, EntityType: "treaty_action", EntityID: a.Instrument + "/" + a.Participant, Detail: detail}
	if before != nil {
		c.Before = before
	}
	if after != nil {
		c.After = after
	}
	if err := audit.Record(ctx, tx, by.AuditActor(), c); err != nil {
		return fmt.Errorf("audit %s: %w", c.EntityID, err)
	}
	return nil
}

// describe is a one-line, non-personal summary of an action for the audit log.
func describe(a Action) string {
	s := a.UNName + ": signature " + orDash(db.FormatDate(a.Signature)) + ", consent " + orDash(db.FormatDate(a.Consent))
	if a.Kind != "" {
		s += " (" + string(a.Kind) + ")"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
