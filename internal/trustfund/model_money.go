package trustfund

import (
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/errs"
)

// currencyExponents holds the ISO 4217 minor-unit digits of the currencies
// the fund accepts: its donors' and those of the countries it pays out in.
var currencyExponents = map[string]int{
	"AED": 2, "AUD": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2, "CLP": 0,
	"CNY": 2, "CZK": 2, "DKK": 2, "EGP": 2, "EUR": 2, "GBP": 2, "HKD": 2,
	"HUF": 2, "IDR": 2, "INR": 2, "ISK": 0, "JOD": 3, "JPY": 0, "KES": 2,
	"KRW": 0, "KWD": 3, "MXN": 2, "NGN": 2, "NOK": 2, "NZD": 2, "OMR": 3,
	"PHP": 2, "PLN": 2, "QAR": 2, "RUB": 2, "SAR": 2, "SEK": 2, "SGD": 2,
	"THB": 2, "TRY": 2, "USD": 2, "ZAR": 2,
}

// maxAmountMinor is the largest amount ParseAmount accepts, in minor units: far
// above any contribution, and far enough below int64's limit that sums of
// many such amounts stay exact.
const maxAmountMinor = 1_000_000_000_000_000

// rateMaxDecimals and rateMaxIntDigits bound an exchange rate: at most ten
// decimals, and less than a million USD per unit (no currency is near it; a
// larger figure is a typing error).
const (
	rateMaxDecimals  = 10
	rateMaxIntDigits = 6
)

// Exponent is the number of minor-unit digits of an ISO 4217 currency (USD 2,
// JPY 0, KWD 3, …); false for an unknown code. Codes are upper case, as stored.
func Exponent(currency string) (int, bool) {
	e, ok := currencyExponents[currency]
	return e, ok
}

