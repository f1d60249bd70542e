package treaty

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/tipsom/tipsom/internal/geo"
)

// Participant is who a name in a status table designates: a State (ISO3)
// or a non-State party (Name, no ISO3).
type Participant struct {
	ISO3 string
	Name string // the non-State party's stored name; "" for States
}

// Key is how the participant is stored: its ISO3, or its name.
func (p Participant) Key() string {
	if p.ISO3 != "" {
		return p.ISO3
	}
	return p.Name
}

// Resolver turns participant names, as the UN writes them, into
// participants: first the hand-written table of UN spellings, then the
// CLDR country names geo knows, as a fallback for other spellings.
type Resolver struct {
	byName map[string]Participant
}

// NewResolver indexes the UN spellings and the English CLDR names of
// countries. The UN's own table wins where both name a place.
func NewResolver(countries []geo.Country) *Resolver {
	r := &Resolver{byName: map[string]Participant{}}
	for _, c := range countries {
		r.byName[foldName(c.Name("en"))] = Participant{ISO3: c.ISO3}
	}
	for name, iso3 := range unSpellings() {
		r.byName[foldName(name)] = Participant{ISO3: iso3}
	}
	for name, party := range nonStateParties() {
		r.byName[foldName(name)] = Participant{Name: party}
	}
	return r
}

// Resolve returns the participant name designates, or false.
func (r *Resolver) Resolve(name string) (Participant, bool) {
	p, ok := r.byName[foldName(name)]
	return p, ok && foldName(name) != ""
}

var (
	// footnote markers copied along with a name: "Denmark 3", "Belgium²", "France*", "Iraq 4, 5"
	footnotes = regexp.MustCompile(`[\s\d\x{00B9}\x{00B2}\x{00B3}\x{2070}-\x{2079}*†‡,;]+$`)
	// "St. Lucia", "St Kitts" → "saint …"
	saintAbbrev = regexp.MustCompile(`^st\.?\s+`)
	spaces      = regexp.MustCompile(`\s+`)
)

// foldName reduces a name to what identifies it: no footnote markers, no
// accents, one kind of apostrophe, "saint" spelt out, spaces collapsed,
// lower case. "Côte d’Ivoire 1" and "Cote d'Ivoire" fold alike.
func foldName(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
	s = strings.Trim(s, `"`)
	s = footnotes.ReplaceAllString(s, "")
	s, _, _ = transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u02bc", "'", "`", "'", "\u00b4", "'", "\u00a0", " ").Replace(s)
	s = strings.ToLower(spaces.ReplaceAllString(strings.TrimSpace(s), " "))
	s = saintAbbrev.ReplaceAllString(s, "saint ")
	s = strings.ReplaceAll(s, "( ", "(")
	return strings.ReplaceAll(s, " )", ")")
}
