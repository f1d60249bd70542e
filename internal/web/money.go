package web

import (
	"fmt"
	"strings"
)

// Amount writes an amount of minor units with exp decimals (2 for USD
// cents, 0 for yen) in the reader's language — its digit grouping, its
// decimal mark and its digits — without ever turning money into a float.
func (l *Localizer) Amount(minor int64, exp int) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	div := int64(1)
	for i := 0; i < exp; i++ {
		div *= 10
	}
	whole := sign + l.Num(minor/div)
	if exp == 0 {
		return whole
	}
	// The language's decimal mark, read off a number it formats.
	mark := strings.Trim(l.printer.Sprintf("%.1f", 0.5), "05٠٥۰۵")
	return whole + mark + l.Digits(fmt.Sprintf("%0*d", exp, minor%div))
}

// USD writes USD cents as an amount in the reader's language, with the
// currency's code: "USD 25,000.00".
func (l *Localizer) USD(cents int64) string { return "USD " + l.Amount(cents, 2) }
