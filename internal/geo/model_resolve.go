package geo

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Names turns country names as people write them — the UN's spellings old
// and current, CLDR's names in the six languages — into ISO3 codes.
type Names struct {
	byName map[string]string
}

// NewNames indexes the names of countries in every language (the UN's and
// the CLDR names they replaced), then the UN's English spellings, which win
// where both name a place.
func NewNames(countries []Country) *Names {
	n := &Names{byName: map[string]string{}}
	for _, c := range countries {
		for _, name := range c.replaced {
			n.byName[FoldName(name)] = c.ISO3
		}
	}
	for _, c := range countries {
		for _, name := range c.Names {
			n.byName[FoldName(name)] = c.ISO3
		}
	}
	for name, iso3 := range UNSpellings() {
		n.byName[FoldName(name)] = iso3
	}
	return n
}

// ISO3 returns the code of the country name designates. A name garbled by
// a wrong character set ("CÃ´te d'Ivoire") is repaired first.
func (n *Names) ISO3(name string) (string, bool) {
	f := FoldName(name)
	if f == "" {
		return "", false
	}
	if iso3, ok := n.byName[f]; ok {
		return iso3, true
	}
	if fixed, ok := repairMojibake(name); ok {
		iso3, found := n.byName[FoldName(fixed)]
		return iso3, found
	}
	return "", false
}

// repairMojibake undoes UTF-8 text decoded as Latin-1 once ("Ã´" → "ô").
func repairMojibake(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return "", false
		}
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) || string(b) == s {
		return "", false
	}
	return string(b), true
}

// apostrophes makes every apostrophe-like mark one ASCII apostrophe.
var apostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "`", "'", "\u00b4", "'", "\u00a0", " ")

var (
	// footnote markers copied along with a name: "Denmark 3", "Belgium²", "France*", "Iraq 4, 5"
	footnotes = regexp.MustCompile(`[\s\d\x{00B9}\x{00B2}\x{00B3}\x{2070}-\x{2079}*†‡,;]+$`)
	// "St. Lucia", "St Kitts" → "saint …"
	saintAbbrev = regexp.MustCompile(`^st\.?\s+`)
	spaces      = regexp.MustCompile(`\s+`)
)

// FoldName reduces a name to what identifies it: no footnote markers, no
// accents, one kind of apostrophe, "saint" spelt out, spaces collapsed,
// lower case. "Côte d’Ivoire 1" and "Cote d'Ivoire" fold alike.
func FoldName(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	s = strings.Trim(s, `"`)
	s = footnotes.ReplaceAllString(s, "")
	s, _, _ = transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	s = apostrophes.Replace(s)
	s = strings.ToLower(spaces.ReplaceAllString(strings.TrimSpace(s), " "))
	s = saintAbbrev.ReplaceAllString(s, "saint ")
	s = strings.ReplaceAll(s, "( ", "(")
	return strings.ReplaceAll(s, " )", ")")
}
