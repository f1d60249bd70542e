package auth

import "slices"

// Role is what a user may do. A user holds one or more roles.
type Role string

const (
	RoleFocalPoint       Role = "focal_point"
	RoleNGO              Role = "ngo"
	RoleAnalyst          Role = "analyst"
	RoleEditor           Role = "editor"
	RoleReviewer         Role = "reviewer"
	RoleFundManager      Role = "fund_manager"
	RoleTrustee          Role = "trustee"
	RoleProgrammeOfficer Role = "programme_officer"
	RoleCaseWorker       Role = "case_worker"
	RoleAdmin            Role = "admin"
)

// AllRoles lists every role in the order the UI shows them.
var AllRoles = []Role{
	RoleFocalPoint, RoleNGO, RoleAnalyst, RoleEditor, RoleReviewer, RoleFundManager,
	RoleTrustee, RoleProgrammeOfficer, RoleCaseWorker, RoleAdmin,
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(AllRoles, r) }

// NeedsCountry reports whether the role is scoped to one country.
func (r Role) NeedsCountry() bool { return r == RoleFocalPoint }

// NeedsOrg reports whether the role is scoped to one organisation.
func (r Role) NeedsOrg() bool { return r == RoleNGO || r == RoleCaseWorker }

// NeedsSecondFactor reports whether holding the role requires TOTP: the roles
// that administer, publish, hold money or read personal data.
func (r Role) NeedsSecondFactor() bool {
	switch r {
	case RoleAdmin, RoleAnalyst, RoleFundManager, RoleCaseWorker, RoleTrustee:
		return true
	}
	return false
}

// LabelKey is the catalogue key of the role's display name.
func (r Role) LabelKey() string { return "role." + string(r) }

// anyNeedsSecondFactor reports whether any of roles requires TOTP.
func anyNeedsSecondFactor(roles []Role) bool {
	return slices.ContainsFunc(roles, Role.NeedsSecondFactor)
}
