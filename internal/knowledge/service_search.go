package knowledge

import (
	"context"
	"database/sql"
	"slices"
	"strconv"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// The kinds of search document the Hub writes, one per kind of item.
const (
	DocResource = "resource"
	DocPractice = "practice"
	DocNews     = "news"
	DocEvent    = "event"
)

// index writes it to the one search when it is published and takes it out
// otherwise, in the transaction that changed it.
func (s *Service) index(ctx context.Context, tx *sql.Tx, it *Item) error {
	if s.Index == nil {
		return nil
	}
	ref := strconv.FormatInt(it.ID, 10)
	if it.Status != StatusPublished {
		return s.Index.Remove(ctx, tx, string(it.Kind), ref)
	}
	text := ""
	if it.File != nil && it.File.Searchable {
		var err error
		if text, err = fileText(ctx, tx, it.ID); err != nil {
			return err
		}
	}
	return s.Index.Put(ctx, tx, Document(it, text))
}

// Document is it as the one search holds it: its texts in their
// languages, the document's words, and the facets every room shares
// (country, language) beside the Hub's own (topic, type, region, body).
func Document(it *Item, fileText string) search.Document {
	c := &it.Content
	f := map[string][]string{"country": c.Countries, "topic": c.Topics, "region": c.Regions, "language": languages(it)}
	if c.Type != "" {
		f["type"] = []string{c.Type}
	}
	if c.Body != "" {
		f["body"] = []string{c.Body}
	}
	if it.Kind == KindPractice {
		f["evaluated"] = []string{strconv.FormatBool(c.Evaluated)}
	}
	if it.Demo {
		f["demo"] = []string{"true"}
	}
	var texts []search.Text
	for _, m := range []web.Texts{c.Title, c.Summary, c.What, c.Results, c.Evidence} {
		for _, l := range m.Langs() {
			texts = append(texts, search.Text{Lang: l, Body: m[l]})
		}
	}
	texts = append(texts, search.Text{Body: c.Publisher + " " + c.By + " " + c.Contact + " " + c.Place})
	if fileText != "" {
		texts = append(texts, search.Text{Body: fileText})
	}
	summary := c.Summary
	if it.Kind == KindPractice {
		summary = c.What
	}
	return search.Document{Kind: string(it.Kind), Ref: strconv.FormatInt(it.ID, 10), Date: it.Day(), Facets: f, Texts: texts,
		Show: &search.Display{Title: c.Title, Summary: summary, URL: ItemPath(it.Kind, it.ID)}}
}

// languages are the six languages an item can be read in: those of its
// title and, for a resource, those it is published in.
func languages(it *Item) []string {
	out := it.Content.Title.Langs()
	for _, l := range it.Content.Languages {
		if slices.Contains(web.LangCodes, l) && !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}
