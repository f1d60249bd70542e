package notify_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/notify"
	"github.com/tipsom/tipsom/internal/notify/notifytest"
	"github.com/tipsom/tipsom/internal/web"
)

// fixture is a notify service on a fresh database, with a clock the test
// moves and an SMTP server in the process.
type fixture struct {
	d     *db.DB
	auth  *auth.Service
	svc   *notify.Service
	smtp  *notifytest.Server
	clock atomic.Int64
}

func (f *fixture) now() time.Time          { return time.Unix(0, f.clock.Load()) }
func (f *fixture) advance(d time.Duration) { f.clock.Add(int64(d)) }

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	cat, err := web.NewCatalog(notify.Locales)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{d: d, auth: auth.NewService(d), smtp: notifytest.Start(t)}
	f.auth.Hashes = auth.NewHashLimiter(2, 0)
	f.clock.Store(time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC).UnixNano())
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.svc = notify.NewService(d, f.auth, cat, "https://tipsom.example.org", log)
	f.svc.Now = f.now
	return f
}

// worker returns a worker delivering to the fixture's SMTP server.
func (f *fixture) worker(t *testing.T, name string) *notify.Worker {
	t.Helper()
	c, err := notify.ParseSMTPURL(f.smtp.URL())
	if err != nil {
		t.Fatal(err)
	}
	w := notify.NewWorker(f.d, &notify.SMTPSender{Config: c}, "tipsom <no-reply@tipsom.example.org>", name,
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	w.Now = f.now
	return w
}

// user makes an account with roles (focal points in ISL).
func (f *fixture) user(t *testing.T, email string, roles ...auth.Role) *auth.User {
	t.Helper()
	in := auth.UserInput{Email: email, Name: "Test " + email[:3], Roles: roles, Password: "correct-horse-battery-staple"}
	for _, r := range roles {
		if r.NeedsCountry() {
			in.Country = "ISL"
		}
	}
	u, err := f.auth.CreateUser(context.Background(), auth.System("test"), in)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func principal(u *auth.User) *auth.Principal {
	return &auth.Principal{UserID: u.ID, Email: u.Email, Name: u.Name, Roles: u.Roles, Country: u.Country, Method: "session"}
}
