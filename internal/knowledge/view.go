package knowledge

import (
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// facetShown is how many values a facet lists (selected ones always show).
const facetShown = 12

// valueLabel names a facet value of the Hub's lists, and of the one
// search, in the reader's language.
func (h *Web) valueLabel(loc *web.Localizer, facet, value string) string {
	switch facet {
	case "country":
		return loc.Place(value)
	case "region":
		return loc.T("geo.m49." + value)
	case "language":
		if l, ok := web.LangByCode(value); ok {
			return l.Name
		}
		return value
	case "type":
		return loc.T("knowledge.type." + value)
	case "topic":
		return loc.T("knowledge.topic." + value)
	case "body":
		return loc.T("knowledge.body." + value)
	case "evaluated":
		return loc.T("knowledge.evaluated." + value)
	case search.FacetKind:
		return loc.T("search.kind." + value)
	}
	return value
}

func (h *Web) facetViews(loc *web.Localizer, names []string, counts map[string][]search.FacetCount) []search.FacetView {
	return search.FacetViews(names, counts, "knowledge.facet.", facetShown, func(name, value string) string {
		return h.valueLabel(loc, name, value)
	})
}
