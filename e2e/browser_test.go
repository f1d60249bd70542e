// Package e2e_test drives the whole application in a real browser: Debian's
// chromium, through chromedp, against a server on a free localhost port. It
// runs axe-core on every page it loads and saves a screenshot of the page on
// failure (screenshots/, git-ignored).
package e2e_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

const (
	adminEmail = "admin@e2e.example.org"
	newEmail   = "focal@e2e.example.org"
	tokenLabel = "e2e script"
)

func TestBrowser(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)

	// Step 1: the app on SQLite, with an administrator who has a second
	// factor. The server outlives every step, so it starts here.
	srv, admin := startApp(t)
	b := startBrowser(t, execPath, axe, srv.URL)

	b.step(t, "2_sign_in", func(p *tab) { signIn(p, srv, admin) })
	b.step(t, "3_admin_creates_user", createUser)
	b.step(t, "4_arabic_is_mirrored", arabic)
	b.step(t, "5_api_token", func(p *tab) { apiToken(p, srv.URL) })
	b.step(t, "6_sign_out", signOut)
}

// startApp is step 1.
func startApp(t *testing.T) (*apptest.Server, apptest.User) {
	t.Helper()
	srv := apptest.Start(t, db.SQLite)
	admin := srv.CreateUser(t, adminEmail, auth.RoleAdmin)
	if admin.Secret == "" {
		t.Fatalf("step 1: the admin %s has no TOTP secret", adminEmail)
	}
	return srv, admin
}

// signIn visits the home page, then signs in with the password and the
// second factor, lands on /home, then opens the account page.
func signIn(p *tab, srv *apptest.Server, admin apptest.User) {
	p.open("/")
	p.open("/login")
	p.fill("#f-email", admin.Email)
	p.fill("#f-password", admin.Password)
	p.click(`form[action="/login"] button[type=submit]`)
	if got := p.path(); got != "/login/2fa" {
		p.fatalf("after the password the browser is on %s, want /login/2fa", got)
	}
	p.fill("#f-code", srv.Code(admin))
	p.click(`form[action="/login/2fa"] button[type=submit]`)
	srv.Tick() // that code is spent
	if got := p.path(); got != "/home" {
		p.fatalf("after the second factor the browser is on %s, want /home", got)
	}
	if got, want := p.text(".flash"), "You are signed in."; got != want {
		p.errorf("flash = %q, want %q", got, want)
	}
	p.open("/account")
	if main := p.text("main"); !strings.Contains(main, admin.Email) {
		p.errorf("the account page does not show %s:\n%s", admin.Email, main)
	}
}

var userPath = regexp.MustCompile(`^/admin/users/[0-9]+$`)

// createUser makes a focal point for Kenya through the admin form: first with
// an invalid email, which the form reports beside the field, then valid.
func createUser(p *tab) {
	p.open("/admin/users/new")
	p.fill("#f-email", "not-an-email")
	p.fill("#f-name", "E2E Focal Point")
	p.check("#role-focal_point")
	p.fill("#f-country", "KEN")
	res := p.click(`form[action="/admin/users"] button[type=submit]`)
	if res.Status != http.StatusUnprocessableEntity && res.Status != http.StatusBadRequest {
		p.errorf("invalid email: status %d, want 422 or 400 (the form re-rendered, no redirect)", res.Status)
	}
	if got := p.path(); got != "/admin/users" {
		p.fatalf("invalid email: the browser is on %s, want the form re-rendered at /admin/users", got)
	}
	if !p.exists(".field.has-error #f-email") || !p.exists(".field.has-error #f-email-error") {
		p.fatalf("invalid email: no error beside the email field")
	}
	if msg := p.text("#f-email-error"); msg == "" || strings.HasPrefix(msg, "err.") {
		p.errorf("invalid email: error message %q is not a sentence", msg)
	}
	if got := eval[string](p, `document.querySelector("#f-email").getAttribute("aria-invalid") || ""`); got != "true" {
		p.errorf("invalid email: #f-email aria-invalid = %q, want true", got)
	}
	// The form keeps what was typed.
	if got := eval[string](p, `document.querySelector("#f-name").value`); got != "E2E Focal Point" {
		p.errorf("re-rendered name = %q, want it kept", got)
	}
	if got := eval[string](p, `document.querySelector("#f-country").value`); got != "KEN" {
		p.errorf("re-rendered country = %q, want it kept", got)
	}
	if !eval[bool](p, `document.querySelector("#role-focal_point").checked`) {
		p.errorf("re-rendered form lost the focal point role")
		p.check("#role-focal_point")
	}

	p.fill("#f-email", newEmail)
	// Secrets are never sent back in a re-rendered form: type it again.
	p.fill("#f-password", "amber-river-notebook-7")
	p.click(`form[action="/admin/users"] button[type=submit]`)
	if got := p.path(); !userPath.MatchString(got) {
		p.fatalf("after creating the user the browser is on %s, want /admin/users/{id}", got)
	}
	if got, want := p.text(".flash"), "User created."; got != want {
		p.errorf("flash = %q, want %q", got, want)
	}
	if got := eval[string](p, `document.querySelector("#f-email").value`); got != newEmail {
		p.errorf("the new user's page shows email %q, want %s", got, newEmail)
	}
	if got := eval[string](p, `document.querySelector("#f-country").value`); got != "KEN" {
		p.errorf("the new user's page shows country %q, want KEN", got)
	}

	p.open("/admin/users")
	emails := eval[[]string](p, `[...document.querySelectorAll("table.data tbody tr td:nth-child(2)")].map(td => td.textContent.trim())`)
	if !slices.Contains(emails, newEmail) {
		p.errorf("/admin/users lists %q, want %s among them", emails, newEmail)
	}
}

