package treaty

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Records returns the status record of every instrument that has one.
func (s *Service) Records(ctx context.Context) (map[string]Record, error) {
	var out map[string]Record
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		out, err = records(ctx, tx)
		return err
	})
	return out, err
}

// StatusDay is the date pages and the API show the status on when no
// as_of is given: today, or the date the imported tables record the status
// on when that is older.
func (s *Service) StatusDay(ctx context.Context) time.Time {
	recs, err := s.Records(ctx)
	if err != nil {
		return s.Today()
	}
	return defaultDay(s.Today(), recs)
}

// SetRecord records the date and source of an instrument's imported status
// table (editors, admins and the command line), audited.
func (s *Service) SetRecord(ctx context.Context, by *auth.Principal, r Record) error {
	if err := s.MayImport(by); err != nil {
		return err
	}
	if _, ok := InstrumentByID(r.Instrument); !ok {
		return errs.Invalid().Field("instrument", "err.treaty_unknown_instrument", "ID", r.Instrument)
	}
	r.Source = strings.TrimSpace(r.Source)
	if r.RecordedOn.IsZero() || r.Source == "" {
		return errs.Invalid().Field("file", "err.treaty_csv_empty")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		old, err := records(ctx, tx)
		if err != nil {
			return err
		}
		if o, ok := old[r.Instrument]; ok && o.RecordedOn.Equal(r.RecordedOn) && o.Source == r.Source {
			return nil
		}
		if err := putRecord(ctx, tx, r, db.Now()); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "treaty_record.set", EntityType: "treaty_instrument",
			EntityID: r.Instrument, After: r, Detail: db.FormatDate(r.RecordedOn) + " " + r.Source})
	})
}
