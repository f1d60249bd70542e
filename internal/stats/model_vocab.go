package stats

import "strings"

// Term is a controlled value: the code stored, and the label the published
// layout uses (English, as dataUNODC writes it).
type Term struct {
	Code  string
	Label string
}

// Indicator is one statistic collected from States.
type Indicator struct {
	Term
	ICCS string // International Classification of Crime for Statistical Purposes
	Area string // "tip" or "som"
}

// ICCS codes of the two crimes.
const (
	ICCSTrafficking = "0204"
	ICCSSmuggling   = "08051"
)

// Indicators are the published TIP indicators and the SOM indicators
// collected in the same long form.
var Indicators = []Indicator{
	{Term{"detected_victims", "Detected trafficking victims"}, ICCSTrafficking, "tip"},
	{Term{"formal_contact", "Persons brought into formal contact"}, ICCSTrafficking, "tip"},
	{Term{"prosecuted", "Persons prosecuted"}, ICCSTrafficking, "tip"},
	{Term{"convicted", "Persons convicted"}, ICCSTrafficking, "tip"},
	{Term{"offences", "Offences of trafficking in persons"}, ICCSTrafficking, "tip"},
	{Term{"som_detected", "Smuggled migrants detected"}, ICCSSmuggling, "som"},
	{Term{"som_prosecuted", "Persons prosecuted for smuggling of migrants"}, ICCSSmuggling, "som"},
	{Term{"som_convicted", "Persons convicted for smuggling of migrants"}, ICCSSmuggling, "som"},
}

// Dimension codes.
const (
	DimTotal        = "total"
	DimExploitation = "exploitation"
	DimCitizenship  = "citizenship"
	DimRepatriation = "repatriation"
	DimRoute        = "route"
	DimMode         = "mode"
)

// Dimensions break an indicator down. Citizenship and repatriation take
// countries as categories (as published: names, "Nationals", "Abroad");
// route takes "ORIGIN>TRANSIT>DESTINATION" ISO3 chains; the others take
// terms from their vocabulary.
var Dimensions = []Term{
	{DimTotal, "Total"},
	{DimExploitation, "by form of exploitation"},
	{DimCitizenship, "by citizenship"},
	{DimRepatriation, "by country of repatriation"},
	{DimRoute, "by route"},
	{DimMode, "by mode of transport"},
}

// CategoryTotal is the category of the Total dimension.
const CategoryTotal = "Total"

// Special categories of the country dimensions.
const (
	CategoryNationals = "Nationals" // by citizenship: the detecting country's own citizens
	CategoryAbroad    = "Abroad"    // by country of repatriation: repatriated from abroad
)

// Categories are the closed vocabularies of the term dimensions, as
// published. Analysts may add finer categories (stat_categories) without a
// schema change; these are the built-in ones.
var Categories = map[string][]string{
	DimTotal:        {CategoryTotal},
	DimExploitation: {"Sexual exploitation", "Forced labour", "Other forms of exploitation", "Organ removal", "Forced marriage", "Forced criminal activity", "Begging", "Mixed exploitation"},
	DimMode:         {"Land", "Sea", "Air"},
}

// categoryCodes name the built-in categories in the catalogues
// ("stats.cat." + code): the published label is English, the reader's is not.
var categoryCodes = map[string]string{
	"Sexual exploitation": "sexual", "Forced labour": "labour", "Other forms of exploitation": "other",
	"Organ removal": "organs", "Forced marriage": "marriage", "Forced criminal activity": "criminal",
	"Begging": "begging", "Mixed exploitation": "mixed", "Land": "land", "Sea": "sea", "Air": "air",
	CategoryTotal: "total", CategoryNationals: "nationals", CategoryAbroad: "abroad",
}

// CategoryKey is the catalogue key naming a built-in category, "" for a
// category as published by its source.
func CategoryKey(category string) string {
	if c, ok := categoryCodes[category]; ok {
		return "stats.cat." + c
	}
	return ""
}

// Sexes and Ages as published.
var (
	Sexes = []Term{{"total", "Total"}, {"female", "Female"}, {"male", "Male"}, {"other", "Other"}, {"unknown", "Unknown"}}
	Ages  = []Term{{"total", "Total"}, {"adult", "18 years or over"}, {"child", "0 to 17 years"}, {"unknown", "Unknown"}}
	Units = []Term{{"counts", "Counts"}}
)

// lookup finds a term by code or label, case-insensitively.
func lookup(terms []Term, s string) (Term, bool) {
	s = strings.TrimSpace(s)
	for _, t := range terms {
		if strings.EqualFold(t.Code, s) || strings.EqualFold(t.Label, s) {
			return t, true
		}
	}
	return Term{}, false
}

// IndicatorByName finds an indicator by code or published label.
func IndicatorByName(s string) (Indicator, bool) {
	s = strings.TrimSpace(s)
	for _, i := range Indicators {
		if strings.EqualFold(i.Code, s) || strings.EqualFold(i.Label, s) {
			return i, true
		}
	}
	return Indicator{}, false
}

// IndicatorByCode returns the indicator with code.
func IndicatorByCode(code string) Indicator {
	i, _ := IndicatorByName(code)
	return i
}

// DimensionByName, SexByName, AgeByName and UnitByName find terms by code
// or published label.
func DimensionByName(s string) (Term, bool) { return lookup(Dimensions, s) }
func SexByName(s string) (Term, bool)       { return lookup(Sexes, s) }
func AgeByName(s string) (Term, bool)       { return lookup(Ages, s) }
func UnitByName(s string) (Term, bool)      { return lookup(Units, s) }

// Label returns the published label of code in terms, or code itself.
func Label(terms []Term, code string) string {
	for _, t := range terms {
		if t.Code == code {
			return t.Label
		}
	}
	return code
}

// CountryDimension reports whether the dimension's categories are countries.
func CountryDimension(dim string) bool { return dim == DimCitizenship || dim == DimRepatriation }