// arabic switches the interface to Arabic, checks that the page turns right
// to left, and switches back to English.
func arabic(p *tab) {
	p.click(`.site-header a[hreflang=ar]`)
	if got := eval[string](p, `document.documentElement.lang + " " + document.documentElement.dir`); got != "ar rtl" {
		p.fatalf(`<html lang dir> = %q, want "ar rtl"`, got)
	}
	if got := eval[string](p, `getComputedStyle(document.body).direction`); got != "rtl" {
		p.errorf("body direction = %q, want rtl", got)
	}
	brand := eval[float64](p, `document.querySelector(".site-header .brand").getBoundingClientRect().left`)
	langs := eval[float64](p, `document.querySelector(".site-header .langs").getBoundingClientRect().left`)
	if brand <= langs {
		p.errorf("right to left, the brand (left %.0f px) should be right of the languages (left %.0f px)", brand, langs)
	}
	if got := eval[string](p, `document.querySelector('.site-header a[hreflang=ar]').getAttribute("aria-current") || ""`); got != "true" {
		p.errorf("the Arabic link is not marked current (aria-current=%q)", got)
	}

	p.click(`.site-header a[hreflang=en]`)
	if got := eval[string](p, `document.documentElement.lang + " " + document.documentElement.dir`); got != "en ltr" {
		p.fatalf(`back in English, <html lang dir> = %q, want "en ltr"`, got)
	}
	brand = eval[float64](p, `document.querySelector(".site-header .brand").getBoundingClientRect().left`)
	langs = eval[float64](p, `document.querySelector(".site-header .langs").getBoundingClientRect().left`)
	if brand >= langs {
		p.errorf("left to right, the brand (left %.0f px) should be left of the languages (left %.0f px)", brand, langs)
	}
}

// apiToken creates an API token on the account page, uses it, revokes it and
// checks that it no longer works.
func apiToken(p *tab, base string) {
	p.open("/account")
	p.fill("#f-label", tokenLabel)
	p.click(`form[action="/account/tokens"] button[type=submit]`)
	if got, want := p.text(".flash"), "Token created."; got != want {
		p.errorf("flash = %q, want %q", got, want)
	}
	token := p.text("#new-token")
	if !strings.HasPrefix(token, "tps_") {
		p.fatalf("new token %q does not start with tps_", token)
	}

	status, me := callMe(p, base, token)
	if status != http.StatusOK {
		p.fatalf("GET /api/v1/me with the token: status %d, want 200", status)
	}
	if me.Email != adminEmail {
		p.errorf("GET /api/v1/me with the token: email %q, want %s", me.Email, adminEmail)
	}

	labels := eval[[]string](p, `[...document.querySelectorAll("table.data tbody tr td:first-child")].map(td => td.textContent.trim())`)
	if len(labels) != 1 || labels[0] != tokenLabel {
		p.fatalf("token table lists %q, want only %q", labels, tokenLabel)
	}
	p.click(`table.data tbody tr form[action$="/revoke"] button[type=submit]`)
	if got := p.path(); got != "/account" {
		p.errorf("after revoking the browser is on %s, want /account", got)
	}
	if got, want := p.text(".flash"), "Token revoked."; got != want {
		p.errorf("flash = %q, want %q", got, want)
	}
	if p.exists(`table.data tbody tr form[action$="/revoke"]`) {
		p.errorf("the revoked token still has a revoke button")
	}
	if status, _ := callMe(p, base, token); status != http.StatusUnauthorized {
		p.errorf("GET /api/v1/me with the revoked token: status %d, want 401", status)
	}
}

type me struct {
	Email string `json:"email"`
}

// callMe asks the API who the bearer of token is.
func callMe(p *tab, base, token string) (int, me) {
	p.t.Helper()
	req, err := http.NewRequestWithContext(p.ctx, http.MethodGet, base+"/api/v1/me", nil)
	if err != nil {
		p.fatalf("%v", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	c := &http.Client{Timeout: 10 * time.Second}
	res, err := c.Do(req)
	if err != nil {
		p.fatalf("GET /api/v1/me: %v", err)
	}
	defer res.Body.Close()
	var m me
	if res.StatusCode == http.StatusOK {
		if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
			p.fatalf("GET /api/v1/me: %v", err)
		}
	}
	return res.StatusCode, m
}

// signOut uses the header's sign-out button and checks that the account page
// now asks to sign in.
func signOut(p *tab) {
	p.click(`.site-header form[action="/logout"] button[type=submit]`)
	if got := p.path(); got != "/" {
		p.errorf("after signing out the browser is on %s, want /", got)
	}
	if got, want := p.text(`.site-header a[href="/login"]`), "Sign in"; got != want {
		p.errorf("header link = %q, want %q", got, want)
	}
	if p.exists(`.site-header form[action="/logout"]`) {
		p.errorf("the header still has a sign-out button")
	}
	if got, want := p.text(".flash"), "You are signed out."; got != want {
		p.errorf("flash = %q, want %q", got, want)
	}
	p.open("/account")
	if got := p.path(); got != "/login" {
		p.errorf("GET /account signed out ends on %s, want /login", got)
	}
}
