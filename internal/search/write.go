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
	kind, ref, facets, tokens, keys string
	day                             any
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
	prep := func(i int) {
		d := &docs[i]
		out[i] = Prepared{kind: d.Kind, ref: d.Ref, day: db.DateArg(d.Date), facets: encodeFacets(d.Facets),
			tokens: ix.An.tokens(d), keys: d.keys()}
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
		if err := ix.upsert(ctx, tx, kind, g, byKind[kind]); err != nil {
			return err
		}
	}
	return nil
}

const upsertTail = ` ON CONFLICT (kind, ref) DO UPDATE SET gen = excluded.gen, live = 1, day = excluded.day,
	facets = excluded.facets, tokens = excluded.tokens, keys = excluded.keys`

// upsert writes docs of kind at generation g, in as few statements as the
// engine allows (db.InsertRows): the words index then takes each batch
// whole instead of flushing a small segment per statement.
func (ix *Index) upsert(ctx context.Context, tx *sql.Tx, kind string, g int64, docs []*Prepared) error {
	rows := make([][]any, len(docs))
	for i, d := range docs {
		rows[i] = []any{kind, d.ref, g, 1, d.day, d.facets, d.tokens, d.keys}
	}
	_, err := db.InsertRows(ctx, tx, ix.DB.Dialect, "search_docs", []string{"kind text", "ref text", "gen bigint", "live int",
		"day date", "facets text", "tokens text", "keys text"}, rows, upsertTail)
	if err != nil {
		return fmt.Errorf("index %d documents: %w", len(docs), err)
	}
	return nil
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
		_, err := tx.ExecContext(ctx, `UPDATE search_docs SET live = 0, gen = $3, facets = '', tokens = '', keys = ''
			WHERE kind = $1 AND ref = $2`, kind, ref, g)
		if err != nil {
			return fmt.Errorf("unindex %s %s: %w", kind, ref, err)
		}
	}
	return nil
}

// nextGen moves kind's generation on and returns it. On PostgreSQL the
// row lock orders concurrent writers, so generations commit in order.
func nextGen(ctx context.Context, tx *sql.Tx, kind string) (int64, error) {
	var g int64
	err := tx.QueryRowContext(ctx, `INSERT INTO search_state (kind, gen) VALUES ($1, 1)
		ON CONFLICT (kind) DO UPDATE SET gen = search_state.gen + 1 RETURNING gen`, kind).Scan(&g)
	if err != nil {
		return 0, fmt.Errorf("search generation of %s: %w", kind, err)
	}
	return g, nil
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
	for _, q := range []string{`INSERT INTO fts_search(fts_search, rank) VALUES ('automerge', 0)`,
		`INSERT INTO fts_search(fts_search, rank) VALUES ('crisismerge', 64)`,
		`INSERT INTO fts_search(fts_search, rank) VALUES ('hashsize', 67108864)`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("ready the words index: %w", err)
		}
	}
	return nil
}

// fts5Defaults are FTS5's settings that BeginBulk changes and Compact
// restores.
var fts5Defaults = []string{`INSERT INTO fts_search(fts_search, rank) VALUES ('automerge', 4)`,
	`INSERT INTO fts_search(fts_search, rank) VALUES ('crisismerge', 16)`,
	`INSERT INTO fts_search(fts_search, rank) VALUES ('hashsize', 1048576)`}

// Compact tidies the words index after a bulk write of n documents in tx,
// so searches do not pay for the way the write went: SQLite's FTS5 merges
// the segments the write left into one, PostgreSQL's GIN index takes the
// entries still waiting in its pending list, and the planner's statistics
// are brought up to date. Smaller writes leave it to the engines.
func (ix *Index) Compact(ctx context.Context, tx *sql.Tx, n int) error {
	if n < compactAfter {
		return nil
	}
	var stmts []string
	if ix.DB.Dialect == db.Postgres {
		stmts = []string{`SELECT gin_clean_pending_list('fts_search_doc'::regclass)`, `ANALYZE search_docs`, `ANALYZE fts_search`}
	} else {
		stmts = append([]string{`INSERT INTO fts_search(fts_search) VALUES ('optimize')`}, fts5Defaults...)
	}
	for _, q := range stmts {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("compact the words index: %w", err)
		}
	}
	return nil
}
