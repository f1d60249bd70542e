package auth

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// Service holds the rules for accounts. Every exported method that acts for
// someone takes the acting principal and checks it before touching data.
type Service struct {
	DB  *db.DB
	Now func() time.Time // the clock; tests move it to expire locks and TOTP steps
	// SSOEnabled allows accounts without a password, which can only sign in
	// through single sign-on.
	SSOEnabled bool
	// TokenTTL is the lifetime of an API token made without one;
	// TokenMaxTTL the longest anyone may ask for (zero: the defaults).
	TokenTTL, TokenMaxTTL time.Duration
	// Hashes runs every password hash, a bounded number at once.
	Hashes  *HashLimiter
	Notices Notifier // security notices and reset mail (nil: none)
}

// NewService returns a Service on d with the real clock, hashing at most
// GOMAXPROCS passwords at once.
func NewService(d *db.DB) *Service {
	return &Service{DB: d, Now: time.Now, TokenTTL: DefaultTokenTTL, TokenMaxTTL: DefaultTokenMaxTTL,
		Hashes: NewHashLimiter(0, 0)}
}

func (s *Service) now() time.Time { return db.Time(s.Now()) }

// readCredentials reads the secrets of account id, to check one of them.
func (s *Service) readCredentials(ctx context.Context, id int64) (*credentials, error) {
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*credentials, error) { return getCredentials(ctx, tx, id) })
}

// auditUser is the state of a user the audit digests cover.
func auditUser(u *User) any {
	if u == nil {
		return nil
	}
	return map[string]any{"email": u.Email, "name": u.Name, "roles": u.Roles, "country": u.Country,
		"org_id": u.OrgID, "disabled": u.Disabled, "totp": u.TOTPEnabled}
}

func rolesText(roles []Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, ",")
}

// CreateUser adds an account. Admins and system processes only.
func (s *Service) CreateUser(ctx context.Context, by *Principal, in UserInput) (*User, error) {
	return s.createUser(ctx, by, in, false)
}

func (s *Service) createUser(ctx context.Context, by *Principal, in UserInput, demo bool) (*User, error) {
	if err := RequireInput(by, &in, RoleAdmin); err != nil {
		return nil, err
	}
	if in.Password == "" && !s.SSOEnabled {
		return nil, errs.Invalid().Field("password", "err.password_required")
	}
	hash := ""
	if in.Password != "" {
		var err error
		if hash, err = s.Hashes.Hash(ctx, in.Password); err != nil {
			return nil, err
		}
	}
	var u *User
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkOrg(ctx, tx, in.OrgID); err != nil {
			return err
		}
		id, err := insertUser(ctx, tx, in, hash, demo)
		if err != nil {
			return err
		}
		if u, err = userByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.create", EntityType: "user",
			EntityID: strconv.FormatInt(id, 10), After: auditUser(u), Detail: "roles: " + rolesText(u.Roles)})
	})
	return u, err
}

func checkOrg(ctx context.Context, tx *sql.Tx, id int64) error {
	if id == 0 {
		return nil
	}
	if _, err := orgByID(ctx, tx, id); errs.Is(err, errs.KindNotFound) {
		return errs.Invalid().Field("org_id", "err.org_unknown")
	} else if err != nil {
		return err
	}
	return nil
}

// UpdateUser changes an account's details, roles, scope and disabled flag.
// The password is not changed here. An admin cannot remove their own admin
// role nor disable themselves, so the last door is never locked from inside.
func (s *Service) UpdateUser(ctx context.Context, by *Principal, id int64, in UserInput) (*User, error) {
	in.Password = ""
	if err := RequireInput(by, &in, RoleAdmin); err != nil {
		return nil, err
	}
	if by.UserID == id && (!slices.Contains(in.Roles, RoleAdmin) || in.Disabled) {
		return nil, errs.Invalid().Field("roles", "err.cannot_demote_self")
	}
	var u *User
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := userByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkOrg(ctx, tx, in.OrgID); err != nil {
			return err
		}
		if err := updateUser(ctx, tx, id, in); err != nil {
			return err
		}
		if in.Disabled && !before.Disabled {
			if err := endSessions(ctx, tx, id); err != nil {
				return err
			}
		}
		if u, err = userByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.update", EntityType: "user",
			EntityID: strconv.FormatInt(id, 10), Before: auditUser(before), After: auditUser(u),
			Detail: fmt.Sprintf("roles: %s → %s", rolesText(before.Roles), rolesText(u.Roles))})
	})
	return u, err
}

