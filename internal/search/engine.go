package search

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/tipsom/tipsom/internal/db"
)

// matchInto marks in matched the snapshot slots of the documents holding
// the words of m. This is the one place the engines differ: FTS5 on
// SQLite, the GIN index over to_tsvector('simple', tokens) on PostgreSQL.
// Both see the same tokens, so both return the same documents.
func (ix *Index) matchInto(ctx context.Context, kind string, m Match, s *snapshot, matched []bool) error {
	query := `SELECT rowid FROM fts_search WHERE fts_search MATCH $1`
	arg := m.FTS5()
	if ix.DB.Dialect == db.Postgres {
		query = `SELECT id FROM search_docs WHERE to_tsvector('simple', tokens) @@ to_tsquery('simple', $1) AND kind = $2`
		arg = m.TSQuery()
	}
	return ix.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		args := []any{arg}
		if ix.DB.Dialect == db.Postgres {
			args = append(args, kind)
		}
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("search %s for %q: %w", kind, arg, err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return err
			}
			// Documents written after the snapshot was taken are left
			// out: the next search will have them.
			if i, ok := s.slot[id]; ok {
				matched[i] = true
			}
		}
		return rows.Err()
	})
}

// matchAllFTS5 returns every document of the FTS5 index holding the words
// of m, scored by bm25 when scored is set. On SQLite this one pass over
// the index beats looking candidates up by rowid, which FTS5 answers by
// walking the whole doclist for each of them.
func (ix *Index) matchAllFTS5(ctx context.Context, m Match, s *snapshot, scored bool) (map[int64]float64, error) {
	score := "0"
	if scored {
		score = "-bm25(fts_search)"
	}
	out := map[int64]float64{}
	err := ix.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT rowid, `+score+` FROM fts_search WHERE fts_search MATCH $1`, m.FTS5())
		if err != nil {
			return fmt.Errorf("search for %q: %w", m.FTS5(), err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var v float64
			if err := rows.Scan(&id, &v); err != nil {
				return err
			}
			if _, ok := s.slot[id]; ok {
				out[id] = v
			}
		}
		return rows.Err()
	})
	return out, err
}

// matchAmong returns, of the documents ids, those holding the words of
// m, with their score when scored is set: FTS5's bm25 on SQLite, ts_rank
// on PostgreSQL, higher being better (the scales differ between engines;
// the documents do not). The ids are integers of our own, written into the
// statement: SQLite then looks each one up in the FTS index instead of
// walking every document that holds a common word.
func (ix *Index) matchAmong(ctx context.Context, m Match, ids []int64, scored bool) (map[int64]float64, error) {
	list := make([]string, len(ids))
	for i, id := range ids {
		list[i] = strconv.FormatInt(id, 10)
	}
	score := "0"
	query := `SELECT rowid, %s FROM fts_search WHERE fts_search MATCH $1 AND rowid IN (` + strings.Join(list, ",") + `)`
	arg := m.FTS5()
	if scored {
		score = "-bm25(fts_search)"
	}
	if ix.DB.Dialect == db.Postgres {
		query = `SELECT id, %s FROM search_docs WHERE to_tsvector('simple', tokens) @@ to_tsquery('simple', $1)
			AND id = ANY('{` + strings.Join(list, ",") + `}'::bigint[])`
		arg = m.TSQuery()
		if scored {
			score = "ts_rank(to_tsvector('simple', tokens), to_tsquery('simple', $1))"
		}
	}
	out := make(map[int64]float64, len(ids))
	err := ix.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(query, score), arg)
		if err != nil {
			return fmt.Errorf("match %d documents: %w", len(ids), err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var s float64
			if err := rows.Scan(&id, &s); err != nil {
				return err
			}
			out[id] = s
		}
		return rows.Err()
	})
	return out, err
}
