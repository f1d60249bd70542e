package omnibus

import (
	"github.com/tipsom/tipsom/internal/auth"
)

// Who does what in the Omnibus room. The service checks every call with
// these; the routes' policies only keep out those who could never pass.
var (
	// answerers fill in a State's self-assessment: its focal point (an
	// admin too, for support).
	answerers = []auth.Role{auth.RoleFocalPoint, auth.RoleAdmin}
	// readersOfAssessments are the roles that may open an assessment at all;
	// the focal point only its own country's, a reviewer only one under a
	// review it is assigned to (canReadAssessment).
	readersOfAssessments = []auth.Role{auth.RoleFocalPoint, auth.RoleReviewer, auth.RoleAnalyst, auth.RoleAdmin}
)

// signedInPolicy guards the pages where the service decides per object
// (an assessment, a review): any of the roles that could pass.
func signedInPolicy() auth.Policy { return auth.Roles(readersOfAssessments...) }

// analystPolicy guards the secretariat's pages (draws, regional views).
func analystPolicy() auth.Policy { return auth.Roles(auth.Analysts...) }

// answererPolicy guards the routes that change answers.
func answererPolicy() auth.Policy { return auth.Roles(answerers...) }

// requireAnswerer checks that by may answer iso3's self-assessment.
func requireAnswerer(by *auth.Principal, iso3 string) error {
	return auth.RequireCountry(by, iso3, answerers...)
}

// isSecretariat reports whether by reads every assessment and review.
func isSecretariat(by *auth.Principal) bool { return auth.Require(by, auth.Analysts...) == nil }
