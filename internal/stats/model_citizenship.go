package stats

import (
	"regexp"
	"strings"

	"github.com/tipsom/tipsom/internal/geo"
)

// OwnCountry marks, in reviewedCategories, a category that means the
// country's own nationals, however spelt ("Ciudadanos de su país").
const OwnCountry = "="

// reviewedCategories are the citizenship and repatriation categories of
// the published files that no country name of the six languages matches:
// demonyms, other languages' names, misspellings and abbreviations, each
// read and mapped to the country it names (or to the country's own
// nationals). Keys are folded (geo.FoldName); a key may be written with
// its accents, and a damaged label ("HONDURE�A") matches it with the
// damage as a wildcard. What is not here and not a country name stays
// unmapped, and is counted and listed as such: regions ("Africa others"),
// "Unknown", "Stateless", several countries in one label.
var reviewedCategories = map[string]string{
	// The country's own nationals.
	"ciudadanos de su país": OwnCountry, "own country": OwnCountry, "nationals": OwnCountry, "nationaux": OwnCountry,
	"netherlands (own country)": OwnCountry, "domestic (myanmar)": OwnCountry, "nacionales": OwnCountry,
	// Names in other languages, misspelt or abbreviated.
	"abania": "ALB", "albanian": "ALB", "97 albanian": "ALB", "alemana": "DEU", "angolan": "AGO", "angolans": "AGO",
	"argentino": "ARG", "b & h": "BIH", "barsil": "BRA", "beliceña": "BLZ", "brasilera": "BRA", "brasilero": "BRA",
	"brazilian": "BRA", "brésilien": "BRA", "belarussian": "BLR", "byelorussian": "BLR", "belga": "BEL", "belizean": "BLZ",
	"benin rep": "BEN", "bhuatnese": "BTN", "bosnia": "BIH", "bosnia erzegovina": "BIH", "bosnian": "BIH",
	"burmese": "MMR", "myanmar nation": "MMR", "colombiana": "COL", "colombiano": "COL", "columbia": "COL",
	"cameroonian": "CMR", "canadá": "CAN", "chino": "CHN", "chinois": "CHN", "costa d'avorio": "CIV", "côte d'ivoire": "CIV",
	"croazia": "HRV", "cubano": "CUB", "dominicana": "DOM", "r.dominicana": "DOM", "rep. dominicana": "DOM",
	"república dominicana": "DOM", "dominican rebublic": "DOM", "dominican rep": "DOM", "dem. rep. of the congo": "COD",
	"emiratos árabes unidos": "ARE", "españa": "ESP", "spania": "ESP", "spanish": "ESP", "estados unidos de américa": "USA",
	"erithera": "ERI", "eritrean": "ERI", "ethopia": "ETH", "filippine": "PHL", "phillipines": "PHL", "gran bretaña": "GBR",
	"gambian": "GMB", "gana": "GHA", "ghanaian": "GHA", "georgian": "GEO", "guatemalan": "GTM", "guatemaltecos": "GTM",
	"guinea conakry": "GIN", "holanda": "NLD", "nederland": "NLD", "hondureña": "HND", "hondureño": "HND", "hodruanian": "HND",
	"honduranian": "HND", "haitiano": "HTI", "indian": "IND", "indien": "IND", "indonesian": "IDN", "kirguizstán": "KGZ",
	"kirghiz": "KGZ", "kazahstan": "KAZ", "kazakhistan": "KAZ", "kazalhstan": "KAZ", "keniano": "KEN",
	"lao people's dem. republic": "LAO", "libanon": "LBN", "lybia": "LBY", "morrocan": "MAR", "moroco": "MAR",
	"macedonian": "MKD", "madagascarian": "MDG", "moldovan": "MDA", "république de moldavie": "MDA", "monte negro": "MNE",
	"méxico": "MEX", "niger rep": "NER", "panamá": "PAN", "pero": "PER", "peruana": "PER", "peruano": "PER", "perú": "PER",
	"paraguayo": "PRY", "república checa": "CZE", "république tchèque": "CZE", "salvadoreña": "SLV", "sierra leonean": "SLE",
	"south african": "ZAF", "south korean": "KOR", "sweeden": "SWE", "syriah": "SYR", "turquía": "TUR", "türkiye": "TUR",
	"tanzania, united republic of": "TZA", "tanzanian": "TZA", "the ukraine": "UKR", "ukrainien": "UKR", "tunisa": "TUN",
	"ugandan": "UGA", "venezolana": "VEN", "venezolano": "VEN", "zambian": "ZMB", "francais": "FRA", "italien": "ITA",
	"luxembourgeois": "LUX", "portugais": "PRT", "roumain": "ROU", "vietnamese": "VNM", "congolese": "COG",
	"mumbai, india": "IND", "china, hong kong sar": "HKG", "china, hong kong special administrative region": "HKG",
	"china, taiwan province of china": "TWN", "taiwanese": "TWN", "2 maliens": "MLI", "3 maliens": "MLI",
	"kosovo": "XKX", "kosovo under unscr 1244": "XKX", "kosovo (under unsc res. 1244)": "XKX",
}

