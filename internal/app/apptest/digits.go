package apptest

import (
	"html"
	"regexp"
	"strings"
)

var (
	tableRE = regexp.MustCompile(`(?s)<table[\s>].*?</table>`)
	// Quoted text keeps the digits it was written with.
	quotedRE = regexp.MustCompile(`(?s)<bdi[\s>].*?</bdi>|<(script|style)[\s>].*?</(script|style)>`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	// Latin identifiers are not numbers: M49, alpha-3, SHA-256, XVIII-12.
	identRE   = regexp.MustCompile(`[A-Za-z0-9._-]*[A-Za-z][A-Za-z0-9._-]*`)
	latinRE   = regexp.MustCompile(`[0-9]`)
	arabicRE  = regexp.MustCompile(`[\x{0660}-\x{0669}]`)
	easternRE = regexp.MustCompile(`[\x{06F0}-\x{06F9}]`)
)

// MixedDigitTables returns the text of every table in body that writes
// numbers in more than one digit system (0–9, Arabic-Indic ٠–٩, Eastern
// Arabic-Indic ۰–۹), leaving aside quoted text (<bdi>), which keeps the
// digits its author wrote, and Latin identifiers such as "M49" or
// "ISO alpha-3".
func MixedDigitTables(body string) []string {
	var out []string
	for _, table := range tableRE.FindAllString(body, -1) {
		text := tagRE.ReplaceAllString(quotedRE.ReplaceAllString(table, ""), " ")
		text = identRE.ReplaceAllString(html.UnescapeString(text), " ")
		systems := 0
		for _, re := range []*regexp.Regexp{latinRE, arabicRE, easternRE} {
			if re.MatchString(text) {
				systems++
			}
		}
		if systems > 1 {
			out = append(out, strings.Join(strings.Fields(text), " "))
		}
	}
	return out
}

// HasArabicDigits reports whether body's text (outside tags) has
// Arabic-Indic digits.
func HasArabicDigits(body string) bool {
	return arabicRE.MatchString(tagRE.ReplaceAllString(body, " "))
}
