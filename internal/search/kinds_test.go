package search_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/db/dbtest"
	"github.com/tipsom/tipsom/internal/search"
)

// resources are documents of a third kind, with a display and a facet
// ("topic") the other kinds lack.
func resources() []search.Document {
	return []search.Document{
		{Kind: "resource", Ref: "R1", Date: day("2022-02-01"), Facets: map[string][]string{"country": {"NGA"}, "topic": {"judges"}},
			Texts: []search.Text{{Lang: "en", Body: "Trafficking, trafficking and trafficking: a handbook."}},
			Show:  &search.Display{Title: map[string]string{"en": "Handbook", "fr": "Manuel"}, Summary: map[string]string{"en": "For judges"}, URL: "/knowledge/R1"}},
		{Kind: "resource", Ref: "R2", Date: day("2016-06-01"), Facets: map[string][]string{"country": {"FRA"}, "topic": {"victims"}},
			Texts: []search.Text{{Lang: "en", Body: "A long guide on the rights of victims, their protection, their assistance, their shelter, their recovery, " +
				"their compensation, their return and their reintegration, which mentions trafficking once."}},
			Show: &search.Display{Title: map[string]string{"en": "Guide"}, URL: "/knowledge/R2"}},
	}
}

func hitKeys(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.Kind+":"+h.Ref)
	}
	return out
}

func mixed(t *testing.T, d *db.DB) *search.Index {
	t.Helper()
	ix := indexed(t, d)
	put(t, ix, resources()...)
	return ix
}

var allKinds = []string{"case", "legislation", "resource"}

