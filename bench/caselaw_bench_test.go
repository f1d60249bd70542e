package bench

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/app"
	"github.com/tipsom/tipsom/internal/app/apptest"
	"github.com/tipsom/tipsom/internal/auth"
	"github.com/tipsom/tipsom/internal/caselaw"
	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/search"
)

// The targets for the case law database.
const (
	clCases        = 100_000
	clTargetImport = 60 * time.Second
	clTargetP95    = 50 * time.Millisecond
	clTargetQPS    = 300
	clQueries      = 6000 // bounded load: this many requests, at most clLoadTime
	clLoadTime     = 60 * time.Second
	clWorkers      = 50 // the load; clFewWorkers is the former one
	clFewWorkers   = 8
	clTargetWorst  = 100 * time.Millisecond // any uncached query
)

// clOpen starts the application on the database at dbURL for the
// command-line style work (import) and returns its case law service.
func clOpen(tb testing.TB, dbURL string) (*app.App, *caselaw.Service) {
	tb.Helper()
	cfg := app.Defaults()
	cfg.DB, cfg.LogLevel, cfg.LogOutput = dbURL, "error", io.Discard
	a, err := app.New(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("open app: %v", err)
	}
	tb.Cleanup(func() { a.Close() })
	svc := a.Rooms.Caselaw
	return a, svc
}

// clImport writes cases as JSONL, then times what `tipsom import caselaw`
// does with it: read and validate every line, write and index all.
func clImport(tb testing.TB, a *app.App, svc *caselaw.Service, cases []caselaw.Case) time.Duration {
	tb.Helper()
	var buf bytes.Buffer
	if err := caselaw.WriteJSONL(&buf, cases...); err != nil {
		tb.Fatal(err)
	}
	start, cpu0 := time.Now(), cpuTime()
	lines, err := caselaw.ReadJSONL(&buf, a.Rooms.Geo.Known)
	if err != nil {
		tb.Fatalf("read generated cases: %v", err)
	}
	rep, err := svc.Import(context.Background(), auth.System("bench"), lines, false)
	if err != nil {
		tb.Fatalf("import: %v", err)
	}
	took := time.Since(start)
	if rep.Added != len(cases) || rep.Published != len(cases) {
		tb.Fatalf("import: %+v, want all %d published", rep, len(cases))
	}
	if b, ok := tb.(*testing.B); ok {
		b.ReportMetric((cpuTime() - cpu0).Seconds(), "import_cpu_s")
	}
	return took
}

// TestCaselawGenerator: generated cases are valid, meet the inclusion rule,
// pass the identifier check, import and are found in several languages.
func TestCaselawGenerator(t *testing.T) {
	a, svc := clOpen(t, dbtest.URL(t, db.SQLite))
	cases := CaselawCases(300, 7)
	for _, c := range cases {
		if err := c.Validate(a.Rooms.Geo.Known); err != nil {
			t.Fatalf("%s invalid: %v", c.ID, err)
		}
		if err := c.Inclusion(); err != nil || len(c.Identifiers()) > 0 {
			t.Fatalf("%s: inclusion %v, findings %v", c.ID, err, c.Identifiers())
		}
	}
	clImport(t, a, svc, cases)
	for _, w := range []string{"tromperie", "обман", "招募", "deception"} {
		res, err := svc.Find(context.Background(), caselaw.Query{Text: w})
		if err != nil || res.Total == 0 {
			t.Errorf("%q finds nothing: %v", w, err)
		}
	}
}

// BenchmarkCaselaw100k imports 100,000 generated cases, then serves the
// case search over HTTP to clWorkers concurrent clients, each request a
// word (or two) and two facet filters, and reports the import time, the
// p95 latency and the throughput, on both engines. Run with -benchtime 1x.
//
// The search is measured twice, by two servers on the same database: one
// without the match cache (--search-cache-mb 0), so every request
// asks the words index, then one with it, which starts empty and fills as
// the searches repeat. The queries are varied (see clQueryWord), so the
// cached figures are not those of a handful of words served from memory.
func BenchmarkCaselaw100k(b *testing.B) {
	cases := CaselawCases(clCases, 1)
	for _, e := range []db.Dialect{db.SQLite, db.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			for range b.N {
				dbURL := dbtest.URL(b, e)
				a, svc := clOpen(b, dbURL)
				took := clImport(b, a, svc, cases)
				b.ReportMetric(took.Seconds(), "import_s")
				b.Logf("%s: import+index of %d cases %.1f s (target < %.0f s, %s)", e, clCases, took.Seconds(),
					clTargetImport.Seconds(), clVerdict(took < clTargetImport))
				for _, cached := range []bool{false, true} {
					srv := apptest.StartURL(b, dbURL, func(c *app.Config) {
						if !cached {
							c.SearchCacheMB = 0
						}
					})
					unit, label := "", "uncached"
					if cached {
						unit, label = "_cached", "cached"
					}
					if !cached {
						clMemory(b, srv.App.Rooms.Search)
						worst, q := clWorst(b, srv.URL)
						b.ReportMetric(float64(worst.Microseconds())/1000, "worst_ms")
						b.Logf("%s: worst uncached query %.1f ms (%s; target < %.0f ms, %s)", e, float64(worst.Microseconds())/1000,
							q, float64(clTargetWorst.Milliseconds()), clVerdict(worst < clTargetWorst))
					}
					for _, workers := range []int{clFewWorkers, clWorkers} {
						l := clLoad(b, srv.URL, workers)
						u := unit
						if workers != clWorkers {
							u = unit + "_" + strconv.Itoa(workers)
						}
						b.ReportMetric(l.p50.Seconds()*1000, "p50_ms"+u)
						b.ReportMetric(l.p95.Seconds()*1000, "p95_ms"+u)
						b.ReportMetric(l.p99.Seconds()*1000, "p99_ms"+u)
						b.ReportMetric(l.qps, "queries/s"+u)
						b.ReportMetric(l.cpu.Seconds()*1000, "cpu_ms/query"+u)
						p95, qps := "no target", "no target" // the targets are at clWorkers clients
						if workers == clWorkers {
							p95 = fmt.Sprintf("target < %.0f ms, %s", float64(clTargetP95.Milliseconds()), clVerdict(l.p95 < clTargetP95))
							qps = fmt.Sprintf("target ≥ %d, %s", clTargetQPS, clVerdict(l.qps >= clTargetQPS))
						}
						b.Logf("%s, %s, %d clients: search with a word and two facets p50 %.1f ms, p95 %.1f ms (%s), p99 %.1f ms, %.0f queries/s (%s); %.2f ms of this process's CPU a query; %.0f hits a query on average",
							e, label, workers, l.p50.Seconds()*1000, l.p95.Seconds()*1000, p95, l.p99.Seconds()*1000, l.qps, qps, l.cpu.Seconds()*1000, l.hits)
					}
				}
			}
		})
	}
}

