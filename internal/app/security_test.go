package app_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/audit"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// TestCrossSitePostRefused: a form posted from another site is refused with
// 403 and changes nothing, while the same post from this site goes through.
func TestCrossSitePostRefused(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	u := srv.CreateUser(t, "victim@example.org", auth.RoleEditor)
	c := srv.SignIn(t, u)

	form := url.Values{"label": {"evil"}}
	for _, h := range []map[string]string{
		{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "cross-site"},
		{"Origin": "https://evil.example"},
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/account/tokens", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range h {
			req.Header.Set(k, v)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body := apptest.ReadBody(t, res)
		if res.StatusCode != http.StatusForbidden || !strings.Contains(body, `data-error="err.cross_origin"`) {
			t.Fatalf("cross-site post with %v: %d", h, res.StatusCode)
		}
	}
	// Sign-out is state-changing too.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/logout", nil)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, _ := c.Do(req)
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || !srv.SignedIn(t, c) {
		t.Fatalf("cross-site sign-out: %d, signed in %v", res.StatusCode, srv.SignedIn(t, c))
	}
	toks, _ := srv.App.Auth.ListTokens(t.Context(), &auth.Principal{UserID: u.ID})
	if len(toks) != 0 {
		t.Fatalf("cross-site post created %d tokens", len(toks))
	}
	res = srv.Post(t, c, "/account/tokens", form)
	if res.StatusCode != http.StatusOK || !strings.Contains(apptest.ReadBody(t, res), "tps_") {
		t.Fatalf("same-site post: %d", res.StatusCode)
	}
}

// TestLoginThrottledOverHTTP: ten wrong passwords lock the account; the
// eleventh attempt, even with the right password, gets 429 and a message.
func TestLoginThrottledOverHTTP(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	u := srv.CreateUser(t, "t@example.org", auth.RoleEditor)
	c := apptest.Client()
	for i := 0; i < auth.MaxFailures; i++ {
		res := srv.Post(t, c, "/login", url.Values{"email": {u.Email}, "password": {"not-the-password"}})
		body := apptest.ReadBody(t, res)
		if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `data-error="err.login_failed"`) {
			t.Fatalf("attempt %d: %d", i+1, res.StatusCode)
		}
	}
	res := srv.Post(t, c, "/login", url.Values{"email": {u.Email}, "password": {u.Password}})
	if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, `data-error="err.login_throttled"`) {
		t.Fatalf("locked account: %d", res.StatusCode)
	}
	srv.Advance(auth.LockWindow)
	srv.Login(t, c, u)
}

