package search_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/search"
)

func day(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

// corpus is one short judgment summary per language, with facets.
func corpus() []search.Document {
	f := func(country, year string, purposes ...string) map[string][]string {
		return map[string][]string{"country": {country}, "year": {year}, "purposes": purposes}
	}
	return []search.Document{
		{Kind: "case", Ref: "FRA-1", Date: day("2019-05-02"), Facets: f("FRA", "2019", "sexual_exploitation"),
			Texts: []search.Text{{Lang: "fr", Body: "Le tribunal a jugé que la victime avait été recrutée par tromperie et hébergée à Marseille."}}},
		{Kind: "case", Ref: "RUS-1", Date: day("2020-03-01"), Facets: f("RUS", "2020", "forced_labour"),
			Texts: []search.Text{{Lang: "ru", Body: "Суд признал обвиняемых виновными в торговле людьми и эксплуатации рабочей силы."}}},
		{Kind: "case", Ref: "EGY-1", Date: day("2021-07-15"), Facets: f("EGY", "2021", "forced_labour", "sexual_exploitation"),
			Texts: []search.Text{{Lang: "ar", Body: "أدانت المحكمة المتهمين بالاتجار بالأشخاص لغرض العمل القسري."}}},
		{Kind: "case", Ref: "CHN-1", Date: day("2018-11-20"), Facets: f("CHN", "2018", "forced_marriage"),
			Texts: []search.Text{{Lang: "zh", Body: "法院认定被告人犯有拐卖妇女罪，判处有期徒刑十年。"}}},
		{Kind: "case", Ref: "ESP-1", Date: day("2017-01-10"), Facets: f("ESP", "2017", "sexual_exploitation"),
			Texts: []search.Text{{Lang: "es", Body: "La Audiencia condenó por trata de seres humanos con fines de explotación sexual."}}},
		{Kind: "case", Ref: "NGA-1", Date: day("2019-09-09"), Facets: f("NGA", "2019", "sexual_exploitation"),
			Texts: []search.Text{{Lang: "en", Body: "The court convicted the recruiters of trafficking women to Italy."},
				{Body: "Federal High Court, Lagos"}}},
		{Kind: "legislation", Ref: "FRA-CP", Facets: f("FRA", "2003"),
			Texts: []search.Text{{Lang: "fr", Body: "La traite des êtres humains est le fait de recruter une personne."}}},
	}
}

func put(t *testing.T, ix *search.Index, docs ...search.Document) {
	t.Helper()
	err := ix.DB.Tx(context.Background(), func(tx *sql.Tx) error { return ix.Put(context.Background(), tx, docs...) })
	if err != nil {
		t.Fatal(err)
	}
}

// open opens an index on d.
func open(t *testing.T, d *db.DB) *search.Index {
	t.Helper()
	ix, err := search.New(d, search.DefaultCacheBytes)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// indexed opens an index on d holding the corpus.
func indexed(t *testing.T, d *db.DB) *search.Index {
	t.Helper()
	ix := open(t, d)
	put(t, ix, corpus()...)
	return ix
}

func refs(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Ref)
	}
	slices.Sort(out)
	return out
}

