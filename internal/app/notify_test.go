package app_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/notify/notifytest"
	"github.com/tipsom/tipsom/internal/web"
)

// eachWithMail runs fn on every engine with the app delivering mail to an
// in-process SMTP server of its own.
func eachWithMail(t *testing.T, fn func(t *testing.T, srv *apptest.Server, mail *notifytest.Server)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, e db.Dialect) {
		mail := notifytest.Start(t)
		fn(t, apptest.Start(t, e, func(c *app.Config) { c.SMTPURL = mail.URL(); c.MailFrom = "tipsom <no-reply@example.org>" }), mail)
	})
}

var resetLink = regexp.MustCompile(`http://[^\s"]+/login/reset\?token=[a-z0-9]+`)

// mailsTo waits for n mails to addr whose text matches re, and returns them.
func mailsTo(t *testing.T, mail *notifytest.Server, addr string, re *regexp.Regexp, n int) []notifytest.Message {
	t.Helper()
	end := time.Now().Add(10 * time.Second)
	for {
		var got []notifytest.Message
		for _, m := range mail.To(addr) {
			if re.MatchString(m.Text) {
				got = append(got, m)
			}
		}
		if len(got) >= n || time.Now().After(end) {
			if len(got) < n {
				t.Fatalf("%d mails to %s, want %d", len(got), addr, n)
			}
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// outboxOf counts the outbox's mails of kind to addr.
func outboxOf(t *testing.T, srv *apptest.Server, addr, kind string) int {
	t.Helper()
	v, err := srv.App.Rooms.Notify.Outbox(t.Context(), auth.System("test"), "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range v.Mails {
		if m.To == addr && m.Kind == kind {
			n++
		}
	}
	return n
}

// TestPasswordResetByMail: a focal point with a second factor asks for a
// reset link, receives it by SMTP, uses it once; every session and token
// ends, the second factor is still asked, and the link never works again.
// An unknown address gets the same answer and no mail.
func TestPasswordResetByMail(t *testing.T) {
	eachWithMail(t, func(t *testing.T, srv *apptest.Server, mail *notifytest.Server) {
		fp := srv.CreateUserWithTOTP(t, "fp@reset.example.org", auth.RoleFocalPoint)
		other := srv.SignIn(t, fp)
		token := issue(t, srv, fp.Email, auth.TokenInput{})

		c := apptest.Client()
		known := srv.Post(t, c, "/login/forgot", url.Values{"email": {fp.Email}})
		known.Body.Close()
		unknown := srv.Post(t, c, "/login/forgot", url.Values{"email": {"nobody@reset.example.org"}})
		unknown.Body.Close()
		if known.StatusCode != http.StatusSeeOther || known.StatusCode != unknown.StatusCode ||
			known.Header.Get("Location") != unknown.Header.Get("Location") {
			t.Fatalf("known address %d %s, unknown %d %s: want the same answer", known.StatusCode, known.Header.Get("Location"),
				unknown.StatusCode, unknown.Header.Get("Location"))
		}
		m := mailsTo(t, mail, fp.Email, resetLink, 1)[0]
		if m.Header.Get("Content-Language") != "en" || !strings.Contains(m.Subject(), "password") {
			t.Errorf("reset mail: language %q, subject %q", m.Header.Get("Content-Language"), m.Subject())
		}
		link := resetLink.FindString(m.Text)
		if link == "" || !strings.HasPrefix(link, srv.URL) || !strings.Contains(m.HTML, link) {
			t.Fatalf("no reset link of this site in both parts:\n%s", m.Text)
		}
		path := strings.TrimPrefix(link, srv.URL)
		if res := srv.Get(t, c, path); res.StatusCode != http.StatusOK || !strings.Contains(apptest.ReadBody(t, res), `id="reset-form"`) {
			t.Fatalf("GET the link: %d, no reset form", res.StatusCode)
		}
		tok := strings.TrimPrefix(path, "/login/reset?token=")
		newPW := "a-brand-new-passphrase-2026"
		res := srv.Post(t, c, "/login/reset", url.Values{"token": {tok}, "password": {newPW}})
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login/2fa" {
			t.Fatalf("reset: %d %s, want the second factor asked", res.StatusCode, res.Header.Get("Location"))
		}
		if srv.SignedIn(t, other) {
			t.Error("the other session is still signed in after the reset")
		}
		if code := call(t, srv, credential{name: "token", token: token}, http.MethodGet, "/api/v1/me"); code != http.StatusUnauthorized {
			t.Errorf("the API token answers %d after the reset, want 401", code)
		}
		res = srv.Post(t, c, "/login/2fa", url.Values{"code": {srv.Code(fp)}})
		res.Body.Close()
		srv.Tick()
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/home" || !srv.SignedIn(t, c) {
			t.Fatalf("second factor after reset: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// The link is spent.
		again := srv.Post(t, apptest.Client(), "/login/reset", url.Values{"token": {tok}, "password": {"yet-another-passphrase-2026"}})
		if body := apptest.ReadBody(t, again); again.StatusCode < 400 || !strings.Contains(body, `data-error="err.reset_link_invalid"`) {
			t.Errorf("a spent link: %d", again.StatusCode)
		}
		fp.Password = newPW
		srv.Login(t, apptest.Client(), fp)
		if n := outboxOf(t, srv, "nobody@reset.example.org", "password_reset"); n != 0 {
			t.Errorf("%d mails to an unknown address", n)
		}

		// A new link expires after 30 minutes.
		res = srv.Post(t, c, "/login/forgot", url.Values{"email": {fp.Email}})
		res.Body.Close()
		var link2 string
		for _, m := range mailsTo(t, mail, fp.Email, resetLink, 2) {
			if l := resetLink.FindString(m.Text); l != "" && l != link {
				link2 = l
			}
		}
		srv.Advance(31 * time.Minute)
		if res := srv.Get(t, c, strings.TrimPrefix(link2, srv.URL)); res.StatusCode != http.StatusNotFound {
			t.Errorf("a link 31 minutes old: %d, want 404", res.StatusCode)
		}
		// Rate limit: three requests an hour per address, whatever else.
		for range 3 {
			res := srv.Post(t, c, "/login/forgot", url.Values{"email": {fp.Email}})
			res.Body.Close()
			if res.StatusCode != known.StatusCode {
				t.Errorf("a limited request answers %d, want the same %d", res.StatusCode, known.StatusCode)
			}
		}
		if n := outboxOf(t, srv, fp.Email, "password_reset"); n != 3 {
			t.Errorf("%d reset mails queued within the hour, want 3 (the limit)", n)
		}
		if n := outboxOf(t, srv, fp.Email, string(notify.KindSecurity)); n < 1 {
			t.Errorf("no security notice mailed for the password change")
		}
	})
}

// TestMyTasksAndNoticesNeedASession: the two API routes answer 401 without
// a session or token.
func TestMyTasksAndNoticesNeedASession(t *testing.T) {
	srv := apptest.Start(t, db.SQLite)
	for _, p := range []string{"/api/v1/me/tasks", "/api/v1/me/notices?unread=true"} {
		if code := call(t, srv, credential{name: "anonymous", client: apptest.Client()}, http.MethodGet, p); code != http.StatusUnauthorized {
			t.Errorf("GET %s anonymous: %d, want 401", p, code)
		}
	}
}

// TestRoundOpenedReachesFocalPoints: an analyst opens a round; each focal
// point has the task on /home and in the API, the notice in its list and
// the header, and the mail in its language (the French-speaking one in
// French); nobody marks another person's notice read.
func TestRoundOpenedReachesFocalPoints(t *testing.T) {
	eachWithMail(t, func(t *testing.T, srv *apptest.Server, mail *notifytest.Server) {
		analyst := srv.CreateUser(t, "analyst@round.example.org", auth.RoleAnalyst)
		fp := srv.CreateUser(t, "fp@round.example.org", auth.RoleFocalPoint)
		fr := srv.CreateUser(t, "fp-fr@round.example.org", auth.RoleFocalPoint)
		ca, cfp, cfr := apptest.Client(), apptest.Client(), apptest.Client()
		srv.Login(t, ca, analyst)
		srv.Login(t, cfp, fp)
		srv.Login(t, cfr, fr)
		res := srv.Post(t, cfr, "/account/notices", url.Values{"lang": {"fr"}, "time_zone": {"Europe/Paris"}, "mode_round_opened": {"immediate"}})
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save preferences: %d", res.StatusCode)
		}
		deadline := time.Now().AddDate(0, 0, 20).Format(time.DateOnly)
		res = srv.Post(t, ca, "/stats/collection/rounds", url.Values{"name": {"GLOTIP notify"}, "years": {"2024"},
			"indicators": {"detected_victims"}, "deadline": {deadline}})
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("open round: %d", res.StatusCode)
		}

		home := apptest.ReadBody(t, srv.Get(t, cfp, "/home"))
		if !strings.Contains(home, `data-task="round_open"`) || !strings.Contains(home, `data-unread="1"`) {
			t.Errorf("/home of the focal point lacks the round's task or the unread count:\n%.3000s", home)
		}
		var tasks struct {
			Tasks []struct {
				Kind, Title, URL string
				Due              *time.Time
			} `json:"tasks"`
		}
		decodeJSON(t, srv.Get(t, cfp, "/api/v1/me/tasks"), &tasks)
		if len(tasks.Tasks) != 1 || tasks.Tasks[0].Kind != "round_open" || tasks.Tasks[0].Due == nil ||
			!strings.HasPrefix(tasks.Tasks[0].URL, "/stats/collection/rounds/") || !strings.Contains(tasks.Tasks[0].Title, "GLOTIP notify") {
			t.Errorf("tasks = %+v", tasks)
		}
		type notices struct {
			Notices []struct {
				ID               int64
				Kind, Title, URL string
				Created          time.Time
				Read             *time.Time
			} `json:"notices"`
			Unread int `json:"unread"`
		}
		var ns notices
		decodeJSON(t, srv.Get(t, cfp, "/api/v1/me/notices?unread=true"), &ns)
		if ns.Unread != 1 || len(ns.Notices) != 1 || ns.Notices[0].Kind != "round_opened" || ns.Notices[0].Read != nil {
			t.Fatalf("notices = %+v", ns)
		}
		id := ns.Notices[0].ID
		// Another focal point cannot mark it read, by the page or the API.
		if code, _ := send(t, srv, cfr, http.MethodPost, fmt.Sprintf("/notices/%d/read", id), "", nil); code != http.StatusNotFound {
			t.Errorf("another person's notice marked read: %d, want 404", code)
		}
		if code, _ := send(t, srv, cfr, http.MethodPost, fmt.Sprintf("/api/v1/me/notices/%d/read", id), "application/json", strings.NewReader("{}")); code != http.StatusNotFound {
			t.Errorf("another person's notice marked read by the API: %d, want 404", code)
		}
		if code, _ := send(t, srv, cfp, http.MethodPost, fmt.Sprintf("/api/v1/me/notices/%d/read", id), "application/json", strings.NewReader("{}")); code != http.StatusNoContent {
			t.Errorf("mark own notice read: %d", code)
		}
		decodeJSON(t, srv.Get(t, cfp, "/api/v1/me/notices?unread=true"), &ns)
		if ns.Unread != 0 || len(ns.Notices) != 0 {
			t.Errorf("after marking read: %+v", ns)
		}

		round := regexp.MustCompile(`/stats/collection/rounds/\d+`)
		en := mailsTo(t, mail, fp.Email, round, 1)[0]
		fm := mailsTo(t, mail, fr.Email, round, 1)[0]
		if en.Header.Get("Content-Language") != "en" || fm.Header.Get("Content-Language") != "fr" {
			t.Errorf("languages: %q and %q, want en and fr", en.Header.Get("Content-Language"), fm.Header.Get("Content-Language"))
		}
		frTitle := srv.App.UI.Catalog.For(mustLang(t, "fr")).T("notify.event.round_opened", "Round", "GLOTIP notify", "Deadline", deadline)
		if !strings.Contains(fm.Subject(), frTitle) || en.Subject() == fm.Subject() {
			t.Errorf("French subject %q, want it to hold %q", fm.Subject(), frTitle)
		}
		link := round.FindString(fm.Text)
		if res := srv.Get(t, cfr, link); res.StatusCode != http.StatusOK {
			t.Errorf("the mailed link %s: %d", link, res.StatusCode)
		}
		if got := mail.To(analyst.Email); len(got) != 0 {
			t.Errorf("the analyst got %d mails", len(got))
		}
	})
}

func mustLang(t *testing.T, code string) web.Lang {
	t.Helper()
	l, ok := web.LangByCode(code)
	if !ok {
		t.Fatal(code)
	}
	return l
}

// TestOutboxWithoutSMTP: without a mail server, mail stays queued in the
// outbox, where an administrator (only) reads it — a reset link included.
func TestOutboxWithoutSMTP(t *testing.T) {
	apptest.Each(t, func(t *testing.T, srv *apptest.Server) {
		admin := srv.CreateUser(t, "admin@outbox.example.org", auth.RoleAdmin)
		fp := srv.CreateUser(t, "fp@outbox.example.org", auth.RoleFocalPoint)
		ca, cf := apptest.Client(), apptest.Client()
		srv.Login(t, ca, admin)
		srv.Login(t, cf, fp)
		res := srv.Post(t, apptest.Client(), "/login/forgot", url.Values{"email": {fp.Email}})
		res.Body.Close()
		page := apptest.ReadBody(t, srv.Get(t, ca, "/admin/outbox?status=queued"))
		m := regexp.MustCompile(`<tr data-mail="(\d+)" data-status="queued" data-kind="password_reset">`).FindStringSubmatch(page)
		if m == nil || !strings.Contains(page, `data-smtp="false"`) {
			t.Fatalf("the outbox lists no queued reset mail:\n%.2000s", page)
		}
		body := apptest.ReadBody(t, srv.Get(t, ca, "/admin/outbox/"+m[1]))
		if !resetLink.MatchString(body) {
			t.Errorf("the administrator cannot read the reset link")
		}
		if res := srv.Get(t, cf, "/admin/outbox/"+m[1]); res.StatusCode != http.StatusForbidden {
			t.Errorf("a focal point reads the outbox: %d", res.StatusCode)
		}
	})
}