// clWorst times, one at a time, the searches that ask most of the words
// index: each common domain word (clWords) and the most frequent words of
// the cases' own vocabulary, alone and with two filters, and returns the
// slowest and what it was. Run it on a server without the match cache.
func clWorst(tb testing.TB, base string) (time.Duration, string) {
	tb.Helper()
	client := &http.Client{Timeout: 60 * time.Second}
	var qs []url.Values
	words := slices.Clone(clWords)
	for _, l := range []string{"en", "fr", "ru", "ar", "zh"} {
		for k := clStopRanks; k < clStopRanks+3; k++ {
			words = append(words, clVocabulary[l][k])
		}
	}
	for _, w := range words {
		qs = append(qs, url.Values{"q": {w}}, url.Values{"q": {w}, "country": {"NGA"}, "purposes": {caselaw.KeywordValues("purposes")[0]}})
	}
	var worst time.Duration
	var which string
	for _, q := range qs {
		t0 := time.Now()
		res, err := client.Get(base + "/api/v1/caselaw?" + q.Encode())
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if d := time.Since(t0); d > worst {
			worst, which = d, q.Encode()
		}
	}
	return worst, which
}

// clMemory loads the index's snapshot and reports its memory: the
// index's own estimate, and the rise of the Go heap in use across the load
// (a GC before and after).
func clMemory(b *testing.B, ix *search.Index) {
	b.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	st, err := db.Read(context.Background(), ix.DB, func(tx *sql.Tx) (search.Stats, error) { return ix.Stats(context.Background(), tx) })
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := (int64(after.HeapInuse) - int64(before.HeapInuse)) >> 20
	b.ReportMetric(float64(st.Bytes>>20), "index_mb")
	b.ReportMetric(float64(heap), "index_heap_mb")
	b.ReportMetric(took.Seconds(), "index_load_s")
	b.Logf("index of %d documents (%d slots), %d terms, %d postings: %d MB by its estimate (documents %d, postings %d, lexicon %d, facet sets %d), the heap in use rose by %d MB; loaded in %.1f s",
		st.Live, st.Docs, st.Terms, st.Postings, st.Bytes>>20, st.DocBytes>>20, st.PostBytes>>20, st.LexBytes>>20, st.SetBytes>>20, heap, took.Seconds())
}

// clStats is what one load measured.
type clStats struct {
	p50, p95, p99 time.Duration
	qps, hits     float64
	cpu           time.Duration // this process's CPU a request (clients' and, in process, the server's)
}

// clLoad sends clQueries searches (or as many as fit in clLoadTime) from
// workers clients and returns the latency percentiles, the throughput and
// the mean total of the answers. Every answer must be 200 and JSON.
func clLoad(tb testing.TB, base string, workers int) clStats {
	tb.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: 60 * time.Second}
	// Warm the snapshot and the connections.
	for range workers {
		res, err := client.Get(base + "/api/v1/caselaw?country=NGA")
		if err != nil {
			tb.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	return runLoad(tb, workers, clQueries, clLoadTime, 99, func(r *rand.Rand, z clZipf) (int, error) {
		words := clQueryWord(r, z)
		if r.IntN(5) == 0 {
			words += " " + clQueryWord(r, z)
		}
		q := url.Values{"q": {words}, "country": {clCountries[r.IntN(12)]},
			"purposes": {caselaw.KeywordValues("purposes")[r.IntN(3)]}}
		res, err := client.Get(base + "/api/v1/caselaw?" + q.Encode())
		if err != nil {
			return 0, err
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		found, err := clTotal(body)
		if res.StatusCode != 200 || err != nil {
			return 0, fmt.Errorf("status %d: %.200s", res.StatusCode, body)
		}
		return found, nil
	})
}

// clTotal reads the total at the start of a search's answer, without
// decoding the rest (the server's work is measured, not the client's).
func clTotal(body []byte) (int, error) {
	head := string(body[:min(len(body), 64)])
	i := strings.Index(head, `"total":`)
	if !strings.HasPrefix(head, "{") || i < 0 {
		return 0, errors.New("no total")
	}
	n := strings.TrimLeft(head[i+len(`"total":`):], " ")
	end := strings.IndexFunc(n, func(r rune) bool { return r < '0' || r > '9' })
	if end <= 0 {
		return 0, errors.New("no total")
	}
	return strconv.Atoi(n[:end])
}

func clVerdict(met bool) string {
	if met {
		return "met"
	}
	return "missed"
}
