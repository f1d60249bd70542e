package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

// TestAccountTokensPage: the account page takes an expiry and a scope,
// says what the new token carries, lists scope, second factor and expiry,
// and refuses a lifetime over the maximum beside its field; the API does
// the same.
func TestAccountTokensPage(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	u := srv.CreateUser(t, "ed@example.org", auth.RoleEditor)
	c := srv.SignIn(t, u)
	res := srv.Post(t, c, "/account/tokens", url.Values{"label": {"reader"}, "expires_in_days": {"400"}, "scope": {"read"}})
	page := apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !regexp.MustCompile(`id="f-expires_in_days"[^>]*aria-invalid="true"`).MatchString(page) {
		t.Fatalf("400 days: %d", res.StatusCode)
	}
	if !regexp.MustCompile(`id="scope-read"[^>]*checked`).MatchString(page) || !strings.Contains(page, `value="reader"`) {
		t.Error("the refused form lost what was chosen")
	}
	res = srv.Post(t, c, "/account/tokens", url.Values{"label": {"reader"}, "expires_in_days": {"10"}, "scope": {"read"}})
	page = apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusOK || !strings.Contains(page, `id="new-token-facts"`) || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	want := srv.Now().AddDate(0, 0, 10).UTC().Format("2006-01-02 15:04 UTC")
	row := regexp.MustCompile(`(?s)<tr data-token="\d+">.*?</tr>`).FindString(page)
	if !strings.Contains(row, `data-scope="read"`) || !strings.Contains(row, `data-second-factor="false"`) || !strings.Contains(row, want) {
		t.Fatalf("token row %s, want read, no second factor, expiring %s", row, want)
	}

	res = apiSession(t, srv, c, `{"label":"x","expires_in_days":366}`)
	var p problem
	decodeJSON(t, res, &p)
	if res.StatusCode != http.StatusUnprocessableEntity || len(p.Errors) != 1 || p.Errors[0].Field != "expires_in_days" {
		t.Fatalf("API, 366 days: %d %+v", res.StatusCode, p)
	}
	res = apiSession(t, srv, c, `{"label":"x","scope":"read"}`)
	var tok struct {
		Scope        string `json:"scope"`
		SecondFactor bool   `json:"second_factor"`
		ExpiresAt    string `json:"expires_at"`
	}
	decodeJSON(t, res, &tok)
	if res.StatusCode != http.StatusCreated || tok.Scope != "read" || tok.SecondFactor || !strings.HasPrefix(tok.ExpiresAt, srv.Now().AddDate(0, 0, 90).UTC().Format("2006-01-02")) {
		t.Fatalf("API create: %d %+v", res.StatusCode, tok)
	}
}

func apiSession(t *testing.T, srv *apptest.Server, c *http.Client, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/tokens", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", srv.URL)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
