package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

// The statements on the words index (fts_search): FTS5 on SQLite, a GIN
// index over tsvectors on PostgreSQL.

// matchWords asks the words index for the documents holding the words of m
// (in their text, or through an alias) and, for each group of keys, at
// least one of them: the facet filters the index narrows by (see Search).
// This is the one place the engines differ: FTS5 on SQLite, the GIN index
// over fts_search's tsvectors on PostgreSQL. Both hold the same tokens and
// keys, so both return the same documents. Scores are FTS5's bm25 over
// the words (the keys column weighs nothing) and ts_rank on PostgreSQL,
// higher being better; the scales differ between engines, the documents
// do not. When want is set, the version is read again in the same
// transaction, and ok says whether the match is of that version.
func (ix *Index) matchWords(ctx context.Context, tx *sql.Tx, kind string, m Match, keys [][]string, scored bool, want *version) (*match, bool, error) {
	var query string
	var args []any
	if ix.DB.Dialect == db.Postgres {
		var q string
		q, args = ix.tsQuery(kind, m)
		score := "0"
		if scored {
			score = "ts_rank(doc, " + q + ")"
		}
		where := "doc @@ " + q
		if len(keys) > 0 {
			args = append(args, keysTSQuery(keys))
			where = fmt.Sprintf("doc @@ ((%s) && $%d::tsquery)", q, len(args))
		}
		query = `SELECT id, ` + score + ` FROM fts_search WHERE ` + where
	} else {
		score := "0"
		if scored {
			score = "-bm25(fts_search, 1, 0)"
		}
		query = `SELECT rowid, ` + score + ` FROM fts_search WHERE fts_search MATCH $1`
		args = append(args, ix.fts5Query(kind, m, keys))
	}
	out := &match{}
	ok := true
	if want != nil {
		_, now, err := generations(ctx, tx)
		if err != nil {
			return nil, false, err
		}
		ok = now.key == want.key
	}
	err := db.Each(ctx, tx, "search "+kind, query, func(row db.Scanner) error {
		var id int64
		var v float64
		if err := row.Scan(&id, &v); err != nil {
			return err
		}
		out.ids = append(out.ids, id)
		if scored {
			out.scores = append(out.scores, v)
		}
		return nil
	}, args...)
	if err != nil {
		return nil, false, err
	}
	return out, ok, nil
}

// fts5Query writes the match, with its tokens' aliases, and the key groups
// as one FTS5 query: (("a" OR "§k") AND "b") OR ("c") AND ("§k1" OR "§k2").
// Tokens hold only letters, digits and marks, and keys the mark and hex
// digits, so quoting them is enough.
func (ix *Index) fts5Query(kind string, m Match, keys [][]string) string {
	branches := make([]string, len(m.Branches))
	for i, b := range m.Branches {
		terms := make([]string, len(b))
		for j, t := range b {
			terms[j] = `"` + t + `"`
			if ks := ix.aliasKeys(kind, t); len(ks) > 0 {
				terms[j] = "(" + terms[j] + ` OR "` + strings.Join(ks, `" OR "`) + `")`
			}
		}
		branches[i] = "(" + strings.Join(terms, " AND ") + ")"
	}
	q := strings.Join(branches, " OR ")
	if len(keys) == 0 {
		return q
	}
	parts := []string{"(" + q + ")"}
	for _, group := range keys {
		parts = append(parts, `("`+strings.Join(group, `" OR "`)+`")`)
	}
	return strings.Join(parts, " AND ")
}

// tsQuery writes the match as a PostgreSQL tsquery expression and its
// arguments: each token read by to_tsquery('simple', …), as the documents'
// tokens are by to_tsvector, or'ed with its aliases' keys, taken verbatim.
func (ix *Index) tsQuery(kind string, m Match) (string, []any) {
	var args []any
	branches := make([]string, len(m.Branches))
	for i, b := range m.Branches {
		terms := make([]string, len(b))
		for j, t := range b {
			args = append(args, t)
			terms[j] = fmt.Sprintf("to_tsquery('simple', $%d)", len(args))
			if ks := ix.aliasKeys(kind, t); len(ks) > 0 {
				args = append(args, keysTSQuery([][]string{ks}))
				terms[j] = fmt.Sprintf("(%s || $%d::tsquery)", terms[j], len(args))
			}
		}
		branches[i] = "(" + strings.Join(terms, " && ") + ")"
	}
	return "(" + strings.Join(branches, " || ") + ")", args
}

// keysTSQuery writes key groups as a tsquery of quoted lexemes, taken
// verbatim: ('k1' | 'k2') & ('k3'). Keys hold only the mark and hex digits.
func keysTSQuery(keys [][]string) string {
	parts := make([]string, len(keys))
	for i, group := range keys {
		quoted := make([]string, len(group))
		for j, k := range group {
			quoted[j] = "'" + k + "'"
		}
		parts[i] = "(" + strings.Join(quoted, " | ") + ")"
	}
	return strings.Join(parts, " & ")
}

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
