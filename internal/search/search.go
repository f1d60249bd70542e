package search

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// FacetKind is the pseudo-facet of a search across kinds: listed in
// Request.Facets it counts the matching documents per kind, in
// Request.Filters it keeps the documents of the kinds named. No document
// may have a facet of that name (rooms have their own "kind"s: the kind of
// a law, of an adopter).
const FacetKind = "doc_kind"

// Request is one search: the kind of document (or, when Kind is "", the
// kinds searched together), the text of the search box, facet filters
// (values of one facet are alternatives, facets combine), a range of
// years, the facets to count, the order and the page.
type Request struct {
	Kind     string
	Kinds    []string // when Kind is "": every document of these kinds
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
	Kind  string
	Ref   string
	Score float64   // higher is better; 0 when sorted by date
	Date  time.Time // the document's date; zero when undated
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

// Search runs req. The filters are resolved over the snapshot, whose
// postings give, per facet value, the documents holding it. Without
// words, the documents passing them are the result. With words, the words
// index finds the documents holding them, narrowed by the keys of the most
// selective filters — so a common word costs the few documents that also
// pass them, not every document that holds it — unless the match cache
// holds the answer to that query already; the snapshot then checks every
// filter exactly. Facets are counted over the result, then the page is cut.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	return db.Read(ctx, ix.DB, func(tx *sql.Tx) (*Result, error) {
		return ix.SearchTx(ctx, tx, req)
	})
}

// SearchTx is Search inside tx, a read transaction the caller opened: a
// capability that reads the records found in the same transaction pays
// for one transaction per search, not several.
func (ix *Index) SearchTx(ctx context.Context, tx *sql.Tx, req Request) (*Result, error) {
	if req.Kind == "" {
		return ix.searchKinds(ctx, tx, req)
	}
	res := &Result{Facets: map[string][]FacetCount{}, Match: ix.An.ParseQuery(req.Text)}
	s, found, scores, err := ix.kindMatches(ctx, tx, req.Kind, req, res.Match)
	if err != nil {
		return nil, err
	}
	counts := make([]int32, len(s.names))
	for _, i := range found {
		for _, v := range s.docs[i].facets {
			counts[v]++
		}
	}
	res.Total = len(found)
	res.Facets = facetCounts(s, req, counts)
	from, to := pageBounds(len(found), req.Offset, req.Limit)
	for i := from; i < to; i++ {
		h := Hit{Kind: req.Kind, Ref: s.docs[found[i]].ref, Date: dayTime(s.docs[found[i]].day)}
		if scores != nil {
			h.Score = scores[i]
		}
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// kindMatches returns kind's snapshot and its documents matching req (its
// text m, filters and years), in the order of the results, with their
// scores when ranked by relevance.
func (ix *Index) kindMatches(ctx context.Context, tx *sql.Tx, kind string, req Request, m Match) (*snapshot, []int32, []float64, error) {
	s, ver, err := ix.snapshot(ctx, tx, kind)
	if err != nil {
		return nil, nil, nil, err
	}
	s.index()
	text := strings.TrimSpace(req.Text) != ""
	relevance := text && !m.Empty() && req.Sort != SortDate
	var found []int32
	var scores []float64 // per found document when ranked by relevance
	groups, ok := resolveFilters(s, req.Filters)
	req.Kind = kind
	switch {
	case !ok || (text && m.Empty()):
	case !text:
		found = s.passing(groups, req.YearFrom, req.YearTo)
	default:
		if found, scores, err = ix.withWords(ctx, tx, s, ver, req, m, groups, relevance); err != nil {
			return nil, nil, nil, err
		}
	}
	return s, found, scores, nil
}

// bitmap is a set of snapshot slots.
type bitmap []uint64

func newBitmap(n int) bitmap      { return make(bitmap, (n+63)/64) }
func (b bitmap) set(i int32)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bitmap) has(i int32) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }
func (b bitmap) and(o bitmap) {
	for i := range b {
		b[i] &= o[i]
	}
}
func (b bitmap) or(o bitmap) {
	for i := range b {
		b[i] |= o[i]
	}
}

// filter returns the set of live documents holding a value of every
// group, or nil when there is no group (every live document passes). A
// lone value's set is the snapshot's own, shared: it is only read.
func (s *snapshot) filter(groups [][]uint32) bitmap {
	if len(groups) == 1 && len(groups[0]) == 1 {
		return s.valueSet(groups[0][0])
	}
	var out bitmap
	for _, g := range groups {
		var b bitmap
		if len(g) == 1 && out != nil {
			b = s.valueSet(g[0]) // only read
		} else {
			b = slices.Clone(s.valueSet(g[0]))
			for _, v := range g[1:] {
				b.or(s.valueSet(v))
			}
		}
		if out == nil {
			out = b
		} else {
			out.and(b)
		}
	}
	return out
}

