package trustfund

import "testing"

// FuzzParseAmount: whatever a person types, parsing never panics, and an
// accepted amount written back parses to the same minor units.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"25000", "25,000.50", "1.001", "-5", "1e5", "25 000.50", "", "0.00", "999999999999.99"} {
		f.Add(s, "USD")
	}
	f.Add("1500", "JPY")
	f.Add("1.234", "KWD")
	f.Fuzz(func(t *testing.T, s, currency string) {
		n, err := ParseAmount(s, currency)
		if err != nil {
			return
		}
		if n <= 0 {
			t.Fatalf("%q accepted as %d", s, n)
		}
		back, err := ParseAmount(FormatMinor(n, currency), currency)
		if err != nil || back != n {
			t.Fatalf("%q → %d → %q → %d %v", s, n, FormatMinor(n, currency), back, err)
		}
	})
}
