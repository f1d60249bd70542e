package web

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/message"
)

// numbering is a language's digits as CLDR gives them (golang.org/x/text):
// its default numbering system, the one Num groups figures in. For Arabic
// that is the Arabic-Indic digits (٠١٢…٩, decimal separator ٫); the other
// five languages write 0–9. Every number a page prints through the
// localiser — Num, Digits, Date, DateTime and the numbers in catalogue
// messages — uses it, so a table never mixes two systems.
type numbering struct {
	zero    rune // the digit zero
	decimal rune // the decimal separator
}

// numberingOf reads the numbering system p formats in.
func numberingOf(p *message.Printer) numbering {
	zero, _ := utf8.DecodeRuneInString(p.Sprintf("%d", 0))
	n := numbering{zero: zero, decimal: '.'}
	if s := []rune(p.Sprintf("%.1f", 0.5)); len(s) == 3 {
		n.decimal = s[1]
	}
	return n
}

// latin reports whether the language writes 0–9 (its decimal separator,
// a full stop or a comma, is then Num's business).
func (n numbering) latin() bool { return n.zero == '0' }

// of rewrites the ASCII digits of s, and a full stop between two of them,
// in the language's digits.
func (n numbering) of(s string) string {
	if n.latin() || !strings.ContainsAny(s, "0123456789") {
		return s
	}
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(n.zero + (c - '0'))
		case c == '.' && i > 0 && i+1 < len(r) && isDigit(r[i-1]) && isDigit(r[i+1]):
			b.WriteRune(n.decimal)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

// args returns a message's arguments with the integers among them written
// in the language's digits — the count grouped as Num groups it, others (a
// year, a line number) not — leaving data as it was. The plural form is
// chosen before, from the number itself.
func (n numbering) args(data map[string]any, num func(any) string) map[string]any {
	if n.latin() {
		return data
	}
	out := make(map[string]any, len(data))
	for k, v := range data {
		switch v.(type) {
		case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
			if k == "Count" {
				out[k] = num(v)
			} else {
				out[k] = n.of(fmt.Sprint(v))
			}
		default:
			out[k] = v
		}
	}
	return out
}

// Digits writes v — a year, a code, a figure that must not be grouped, a
// string such as "12.5" — in the language's digits, without grouping:
// {{$.Digits .Year}}. Num is for counts and amounts, which are grouped.
func (l *Localizer) Digits(v any) string {
	switch x := v.(type) {
	case string:
		return l.digits.of(x)
	case fmt.Stringer:
		return l.digits.of(x.String())
	}
	return l.digits.of(fmt.Sprint(v))
}
