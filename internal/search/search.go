package search

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"math/bits"
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

// Search runs req over the snapshot, which holds the words index and the
// facet values of every document in memory (see snapshot): the words'
// postings are intersected, the documents passing the filters and years
// kept, the page's hits ranked by BM25 — computed over the documents of
// every kind — or by date, and the facets counted from the facet values'
// sets intersected with the matching documents. The documents holding
// the words, with their scores, are kept in the match cache for the
// version of the index they were read from.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	return db.Read(ctx, ix.DB, func(tx *sql.Tx) (*Result, error) {
		return ix.SearchTx(ctx, tx, req)
	})
}

// SearchTx is Search inside tx, a read transaction the caller opened: a
// capability that reads the records found in the same transaction pays
// for one transaction per search, not several.
func (ix *Index) SearchTx(ctx context.Context, tx *sql.Tx, req Request) (*Result, error) {
	s, err := ix.snapshot(ctx, tx)
	if err != nil {
		return nil, err
	}
	s.index()
	res := &Result{Match: ix.An.ParseQuery(req.Text)}
	kinds, filters := s.kindsOf(req)
	text := strings.TrimSpace(req.Text) != ""
	relevance := text && !res.Match.Empty() && req.Sort != SortDate
	var found []int32
	var scores []float32 // per found document when ranked by relevance
	groups, ok := resolveFilters(s, filters)
	switch {
	case !ok || len(kinds) == 0 || (text && res.Match.Empty()):
	case !text:
		found = s.passing(s.kindSet(kinds), groups, req.YearFrom, req.YearTo)
	default:
		found, scores = ix.withWords(s, kinds, req, res.Match, groups, relevance)
	}
	res.Total = len(found)
	res.Facets = s.countFacets(req, found)
	from, to := pageBounds(len(found), req.Offset, req.Limit)
	var page []int
	switch {
	case relevance:
		page = topK(len(found), to, func(a, b int) bool {
			if scores[a] != scores[b] {
				return scores[a] > scores[b]
			}
			return s.rank[found[a]] < s.rank[found[b]]
		})
	case text:
		page = topK(len(found), to, func(a, b int) bool { return s.rank[found[a]] < s.rank[found[b]] })
	default: // passing lists them newest first
		for i := range to {
			page = append(page, i)
		}
	}
	for _, i := range page[from:] {
		e := &s.docs[found[i]]
		h := Hit{Kind: s.kinds[e.kind], Ref: e.ref, Date: dayTime(e.day)}
		if scores != nil {
			h.Score = float64(scores[i])
		}
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

// kindsOf returns the ids of the kinds req searches that the snapshot
// knows, ascending, and its filters without the kind pseudo-facet.
func (s *snapshot) kindsOf(req Request) ([]uint8, map[string][]string) {
	names := req.Kinds
	filters := req.Filters
	if req.Kind != "" {
		names = []string{req.Kind}
	} else if want, ok := req.Filters[FacetKind]; ok {
		filters = maps.Clone(req.Filters)
		delete(filters, FacetKind)
		if len(want) > 0 {
			names = slices.DeleteFunc(slices.Clone(names), func(k string) bool { return !slices.Contains(want, k) })
		}
	}
	var out []uint8
	for _, n := range names {
		if k, ok := s.kindID[n]; ok && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out, filters
}

// kindSet is the set of the live documents of kinds; nil when they are
// every kind the snapshot holds (every live document).
func (s *snapshot) kindSet(kinds []uint8) bitmap {
	if len(kinds) == len(s.kinds) {
		return nil
	}
	if len(kinds) == 1 {
		return s.kindBits[kinds[0]]
	}
	b := slices.Clone(s.kindBits[kinds[0]])
	for _, k := range kinds[1:] {
		b.or(s.kindBits[k])
	}
	return b
}

// topK returns the indexes of the k first of n items in the order less
// gives, in that order, without sorting the rest.
func topK(n, k int, less func(a, b int) bool) []int {
	k = min(k, n)
	if k == 0 {
		return nil
	}
	// A max-heap of the k best so far: its root is the worst of them.
	h := make([]int, 0, k)
	down := func(i int) {
		for {
			l, worst := 2*i+1, i
			if l < len(h) && less(h[worst], h[l]) {
				worst = l
			}
			if r := l + 1; r < len(h) && less(h[worst], h[r]) {
				worst = r
			}
			if worst == i {
				return
			}
			h[i], h[worst] = h[worst], h[i]
			i = worst
		}
	}
	for i := range n {
		if len(h) < k {
			h = append(h, i)
			for j := len(h) - 1; j > 0; {
				p := (j - 1) / 2
				if !less(h[p], h[j]) {
					break
				}
				h[p], h[j] = h[j], h[p]
				j = p
			}
		} else if less(i, h[0]) {
			h[0] = i
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b int) int {
		if less(a, b) {
			return -1
		}
		if less(b, a) {
			return 1
		}
		return 0
	})
	return h
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

// andCount is how many members b and o share.
func (b bitmap) andCount(o bitmap) int {
	n := 0
	for i, w := range b {
		n += bits.OnesCount64(w & o[i])
	}
	return n
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
	y := int(e.year)
	return (from == 0 || (y != 0 && y >= from)) && (to == 0 || (y != 0 && y <= to))
}

// passing lists the documents of the kinds in ks (nil: all) passing the
// filters and the years, newest first.
func (s *snapshot) passing(ks bitmap, groups [][]uint32, from, to int) []int32 {
	f := s.filter(groups)
	var out []int32
	for _, slot := range s.byDate {
		if (ks == nil || ks.has(slot)) && s.keep(f, slot, from, to) {
			out = append(out, slot)
		}
	}
	return out
}

// withWords returns the documents of kinds passing the filters and years
// that hold the words of m, in slot order, with their scores when ranked
// by relevance: only those are scored. The answer is kept in the match
// cache for this snapshot, under the words, kinds, filters and years.
func (ix *Index) withWords(s *snapshot, kinds []uint8, req Request, m Match, groups [][]uint32, relevance bool) ([]int32, []float32) {
	var key strings.Builder
	for _, k := range kinds {
		key.WriteString(s.kinds[k])
		key.WriteByte(0)
	}
	key.WriteString(strconv.FormatBool(relevance))
	for _, b := range m.Branches {
		key.WriteByte(0)
		key.WriteString(strings.Join(b, " "))
	}
	fmt.Fprintf(&key, "\x00%d-%d", req.YearFrom, req.YearTo)
	canon := make([]string, len(groups))
	for i, g := range groups {
		g = slices.Sorted(slices.Values(g))
		for _, v := range g {
			canon[i] += strconv.FormatUint(uint64(v), 36) + ","
		}
	}
	slices.Sort(canon)
	key.WriteString(strings.Join(canon, ";"))
	entry := ix.cache.get(s.ver, key.String())
	if entry == nil || entry.snap != s {
		allow := s.allowed(kinds, groups)
		slots, scores := ix.matchWords(s, allow, kinds, m, relevance, req.YearFrom, req.YearTo)
		entry = &cacheEntry{key: key.String(), snap: s, slots: slots, scores: scores}
		ix.cache.put(s.ver, entry)
	}
	return entry.slots, entry.scores // only read
}

// allowed is the set of the live documents of kinds passing the filter
// groups, or nil when every live document does. It may be one of the
// snapshot's own sets, to be only read.
func (s *snapshot) allowed(kinds []uint8, groups [][]uint32) bitmap {
	f, ks := s.filter(groups), s.kindSet(kinds)
	switch {
	case f == nil:
		return ks
	case ks == nil:
		return f
	}
	out := slices.Clone(f)
	out.and(ks)
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

// countFacets lists, per facet asked for, its values by how many of found
// hold them, the most frequent first; selected values always appear, even
// at zero. The counts come from each value's set intersected with found,
// or from found's own values when found is the smaller.
func (s *snapshot) countFacets(req Request, found []int32) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	counts := map[facetValue]int{}
	var values []uint32
	kinds := false
	for _, name := range req.Facets {
		out[name] = []FacetCount{}
		if name == FacetKind && req.Kind == "" {
			kinds = true
			continue
		}
		values = append(values, s.byName[name]...)
	}
	if len(found) > 0 {
		byIndex := 0 // the cost of counting from the index, in words or postings read
		for _, v := range values {
			if s.bits[v] != nil {
				byIndex += len(s.bits[v])
			} else {
				byIndex += len(s.postings[v])
			}
		}
		// Reading a document's values costs a cache miss; a set's words are
		// read in order: a row costs about rowCost words.
		const rowCost = 16
		if len(found)*s.perDoc*rowCost <= byIndex {
			want := make(map[uint32]bool, len(values))
			for _, v := range values {
				want[v] = true
			}
			for _, slot := range found {
				for _, v := range s.docs[slot].facets {
					if want[v] {
						counts[s.names[v]]++
					}
				}
			}
			if kinds {
				for _, slot := range found {
					counts[facetValue{FacetKind, s.kinds[s.docs[slot].kind]}]++
				}
			}
		} else {
			fb := newBitmap(len(s.docs))
			for _, slot := range found {
				fb.set(slot)
			}
			for _, v := range values {
				n := 0
				if b := s.bits[v]; b != nil {
					n = fb.andCount(b)
				} else {
					for _, slot := range s.postings[v] {
						if fb.has(slot) {
							n++
						}
					}
				}
				if n > 0 {
					counts[s.names[v]] = n
				}
			}
			if kinds {
				for k, b := range s.kindBits {
					if n := fb.andCount(b); n > 0 {
						counts[facetValue{FacetKind, s.kinds[k]}] = n
					}
				}
			}
		}
	}
	for fv, n := range counts {
		if list, want := out[fv.name]; want && n > 0 {
			out[fv.name] = append(list, FacetCount{Value: fv.value, Count: n, Selected: slices.Contains(req.Filters[fv.name], fv.value)})
		}
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
