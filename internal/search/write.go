package search

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// putBatch is how many documents one INSERT carries: few round trips on
// PostgreSQL, and few enough parameters for SQLite, which looks each one
// up by a linear scan of the statement's parameters.
const putBatch = 40

// Put writes docs — new or changed — inside tx, the transaction that
// changes the records they describe. Texts are analysed in parallel first.
// The kind's generation moves on once per call, which tells every server's
// snapshot to reload what changed.
func (ix *Index) Put(ctx context.Context, tx *sql.Tx, docs ...Document) error {
	if len(docs) == 0 {
		return nil
	}
	for i := range docs {
		if err := docs[i].validate(); err != nil {
			return err
		}
	}
	toks := ix.analyseAll(docs)
	gens := map[string]int64{}
	for start := 0; start < len(docs); start += putBatch {
		end := min(start+putBatch, len(docs))
		var vals []string
		var args []any
		for i := start; i < end; i++ {
			d := &docs[i]
			g, ok := gens[d.Kind]
			if !ok {
				var err error
				if g, err = nextGen(ctx, tx, d.Kind); err != nil {
					return err
				}
				gens[d.Kind] = g
			}
			n := len(args)
			vals = append(vals, fmt.Sprintf("($%d, $%d, $%d, 1, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6))
			args = append(args, d.Kind, d.Ref, g, dayArg(d.Date), encodeFacets(d.Facets), toks[i])
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO search_docs (kind, ref, gen, live, day, facets, tokens)
			VALUES `+strings.Join(vals, ", ")+`
			ON CONFLICT (kind, ref) DO UPDATE SET gen = excluded.gen, live = 1, day = excluded.day,
				facets = excluded.facets, tokens = excluded.tokens`, args...)
		if err != nil {
			return fmt.Errorf("index %d documents: %w", end-start, err)
		}
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
		_, err := tx.ExecContext(ctx, `UPDATE search_docs SET live = 0, gen = $3, facets = '', tokens = ''
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

// analyseAll computes every document's tokens on all cores.
func (ix *Index) analyseAll(docs []Document) []string {
	out := make([]string, len(docs))
	if len(docs) == 1 {
		out[0] = ix.An.tokens(&docs[0])
		return out
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Go(func() {
			for i := range next {
				out[i] = ix.An.tokens(&docs[i])
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
