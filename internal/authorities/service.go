package authorities

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Service holds the directory's rules. Every exported method takes the
// acting principal and checks it before touching data; every read of
// contact details and every change is written to the audit log in the same
// transaction, so there is no read or change without its entry.
type Service struct {
	DB *db.DB
	// Known reports whether an ISO3 code names a country (geo's Known).
	Known func(iso3 string) bool
	// Now is the clock; tests move it to make entries stale.
	Now func() time.Time
}

// NewService returns a Service on d with the real clock.
func NewService(d *db.DB, known func(iso3 string) bool) *Service {
	return &Service{DB: d, Known: known, Now: time.Now}
}

// Today is the service's current calendar day.
func (s *Service) Today() time.Time { return Day(s.Now()) }

func (s *Service) markStale(as []Authority) {
	today := s.Today()
	for i := range as {
		as[i].Stale = as[i].StaleOn(today)
	}
}

func entityID(id int64) string { return strconv.FormatInt(id, 10) }

// auditDetail is the non-personal note of a change: where and what function.
func auditDetail(a *Authority) string { return a.Country + " " + a.Function }

// ForCountry returns iso3's entries with their contact details. Each call
// is one audited read (actor, country, number of entries), which is why it
// runs in a read-write transaction.
func (s *Service) ForCountry(ctx context.Context, by *auth.Principal, iso3 string) ([]Authority, error) {
	if err := requireReader(by); err != nil {
		return nil, err
	}
	if !s.Known(iso3) {
		return nil, errs.NotFound()
	}
	var out []Authority
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if out, err = listAuthorities(ctx, tx, iso3); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "authority.read", EntityType: "country",
			EntityID: iso3, Detail: fmt.Sprintf("entries: %d", len(out))})
	})
	if err != nil {
		return nil, err
	}
	s.markStale(out)
	return out, nil
}

// Get returns one entry with its contact details: an audited read.
func (s *Service) Get(ctx context.Context, by *auth.Principal, id int64) (*Authority, error) {
	if err := requireReader(by); err != nil {
		return nil, err
	}
	var a *Authority
	err := s.DB.Tx(ctx, func(tx *sql.Tx) (err error) {
		if a, err = getAuthority(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "authority.read", EntityType: "authority",
			EntityID: entityID(id), Detail: auditDetail(a) + " entries: 1"})
	})
	if err != nil {
		return nil, err
	}
	a.Stale = a.StaleOn(s.Today())
	return a, nil
}

// Counts returns, per country with entries, how many there are and how many
// are stale. Counts hold no personal data, so reading them is not audited;
// they are still for officials only.
func (s *Service) Counts(ctx context.Context, by *auth.Principal) (map[string]Count, error) {
	return s.counts(ctx, by, "")
}

// CountOf is Counts for one country.
func (s *Service) CountOf(ctx context.Context, by *auth.Principal, iso3 string) (Count, error) {
	m, err := s.counts(ctx, by, iso3)
	return m[iso3], err
}

func (s *Service) counts(ctx context.Context, by *auth.Principal, iso3 string) (map[string]Count, error) {
	if err := requireReader(by); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (map[string]Count, error) {
		return countAuthorities(ctx, tx, staleCutoff(s.Today()), iso3)
	})
}
