package bench

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/search"
)

// runLoad sends n requests (or as many as fit in limit) from workers
// concurrent clients: do makes and times one, given the client's own
// random source and Zipf law (seeded by seed and the client's number), and
// returns what it found (a search's total) or why it failed. It returns the
// latency percentiles, the throughput, the mean found and this process's
// CPU a request; the first failure fails tb.
func runLoad(tb testing.TB, workers, n int, limit time.Duration, seed uint64, do func(r *rand.Rand, z clZipf) (int, error)) clStats {
	tb.Helper()
	var mu sync.Mutex
	var times []time.Duration
	var total int
	var failed error
	next := make(chan int)
	deadline := time.Now().Add(limit)
	started, cpu0 := time.Now(), cpuTime()
	var wg sync.WaitGroup
	for w := range workers {
		r := rand.New(rand.NewPCG(uint64(w), seed))
		z := newClZipf(r)
		wg.Go(func() {
			for range next {
				t0 := time.Now()
				found, err := do(r, z)
				d := time.Since(t0)
				mu.Lock()
				times = append(times, d)
				total += found
				if err != nil && failed == nil {
					failed = err
				}
				mu.Unlock()
			}
		})
	}
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed, cpu := time.Since(started), cpuTime()-cpu0
	if failed != nil {
		tb.Fatalf("load: %v", failed)
	}
	slices.Sort(times)
	done := len(times)
	return clStats{p50: times[done/2], p95: times[done*95/100], p99: times[done*99/100], qps: float64(done) / elapsed.Seconds(),
		hits: float64(total) / float64(done), cpu: cpu / time.Duration(done)}
}

// bulkIndex writes docs into ix in one transaction, in the batches a bulk
// import writes, readying and compacting the words index around them.
func bulkIndex(tb testing.TB, d *db.DB, ix *search.Index, docs []search.Document) {
	tb.Helper()
	ctx := context.Background()
	err := d.Tx(ctx, func(tx *sql.Tx) error {
		if err := ix.BeginBulk(ctx, tx, len(docs)); err != nil {
			return err
		}
		for part := range slices.Chunk(docs, 2000) {
			if err := ix.Put(ctx, tx, part...); err != nil {
				return err
			}
		}
		return ix.Compact(ctx, tx, len(docs))
	})
	if err != nil {
		tb.Fatal(err)
	}
}
