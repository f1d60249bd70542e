// Package apptest starts the whole tipsom application for tests: a real
// server on a free localhost port, on a fresh database of either engine,
// and helpers to make users and sign them in.
package apptest

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// Server is a running application.
type Server struct {
	App *app.App
	URL string // http://127.0.0.1:PORT
	// clock is the auth service's time (unix nanoseconds); tests advance it
	// to reach a new TOTP step or the end of a lock.
	clock atomic.Int64
}

// Now is the auth service's current time.
func (s *Server) Now() time.Time { return time.Unix(0, s.clock.Load()) }

// Advance moves the auth clock on by d.
func (s *Server) Advance(d time.Duration) { s.clock.Add(int64(d)) }

// Option adjusts the configuration before start.
type Option func(*app.Config)

// Start runs the app on a fresh database of dialect e until the test ends.
func Start(t testing.TB, e db.Dialect, opts ...Option) *Server {
	t.Helper()
	return StartURL(t, dbtest.URL(t, e), opts...)
}

// Each starts the app on a fresh database of every available engine
// (dbtest.Each: a subtest per engine, in parallel) and calls fn with it.
func Each(t *testing.T, fn func(t *testing.T, srv *Server), opts ...Option) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, e db.Dialect) { fn(t, Start(t, e, opts...)) })
}

// StartURL runs the app on the database at dbURL (two servers may share one).
func StartURL(t testing.TB, dbURL string, opts ...Option) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.Defaults()
	cfg.DB = dbURL
	cfg.Addr = ln.Addr().String()
	cfg.LogOutput = io.Discard
	for _, o := range opts {
		o(&cfg)
	}
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.New(ctx, cfg)
	if err != nil {
		cancel()
		t.Fatalf("start app: %v", err)
	}
	s := &Server{App: a, URL: "http://" + ln.Addr().String()}
	s.clock.Store(time.Now().UnixNano())
	a.Auth.Now = s.Now
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
		a.Close()
	})
	return s
}

// User is a test account with its credentials.
type User struct {
	ID       int64
	Email    string
	Password string
	Secret   string // TOTP secret, for roles that need one
}

// CreateUser makes an account holding roles (scoped to ISL or a test
// organisation as the roles require) and, when a role needs it, a TOTP
// second factor.
func (s *Server) CreateUser(t testing.TB, email string, roles ...auth.Role) User {
	t.Helper()
	return s.createUser(t, email, "", "", false, roles)
}

// CreateUserWithTOTP is CreateUser with a TOTP second factor whatever the roles.
func (s *Server) CreateUserWithTOTP(t testing.TB, email string, roles ...auth.Role) User {
	t.Helper()
	return s.createUser(t, email, "", "", true, roles)
}

// CreateUserIn is CreateUserWithTOTP with the scope given: country for the
// roles scoped to one (ISL when empty), org — an organisation's short
// name, created when missing — for those scoped to an organisation
// (TEST-ORG when empty). Tests of object-level scope make one user of
// each country or organisation with it.
func (s *Server) CreateUserIn(t testing.TB, email, country, org string, roles ...auth.Role) User {
	t.Helper()
	return s.createUser(t, email, country, org, true, roles)
}

func (s *Server) createUser(t testing.TB, email, country, org string, totp bool, roles []auth.Role) User {
	t.Helper()
	ctx := context.Background()
	by := auth.System("test")
	in := auth.UserInput{Email: email, Name: "Test " + strings.Split(email, "@")[0], Roles: roles, Password: "correct-horse-battery-" + "staple"}
	if country == "" {
		country = "ISL"
	}
	if org == "" {
		org = "TEST-ORG"
	}
	for _, r := range roles {
		if r.NeedsCountry() {
			in.Country = country
		}
		if r.NeedsOrg() {
			o, err := s.App.Auth.EnsureOrg(ctx, by, org)
			if err != nil {
				t.Fatal(err)
			}
			in.OrgID = o.ID
		}
	}
	u, err := s.App.Auth.CreateUser(ctx, by, in)
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	out := User{ID: u.ID, Email: u.Email, Password: in.Password}
	if totp || u.NeedsSecondFactor() {
		e, err := auth.NewEnrolment(u.Email)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := auth.TOTPCode(e.Secret, s.Now())
		if _, err := s.App.Auth.ConfirmEnrolment(ctx, u.ID, e.Secret, code); err != nil {
			t.Fatalf("enrol %s: %v", email, err)
		}
		out.Secret = e.Secret
		s.Tick() // that code's step is now used
	}
	return out
}

// Tick moves the auth clock on by one TOTP step.
func (s *Server) Tick() { s.Advance(30 * time.Second) }

// Code returns the TOTP code of u at the auth clock's time.
func (s *Server) Code(u User) string {
	c, _ := auth.TOTPCode(u.Secret, s.Now())
	return c
}

// Client returns an HTTP client with a cookie jar that does not follow
// redirects, so tests see each response as it is.
func Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout: 30 * time.Second}
}

// Post submits a form as a browser on this site would (same-origin).
func (s *Server) Post(t testing.TB, c *http.Client, path string, form url.Values) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.SameOrigin(t, c, req)
}

// SameOrigin sends req as a page of this site would send it.
func (s *Server) SameOrigin(t testing.TB, c *http.Client, req *http.Request) *http.Response {
	t.Helper()
	req.Header.Set("Origin", s.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// API calls the JSON API as a script would: with token as its bearer
// credential when not empty, and body as JSON when not empty.
func (s *Server) API(t testing.TB, method, path, token, body string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// APIText is API's status and body.
func (s *Server) APIText(t testing.TB, method, path, token, body string) (int, string) {
	t.Helper()
	res := s.API(t, method, path, token, body)
	return res.StatusCode, ReadBody(t, res)
}

// PostFile submits a multipart form as a browser on this site would: its
// fields, then, when name is not empty, data as the file field "file".
func (s *Server) PostFile(t testing.TB, c *http.Client, path string, fields url.Values, name string, data []byte) *http.Response {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if name != "" {
		w, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+path, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.SameOrigin(t, c, req)
}

// Get fetches path.
func (s *Server) Get(t testing.TB, c *http.Client, path string) *http.Response {
	t.Helper()
	res, err := c.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// SignIn returns a new client signed in as u.
func (s *Server) SignIn(t testing.TB, u User) *http.Client {
	t.Helper()
	c := Client()
	s.Login(t, c, u)
	return c
}

// Login signs u in on c — password, then the TOTP code if u has one — and
// fails the test unless the session ends up signed in.
func (s *Server) Login(t testing.TB, c *http.Client, u User) {
	t.Helper()
	res := s.Post(t, c, "/login", url.Values{"email": {u.Email}, "password": {u.Password}})
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: status %d", u.Email, res.StatusCode)
	}
	if loc := res.Header.Get("Location"); loc == "/login/2fa" {
		res = s.Post(t, c, "/login/2fa", url.Values{"code": {s.Code(u)}})
		res.Body.Close()
		s.Tick()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") == "/login/2fa" {
			t.Fatalf("second factor for %s: status %d", u.Email, res.StatusCode)
		}
	}
	if !s.SignedIn(t, c) {
		t.Fatalf("login %s: session not signed in", u.Email)
	}
}

// SignedIn reports whether c's session is signed in.
func (s *Server) SignedIn(t testing.TB, c *http.Client) bool {
	t.Helper()
	res := s.Get(t, c, "/api/v1/me")
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}

// ReadBody returns the body of res and closes it.
func ReadBody(t testing.TB, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
