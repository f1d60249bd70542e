package knowledge

import (
	"context"
	"database/sql"
	"html/template"
	"strconv"

	"github.com/tipsom/tipsom/internal/search"
)

// Listing is a page of a kind's published items with the counts of each
// filter's values.
type Listing struct {
	Total  int
	Pages  int
	Items  []Listed
	Facets map[string][]search.FacetCount
}

// Listed is one item of a listing, with its excerpt.
type Listed struct {
	*Item
	Snippet template.HTML
}

// List runs b over the one search's documents of its kind — the index
// holds only what is published — and reads the items found in the same
// transaction.
func (s *Service) List(ctx context.Context, b Browse) (*Listing, error) {
	req := search.Request{Kind: string(b.Kind), Text: b.Text, Filters: b.Filters, Facets: Facets(b.Kind),
		Offset: (b.Page - 1) * PerPage, Limit: PerPage}
	if b.Sort == "date" || b.Text == "" {
		req.Sort = search.SortDate
	}
	out := &Listing{}
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		res, err := s.Index.SearchTx(ctx, tx, req)
		if err != nil {
			return err
		}
		if err := s.disjunctive(ctx, tx, req, res); err != nil {
			return err
		}
		ids := make([]int64, 0, len(res.Hits))
		for _, h := range res.Hits {
			if id, err := strconv.ParseInt(h.Ref, 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
		items, err := s.PublishedByID(ctx, tx, ids)
		if err != nil {
			return err
		}
		out.Total, out.Facets, out.Pages = res.Total, res.Facets, (res.Total+PerPage-1)/PerPage
		for _, id := range ids {
			it, ok := items[id]
			if !ok {
				continue // withdrawn since the snapshot was taken
			}
			summary, lang := it.Content.Summary.In(b.Lang)
			if it.Kind == KindPractice {
				summary, lang = it.Content.What.In(b.Lang)
			}
			sn, _ := s.Index.An.Excerpt(lang, summary, res.Match, 240)
			out.Items = append(out.Items, Listed{Item: it, Snippet: template.HTML(sn)})
		}
		return nil
	})
	return out, err
}
