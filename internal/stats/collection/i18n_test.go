package collection_test

import (
	"encoding/json"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/stats/collection"
	"github.com/tipsom/tipsom/internal/web"
)

// TestCatalogues: the six catalogues hold the same keys, all under the
// workflow's prefixes, and every plural message renders in every language
// at counts reaching each CLDR category.
func TestCatalogues(t *testing.T) {
	cat, err := web.NewCatalog(collection.Locales)
	if err != nil {
		t.Fatal(err)
	}
	en := ownKeys(t, "en")
	for _, k := range en {
		if !strings.HasPrefix(k, "collection.") && !strings.HasPrefix(k, "flash.collection_") && !strings.HasPrefix(k, "err.collection_") {
			t.Errorf("key %s is outside the workflow's prefixes", k)
		}
	}
	for _, l := range web.Langs {
		if diff := cmp.Diff(en, ownKeys(t, l.Code)); diff != "" {
			t.Errorf("catalogue %s differs from en (-en +%s):\n%s", l.Code, l.Code, diff)
		}
		loc := cat.For(l)
		for _, k := range []string{"collection.problems_count", "collection.validate_blocked", "collection.cells_caption", "err.collection_open_queries"} {
			for _, n := range []int{0, 1, 2, 3, 5, 11, 21, 22, 100, 101, 1000000} {
				if got := loc.T(k, "Count", n); got == k || !strings.Contains(got, strconv.Itoa(n)) && !strings.Contains(got, loc.Num(n)) {
					t.Errorf("%s %s Count=%d: %q", l.Code, k, n, got)
				}
			}
		}
	}
}

// ownKeys lists the keys of the workflow's own catalogue in lang.
func ownKeys(t *testing.T, lang string) []string {
	t.Helper()
	b, err := fs.ReadFile(collection.Locales, "locales/"+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return slices.Sorted(maps.Keys(m))
}
