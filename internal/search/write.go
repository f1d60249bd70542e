package search

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/tipsom/tipsom/internal/db"
)

// Prepared is a document analysed and ready to be written: Prepare does
// the work that needs no database (on every core, possibly before the
// transaction opens), PutPrepared writes it.
type Prepared struct {
	kind, ref, facets, tokens, keys, display string
	day                                      any
	surfaces                                 map[string]string // token → surface (see Analyzer.tokensWith)
}

// Ref is the document's reference.
func (p *Prepared) Ref() string { return p.ref }

// Prepare validates and analyses docs on all cores.
func (ix *Index) Prepare(docs ...Document) ([]Prepared, error) {
	for i := range docs {
		if err := docs[i].validate(); err != nil {
			return nil, err
		}
	}
	out := make([]Prepared, len(docs))
	for i := range docs {
		show, err := encodeDisplay(docs[i].Show)
		if err != nil {
			return nil, fmt.Errorf("search document %s: display: %w", docs[i].Ref, err)
		}
		out[i].display = show
	}
	prep := func(i int) {
		d := &docs[i]
		surfaces := map[string]string{}
		out[i] = Prepared{kind: d.Kind, ref: d.Ref, day: db.DateArg(d.Date), facets: encodeFacets(d.Facets),
			tokens: ix.An.tokens(d, surfaces), keys: d.keys(), display: out[i].display, surfaces: surfaces}
	}
	if len(docs) < 4 {
		for i := range docs {
			prep(i)
		}
		return out, nil
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range docs {
		g.Go(func() error { prep(i); return nil })
	}
	return out, g.Wait()
}

// Put writes docs — new or changed — inside tx, the transaction that
// changes the records they describe. Texts are analysed in parallel first.
// The kind's generation moves on once per call, which tells every server's
// snapshot to reload what changed.
func (ix *Index) Put(ctx context.Context, tx *sql.Tx, docs ...Document) error {
	if len(docs) == 0 {
		return nil
	}
	p, err := ix.Prepare(docs...)
	if err != nil {
		return err
	}
	return ix.PutPrepared(ctx, tx, p)
}

// PutPrepared writes documents Prepare analysed, in one statement per
// kind: on SQLite the words index then takes the whole batch at once
// instead of flushing a small segment per statement.
func (ix *Index) PutPrepared(ctx context.Context, tx *sql.Tx, docs []Prepared) error {
	if len(docs) == 0 {
		return nil
	}
	// The last of several versions of one document wins.
	last := make(map[[2]string]int, len(docs))
	for i := range docs {
		last[[2]string{docs[i].kind, docs[i].ref}] = i
	}
	byKind := map[string][]*Prepared{}
	var kinds []string
	for i := range docs {
		d := &docs[i]
		if last[[2]string{d.kind, d.ref}] != i {
			continue
		}
		if _, ok := byKind[d.kind]; !ok {
			kinds = append(kinds, d.kind)
		}
		byKind[d.kind] = append(byKind[d.kind], d)
	}
	for _, kind := range kinds {
		g, err := nextGen(ctx, tx, kind)
		if err != nil {
			return err
		}
		if err := upsertDocs(ctx, tx, ix.DB.Dialect, kind, g, byKind[kind]); err != nil {
			return err
		}
	}
	surfaces := map[string]string{}
	for i := range docs {
		for t, w := range docs[i].surfaces {
			if _, ok := surfaces[t]; !ok {
				surfaces[t] = w
			}
		}
	}
	return addSurfaces(ctx, tx, ix.DB.Dialect, surfaces)
}

// Remove takes the documents refs of kind out of the results. The rows stay
// (empty, not live) so that other servers' snapshots learn of the removal.
func (ix *Index) Remove(ctx context.Context, tx *sql.Tx, kind string, refs ...string) error {
	if len(refs) == 0 {
		return nil
	}
	g, err := nextGen(ctx, tx, kind)
	if err != nil {
		return err
	}
	for _, ref := range refs {
		if err := unindexDoc(ctx, tx, kind, ref, g); err != nil {
			return err
		}
	}
	return nil
}

// compactAfter is how many documents a bulk write must hold before
// Compact tidies the words index.
const compactAfter = 1000

// BeginBulk readies the words index for a bulk write of n documents in tx,
// which Compact ends: SQLite's FTS5 stops merging its segments as they
// come (the writes would merge the same data again and again), so Compact
// merges them once.
func (ix *Index) BeginBulk(ctx context.Context, tx *sql.Tx, n int) error {
	if n < compactAfter || ix.DB.Dialect != db.SQLite {
		return nil
	}
	return readyWordsForBulk(ctx, tx)
}

// Compact tidies the words index after a bulk write of n documents in tx,
// so searches do not pay for the way the write went: SQLite's FTS5 merges
// the segments the write left into one, PostgreSQL's GIN index takes the
// entries still waiting in its pending list, and the planner's statistics
// are brought up to date. Smaller writes leave it to the engines.
func (ix *Index) Compact(ctx context.Context, tx *sql.Tx, n int) error {
	if n < compactAfter {
		return nil
	}
	return compactWords(ctx, tx, ix.DB.Dialect)
}
