package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tipsom/tipsom/internal/errs"
)

func testUI(t *testing.T) *UI {
	t.Helper()
	cat, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	assets, err := NewAssets(fstest.MapFS{
		"css/app.css":        {Data: []byte("body{}")},
		"js/app.js":          {Data: []byte("1")},
		"vendor/htmx.min.js": {Data: []byte("2")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ui, err := NewUI(Site{}, cat, assets, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return ui
}

func TestAssetsHashedAndImmutable(t *testing.T) {
	a, err := NewAssets(fstest.MapFS{"css/app.css": {Data: []byte("body{color:red}")}, ".hidden": {Data: []byte("x")}})
	if err != nil {
		t.Fatal(err)
	}
	u := a.URL("css/app.css")
	if !regexp.MustCompile(`^/assets/css/app\.[0-9a-f]{12}\.css$`).MatchString(u) {
		t.Fatalf("URL = %q", u)
	}
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
	if rec.Code != 200 || rec.Body.String() != "body{color:red}" || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("serve: %d %v", rec.Code, rec.Header())
	}
	for _, p := range []string{"/assets/css/app.css", "/assets/.hidden", "/assets/css/app.000000000000.css"} {
		rec = httptest.NewRecorder()
		a.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		if rec.Code != 404 {
			t.Errorf("%s: %d, want 404", p, rec.Code)
		}
	}
	b, _ := NewAssets(fstest.MapFS{"css/app.css": {Data: []byte("body{color:blue}")}})
	if b.URL("css/app.css") == u {
		t.Fatal("changed content kept its URL")
	}
}

func TestErrorRendering(t *testing.T) {
	ui := testUI(t)
	cases := []struct {
		name, path, accept string
		err                error
		status             int
		ctype, contains    string
	}{
		{"api invalid", "/api/v1/x", "", errs.Invalid().Field("email", "err.email_invalid"), 422, "application/problem+json", `"field": "email"`},
		{"api internal hides cause", "/api/v1/x", "", errs.Internal(io.ErrUnexpectedEOF), 500, "application/problem+json", "An unexpected error occurred"},
		{"html not found", "/nowhere", "text/html", errs.NotFound(), 404, "text/html", "Page not found"},
		{"html forbidden", "/admin", "text/html", errs.Forbidden(), 403, "text/html", "Your roles do not allow this"},
		{"html unauthorised redirects", "/account?x=1", "text/html", errs.Unauthorised(), 303, "", ""},
		{"json by accept", "/account", "application/json", errs.Unauthorised(), 401, "application/problem+json", "sign in"},
	}
	for _, c := range cases {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", c.path, nil)
		req.Header.Set("Accept", c.accept)
		ui.Error(rec, req, c.err)
		body := rec.Body.String()
		if rec.Code != c.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), c.ctype) || !strings.Contains(body, c.contains) {
			t.Errorf("%s: %d %q\n%s", c.name, rec.Code, rec.Header().Get("Content-Type"), body)
		}
		if strings.Contains(body, "unexpected EOF") {
			t.Errorf("%s: the cause leaked into the response", c.name)
		}
	}
	rec := httptest.NewRecorder()
	ui.Error(rec, httptest.NewRequest("GET", "/account?x=1", nil), errs.Unauthorised())
	if loc := rec.Header().Get("Location"); loc != "/login?next=%2Faccount%3Fx%3D1" {
		t.Fatalf("redirect to %q", loc)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := SecurityHeaders(true, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	csp := rec.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || rec.Header().Get("Strict-Transport-Security") == "" {
		t.Fatalf("headers = %v", rec.Header())
	}
}

func TestRouterBodyLimitAndGuard(t *testing.T) {
	ui := testUI(t)
	rt := NewRouter(ui, NewMetrics())
	open := guardFunc(func(*http.Request) error { return nil })
	closed := guardFunc(func(*http.Request) error { return errs.Forbidden() })
	rt.Handle("POST /api/v1/echo", open, func(w http.ResponseWriter, r *http.Request) error {
		var v map[string]any
		if err := DecodeJSON(r, &v); err != nil {
			return err
		}
		return WriteJSON(w, 200, v)
	}, BodyLimit(64))
	rt.Handle("GET /api/v1/secret", closed, func(w http.ResponseWriter, r *http.Request) error {
		t.Fatal("guard let the request through")
		return nil
	})
	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/echo", strings.NewReader(`{"a":"`+strings.Repeat("x", 100)+`"}`)))
	if rec.Code != 413 {
		t.Fatalf("oversized body: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/echo", strings.NewReader(`{"a":1}`)))
	if rec.Code != 200 {
		t.Fatalf("small body: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/secret", nil))
	if rec.Code != 403 {
		t.Fatalf("guarded route: %d", rec.Code)
	}
	if len(rt.Routes()) != 2 || rt.Routes()[0].MaxBody != 64 {
		t.Fatalf("routes = %+v", rt.Routes())
	}
}

type guardFunc func(*http.Request) error

func (g guardFunc) Check(r *http.Request) error { return g(r) }

func TestLanguageChoice(t *testing.T) {
	cat, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	var got string
	h := cat.WithLang(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = LangOf(r).Code }))
	cases := []struct{ accept, cookie, want string }{
		{"", "", "en"},
		{"fr-CH, fr;q=0.9, en;q=0.8", "", "fr"},
		{"ar-EG", "", "ar"},
		{"zh-Hant-TW", "", "zh"},
		{"de-DE", "", "en"},
		{"fr", "ru", "ru"},
		{"fr", "xx", "fr"},
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Accept-Language", c.accept)
		if c.cookie != "" {
			req.AddCookie(&http.Cookie{Name: LangCookie, Value: c.cookie})
		}
		h.ServeHTTP(httptest.NewRecorder(), req)
		if got != c.want {
			t.Errorf("Accept-Language %q cookie %q: %s, want %s", c.accept, c.cookie, got, c.want)
		}
	}
}

// TestShowReadAnswersTheReadError: a failed read is the handler's error,
// and nothing of the page is written.
func TestShowReadAnswersTheReadError(t *testing.T) {
	ui := testUI(t)
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/things/1", nil)
	denied := errs.Forbidden()
	if err := ui.ShowRead(w, r, "no/such-page", "title", nil, denied); err != denied {
		t.Fatalf("ShowRead returned %v, want the read's error", err)
	}
	if w.Body.Len() != 0 || len(w.Header()) != 0 {
		t.Fatalf("wrote %d bytes and headers %v before the error", w.Body.Len(), w.Header())
	}
	if err := ui.ShowRead(w, r, "no/such-page", "title", nil, nil); err == nil {
		t.Fatal("an unknown page was shown")
	}
}
