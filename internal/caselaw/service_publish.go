package caselaw

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"

	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// published is a revision going public.
type published struct {
	st    *stored
	c     Case
	rev   int
	fresh bool             // a new case whose row already holds its public fields
	doc   *search.Prepared // its search document, analysed ahead (without attachments)
}

// publish makes each revision the public one: the case row, the keyword
// and charge tables the analysis reads, and the search index — all in tx.
func (s *Service) publish(ctx context.Context, tx *sql.Tx, pubs []published) error {
	if len(pubs) == 0 {
		return nil
	}
	var old []any
	for _, p := range pubs {
		if p.fresh {
			continue
		}
		old = append(old, p.st.ID)
		if err := setPublished(ctx, tx, p.st.ID, p.rev, p.c.DecisionDate, p.c.Date().Year()); err != nil {
			return fmt.Errorf("publish case %s: %w", p.c.ID, err)
		}
		p.st.PublishedRev = p.rev
	}
	if err := clearPublicRows(ctx, tx, old); err != nil {
		return err
	}
	var kws, charges [][]any
	var docs []search.Document
	var ready []search.Prepared
	files, err := attachmentTexts(ctx, tx, pubs)
	if err != nil {
		return err
	}
	for _, p := range pubs {
		for _, cat := range KeywordCategories {
			for _, v := range p.c.Keywords.Of(cat) {
				kws = append(kws, []any{p.st.ID, cat, v})
			}
		}
		for i, d := range p.c.Defendants {
			for j, ch := range d.Charges {
				var m any
				if ch.ImprisonmentMonths != nil {
					m = *ch.ImprisonmentMonths
				}
				charges = append(charges, []any{p.st.ID, i, j, ch.Verdict, m, ch.Instrument, ch.Article})
			}
		}
		if p.doc != nil && len(files[p.st.ID]) == 0 {
			ready = append(ready, *p.doc)
		} else {
			docs = append(docs, s.document(&p.c, files[p.st.ID]))
		}
	}
	if err := insertPublicRows(ctx, tx, s.DB.Dialect, kws, charges); err != nil {
		return err
	}
	more, err := s.Search.Prepare(docs...)
	if err != nil {
		return err
	}
	return s.Search.PutPrepared(ctx, tx, append(ready, more...))
}

// document is what the search index holds of a published case: its facets
// and its texts — summaries, commentary and reasoning in their languages,
// the court, the charges and the text of its attachments. Its keywords
// are facets, whose labels in six languages find it (see NewService).
func (s *Service) document(c *Case, files []string) search.Document {
	f := map[string][]string{
		"crime_type": c.CrimeTypes, "country": {c.Country}, "court_level": {c.CourtLevel},
		"year": {strconv.Itoa(c.Date().Year())},
	}
	if r := s.Region(c.Country); r != "" {
		f["region"] = []string{r}
	}
	var texts []search.Text
	lang := ""
	if len(c.Languages) > 0 && slices.Contains(web.LangCodes, c.Languages[0]) {
		lang = c.Languages[0]
	}
	texts = append(texts, search.Text{Lang: lang, Body: c.Title}, search.Text{Body: c.Court}, search.Text{Body: c.CaseNumber})
	for _, m := range c.freeTexts() {
		for _, l := range web.LangCodes {
			if t := m.Texts[l]; t != "" {
				texts = append(texts, search.Text{Lang: l, Body: t})
			}
		}
	}
	for _, cat := range KeywordCategories {
		f[cat] = c.Keywords.Of(cat) // found by their labels too (see NewService)
	}
	add := func(name, v string) {
		if v != "" && !slices.Contains(f[name], v) {
			f[name] = append(f[name], v)
		}
	}
	for _, d := range c.Defendants {
		add("defendant_sex", d.Sex)
		for _, ch := range d.Charges {
			add("verdict", ch.Verdict)
			texts = append(texts, search.Text{Lang: lang, Body: ch.Charge + " " + ch.Legislation})
		}
	}
	for _, v := range c.Victims {
		add("victim_sex", v.Sex)
		add("victim_age_group", v.AgeGroup)
	}
	for _, t := range files {
		texts = append(texts, search.Text{Body: t})
	}
	for _, l := range c.Languages {
		if slices.Contains(web.LangCodes, l) {
			add("language", l)
		}
	}
	titleLang := lang
	if titleLang == "" {
		titleLang = web.DefaultLang.Code
	}
	return search.Document{Kind: "case", Ref: c.ID, Date: c.Date(), Facets: f, Texts: texts,
		Show: &search.Display{Title: map[string]string{titleLang: c.Title}, Summary: c.Summary, URL: "/caselaw/" + c.ID}}
}
