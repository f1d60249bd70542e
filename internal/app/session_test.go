package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
)

// TestSessionTimeouts: a session ends after the idle timeout without
// requests, and after the absolute timeout despite requests.
func TestSessionTimeouts(t *testing.T) {
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.SessionIdle, c.SessionMax = time.Second, 3*time.Second })
	u := srv.CreateUser(t, "idle@example.org", auth.RoleEditor)
	c := srv.SignIn(t, u)
	time.Sleep(1500 * time.Millisecond)
	if srv.SignedIn(t, c) {
		t.Fatal("session survived the idle timeout")
	}
	srv.Login(t, c, u)
	deadline := time.Now().Add(3500 * time.Millisecond)
	for time.Now().Before(deadline) {
		time.Sleep(400 * time.Millisecond)
		if !srv.SignedIn(t, c) && time.Until(deadline) > time.Second {
			t.Fatal("active session ended before the absolute timeout")
		}
	}
	if srv.SignedIn(t, c) {
		t.Fatal("session outlived the absolute timeout")
	}
}

// TestNoInternalsInResponses: when the database is gone, readiness fails and
// errors say nothing about SQL or Go internals.
func TestNoInternalsInResponses(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	u := srv.CreateUser(t, "x@example.org", auth.RoleEditor)
	raw, _, err := srv.App.Auth.CreateTokenFor(t.Context(), auth.System("test"), u.Email, "x")
	if err != nil {
		t.Fatal(err)
	}
	srv.App.DB.Close()
	res := srv.Get(t, apptest.Client(), "/readyz")
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database closed: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+raw)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := apptest.ReadBody(t, res)
	if res.StatusCode != 500 || strings.Contains(body, "sql") || strings.Contains(body, "database") || strings.Contains(body, ".go") {
		t.Fatalf("internal error response: %d %s", res.StatusCode, body)
	}
	if res := srv.Get(t, apptest.Client(), "/healthz"); res.StatusCode != 200 {
		t.Fatalf("healthz: %d", res.StatusCode)
	}
}

// TestHousekeepingPurgesThrottle: the app's housekeeping deletes sign-in
// throttle rows whose window is over.
func TestHousekeepingPurgesThrottle(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	res := srv.Post(t, apptest.Client(), "/login", url.Values{"email": {"nobody@example.org"}, "password": {"wrong-password"}})
	res.Body.Close()
	count := func() (n int) {
		srv.App.DB.SQL().QueryRow(`SELECT COUNT(*) FROM login_throttle`).Scan(&n)
		return n
	}
	if count() != 2 {
		t.Fatalf("%d throttle rows after one failure, want 2 (account and address)", count())
	}
	srv.App.Housekeep(t.Context())
	if count() != 2 {
		t.Fatal("housekeeping purged a running window")
	}
	srv.Advance(auth.LockWindow + time.Second)
	srv.App.Housekeep(t.Context())
	if n := count(); n != 0 {
		t.Fatalf("%d throttle rows after the window", n)
	}
}
