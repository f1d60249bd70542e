package trustfund

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/tipsom/tipsom/internal/errs"
)

func TestExponent(t *testing.T) {
	cases := []struct {
		code string
		want int
		ok   bool
	}{
		{"USD", 2, true}, {"EUR", 2, true}, {"GBP", 2, true}, {"CHF", 2, true},
		{"JPY", 0, true}, {"KRW", 0, true}, {"KWD", 3, true}, {"BHD", 3, true},
		{"NOK", 2, true}, {"QAR", 2, true}, {"CNY", 2, true}, {"EGP", 2, true},
		{"XXX", 0, false}, {"usd", 0, false}, {"", 0, false}, {"US", 0, false}, {"USDX", 0, false},
	}
	for _, c := range cases {
		got, ok := Exponent(c.code)
		if got != c.want || ok != c.ok {
			t.Errorf("Exponent(%q) = %d, %v; want %d, %v", c.code, got, ok, c.want, c.ok)
		}
	}
}

func TestCurrencies(t *testing.T) {
	got := Currencies()
	if !slices.IsSorted(got) {
		t.Errorf("Currencies() not sorted: %v", got)
	}
	if len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("Currencies() has duplicates: %v", got)
	}
	for _, c := range got {
		if _, ok := Exponent(c); !ok || len(c) != 3 || c[0] < 'A' || c[0] > 'Z' {
			t.Errorf("Currencies() lists %q, which Exponent does not know", c)
		}
	}
	required := []string{"USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "NOK", "SEK", "DKK", "NZD",
		"KRW", "CNY", "INR", "BRL", "MXN", "ZAR", "QAR", "AED", "SAR", "KWD", "TRY", "RUB", "THB",
		"PHP", "NGN", "KES", "EGP"}
	for _, c := range required {
		if !slices.Contains(got, c) {
			t.Errorf("Currencies() lacks %s", c)
		}
	}
	got[0] = "ZZZ"
	if Currencies()[0] == "ZZZ" {
		t.Error("Currencies() returns shared state")
	}
}

// fieldKey is the catalogue key err gives for field, "" for none.
func errFieldKey(err error, field string) string { return errs.FieldKeys(err)[field] }

