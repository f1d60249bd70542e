package search

import (
	"context"
	"database/sql"
)

// Displays returns what the hits' documents show in a list of hits of
// several kinds, keyed by DisplayKey(kind, ref); a document written
// without one, or removed, is left out. The snapshot, as of tx, names the
// hits' rows, whose displays are read in one statement (they are not kept
// in memory: a case's summaries in six languages would double the index).
func (ix *Index) Displays(ctx context.Context, tx *sql.Tx, hits []Hit) (map[string]*Display, error) {
	s, err := ix.snapshot(ctx, tx)
	if err != nil {
		return nil, err
	}
	s.index()
	keys := map[int64]string{}
	ids := make([]int64, 0, len(hits))
	for _, h := range hits {
		k, ok := s.kindID[h.Kind]
		if !ok {
			continue
		}
		if slot, ok := s.byRef[refKey{k, h.Ref}]; ok {
			id := s.docs[slot].id
			keys[id] = DisplayKey(h.Kind, h.Ref)
			ids = append(ids, id)
		}
	}
	out := map[string]*Display{}
	var bad error
	err = displaysByID(ctx, tx, ids, func(id int64, text string) {
		d, err := decodeDisplay(text)
		if err != nil && bad == nil {
			bad = err
		}
		out[keys[id]] = d
	})
	if err != nil {
		return nil, err
	}
	return out, bad
}
