package knowledge

import (
	"context"
	"database/sql"
	"time"

	"github.com/tipsom/tipsom/internal/search"
)

// Entry is one public document as a feed, a sitemap or the home page's
// "what is new" lists it.
type Entry struct {
	Kind    string
	Ref     string
	Title   map[string]string
	Summary map[string]string
	URL     string
	Date    time.Time
}

// Recent lists the public documents of kinds (every kind when none), the
// newest first, from offset on: what a feed, the sitemap or the home page
// shows. Only documents with a page are listed.
func (s *Service) Recent(ctx context.Context, kinds []string, offset, n int) ([]Entry, int, error) {
	if len(kinds) == 0 {
		kinds = s.Kinds
	}
	req := search.Request{Kinds: kinds, Sort: search.SortDate, Offset: offset, Limit: n}
	var out []Entry
	total := 0
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		res, err := s.Index.SearchTx(ctx, tx, req)
		if err != nil {
			return err
		}
		total = res.Total
		shows, err := s.Index.Displays(ctx, tx, res.Hits)
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			if d := shows[search.DisplayKey(h.Kind, h.Ref)]; d != nil && d.URL != "" {
				out = append(out, Entry{Kind: h.Kind, Ref: h.Ref, Title: d.Title, Summary: d.Summary, URL: d.URL, Date: h.Date})
			}
		}
		return nil
	})
	return out, total, err
}
