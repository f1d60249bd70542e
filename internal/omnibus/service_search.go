package omnibus

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// The kinds of document the room gives the one search: each article of a
// questionnaire (what the checklist asks, in the languages it is written
// in) and each published review summary with its observations.
const (
	DocArticle = "omnibus_article"
	DocSummary = "omnibus_summary"
)

// articleDocs are the search documents of q's articles, dated by the
// instrument's adoption (they do not change with time).
func articleDocs(q *Questionnaire) []search.Document {
	var out []search.Document
	for _, art := range q.Articles {
		d := search.Document{Kind: DocArticle, Ref: q.ID + ":" + art.Number,
			Facets: map[string][]string{"instrument": {q.Instrument}, "level": {string(art.Level)}, "language": slices.Sorted(maps.Keys(art.Title))},
			Show:   &search.Display{Title: art.Title, Summary: art.Obligation, URL: "/omnibus/questionnaires/" + q.ID + "#art-" + art.Number}}
		for lang, t := range art.Title {
			body := t + "\n" + art.Obligation[lang]
			for _, qu := range art.Questions {
				body += "\n" + qu.Text[lang]
			}
			d.Texts = append(d.Texts, search.Text{Lang: lang, Body: body})
		}
		out = append(out, d)
	}
	return out
}

// indexSummary writes a published review's document in the publishing
// transaction, so the search never finds a summary that is not public.
func (s *Service) indexSummary(ctx context.Context, tx *sql.Tx, d *Dossier) error {
	if s.Index == nil {
		return nil
	}
	r := d.Review
	body := r.Summary
	for _, o := range d.Observations {
		body += "\n" + o.Body
	}
	date := time.Now().UTC()
	if r.PublishedAt != nil {
		date = *r.PublishedAt
	}
	// The summary is written in one language, not known; its title is the
	// State's name in each of the six.
	title := map[string]string{}
	if c, ok := s.Places.Country(r.Country); ok {
		for _, l := range web.LangCodes {
			title[l] = c.Name(l)
		}
	}
	return s.Index.Put(ctx, tx, search.Document{Kind: DocSummary, Ref: fmt.Sprint(r.ID), Date: date,
		Facets: map[string][]string{"country": {r.Country}, "instrument": {r.Cycle.Instrument}},
		Texts:  []search.Text{{Body: body}},
		Show:   &search.Display{Title: title, Summary: map[string]string{web.DefaultLang.Code: r.Summary}, URL: fmt.Sprintf("/omnibus/reviews/%d/summary", r.ID)}})
}
