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

// Find searches the published cases.
func (s *Service) Find(ctx context.Context, q Query) (*Results, error) {
	page := max(q.Page, 1)
	var res *search.Result
	var cases map[string]publishedCase
	// One read transaction: the search, then the hits' published revisions.
	err := s.DB.ReadTx(ctx, func(tx *sql.Tx) (err error) {
		res, err = s.Search.SearchTx(ctx, tx, search.Request{Kind: "case", Text: q.Text, Filters: q.Filters, YearFrom: q.YearFrom,
			YearTo: q.YearTo, Facets: FacetNames, Sort: q.Sort, Offset: (page - 1) * PerPage, Limit: PerPage})
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
	out := &Results{Total: res.Total, Facets: res.Facets, Pages: (res.Total + PerPage - 1) / PerPage, Hits: []Hit{}}
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
	for i, texts := range []map[string]string{c.Summary, c.Commentary, c.Reasoning, c.Features} {
		for _, l := range web.LangCodes {
			if t := texts[l]; t != "" && !(i == 0 && l == tl) {
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
	const chunk = 500
	for start := 0; start < len(refs); start += chunk {
		if err := s.publishedChunk(ctx, tx, refs[start:min(len(refs), start+chunk)], out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// publishedChunk is publishedCases for a few hundred refs at most, adding to out.
func (s *Service) publishedChunk(ctx context.Context, tx *sql.Tx, refs []string, out map[string]publishedCase) error {
	args := make([]any, len(refs))
	for i, r := range refs {
		args[i] = r
	}
	rows, err := tx.QueryContext(ctx, `SELECT ref, published_rev FROM caselaw_cases
		WHERE ref IN (`+db.Placeholders(len(refs), 0)+`) AND published_rev IS NOT NULL`, args...)
	if err != nil {
		return fmt.Errorf("published cases: %w", err)
	}
	var missing []any
	for rows.Next() {
		var ref string
		var rev int
		if err := rows.Scan(&ref, &rev); err != nil {
			rows.Close()
			return err
		}
		if c, ok := s.listed.Get("c\x00" + ref + "\x00" + strconv.Itoa(rev)); ok {
			out[ref] = publishedCase{c.(*Case), rev}
		} else {
			missing = append(missing, ref)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(missing) == 0 {
		return nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT c.ref, r.rev, r.body FROM caselaw_cases c
		JOIN caselaw_revisions r ON r.case_id = c.id AND r.rev = c.published_rev
		WHERE c.ref IN (`+db.Placeholders(len(missing), 0)+`)`, missing...)
	if err != nil {
		return fmt.Errorf("published cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref string
		var rev int
		var body []byte
		var c listedCase
		if err := rows.Scan(&ref, &rev, &body); err != nil {
			return err
		}
		if err := json.Unmarshal(body, &c); err != nil {
			return fmt.Errorf("published case: %w", err)
		}
		pc := &Case{ID: c.ID, Title: c.Title, Country: c.Country, DecisionDate: c.DecisionDate,
			Summary: c.Summary, Commentary: c.Commentary, Reasoning: c.Reasoning, Features: c.Features, Demo: c.Demo}
		s.listed.Put("c\x00"+ref+"\x00"+strconv.Itoa(rev), pc)
		out[ref] = publishedCase{pc, rev}
	}
	return rows.Err()
}
