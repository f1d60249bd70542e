package e2e_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/notify/notifytest"
	"github.com/tipsom/tipsom/internal/web"
)

var mailedReset = regexp.MustCompile(`http://[^\s"]+(/login/reset\?token=[a-z0-9]+)`)

// waitMail waits for a mail to addr whose text matches re.
func waitMail(t *testing.T, mail *notifytest.Server, addr string, re *regexp.Regexp) notifytest.Message {
	t.Helper()
	end := time.Now().Add(20 * time.Second)
	for time.Now().Before(end) {
		for _, m := range mail.To(addr) {
			if re.MatchString(m.Text) {
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no mail to %s matching %s", addr, re)
	return notifytest.Message{}
}

// TestNoticesAndPasswordReset drives issue 13 in demo mode with a real
// SMTP server: the demo analyst opens a round; the demo focal point finds
// the task on /home and the notice in its inbox, and the French-speaking
// demo focal point gets the e-mail in French; a focal point who forgot
// their password resets it through the mailed link and is asked for the
// second factor it has.
func TestNoticesAndPasswordReset(t *testing.T) {
	execPath := findBrowser(t)
	axe := loadAxe(t)
	mail := notifytest.Start(t)
	srv := apptest.Start(t, db.SQLite, func(c *app.Config) { c.Demo = true; c.SMTPURL = mail.URL() })
	accounts, err := srv.App.LoadDemo(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var analyst, focal, admin apptest.User
	for _, a := range accounts {
		switch a.Email {
		case "admin@demo.example.org":
			admin = apptest.User{Email: a.Email, Password: a.Password, Secret: a.TOTPSecret}
		case "analyst@demo.example.org":
			analyst = apptest.User{Email: a.Email, Password: a.Password, Secret: a.TOTPSecret}
		case "focal-point@demo.example.org":
			focal = apptest.User{Email: a.Email, Password: a.Password}
		}
	}
	forgetful := srv.CreateUserWithTOTP(t, "forgetful-focal@e2e.example.org", auth.RoleFocalPoint)
	b := startBrowser(t, execPath, axe, srv.URL)
	roundName := "GLOTIP 2026 notices"
	var newRound string // the round's path, once opened
	deadline := time.Now().AddDate(0, 0, 6).Format(time.DateOnly)

	b.step(t, "analyst_opens_round", func(p *tab) {
		login(p, srv, analyst)
		p.open("/stats/collection")
		p.fill("#f-name", roundName)
		p.fill("#f-years", "2024")
		p.check("#f-ind-detected_victims")
		p.do("deadline", chromedp.SetValue(chromedp.CSS("#f-deadline"), deadline))
		p.click("#open-round")
		if newRound = p.path(); roundPath.FindStringSubmatch(newRound) == nil {
			p.fatalf("after opening the round the browser is on %s", p.path())
		}
		logout(p)
	})
	b.step(t, "focal_point_sees_task_and_notice", func(p *tab) {
		login(p, srv, focal)
		if !p.exists(`#tasks [data-task="round_open"]`) {
			p.fatalf("/home lists no task for the open round:\n%s", p.text("main"))
		}
		if task := p.text(`#tasks [data-task="round_open"] a`); !strings.Contains(task, roundName) {
			p.errorf("task %q does not name the round", task)
		}
		if !p.exists(`[data-task="round_open"] [data-due]`) {
			p.errorf("the task shows no deadline")
		}
		unread := eval[string](p, `document.querySelector("#notices-link [data-unread]")?.dataset.unread ?? ""`)
		p.click("#notices-link")
		// The demo's own round told the focal point too: the header counts
		// every unread notice, the newest (this round's) comes first.
		if n := eval[int](p, `document.querySelectorAll('#notices tr[data-read="false"]').length`); unread != strconv.Itoa(n) || n < 1 {
			p.errorf("header unread count %q, the inbox lists %d unread", unread, n)
		}
		first := `#notices tr[data-kind="round_opened"][data-read="false"]`
		if !p.exists(first) || !strings.Contains(p.text(first), roundName) {
			p.fatalf("the inbox's newest unread notice is not of the round %q", roundName)
		}
		id := eval[string](p, `document.querySelector('`+first+`').dataset.notice`)
		p.click(first + ` form button[type=submit]`)
		if !p.exists(`#notices tr[data-notice="` + id + `"][data-read="true"]`) {
			p.errorf("the notice is not marked read")
		}
		if after := eval[string](p, `document.querySelector("#notices-link [data-unread]")?.dataset.unread ?? "0"`); after == unread {
			p.errorf("the header still counts %s unread", after)
		}
		p.open("/account/notices")
		p.do("digest", chromedp.SetValue(chromedp.CSS("#f-mode-round_opened"), "digest"))
		p.click(`#prefs-form button[type=submit]`)
		if !p.exists(`[data-flash="flash.prefs_saved"]`) || eval[string](p, `document.querySelector("#f-mode-round_opened").value`) != "digest" {
			p.errorf("the preference was not saved")
		}
		logout(p)
	})
	b.step(t, "french_focal_point_gets_mail_in_french", func(p *tab) {
		m := waitMail(t, mail, app.DemoFrenchFocalPoint, regexp.MustCompile(regexp.QuoteMeta(newRound)+`\b`))
		fr, _ := web.LangByCode("fr")
		want := srv.App.UI.Catalog.For(fr).T("notify.mail.subject", "Title",
			srv.App.UI.Catalog.For(fr).T("notify.event.round_opened", "Round", roundName, "Deadline", deadline))
		if m.Header.Get("Content-Language") != "fr" || m.Subject() != want {
			p.errorf("mail to the French-speaking focal point: language %q, subject %q, want fr, %q",
				m.Header.Get("Content-Language"), m.Subject(), want)
		}
	})
	b.step(t, "focal_point_resets_password", func(p *tab) {
		p.open("/login")
		p.click("#forgot-password")
		p.fill("#f-email", forgetful.Email)
		p.click(`#forgot-form button[type=submit]`)
		if got := p.path(); got != "/login" || !p.exists(`[data-flash="flash.reset_sent"]`) {
			p.fatalf("after asking for a link the browser is on %s without the flash", got)
		}
		m := waitMail(t, mail, forgetful.Email, mailedReset)
		link := mailedReset.FindStringSubmatch(m.Text)[1]
		p.open(link)
		p.fill("#f-password", "a-fresh-passphrase-for-2026")
		p.click(`#reset-form button[type=submit]`)
		if got := p.path(); got != "/login/2fa" {
			p.fatalf("after the reset the browser is on %s, want the second factor (/login/2fa)", got)
		}
		p.fill("#f-code", srv.Code(forgetful))
		p.click(`form[action="/login/2fa"] button[type=submit]`)
		srv.Tick()
		if got := p.path(); got != "/home" {
			p.fatalf("after the second factor the browser is on %s, want /home", got)
		}
		logout(p)
	})
	b.step(t, "admin_reads_outbox", func(p *tab) {
		login(p, srv, admin)
		p.open("/admin")
		p.click(`a[href="/admin/outbox"]`)
		if !p.exists(`#outbox tr[data-kind="password_reset"][data-status="sent"]`) {
			p.fatalf("the outbox shows no sent reset mail")
		}
		p.click(`#outbox tr[data-kind="password_reset"] a`)
		if !mailedReset.MatchString(p.text("#mail-text")) {
			p.errorf("the administrator does not see the mail's text")
		}
	})
}
