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
	var b int64
	b += int64(cap(s.docs)) * int64(unsafe.Sizeof(entry{}))
	for i := range s.docs {
		b += int64(len(s.docs[i].ref)+len(s.docs[i].show)) + 4*int64(cap(s.docs[i].facets))
	}
	b += 2 * int64(len(s.slot)) * 12
	b += 2 * int64(len(s.byRef)) * (24 + 4)
	b += int64(cap(s.post)) * 24
	b += int64(len(s.lex.blob)) + 4*int64(cap(s.lex.off))
	for _, t := range s.lex.extra {
		b += 2 * (int64(len(t)) + 16 + 4)
	}
	for _, p := range s.post {
		st.Postings += len(p)
		b += 4 * int64(cap(p))
	}
	for _, p := range s.postings {
		b += 4 * int64(cap(p))
	}
	for _, bm := range s.bits {
		b += 8 * int64(cap(bm))
	}
	for _, bm := range s.kindBits {
		b += 8 * int64(cap(bm))
	}
	b += 4 * int64(cap(s.byDate)+cap(s.rank))
	st.Bytes = b
	return st, nil
}
