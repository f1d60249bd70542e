package trustfund

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
	"github.com/tipsom/tipsom/internal/geo"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/search"
)

// Places is what the fund needs of geo: country codes and their regions.
type Places interface {
	Known(iso3 string) bool
	Country(iso3 string) (geo.Country, bool)
}

// Accounts finds the accounts a fund manager assigns (reviewers).
type Accounts interface {
	UserByEmail(ctx context.Context, by *auth.Principal, email string) (*auth.User, error)
}

// Service holds the fund's rules. Every exported method takes the acting
// principal and checks it first; each change is one transaction with its
// audit entry; every change of money takes the fund's lock and goes
// through the ledger's checks.
type Service struct {
	DB       *db.DB
	Places   Places
	Accounts Accounts
	Index    *search.Index
	Notices  *notify.Service
	Now      func() time.Time
	// afterLedgerRead, when set, runs once the ledger is read for a
	// change of money: tests widen the window two approvals could race in.
	afterLedgerRead func()
}

// NewService returns the fund's service on d.
func NewService(d *db.DB, p Places, a Accounts, ix *search.Index) *Service {
	return &Service{DB: d, Places: p, Accounts: a, Index: ix, Now: time.Now}
}

func (s *Service) now() time.Time { return db.Time(s.Now()) }

func idString(id int64) string { return strconv.FormatInt(id, 10) }

func record(ctx context.Context, tx *sql.Tx, by *auth.Principal, action, kind string, id int64, detail string) error {
	return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: action, EntityType: kind, EntityID: idString(id), Detail: detail})
}

// readLedger reads the ledger as it stands, for a reading of balances.
func readLedger(ctx context.Context, tx *sql.Tx) (*Ledger, error) {
	entries, err := ledgerEntries(ctx, tx)
	if err != nil {
		return nil, err
	}
	return NewLedger(entries)
}

// ledgerLocked reads the ledger under the fund's lock, for a change of money.
func (s *Service) ledgerLocked(ctx context.Context, tx *sql.Tx) (*Ledger, error) {
	if err := lockMoney(ctx, tx); err != nil {
		return nil, err
	}
	l, err := readLedger(ctx, tx)
	if err == nil && s.afterLedgerRead != nil {
		s.afterLedgerRead()
	}
	return l, err
}

// post applies e to the ledger and stores it, in tx, after the ledger's
// checks: the one way money moves.
func (s *Service) post(ctx context.Context, tx *sql.Tx, by *auth.Principal, e Entry, contribution int64, note string) error {
	l, err := s.ledgerLocked(ctx, tx)
	if err != nil {
		return err
	}
	if err := l.Apply(e); err != nil {
		return err
	}
	if err := insertEntry(ctx, tx, e, contribution, note, by.DisplayName()); err != nil {
		return err
	}
	return record(ctx, tx, by, "ledger."+string(e.Kind), "trustfund_ledger", e.Grant, fmt.Sprintf("usd_minor=%d %s", e.USD, note))
}

// Balances are the fund's balances now: public.
func (s *Service) Balances(ctx context.Context) (Balances, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (Balances, error) {
		l, err := readLedger(ctx, tx)
		if err != nil {
			return Balances{}, err
		}
		return l.Balances(), nil
	})
}

// Calls lists the calls for proposals: public.
func (s *Service) Calls(ctx context.Context) ([]*Call, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Call, error) { return listCalls(ctx, tx) })
}

// Call returns one call: public.
func (s *Service) Call(ctx context.Context, id int64) (*Call, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Call, error) { return getCall(ctx, tx, id) })
}

// OpenCall opens a call for proposals: fund managers.
func (s *Service) OpenCall(ctx context.Context, by *auth.Principal, c Call) (*Call, error) {
	return s.openCall(ctx, by, c, false)
}

func (s *Service) openCall(ctx context.Context, by *auth.Principal, c Call, demo bool) (*Call, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	if err := c.Validate(s.Places.Known); err != nil {
		return nil, err
	}
	c.CreatedAt, c.Demo = s.now(), demo
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertCall(ctx, tx, &c, by.DisplayName()); err != nil {
			return err
		}
		return record(ctx, tx, by, "call.open", "trustfund_call", c.ID, c.Title)
	})
	if err == nil {
		s.tellCallOpened(ctx, &c)
	}
	return &c, err
}

// MyOrg returns the NGO's own profile (not found before it registers).
func (s *Service) MyOrg(ctx context.Context, by *auth.Principal) (*Org, error) {
	if err := auth.RequireOrg(by, by.OrgID, auth.RoleNGO); err != nil || by.OrgID == 0 {
		return nil, errs.Forbidden()
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Org, error) { return getOrg(ctx, tx, by.OrgID) })
}

// SaveOrg registers or updates the NGO's profile; the fund manager
// verifies it again after any change.
func (s *Service) SaveOrg(ctx context.Context, by *auth.Principal, o Org) (*Org, error) {
	return s.saveOrg(ctx, by, o, false)
}

func (s *Service) saveOrg(ctx context.Context, by *auth.Principal, o Org, demo bool) (*Org, error) {
	if !by.IsSystem() && (!by.Has(auth.RoleNGO) || by.OrgID == 0) {
		return nil, errs.Forbidden()
	}
	if !by.IsSystem() {
		o.OrgID = by.OrgID
	}
	bad := errs.Invalid()
	if o.Name == "" {
		bad.Field("name", "err.required")
	} else if tooLong(o.Name, maxTitle) {
		bad.Field("name", "err.trustfund_too_long", "Max", maxTitle)
	}
	if !s.Places.Known(o.Country) {
		bad.Field("country", "err.country_unknown")
	}
	if o.RegistrationNumber == "" {
		bad.Field("registration_number", "err.required")
	}
	if o.AssistingSince < 1900 || o.AssistingSince > s.now().Year() {
		bad.Field("assisting_since", "err.trustfund_year")
	}
	if tooLong(o.Profile, maxText) {
		bad.Field("profile", "err.trustfund_too_long", "Max", maxText)
	}
	if err := bad.OrNil(); err != nil {
		return nil, err
	}
	o.UpdatedAt, o.Demo, o.VerifiedAt = s.now(), demo, nil
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := saveOrg(ctx, tx, &o); err != nil {
			return err
		}
		return record(ctx, tx, by, "ngo.save", "organisation", o.OrgID, o.Name)
	})
	return &o, err
}

// Orgs lists the NGOs' profiles: fund managers.
func (s *Service) Orgs(ctx context.Context, by *auth.Principal) ([]*Org, error) {
	if err := auth.Require(by, managers...); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Org, error) { return listOrgs(ctx, tx) })
}

// VerifyOrg records the fund manager's verification of an NGO's profile.
func (s *Service) VerifyOrg(ctx context.Context, by *auth.Principal, id int64) error {
	if err := auth.Require(by, managers...); err != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		o, err := getOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := verifyOrg(ctx, tx, id, s.now(), by.DisplayName()); err != nil {
			return err
		}
		return record(ctx, tx, by, "ngo.verify", "organisation", id, o.Name)
	})
}
