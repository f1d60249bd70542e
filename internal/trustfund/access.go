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

// managerPolicy and trusteePolicy need no second factor of their own:
// both roles hold one at every sign-in.
func managerPolicy() auth.Policy { return auth.Roles(managers...) }
func insiderPolicy() auth.Policy { return auth.Roles(insiders...) }
func ngoPolicy() auth.Policy     { return auth.Roles(auth.RoleNGO) }
func trusteePolicy() auth.Policy { return auth.Roles(auth.RoleTrustee) }
func reviewerPolicy() auth.Policy {
	return auth.Roles(auth.RoleReviewer)
}

func isManager(by *auth.Principal) bool { return auth.Require(by, managers...) == nil }
