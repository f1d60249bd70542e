package auth_test

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/errs"
)

// TestParallelCodeReplay: the same TOTP code, or the same recovery code,
// sent several times at once is accepted exactly once, on both engines.
// Each request comes from an address of its own and the clock moves past
// the lock window between tries, so that throttling refuses none of them.
func TestParallelCodeReplay(t *testing.T) {
	run(t, func(t *testing.T, s *auth.Service, c *clock) {
		const users, n = 6, 8
		for i := range users {
			u := mustUser(t, s, auth.UserInput{Email: "a" + strconv.Itoa(i) + "@example.org", Roles: []auth.Role{auth.RoleAnalyst}})
			e, err := auth.NewEnrolment(u.Email)
			if err != nil {
				t.Fatal(err)
			}
			code, _ := auth.TOTPCode(e.Secret, c.t)
			recovery, err := s.ConfirmEnrolment(ctx, u.ID, e.Secret, code)
			if err != nil {
				t.Fatal(err)
			}
			c.add(30 * time.Second)
			fresh, _ := auth.TOTPCode(e.Secret, c.t)
			for _, try := range []struct{ name, code string }{{"TOTP code", fresh}, {"recovery code", recovery[0]}} {
				var ok, refused atomic.Int64
				var wg sync.WaitGroup
				start := make(chan struct{})
				for j := range n {
					wg.Go(func() {
						<-start
						addr := "192.0." + strconv.Itoa(i) + "." + strconv.Itoa(j)
						switch err := s.VerifySecondFactor(ctx, u.ID, try.code, addr); {
						case err == nil:
							ok.Add(1)
						case errs.Is(err, errs.KindInvalid):
							refused.Add(1)
						default:
							t.Errorf("%s: %v", try.name, err)
						}
					})
				}
				close(start)
				wg.Wait()
				if ok.Load() != 1 || refused.Load() != n-1 {
					t.Errorf("user %d: %s sent %d times at once: accepted %d, refused %d; want accepted once", i, try.name, n, ok.Load(), refused.Load())
				}
				c.add(auth.LockWindow + time.Second) // the refused tries lock nothing for the next
			}
		}
	})
}
