package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/notify"
)

// TestPreferences: off keeps a kind away, the digest gathers a day's
// notices into one mail with List-Unsubscribe, and security notices
// cannot be turned off.
func TestPreferences(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		u := f.user(t, "fp@example.org", auth.RoleFocalPoint)
		p := principal(u)
		err := f.svc.SetPreferences(ctx, p, notify.Preferences{Settings: notify.Settings{Lang: "es", TimeZone: "America/Bogota"},
			Modes: map[notify.Kind]notify.Mode{notify.KindRoundOpened: notify.ModeDigest, notify.KindSubmissionReturned: notify.ModeOff,
				notify.KindSecurity: notify.ModeOff}})
		if err != nil {
			t.Fatal(err)
		}
		f.svc.Emit(ctx, roundOpened("one"))
		f.svc.Emit(ctx, roundOpened("two"))
		f.svc.Emit(ctx, notify.Event{Kind: notify.KindSubmissionReturned, Key: "notify.event.submission_returned", URL: "/x",
			Params: map[string]string{"Round": "one"}, To: notify.Audience{Users: []int64{u.ID}}})
		f.svc.Security(ctx, u.ID, "password_changed")
		ns, unread, err := f.svc.Notices(ctx, p, false)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[notify.Kind]int{}
		for _, n := range ns {
			kinds[n.Kind]++
		}
		if unread != 3 || kinds[notify.KindRoundOpened] != 2 || kinds[notify.KindSecurity] != 1 || kinds[notify.KindSubmissionReturned] != 0 {
			t.Fatalf("notices %v (%d unread): want 2 rounds (digest), 1 security, none returned (off)", kinds, unread)
		}
		w := f.worker(t, "w")
		if n, _ := w.RunOnce(ctx); n != 1 {
			t.Fatalf("sent %d, want only the security notice at once", n)
		}
		if n, err := f.svc.Digests(ctx); err != nil || n != 1 {
			t.Fatalf("Digests = %d, %v", n, err)
		}
		if n, _ := f.svc.Digests(ctx); n != 0 {
			t.Fatalf("a second digest the same day: %d", n)
		}
		if n, _ := w.RunOnce(ctx); n != 1 {
			t.Fatalf("sent %d digests", n)
		}
		msgs := f.smtp.To(u.Email)
		if len(msgs) != 2 {
			t.Fatalf("%d mails, want the security notice and one digest", len(msgs))
		}
		dg := msgs[1]
		if dg.Header.Get("List-Unsubscribe") != "<https://tipsom.example.org/account/notices>" || dg.Header.Get("Content-Language") != "es" {
			t.Errorf("digest headers: List-Unsubscribe %q, language %q", dg.Header.Get("List-Unsubscribe"), dg.Header.Get("Content-Language"))
		}
		if strings.Count(dg.Text, "https://tipsom.example.org/stats/collection/rounds/1") != 2 {
			t.Errorf("the digest does not list both notices:\n%s", dg.Text)
		}
		if msgs[0].Header.Get("List-Unsubscribe") != "" {
			t.Error("a security notice carries List-Unsubscribe")
		}
		// New digest notices wait a day for the next digest.
		f.svc.Emit(ctx, roundOpened("three"))
		if n, _ := f.svc.Digests(ctx); n != 0 {
			t.Fatalf("a digest within the day: %d", n)
		}
		f.advance(24 * time.Hour)
		if n, _ := f.svc.Digests(ctx); n != 1 {
			t.Fatalf("next day's digest: %d", n)
		}
		// Bad preferences are refused field by field.
		err = f.svc.SetPreferences(ctx, p, notify.Preferences{Settings: notify.Settings{Lang: "de", TimeZone: "Mars/Olympus"},
			Modes: map[notify.Kind]notify.Mode{"nonsense": notify.ModeOff}})
		if err == nil {
			t.Fatal("bad preferences accepted")
		}
		// Marking read is the owner's alone.
		other := principal(f.user(t, "other@example.org", auth.RoleFocalPoint))
		if err := f.svc.MarkRead(ctx, other, ns[0].ID); err == nil {
			t.Error("another person marked a notice read")
		}
		if err := f.svc.MarkRead(ctx, p, ns[0].ID); err != nil {
			t.Error(err)
		}
		if _, unread, _ := f.svc.Notices(ctx, p, true); unread != 3 {
			t.Errorf("unread %d after marking one of 4 read", unread)
		}
	})
}

// TestDedupe: a scheduled event reaches each person once however often
// it is emitted.
func TestDedupe(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		u := f.user(t, "fp@example.org", auth.RoleFocalPoint)
		ev := roundOpened("one")
		ev.Kind, ev.Key, ev.Dedupe = notify.KindDeadlineSoon, "notify.event.deadline_7", "stat_round:1:d7"
		for range 3 {
			f.svc.Emit(ctx, ev)
		}
		if _, n, _ := f.svc.Notices(ctx, principal(u), true); n != 1 {
			t.Errorf("%d notices, want 1", n)
		}
	})
}

// TestNewAddress: a sign-in from an address the account never used tells
// it (not the first sign-in, not a known address again), and the first
// sign-in's language becomes the person's until they choose.
func TestNewAddress(t *testing.T) {
	dbtest.RunWith(t, newFixture, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		u := f.user(t, "fp@example.org", auth.RoleFocalPoint)
		f.svc.SignedIn(ctx, u.ID, "192.0.2.1", "ru")
		f.svc.SignedIn(ctx, u.ID, "192.0.2.1", "en")
		if _, n, _ := f.svc.Notices(ctx, principal(u), true); n != 0 {
			t.Fatalf("%d notices after sign-ins from one address", n)
		}
		f.svc.SignedIn(ctx, u.ID, "198.51.100.7", "en")
		ns, n, _ := f.svc.Notices(ctx, principal(u), true)
		if n != 1 || ns[0].Key != "notify.security.new_address" {
			t.Fatalf("after a new address: %d notices %+v", n, ns)
		}
		p, _ := f.svc.Preferences(ctx, principal(u))
		if p.Settings.Lang != "ru" {
			t.Errorf("language %q, want the first sign-in's (ru)", p.Settings.Lang)
		}
		if n, _ := f.worker(t, "w").RunOnce(ctx); n != 1 || f.smtp.To(u.Email)[0].Header.Get("Content-Language") != "ru" {
			t.Errorf("security mail: %d sent", n)
		}
	})
}

// TestNilServiceTellsNobody: a room built without notices calls Emit on a
// nil service, which does nothing instead of failing the room's change.
func TestNilServiceTellsNobody(t *testing.T) {
	var s *notify.Service
	s.Emit(context.Background(), notify.Event{Kind: "x"})
}