func TestParseAmount(t *testing.T) {
	cases := []struct {
		in, cur string
		want    int64
		key     string // for field "amount" ("" = accepted)
	}{
		{"25000", "USD", 2500000, ""},
		{"25,000.50", "USD", 2500050, ""},
		{"25 000.50", "USD", 2500050, ""},
		{"25\u2009000.50", "USD", 2500050, ""},
		{"1\u202f000\u202f000", "EUR", 100000000, ""},
		{"1\u00a0000", "CHF", 100000, ""},
		{"1,000,000.5", "USD", 100000050, ""},
		{"  25.5  ", "USD", 2550, ""},
		{"007", "USD", 700, ""},
		{"0.01", "USD", 1, ""},
		{"1500", "JPY", 1500, ""},
		{"1,500", "JPY", 1500, ""},
		{"1.234", "KWD", 1234, ""},
		{"0.001", "KWD", 1, ""},
		{"10000000000000", "USD", 1_000_000_000_000_000, ""},
		{"10,000,000,000,000.00", "USD", 1_000_000_000_000_000, ""},
		{"1000000000000000", "JPY", 1_000_000_000_000_000, ""},
		{"999,999,999,999.99", "EUR", 99_999_999_999_999, ""},

		{"25 000,50", "USD", 0, "err.trustfund_amount_grouping"},
		{"1,00", "USD", 0, "err.trustfund_amount_grouping"},
		{"1,0000", "USD", 0, "err.trustfund_amount_grouping"},
		{"1234,567", "USD", 0, "err.trustfund_amount_grouping"},
		{"0,100", "USD", 0, "err.trustfund_amount_grouping"},
		{"1,,000", "USD", 0, "err.trustfund_amount_grouping"},
		{"1,", "USD", 0, "err.trustfund_amount_grouping"},
		{"1,000 000", "USD", 0, "err.trustfund_amount_grouping"},
		{"1  000", "USD", 0, "err.trustfund_amount_grouping"},
		{"25,50", "EUR", 0, "err.trustfund_amount_grouping"},
		{"1.001", "USD", 0, "err.trustfund_amount_decimals"},
		{"25.500", "USD", 0, "err.trustfund_amount_decimals"},
		{"1.5", "JPY", 0, "err.trustfund_amount_decimals"},
		{"1.0", "JPY", 0, "err.trustfund_amount_decimals"},
		{"1.2345", "KWD", 0, "err.trustfund_amount_decimals"},
		{"0", "USD", 0, "err.trustfund_amount_positive"},
		{"0.00", "USD", 0, "err.trustfund_amount_positive"},
		{"-5", "USD", 0, "err.trustfund_amount_positive"},
		{"\u22125.00", "USD", 0, "err.trustfund_amount_positive"},
		{"-0", "USD", 0, "err.trustfund_amount_positive"},
		{"10000000000000.01", "USD", 0, "err.trustfund_amount_too_large"},
		{"1000000000000001", "JPY", 0, "err.trustfund_amount_too_large"},
		{"99999999999999999999999999", "USD", 0, "err.trustfund_amount_too_large"},
		{"9223372036854775808", "JPY", 0, "err.trustfund_amount_too_large"},
		{"", "USD", 0, "err.trustfund_amount_required"},
		{"   ", "USD", 0, "err.trustfund_amount_required"},
		{"1e5", "USD", 0, "err.trustfund_amount_format"},
		{"+5", "USD", 0, "err.trustfund_amount_format"},
		{"--5", "USD", 0, "err.trustfund_amount_format"},
		{"1.", "USD", 0, "err.trustfund_amount_format"},
		{".5", "USD", 0, "err.trustfund_amount_format"},
		{"1.2.3", "USD", 0, "err.trustfund_amount_format"},
		{"1.5e2", "USD", 0, "err.trustfund_amount_format"},
		{"12a", "USD", 0, "err.trustfund_amount_format"},
		{"$25", "USD", 0, "err.trustfund_amount_format"},
		{"25 USD", "USD", 0, "err.trustfund_amount_format"},
		{"١٢٣", "USD", 0, "err.trustfund_amount_format"},
		{",000", "USD", 0, "err.trustfund_amount_format"},
		{"0x10", "USD", 0, "err.trustfund_amount_format"},
	}
	for _, c := range cases {
		got, err := ParseAmount(c.in, c.cur)
		if key := errFieldKey(err, "amount"); key != c.key || got != c.want {
			t.Errorf("ParseAmount(%q, %s) = %d, %v; want %d, key %q", c.in, c.cur, got, err, c.want, c.key)
		}
		if err != nil && !errs.Is(err, errs.KindInvalid) {
			t.Errorf("ParseAmount(%q, %s): %v is not an invalid-input error", c.in, c.cur, err)
		}
	}
}

func TestParseAmountArgs(t *testing.T) {
	_, err := ParseAmount("1.5", "JPY")
	args := errs.As(err).Fields[0].Args
	if args["Max"] != 0 || args["Currency"] != "JPY" {
		t.Errorf("decimals args = %v", args)
	}
	_, err = ParseAmount("20000000000000", "USD")
	args = errs.As(err).Fields[0].Args
	if args["Max"] != "10000000000000.00" || args["Currency"] != "USD" {
		t.Errorf("too large args = %v", args)
	}
	for _, cur := range []string{"XXX", "usd", ""} {
		_, err = ParseAmount("10", cur)
		if errFieldKey(err, "currency") != "err.trustfund_currency_unknown" {
			t.Errorf("ParseAmount with currency %q: %v", cur, err)
		}
	}
}

func TestFormatMinor(t *testing.T) {
	cases := []struct {
		minor int64
		cur   string
		want  string
	}{
		{2500050, "USD", "25000.50"},
		{1500, "JPY", "1500"},
		{5, "USD", "0.05"},
		{50, "USD", "0.50"},
		{0, "USD", "0.00"},
		{0, "JPY", "0"},
		{-5, "USD", "-0.05"},
		{-2500050, "EUR", "-25000.50"},
		{1234, "KWD", "1.234"},
		{1, "KWD", "0.001"},
		{1_000_000_000_000_000, "USD", "10000000000000.00"},
		{math.MaxInt64, "USD", "92233720368547758.07"},
		{math.MinInt64, "USD", "-92233720368547758.08"},
		{math.MinInt64, "JPY", "-9223372036854775808"},
		{12345, "XXX", "123.45"},
	}
	for _, c := range cases {
		if got := FormatMinor(c.minor, c.cur); got != c.want {
			t.Errorf("FormatMinor(%d, %s) = %q, want %q", c.minor, c.cur, got, c.want)
		}
	}
}

