package knowledge

import (
	"context"
	"database/sql"
	"html/template"
	"maps"
	"slices"
	"time"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Found is a page of the one search.
type Found struct {
	Total      int                            `json:"total"`
	Hits       []FoundHit                     `json:"hits"`
	Facets     map[string][]search.FacetCount `json:"facets"`
	Suggestion string                         `json:"suggestion,omitempty"` // "did you mean", when the words found nothing
	Pages      int                            `json:"-"`
}

// FoundHit is one document found, as the API and the page show it.
type FoundHit struct {
	Type    string        `json:"type"`
	ID      string        `json:"id"`
	Title   string        `json:"title"`
	URL     string        `json:"url"`
	Snippet template.HTML `json:"snippet"`
	Date    string        `json:"date,omitempty"`
	Lang    string        `json:"-"` // the title's language
	Year    int           `json:"-"` // set when the document is dated by its year only
}

// yearDated are the kinds of document dated by their year alone (a
// resource's, a practice's, a law's): shown as the year, not as 1 January.
var yearDated = map[string]bool{DocResource: true, DocPractice: true, "legislation": true}

// Search runs f over the documents of the kinds every room writes to the
// one search — only what is public is ever written there — with the
// facets type, country and language, and a suggestion when the words,
// misspelt, find nothing.
func (s *Service) Search(ctx context.Context, f Find) (*Found, error) {
	req := search.Request{Kinds: s.Kinds, Text: f.Text, Facets: []string{search.FacetKind, "country", "language"},
		Filters: map[string][]string{}, Offset: (f.Page - 1) * FindPerPage, Limit: FindPerPage}
	if len(f.Types) > 0 {
		req.Filters[search.FacetKind] = f.Types
	}
	if len(f.Country) > 0 {
		req.Filters["country"] = f.Country
	}
	if len(f.Language) > 0 {
		req.Filters["language"] = f.Language
	}
	if f.Text == "" {
		req.Sort = search.SortDate
	}
	out := &Found{Hits: []FoundHit{}}
	var match search.Match
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		res, err := s.Index.SearchTx(ctx, tx, req)
		if err != nil {
			return err
		}
		match = res.Match
		shows, err := s.Index.Displays(ctx, tx, res.Hits)
		if err != nil {
			return err
		}
		out.Total, out.Pages = res.Total, (res.Total+FindPerPage-1)/FindPerPage
		out.Facets = map[string][]search.FacetCount{"type": res.Facets[search.FacetKind], "country": res.Facets["country"],
			"language": res.Facets["language"]}
		if err := s.disjunctive(ctx, tx, req, res); err != nil {
			return err
		}
		out.Facets["type"], out.Facets["country"], out.Facets["language"] = res.Facets[search.FacetKind], res.Facets["country"], res.Facets["language"]
		for _, h := range res.Hits {
			d := shows[search.DisplayKey(h.Kind, h.Ref)]
			if d == nil {
				continue // a document that shows nothing is not for this list
			}
			title, tl := web.Texts(d.Title).In(f.Lang)
			summary, sl := web.Texts(d.Summary).In(f.Lang)
			sn, _ := s.Index.An.Excerpt(sl, summary, match, 240)
			fh := FoundHit{Type: h.Kind, ID: h.Ref, Title: title, URL: d.URL, Snippet: template.HTML(sn), Lang: tl}
			if !h.Date.IsZero() {
				fh.Date = h.Date.Format(time.DateOnly)
				if yearDated[h.Kind] && h.Date.YearDay() == 1 {
					fh.Year = h.Date.Year()
				}
			}
			out.Hits = append(out.Hits, fh)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out.Total == 0 && f.Text != "" {
		if sug, ok := s.Index.Suggest(ctx, s.Kinds, f.Text); ok {
			out.Suggestion = sug
		}
	}
	return out, nil
}

// disjunctive recounts, in res, each facet a filter of req is set on as if
// that filter were not set (the others still apply), so its alternatives
// stay offered: choosing "court decision" still shows how many resources
// there would be.
func (s *Service) disjunctive(ctx context.Context, tx *sql.Tx, req search.Request, res *search.Result) error {
	for _, facet := range req.Facets {
		if len(req.Filters[facet]) == 0 {
			continue
		}
		other := req
		other.Filters = maps.Clone(req.Filters)
		delete(other.Filters, facet)
		other.Facets, other.Offset, other.Limit = []string{facet}, 0, 1
		alt, err := s.Index.SearchTx(ctx, tx, other)
		if err != nil {
			return err
		}
		for i := range alt.Facets[facet] {
			alt.Facets[facet][i].Selected = slices.Contains(req.Filters[facet], alt.Facets[facet][i].Value)
		}
		res.Facets[facet] = alt.Facets[facet]
	}
	return nil
}
