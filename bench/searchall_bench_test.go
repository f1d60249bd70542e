package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// The targets of a search across kinds (the Knowledge Hub's one search box).
const (
	saDocs      = 100_000
	saTargetP95 = 30 * time.Millisecond
	saTargetQPS = 500
	saWorkers   = 50
	saQueries   = 20_000
	saLoadTime  = 60 * time.Second
)

// saKinds are the kinds of document of the hub, the first ones the most
// numerous, with the values of the one facet each has of its own.
var saKinds = []struct {
	kind  string
	share int // in tenths of a percent
	facet string
	vals  []string
}{
	{"case", 400, "court_level", []string{"first", "appeal", "supreme"}},
	{"legislation", 150, "instrument", []string{"code", "act", "decree", "regulation"}},
	{"resource", 150, "format", []string{"handbook", "report", "toolkit", "study", "video"}},
	{"practice", 80, "area", []string{"prevention", "protection", "prosecution", "partnership"}},
	{"news", 80, "source", []string{"unodc", "government", "ngo"}},
	{"event", 50, "mode", []string{"online", "in_person"}},
	{"project", 50, "status", []string{"open", "closed"}},
	{"article", 40, "questionnaire", []string{"tip", "som"}},
}

var saTopics = []string{"sexual_exploitation", "forced_labour", "forced_marriage", "organ_removal", "child_trafficking",
	"smuggling", "victim_assistance", "border_control", "financial_investigation", "online_exploitation"}

// saDocuments generates n documents across saKinds: a title and a summary
// in one or two languages (the domain's sentences and Zipf-drawn words, as
// the generated cases), a country, a year, one to three topics and the
// kind's own facet, and a display.
func saDocuments(n int, seed uint64) []search.Document {
	r := rand.New(rand.NewPCG(seed, seed^0xa11))
	z := newClZipf(r)
	out := make([]search.Document, n)
	for i := range out {
		pick, k := r.IntN(1000), 0
		for acc := 0; k < len(saKinds)-1; k++ {
			if acc += saKinds[k].share; pick < acc {
				break
			}
		}
		sk := saKinds[k]
		lang := web.LangCodes[r.IntN(len(web.LangCodes))]
		year := 2001 + r.IntN(24)
		ref := fmt.Sprintf("%s-%06d", strings.ToUpper(sk.kind[:3]), i+1)
		title := clFacts(r, z, lang, 1)
		var body strings.Builder
		for _, s := range clText[lang] {
			if r.IntN(3) == 0 {
				body.WriteString(clSentence(s, 1+r.IntN(9), clPlaces[r.IntN(len(clPlaces))], 12) + " ")
			}
		}
		body.WriteString(clFacts(r, z, lang, 2+r.IntN(4)))
		var topics []string
		for range 1 + r.IntN(3) {
			if t := saTopics[min(int(r.ExpFloat64()*3), len(saTopics)-1)]; !slices.Contains(topics, t) {
				topics = append(topics, t)
			}
		}
		summary := body.String()
		if r := []rune(summary); len(r) > 120 {
			summary = string(r[:120]) + "…"
		}
		out[i] = search.Document{Kind: sk.kind, Ref: ref, Date: time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC),
			Facets: map[string][]string{"country": {clCountries[min(int(r.ExpFloat64()*12), len(clCountries)-1)]},
				"year": {fmt.Sprint(year)}, "topic": topics, sk.facet: {sk.vals[r.IntN(len(sk.vals))]}},
			Texts: []search.Text{{Lang: lang, Body: title}, {Lang: lang, Body: body.String()}},
			Show: &search.Display{Title: map[string]string{lang: title}, Summary: map[string]string{lang: summary},
				URL: "/" + sk.kind + "/" + ref}}
	}
	return out
}

// saLoad writes docs into a fresh index on engine e, in the batches a bulk
// import writes.
func saLoad(b *testing.B, e db.Dialect, docs []search.Document) *search.Index {
	b.Helper()
	d, err := db.Open(context.Background(), dbtest.URL(b, e))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	if err := d.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	ix, err := search.New(d, search.DefaultCacheBytes)
	if err != nil {
		b.Fatal(err)
	}
	bulkIndex(b, d, ix, docs)
	return ix
}

// BenchmarkSearchAll100k writes 100,000 documents across eight kinds, with
// displays, then searches them all at once from saWorkers concurrent
// clients — a common domain word or a word of the documents' vocabulary,
// alone, with a country, a topic or a kind filter, counting the kind,
// country and topic facets — and reads the page's displays, as the
// Knowledge Hub's search does (in the process: there is no HTTP in it).
// It reports the p95 latency and the throughput, on both engines.
func BenchmarkSearchAll100k(b *testing.B) {
	docs := saDocuments(saDocs, 3)
	var kinds []string
	for _, k := range saKinds {
		kinds = append(kinds, k.kind)
	}
	for _, e := range []db.Dialect{db.SQLite, db.Postgres} {
		b.Run(string(e), func(b *testing.B) {
			for range b.N {
				start := time.Now()
				ix := saLoad(b, e, docs)
				b.Logf("%s: %d documents of %d kinds written in %.1f s", e, saDocs, len(kinds), time.Since(start).Seconds())
				clMemory(b, ix)
				l := saSearch(b, ix, kinds)
				b.ReportMetric(l.p50.Seconds()*1000, "p50_ms")
				b.ReportMetric(l.p95.Seconds()*1000, "p95_ms")
				b.ReportMetric(l.p99.Seconds()*1000, "p99_ms")
				b.ReportMetric(l.qps, "queries/s")
				b.ReportMetric(l.cpu.Seconds()*1000, "cpu_ms/query")
				b.Logf("%s, %d clients: search across kinds with facets p50 %.1f ms, p95 %.1f ms (target < %.0f ms, %s), p99 %.1f ms, %.0f queries/s (target ≥ %d, %s); %.2f ms of this process's CPU a query; %.0f hits a query on average",
					e, saWorkers, l.p50.Seconds()*1000, l.p95.Seconds()*1000, float64(saTargetP95.Milliseconds()), clVerdict(l.p95 < saTargetP95),
					l.p99.Seconds()*1000, l.qps, saTargetQPS, clVerdict(l.qps >= saTargetQPS), l.cpu.Seconds()*1000, l.hits)
				saSuggest(b, ix, kinds)
				saReload(b, ix, docs[:1])
			}
		})
	}
}

