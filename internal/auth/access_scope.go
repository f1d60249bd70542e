package auth

import (
	"github.com/tipsom/tipsom/internal/errs"
)

// Named role sets, spelled once: who runs the statistics and the reports,
// and who curates public reference content.
var (
	Analysts = []Role{RoleAnalyst, RoleAdmin}
	Editors  = []Role{RoleEditor, RoleAdmin}
)

// The scope checks every room's service uses. One answer about admins and
// other unscoped roles: a principal admitted by a role that is not scoped
// (analyst, editor, admin, …) may act on any country's or organisation's
// object; one admitted only by a scoped role (a focal point, an NGO, a case
// worker) only on its own. An admin passes only where roles name admins.
// A system process (the command line) passes every check.

// RequireCountry checks that by holds one of roles and, if only a
// country-scoped one admits it, that its country is iso3: nil, or the
// error to report (unauthorised, forbidden).
func RequireCountry(by *Principal, iso3 string, roles ...Role) error {
	return requireScope(by, roles, func(r Role) bool { return r.NeedsCountry() }, func() bool {
		return by.Country != "" && by.Country == iso3
	})
}

// RequireOrg is RequireCountry for organisation-scoped roles.
func RequireOrg(by *Principal, orgID int64, roles ...Role) error {
	return requireScope(by, roles, func(r Role) bool { return r.NeedsOrg() }, func() bool {
		return by.OrgID != 0 && by.OrgID == orgID
	})
}

// InCountry reports whether RequireCountry would let by in, for pages
// that show only what their reader may use, and services that answer
// "not found" rather than "forbidden".
func InCountry(by *Principal, iso3 string, roles ...Role) bool {
	return RequireCountry(by, iso3, roles...) == nil
}

// RequireSecondFactor refuses a principal who has not presented a second
// factor in this session (or whose token does not carry one), sending a
// browser to set one up.
func RequireSecondFactor(by *Principal) error {
	if by == nil {
		return errs.Unauthorised()
	}
	if by.MFA {
		return nil
	}
	e := errs.Unauthorised()
	e.Key, e.Redirect = "err.second_factor_required", "/account/security"
	return e
}

func requireScope(by *Principal, roles []Role, scoped func(Role) bool, inScope func() bool) error {
	if err := Require(by, roles...); err != nil {
		return err
	}
	if by.IsSystem() {
		return nil
	}
	for _, r := range roles {
		if by.Has(r) && !scoped(r) {
			return nil
		}
	}
	if inScope() {
		return nil
	}
	return errs.Forbidden()
}
