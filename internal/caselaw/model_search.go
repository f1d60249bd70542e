package caselaw

import (
	"html/template"

	"github.com/tipsom/tipsom/internal/search"
)

// PerPage is how many hits a page of results shows.
const PerPage = 20

// Query is a case search as the page and the API take it.
type Query struct {
	Text     string
	Filters  map[string][]string
	YearFrom int
	YearTo   int
	Sort     string // search.SortRelevance or search.SortDate; "" picks by the text
	Page     int    // from 1
	Lang     string // the language snippets prefer
}

// Hit is one case found, as listed.
type Hit struct {
	ID           string        `json:"id"`
	Title        string        `json:"title"`
	Country      string        `json:"country"`
	DecisionDate string        `json:"decision_date"`
	Snippet      template.HTML `json:"snippet"`
	Demo         bool          `json:"demo,omitempty"`
	CountryName  string        `json:"-"`
}

// Results is one page of a case search with its facets.
type Results struct {
	Total  int
	Hits   []Hit
	Facets map[string][]search.FacetCount
	Pages  int
}

// request is the search q asks for over the documents of kind, counting
// facets: its page of PerPage hits.
func (q Query) request(kind string, facets []string) search.Request {
	page := max(q.Page, 1)
	return search.Request{Kind: kind, Text: q.Text, Filters: q.Filters, YearFrom: q.YearFrom, YearTo: q.YearTo,
		Facets: facets, Sort: q.Sort, Offset: (page - 1) * PerPage, Limit: PerPage}
}

// pages is how many pages of PerPage hits total makes.
func pages(total int) int { return (total + PerPage - 1) / PerPage }
