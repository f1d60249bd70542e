package auth

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/tipsom/tipsom/internal/errs"
)

// HashLimiter bounds how many argon2id hashes run at once. Each takes
// argonMemory (19 MiB) while it runs, so without a bound a burst of
// sign-ins takes the server's memory with it; with one, memory stays at
// slots × 19 MiB and the excess waits briefly, then is told to come back.
type HashLimiter struct {
	slots     chan struct{}
	wait      time.Duration
	evaluated atomic.Int64 // hashes computed, for tests and metrics
	running   atomic.Int64
	peak      atomic.Int64
}

// DefaultHashWait is how long a request waits for a free hashing slot
// before it is refused with err.busy (429, Retry-After).
const DefaultHashWait = 2 * time.Second

// NewHashLimiter allows slots hashes at once (0: GOMAXPROCS), each waiting
// at most wait (0: DefaultHashWait) for its turn.
func NewHashLimiter(slots int, wait time.Duration) *HashLimiter {
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	if wait <= 0 {
		wait = DefaultHashWait
	}
	return &HashLimiter{slots: make(chan struct{}, slots), wait: wait}
}

// Evaluated counts the hashes computed so far.
func (h *HashLimiter) Evaluated() int64 { return h.evaluated.Load() }

// Peak is the most hashes that ran at once.
func (h *HashLimiter) Peak() int64 { return h.peak.Load() }

// run computes fn in a slot, or refuses when none frees up in time.
func (h *HashLimiter) run(ctx context.Context, fn func()) error {
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
	case <-t.C:
		return errs.TooMany("err.busy")
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.slots }()
	n := h.running.Add(1)
	defer h.running.Add(-1)
	for p := h.peak.Load(); n > p && !h.peak.CompareAndSwap(p, n); p = h.peak.Load() {
	}
	h.evaluated.Add(1)
	fn()
	return nil
}

// Check reports whether pw matches the encoded hash, in a slot.
func (h *HashLimiter) Check(ctx context.Context, encoded, pw string) (bool, error) {
	var ok bool
	err := h.run(ctx, func() { ok = CheckPassword(encoded, pw) })
	return ok, err
}

// Hash hashes pw with a new salt, in a slot.
func (h *HashLimiter) Hash(ctx context.Context, pw string) (string, error) {
	var hash string
	var herr error
	if err := h.run(ctx, func() { hash, herr = HashPassword(pw) }); err != nil {
		return "", err
	}
	if herr != nil {
		return "", errs.Internal(herr)
	}
	return hash, nil
}