// Currencies lists the codes tipsom accepts, sorted.
func Currencies() []string {
	out := make([]string, 0, len(currencyExponents))
	for c := range currencyExponents {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// ParseAmount reads a decimal amount typed by a person into minor units of
// currency. Only "." marks decimals; the integer part may be grouped by three
// with "," or one kind of space ("25,000.50", "25 000.50"). An amount with
// more decimals than the currency has ("25.500" USD, "1.5" JPY) is refused
// rather than rounded: it is often a misread grouping. Zero, negative and
// amounts over 10^15 minor units are refused too.
func ParseAmount(s, currency string) (int64, error) {
	exp, ok := Exponent(currency)
	if !ok {
		return 0, currencyUnknown(currency)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, amountError("err.trustfund_amount_required")
	}
	s, neg := cutMinusSign(s)
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || (dot && (frac == "" || !decimalDigits(frac))) {
		return 0, amountError("err.trustfund_amount_format")
	}
	digits, key := ungroupAmount(whole)
	if key != "" {
		return 0, amountError(key)
	}
	if len(frac) > exp {
		return 0, amountError("err.trustfund_amount_decimals", "Max", exp, "Currency", currency)
	}
	digits = strings.TrimLeft(digits+frac+strings.Repeat("0", exp-len(frac)), "0")
	if len(digits) > len(strconv.Itoa(maxAmountMinor)) {
		return 0, amountTooLarge(currency)
	}
	v, err := strconv.ParseInt("0"+digits, 10, 64)
	if err != nil {
		return 0, amountError("err.trustfund_amount_format")
	}
	switch {
	case neg || v == 0:
		return 0, amountError("err.trustfund_amount_positive")
	case v > maxAmountMinor:
		return 0, amountTooLarge(currency)
	}
	return v, nil
}

// amountGroupSeparators are the marks accepted between groups of three digits.
const amountGroupSeparators = ", \u00a0\u2009\u202f"

// ungroupAmount returns the digits of an integer part, without its thousands
// separators, or the key of what is wrong with it. One kind of separator per
// amount; a first group of 1–3 digits not starting with 0, then groups of 3.
func ungroupAmount(s string) (string, string) {
	if decimalDigits(s) {
		return s, ""
	}
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	sep := []rune(s[i:])[0]
	if !strings.ContainsRune(amountGroupSeparators, sep) {
		return "", "err.trustfund_amount_format"
	}
	groups := strings.Split(s, string(sep))
	for n, g := range groups {
		if !decimalDigits(g) {
			if (n > 0 && g == "") || strings.ContainsAny(g, amountGroupSeparators) {
				return "", "err.trustfund_amount_grouping"
			}
			return "", "err.trustfund_amount_format"
		}
		if (n == 0 && (len(g) > 3 || g[0] == '0')) || (n > 0 && len(g) != 3) {
			return "", "err.trustfund_amount_grouping"
		}
	}
	return strings.Join(groups, ""), ""
}

// cutMinusSign removes one leading minus sign (ASCII or U+2212), saying whether
// there was one: a negative number is refused as such, not as unreadable.
func cutMinusSign(s string) (string, bool) {
	for _, m := range []string{"-", "\u2212"} {
		if rest, ok := strings.CutPrefix(s, m); ok {
			return rest, true
		}
	}
	return s, false
}

// decimalDigits says whether s is one or more ASCII digits.
func decimalDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func amountError(key string, args ...any) error {
	return errs.Invalid().Field("amount", key, args...)
}

func amountTooLarge(currency string) error {
	return amountError("err.trustfund_amount_too_large", "Max", FormatMinor(maxAmountMinor, currency), "Currency", currency)
}

func currencyUnknown(code string) error {
	return errs.Invalid().Field("currency", "err.trustfund_currency_unknown", "Code", code)
}

// FormatMinor writes minor units as a plain decimal string with the
// currency's digits ("25000.50", "1500" for JPY), no grouping: the localised
// display is the web layer's. An unknown code is written with two digits.
func FormatMinor(minor int64, currency string) string {
	exp, ok := Exponent(currency)
	if !ok {
		exp = 2
	}
	abs := uint64(minor)
	if minor < 0 {
		abs = -abs
	}
	s := strconv.FormatUint(abs, 10)
	if exp > 0 {
		if len(s) <= exp {
			s = strings.Repeat("0", exp-len(s)+1) + s
		}
		s = s[:len(s)-exp] + "." + s[len(s)-exp:]
	}
	if minor < 0 {
		s = "-" + s
	}
	return s
}

// ParseRate reads an exchange rate, USD per one unit of the currency, as a
// positive decimal with at most ten decimals ("1.0845", "0.0067"). Exponent
// notation and fractions are refused: the rate is what the bank statement says.
func ParseRate(s string) (*big.Rat, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, rateError("err.trustfund_rate_required")
	}
	s, neg := cutMinusSign(s)
	whole, frac, dot := strings.Cut(s, ".")
	if !decimalDigits(whole) || (dot && !decimalDigits(frac)) {
		return nil, rateError("err.trustfund_rate_format")
	}
	if len(frac) > rateMaxDecimals {
		return nil, rateError("err.trustfund_rate_decimals", "Max", rateMaxDecimals)
	}
	if len(strings.TrimLeft(whole, "0")) > rateMaxIntDigits {
		return nil, rateError("err.trustfund_rate_too_large", "Max", "1"+strings.Repeat("0", rateMaxIntDigits))
	}
	num, _ := new(big.Int).SetString(whole+frac, 10)
	if neg || num.Sign() == 0 {
		return nil, rateError("err.trustfund_rate_positive")
	}
	return new(big.Rat).SetFrac(num, pow10Int(len(frac))), nil
}

func rateError(key string, args ...any) error {
	return errs.Invalid().Field("rate", key, args...)
}

// pow10Int is 10^n as a big.Int.
func pow10Int(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// ToUSD converts minor units of currency at rate (USD per unit) into USD
// cents, exactly, rounding half away from zero. A USD amount must come at
// rate 1, and then comes back unchanged.
func ToUSD(minor int64, currency string, rate *big.Rat) (int64, error) {
	exp, ok := Exponent(currency)
	if !ok {
		return 0, currencyUnknown(currency)
	}
	if rate == nil || rate.Sign() <= 0 {
		return 0, rateError("err.trustfund_rate_positive")
	}
	if currency == "USD" && rate.Cmp(big.NewRat(1, 1)) != 0 {
		return 0, rateError("err.trustfund_rate_usd")
	}
	usdExp, _ := Exponent("USD")
	// cents = minor / 10^exp × rate × 10^usdExp
	num := new(big.Int).Mul(big.NewInt(minor), rate.Num())
	den := new(big.Int).Set(rate.Denom())
	if exp > usdExp {
		den.Mul(den, pow10Int(exp-usdExp))
	} else {
		num.Mul(num, pow10Int(usdExp-exp))
	}
	cents := roundHalfAwayFromZero(num, den)
	if !cents.IsInt64() {
		return 0, amountError("err.trustfund_usd_too_large")
	}
	return cents.Int64(), nil
}

// roundHalfAwayFromZero is num/den rounded to the nearest integer, halves away from
// zero (den > 0).
func roundHalfAwayFromZero(num, den *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(num), den, new(big.Int))
	if r.Lsh(r, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if num.Sign() < 0 {
		q.Neg(q)
	}
	return q
}
