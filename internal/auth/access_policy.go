package auth

import (
	"net/http"
	"slices"

	"github.com/tipsom/tipsom/internal/errs"
)

// Policy is who may use a route. Every route declares one; there is no
// default, so a route nobody thought about cannot be reached.
type Policy struct {
	public bool
	roles  []Role // empty: any signed-in user
	mfa    bool   // also requires a second factor in this session
}

// Public lets anyone in, signed in or not.
func Public() Policy { return Policy{public: true} }

// SignedIn lets in any signed-in user, whatever their roles.
func SignedIn() Policy { return Policy{} }

// Roles lets in signed-in users holding at least one of roles.
func Roles(roles ...Role) Policy { return Policy{roles: roles} }

// WithSecondFactor additionally requires a second factor, for routes that
// show personal data.
func (p Policy) WithSecondFactor() Policy { p.mfa = true; return p }

// NeedsSecondFactor reports whether the route also requires a second
// factor (for tests that try every such route with every credential).
func (p Policy) NeedsSecondFactor() bool { return p.mfa }

// IsPublic reports whether anyone may use the route.
func (p Policy) IsPublic() bool { return p.public }

// AllowedRoles returns the roles the policy names (nil: any signed-in user).
func (p Policy) AllowedRoles() []Role { return slices.Clone(p.roles) }

// Allows reports whether p admits pr, and if not, why: unauthorised when
// nobody is signed in (or the second factor is missing), forbidden otherwise.
func (p Policy) Allows(pr *Principal) error {
	if p.public {
		return nil
	}
	if pr == nil {
		return errs.Unauthorised()
	}
	if p.mfa && !pr.MFA {
		return RequireSecondFactor(pr)
	}
	if len(p.roles) == 0 || pr.IsSystem() || pr.HasAny(p.roles...) {
		return nil
	}
	return errs.Forbidden()
}

// Check applies p to the principal of r; it is the web layer's route guard.
// A read-only token is refused any request but GET and HEAD, on every
// route, public ones included: it never changes anything.
func (p Policy) Check(r *http.Request) error {
	pr := FromContext(r.Context())
	if pr.ReadOnly() && r.Method != http.MethodGet && r.Method != http.MethodHead {
		return errs.Forbidden().WithKey("err.token_read_only")
	}
	return p.Allows(pr)
}

// Require is the service layer's check: it returns nil when by holds one of
// roles (or is a system process), else the error the web layer reports.
func Require(by *Principal, roles ...Role) error {
	return Roles(roles...).Allows(by)
}

// Input is what a service takes from a form or the API: it tidies itself
// (trims, folds case) and says which fields are wrong.
type Input interface {
	Normalise()
	Validate() error
}

// RequireInput is a write's first check: by must hold one of roles (as
// Require), then in is normalised and validated, so nobody learns from the
// validation messages what they may not write.
func RequireInput(by *Principal, in Input, roles ...Role) error {
	if err := Require(by, roles...); err != nil {
		return err
	}
	in.Normalise()
	return in.Validate()
}