// TestSearchAcrossKinds: documents of several kinds ranked together, by
// relevance or by date; facets by name across kinds and the kind
// pseudo-facet; filters on a facet some kinds lack and on the kind.
func TestSearchAcrossKinds(t *testing.T) {
	dbtest.RunWith(t, mixed, func(t *testing.T, ix *search.Index) {
		ctx := context.Background()
		r, err := ix.Search(ctx, search.Request{Kinds: allKinds, Text: "trafficking", Facets: []string{search.FacetKind, "country"}, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 3 || len(r.Hits) != 3 || r.Hits[0].Kind != "resource" || r.Hits[0].Ref != "R1" {
			t.Fatalf("three documents, the one saying it thrice first: %v", hitKeys(r))
		}
		if got := slices.Sorted(slices.Values(hitKeys(r)[1:])); !slices.Equal(got, []string{"case:NGA-1", "resource:R2"}) {
			t.Errorf("the others: %v", got)
		}
		for i := 1; i < len(r.Hits); i++ {
			if r.Hits[i].Score > r.Hits[i-1].Score {
				t.Errorf("hit %d scores more than hit %d: %+v", i, i-1, r.Hits)
			}
		}
		want := []search.FacetCount{{Value: "resource", Count: 2}, {Value: "case", Count: 1}}
		if diff := cmp.Diff(want, r.Facets[search.FacetKind]); diff != "" {
			t.Errorf("kinds (-want +got):\n%s", diff)
		}
		want = []search.FacetCount{{Value: "NGA", Count: 2}, {Value: "FRA", Count: 1}}
		if diff := cmp.Diff(want, r.Facets["country"]); diff != "" {
			t.Errorf("countries across kinds (-want +got):\n%s", diff)
		}

		r, _ = ix.Search(ctx, search.Request{Kinds: allKinds, Filters: map[string][]string{"country": {"FRA"}}, Sort: search.SortDate, Limit: 10})
		if diff := cmp.Diff([]string{"case:FRA-1", "resource:R2", "legislation:FRA-CP"}, hitKeys(r)); diff != "" {
			t.Errorf("France by date, newest first, undated last (-want +got):\n%s", diff)
		}
		r, _ = ix.Search(ctx, search.Request{Kinds: allKinds, Text: "trafficking", Filters: map[string][]string{search.FacetKind: {"case", "legislation"}},
			Facets: []string{search.FacetKind}})
		if diff := cmp.Diff([]string{"case:NGA-1"}, hitKeys(r)); diff != "" || r.Facets[search.FacetKind][0].Selected != true {
			t.Errorf("kind filter (-want +got):\n%s %+v", diff, r.Facets)
		}
		r, _ = ix.Search(ctx, search.Request{Kinds: allKinds, Filters: map[string][]string{"topic": {"judges", "victims"}}})
		if diff := cmp.Diff([]string{"resource:R1", "resource:R2"}, hitKeys(r)); diff != "" {
			t.Errorf("a facet only resources have (-want +got):\n%s", diff)
		}
		r, _ = ix.Search(ctx, search.Request{Kinds: allKinds, Text: "traite humains recruter tribunal", Limit: 10})
		if r.Total != 0 {
			t.Errorf("every word is required across kinds too: %v", hitKeys(r))
		}
		r, _ = ix.Search(ctx, search.Request{Kinds: allKinds, Text: "traite etres humains"})
		if diff := cmp.Diff([]string{"legislation:FRA-CP"}, hitKeys(r)); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		r, _ = ix.Search(ctx, search.Request{Kind: "case", Text: "lagos"})
		if diff := cmp.Diff([]string{"case:NGA-1"}, hitKeys(r)); diff != "" {
			t.Errorf("a single kind's hits carry it (-want +got):\n%s", diff)
		}
	})
}

// TestDisplays: a document's display comes back with its hits; one written
// without a display, or removed, has none.
func TestDisplays(t *testing.T) {
	dbtest.RunWith(t, mixed, func(t *testing.T, ix *search.Index) {
		ctx := context.Background()
		displays := func(hits []search.Hit) map[string]*search.Display {
			t.Helper()
			out, err := db.Read(ctx, ix.DB, func(tx *sql.Tx) (map[string]*search.Display, error) { return ix.Displays(ctx, tx, hits) })
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		r, _ := ix.Search(ctx, search.Request{Kinds: allKinds, Text: "trafficking"})
		got := displays(r.Hits)
		want := map[string]*search.Display{
			search.DisplayKey("resource", "R1"): resources()[0].Show,
			search.DisplayKey("resource", "R2"): resources()[1].Show,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("displays (-want +got):\n%s", diff)
		}
		doc := resources()[1]
		doc.Show.Title["en"] = "Guide, second edition"
		put(t, ix, doc)
		if d := displays([]search.Hit{{Kind: "resource", Ref: "R2"}})[search.DisplayKey("resource", "R2")]; d == nil || d.Title["en"] != "Guide, second edition" {
			t.Errorf("changed display: %+v", d)
		}
		if err := ix.DB.Tx(ctx, func(tx *sql.Tx) error { return ix.Remove(ctx, tx, "resource", "R1") }); err != nil {
			t.Fatal(err)
		}
		if got := displays([]search.Hit{{Kind: "resource", Ref: "R1"}}); len(got) != 0 {
			t.Errorf("a removed document's display: %+v", got)
		}
	})
}

// TestSuggest: a misspelt word is replaced by the closest word of the
// kinds' vocabulary, shown as a document wrote it, in Latin, Cyrillic and
// Arabic script; a query every word of which is known gets no suggestion,
// nor does one whose only near word is in another kind or was removed.
func TestSuggest(t *testing.T) {
	dbtest.RunWith(t, mixed, func(t *testing.T, ix *search.Index) {
		ctx := context.Background()
		cases := []struct {
			kinds []string
			text  string
			want  string
			ok    bool
		}{
			{[]string{"case"}, "trafficing", "trafficking", true},
			{[]string{"case"}, "Women trafficing to Italy", "Women trafficking to Italy", true},
			{[]string{"case"}, "эксплутации", "эксплуатации", true},
			{[]string{"case"}, "بالاتجر", "بالاتجار", true},
			{[]string{"case"}, "trafficking", "", false},
			{[]string{"case"}, "the", "", false},
			{[]string{"case"}, "xqzwv", "", false},
			{[]string{"legislation"}, "trafficing", "", false},
			{allKinds, "handbok", "handbook", true},
		}
		for _, c := range cases {
			got, ok := ix.Suggest(ctx, c.kinds, c.text)
			if got != c.want || ok != c.ok {
				t.Errorf("Suggest(%v, %q) = %q, %v; want %q, %v", c.kinds, c.text, got, ok, c.want, c.ok)
			}
		}
		if err := ix.DB.Tx(ctx, func(tx *sql.Tx) error { return ix.Remove(ctx, tx, "case", "NGA-1") }); err != nil {
			t.Fatal(err)
		}
		if got, ok := ix.Suggest(ctx, []string{"case"}, "trafficing"); ok {
			t.Errorf("a removed document's word is suggested: %q", got)
		}
		if got, ok := ix.Suggest(ctx, []string{"resource"}, "trafficing"); !ok || got != "trafficking" {
			t.Errorf("resources: %q %v", got, ok)
		}
	})
}

// TestRemovalAcrossKinds: a removed document leaves the results and the
// counts of a search across kinds, on this server and another.
func TestRemovalAcrossKinds(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := mixed(t, d)
		b := open(t, d)
		ctx := context.Background()
		req := search.Request{Kinds: allKinds, Text: "trafficking", Facets: []string{search.FacetKind}}
		if r, _ := b.Search(ctx, req); r.Total != 3 {
			t.Fatalf("before: %v", hitKeys(r))
		}
		if err := d.Tx(ctx, func(tx *sql.Tx) error { return a.Remove(ctx, tx, "resource", "R1") }); err != nil {
			t.Fatal(err)
		}
		for _, ix := range []*search.Index{a, b} {
			r, _ := ix.Search(ctx, req)
			want := []search.FacetCount{{Value: "case", Count: 1}, {Value: "resource", Count: 1}}
			if r.Total != 2 || slices.Contains(hitKeys(r), "resource:R1") || !cmp.Equal(want, r.Facets[search.FacetKind]) {
				t.Errorf("after the removal: %v %+v", hitKeys(r), r.Facets)
			}
		}
		put(t, a, resources()[0])
		if r, _ := b.Search(ctx, req); r.Total != 3 || r.Hits[0].Ref != "R1" {
			t.Errorf("written again: %v", hitKeys(r))
		}
	})
}

// TestSuggestFewestEdits: of two words as similar by their trigrams, the
// one fewer edits away from what was typed is offered — "labur" is
// "labour", not "lab" — and it is offered as a document wrote it.
func TestSuggestFewestEdits(t *testing.T) {
	dbtest.RunWith(t, mixed, func(t *testing.T, ix *search.Index) {
		put(t, ix, search.Document{Kind: "resource", Ref: "R9", Facets: map[string][]string{},
			Texts: []search.Text{{Lang: "en", Body: "A lab for forced labour, in a lab of the lab."}}})
		if got, ok := ix.Suggest(context.Background(), allKinds, "forced labur"); !ok || got != "forced labour" {
			t.Errorf("Suggest(forced labur) = %q, %v", got, ok)
		}
	})
}
