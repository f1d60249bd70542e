package search

import (
	"context"

	"github.com/tipsom/tipsom/internal/db"
	"slices"
	"strings"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// Request is one search: the text of the search box, facet filters (values
// of one facet are alternatives, facets combine), a range of years, the
// facets to count, the order and the page.
type Request struct {
	Kind     string
	Text     string
	Filters  map[string][]string
	YearFrom int // 0: no bound
	YearTo   int
	Facets   []string
	Sort     string // SortRelevance (default with text) or SortDate
	Offset   int
	Limit    int
}

// Hit is one matching document.
type Hit struct {
	Ref   string
	Score float64 // higher is better; 0 when sorted by date
}

// FacetCount is how many matching documents hold a facet value.
type FacetCount struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"-"`
}

// Result is a page of hits, the total and the facet counts, which follow
// the text and every filter.
type Result struct {
	Total  int
	Hits   []Hit
	Facets map[string][]FacetCount
	Match  Match
}

// Limits that keep a search's cost bounded on PostgreSQL: documents
// passing the filters are looked up in the words index by id up to
// lookupLimit (else the index lists every document with the words), and
// relevance orders at most rankLimit matches (more, and the newest
// rankLimit are ranked, the rest follow by date). SQLite's FTS5 always
// lists every match, scored, in one pass (see matchAllFTS5).
const (
	lookupLimit = 5000
	rankLimit   = 2000
)

// Search runs req: the filters first, over the snapshot; then the words,
// in the database; then the facets over what is left, and the order.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	s, err := ix.snapshot(ctx, req.Kind)
	if err != nil {
		return nil, err
	}
	res := &Result{Facets: map[string][]FacetCount{}, Match: ix.An.ParseQuery(req.Text)}
	var found []int32
	if filters, ok := resolveFilters(s, req.Filters); ok {
		for i := range s.docs {
			if e := &s.docs[i]; e.live && e.passes(filters, req.YearFrom, req.YearTo) {
				found = append(found, int32(i))
			}
		}
	}
	text := strings.TrimSpace(req.Text) != ""
	relevance := text && !res.Match.Empty() && req.Sort != SortDate
	var scores map[int64]float64
	if text {
		if found, scores, err = ix.withWords(ctx, s, req.Kind, res.Match, found, relevance); err != nil {
			return nil, err
		}
	}
	counts := make([]int32, len(s.names))
	for _, i := range found {
		for _, v := range s.docs[i].facets {
			counts[v]++
		}
	}
	res.Total = len(found)
	res.Facets = facetCounts(s, req, counts)
	order(s, found, scores)
	for _, i := range page(found, req.Offset, req.Limit) {
		e := &s.docs[i]
		res.Hits = append(res.Hits, Hit{Ref: e.ref, Score: scores[e.id]})
	}
	return res, nil
}

// withWords keeps, of found, the documents holding the words of m, and
// scores them when relevance orders the results.
func (ix *Index) withWords(ctx context.Context, s *snapshot, kind string, m Match, found []int32, relevance bool) ([]int32, map[int64]float64, error) {
	if m.Empty() || len(found) == 0 {
		return nil, nil, nil
	}
	if ix.DB.Dialect == db.SQLite {
		hit, err := ix.matchAllFTS5(ctx, m, s, relevance)
		if err != nil {
			return nil, nil, err
		}
		found = slices.DeleteFunc(found, func(i int32) bool { _, ok := hit[s.docs[i].id]; return !ok })
		if !relevance {
			hit = nil
		}
		return found, hit, nil
	}
	if len(found) > lookupLimit {
		matched := make([]bool, len(s.docs))
		if err := ix.matchInto(ctx, kind, m, s, matched); err != nil {
			return nil, nil, err
		}
		found = slices.DeleteFunc(found, func(i int32) bool { return !matched[i] })
	} else {
		scored := relevance && len(found) <= rankLimit
		hit, err := ix.matchAmong(ctx, m, ids(s, found), scored)
		if err != nil {
			return nil, nil, err
		}
		found = slices.DeleteFunc(found, func(i int32) bool { _, ok := hit[s.docs[i].id]; return !ok })
		if scored {
			return found, hit, nil
		}
	}
	if !relevance || len(found) == 0 {
		return found, nil, nil
	}
	ranked := found
	if len(found) > rankLimit {
		order(s, found, nil) // newest first: those are ranked
		ranked = found[:rankLimit]
	}
	scores, err := ix.matchAmong(ctx, m, ids(s, ranked), true)
	return found, scores, err
}

func ids(s *snapshot, slots []int32) []int64 {
	out := make([]int64, len(slots))
	for i, slot := range slots {
		out[i] = s.docs[slot].id
	}
	return out
}

// resolveFilters turns filter values into value ids; false when a facet's
// values are all unknown, so nothing can match.
func resolveFilters(s *snapshot, f map[string][]string) ([][]uint32, bool) {
	var out [][]uint32
	for name, values := range f {
		if len(values) == 0 {
			continue
		}
		var ids []uint32
		for _, v := range values {
			if id, ok := s.lookup(name, v); ok {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			return nil, false
		}
		out = append(out, ids)
	}
	return out, true
}

// passes reports whether e holds one value of every filter and falls in
// the years asked for.
func (e *entry) passes(filters [][]uint32, from, to int) bool {
	if (from > 0 && (e.year == 0 || e.year < from)) || (to > 0 && (e.year == 0 || e.year > to)) {
		return false
	}
	for _, want := range filters {
		hit := false
		for _, v := range e.facets {
			if slices.Contains(want, v) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// facetCounts lists, per facet asked for, its values by count, the most
// frequent first; selected values always appear, even at zero.
func facetCounts(s *snapshot, req Request, counts []int32) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for _, name := range req.Facets {
		out[name] = []FacetCount{}
	}
	for id, n := range counts {
		fv := s.names[id]
		list, want := out[fv.name]
		if !want || n == 0 {
			continue
		}
		out[fv.name] = append(list, FacetCount{Value: fv.value, Count: int(n), Selected: slices.Contains(req.Filters[fv.name], fv.value)})
	}
	for name, list := range out {
		for _, v := range req.Filters[name] {
			if !slices.ContainsFunc(list, func(c FacetCount) bool { return c.Value == v }) {
				list = append(list, FacetCount{Value: v, Selected: true})
			}
		}
		slices.SortFunc(list, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		out[name] = list
	}
	return out
}

// order sorts found by score, then by date (newest first), then by ref.
func order(s *snapshot, found []int32, scores map[int64]float64) {
	slices.SortFunc(found, func(a, b int32) int {
		x, y := &s.docs[a], &s.docs[b]
		if sx, sy := scores[x.id], scores[y.id]; sx != sy {
			if sx > sy {
				return -1
			}
			return 1
		}
		if x.day != y.day {
			return int(y.day - x.day)
		}
		return strings.Compare(x.ref, y.ref)
	})
}

func page(found []int32, offset, limit int) []int32 {
	if offset >= len(found) {
		return nil
	}
	if limit <= 0 {
		limit = 20
	}
	return found[offset:min(len(found), offset+limit)]
}
