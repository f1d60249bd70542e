package search

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

// Alias makes documents of kind holding the facet value name=value found
// by tokens (analysed words) as if their texts held them: a case is found
// by the labels of its keywords in six languages without every case
// carrying those words in its tokens. The words index holds each
// document's facet keys, so a searched token matches the documents whose
// text holds it or that hold a facet value it is an alias of. Register
// aliases before searching; every server registers the same ones.
func (ix *Index) Alias(kind, name, value string, tokens []string) {
	k := facetKey(kind, name, value)
	ix.amu.Lock()
	defer ix.amu.Unlock()
	if ix.aliases[kind] == nil {
		ix.aliases[kind] = map[string][]string{}
	}
	for _, t := range tokens {
		if keys := ix.aliases[kind][t]; !slices.Contains(keys, k) {
			keys = append(keys, k)
			slices.Sort(keys)
			ix.aliases[kind][t] = keys
		}
	}
}

// aliasKeys returns the facet keys token t of kind is an alias of.
func (ix *Index) aliasKeys(kind, t string) []string {
	ix.amu.RLock()
	defer ix.amu.RUnlock()
	return ix.aliases[kind][t]
}

// match is what the words index returns for a search: the documents
// holding the words (and, when keys were given, a value of every key
// group), with their scores when asked for.
type match struct {
	ids    []int64
	scores []float64 // nil unless scored
}

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
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, false, fmt.Errorf("search for %v: %w", args, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v float64
		if err := rows.Scan(&id, &v); err != nil {
			return nil, false, err
		}
		out.ids = append(out.ids, id)
		if scored {
			out.scores = append(out.scores, v)
		}
	}
	if err := rows.Err(); err != nil {
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
