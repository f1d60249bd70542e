package trustfund

import "github.com/tipsom/tipsom/internal/auth"

// Who does what in the Trust Fund. The service checks every call with
// these; the routes' policies keep out only those who could never pass.
var (
	// managers run calls, screening, grants and the ledger.
	managers = []auth.Role{auth.RoleFundManager, auth.RoleAdmin}
	// insiders may open the proposals pages at all; the service decides
	// per proposal (an NGO its own, a reviewer those assigned, a trustee
	// those past screening).
	insiders = []auth.Role{auth.RoleNGO, auth.RoleReviewer, auth.RoleTrustee, auth.RoleFundManager, auth.RoleAdmin}
)

func managerPolicy() auth.Policy { return auth.Roles(managers...).WithSecondFactor() }
func insiderPolicy() auth.Policy { return auth.Roles(insiders...) }
func ngoPolicy() auth.Policy     { return auth.Roles(auth.RoleNGO, auth.RoleAdmin) }
func trusteePolicy() auth.Policy { return auth.Roles(auth.RoleTrustee).WithSecondFactor() }
func reviewerPolicy() auth.Policy {
	return auth.Roles(auth.RoleReviewer)
}

func isManager(by *auth.Principal) bool { return auth.Require(by, managers...) == nil }
