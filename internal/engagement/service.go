package engagement

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/treaty"
)

// Places is what the room needs of geo: country codes and names.
type Places interface {
	Known(iso3 string) bool
	Country(iso3 string) (geo.Country, bool)
}

// Treaties is what the room needs of treaty status: who is party when.
type Treaties interface {
	Parties(ctx context.Context, id string, asOf time.Time) ([]treaty.Action, error)
}

// Assessments is what the room needs of the self-assessments: the facts
// of a State's submitted one (omnibus.Service.Facts).
type Assessments interface {
	Facts(ctx context.Context, iso3, instrument string) (articles, choices map[string]string, err error)
}

// Service holds the Blue Heart rules. Every exported method takes the
// acting principal and checks it first; each change is one transaction
// with its audit entry.
type Service struct {
	DB          *db.DB
	Places      Places
	Treaties    Treaties
	Assessments Assessments
	Index       *search.Index
	Notices     *notify.Service // nil: nobody is told
	Now         func() time.Time
}

// NewService returns the room's service on d.
func NewService(d *db.DB, p Places, t Treaties, a Assessments, ix *search.Index) *Service {
	return &Service{DB: d, Places: p, Treaties: t, Assessments: a, Index: ix, Now: time.Now}
}

func (s *Service) now() time.Time { return db.Time(s.Now()) }

// today is the service's calendar day (UTC).
func (s *Service) today() time.Time {
	y, m, d := s.Now().UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func record(ctx context.Context, tx *sql.Tx, by *auth.Principal, action, kind string, id int64, detail string) error {
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: kind, EntityID: itoa(id), Detail: detail})
}

// facts gathers what the terms of kind read about the applicant: for a
// State, the treaty status today and its submitted self-assessment; for
// everyone, what it declares and the evidence it handed in (texts, and
// the criteria of its files).
func (s *Service) facts(ctx context.Context, kind Kind, country string, declared []string, evidence map[string]string, files []*File,
	accepted []string) (Facts, error) {
	f := Facts{Declared: map[string]bool{}, Evidence: map[string]bool{}, Accepted: map[string]bool{}}
	for _, d := range declared {
		f.Declared[d] = true
	}
	for k, v := range evidence {
		f.Evidence[k] = v != ""
	}
	for _, fl := range files {
		if fl.Criterion != "" {
			f.Evidence[fl.Criterion] = true
		}
	}
	for _, a := range accepted {
		f.Accepted[a] = true
	}
	if kind != KindState {
		return f, nil
	}
	parties, err := s.Treaties.Parties(ctx, Instrument, s.today())
	if err != nil {
		return f, err
	}
	f.Party = slices.ContainsFunc(parties, func(a treaty.Action) bool { return a.ISO3 == country })
	if f.Articles, f.Choices, err = s.Assessments.Facts(ctx, country, Instrument); err != nil {
		return f, err
	}
	return f, nil
}
