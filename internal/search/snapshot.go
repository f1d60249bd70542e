package search

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"sync"
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

	// Built on first use, since a reload does not need them:
	once     sync.Once
	postings [][]int32 // value id → slots of the live documents holding it, ascending
	bits     []bitmap  // value id → the same as a set, for filters; nil for rare values
	byDate   []int32   // every slot, newest first (then by ref)
	rank     []int32   // slot → its place in byDate
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

// index builds the postings and the date order once per snapshot.
func (s *snapshot) index() {
	s.once.Do(func() {
		s.postings = make([][]int32, len(s.names))
		for i := range s.docs {
			if e := &s.docs[i]; e.live {
				for _, v := range e.facets {
					s.postings[v] = append(s.postings[v], int32(i))
				}
			}
		}
		s.bits = make([]bitmap, len(s.names))
		for v, slots := range s.postings {
			if len(slots) < len(s.docs)/64 {
				continue // as cheap to build when needed as to keep
			}
			s.bits[v] = newBitmap(len(s.docs))
			for _, slot := range slots {
				s.bits[v].set(slot)
			}
		}
		s.byDate = make([]int32, len(s.docs))
		for i := range s.byDate {
			s.byDate[i] = int32(i)
		}
		slices.SortFunc(s.byDate, func(a, b int32) int {
			x, y := &s.docs[a], &s.docs[b]
			if x.day != y.day {
				return int(y.day - x.day)
			}
			return strings.Compare(x.ref, y.ref)
		})
		s.rank = make([]int32, len(s.docs))
		for r, slot := range s.byDate {
			s.rank[slot] = int32(r)
		}
	})
}

// valueSet returns the set of live documents holding value v: the one
// kept for common values, to be only read, or a new one.
func (s *snapshot) valueSet(v uint32) bitmap {
	if b := s.bits[v]; b != nil {
		return b
	}
	b := newBitmap(len(s.docs))
	for _, slot := range s.postings[v] {
		b.set(slot)
	}
	return b
}

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

// version is a version of the whole words index: every kind's
// generation (key), and their sum, which only grows.
type version struct {
	key   string
	total int64
}

// snapshot returns kind's snapshot as of the latest generation committed
// when tx reads it, reloading only the documents written since the one it
// holds, and the version of the words index (see generations).
func (ix *Index) snapshot(ctx context.Context, tx *sql.Tx, kind string) (*snapshot, version, error) {
	gens, ver, err := generations(ctx, tx)
	if err != nil {
		return nil, ver, err
	}
	gen := gens[kind]
	ix.mu.Lock()
	defer ix.mu.Unlock()
	old := ix.snaps[kind]
	if old != nil && old.gen >= gen {
		return old, ver, nil
	}
	if old == nil {
		old = &snapshot{slot: map[int64]int32{}, dict: map[string]uint32{}}
	}
	s := old.clone()
	if err := s.load(ctx, tx, kind, old.gen); err != nil {
		return nil, ver, err
	}
	s.gen = gen
	ix.snaps[kind] = s
	return s, ver, nil
}

// load applies the rows of kind written after generation since.
func (s *snapshot) load(ctx context.Context, tx *sql.Tx, kind string, since int64) error {
	return changedDocs(ctx, tx, kind, since, func(d docRow) {
		e := entry{id: d.id, ref: d.ref, live: d.live}
		if !d.day.IsZero() {
			e.day, e.year = dayOf(d.day), d.day.Year()
		}
		decodeFacets(d.facets, func(name, value string) { e.facets = append(e.facets, s.valueID(name, value)) })
		if i, ok := s.slot[e.id]; ok {
			if s.docs[i].live && !e.live {
				s.removed++
			} else if !s.docs[i].live && e.live {
				s.removed--
			}
			s.docs[i] = e
			return
		}
		s.slot[e.id] = int32(len(s.docs))
		s.docs = append(s.docs, e)
		if !e.live {
			s.removed++
		}
	})
}

// dayOf is a date as a snapshot stores it.
func dayOf(t time.Time) int32 { return int32(t.Unix() / 86400) }