// keep reports whether the document in slot passes the filters (f, nil
// for none) and the years.
func (s *snapshot) keep(f bitmap, slot int32, from, to int) bool {
	e := &s.docs[slot]
	if f != nil {
		if !f.has(slot) {
			return false
		}
	} else if !e.live {
		return false
	}
	return (from == 0 || (e.year != 0 && e.year >= from)) && (to == 0 || (e.year != 0 && e.year <= to))
}

// passing lists the documents passing the filters and the years, newest
// first.
func (s *snapshot) passing(groups [][]uint32, from, to int) []int32 {
	f := s.filter(groups)
	var out []int32
	for _, slot := range s.byDate {
		if s.keep(f, slot, from, to) {
			out = append(out, slot)
		}
	}
	return out
}

// withWords returns the documents passing the filters that hold the
// words of m, in the order of the results, with their scores when ranked
// by relevance. The words index is asked for the words and the keys of
// the most selective filters (see pushdown), unless the match cache holds
// the answer to that very query.
func (ix *Index) withWords(ctx context.Context, tx *sql.Tx, s *snapshot, ver version, req Request, m Match, groups [][]uint32, relevance bool) ([]int32, []float64, error) {
	push := s.pushdown(groups, ix.DB.Dialect)
	keys := make([][]string, len(push))
	for i, g := range push {
		for _, v := range g {
			keys[i] = append(keys[i], facetKey(req.Kind, s.names[v].name, s.names[v].value))
		}
	}
	key := req.Kind + "\x00" + strconv.FormatBool(relevance) + "\x00" + ix.fts5Query(req.Kind, m, keys)
	entry := ix.cache.get(ver, key)
	if entry == nil {
		var want *version
		if ix.cache != nil {
			want = &ver
		}
		mt, same, err := ix.matchWords(ctx, tx, req.Kind, m, keys, relevance, want)
		if err != nil {
			return nil, nil, err
		}
		entry = s.entry(key, mt)
		if same {
			ix.cache.put(ver, entry)
		}
	}
	f := s.filter(groups)
	var found []int32
	var scores []float64
	for i, slot := range entry.slots {
		if s.keep(f, slot, req.YearFrom, req.YearTo) {
			found = append(found, slot)
			if relevance {
				scores = append(scores, entry.scores[i])
			}
		}
	}
	return found, scores, nil
}

// entry turns what the words index returned into the kind's live
// documents, best first: by score, then newest first. Documents written
// since the snapshot was taken are left out: the next search has them.
func (s *snapshot) entry(key string, mt *match) *cacheEntry {
	type hit struct {
		slot  int32
		score float64
	}
	hits := make([]hit, 0, len(mt.ids))
	for i, id := range mt.ids {
		if slot, ok := s.slot[id]; ok && s.docs[slot].live {
			h := hit{slot: slot}
			if mt.scores != nil {
				h.score = mt.scores[i]
			}
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(s.rank[a.slot] - s.rank[b.slot])
	})
	e := &cacheEntry{key: key, slots: make([]int32, len(hits))}
	if mt.scores != nil {
		e.scores = make([]float64, len(hits))
	}
	for i, h := range hits {
		e.slots[i] = h.slot
		if e.scores != nil {
			e.scores[i] = h.score
		}
	}
	return e
}

// pushdown picks the filter groups the words index narrows a search by.
// On SQLite, FTS5's bm25 first counts the documents holding each key of
// the query, so a key pays off only when it cuts many rows: the most
// selective group, unless it keeps most documents, and any other that
// keeps under a quarter of them. On PostgreSQL the GIN index intersects
// keys for little, while each row it returns costs a heap visit and a
// ts_rank, so every group that cuts something is pushed.
func (s *snapshot) pushdown(groups [][]uint32, d db.Dialect) [][]uint32 {
	live := len(s.docs) - s.removed
	if live <= 0 || len(groups) == 0 {
		return nil
	}
	type sized struct {
		g []uint32
		n int
	}
	var all []sized
	for _, g := range groups {
		n := 0
		for _, v := range g {
			n += len(s.postings[v])
		}
		all = append(all, sized{g, n})
	}
	slices.SortFunc(all, func(a, b sized) int { return a.n - b.n })
	var out [][]uint32
	for i, g := range all {
		share := float64(g.n) / float64(live)
		if d == db.Postgres {
			if share > 0.9 {
				break
			}
		} else if (i == 0 && share > 0.6) || (i > 0 && (share > 0.25 || len(out) == 3)) {
			break
		}
		out = append(out, g.g)
	}
	return out
}

// pageBounds is the part of n results a page shows.
func pageBounds(n, offset, limit int) (int, int) {
	if limit <= 0 {
		limit = 20
	}
	if offset >= n {
		return n, n
	}
	return offset, min(n, offset+limit)
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

// dayTime is a snapshot's day as a date; zero when undated.
func dayTime(day int32) time.Time {
	if day == 0 {
		return time.Time{}
	}
	return time.Unix(int64(day)*86400, 0).UTC()
}
