package search

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
)

// words is a small vocabulary, so documents share words in varied ways.
var words = strings.Fields(`court victim recruited deception harboured transported exploited labour farm boat
	smuggled payment passport confiscated sentenced months prison trafficking persons women children`)

func genDoc(i, round int) Document {
	var b strings.Builder
	for j := range 5 + (i*7+round)%9 {
		b.WriteString(words[(i*13+j*j*3+round*5)%len(words)] + " ")
	}
	kind := []string{"case", "resource", "news"}[i%3]
	return Document{Kind: kind, Ref: fmt.Sprint(i), Date: time.Date(2000+i%20, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
		Facets: map[string][]string{"country": {[]string{"NGA", "FRA", "RUS"}[(i+round)%3]}},
		Texts:  []Text{{Lang: "en", Body: b.String()}}}
}

var queries = []Request{
	{Kinds: []string{"case", "resource", "news"}, Text: "trafficking", Facets: []string{FacetKind, "country"}, Limit: 100},
	{Kinds: []string{"case", "news"}, Text: "victim court", Facets: []string{"country"}, Limit: 100},
	{Kind: "case", Text: "women", Filters: map[string][]string{"country": {"FRA"}}, Facets: []string{"country"}, Limit: 100},
	{Kind: "resource", Text: "passport", Sort: SortDate, Limit: 100},
	{Kinds: []string{"case", "resource", "news"}, Filters: map[string][]string{"country": {"NGA", "RUS"}}, Facets: []string{FacetKind}, Limit: 100},
}

func putDocs(t *testing.T, ix *Index, docs []Document) {
	t.Helper()
	err := ix.DB.Tx(context.Background(), func(tx *sql.Tx) error { return ix.Put(context.Background(), tx, docs...) })
	if err != nil {
		t.Fatal(err)
	}
}

func results(t *testing.T, ix *Index) []*Result {
	t.Helper()
	var out []*Result
	for _, q := range queries {
		r, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		r.Match = Match{}
		out = append(out, r)
	}
	return out
}

// TestReloadsMatchAFreshSnapshot: a snapshot kept in step through many
// small writes, removals and a rebuild answers as one loaded afresh, and
// the documents it finds are those the stored words index (FTS5, GIN)
// finds.
func TestReloadsMatchAFreshSnapshot(t *testing.T) {
	n := rebuildAfter
	t.Cleanup(func() { rebuildAfter = n }) // after the subtests, which run in parallel
	rebuildAfter = 40
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ix, err := New(d, DefaultCacheBytes)
		if err != nil {
			t.Fatal(err)
		}
		var docs []Document
		for i := range 150 {
			docs = append(docs, genDoc(i, 0))
		}
		putDocs(t, ix, docs)
		results(t, ix)
		ctx := context.Background()
		rebuilt := false
		for round := 1; round <= 12; round++ {
			var changed []Document
			for i := round; i < 150; i += 11 {
				changed = append(changed, genDoc(i, round))
			}
			putDocs(t, ix, changed)
			if err := d.Tx(ctx, func(tx *sql.Tx) error {
				return ix.Remove(ctx, tx, []string{"case", "resource", "news"}[round%3], fmt.Sprint(round*3+round%3))
			}); err != nil {
				t.Fatal(err)
			}
			before := ix.current.Load()
			got := results(t, ix)
			if s := ix.current.Load(); len(s.docs) < len(before.docs) {
				rebuilt = true
			}
			fresh, err := New(d, 0)
			if err != nil {
				t.Fatal(err)
			}
			want := results(t, fresh)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("round %d: kept in step (+) and afresh (-) differ:\n%s", round, diff)
			}
			for i, q := range queries[:4] {
				if diff := cmp.Diff(stored(t, d, q), refsOf(got[i])); diff != "" {
					t.Errorf("round %d, %q: stored index (-) and snapshot (+) differ:\n%s", round, q.Text, diff)
				}
			}
		}
		if !rebuilt {
			t.Errorf("the snapshot was never rebuilt")
		}
	})
}

func refsOf(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Kind+":"+h.Ref)
	}
	slices.Sort(out)
	return out
}

// stored asks the stored words index for the live documents of q's kinds
// holding every word of q (one branch suffices here: the words are English
// and stem alike in every reading), with q's filters checked on the
// stored facets.
func stored(t *testing.T, d *db.DB, q Request) []string {
	t.Helper()
	an, _ := NewAnalyzer()
	toks := an.Tokens("en", q.Text)
	kinds := q.Kinds
	if q.Kind != "" {
		kinds = []string{q.Kind}
	}
	var query string
	args := []any{}
	if d.Dialect == db.Postgres {
		query = `SELECT s.kind, s.ref, s.facets FROM fts_search f JOIN search_docs s ON s.id = f.id
			WHERE s.live = 1 AND f.doc @@ to_tsquery('simple', $1)`
		args = append(args, strings.Join(toks, " & "))
	} else {
		query = `SELECT s.kind, s.ref, s.facets FROM fts_search f JOIN search_docs s ON s.id = f.rowid
			WHERE s.live = 1 AND fts_search MATCH $1`
		args = append(args, `tokens : `+strings.Join(toks, " AND "))
	}
	var out []string
	err := d.ReadTx(context.Background(), func(tx *sql.Tx) error {
		return db.Each(context.Background(), tx, "stored", query, func(row db.Scanner) error {
			var kind, ref, facets string
			if err := row.Scan(&kind, &ref, &facets); err != nil {
				return err
			}
			if !slices.Contains(kinds, kind) {
				return nil
			}
			for name, want := range q.Filters {
				ok := false
				decodeFacets(facets, func(n, v string) { ok = ok || (n == name && slices.Contains(want, v)) })
				if !ok {
					return nil
				}
			}
			out = append(out, kind+":"+ref)
			return nil
		}, args...)
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestSearchesDuringWrites: searches running while documents are written
// and removed read their own snapshot, never one a reload is changing (run
// with -race), and see every write once it is committed.
func TestSearchesDuringWrites(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ix, err := New(d, DefaultCacheBytes)
		if err != nil {
			t.Fatal(err)
		}
		var docs []Document
		for i := range 60 {
			docs = append(docs, genDoc(i, 0))
		}
		putDocs(t, ix, docs)
		ctx := context.Background()
		done := make(chan struct{})
		errs := make(chan error, 8)
		for range 4 {
			go func() {
				for {
					select {
					case <-done:
						errs <- nil
						return
					default:
					}
					for _, q := range queries {
						if _, err := ix.Search(ctx, q); err != nil {
							errs <- err
							return
						}
					}
					ix.Suggest(ctx, []string{"case", "news"}, "trafickng")
				}
			}()
		}
		for round := 1; round <= 20; round++ {
			putDocs(t, ix, []Document{genDoc(round, round), genDoc(100+round, round)})
			if err := d.Tx(ctx, func(tx *sql.Tx) error { return ix.Remove(ctx, tx, "news", fmt.Sprint(round*3+2)) }); err != nil {
				t.Fatal(err)
			}
			r, err := ix.Search(ctx, Request{Kind: genDoc(100+round, round).Kind, Text: "", Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(r.Hits, func(h Hit) bool { return h.Ref == fmt.Sprint(100+round) }) {
				t.Fatalf("round %d: the document just written is not found", round)
			}
		}
		close(done)
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	})
}
