package authorities

import (
	"github.com/tipsom/tipsom/internal/auth"
)

// readers are the officials international cooperation needs to see the
// directory: focal points of any country (they write to other countries'
// authorities), analysts, reviewers and admins.
func readers() []auth.Role {
	return []auth.Role{auth.RoleFocalPoint, auth.RoleAnalyst, auth.RoleReviewer, auth.RoleAdmin}
}

// editors are the roles that may keep entries current; focal points only
// for their own country (see requireEditor).
func editors() []auth.Role { return []auth.Role{auth.RoleFocalPoint, auth.RoleAdmin} }

// readPolicy guards the pages and API routes that show the directory.
func readPolicy() auth.Policy { return auth.Roles(readers()...).WithSecondFactor() }

// editPolicy guards the routes that change it.
func editPolicy() auth.Policy { return auth.Roles(editors()...).WithSecondFactor() }

// requireReader is the service's check before showing contact details or
// counts: an official's role, then a second factor.
func requireReader(by *auth.Principal) error {
	if err := auth.Require(by, readers()...); err != nil {
		return err
	}
	return auth.RequireSecondFactor(by)
}

// requireEditor checks that by may change iso3's entries: an admin, or the
// focal point of that very country, with a second factor either way.
func requireEditor(by *auth.Principal, iso3 string) error {
	if err := auth.Require(by, editors()...); err != nil {
		return err
	}
	if err := auth.RequireSecondFactor(by); err != nil {
		return err
	}
	return auth.RequireCountry(by, iso3, editors()...)
}

// canEdit reports whether by may change iso3's entries, for showing the
// forms only to those who can use them.
func canEdit(by *auth.Principal, iso3 string) bool { return requireEditor(by, iso3) == nil }

// canRead reports whether by may see the directory (for the profile section).
func canRead(by *auth.Principal) bool { return requireReader(by) == nil }
