package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
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
	CountryName  string        `json:"-"`
}

// Results is one page of a case search with its facets.
type Results struct {
	Total  int
	Hits   []Hit
	Facets map[string][]search.FacetCount
	Pages  int
}

// Find searches the published cases.
func (s *Service) Find(ctx context.Context, q Query) (*Results, error) {
	page := max(q.Page, 1)
	res, err := s.Search.Search(ctx, search.Request{Kind: "case", Text: q.Text, Filters: q.Filters, YearFrom: q.YearFrom,
		YearTo: q.YearTo, Facets: FacetNames, Sort: q.Sort, Offset: (page - 1) * PerPage, Limit: PerPage})
	if err != nil {
		return nil, err
	}
	out := &Results{Total: res.Total, Facets: res.Facets, Pages: (res.Total + PerPage - 1) / PerPage, Hits: []Hit{}}
	refs := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		refs[i] = h.Ref
	}
	cases, err := s.publishedCases(ctx, refs)
	if err != nil {
		return nil, err
	}
	for _, ref := range refs {
		c, ok := cases[ref]
		if !ok {
			continue // unpublished since the snapshot was taken
		}
		out.Hits = append(out.Hits, Hit{ID: c.ID, Title: c.Title, Country: c.Country, DecisionDate: c.DecisionDate,
			Snippet: template.HTML(s.snippet(&c, q.Lang, res.Match))})
	}
	return out, nil
}

// snippet picks the text to excerpt — the summary in the reader's
// language unless another text holds the words searched for — and marks
// the words found. The analyser escapes the text, so it is safe HTML.
func (s *Service) snippet(c *Case, lang string, m search.Match) string {
	text, tl := Text(c.Summary, lang)
	an := s.Search.An
	if !m.Empty() && !an.Matches(tl, text, m) {
		for _, texts := range []map[string]string{c.Summary, c.Commentary, c.Reasoning, c.Features} {
			for _, l := range Languages {
				if t := texts[l]; t != "" && an.Matches(l, t, m) {
					return an.Snippet(l, t, m, 240)
				}
			}
		}
	}
	return an.Snippet(tl, text, m, 240)
}

// publishedCases reads the published revisions of refs.
func (s *Service) publishedCases(ctx context.Context, refs []string) (map[string]Case, error) {
	out := map[string]Case{}
	if len(refs) == 0 {
		return out, nil
	}
	args := make([]any, len(refs))
	for i, r := range refs {
		args[i] = r
	}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.body FROM caselaw_cases c
			JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.published_rev
			WHERE c.ref IN (`+placeholders(len(refs), 0)+`)`, args...)
		if err != nil {
			return fmt.Errorf("published cases: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var body string
			var c Case
			if err := rows.Scan(&body); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(body), &c); err != nil {
				return fmt.Errorf("published case: %w", err)
			}
			out[c.ID] = c
		}
		return rows.Err()
	})
	return out, err
}