// TestMultilingualSearch: the same queries find the same documents on both
// engines — French without accents, Russian and Arabic inflections, a
// two-character Chinese query, Spanish without accents, an English stem
// and a word of a text of unknown language.
func TestMultilingualSearch(t *testing.T) {
	dbtest.RunWith(t, indexed, func(t *testing.T, ix *search.Index) {
		cases := []struct {
			q    string
			want []string
		}{
			{"jugé recrutée", []string{"FRA-1"}},
			{"juge recrutee", []string{"FRA-1"}},
			{"hebergee tromperie", []string{"FRA-1"}},
			{"торговля эксплуатация", []string{"RUS-1"}},
			{"торговлей суда", []string{"RUS-1"}},
			{"الاتجار الأشخاص", []string{"EGY-1"}},
			{"اتجار", []string{"EGY-1"}},
			{"拐卖", []string{"CHN-1"}},
			{"妇女", []string{"CHN-1"}},
			{"explotacion sexual", []string{"ESP-1"}},
			{"traffickers recruited", []string{"NGA-1"}},
			{"lagos", []string{"NGA-1"}},
			{"nowhere-to-be-found", nil},
		}
		for _, c := range cases {
			res, err := ix.Search(context.Background(), search.Request{Kind: "case", Text: c.q, Limit: 50})
			if err != nil {
				t.Fatalf("%q: %v", c.q, err)
			}
			if diff := cmp.Diff(c.want, refs(res)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", c.q, diff)
			}
			if res.Total != len(c.want) {
				t.Errorf("%q: total %d, want %d", c.q, res.Total, len(c.want))
			}
		}
		res, err := ix.Search(context.Background(), search.Request{Kind: "legislation", Text: "traite etres humains"})
		if err != nil || len(res.Hits) != 1 || res.Hits[0].Ref != "FRA-CP" {
			t.Fatalf("legislation: %+v %v", res, err)
		}
	})
}

// TestFacets: counts follow the text and the filters; values of one facet
// are alternatives; year bounds; an empty text lists everything, newest first.
func TestFacets(t *testing.T) {
	dbtest.RunWith(t, indexed, func(t *testing.T, ix *search.Index) {
		ctx := context.Background()
		all, err := ix.Search(ctx, search.Request{Kind: "case", Facets: []string{"purposes", "country"}})
		if err != nil {
			t.Fatal(err)
		}
		if all.Total != 6 || all.Hits[0].Ref != "EGY-1" || all.Hits[5].Ref != "ESP-1" {
			t.Fatalf("empty query: %+v", all)
		}
		want := []search.FacetCount{{Value: "sexual_exploitation", Count: 4}, {Value: "forced_labour", Count: 2}, {Value: "forced_marriage", Count: 1}}
		if diff := cmp.Diff(want, all.Facets["purposes"]); diff != "" {
			t.Errorf("purposes (-want +got):\n%s", diff)
		}
		r, _ := ix.Search(ctx, search.Request{Kind: "case", Text: "tribunal court audiencia", Facets: []string{"purposes"}})
		if r.Total != 0 {
			t.Errorf("every word is required: %+v", refs(r))
		}
		r, _ = ix.Search(ctx, search.Request{Kind: "case", Filters: map[string][]string{"purposes": {"forced_labour"}}, Facets: []string{"purposes", "country"}})
		want = []search.FacetCount{{Value: "forced_labour", Count: 2, Selected: true}, {Value: "sexual_exploitation", Count: 1}}
		if diff := cmp.Diff(want, r.Facets["purposes"]); diff != "" || r.Total != 2 {
			t.Errorf("filtered purposes (-want +got):\n%s", diff)
		}
		r, _ = ix.Search(ctx, search.Request{Kind: "case", Filters: map[string][]string{"country": {"FRA", "ESP"}, "purposes": {"sexual_exploitation"}}})
		if diff := cmp.Diff([]string{"ESP-1", "FRA-1"}, refs(r)); diff != "" {
			t.Errorf("two filters (-want +got):\n%s", diff)
		}
		r, _ = ix.Search(ctx, search.Request{Kind: "case", YearFrom: 2019, YearTo: 2020})
		if diff := cmp.Diff([]string{"FRA-1", "NGA-1", "RUS-1"}, refs(r)); diff != "" {
			t.Errorf("years (-want +got):\n%s", diff)
		}
		r, _ = ix.Search(ctx, search.Request{Kind: "case", Filters: map[string][]string{"country": {"XXX"}}, Facets: []string{"country"}})
		if r.Total != 0 || len(r.Facets["country"]) != 1 || !r.Facets["country"][0].Selected {
			t.Errorf("unknown value: %+v", r)
		}
	})
}

