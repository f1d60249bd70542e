package web

import "testing"

// TestAmount: money is written in each language's grouping, decimal mark
// and digits, from integers.
func TestAmount(t *testing.T) {
	c, err := NewCatalog()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, want string
		minor      int64
		exp        int
	}{
		{"en", "USD 25,000.50", 2500050, 2},
		{"fr", "USD 25\u00a0000,50", 2500050, 2},
		{"es", "USD 25.000,05", 2500005, 2},
		{"ar", "USD ٢٥٬٠٠٠٫٥٠", 2500050, 2},
		{"en", "USD -0.07", -7, 2},
		{"en", "1,500", 1500, 0},
		{"en", "USD 90,071,992,547,409.93", 9007199254740993, 2}, // past float64's exact integers
	} {
		l, _ := LangByCode(tc.lang)
		got := c.For(l).Amount(tc.minor, tc.exp)
		if tc.exp == 2 {
			got = c.For(l).USD(tc.minor)
		}
		if got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.minor, got, tc.want)
		}
	}
}
