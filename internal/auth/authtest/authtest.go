// Package authtest makes the accounts a room's service tests act as.
package authtest

import (
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
)

// Password is the password of the accounts tests create.
const Password = "correct-horse-battery-staple"

// Principal creates the account in describes (its name the address and the
// test password when they are not given) and returns it as the principal
// of a session that passed its second factor.
func Principal(t testing.TB, s *auth.Service, in auth.UserInput) *auth.Principal {
	t.Helper()
	if in.Name == "" {
		in.Name = in.Email
	}
	if in.Password == "" {
		in.Password = Password
	}
	u, err := s.CreateUser(t.Context(), auth.System("test"), in)
	if err != nil {
		t.Fatalf("account %s: %v", in.Email, err)
	}
	return &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Roles: u.Roles, Country: u.Country, OrgID: u.OrgID, MFA: true}
}