// saSearch sends saQueries searches (or as many as fit in saLoadTime)
// from saWorkers clients.
func saSearch(b *testing.B, ix *search.Index, kinds []string) clStats {
	b.Helper()
	ctx := context.Background()
	return runLoad(b, saWorkers, saQueries, saLoadTime, 77, func(r *rand.Rand, z clZipf) (int, error) {
		req := search.Request{Kinds: kinds, Text: clQueryWord(r, z), Limit: 20,
			Facets: []string{search.FacetKind, "country", "topic"}}
		switch r.IntN(4) {
		case 1:
			req.Filters = map[string][]string{"country": {clCountries[r.IntN(12)]}}
		case 2:
			req.Filters = map[string][]string{"topic": {saTopics[r.IntN(4)]}}
		case 3:
			req.Filters = map[string][]string{search.FacetKind: {kinds[r.IntN(len(kinds))]}}
		}
		if r.IntN(10) == 0 {
			req.Sort = search.SortDate
		}
		var n int
		err := ix.DB.ReadTx(ctx, func(tx *sql.Tx) error {
			res, err := ix.SearchTx(ctx, tx, req)
			if err != nil {
				return err
			}
			n = res.Total
			shown, err := ix.Displays(ctx, tx, res.Hits)
			if err == nil && len(shown) != len(res.Hits) {
				err = fmt.Errorf("%d displays for %d hits", len(shown), len(res.Hits))
			}
			return err
		})
		return n, err
	})
}

// saSuggestTarget is the cost of a "did you mean" at 100,000 documents.
const saSuggestTarget = 20 * time.Millisecond

// saSuggest times Suggest on misspelt words of the documents' vocabulary
// (a letter dropped) in the Latin, Cyrillic and Arabic languages: the
// first call, which builds the vocabulary's trigram index, then the mean
// and the slowest of the others; and the heap the trigram index takes.
func saSuggest(b *testing.B, ix *search.Index, kinds []string) {
	b.Helper()
	ctx := context.Background()
	var words []string
	for _, l := range []string{"en", "fr", "es", "ru", "ar"} {
		for k := clStopRanks + 20; k < clStopRanks+2000; k += 97 {
			w := []rune(clVocabulary[l][k])
			if len(w) >= 6 {
				words = append(words, string(append(w[:3:3], w[4:]...)))
			}
		}
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	ix.Suggest(ctx, kinds, "qzxqzxqzx") // in no document: builds the trigram index
	first := time.Since(t0)
	runtime.GC()
	runtime.ReadMemStats(&after)
	var worst, sum time.Duration
	corrected := 0
	for _, w := range words {
		t0 := time.Now()
		if _, ok := ix.Suggest(ctx, kinds, w); ok {
			corrected++
		}
		d := time.Since(t0)
		sum += d
		worst = max(worst, d)
	}
	mean := sum / time.Duration(len(words))
	b.ReportMetric(first.Seconds()*1000, "suggest_first_ms")
	b.ReportMetric(mean.Seconds()*1000, "suggest_ms")
	b.ReportMetric(worst.Seconds()*1000, "suggest_worst_ms")
	b.ReportMetric(float64((int64(after.HeapInuse)-int64(before.HeapInuse))>>20), "suggest_heap_mb")
	b.Logf("suggest: first call (builds the trigram index, %d MB of heap) %.0f ms; then %.1f ms on average, %.1f ms at worst (target < %.0f ms, %s); %d of %d misspellings corrected",
		(int64(after.HeapInuse)-int64(before.HeapInuse))>>20, first.Seconds()*1000, mean.Seconds()*1000, worst.Seconds()*1000,
		float64(saSuggestTarget.Milliseconds()), clVerdict(worst < saSuggestTarget), corrected, len(words))
}

// saReload times the search after a write of one document: it reloads the
// snapshot from the one before (copying its tables, reading the row
// written, rebuilding the facet sets and the date order).
func saReload(b *testing.B, ix *search.Index, docs []search.Document) {
	b.Helper()
	ctx := context.Background()
	var worst time.Duration
	for i := range 5 {
		d := docs[0]
		d.Texts = append(slices.Clone(d.Texts), search.Text{Lang: "en", Body: fmt.Sprintf("revision %d", i)})
		if err := ix.DB.Tx(ctx, func(tx *sql.Tx) error { return ix.Put(ctx, tx, d) }); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := ix.Search(ctx, search.Request{Kinds: []string{d.Kind}, Text: "revision", Facets: []string{"country"}}); err != nil {
			b.Fatal(err)
		}
		worst = max(worst, time.Since(t0))
	}
	b.ReportMetric(worst.Seconds()*1000, "reload_ms")
	b.Logf("the first search after a write of one document (the snapshot reloads): %.0f ms at worst of 5", worst.Seconds()*1000)
}
