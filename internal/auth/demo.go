package auth

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/errs"
)

// DemoAccount is one demo account: who it is, and the credentials printed
// at start in demo mode.
type DemoAccount struct {
	Role       Role
	Email      string
	Name       string
	Password   string
	Country    string
	Org        string // short name of a demo organisation
	TOTPSecret string // filled in for roles that need a second factor
}

// EnsureDemoOrg creates the demo organisation if it is missing and returns it.
func (s *Service) EnsureDemoOrg(ctx context.Context, by *Principal, in OrgInput) (*Organisation, error) {
	o, err := db.Read(ctx, s.DB, func(tx *sql.Tx) (*Organisation, error) { return orgByShortName(ctx, tx, in.ShortName) })
	if errs.Is(err, errs.KindNotFound) {
		return s.createOrg(ctx, by, in, true)
	}
	return o, err
}

// EnsureDemoUser brings a demo account to its documented state — created if
// missing, its password reset if it was changed, a TOTP secret if its role
// needs one — and returns it with the secret. Running it twice changes nothing.
func (s *Service) EnsureDemoUser(ctx context.Context, by *Principal, a DemoAccount, orgID int64) (DemoAccount, error) {
	var u *User
	var c *credentials
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		u, c, err = accountByEmail(ctx, tx, a.Email)
		return err
	})
	switch {
	case errs.Is(err, errs.KindNotFound):
		u, err = s.createUser(ctx, by, UserInput{Email: a.Email, Name: a.Name, Roles: []Role{a.Role},
			Country: a.Country, OrgID: orgID, Password: a.Password}, true)
		if err != nil {
			return a, err
		}
	case err != nil:
		return a, err
	case !u.Demo:
		return a, errs.Conflict("err.demo_email_taken", "Email", a.Email)
	case !CheckPassword(c.PasswordHash, a.Password):
		if err := s.SetPassword(ctx, by, u.ID, a.Password); err != nil {
			return a, err
		}
	}
	if !a.Role.NeedsSecondFactor() {
		return a, nil
	}
	if c != nil && c.TOTPSecret != "" {
		a.TOTPSecret = c.TOTPSecret
		return a, nil
	}
	key, err := newTOTPKey(a.Email)
	if err != nil {
		return a, err
	}
	a.TOTPSecret = key.Secret()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := setTOTPSecret(ctx, tx, u.ID, a.TOTPSecret); err != nil {
			return err
		}
		return audit.Record(ctx, tx, by.AuditActor(), audit.Change{Action: "user.totp_enrol", EntityType: "user",
			EntityID: strconv.FormatInt(u.ID, 10), Detail: "demo account"})
	})
	return a, err
}

// DemoCode returns the current TOTP code of a demo account, so a visitor
// can sign in to the demo without an authenticator app. It refuses any
// account not created by the demo loader.
func (s *Service) DemoCode(ctx context.Context, email string) (string, error) {
	var secret string
	var ok bool
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		secret, ok, err = demoTOTPSecret(ctx, tx, email)
		return err
	})
	if err != nil || !ok {
		return "", errs.NotFound()
	}
	return TOTPCode(secret, s.Now())
}