// GetUser returns an account: admins may read any, a user their own.
func (s *Service) GetUser(ctx context.Context, by *Principal, id int64) (*User, error) {
	if by == nil || (!by.IsAdmin() && by.UserID != id) {
		return nil, errs.NotFound()
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*User, error) { return userByID(ctx, tx, id) })
}

// UserByEmail returns the account with email; system processes only.
func (s *Service) UserByEmail(ctx context.Context, by *Principal, email string) (*User, error) {
	if !by.IsSystem() {
		return nil, errs.Forbidden()
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*User, error) { return userByEmail(ctx, tx, email) })
}

// ListUsers lists accounts matching f; admins only.
func (s *Service) ListUsers(ctx context.Context, by *Principal, f UserFilter) ([]*User, error) {
	if err := Require(by, RoleAdmin); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*User, error) { return listUsers(ctx, tx, f) })
}

// CreateOrg adds an organisation; admins only.
func (s *Service) CreateOrg(ctx context.Context, by *Principal, in OrgInput) (*Organisation, error) {
	return s.createOrg(ctx, by, in, false)
}

func (s *Service) createOrg(ctx context.Context, by *Principal, in OrgInput, demo bool) (*Organisation, error) {
	if err := RequireInput(by, &in, RoleAdmin); err != nil {
		return nil, err
	}
	var o *Organisation
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		id, err := insertOrg(ctx, tx, in, demo)
		if err != nil {
			return err
		}
		if o, err = orgByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "org.create", EntityType: "organisation",
			EntityID: strconv.FormatInt(id, 10), After: in, Detail: in.ShortName})
	})
	return o, err
}

// UpdateOrg changes an organisation; admins only.
func (s *Service) UpdateOrg(ctx context.Context, by *Principal, id int64, in OrgInput) (*Organisation, error) {
	if err := RequireInput(by, &in, RoleAdmin); err != nil {
		return nil, err
	}
	var o *Organisation
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		before, err := orgByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := updateOrg(ctx, tx, id, in); err != nil {
			return err
		}
		if o, err = orgByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "org.update", EntityType: "organisation",
			EntityID: strconv.FormatInt(id, 10), Before: OrgInput{before.ShortName, before.Name, before.Country}, After: in,
			Detail: in.ShortName})
	})
	return o, err
}

// ListOrgs lists organisations; admins only.
func (s *Service) ListOrgs(ctx context.Context, by *Principal) ([]*Organisation, error) {
	if err := Require(by, RoleAdmin); err != nil {
		return nil, err
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) ([]*Organisation, error) { return listOrgs(ctx, tx) })
}

// GetOrg returns an organisation: admins any, members their own.
func (s *Service) GetOrg(ctx context.Context, by *Principal, id int64) (*Organisation, error) {
	if by == nil || (!by.IsAdmin() && by.OrgID != id) {
		return nil, errs.NotFound()
	}
	return db.Read(ctx, s.DB, func(tx *sql.Tx) (*Organisation, error) { return orgByID(ctx, tx, id) })
}

// EnsureOrg returns the organisation with short name, creating it (named
// after its short name) when absent; for the command line's --org.
func (s *Service) EnsureOrg(ctx context.Context, by *Principal, short string) (*Organisation, error) {
	if err := Require(by, RoleAdmin); err != nil {
		return nil, err
	}
	o, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (*Organisation, error) { return orgByShortName(ctx, tx, strings.TrimSpace(short)) })
	if errs.Is(err, errs.KindNotFound) {
		return s.CreateOrg(ctx, by, OrgInput{ShortName: short, Name: short})
	}
	return o, err
}
