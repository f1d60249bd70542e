package auth_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestTokenCarriesSecondFactorOnlyFromOne: a token minted by a session
// that passed the second factor carries it; one minted by a password-only
// session does not stand in for one.
func TestTokenCarriesSecondFactorOnlyFromOne(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		u := mustUser(t, s, auth.UserInput{Email: "fp@example.org", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "ISL"})
		for _, mfa := range []bool{false, true} {
			p, _ := signIn(t, s, u, mfa)
			raw, _, err := s.CreateToken(ctx, p, "script")
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.TokenPrincipal(ctx, raw)
			if err != nil {
				t.Fatal(err)
			}
			if got.MFA != mfa {
				t.Errorf("token minted by a session with second factor %v carries %v", mfa, got.MFA)
			}
		}
	})
}

// TestTokensRevokedWithSessions: changing one's password, an admin setting
// it, and signing out everywhere each revoke every token of the account.
func TestTokensRevokedWithSessions(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		u := mustUser(t, s, auth.UserInput{Email: "ed@example.org", Roles: []auth.Role{auth.RoleEditor}})
		p, _ := signIn(t, s, u, false)
		passwords := []string{pw, "a-second-long-passphrase", "a-third-long-passphrase"}
		steps := []struct {
			name string
			do   func(i int) error
		}{
			{"own password change", func(i int) error {
				_, err := s.ChangePassword(ctx, p, passwords[i], passwords[i+1])
				return err
			}},
			{"password set by an admin", func(i int) error { return s.SetPassword(ctx, auth.System("test"), u.ID, passwords[i+1]) }},
			{"sign out everywhere", func(int) error { return s.SignOutEverywhere(ctx, p) }},
		}
		for i, st := range steps {
			raw, _, err := s.CreateToken(ctx, p, st.name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.TokenPrincipal(ctx, raw); err != nil {
				t.Fatalf("%s: fresh token refused: %v", st.name, err)
			}
			if err := st.do(min(i, 1)); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if _, err := s.TokenPrincipal(ctx, raw); !errs.Is(err, errs.KindUnauthorised) {
				t.Errorf("%s: the token still works (%v)", st.name, err)
			}
		}
	})
}

// TestTokenExpiryAndScope: a token lasts the default lifetime unless asked
// for fewer days, never more than the maximum; it stops working when it
// expires; a read-scope token is refused anything but GET and HEAD.
func TestTokenExpiryAndScope(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, c *clock) {
		s.TokenTTL, s.TokenMaxTTL = 30*24*time.Hour, 60*24*time.Hour
		u := mustUser(t, s, auth.UserInput{Email: "ed@example.org", Roles: []auth.Role{auth.RoleEditor}})
		p, _ := signIn(t, s, u, false)
		for _, bad := range []auth.TokenInput{
			{Label: "x", ExpiresInDays: 61}, {Label: "x", ExpiresInDays: -1}, {Label: "x", Scope: "admin"},
		} {
			if _, _, err := s.CreateTokenWith(ctx, p, bad); !errs.Is(err, errs.KindInvalid) {
				t.Errorf("%+v: %v, want invalid", bad, err)
			}
		}
		_, _, err := s.CreateTokenWith(ctx, p, auth.TokenInput{Label: "x", ExpiresInDays: 61})
		if fe := errs.FieldKeys(err); fe["expires_in_days"] != "err.token_expiry_range" || errs.As(err).Fields[0].Args["Max"] != 60 {
			t.Errorf("too long: %v %v", fe, errs.As(err).Fields)
		}
		def, tok, err := s.CreateTokenWith(ctx, p, auth.TokenInput{Label: "default"})
		if err != nil || !tok.ExpiresAt.Equal(c.t.Add(30*24*time.Hour)) || tok.Scope != auth.ScopeFull || tok.SecondFactor {
			t.Fatalf("default token: %+v %v", tok, err)
		}
		week, tok, err := s.CreateTokenWith(ctx, p, auth.TokenInput{Label: "week", ExpiresInDays: 7, Scope: auth.ScopeRead})
		if err != nil || !tok.ExpiresAt.Equal(c.t.Add(7*24*time.Hour)) || tok.Scope != auth.ScopeRead {
			t.Fatalf("week token: %+v %v", tok, err)
		}
		rp, err := s.TokenPrincipal(ctx, week)
		if err != nil || !rp.ReadOnly() {
			t.Fatalf("read token principal: %+v %v", rp, err)
		}
		for method, want := range map[string]errs.Kind{"GET": -1, "HEAD": -1, "POST": errs.KindForbidden, "PUT": errs.KindForbidden, "DELETE": errs.KindForbidden} {
			r := httptest.NewRequest(method, "/x", nil).WithContext(auth.WithPrincipal(ctx, rp))
			for _, pol := range []auth.Policy{auth.Public(), auth.SignedIn()} {
				err := pol.Check(r)
				if (want == -1 && err != nil) || (want != -1 && !errs.Is(err, want)) {
					t.Errorf("read-only token, %s: %v", method, err)
				}
			}
		}
		// A token made with a token ends no later than its maker.
		_, child, err := s.CreateTokenWith(ctx, rp, auth.TokenInput{Label: "child", ExpiresInDays: 50})
		if err != nil || !child.ExpiresAt.Equal(rp.Expires) {
			t.Fatalf("token made with a token: %+v %v (maker expires %v)", child, err, rp.Expires)
		}
		c.add(7*24*time.Hour - time.Second)
		if _, err := s.TokenPrincipal(ctx, week); err != nil {
			t.Fatalf("token refused before its expiry: %v", err)
		}
		c.add(time.Second)
		if _, err := s.TokenPrincipal(ctx, week); errs.As(err).Key != "err.token_expired" {
			t.Fatalf("expired token: %v", err)
		}
		if _, err := s.TokenPrincipal(ctx, def); err != nil {
			t.Fatalf("the default token expired early: %v", err)
		}
		list, _ := s.ListTokens(ctx, p)
		if len(list) != 3 || list[1].Active() || !list[1].Expired || !list[2].Active() {
			t.Fatalf("listing: %+v %+v %+v", list[0], list[1], list[2])
		}
	})
}

// TestIssueTokenSaysWhatOperatorVouches: an operator's token carries a
// second factor only when the operator says so; users cannot issue them.
func TestIssueTokenSaysWhatOperatorVouches(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		u := mustUser(t, s, auth.UserInput{Email: "fp@example.org", Roles: []auth.Role{auth.RoleFocalPoint}, Country: "ISL"})
		for _, vouch := range []bool{false, true} {
			raw, tok, err := s.IssueToken(ctx, auth.System("cli"), u.Email, auth.TokenInput{Label: "cli", SecondFactor: vouch})
			if err != nil || tok.SecondFactor != vouch {
				t.Fatalf("issue (vouch %v): %+v %v", vouch, tok, err)
			}
			if p, err := s.TokenPrincipal(ctx, raw); err != nil || p.MFA != vouch {
				t.Fatalf("issued token principal (vouch %v): %+v %v", vouch, p, err)
			}
		}
		admin := &auth.Principal{UserID: u.ID, Roles: []auth.Role{auth.RoleAdmin}, MFA: true}
		if _, _, err := s.IssueToken(ctx, admin, u.Email, auth.TokenInput{Label: "x", SecondFactor: true}); err == nil {
			t.Fatal("a user issued a token for someone")
		}
		entries, _ := audit.List(ctx, s.DB, audit.Filter{Action: "token.create"})
		if len(entries) != 2 || !strings.Contains(entries[0].Detail, "second factor true") {
			t.Fatalf("audit: %+v", entries)
		}
	})
}
