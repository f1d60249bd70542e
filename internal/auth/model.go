package auth

import (
	"net/mail"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/tipsom/tipsom/internal/errs"
)

// User is an account as the rest of tipsom sees it; secrets stay in the store.
type User struct {
	ID          int64      `json:"id"`
	Email       string     `json:"email"`
	Name        string     `json:"name"`
	Roles       []Role     `json:"roles"`
	Country     string     `json:"country,omitempty"`
	OrgID       int64      `json:"org_id,omitempty"`
	Org         string     `json:"org,omitempty"`
	HasPassword bool       `json:"has_password"`
	TOTPEnabled bool       `json:"totp_enabled"`
	Disabled    bool       `json:"disabled"`
	Demo        bool       `json:"demo,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	LastLoginAt *time.Time `json:"last_login_at,omitempty"`
}

// NeedsSecondFactor reports whether one of u's roles requires TOTP.
func (u *User) NeedsSecondFactor() bool { return anyNeedsSecondFactor(u.Roles) }

// HasRole reports whether u holds role name, for templates.
func (u *User) HasRole(name string) bool { return slices.Contains(u.Roles, Role(name)) }

// UserInput is what an admin (or the command line) sets on an account.
type UserInput struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Roles    []Role `json:"roles"`
	Country  string `json:"country,omitempty"`
	OrgID    int64  `json:"org_id,omitempty"`
	Password string `json:"password,omitempty"` // on creation only; empty for single-sign-on accounts
	Disabled bool   `json:"disabled,omitempty"`
}

// Normalise trims the input and canonicalises email, country and roles.
func (in *UserInput) Normalise() {
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.Name = strings.TrimSpace(in.Name)
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	slices.Sort(in.Roles)
	in.Roles = slices.Compact(in.Roles)
}

// Validate checks the input; it reports every problem, each against its field.
func (in *UserInput) Validate() error {
	e := errs.Invalid()
	if !ValidEmail(in.Email) || HasBidiControl(in.Email) {
		e.Field("email", "err.email_invalid")
	}
	checkName(e, "name", in.Name, 200)
	if len(in.Roles) == 0 {
		e.Field("roles", "err.roles_required")
	}
	needCountry, needOrg := false, false
	for _, r := range in.Roles {
		if !r.Valid() {
			e.Field("roles", "err.role_unknown", "Role", string(r))
		}
		needCountry = needCountry || r.NeedsCountry()
		needOrg = needOrg || r.NeedsOrg()
	}
	switch {
	case in.Country != "" && !ValidCountry(in.Country):
		e.Field("country", "err.country_unknown", "Code", in.Country)
	case needCountry && in.Country == "":
		e.Field("country", "err.country_required")
	}
	if needOrg && in.OrgID == 0 {
		e.Field("org_id", "err.org_required")
	}
	if in.Password != "" {
		if k := PasswordProblem(in.Password, in.Email, in.Name); k != "" {
			e.Field("password", k, "Min", MinPasswordLength)
		}
	}
	return e.OrNil()
}

// UserFilter narrows the admin's list of users.
type UserFilter struct {
	Query string // substring of email or name
	Role  Role
	OrgID int64
}

// maxEmailLength is the longest address SMTP can carry (RFC 5321), in bytes.
const maxEmailLength = 254

// ValidEmail reports whether s is a plain address (no display name).
func ValidEmail(s string) bool {
	if len(s) > maxEmailLength || !strings.Contains(s, "@") {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == ""
}

// ValidCountry reports whether s is an ISO 3166-1 alpha-3 code of a country
// or area. The geo reference data will take this over.
func ValidCountry(s string) bool {
	if len(s) != 3 || strings.ToUpper(s) != s {
		return false
	}
	r, err := language.ParseRegion(s)
	return err == nil && r.IsCountry() && r.ISO3() == s
}

// Organisation is a body users belong to: an NGO, a ministry, an agency.
type Organisation struct {
	ID        int64     `json:"id"`
	ShortName string    `json:"short_name"`
	Name      string    `json:"name"`
	Country   string    `json:"country,omitempty"`
	Demo      bool      `json:"demo,omitempty"`
	Members   int       `json:"members"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OrgInput is what an admin sets on an organisation.
type OrgInput struct {
	ShortName string `json:"short_name"`
	Name      string `json:"name"`
	Country   string `json:"country,omitempty"`
}

// Normalise trims the input.
func (in *OrgInput) Normalise() {
	in.ShortName = strings.TrimSpace(in.ShortName)
	in.Name = strings.TrimSpace(in.Name)
	in.Country = strings.ToUpper(strings.TrimSpace(in.Country))
}

// Validate checks the input field by field.
func (in *OrgInput) Validate() error {
	e := errs.Invalid()
	checkName(e, "short_name", in.ShortName, 40)
	checkName(e, "name", in.Name, 300)
	if in.Country != "" && !ValidCountry(in.Country) {
		e.Field("country", "err.country_unknown", "Code", in.Country)
	}
	return e.OrNil()
}
