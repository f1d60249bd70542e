package bodies

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/search"
)

// Editors are the roles that may change coordination bodies. Reading is
// public: the bodies, their members and their documents are published.
var Editors = auth.Editors

// Service holds the rules for coordination bodies. Every method that
// changes something takes the acting principal, checks it is an editor and
// records the change in the audit log in the same transaction.
type Service struct {
	DB  *db.DB
	Now func() time.Time // the clock that says which chair period is current
	// Index, when set, is the one search, which holds every body's page.
	Index *search.Index
}

// NewService returns a Service on d with the real clock.
func NewService(d *db.DB) *Service { return &Service{DB: d, Now: time.Now} }

func (s *Service) today() db.Date { return db.DateOf(s.Now()) }

// List returns every body, in the order they were added (the seeded ones
// in the strategy's order), with its member count and current chair.
func (s *Service) List(ctx context.Context) ([]Summary, error) {
	out := []Summary{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		all, err := listBodies(ctx, tx)
		if err != nil {
			return err
		}
		for _, b := range all {
			sum := Summary{Slug: b.Slug, Acronym: b.Acronym, Name: b.Name, Membership: b.Membership, MemberCount: b.MemberCount}
			cs, err := chairs(ctx, tx, b.ID)
			if err != nil {
				return err
			}
			for _, c := range cs {
				if c.Covers(s.today()) {
					sum.Chair = &c.Org
				}
			}
			gs, err := groups(ctx, tx, b.ID)
			if err != nil {
				return err
			}
			sum.GroupCount = len(gs)
			out = append(out, sum)
		}
		return nil
	})
	return out, err
}

// Get returns the body with slug and everything its page shows, or not found.
func (s *Service) Get(ctx context.Context, slug string) (*Body, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Body, error) {
		b, err := bodyBySlug(ctx, tx, slug)
		if err != nil {
			return nil, err
		}
		return b, loadBody(ctx, tx, b, s.today())
	})
}

// Document returns a document with its bytes, for download.
func (s *Service) Document(ctx context.Context, id int64) (*Document, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Document, error) {
		return documentWithData(ctx, tx, id)
	})
}

// Orgs returns every organisation known to any body, by acronym, for the
// member form's suggestions.
func (s *Service) Orgs(ctx context.Context) ([]Org, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]Org, error) {
		return orgs(ctx, tx)
	})
}

// edit runs fn in a read-write transaction on the body with slug, after
// checking that by is an editor. fn records its own audit entry; edit marks
// the body as changed.
func (s *Service) edit(ctx context.Context, by *auth.Principal, slug string, fn func(tx *sql.Tx, b *Body) error) error {
	if err := auth.Require(by, Editors...); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		b, err := bodyBySlug(ctx, tx, slug)
		if err != nil {
			return err
		}
		if err := fn(tx, b); err != nil {
			return err
		}
		return touchBody(ctx, tx, b.ID)
	})
}

// record appends the audit entry of a change to an entity of a body.
func record(ctx context.Context, tx *sql.Tx, by *auth.Principal, action, entity string, id int64, before, after any, detail string) error {
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: entity,
		EntityID: strconv.FormatInt(id, 10), Before: before, After: after, Detail: detail})
}