// TestFormatParseRoundTrip: what FormatMinor writes, ParseAmount reads back.
func TestFormatParseRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(4217, 1))
	for _, cur := range Currencies() {
		for range 200 {
			v := 1 + r.Int64N(maxAmountMinor)
			if r.IntN(2) == 0 {
				v = 1 + r.Int64N(100000)
			}
			got, err := ParseAmount(FormatMinor(v, cur), cur)
			if err != nil || got != v {
				t.Fatalf("%s %d: written %q, read %d, %v", cur, v, FormatMinor(v, cur), got, err)
			}
		}
	}
}

func TestParseRate(t *testing.T) {
	cases := []struct {
		in   string
		want string // as big.Rat's RatString; "" when refused
		key  string
	}{
		{"1.0845", "2169/2000", ""},
		{"0.0067", "67/10000", ""},
		{"1", "1", ""},
		{"1.0000", "1", ""},
		{" 3.2512 ", "2032/625", ""},
		{"0.0000000001", "1/10000000000", ""},
		{"0.1234567891", "1234567891/10000000000", ""},
		{"999999.9999999999", "9999999999999999/10000000000", ""},
		{"0.00000000001", "", "err.trustfund_rate_decimals"},
		{"1000000", "", "err.trustfund_rate_too_large"},
		{"0", "", "err.trustfund_rate_positive"},
		{"0.0000", "", "err.trustfund_rate_positive"},
		{"-1.2", "", "err.trustfund_rate_positive"},
		{"", "", "err.trustfund_rate_required"},
		{"1e5", "", "err.trustfund_rate_format"},
		{"1/3", "", "err.trustfund_rate_format"},
		{"1,0845", "", "err.trustfund_rate_format"},
		{"1,000.5", "", "err.trustfund_rate_format"},
		{".5", "", "err.trustfund_rate_format"},
		{"1.", "", "err.trustfund_rate_format"},
		{"+1", "", "err.trustfund_rate_format"},
		{"NaN", "", "err.trustfund_rate_format"},
		{"Inf", "", "err.trustfund_rate_format"},
	}
	for _, c := range cases {
		got, err := ParseRate(c.in)
		if key := errFieldKey(err, "rate"); key != c.key {
			t.Errorf("ParseRate(%q): %v, want key %q", c.in, err, c.key)
			continue
		}
		if c.want != "" && got.RatString() != c.want {
			t.Errorf("ParseRate(%q) = %s, want %s", c.in, got.RatString(), c.want)
		}
		if c.want == "" && got != nil {
			t.Errorf("ParseRate(%q) = %s with an error", c.in, got.RatString())
		}
	}
}

