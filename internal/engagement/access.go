package engagement

import "github.com/tipsom/tipsom/internal/auth"

// Who does what in the Blue Heart room. The service checks every call
// with these; the routes' policies keep out only those who could never
// pass.
var (
	// applicants adopt the campaign: a State's focal point for its
	// country, an organisation's account for its organisation.
	applicants = []auth.Role{auth.RoleFocalPoint, auth.RoleNGO}
	// insiders open the applications pages at all; the service decides
	// per application.
	insiders = append(append([]auth.Role{}, applicants...), auth.Editors...)
)

func applicantPolicy() auth.Policy { return auth.Roles(applicants...) }
func insiderPolicy() auth.Policy   { return auth.Roles(insiders...) }
func staffPolicy() auth.Policy     { return auth.Roles(auth.Editors...) }

// isStaff reports whether by is advocacy staff: an editor or an admin.
func isStaff(by *auth.Principal) bool { return auth.Require(by, auth.Editors...) == nil }

// owns reports whether by applies for a: the State's focal point, or the
// organisation's account.
func owns(by *auth.Principal, a *Application) bool {
	if a.Kind == KindState {
		return by.Has(auth.RoleFocalPoint) && by.Country != "" && by.Country == a.Country
	}
	return by.Has(auth.RoleNGO) && by.OrgID != 0 && by.OrgID == a.OrgID
}

// kindsFor lists the kinds by may apply as: a focal point for its State,
// an organisation's account as a business or a civil society
// organisation.
func kindsFor(by *auth.Principal) []Kind {
	var out []Kind
	if by.Has(auth.RoleFocalPoint) && by.Country != "" {
		out = append(out, KindState)
	}
	if by.Has(auth.RoleNGO) && by.OrgID != 0 {
		out = append(out, KindBusiness, KindCSO)
	}
	return out
}
