package app_test

import (
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

// TestSingleSignOn signs in through an OpenID Connect provider (mockoidc):
// a verified email that matches an account signs in; an unknown one does not.
func TestSingleSignOn(t *testing.T) {
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	defer m.Shutdown()
	cfg := m.Config()
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) {
		c.OIDCIssuer, c.OIDCClientID, c.OIDCClientSecret = cfg.Issuer, cfg.ClientID, cfg.ClientSecret
	})
	u := srv.CreateUser(t, "sso-user@example.org", auth.RoleEditor)

	follow := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar}
	}
	m.QueueUser(&mockoidc.MockUser{Subject: "1", Email: u.Email, EmailVerified: true})
	c := follow()
	res, err := c.Get(srv.URL + "/login/sso?next=/account")
	if err != nil {
		t.Fatal(err)
	}
	body := apptest.ReadBody(t, res)
	if res.StatusCode != 200 || res.Request.URL.Path != "/account" || !strings.Contains(body, u.Email) {
		t.Fatalf("SSO sign-in ended at %s (%d)", res.Request.URL, res.StatusCode)
	}
	if !srv.SignedIn(t, c) {
		t.Fatal("not signed in after SSO")
	}

	m.QueueUser(&mockoidc.MockUser{Subject: "2", Email: "stranger@example.org", EmailVerified: true})
	c = follow()
	res, err = c.Get(srv.URL + "/login/sso")
	if err != nil {
		t.Fatal(err)
	}
	body = apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `data-error="err.sso_no_account"`) || srv.SignedIn(t, c) {
		t.Fatalf("unknown SSO user: %d", res.StatusCode)
	}

	m.QueueUser(&mockoidc.MockUser{Subject: "3", Email: u.Email, EmailVerified: false})
	c = follow()
	res, _ = c.Get(srv.URL + "/login/sso")
	body = apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `data-error="err.sso_unverified"`) || srv.SignedIn(t, c) {
		t.Fatalf("unverified email signed in: %d", res.StatusCode)
	}
}
