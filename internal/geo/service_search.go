package geo

import (
	"slices"

	"github.com/tipsom/tipsom/internal/search"
)

// DocCountry is the kind of document geo gives the one search: each
// country's profile page, found by its name in the six languages.
const DocCountry = "country"

// searchLangs are the six languages' codes (geo does not import web).
var searchLangs = []string{"ar", "en", "es", "fr", "ru", "zh"}

// countryDocument is c as the one search holds it.
func countryDocument(c Country) search.Document {
	title := map[string]string{}
	var texts []search.Text
	for _, l := range searchLangs {
		title[l] = c.Name(l)
		texts = append(texts, search.Text{Lang: l, Body: c.Name(l)})
	}
	texts = append(texts, search.Text{Body: c.ISO3 + " " + c.ISO2})
	return search.Document{Kind: DocCountry, Ref: c.ISO3, Facets: map[string][]string{"country": {c.ISO3}, "language": slices.Clone(searchLangs)},
		Texts: texts, Show: &search.Display{Title: title, URL: "/countries/" + c.ISO3}}
}
