package search

import (
	"context"
	"database/sql"
	"maps"
	"slices"
)

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
