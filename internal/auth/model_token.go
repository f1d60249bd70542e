package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
)

// Token lifetimes when the configuration sets none: a token nobody renews
// stops working after DefaultTokenTTL, and none is made to last longer
// than DefaultTokenMaxTTL.
const (
	DefaultTokenTTL    = 90 * 24 * time.Hour
	DefaultTokenMaxTTL = 365 * 24 * time.Hour
)

// TokenPrefix starts every API token, so secret scanners can spot a leaked one.
const TokenPrefix = "tps_"

// hashToken is what the database keeps of a token's secret (and of a
// session's token): its SHA-256.
func hashToken(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return hex.EncodeToString(sum[:])
}

// TokenScope is what an API token may do.
type TokenScope string

const (
	// ScopeFull lets the token do whatever its owner's roles allow.
	ScopeFull TokenScope = "full"
	// ScopeRead lets it only read: GET and HEAD requests.
	ScopeRead TokenScope = "read"
)

// TokenScopes lists the scopes in the order forms offer them.
var TokenScopes = []TokenScope{ScopeFull, ScopeRead}

// LabelKey is the catalogue key of the scope's name.
func (s TokenScope) LabelKey() string {
	if s == ScopeRead {
		return "account.token_scope_read"
	}
	return "account.token_scope_full"
}

// Token is an API token as listed: never its secret, which is shown once.
type Token struct {
	ID     int64      `json:"id"`
	UserID int64      `json:"-"`
	Label  string     `json:"label"`
	Prefix string     `json:"prefix"`
	Scope  TokenScope `json:"scope"`
	// SecondFactor: the token stands in for a second factor, because the
	// session that minted it had passed one (or an operator vouched).
	SecondFactor bool       `json:"second_factor"`
	CreatedAt    time.Time  `json:"created_at"`
	ExpiresAt    time.Time  `json:"expires_at"`
	LastUsedAt   *time.Time `json:"last_used_at,omitempty"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	Expired      bool       `json:"expired"`
}

// Active reports whether the token still works.
func (t *Token) Active() bool { return t.RevokedAt == nil && !t.Expired }

// TokenInput is what the maker of a token chooses.
type TokenInput struct {
	Label string `json:"label"`
	// ExpiresInDays is the token's lifetime; 0 means the configured default,
	// and more than the configured maximum is refused.
	ExpiresInDays int        `json:"expires_in_days,omitempty"`
	Scope         TokenScope `json:"scope,omitempty"` // "" means full
	// SecondFactor is the operator vouching for the token's holder, on the
	// command line; it is ignored for users, whose tokens carry a second
	// factor exactly when their session does.
	SecondFactor bool `json:"-"`
}

// validate normalises in and checks it against the longest lifetime allowed.
func (in *TokenInput) validate(maxTTL time.Duration) error {
	in.Label = strings.TrimSpace(in.Label)
	if in.Scope == "" {
		in.Scope = ScopeFull
	}
	e := errs.Invalid()
	checkName(e, "label", in.Label, 100)
	maxDays := int(maxTTL / (24 * time.Hour))
	if in.ExpiresInDays < 0 || in.ExpiresInDays > maxDays {
		e.Field("expires_in_days", "err.token_expiry_range", "Max", maxDays)
	}
	if in.Scope != ScopeFull && in.Scope != ScopeRead {
		e.Field("scope", "err.token_scope_unknown")
	}
	return e.OrNil()
}
