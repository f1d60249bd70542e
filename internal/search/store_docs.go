package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tipsom/tipsom/internal/db"
)

// The statements on search_docs (a row a document, its tokens indexed by
// the words index) and search_state (a generation a kind).

// generations reads every kind's generation.
func generations(ctx context.Context, tx *sql.Tx) (map[string]int64, error) {
	gens := map[string]int64{}
	err := db.Each(ctx, tx, "search generations", `SELECT kind, gen FROM search_state`, func(row db.Scanner) error {
		var kind string
		var g int64
		if err := row.Scan(&kind, &g); err != nil {
			return err
		}
		gens[kind] = g
		return nil
	})
	if err != nil {
		return nil, err
	}
	return gens, nil
}

// docRow is a document's row as a snapshot reads it.
type docRow struct {
	id     int64
	ref    string
	day    time.Time // zero when undated
	live   bool
	facets string
	tokens string
}

// changedDocs calls fn with every row of kind written after generation since.
func changedDocs(ctx context.Context, tx *sql.Tx, kind string, since int64, fn func(docRow)) error {
	return db.Each(ctx, tx, "load search snapshot of "+kind, `SELECT id, ref, day, live, facets, tokens FROM search_docs
		WHERE kind = $1 AND gen > $2 ORDER BY id`, func(row db.Scanner) error {
		var d docRow
		var live int
		if err := row.Scan(&d.id, &d.ref, db.DateInto(&d.day), &live, &d.facets, &d.tokens); err != nil {
			return err
		}
		d.live = live == 1
		fn(d)
		return nil
	}, kind, since)
}

// docKeys is a live document whose facet keys are still to be computed.
type docKeys struct {
	id           int64
	kind, facets string
}

// docsWithoutKeys returns at most limit live documents with facets and
// no keys (the partial index search_docs_nokeys lists them).
func docsWithoutKeys(ctx context.Context, tx *sql.Tx, limit int) ([]docKeys, error) {
	return db.List(ctx, tx, "documents without keys", func(row db.Scanner) (docKeys, error) {
		var p docKeys
		err := row.Scan(&p.id, &p.kind, &p.facets)
		return p, err
	}, `SELECT id, kind, facets FROM search_docs
		WHERE live = 1 AND keys = '' AND facets <> '' ORDER BY id LIMIT $1`, limit)
}

// setDocKeys stores the facet keys of document id.
func setDocKeys(ctx context.Context, tx *sql.Tx, id int64, keys string) error {
	_, err := tx.ExecContext(ctx, `UPDATE search_docs SET keys = $1 WHERE id = $2`, keys, id)
	return err
}

const upsertTail = ` ON CONFLICT (kind, ref) DO UPDATE SET gen = excluded.gen, live = 1, day = excluded.day,
	facets = excluded.facets, tokens = excluded.tokens, keys = excluded.keys, display = excluded.display`

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

// upsertDocs writes docs of kind at generation g, in as few statements as the
// engine allows (db.InsertRows): the words index then takes each batch
// whole instead of flushing a small segment per statement.
func upsertDocs(ctx context.Context, tx *sql.Tx, dialect db.Dialect, kind string, g int64, docs []*Prepared) error {
	rows := make([][]any, len(docs))
	for i, d := range docs {
		rows[i] = []any{kind, d.ref, g, 1, d.day, d.facets, d.tokens, d.keys, d.display}
	}
	_, err := db.InsertRows(ctx, tx, dialect, "search_docs", []string{"kind text", "ref text", "gen bigint", "live int",
		"day date", "facets text", "tokens text", "keys text", "display text"}, rows, upsertTail)
	if err != nil {
		return fmt.Errorf("index %d documents: %w", len(docs), err)
	}
	return nil
}

// unindexDoc empties the row of kind's document ref and marks it not live
// at generation g.
func unindexDoc(ctx context.Context, tx *sql.Tx, kind, ref string, g int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE search_docs SET live = 0, gen = $3, facets = '', tokens = '', keys = '', display = ''
		WHERE kind = $1 AND ref = $2`, kind, ref, g)
	if err != nil {
		return fmt.Errorf("unindex %s %s: %w", kind, ref, err)
	}
	return nil
}

// addSurfaces records the surface forms of tokens not known yet; the first
// one written stays.
func addSurfaces(ctx context.Context, tx *sql.Tx, dialect db.Dialect, surfaces map[string]string) error {
	if len(surfaces) == 0 {
		return nil
	}
	rows := make([][]any, 0, len(surfaces))
	for t, w := range surfaces {
		rows = append(rows, []any{t, w})
	}
	slices.SortFunc(rows, func(a, b []any) int { return strings.Compare(a[0].(string), b[0].(string)) })
	_, err := db.InsertRows(ctx, tx, dialect, "search_words", []string{"token text", "surface text"}, rows, ` ON CONFLICT (token) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("record %d surface forms: %w", len(rows), err)
	}
	return nil
}

// surfaceOf returns the surface form recorded for token, or "".
func surfaceOf(ctx context.Context, tx *sql.Tx, token string) (string, error) {
	var w string
	err := tx.QueryRowContext(ctx, `SELECT surface FROM search_words WHERE token = $1`, token).Scan(&w)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("surface of %q: %w", token, err)
	}
	return w, nil
}

// displaysByID calls fn with the stored display of each of the rows ids
// that has one.
func displaysByID(ctx context.Context, tx *sql.Tx, ids []int64, fn func(id int64, display string)) error {
	return db.InChunks(ids, 500, func(part []int64) error {
		return db.Each(ctx, tx, "search displays", `SELECT id, display FROM search_docs
			WHERE id IN (`+db.Placeholders(len(part), 0)+`) AND display <> ''`, func(row db.Scanner) error {
			var id int64
			var d string
			if err := row.Scan(&id, &d); err != nil {
				return err
			}
			fn(id, d)
			return nil
		}, db.Args(part)...)
	})
}
