package auth_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

func fmtInt(n int64) string { return strconv.FormatInt(n, 10) }

var ctx = context.Background()

// clock is a settable time for the service.
type clock struct{ t time.Time }

func (c *clock) now() time.Time      { return c.t }
func (c *clock) add(d time.Duration) { c.t = c.t.Add(d) }
func newService(d *db.DB) (*auth.Service, *clock) {
	c := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	s := auth.NewService(d)
	s.Now = c.now
	return s, c
}

// run runs test on both engines, each with a service on a database of its
// own and the service's clock.
func run(t *testing.T, test func(t *testing.T, s *auth.Service, c *clock)) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s, c := newService(d)
		test(t, s, c)
	})
}

const pw = "correct-horse-battery-staple"

func mustUser(t *testing.T, s *auth.Service, in auth.UserInput) *auth.User {
	t.Helper()
	if in.Password == "" {
		in.Password = pw
	}
	if in.Name == "" {
		in.Name = "Test User"
	}
	u, err := s.CreateUser(ctx, auth.System("test"), in)
	if err != nil {
		t.Fatalf("create %s: %v", in.Email, err)
	}
	return u
}

// asUser is u acting through a session without a second factor.
func asUser(u *auth.User) *auth.Principal {
	return &auth.Principal{UserID: u.ID, Email: u.Email, Roles: u.Roles}
}

// signIn completes a password sign-in of u (with a second factor when
// mfa) and returns its principal and session epoch.
func signIn(t *testing.T, s *auth.Service, u *auth.User, mfa bool) (*auth.Principal, int64) {
	t.Helper()
	p, epoch, err := s.CompleteLogin(ctx, u.ID, "password", mfa)
	if err != nil {
		t.Fatal(err)
	}
	return p, epoch
}
