package search

import (
	"context"
	"database/sql"
	"unsafe"
)

// Stats describes the in-memory index as of the latest snapshot.
type Stats struct {
	Docs     int   // slots, live or not
	Live     int   // live documents
	Terms    int   // distinct tokens
	Postings int   // (token, document) pairs
	Bytes    int64 // an estimate of the memory the snapshot holds
	// Parts of Bytes: the documents' entries (refs, displays, facet
	// values, the maps by id and by ref), the postings, the lexicon, the
	// facet values' sets and the date order.
	DocBytes, PostBytes, LexBytes, SetBytes int64
}

// Stats loads the snapshot as of tx if needed and describes it. Bytes
// counts the tables' arrays and strings and estimates the maps (Go's maps
// take about twice their keys' and values' size).
func (ix *Index) Stats(ctx context.Context, tx *sql.Tx) (Stats, error) {
	s, err := ix.snapshot(ctx, tx)
	if err != nil {
		return Stats{}, err
	}
	s.index()
	st := Stats{Docs: len(s.docs), Live: s.live, Terms: len(s.post)}
	d := int64(cap(s.docs)) * int64(unsafe.Sizeof(entry{}))
	for i := range s.docs {
		d += int64(len(s.docs[i].ref)) + 4*int64(cap(s.docs[i].facets))
	}
	d += 2 * int64(len(s.slot)) * 12
	d += 2 * int64(len(s.byRef)) * (24 + 4)
	p := int64(cap(s.post)) * 24
	for _, ps := range s.post {
		st.Postings += len(ps)
		p += 4 * int64(cap(ps))
	}
	l := int64(len(s.lex.blob)) + 4*int64(cap(s.lex.off))
	for _, t := range s.lex.extra {
		l += 2 * (int64(len(t)) + 16 + 4)
	}
	var f int64
	for _, ps := range s.postings {
		f += 4 * int64(cap(ps))
	}
	for _, bm := range s.bits {
		f += 8 * int64(cap(bm))
	}
	for _, bm := range s.kindBits {
		f += 8 * int64(cap(bm))
	}
	f += 4 * int64(cap(s.byDate)+cap(s.rank))
	st.DocBytes, st.PostBytes, st.LexBytes, st.SetBytes = d, p, l, f
	st.Bytes = d + p + l + f
	return st, nil
}
