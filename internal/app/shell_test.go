package app_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/web"
)

var pageTitle = regexp.MustCompile(`<title>([^<]*)</title>`)

// TestErrorPageTitles: an error page is titled by what happened (404 "page
// not found"), not by a generic "something went wrong".
func TestErrorPageTitles(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	res := srv.Get(t, apptest.Client(), "/no-such-page")
	body := apptest.ReadBody(t, res)
	m := pageTitle.FindStringSubmatch(body)
	want := srv.App.UI.Catalog.For(web.DefaultLang).T("error.status_404")
	if res.StatusCode != http.StatusNotFound || m == nil || !regexp.MustCompile(`^`+regexp.QuoteMeta(html.EscapeString(want))).MatchString(m[1]) {
		t.Fatalf("404 page: %d, title %q, want it to start with %q", res.StatusCode, m, want)
	}
}

// TestFavicon: /favicon.ico leads to the site's icon, which every page
// links.
func TestFavicon(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	c := apptest.Client()
	res := srv.Get(t, c, "/favicon.ico")
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusMovedPermanently || loc == "" {
		t.Fatalf("/favicon.ico: %d to %q", res.StatusCode, loc)
	}
	icon := srv.Get(t, c, loc)
	icon.Body.Close()
	if icon.StatusCode != http.StatusOK || icon.Header.Get("Content-Type") != "image/svg+xml" {
		t.Fatalf("icon %s: %d %s", loc, icon.StatusCode, icon.Header.Get("Content-Type"))
	}
	home := apptest.ReadBody(t, srv.Get(t, c, "/"))
	if !regexp.MustCompile(`<link rel="icon"[^>]+href="` + regexp.QuoteMeta(loc) + `"`).MatchString(home) {
		t.Fatal("the home page does not link the icon")
	}
}

// TestFormErrorSummaryListsFields: a failed form's summary lists each
// field's error, linked to the field, so "the fields marked below" are
// always marked, even a field the form shows elsewhere.
func TestFormErrorSummaryListsFields(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	c := srv.SignIn(t, srv.CreateUserWithTOTP(t, "admin@example.org", auth.RoleAdmin))
	res := srv.Post(t, c, "/admin/users", url.Values{"email": {"not an address"}, "name": {"X"}})
	body := apptest.ReadBody(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: %d", res.StatusCode)
	}
	links := regexp.MustCompile(`<a href="#f-([a-z_]+)" data-summary-error="([^"]+)"`).FindAllStringSubmatch(body, -1)
	if len(links) < 2 {
		t.Fatalf("summary lists %d errors, want the email's and the roles': %q", len(links), links)
	}
	for _, l := range links {
		if l[1] == "email" && l[2] != "err.email_invalid" {
			t.Errorf("email listed with %s", l[2])
		}
	}
}
