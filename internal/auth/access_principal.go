package auth

import (
	"context"
	"slices"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
)

// Principal is who is acting: a signed-in user (by session or API token) or
// a system process such as the command line. A nil *Principal is anonymous.
type Principal struct {
	UserID  int64
	Email   string
	Name    string
	Roles   []Role
	Country string // ISO3, for country-scoped roles
	OrgID   int64  // for organisation-scoped roles
	Org     string // the organisation's short name
	MFA     bool   // a second factor was presented (a token carries one only when minted with one)
	Method  string // "session", "token" or "system"
	// Scope and Expires are those of the API token, for Method "token".
	Scope   TokenScope
	Expires time.Time
	system  bool
}

// System returns the principal of a trusted process (the command line, the
// demo loader), allowed to do what an admin can; label names it in the audit log.
func System(label string) *Principal {
	return &Principal{Name: label, Method: "system", system: true, MFA: true}
}

// ReadOnly reports whether p may only read: a read-scope API token.
func (p *Principal) ReadOnly() bool { return p != nil && p.Scope == ScopeRead }

// IsSystem reports whether p is a system process rather than a user.
func (p *Principal) IsSystem() bool { return p != nil && p.system }

// Has reports whether p holds role r.
func (p *Principal) Has(r Role) bool { return p != nil && slices.Contains(p.Roles, r) }

// HasAny reports whether p holds any of roles.
func (p *Principal) HasAny(roles ...Role) bool {
	return p != nil && slices.ContainsFunc(roles, p.Has)
}

// IsAdmin reports whether p may administer: an admin user or a system process.
func (p *Principal) IsAdmin() bool { return p.IsSystem() || p.Has(RoleAdmin) }

// DisplayName is how the header greets p.
func (p *Principal) DisplayName() string {
	if p == nil {
		return ""
	}
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

// HasRole is Has by name, for templates.
func (p *Principal) HasRole(name string) bool { return p.Has(Role(name)) }

// AuditActor is how p appears in the audit log.
func (p *Principal) AuditActor() audit.Actor {
	if p == nil {
		return audit.Actor{Label: "anonymous"}
	}
	if p.system {
		return audit.Actor{Label: "system:" + p.Name}
	}
	return audit.Actor{ID: p.UserID, Label: p.Email}
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal in ctx, or nil (anonymous).
func FromContext(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}
