package caselaw

import (
	"strings"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// facetShown is how many values a facet lists (selected ones always show).
const facetShown = 12

// facetViews labels the counted facets, in the order of names.
func (h *Web) facetViews(loc *web.Localizer, names []string, counts map[string][]search.FacetCount) []search.FacetView {
	return search.FacetViews(names, counts, "caselaw.facet.", facetShown, func(name, value string) string {
		return h.valueLabel(loc, name, value)
	})
}

// valueLabel names a facet value in the reader's language.
func (h *Web) valueLabel(loc *web.Localizer, facet, value string) string {
	switch facet {
	case "country":
		if c, ok := h.Geo.Country(value); ok {
			return c.Name(loc.Lang.Code)
		}
		return value
	case "region":
		return loc.T("geo.m49." + value)
	case "year":
		return value
	case "implements":
		return treatyArticleLabel(loc, value)
	}
	return loc.T(valueKey(facet, value))
}

// valueKey is the catalogue key of a value of a closed list.
func valueKey(list, value string) string {
	switch list {
	case "crime_type", "crime_types":
		return "caselaw.crime_type." + value
	case "court_level":
		return "caselaw.court_level." + value
	case "legal_system":
		return "caselaw.legal_system." + value
	case "verdict":
		return "caselaw.verdict." + value
	case "victim_sex", "defendant_sex", "sex":
		return "caselaw.sex." + value
	case "victim_age_group", "age_group":
		return "caselaw.age_group." + value
	case "role":
		return "caselaw.role." + value
	case "kind":
		return "caselaw.kind." + value
	}
	return KeywordKey(list, value)
}

// treatyArticleLabel names "tip-protocol:5" as "Trafficking in Persons
// Protocol, art. 5" in the reader's language.
func treatyArticleLabel(loc *web.Localizer, v string) string {
	in, n, _ := strings.Cut(v, ":")
	return loc.T("caselaw.article_of", "Instrument", loc.T("treaty.instrument_short."+in), "Number", n)
}

// countryName names iso3 in the reader's language.
func (h *Web) countryName(loc *web.Localizer, iso3 string) string {
	if c, ok := h.Geo.Country(iso3); ok {
		return c.Name(loc.Lang.Code)
	}
	return iso3
}
