package search

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"
)

// searchKinds runs req over the documents of every kind of req.Kinds (kept
// to those Filters[FacetKind] names, when it does) as one set: each kind's
// matches are found as a single-kind search finds them, then merged — by
// score, the scores being the words index's over every document whatever
// its kind, or by date — and facets are counted by name across the kinds.
func (ix *Index) searchKinds(ctx context.Context, tx *sql.Tx, req Request) (*Result, error) {
	res := &Result{Match: ix.An.ParseQuery(req.Text)}
	kinds := slices.Clone(req.Kinds)
	slices.Sort(kinds)
	kinds = slices.Compact(kinds)
	filters := req.Filters
	if want, ok := req.Filters[FacetKind]; ok && len(want) > 0 {
		kinds = slices.DeleteFunc(kinds, func(k string) bool { return !slices.Contains(want, k) })
		filters = maps.Clone(req.Filters)
		delete(filters, FacetKind)
	}
	type hit struct {
		kind  int
		slot  int32
		score float64
		day   int32
		ref   string
	}
	var hits []hit
	counts := map[facetValue]int{}
	perKind := map[string]int{}
	one := req
	one.Filters = filters
	for k, kind := range kinds {
		s, found, scores, err := ix.kindMatches(ctx, tx, kind, one, res.Match)
		if err != nil {
			return nil, err
		}
		for i, slot := range found {
			e := &s.docs[slot]
			h := hit{kind: k, slot: slot, day: e.day, ref: e.ref}
			if scores != nil {
				h.score = scores[i]
			}
			hits = append(hits, h)
			for _, v := range e.facets {
				counts[s.names[v]]++
			}
		}
		perKind[kind] = len(found)
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		if a.day != b.day {
			return int(b.day - a.day)
		}
		if c := strings.Compare(a.ref, b.ref); c != 0 {
			return c
		}
		return a.kind - b.kind
	})
	for kind, n := range perKind {
		if n > 0 {
			counts[facetValue{FacetKind, kind}] = n
		}
	}
	res.Total = len(hits)
	res.Facets = countsByName(req, counts)
	from, to := pageBounds(len(hits), req.Offset, req.Limit)
	for _, h := range hits[from:to] {
		res.Hits = append(res.Hits, Hit{Kind: kinds[h.kind], Ref: h.ref, Score: h.score, Date: dayTime(h.day)})
	}
	return res, nil
}

// countsByName lists, per facet asked for, its values by count as
// facetCounts does, from counts by name and value.
func countsByName(req Request, counts map[facetValue]int) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for _, name := range req.Facets {
		out[name] = []FacetCount{}
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

// Displays returns what the hits' documents show in a list of hits of
// several kinds, keyed by DisplayKey(kind, ref); a document written
// without one is left out.
func (ix *Index) Displays(ctx context.Context, tx *sql.Tx, hits []Hit) (map[string]*Display, error) {
	byKind := map[string][]string{}
	for _, h := range hits {
		byKind[h.Kind] = append(byKind[h.Kind], h.Ref)
	}
	out := map[string]*Display{}
	var bad error
	for _, kind := range slices.Sorted(maps.Keys(byKind)) {
		err := displays(ctx, tx, kind, byKind[kind], func(ref, text string) {
			d, err := decodeDisplay(text)
			if err != nil && bad == nil {
				bad = err
			}
			out[DisplayKey(kind, ref)] = d
		})
		if err != nil {
			return nil, err
		}
	}
	return out, bad
}
