package search

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tipsom/tipsom/internal/db"
)

// The statements on the stored words index (fts_search): FTS5 on SQLite, a
// GIN index over tsvectors on PostgreSQL. The database keeps them in step
// with search_docs by triggers; searches read the in-memory snapshot (see
// Index.Search), so what is left here is the upkeep of bulk writes.

// readyWordsForBulk stops SQLite's FTS5 merging segments as they come, for
// a bulk write that compactWords ends.
func readyWordsForBulk(ctx context.Context, tx *sql.Tx) error {
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

// compactWords merges the words index after a bulk write and brings the
// planner's statistics up to date (see Index.Compact).
func compactWords(ctx context.Context, tx *sql.Tx, dialect db.Dialect) error {
	var stmts []string
	if dialect == db.Postgres {
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
