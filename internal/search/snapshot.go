package search

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// snapshot is the in-memory view of one kind's documents: for each, its
// date and facet values as small integers. It is never changed once
// published; a reload builds a new one from the old and the changed rows.
type snapshot struct {
	gen     int64
	slot    map[int64]int32 // search_docs.id → index in docs
	docs    []entry
	dict    map[string]uint32 // "name\x00value" → value id
	names   []facetValue      // value id → name and value
	removed int
}

type entry struct {
	id     int64
	ref    string
	day    int32 // days since 1970-01-01; 0 when undated
	year   int
	live   bool
	facets []uint32
}

type facetValue struct{ name, value string }

// clone copies the tables a reload changes; entries' facet slices are shared.
func (s *snapshot) clone() *snapshot {
	c := &snapshot{gen: s.gen, slot: make(map[int64]int32, len(s.slot)), docs: append([]entry(nil), s.docs...),
		dict: make(map[string]uint32, len(s.dict)), names: append([]facetValue(nil), s.names...), removed: s.removed}
	for k, v := range s.slot {
		c.slot[k] = v
	}
	for k, v := range s.dict {
		c.dict[k] = v
	}
	return c
}

func (s *snapshot) valueID(name, value string) uint32 {
	key := name + "\x00" + value
	if id, ok := s.dict[key]; ok {
		return id
	}
	id := uint32(len(s.names))
	s.dict[key] = id
	s.names = append(s.names, facetValue{name, value})
	return id
}

// lookup returns the id of a facet value, or false when no document has it.
func (s *snapshot) lookup(name, value string) (uint32, bool) {
	id, ok := s.dict[name+"\x00"+value]
	return id, ok
}

// snapshot returns kind's snapshot as of the latest committed generation,
// reloading only the documents written since the one it holds.
func (ix *Index) snapshot(ctx context.Context, kind string) (*snapshot, error) {
	var gen int64
	err := ix.DB.ReadTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT gen FROM search_state WHERE kind = $1`, kind).Scan(&gen)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("search generation of %s: %w", kind, err)
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	old := ix.snaps[kind]
	if old != nil && old.gen >= gen {
		return old, nil
	}
	if old == nil {
		old = &snapshot{slot: map[int64]int32{}, dict: map[string]uint32{}}
	}
	s := old.clone()
	if err := ix.DB.ReadTx(ctx, func(tx *sql.Tx) error { return s.load(ctx, tx, kind, old.gen) }); err != nil {
		return nil, err
	}
	s.gen = gen
	ix.snaps[kind] = s
	return s, nil
}

// load applies the rows of kind written after generation since.
func (s *snapshot) load(ctx context.Context, tx *sql.Tx, kind string, since int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, ref, day, live, facets FROM search_docs
		WHERE kind = $1 AND gen > $2`, kind, since)
	if err != nil {
		return fmt.Errorf("load search snapshot of %s: %w", kind, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e entry
		var day dateValue
		var live int
		var facets string
		if err := rows.Scan(&e.id, &e.ref, &day, &live, &facets); err != nil {
			return fmt.Errorf("scan search snapshot of %s: %w", kind, err)
		}
		e.live = live == 1
		if !day.t.IsZero() {
			e.day, e.year = dayOf(day.t), day.t.Year()
		}
		decodeFacets(facets, func(name, value string) { e.facets = append(e.facets, s.valueID(name, value)) })
		if i, ok := s.slot[e.id]; ok {
			if s.docs[i].live && !e.live {
				s.removed++
			} else if !s.docs[i].live && e.live {
				s.removed--
			}
			s.docs[i] = e
			continue
		}
		s.slot[e.id] = int32(len(s.docs))
		s.docs = append(s.docs, e)
		if !e.live {
			s.removed++
		}
	}
	return rows.Err()
}

// dayOf is a date as a snapshot stores it.
func dayOf(t time.Time) int32 { return int32(t.Unix() / 86400) }

// dateValue scans a DATE from either engine: PostgreSQL gives a time.Time,
// SQLite the stored text or a time.Time.
type dateValue struct{ t time.Time }

func (d *dateValue) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		d.t = time.Time{}
	case time.Time:
		d.t = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
	case string:
		return d.Scan([]byte(x))
	case []byte:
		t, err := time.Parse(time.DateOnly, string(x[:min(len(x), 10)]))
		if err != nil {
			return fmt.Errorf("scan date %q: %w", x, err)
		}
		d.t = t
	default:
		return fmt.Errorf("scan date: unexpected %T", v)
	}
	return nil
}
