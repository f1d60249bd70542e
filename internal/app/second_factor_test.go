package app_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
)

// credential is one way of calling a route: a session (client) or a token.
type credential struct {
	name   string
	client *http.Client
	token  string
}

// call makes method path with cred, asking for JSON so that a refusal is a
// status (401/403) rather than a redirect to a page.
func call(t *testing.T, srv *apptest.Server, cred credential, method, path string) int {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(""))
	req.Header.Set("Accept", "application/json")
	if method != http.MethodGet && method != http.MethodHead {
		req.Header.Set("Origin", srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	c := cred.client
	if cred.token != "" {
		req.Header.Set("Authorization", "Bearer "+cred.token)
		c = apptest.Client()
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// sessionToken mints a token with POST /api/v1/tokens in c's session.
func sessionToken(t *testing.T, srv *apptest.Server, c *http.Client) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/tokens", strings.NewReader(`{"label":"from the session"}`))
	req.Header.Set("Content-Type", "application/json")
	res := srv.SameOrigin(t, c, req)
	var out struct{ Token string }
	json.NewDecoder(res.Body).Decode(&out)
	res.Body.Close()
	if res.StatusCode != http.StatusCreated || out.Token == "" {
		t.Fatalf("mint a token in a session: %d", res.StatusCode)
	}
	return out.Token
}

// issue makes a token on the operator's word, as tipsom token create does.
func issue(t *testing.T, srv *apptest.Server, email string, in auth.TokenInput) string {
	t.Helper()
	in.Label = "cli"
	raw, _, err := srv.App.Auth.IssueToken(t.Context(), auth.System("cli"), email, in)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestSecondFactorMatrix tries every route whose policy needs a second
// factor, as a role the policy allows, with every kind of credential: a
// password-only session and the token it mints are refused, as are expired
// tokens and tokens revoked by a password change or by signing out
// everywhere; a token minted by a session that passed TOTP and an
// operator's token vouched for with --second-factor are let through; a
// read-only token is refused every request that would change something.
func TestSecondFactorMatrix(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		var routes []struct{ method, path string }
		var roles []auth.Role
		for _, rt := range srv.App.Router.Routes() {
			pol, ok := rt.Guard.(auth.Policy)
			if !ok || !pol.NeedsSecondFactor() {
				continue
			}
			// A role the policy allows that does not require TOTP of its
			// own, so that a password-only session of it exists.
			allowed := pol.AllowedRoles()
			i := slices.IndexFunc(allowed, func(r auth.Role) bool { return !r.NeedsSecondFactor() })
			if len(allowed) > 0 && i < 0 {
				t.Errorf("%s: every allowed role needs TOTP anyway; extend the matrix for it", rt.Pattern)
				continue
			}
			role := auth.RoleEditor
			if i >= 0 {
				role = allowed[i]
			}
			if len(roles) == 0 || roles[0] != role {
				roles = append(roles, role)
			}
			routes = append(routes, struct{ method, path string }{rt.Method, concretePath(rt.Path)})
			if len(roles) > 1 {
				t.Fatalf("routes allow different roles (%v); give each its own credentials", roles)
			}
		}
		if len(routes) < 5 {
			t.Fatalf("only %d routes need a second factor", len(routes))
		}
		role := roles[0]
		mk := func(name string, totp bool) apptest.User {
			if totp {
				return srv.CreateUserWithTOTP(t, name+"@sf.example.org", role)
			}
			return srv.CreateUser(t, name+"@sf.example.org", role)
		}
		pw, full := mk("password-only", false), mk("with-totp", true)
		pwSession, fullSession := apptest.Client(), apptest.Client()
		srv.Login(t, pwSession, pw)
		srv.Login(t, fullSession, full)
		pwToken, fullToken := sessionToken(t, srv, pwSession), sessionToken(t, srv, fullSession)
		cliWith := issue(t, srv, full.Email, auth.TokenInput{SecondFactor: true})
		cliWithout := issue(t, srv, full.Email, auth.TokenInput{})
		readOnly := issue(t, srv, full.Email, auth.TokenInput{SecondFactor: true, Scope: auth.ScopeRead})
		expiring := issue(t, srv, full.Email, auth.TokenInput{SecondFactor: true, ExpiresInDays: 1})
		// Tokens to be revoked: one by a password change, one (minted in a
		// session that passed TOTP) by signing out everywhere.
		pwChanged := mk("changes-password", false)
		revokedByPassword := issue(t, srv, pwChanged.Email, auth.TokenInput{SecondFactor: true})
		leaver := mk("signs-out", true)
		leaverSession := srv.SignIn(t, leaver)
		revokedBySignOut := sessionToken(t, srv, leaverSession)
		for _, tok := range []string{revokedByPassword, revokedBySignOut, expiring} {
			if got := call(t, srv, credential{token: tok}, routes[0].method, routes[0].path); got == 401 || got == 403 {
				t.Fatalf("a token to be revoked or expired is refused beforehand: %d", got)
			}
		}
		if err := srv.App.Auth.SetPassword(t.Context(), auth.System("test"), pwChanged.ID, "an-entirely-new-passphrase"); err != nil {
			t.Fatal(err)
		}
		srv.Post(t, leaverSession, "/account/sign-out-everywhere", nil).Body.Close()
		srv.Advance(24*time.Hour + time.Minute)

		refused := []credential{
			{name: "password-only session", client: pwSession},
			{name: "token minted by a password-only session", token: pwToken},
			{name: "operator's token without --second-factor", token: cliWithout},
			{name: "expired token", token: expiring},
			{name: "token revoked by a password change", token: revokedByPassword},
			{name: "token revoked by signing out everywhere", token: revokedBySignOut},
		}
		through := []credential{
			{name: "session that passed TOTP", client: fullSession},
			{name: "token minted by a session that passed TOTP", token: fullToken},
			{name: "operator's token with --second-factor", token: cliWith},
		}
		for _, rt := range routes {
			for _, c := range refused {
				if got := call(t, srv, c, rt.method, rt.path); got != http.StatusUnauthorized {
					t.Errorf("%s %s with a %s: %d, want 401", rt.method, rt.path, c.name, got)
				}
			}
			for _, c := range through {
				if got := call(t, srv, c, rt.method, rt.path); got == http.StatusUnauthorized || got == http.StatusForbidden {
					t.Errorf("%s %s with a %s: refused (%d)", rt.method, rt.path, c.name, got)
				}
			}
			got := call(t, srv, credential{token: readOnly}, rt.method, rt.path)
			switch {
			case rt.method == http.MethodGet && (got == http.StatusUnauthorized || got == http.StatusForbidden):
				t.Errorf("%s %s with a read-only token: refused (%d)", rt.method, rt.path, got)
			case rt.method != http.MethodGet && got != http.StatusForbidden:
				t.Errorf("%s %s with a read-only token: %d, want 403", rt.method, rt.path, got)
			}
		}
	})
}
