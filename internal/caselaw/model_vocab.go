package caselaw

import (
	"slices"
)

// The closed lists of the case form. Each value is a lower_snake_case id
// whose label is the catalogue key "caselaw.<list>.<id>" (keywords:
// "caselaw.kw.<category>.<id>"), so the data reads the same in every
// language and the facets can count it.
var (
	CrimeTypes   = []string{"trafficking_in_persons", "smuggling_of_migrants"}
	CourtLevels  = []string{"first_instance", "appeal", "supreme"}
	LegalSystems = []string{"common_law", "civil_law", "islamic_law", "customary_law", "mixed"}
	Verdicts     = []string{"convicted", "acquitted", "dismissed", "other"}
	Sexes        = []string{"male", "female", "other", "unknown"}
	AgeGroups    = []string{"child", "adult", "unknown"}
	Roles        = []string{"recruiter", "transporter", "exploiter", "smuggler", "organiser", "financier",
		"document_forger", "corrupt_official", "other"}
	InstrumentKinds = []string{"act", "code", "decree", "regulation", "other"}
)

// KeywordCategories are the keyword lists in the order the form shows them;
// each is also a facet and a filter of the search API.
var KeywordCategories = []string{"acts", "means", "purposes", "forms", "sectors", "issues"}

// keywordValues are the SHERLOC-style keywords of each category.
var keywordValues = map[string][]string{
	"acts": {"recruitment", "transportation", "transfer", "harbouring", "receipt"},
	"means": {"threat", "force", "coercion", "abduction", "fraud", "deception", "abuse_of_power",
		"abuse_of_vulnerability", "giving_payments"},
	"purposes": {"sexual_exploitation", "forced_labour", "slavery", "servitude", "organ_removal",
		"forced_marriage", "forced_criminality", "begging", "other_exploitation"},
	"forms":   {"transnational", "internal", "organized_criminal_group"},
	"sectors": {"commercial_sex", "domestic_work", "agriculture", "construction", "fishing", "manufacturing", "begging", "hospitality", "mining"},
	"issues": {"consent", "non_punishment", "victim_protection", "international_cooperation", "corruption",
		"money_laundering", "smuggling_by_sea", "document_fraud"},
}

// KeywordValues returns the keywords of category.
func KeywordValues(category string) []string { return slices.Clone(keywordValues[category]) }

// FacetNames are the facets of case search, in the order the page shows
// them; each is also a repeatable filter parameter of GET /api/v1/caselaw.
var FacetNames = []string{"crime_type", "country", "region", "year", "court_level", "verdict",
	"acts", "means", "purposes", "forms", "sectors", "issues", "victim_sex", "victim_age_group", "defendant_sex"}

// LegislationFacets are the facets of legislation search.
var LegislationFacets = []string{"country", "year", "kind", "implements"}
