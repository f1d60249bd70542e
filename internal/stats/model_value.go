package stats

import (
	"strconv"
	"strings"
)

// Value kinds: a count, a count UNODC suppressed because it was below five
// (kept as suppressed, never as 0 or 5), or nothing reported. Published
// figures may also be KindWithheld ("x"): a count tipsom holds but does not
// publish (release.go); that kind is never stored.
const (
	KindCount      = "count"
	KindSuppressed = "suppressed"
	KindMissing    = "missing"
)

// SuppressedText is how the published layout writes a suppressed count.
const SuppressedText = "<5"

// Value is an observation's value.
type Value struct {
	Kind string `json:"kind"`
	N    int64  `json:"n,omitempty"` // the count when Kind is KindCount
}

// Count returns a count value.
func Count(n int64) Value { return Value{Kind: KindCount, N: n} }

// String writes v as the published layout does.
func (v Value) String() string {
	switch v.Kind {
	case KindCount:
		return strconv.FormatInt(v.N, 10)
	case KindSuppressed:
		return SuppressedText
	case KindWithheld:
		return WithheldText
	}
	return ""
}

// Bounds are the least and greatest counts v may stand for: a suppressed
// cell is between 0 and 4 (the published data has totals of zero beside
// suppressed breakdowns), a missing one is unknown.
func (v Value) Bounds() (lo, hi int64, known bool) {
	switch v.Kind {
	case KindCount:
		return v.N, v.N, true
	case KindSuppressed:
		return 0, 4, true
	}
	return 0, 0, false
}

// valueProblem is why a txtVALUE cannot be read, as a catalogue key.
type valueProblem string

const (
	valueOK         valueProblem = ""
	valueNegative   valueProblem = "err.stats_value_negative"
	valueFractional valueProblem = "err.stats_value_fractional"
	valueNotNumber  valueProblem = "err.stats_value_not_number"
)

// separators are the thousands separators a count may carry.
var separators = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "")

// ParseValue reads a txtVALUE: a count, possibly with thousands separators
// ("1,282", "1 282"), "<5", or empty for missing.
func ParseValue(s string) (Value, valueProblem) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Value{Kind: KindMissing}, valueOK
	case strings.ReplaceAll(s, " ", "") == SuppressedText:
		return Value{Kind: KindSuppressed}, valueOK
	}
	digits := separators.Replace(s)
	if n, err := strconv.ParseInt(digits, 10, 64); err == nil {
		if n < 0 {
			return Value{}, valueNegative
		}
		return Count(n), valueOK
	}
	if f, err := strconv.ParseFloat(digits, 64); err == nil {
		if f < 0 {
			return Value{}, valueNegative
		}
		if f == float64(int64(f)) {
			return Count(int64(f)), valueOK // 12.0 from a spreadsheet
		}
		return Value{}, valueFractional
	}
	return Value{}, valueNotNumber
}
