package geo

import (
	"fmt"
	"sort"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/tipsom/tipsom/internal/web"
)

// The M49 regions, sub-regions and intermediate regions, by code. Their
// names in the six languages are catalogue keys "geo.m49.CODE".
var (
	m49Regions       = []string{"002", "019", "142", "150", "009"}
	m49Subregions    = []string{"015", "202", "419", "021", "143", "030", "035", "034", "145", "151", "154", "039", "155", "053", "054", "057", "061"}
	m49Intermediates = []string{"014", "017", "018", "011", "029", "013", "005"}
)

// notCountries are codes CLDR knows as countries that ISO 3166-1 does not
// list (withdrawn codes kept for history, and the user-assigned XK).
var notCountries = map[string]bool{"AN": true, "CS": true, "NT": true, "SU": true, "YU": true, "XK": true}

// m49Override gives the M49 placement where CLDR's containment differs:
// CLDR puts these territories in Oceania or Asia, M49 elsewhere (or nowhere).
var m49Override = map[string][3]string{
	"AQ": {"", "", ""},
	"BV": {"019", "419", "005"},
	"GS": {"019", "419", "005"},
	"IO": {"002", "202", "014"},
	"TF": {"002", "202", "014"},
	"CX": {"009", "053", ""},
	"CC": {"009", "053", ""},
	"HM": {"009", "053", ""},
	"UM": {"009", "057", ""},
	"TW": {"", "", ""},
}

// reference builds the ISO 3166-1 table from CLDR (golang.org/x/text):
// every two-letter code CLDR knows as a country with an M49 number, less the
// withdrawn ones, placed in M49's regions, named in the six languages by
// the UN's names (unNames) or, where the UN's are CLDR's, by CLDR's.
func reference() []Country {
	var out []Country
	namers := map[string]display.Namer{}
	for _, l := range web.LangCodes {
		namers[l] = display.Regions(language.MustParse(l))
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			r, err := language.ParseRegion(code)
			if err != nil || !r.IsCountry() || r.M49() == 0 || r.Canonicalize() != r || notCountries[code] {
				continue
			}
			c := Country{ISO2: code, ISO3: r.ISO3(), M49: fmt.Sprintf("%03d", r.M49()), Names: map[string]string{}}
			if o, ok := m49Override[code]; ok {
				c.Region, c.Subregion, c.Intermediate = o[0], o[1], o[2]
			} else {
				c.Region, c.Subregion, c.Intermediate = within(r, m49Regions), within(r, m49Subregions), within(r, m49Intermediates)
			}
			for _, l := range web.LangCodes {
				c.Names[l] = namers[l].Name(r)
				if un := unNames[c.ISO3].in(l); un != "" {
					c.replaced = append(c.replaced, c.Names[l])
					c.Names[l] = un
				}
			}
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ISO3 < out[j].ISO3 })
	return out
}

// within returns the code of the group in set that contains r, or "".
func within(r language.Region, set []string) string {
	for _, code := range set {
		if g, err := language.ParseRegion(code); err == nil && g.Contains(r) {
			return code
		}
	}
	return ""
}

// UN regional groups (the groups of Member States the General Assembly
// uses; the review mechanism draws reviewers by them). Kiribati belongs to
// none; the United States sits with the Western European and other States.
var unRegionalGroups = map[string][]string{
	"african": {"DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG", "CIV", "COD", "DJI", "EGY",
		"GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN", "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI", "MRT",
		"MUS", "MAR", "MOZ", "NAM", "NER", "NGA", "RWA", "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN", "TGO", "TUN",
		"UGA", "TZA", "ZMB", "ZWE"},
	"asia-pacific": {"AFG", "BHR", "BGD", "BTN", "BRN", "KHM", "CHN", "CYP", "PRK", "FJI", "IND", "IDN", "IRN", "IRQ", "JPN",
		"JOR", "KAZ", "KWT", "KGZ", "LAO", "LBN", "MYS", "MDV", "MHL", "FSM", "MNG", "MMR", "NRU", "NPL", "OMN", "PAK", "PLW",
		"PNG", "PHL", "QAT", "KOR", "WSM", "SAU", "SGP", "SLB", "LKA", "SYR", "TJK", "THA", "TLS", "TON", "TKM", "TUV", "ARE",
		"UZB", "VUT", "VNM", "YEM"},
	"eastern-european": {"ALB", "ARM", "AZE", "BLR", "BIH", "BGR", "HRV", "CZE", "EST", "GEO", "HUN", "LVA", "LTU", "MNE",
		"POL", "MDA", "ROU", "RUS", "SRB", "SVK", "SVN", "MKD", "UKR"},
	"latin-american-caribbean": {"ATG", "ARG", "BHS", "BRB", "BLZ", "BOL", "BRA", "CHL", "COL", "CRI", "CUB", "DMA", "DOM",
		"ECU", "SLV", "GRD", "GTM", "GUY", "HTI", "HND", "JAM", "MEX", "NIC", "PAN", "PRY", "PER", "KNA", "LCA", "VCT", "SUR",
		"TTO", "URY", "VEN"},
	"western-european-other": {"AND", "AUS", "AUT", "BEL", "CAN", "DNK", "FIN", "FRA", "DEU", "GRC", "ISL", "IRL", "ISR",
		"ITA", "LIE", "LUX", "MLT", "MCO", "NLD", "NZL", "NOR", "PRT", "SMR", "ESP", "SWE", "CHE", "TUR", "GBR", "USA"},
}

// unRegionalGroupOrder is the order the UN lists the groups in.
var unRegionalGroupOrder = []string{"african", "asia-pacific", "eastern-european", "latin-american-caribbean", "western-european-other"}
