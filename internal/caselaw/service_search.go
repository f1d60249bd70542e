package caselaw

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
	"github.com/tipsom/tipsom/internal/search"
	"github.com/tipsom/tipsom/internal/web"
)

// Find searches the published cases.
func (s *Service) Find(ctx context.Context, q Query) (*Results, error) {
	var res *search.Result
	var cases map[string]publishedCase
	// One read transaction: the search, then the hits' published revisions.
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = s.Search.SearchTx(ctx, tx, q.request("case", FacetNames))
		if err != nil {
			return err
		}
		refs := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			refs[i] = h.Ref
		}
		cases, err = s.publishedCases(ctx, tx, refs)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := &Results{Total: res.Total, Facets: res.Facets, Pages: pages(res.Total), Hits: []Hit{}}
	terms := matchKey(res.Match)
	for _, h := range res.Hits {
		ref := h.Ref
		c, ok := cases[ref]
		if !ok {
			continue // unpublished since the snapshot was taken
		}
		// A snippet depends on the revision, the reader's language and the
		// words searched for; the same listing asked again reuses it.
		key := "s\x00" + ref + "\x00" + strconv.Itoa(c.rev) + "\x00" + q.Lang + "\x00" + terms
		sn, ok := s.listed.Get(key)
		if !ok {
			sn = s.snippet(c.Case, q.Lang, res.Match)
			s.listed.Put(key, sn)
		}
		out.Hits = append(out.Hits, Hit{ID: c.ID, Title: c.Title, Country: c.Country, DecisionDate: c.DecisionDate,
			Snippet: template.HTML(sn.(string)), Demo: c.Demo})
	}
	return out, nil
}

// snippet picks the text to excerpt — the summary in the reader's
// language unless another text holds the words searched for — and marks
// the words found. The analyser escapes the text, so it is safe HTML.
func (s *Service) snippet(c *Case, lang string, m search.Match) string {
	text, tl := Text(c.Summary, lang)
	an := s.Search.An
	first, ok := an.Excerpt(tl, text, m, 240)
	if ok || m.Empty() {
		return first
	}
	for i, texts := range c.freeTexts() {
		for _, l := range web.LangCodes {
			if t := texts.Texts[l]; t != "" && !(i == 0 && l == tl) {
				if sn, ok := an.Excerpt(l, t, m, 240); ok {
					return sn
				}
			}
		}
	}
	return first
}

// matchKey writes the words of m as one string, for the snippet cache.
func matchKey(m search.Match) string {
	var b strings.Builder
	for _, br := range m.Branches {
		b.WriteString(strings.Join(br, " "))
		b.WriteByte('|')
	}
	return b.String()
}

// listedCase is what a list of hits reads of a case's JSON form (the rest
// is skipped, not decoded).
type listedCase struct {
	ID           string            `json:"id"`
	Title        string            `json:"title"`
	Country      string            `json:"country"`
	DecisionDate string            `json:"decision_date"`
	Summary      map[string]string `json:"summary"`
	Commentary   map[string]string `json:"commentary"`
	Reasoning    map[string]string `json:"reasoning"`
	Features     map[string]string `json:"significant_features"`
	Demo         bool              `json:"demo"`
}

// publishedCase is the published revision of a case as a list shows it.
type publishedCase struct {
	*Case
	rev int
}

// publishedCases reads the published revisions of refs: the fields a list
// of hits shows and the texts its snippets come from. It is how every
// public list — search, country profile, citations — reads a case, since
// the case's row carries its latest revision's title, a draft's perhaps.
// Which revision is published is read on every call; the revisions'
// contents come from the list cache when it has them (a revision never
// changes), from the database otherwise. Refs never published are left out.
func (s *Service) publishedCases(ctx context.Context, tx *sql.Tx, refs []string) (map[string]publishedCase, error) {
	out := map[string]publishedCase{}
	if err := db.InChunks(refs, inChunk, func(part []string) error { return s.publishedChunk(ctx, tx, part, out) }); err != nil {
		return nil, err
	}
	return out, nil
}

// publishedChunk is publishedCases for a few hundred refs at most, adding to out.
func (s *Service) publishedChunk(ctx context.Context, tx *sql.Tx, refs []string, out map[string]publishedCase) error {
	revs, err := publishedRevs(ctx, tx, refs)
	if err != nil {
		return err
	}
	var missing []string
	for _, r := range revs {
		if c, ok := s.listed.Get("c\x00" + r.ref + "\x00" + strconv.Itoa(r.rev)); ok {
			out[r.ref] = publishedCase{c.(*Case), r.rev}
		} else {
			missing = append(missing, r.ref)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return publishedBodies(ctx, tx, missing, func(ref string, rev int, body []byte) error {
		var c listedCase
		if err := json.Unmarshal(body, &c); err != nil {
			return fmt.Errorf("published case: %w", err)
		}
		pc := &Case{ID: c.ID, Title: c.Title, Country: c.Country, DecisionDate: c.DecisionDate,
			Summary: c.Summary, Commentary: c.Commentary, Reasoning: c.Reasoning, Features: c.Features, Demo: c.Demo}
		s.listed.Put("c\x00"+ref+"\x00"+strconv.Itoa(rev), pc)
		out[ref] = publishedCase{pc, rev}
		return nil
	})
}
