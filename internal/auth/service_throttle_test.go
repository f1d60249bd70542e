package auth_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestParallelGuessing: forty wrong passwords for one account sent at once
// (from forty addresses) are refused, and at most MaxFailures of them are
// ever checked against the hash; the account is then locked.
func TestParallelGuessing(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, _ *clock) {
		s.Hashes = auth.NewHashLimiter(4, time.Minute)
		mustUser(t, s, auth.UserInput{Email: "target@example.org", Roles: []auth.Role{auth.RoleEditor}})
		before := s.Hashes.Evaluated()
		var wg sync.WaitGroup
		results := make([]error, 40)
		for i := range results {
			wg.Go(func() {
				_, results[i] = s.Login(ctx, "target@example.org", "not-the-password-"+strconv.Itoa(i), "192.0.2."+strconv.Itoa(i))
			})
		}
		wg.Wait()
		throttled := 0
		for i, err := range results {
			switch {
			case errs.Is(err, errs.KindTooMany):
				throttled++
			case !errs.Is(err, errs.KindUnauthorised):
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		if n := s.Hashes.Evaluated() - before; n > auth.MaxFailures {
			t.Errorf("%d of 40 parallel wrong passwords were evaluated, want at most %d", n, auth.MaxFailures)
		}
		if throttled < 40-auth.MaxFailures {
			t.Errorf("%d of 40 throttled, want at least %d", throttled, 40-auth.MaxFailures)
		}
		if _, err := s.Login(ctx, "target@example.org", pw, "198.51.100.7"); !errs.Is(err, errs.KindTooMany) {
			t.Errorf("the right password after the burst: %v, want throttled", err)
		}
	})
}

// TestHashConcurrencyBounded: 150 sign-ins at once, each for its own
// account from its own address (so throttling stops none), never run more
// argon2id hashes at once than the limiter's slots; those that cannot get a
// slot in time are told the server is busy, and none fails otherwise.
func TestHashConcurrencyBounded(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	s, _ := newService(d)
	s.Hashes = auth.NewHashLimiter(2, 200*time.Millisecond)
	var wg sync.WaitGroup
	results := make([]error, 150)
	start := make(chan struct{})
	for i := range results {
		wg.Go(func() {
			<-start
			_, results[i] = s.Login(ctx, "nobody"+strconv.Itoa(i)+"@example.org", "some-password-guess", "198.51.100."+strconv.Itoa(i))
		})
	}
	close(start)
	wg.Wait()
	busy := 0
	for i, err := range results {
		switch e := errs.As(err); {
		case e.Key == "err.busy" && e.Kind == errs.KindTooMany:
			busy++
		case e.Key != "err.login_failed":
			t.Fatalf("sign-in %d: %v", i, err)
		}
	}
	if peak := s.Hashes.Peak(); peak > 2 {
		t.Errorf("%d hashes ran at once, want at most 2", peak)
	}
	if busy == 0 || s.Hashes.Evaluated() == 0 {
		t.Errorf("busy %d, evaluated %d: want some of each", busy, s.Hashes.Evaluated())
	}
	// A busy refusal was no failure: the address may try again at once.
	for i, err := range results {
		if errs.As(err).Key == "err.busy" {
			if _, err := s.Login(ctx, "nobody"+strconv.Itoa(i)+"@example.org", "x", "198.51.100."+strconv.Itoa(i)); errs.As(err).Key != "err.login_failed" {
				t.Fatalf("after busy: %v", err)
			}
			break
		}
	}
}

// TestThrottleRowsBounded: an email longer than an address can be is
// refused as invalid before anything is counted, and the housekeeping purge
// deletes the rows whose window is over while it keeps running locks.
func TestThrottleRowsBounded(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, c *clock) {
		rows := func() int {
			var n int
			if err := s.DB.SQL().QueryRow(`SELECT COUNT(*) FROM login_throttle`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		long := strings.Repeat("a", 250) + "@example.org"
		if _, err := s.Login(ctx, long, "whatever-password", "192.0.2.1"); errs.FieldKeys(err)["email"] != "err.email_invalid" {
			t.Fatalf("a %d-byte email: %v", len(long), err)
		}
		if n := rows(); n != 0 {
			t.Fatalf("a refused email left %d throttle rows", n)
		}
		s.Login(ctx, "once@example.org", "wrong-password", "192.0.2.2")
		c.add(auth.LockWindow / 2)
		for i := 0; i < auth.MaxFailures; i++ {
			s.Login(ctx, "locked@example.org", "wrong-password", "192.0.2."+strconv.Itoa(10+i))
		}
		if err := s.PurgeThrottle(ctx); err != nil {
			t.Fatal(err)
		}
		if n := rows(); n != 2+1+auth.MaxFailures {
			t.Fatalf("the purge deleted rows whose window runs: %d left", n)
		}
		c.add(auth.LockWindow/2 + time.Second)
		if err := s.PurgeThrottle(ctx); err != nil {
			t.Fatal(err)
		}
		var keys []string
		r, _ := s.DB.SQL().Query(`SELECT key FROM login_throttle WHERE key LIKE 'account:%' OR key = 'addr:192.0.2.2'`)
		for r.Next() {
			var k string
			r.Scan(&k)
			keys = append(keys, k)
		}
		r.Close()
		if n := rows(); n != 1+auth.MaxFailures || len(keys) != 1 || keys[0] != "account:locked@example.org" {
			t.Fatalf("after the first window: %d rows, accounts %v; want the running lock and its addresses", n, keys)
		}
		c.add(auth.LockWindow)
		s.PurgeThrottle(ctx)
		if n := rows(); n != 0 {
			t.Fatalf("%d rows after the lock ended", n)
		}
	})
}