// TestFirstSignInEnrolsSecondFactor: an admin without TOTP is walked through
// enrolment at first sign-in, sees recovery codes once, and can then use one.
func TestFirstSignInEnrolsSecondFactor(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		_, err := srv.App.Auth.CreateUser(t.Context(), auth.System("test"), auth.UserInput{
			Email: "new-admin@example.org", Name: "New Admin", Roles: []auth.Role{auth.RoleAdmin}, Password: "lantern-harbour-orchid"})
		if err != nil {
			t.Fatal(err)
		}
		c := apptest.Client()
		res := srv.Post(t, c, "/login", url.Values{"email": {"new-admin@example.org"}, "password": {"lantern-harbour-orchid"}})
		res.Body.Close()
		if loc := res.Header.Get("Location"); loc != "/login/enrol" {
			t.Fatalf("after password: %s", loc)
		}
		if srv.SignedIn(t, c) {
			t.Fatal("signed in before the second factor")
		}
		if res := srv.Get(t, c, "/admin"); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("admin page before enrolment: %d", res.StatusCode)
		}
		page := apptest.ReadBody(t, srv.Get(t, c, "/login/enrol"))
		m := regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`).FindStringSubmatch(page)
		if m == nil {
			t.Fatal("enrolment page shows no secret")
		}
		u := apptest.User{Email: "new-admin@example.org", Password: "lantern-harbour-orchid", Secret: m[1]}
		res = srv.Post(t, c, "/login/enrol", url.Values{"code": {"123456"}})
		if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `data-error="err.totp_wrong"`) {
			t.Fatalf("wrong code: %d", res.StatusCode)
		}
		res = srv.Post(t, c, "/login/enrol", url.Values{"code": {srv.Code(u)}})
		body := apptest.ReadBody(t, res)
		codes := regexp.MustCompile(`<code>([a-z2-7]{5}-[a-z2-7]{5})</code>`).FindAllStringSubmatch(body, -1)
		if res.StatusCode != http.StatusOK || len(codes) != 10 {
			t.Fatalf("after enrolment: %d, %d recovery codes", res.StatusCode, len(codes))
		}
		if !srv.SignedIn(t, c) {
			t.Fatal("not signed in after enrolment")
		}
		if res := srv.Get(t, c, "/admin"); res.StatusCode != http.StatusOK {
			t.Fatalf("admin page after enrolment: %d", res.StatusCode)
		}
		srv.Tick()
		// Next sign-in with a recovery code.
		c2 := apptest.Client()
		res = srv.Post(t, c2, "/login", url.Values{"email": {u.Email}, "password": {u.Password}})
		res.Body.Close()
		res = srv.Post(t, c2, "/login/2fa", url.Values{"code": {codes[0][1]}})
		res.Body.Close()
		if !srv.SignedIn(t, c2) {
			t.Fatal("recovery code did not sign in")
		}
	})
}

// TestTwoServersShareSessions runs two tipsom servers on one PostgreSQL
// database: a session signed in on one is recognised on the other, and
// signing out on the second ends it on the first.
func TestTwoServersShareSessions(t *testing.T) {
	dbURL := dbtest.URL(t, db.Postgres)
	a := apptest.StartURL(t, dbURL)
	b := apptest.StartURL(t, dbURL)
	u := a.CreateUser(t, "shared@example.org", auth.RoleEditor)
	c := a.SignIn(t, u)
	// The jar keys cookies by host, and both servers are on 127.0.0.1, so
	// the session cookie goes to b as a browser's would behind one name.
	res := b.Get(t, c, "/api/v1/me")
	if body := apptest.ReadBody(t, res); res.StatusCode != http.StatusOK || !strings.Contains(body, u.Email) {
		t.Fatalf("server b does not recognise the session: %d", res.StatusCode)
	}
	res = b.Post(t, c, "/logout", nil)
	res.Body.Close()
	if a.SignedIn(t, c) {
		t.Fatal("signed out on b but still signed in on a")
	}
}

// TestSessionCookieFlags checks the cookie's protections, and that the
// session id changes when the second factor completes the sign-in.
func TestSessionCookieFlags(t *testing.T) {
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.BaseURL = "https://tipsom.example.org" })
	u := srv.CreateUser(t, "cookie@example.org", auth.RoleAnalyst)
	c := apptest.Client()
	session := func(res *http.Response) *http.Cookie {
		for _, ck := range res.Cookies() {
			if ck.Name == "tipsom_session" {
				return ck
			}
		}
		return nil
	}
	res := srv.Post(t, c, "/login", url.Values{"email": {u.Email}, "password": {u.Password}})
	res.Body.Close()
	pending := session(res)
	if pending == nil || !pending.HttpOnly || !pending.Secure || pending.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie = %+v", pending)
	}
	if hsts := res.Header.Get("Strict-Transport-Security"); hsts == "" {
		t.Fatal("no HSTS behind https")
	}
	// The jar will not send a Secure cookie over http; send it by hand.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/login/2fa", strings.NewReader(url.Values{"code": {srv.Code(u)}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.AddCookie(pending)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	signed := session(res)
	if signed == nil || signed.Value == pending.Value || res.Header.Get("Location") != "/home" {
		t.Fatalf("after the second factor: %d %s, cookie %+v (was %s)", res.StatusCode, res.Header.Get("Location"), signed, pending.Value)
	}
}

// TestLanguageSwitcherStaysOnSite: the switcher's ?next= goes back to a
// page of this site, never to one a browser reads as another host.
func TestLanguageSwitcherStaysOnSite(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	for next, want := range map[string]string{
		"/caselaw?q=x":                "/caselaw?q=x",
		"/%5Cevil.example/":           "/",
		"%2F%2Fevil.example":          "/",
		"/%09/evil.example":           "/",
		"https%3A%2F%2Fevil.example/": "/",
	} {
		res := srv.Get(t, apptest.Client(), "/lang/fr?next="+next)
		res.Body.Close()
		if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != want {
			t.Errorf("next=%s: %d Location %q, want %q", next, res.StatusCode, loc, want)
		}
	}
}

// TestSessionTokensStoredHashed: the sessions table holds the SHA-256 of
// the cookie's token, never the token, on both engines, and the session
// still works.
func TestSessionTokensStoredHashed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		u := srv.CreateUser(t, "hash@example.org", auth.RoleEditor)
		c := srv.SignIn(t, u)
		base, _ := url.Parse(srv.URL)
		var cookie string
		for _, ck := range c.Jar.Cookies(base) {
			if ck.Name == "tipsom_session" {
				cookie = ck.Value
			}
		}
		if cookie == "" {
			t.Fatal("no session cookie")
		}
		var clear, hashed int
		sum := sha256.Sum256([]byte(cookie))
		q := `SELECT COUNT(*) FROM sessions WHERE token = $1`
		if err := srv.App.DB.SQL().QueryRow(q, cookie).Scan(&clear); err != nil {
			t.Fatal(err)
		}
		if err := srv.App.DB.SQL().QueryRow(q, hex.EncodeToString(sum[:])).Scan(&hashed); err != nil {
			t.Fatal(err)
		}
		if clear != 0 || hashed != 1 {
			t.Fatalf("sessions rows: %d with the token as issued, %d with its hash; want 0 and 1", clear, hashed)
		}
		if !srv.SignedIn(t, c) {
			t.Fatal("session lost")
		}
		res := srv.Post(t, c, "/logout", nil)
		res.Body.Close()
		srv.App.DB.SQL().QueryRow(q, hex.EncodeToString(sum[:])).Scan(&hashed)
		if hashed != 0 {
			t.Fatal("signing out left the session row")
		}
	})
}

// TestSignInBurst: 150 sign-ins sent at once from one address are answered
// 401 or 429 (with Retry-After), and at most MaxFailures passwords are
// hashed — the rest are refused before any argon2id runs.
func TestSignInBurst(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	u := srv.CreateUser(t, "burst@example.org", auth.RoleEditor)
	before := srv.App.Auth.Hashes.Evaluated()
	var wg sync.WaitGroup
	codes := make([]int, 150)
	retry := make([]string, 150)
	for i := range codes {
		wg.Go(func() {
			form := url.Values{"email": {u.Email}, "password": {"guess-number-" + strconv.Itoa(i)}}
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			codes[i], retry[i] = res.StatusCode, res.Header.Get("Retry-After")
		})
	}
	wg.Wait()
	for i, c := range codes {
		switch {
		case c == http.StatusTooManyRequests && retry[i] == "":
			t.Errorf("sign-in %d: 429 without Retry-After", i)
		case c != http.StatusTooManyRequests && c != http.StatusUnauthorized:
			t.Errorf("sign-in %d: %d", i, c)
		}
	}
	if n := srv.App.Auth.Hashes.Evaluated() - before; n > auth.MaxFailures {
		t.Errorf("%d passwords hashed for 150 sign-ins from one address, want at most %d", n, auth.MaxFailures)
	}
}

// TestForwardedForNotForgeable: behind a trusted proxy, the client address
// is the right-most X-Forwarded-For entry that is not a trusted proxy, so a
// forged left entry changes nothing: failures from one client lock its
// address whatever it writes there, and the audit log shows the real one.
func TestForwardedForNotForgeable(t *testing.T) {
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.TrustProxy = true })
	u := srv.CreateUser(t, "xff@example.org", auth.RoleEditor)
	post := func(email, password, xff string) int {
		form := url.Values{"email": {email}, "password": {password}}
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/login", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("X-Forwarded-For", xff)
		res, err := apptest.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(u.Email, u.Password, "198.51.100.77, 203.0.113.9"); got != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", got)
	}
	entries, err := audit.List(t.Context(), srv.App.DB, audit.Filter{Action: "auth.login"})
	if err != nil || len(entries) == 0 || entries[0].ClientAddr != "203.0.113.9" {
		t.Fatalf("audited address: %+v %v, want 203.0.113.9", entries, err)
	}
	for i := 0; i < auth.MaxFailures; i++ {
		post("guess"+strconv.Itoa(i)+"@example.org", "wrong-password", "192.0.2."+strconv.Itoa(i)+", 203.0.113.9")
	}
	if got := post(u.Email, u.Password, "192.0.2.200, 203.0.113.9"); got != http.StatusTooManyRequests {
		t.Fatalf("after %d failures from one client with forged entries: %d, want 429 (its address locked)", auth.MaxFailures, got)
	}
	if got := post(u.Email, u.Password, "203.0.113.10"); got != http.StatusSeeOther {
		t.Fatalf("another client: %d", got)
	}
}

// TestBadTokenOnPageIsProblem: a bad token sent to a page (not /api/) gets
// 401 problem+json — the sender is a script — instead of a redirect to the
// sign-in page, which the script would follow with the same header, round
// and round.
func TestBadTokenOnPageIsProblem(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	for _, h := range []string{"Bearer tps_nonsense", "Bearer not-a-token", "Basic dXNlcjpwYXNz"} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/countries", nil)
		req.Header.Set("Authorization", h)
		res, err := apptest.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized || res.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s on a page: %d %s %s", h, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Location"))
		}
	}
}
