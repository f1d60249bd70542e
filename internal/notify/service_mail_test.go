package notify_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/web"
)

func roundOpened(round string) notify.Event {
	return notify.Event{Kind: notify.KindRoundOpened, Key: "notify.event.round_opened", Object: "stat_round:1",
		URL: "/stats/collection/rounds/1", Params: map[string]string{"Round": round, "Deadline": "2026-06-30"},
		To: notify.Audience{Roles: []auth.Role{auth.RoleFocalPoint}}}
}

// TestNoticeMailInRecipientLanguage: an event reaches every focal point by
// a real SMTP server, each in their own language, linking to the object.
func TestNoticeMailInRecipientLanguage(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		en := f.user(t, "fp-en@example.org", auth.RoleFocalPoint)
		fr := f.user(t, "fp-fr@example.org", auth.RoleFocalPoint)
		f.user(t, "editor@example.org", auth.RoleEditor)
		if err := f.svc.SetPreferences(ctx, principal(fr), notify.Preferences{Settings: notify.Settings{Lang: "fr", TimeZone: "Europe/Paris"}}); err != nil {
			t.Fatal(err)
		}
		f.svc.Emit(ctx, roundOpened("GLOTIP 2026"))
		n, err := f.worker(t, "w1").RunOnce(ctx)
		if err != nil || n != 2 {
			t.Fatalf("RunOnce = %d, %v; want 2 sent", n, err)
		}
		cat, _ := web.NewCatalog(notify.Locales)
		for _, c := range []struct {
			u    *auth.User
			lang string
		}{{en, "en"}, {fr, "fr"}} {
			got := f.smtp.To(c.u.Email)
			if len(got) != 1 {
				t.Fatalf("%s got %d mails, want 1", c.u.Email, len(got))
			}
			m := got[0]
			l, _ := web.LangByCode(c.lang)
			title := cat.For(l).T("notify.event.round_opened", "Round", "GLOTIP 2026", "Deadline", "2026-06-30")
			if want := cat.For(l).T("notify.mail.subject", "Title", title); m.Subject() != want {
				t.Errorf("%s subject %q, want %q", c.u.Email, m.Subject(), want)
			}
			if m.Header.Get("Content-Language") != c.lang {
				t.Errorf("%s Content-Language %q, want %s", c.u.Email, m.Header.Get("Content-Language"), c.lang)
			}
			link := "https://tipsom.example.org/stats/collection/rounds/1"
			if !strings.Contains(m.Text, link) || !strings.Contains(m.HTML, `href="`+link+`"`) {
				t.Errorf("%s: the text and HTML parts do not both link to %s:\n%s\n%s", c.u.Email, link, m.Text, m.HTML)
			}
			if m.Header.Get("List-Unsubscribe") != "" {
				t.Errorf("%s: a single notice carries List-Unsubscribe", c.u.Email)
			}
		}
		if got := f.smtp.To("editor@example.org"); len(got) != 0 {
			t.Errorf("the editor got %d mails about a round", len(got))
		}
		if fr.Email == "" || len(f.smtp.Messages()) != 2 {
			t.Errorf("server took %d messages, want 2", len(f.smtp.Messages()))
		}
	})
}

// TestOutboxSurvivesServerDown: the SMTP server stops, mail is queued and
// tried (and fails), the server comes back, and each message is delivered
// exactly once.
func TestOutboxSurvivesServerDown(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		for _, e := range []string{"a@example.org", "b@example.org", "c@example.org"} {
			f.user(t, e, auth.RoleFocalPoint)
		}
		w := f.worker(t, "w1")
		f.smtp.Stop()
		f.svc.Emit(ctx, roundOpened("Round one"))
		f.svc.Emit(ctx, roundOpened("Round two"))
		if n, err := w.RunOnce(ctx); err != nil || n != 0 {
			t.Fatalf("with the server down RunOnce = %d, %v; want 0 sent", n, err)
		}
		v, err := f.svc.Outbox(ctx, auth.System("test"), "")
		if err != nil {
			t.Fatal(err)
		}
		if v.Counts[notify.MailQueued] != 6 {
			t.Fatalf("counts %v, want 6 queued", v.Counts)
		}
		for _, m := range v.Mails {
			if m.Attempts != 1 || !m.NextAttempt.After(f.now()) || m.LastError == "" {
				t.Errorf("mail %d: attempts %d, next %v, error %q: want one failed attempt and a later retry", m.ID, m.Attempts, m.NextAttempt, m.LastError)
			}
		}
		// Not due yet: nothing is tried again before the backoff.
		f.smtp.Restart()
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Fatalf("retried %d mails before their backoff", n)
		}
		f.advance(notify.Backoff(1))
		if n, err := w.RunOnce(ctx); err != nil || n != 6 {
			t.Fatalf("after restart RunOnce = %d, %v; want 6", n, err)
		}
		if n, _ := w.RunOnce(ctx); n != 0 {
			t.Fatalf("a second run sent %d more", n)
		}
		deliveredOnce(t, f, 6)
	})
}

// TestClaimIsAtomic: several workers on one database deliver every mail
// exactly once.
func TestClaimIsAtomic(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		for _, e := range []string{"a@example.org", "b@example.org", "c@example.org", "d@example.org"} {
			f.user(t, e, auth.RoleFocalPoint)
		}
		for _, r := range []string{"one", "two", "three", "four", "five"} {
			f.svc.Emit(ctx, roundOpened(r))
		}
		var wg sync.WaitGroup
		for _, name := range []string{"w1", "w2", "w3", "w4"} {
			w := f.worker(t, name)
			wg.Go(func() {
				if _, err := w.RunOnce(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		deliveredOnce(t, f, 20)
	})
}

// deliveredOnce checks that the fixture's SMTP server took want distinct
// messages, each exactly once.
func deliveredOnce(t *testing.T, f *fixture, want int) {
	t.Helper()
	ids := map[string]int{}
	for _, m := range f.smtp.Messages() {
		ids[m.Header.Get("Message-Id")]++
	}
	if len(ids) != want {
		t.Errorf("%d distinct messages delivered, want %d", len(ids), want)
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("message %s delivered %d times", id, n)
		}
	}
}

// TestParseSMTPURL: STARTTLS is required except on loopback.
func TestParseSMTPURL(t *testing.T) {
	for _, c := range []struct {
		url        string
		port       int
		plain, tls bool
		bad        bool
	}{
		{url: "smtp://user:pass@mail.example.org:587", port: 587},
		{url: "smtp://mail.example.org", port: 587},
		{url: "smtps://mail.example.org", port: 465, tls: true},
		{url: "smtp://127.0.0.1:1025", port: 1025, plain: true},
		{url: "smtp://localhost:25", port: 25, plain: true},
		{url: "smtp://[::1]:25", port: 25, plain: true},
		{url: "http://mail.example.org", bad: true},
		{url: "smtp://:25", bad: true},
	} {
		got, err := notify.ParseSMTPURL(c.url)
		if (err != nil) != c.bad {
			t.Errorf("%s: err %v", c.url, err)
			continue
		}
		if !c.bad && (got.Port != c.port || got.AllowPlain != c.plain || got.ImplicitTLS != c.tls) {
			t.Errorf("%s: %+v", c.url, got)
		}
	}
}
