package web_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/tipsom/tipsom/internal/web"
)

// TestCollator checks lists in each language's own order, which code-point
// order gets wrong.
func TestCollator(t *testing.T) {
	for _, tc := range []struct {
		lang       string
		in, sorted []string
	}{
		{"fr", []string{"Équateur", "Zambie", "Égypte", "Espagne", "Danemark", "Éthiopie"},
			[]string{"Danemark", "Égypte", "Équateur", "Espagne", "Éthiopie", "Zambie"}},
		{"es", []string{"Zambia", "Ñeembucú", "Omán", "Nicaragua", "Níger", "Namibia"},
			[]string{"Namibia", "Nicaragua", "Níger", "Ñeembucú", "Omán", "Zambia"}},
		{"ru", []string{"Югославия", "Ёлкино", "Египет", "Австрия", "Эстония", "Жиганск"},
			[]string{"Австрия", "Египет", "Ёлкино", "Жиганск", "Эстония", "Югославия"}},
		{"zh", []string{"中国", "日本", "阿富汗", "法国", "巴西", "德国"},
			[]string{"阿富汗", "巴西", "德国", "法国", "日本", "中国"}},
		{"en", []string{"Zambia", "Åland Islands", "Côte d'Ivoire", "Curaçao", "Albania", "Czechia"},
			[]string{"Åland Islands", "Albania", "Côte d'Ivoire", "Curaçao", "Czechia", "Zambia"}},
	} {
		got := slices.Clone(tc.in)
		web.SortStrings(got, tc.lang)
		if diff := cmp.Diff(tc.sorted, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.lang, diff)
		}
		if c := web.Collator(tc.lang); c.Compare(tc.sorted[0], tc.sorted[1]) >= 0 || c.Compare(tc.sorted[1], tc.sorted[0]) <= 0 {
			t.Errorf("%s: Compare(%q, %q) out of order", tc.lang, tc.sorted[0], tc.sorted[1])
		}
	}
}

// TestCollatorConcurrent uses one language's collation from many
// goroutines at once (run with -race).
func TestCollatorConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			s := []string{"Équateur", "Égypte", "Danemark"}
			web.SortStrings(s, "fr")
			if s[1] != "Égypte" {
				t.Errorf("order %v", s)
			}
		})
	}
	wg.Wait()
}