// categoryResolver maps a citizenship or repatriation category, as a file
// wrote it, to a country: the analysts' aliases, the reviewed table, the
// country names of the six languages (after undoing double-encoded
// UTF-8), and — for a label with characters lost to U+FFFD — the one name
// of any of those that matches with each lost character as a wildcard.
type categoryResolver struct {
	known    func(iso3 string) bool
	resolve  func(name string) (string, bool) // aliases, then geo's names
	reviewed map[string]string                // folded → ISO3 or OwnCountry
	folded   map[string]string                // every folded name → ISO3 or OwnCountry, for wildcards
}

func newCategoryResolver(countries []geo.Country, known func(string) bool, resolve func(string) (string, bool)) *categoryResolver {
	r := &categoryResolver{known: known, resolve: resolve, reviewed: map[string]string{}, folded: map[string]string{}}
	for _, c := range countries {
		for _, n := range c.Names {
			r.folded[geo.FoldName(n)] = c.ISO3
		}
	}
	for n, iso3 := range geo.UNSpellings() {
		r.folded[geo.FoldName(n)] = iso3
	}
	for k, v := range reviewedCategories {
		if v != OwnCountry && !known(v) {
			continue // a code this database does not hold (Kosovo, XKX, where absent)
		}
		r.reviewed[geo.FoldName(k)] = v
		r.folded[geo.FoldName(k)] = v
	}
	return r
}

// Resolve returns the ISO3 a category names, OwnCountry for the country's
// own nationals, or false when it names no one country.
func (r *categoryResolver) Resolve(label string) (string, bool) {
	f := geo.FoldName(label)
	if v, ok := r.reviewed[f]; ok {
		return v, true
	}
	if iso3, ok := r.resolve(label); ok {
		return iso3, true
	}
	if fixed, ok := undoDoubleUTF8(label); ok {
		if v, ok := r.reviewed[geo.FoldName(fixed)]; ok {
			return v, true
		}
		if iso3, ok := r.resolve(fixed); ok {
			return iso3, true
		}
	}
	if strings.ContainsRune(f, '\uFFFD') {
		return r.wildcard(f)
	}
	return "", false
}

// wildcard matches a folded label whose lost characters are U+FFFD with
// every folded name, each lost character standing for one character (or
// none: a lost apostrophe). Only a match naming one country counts.
func (r *categoryResolver) wildcard(f string) (string, bool) {
	var b strings.Builder
	b.WriteString("^")
	for _, part := range strings.Split(f, "\uFFFD") {
		if b.Len() > 1 {
			b.WriteString(".?")
		}
		b.WriteString(regexp.QuoteMeta(part))
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return "", false
	}
	found := ""
	for name, v := range r.folded {
		if re.MatchString(name) {
			if found != "" && found != v {
				return "", false // two countries fit: not a match
			}
			found = v
		}
	}
	return found, found != ""
}

// undoDoubleUTF8 undoes UTF-8 decoded as Latin-1 or Windows-1252 once
// ("TÃ¼rkiye" → "Türkiye").
func undoDoubleUTF8(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for _, c := range s {
		switch {
		case c <= 0xFF:
			b = append(b, byte(c))
		case cp1252[c] != 0:
			b = append(b, cp1252[c])
		default:
			return "", false
		}
	}
	out := string(b)
	if out == s || strings.ContainsRune(out, '\uFFFD') || !validUTF8(b) {
		return "", false
	}
	return out, true
}

// cp1252 are the Windows-1252 characters of bytes 0x80–0x9F.
var cp1252 = map[rune]byte{'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
	'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F}

func validUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// foreignCategories are the categories of the published files that say a
// victim was a foreigner without naming the country (folded; a damaged
// label matches with its losses as wildcards): neither nationals nor an
// unknown citizenship, they form the flow class "foreign".
var foreignCategories = []string{"personnes de nationalité étrangère", "étrangers", "etranger", "foreigners", "foreign nationals",
	"foreign", "extranjeros", "extranjero", "otras nacionalidades", "(especifique otras nacionalidades)", "otros", "others",
	"africa others", "asia others", "europe others", "eu-28 others", "central africa", "amercias", "m49 region: africa",
	"m49 region: asia", "m49 region: americas", "european economic area",
	"other countries (dominica, panama, french guiana, brazil, etc.)", "caribbean (trinidad and tobago, barbados, etc)",
	"3 nigériens et 1 tunisien"}

var foreignFolded = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range foreignCategories {
		m[geo.FoldName(c)] = true
	}
	return m
}()

// foreignUnspecified reports whether a category names foreigners of no
// one country.
func foreignUnspecified(label string) bool {
	f := geo.FoldName(label)
	if foreignFolded[f] {
		return true
	}
	if !strings.ContainsRune(f, '\uFFFD') {
		return false
	}
	re, err := regexp.Compile("^" + strings.ReplaceAll(regexp.QuoteMeta(f), "\uFFFD", ".?") + "$")
	if err != nil {
		return false
	}
	for c := range foreignFolded {
		if re.MatchString(c) {
			return true
		}
	}
	return false
}
