package bench

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
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
	hubAlone     = 500    // per page from one client, for the server's time
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
// with a filter, and its API. It reports each one's p95 from one client
// (the server's time, no request waiting for another's CPU), and its p95
// and requests per second from hubWorkers clients, on both engines. The
// load runs in the server's process, so the clients' CPU is counted
// against the server's two cores; at 50 clients a request mostly waits for
// the 49 others (Little's law: 50 / throughput).
func BenchmarkHub100k(b *testing.B) {
	docs := hubDocuments(hubDocs)
	for _, e := range []db.Dialect{db.SQLite, db.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			for range b.N {
				dbURL := dbtest.URL(b, e)
				a, _ := clOpen(b, dbURL)
				t0 := time.Now()
				bulkIndex(b, a.DB, a.Rooms.Search, docs)
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
					// The server's time: one client, so no request waits
					// for another's CPU.
					one := hubLoad(b, srv.URL, 1, hubAlone, p.path)
					b.ReportMetric(one.p95.Seconds()*1000, "server_p95_ms_"+p.name)
					l := hubLoad(b, srv.URL, hubWorkers, hubRequests, p.path)
					b.ReportMetric(l.p95.Seconds()*1000, "p95_ms_"+p.name)
					b.ReportMetric(l.qps, "req/s_"+p.name)
					b.Logf("%s, %s: server time p50 %.1f ms, p95 %.1f ms (target < %.0f ms, %s); %d clients: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f requests/s (target ≥ %d, %s)",
						e, p.name, one.p50.Seconds()*1000, one.p95.Seconds()*1000, float64(hubTargetP95.Milliseconds()), clVerdict(one.p95 < hubTargetP95),
						hubWorkers, l.p50.Seconds()*1000, l.p95.Seconds()*1000, l.p99.Seconds()*1000, l.qps, hubTargetQPS, clVerdict(l.qps >= hubTargetQPS))
				}
			}
		})
	}
}

// hubLoad opens path(…) n times (or for hubLoadTime) from workers
// clients, once each first to warm the connections; every answer must be
// 200.
func hubLoad(tb testing.TB, base string, workers, n int, path func(r *rand.Rand, z clZipf) string) clStats {
	tb.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: 60 * time.Second}
	get := func(p string) error {
		res, err := client.Get(base + p)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d", p, res.StatusCode)
		}
		return nil
	}
	warm := rand.New(rand.NewPCG(1, 2))
	wz := newClZipf(warm)
	for range workers {
		if err := get(path(warm, wz)); err != nil {
			tb.Fatal(err)
		}
	}
	return runLoad(tb, workers, n, hubLoadTime, 7, func(r *rand.Rand, z clZipf) (int, error) { return 0, get(path(r, z)) })
}
