package search

import (
	"context"
	"database/sql"
)

// Displays returns what the hits' documents show in a list of hits of
// several kinds, keyed by DisplayKey(kind, ref); a document written
// without one, or removed, is left out. The displays are read from the
// snapshot, which loads them with the documents, as of tx.
func (ix *Index) Displays(ctx context.Context, tx *sql.Tx, hits []Hit) (map[string]*Display, error) {
	s, err := ix.snapshot(ctx, tx)
	if err != nil {
		return nil, err
	}
	s.index()
	out := map[string]*Display{}
	for _, h := range hits {
		k, ok := s.kindID[h.Kind]
		if !ok {
			continue
		}
		slot, ok := s.byRef[refKey{k, h.Ref}]
		if !ok || s.docs[slot].show == "" {
			continue
		}
		d, err := decodeDisplay(s.docs[slot].show)
		if err != nil {
			return nil, err
		}
		out[DisplayKey(h.Kind, h.Ref)] = d
	}
	return out, nil
}