func parsedRate(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, err := ParseRate(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestToUSD(t *testing.T) {
	cases := []struct {
		minor int64
		cur   string
		rate  string
		want  int64
	}{
		{1, "JPY", "0.0067", 1},             // 0.67 cents
		{5, "EUR", "1.1", 6},                // 5.5 cents, half away from zero
		{5, "EUR", "1.3", 7},                // 6.5
		{4, "EUR", "1.125", 5},              // 4.5
		{-5, "EUR", "1.1", -6},              // −5.5
		{-4, "EUR", "1.125", -5},            // −4.5
		{1, "EUR", "1.49", 1},               // 1.49
		{1, "EUR", "1.4999999999", 1},       // just under the half
		{1, "EUR", "1.5", 2},                // the half itself
		{0, "EUR", "1.0845", 0},             // nothing
		{12345, "USD", "1", 12345},          // USD unchanged
		{12345, "USD", "1.0000", 12345},     // written as 1.0000
		{1500, "JPY", "0.0067", 1005},       // 10.05 USD
		{1, "KWD", "3.25", 0},               // 0.325 cents
		{2, "KWD", "3.25", 1},               // 0.65 cents
		{1000, "KWD", "3.2512", 325},        // 325.12 cents
		{3, "KWD", "3.25", 1},               // 0.975 cents
		{10000, "KRW", "0.0007", 700},       // 7 USD
		{2500050, "GBP", "1.2702", 3175564}, // 3175563.51 cents
		{99_999_999_999_999, "EUR", "1.0845", 108_449_999_999_999},
		{1_000_000_000_000_000, "JPY", "0.0067", 670_000_000_000_000},
		{maxAmountMinor, "USD", "1", maxAmountMinor},
	}
	for _, c := range cases {
		got, err := ToUSD(c.minor, c.cur, parsedRate(t, c.rate))
		if err != nil || got != c.want {
			t.Errorf("ToUSD(%d %s at %s) = %d, %v; want %d", c.minor, c.cur, c.rate, got, err, c.want)
		}
	}
}

func TestToUSDRefusals(t *testing.T) {
	cases := []struct {
		name       string
		minor      int64
		cur        string
		rate       *big.Rat
		field, key string
	}{
		{"unknown currency", 100, "XXX", big.NewRat(1, 1), "currency", "err.trustfund_currency_unknown"},
		{"nil rate", 100, "EUR", nil, "rate", "err.trustfund_rate_positive"},
		{"zero rate", 100, "EUR", new(big.Rat), "rate", "err.trustfund_rate_positive"},
		{"negative rate", 100, "EUR", big.NewRat(-11, 10), "rate", "err.trustfund_rate_positive"},
		{"USD at another rate", 100, "USD", big.NewRat(11, 10), "rate", "err.trustfund_rate_usd"},
		{"beyond int64", maxAmountMinor, "EUR", big.NewRat(9999999999999999, 10000000000), "amount", "err.trustfund_usd_too_large"},
		{"beyond int64 negative", math.MinInt64, "EUR", big.NewRat(2, 1), "amount", "err.trustfund_usd_too_large"},
	}
	for _, c := range cases {
		got, err := ToUSD(c.minor, c.cur, c.rate)
		if errFieldKey(err, c.field) != c.key || got != 0 {
			t.Errorf("%s: ToUSD = %d, %v; want %s on %s", c.name, got, err, c.key, c.field)
		}
	}
}

// TestToUSDExact compares ToUSD with the same conversion done in big.Rat
// (value + ½, floored, for a positive amount) over random amounts and rates,
// and checks that the rounding is symmetric about zero.
func TestToUSDExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1845, 2))
	half := big.NewRat(1, 2)
	for i := range 20000 {
		cur := Currencies()[r.IntN(len(Currencies()))]
		exp, _ := Exponent(cur)
		minor := 1 + r.Int64N(maxAmountMinor)
		if i%2 == 0 {
			minor = 1 + r.Int64N(10000)
		}
		rt := big.NewRat(1+r.Int64N(100_000_000_000), 10_000_000_000) // up to 10 USD, ten decimals
		if cur == "USD" {
			rt = big.NewRat(1, 1)
		}
		v := new(big.Rat).SetFrac(big.NewInt(minor), pow10Int(exp))
		v.Mul(v, rt).Mul(v, big.NewRat(100, 1)).Add(v, half)
		want := new(big.Int).Quo(v.Num(), v.Denom()) // floor, v > 0
		got, err := ToUSD(minor, cur, rt)
		if err != nil || got != want.Int64() {
			t.Fatalf("ToUSD(%d %s at %s) = %d, %v; want %s", minor, cur, rt.FloatString(10), got, err, want)
		}
		if neg, _ := ToUSD(-minor, cur, rt); neg != -got {
			t.Fatalf("ToUSD(%d %s) = %d, but ToUSD(%d) = %d", -minor, cur, neg, minor, got)
		}
	}
}

// TestToUSDNoFloat converts an amount whose cents float64 cannot hold
// exactly: 999,999,999,999.99 EUR at 1.0845 is 108449999999998.9155 cents.
func TestToUSDNoFloat(t *testing.T) {
	minor, err := ParseAmount("999,999,999,999.99", "EUR")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ToUSD(minor, "EUR", parsedRate(t, "1.0845"))
	if err != nil {
		t.Fatal(err)
	}
	exact, _ := new(big.Rat).SetString("108449999999998.9155")
	if exact.Cmp(new(big.Rat).Mul(big.NewRat(minor, 1), big.NewRat(10845, 10000))) != 0 {
		t.Fatal("the test's own arithmetic is wrong")
	}
	if got != 108_449_999_999_999 {
		t.Errorf("ToUSD = %d, want 108449999999999", got)
	}
}