// TestUpdatesReachOtherServers: a change written through one index is seen
// by another on the same database (another app server), including removals.
func TestUpdatesReachOtherServers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, b := open(t, d), open(t, d)
		ctx := context.Background()
		put(t, a, corpus()...)
		if r, _ := b.Search(ctx, search.Request{Kind: "case", Text: "lagos"}); r.Total != 1 {
			t.Fatalf("b does not see a's document")
		}
		doc := corpus()[5]
		doc.Texts = []search.Text{{Lang: "en", Body: "Abuja"}}
		doc.Facets["country"] = []string{"GHA"}
		put(t, a, doc)
		r, _ := b.Search(ctx, search.Request{Kind: "case", Text: "abuja", Facets: []string{"country"}})
		if r.Total != 1 || r.Facets["country"][0].Value != "GHA" {
			t.Fatalf("update not seen: %+v", r)
		}
		if r, _ := b.Search(ctx, search.Request{Kind: "case", Text: "lagos"}); r.Total != 0 {
			t.Fatalf("old text still found")
		}
		err := d.Tx(ctx, func(tx *sql.Tx) error { return a.Remove(ctx, tx, "case", "NGA-1") })
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := b.Search(ctx, search.Request{Kind: "case"}); r.Total != 5 {
			t.Fatalf("removal not seen: %d", r.Total)
		}
	})
}

// TestAliases: a token registered as an alias of a facet value finds the
// documents holding that value as if their text held it, on both engines,
// alongside the documents whose text holds the word, and with filters.
func TestAliases(t *testing.T) {
	dbtest.RunWith(t, open, func(t *testing.T, ix *search.Index) {
		ix.Alias("case", "purposes", "forced_marriage", ix.An.Tokens("en", "Forced marriage"))
		put(t, ix, corpus()...)
		ctx := context.Background()
		for _, c := range []struct {
			q       string
			filters map[string][]string
			want    []string
		}{
			{"marriage", nil, []string{"CHN-1"}},
			{"marriages", map[string][]string{"country": {"CHN"}}, []string{"CHN-1"}},
			{"marriage", map[string][]string{"country": {"FRA"}}, nil},
			{"forced", nil, []string{"CHN-1"}},
			{"forced labour", nil, nil},
			{"marriage tribunal", nil, nil},
		} {
			res, err := ix.Search(ctx, search.Request{Kind: "case", Text: c.q, Filters: c.filters, Limit: 50})
			if err != nil {
				t.Fatalf("%q: %v", c.q, err)
			}
			if diff := cmp.Diff(c.want, refs(res)); diff != "" || res.Total != len(c.want) {
				t.Errorf("%q %v (-want +got):\n%s", c.q, c.filters, diff)
			}
		}
		if r, _ := ix.Search(ctx, search.Request{Kind: "legislation", Text: "marriage"}); r.Total != 0 {
			t.Errorf("an alias of cases finds legislation: %+v", r)
		}
	})
}

// TestOpenFillsFacetKeys: documents indexed before facet keys existed
// (migration 00012 adds the column empty) get their keys when an index
// opens, so a word query with a facet filter finds them again.
func TestOpenFillsFacetKeys(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		indexed(t, d)
		ctx := context.Background()
		if err := d.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE search_docs SET keys = ''`)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		query := search.Request{Kind: "case", Text: "tromperie", Filters: map[string][]string{"purposes": {"sexual_exploitation"}}}
		reopened := open(t, d)
		r, err := reopened.Search(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"FRA-1"}, refs(r)); diff != "" {
			t.Errorf("after the keys are filled (-want +got):\n%s", diff)
		}
		var empty int
		if err := d.ReadTx(ctx, func(tx *sql.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs WHERE keys = '' AND facets <> ''`).Scan(&empty)
		}); err != nil || empty != 0 {
			t.Errorf("%d documents still without keys (%v)", empty, err)
		}
	})
}
