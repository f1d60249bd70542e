package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/knowledge"
	"github.com/tipsom/tipsom/internal/omnibus"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/trustfund"
)

// The pages a visitor of the Knowledge Hub opens, at the scale.
const (
	hubDocs      = 100_000
	hubTargetP95 = 30 * time.Millisecond
	hubTargetQPS = 500
	hubWorkers   = 50
	hubRequests  = 10_000 // per page, at most hubLoadTime
	hubLoadTime  = 45 * time.Second
)

// hubKind is the real kind of the one search each generated kind stands
// for (saKinds names them shortly).
var hubKind = map[string]string{"resource": knowledge.DocResource, "practice": knowledge.DocPractice, "news": knowledge.DocNews,
	"event": knowledge.DocEvent, "case": "case", "legislation": "legislation", "project": trustfund.DocProject, "article": omnibus.DocArticle}

// hubDocuments are saDocuments as the rooms write them: under the real
// kinds, with the language facet the one search counts.
func hubDocuments(n int) []search.Document {
	docs := saDocuments(n, 7)
	for i := range docs {
		d := &docs[i]
		d.Kind = hubKind[d.Kind]
		d.Facets["language"] = []string{d.Texts[0].Lang}
	}
	return docs
}

// BenchmarkHub100k writes 100,000 documents across the Hub's kinds into
// the app's database, starts the server on it, and opens from hubWorkers
// concurrent clients: the home page (what is new across the rooms), the
// one search's page with a word and its facets (type, country, language),
// with a filter, and its API. It reports each one's p95 and requests per
// second, on both engines. The load runs in the server's process, so the
// clients' CPU is counted against the server's two cores.
func BenchmarkHub100k(b *testing.B) {
	docs := hubDocuments(hubDocs)
	for _, e := range []db.Dialect{db.SQLite, db.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			for range b.N {
				dbURL := dbtest.URL(b, e)
				a, _ := clOpen(b, dbURL)
				ctx := context.Background()
				t0 := time.Now()
				ix := a.Rooms.Search
				err := a.DB.Tx(ctx, func(tx *sql.Tx) error {
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
					b.Fatal(err)
				}
				b.Logf("%s: %d documents written in %.1f s", e, len(docs), time.Since(t0).Seconds())
				srv := apptest.StartURL(b, dbURL)
				pages := []struct {
					name string
					path func(r *rand.Rand, z clZipf) string
				}{
					{"home", func(*rand.Rand, clZipf) string { return "/" }},
					{"search", func(r *rand.Rand, z clZipf) string {
						return "/search?" + url.Values{"q": {clQueryWord(r, z)}}.Encode()
					}},
					{"search_filtered", func(r *rand.Rand, z clZipf) string {
						q := url.Values{"q": {clQueryWord(r, z)}, "country": {clCountries[r.IntN(12)]}}
						if r.IntN(2) == 0 {
							q.Set("type", knowledge.DocResource)
						}
						return "/search?" + q.Encode()
					}},
					{"api", func(r *rand.Rand, z clZipf) string {
						return "/api/v1/search?" + url.Values{"q": {clQueryWord(r, z)}, "lang": {"en"}}.Encode()
					}},
				}
				for _, p := range pages {
					l := hubLoad(b, srv.URL, hubWorkers, p.path)
					b.ReportMetric(l.p95.Seconds()*1000, "p95_ms_"+p.name)
					b.ReportMetric(l.qps, "req/s_"+p.name)
					b.Logf("%s, %s, %d clients: p50 %.1f ms, p95 %.1f ms (target < %.0f ms, %s), p99 %.1f ms, %.0f requests/s (target ≥ %d, %s)",
						e, p.name, hubWorkers, l.p50.Seconds()*1000, l.p95.Seconds()*1000, float64(hubTargetP95.Milliseconds()),
						clVerdict(l.p95 < hubTargetP95), l.p99.Seconds()*1000, l.qps, hubTargetQPS, clVerdict(l.qps >= hubTargetQPS))
				}
			}
		})
	}
}

// hubLoad opens path(…) hubRequests times (or for hubLoadTime) from
// workers clients; every answer must be 200.
func hubLoad(tb testing.TB, base string, workers int, path func(r *rand.Rand, z clZipf) string) clStats {
	tb.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: 60 * time.Second}
	warm := rand.New(rand.NewPCG(1, 2))
	wz := newClZipf(warm)
	for range workers {
		res, err := client.Get(base + path(warm, wz))
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	var mu sync.Mutex
	var times []time.Duration
	var failed error
	next := make(chan int)
	deadline := time.Now().Add(hubLoadTime)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		r := rand.New(rand.NewPCG(uint64(w), 7))
		z := newClZipf(r)
		wg.Go(func() {
			for range next {
				p := path(r, z)
				t0 := time.Now()
				res, err := client.Get(base + p)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s: %d", p, res.StatusCode)
					}
				}
				d := time.Since(t0)
				mu.Lock()
				times = append(times, d)
				if err != nil && failed == nil {
					failed = err
				}
				mu.Unlock()
			}
		})
	}
	for i := 0; i < hubRequests && time.Now().Before(deadline); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	if failed != nil {
		tb.Fatal(failed)
	}
	slices.Sort(times)
	n := len(times)
	return clStats{p50: times[n/2], p95: times[n*95/100], p99: times[n*99/100], qps: float64(n) / elapsed.Seconds()}
}
