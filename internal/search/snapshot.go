package search

import (
	"context"
	"database/sql"
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// snapshot is the in-memory view of every document of every kind: its
// kind, date and facet values as small integers, and the words index —
// per token, the documents holding it and how often. It is never changed
// once published; a reload builds a new one from the old and the rows
// written since.
//
// A document written again takes a new slot at the end and its old slot
// is left dead, so the postings only ever grow at their end and are shared
// by a snapshot and the next (each reads only up to its own lengths; only
// the newest, under Index.mu, appends). When dead slots reach a quarter of
// all, the next reload builds the snapshot afresh.
type snapshot struct {
	gens   map[string]int64 // kind → generation loaded
	slot   map[int64]int32  // search_docs.id → its current slot
	docs   []entry
	kinds  []string // kind id → kind
	kindID map[string]uint8
	dict   map[string]uint32 // "name\x00value" → value id
	names  []facetValue      // value id → name and value
	live   int               // live documents
	length int64             // tokens of the live documents

	ver version // of gens, for the match cache

	lex  lexicon
	post [][]uint32 // term id → its postings (see posting), by slot

	// Built on first use, since a reload does not need them:
	once     sync.Once
	postings [][]int32 // value id → slots of the live documents holding it, ascending
	bits     []bitmap  // value id → the same as a set, for filters; nil for rare values
	byName   map[string][]uint32
	kindBits []bitmap         // kind id → its live documents
	byDate   []int32          // every live slot, newest first (then by ref)
	byRef    map[refKey]int32 // a live document's slot
	rank     []int32          // slot → its place in byDate

	vocab *frozenVocab // the frozen terms' trigram index, for Suggest; shared by reloads
	dfs   sync.Map     // term id → live documents holding it, when some slots are dead (see df)
	// perDoc is the mean number of facet values of a live document.
	perDoc int
	// passed keeps, for this snapshot, the documents a search without
	// words found (see passing): a page every visitor opens — the home
	// page's "what is new" — asks the same each time.
	passMu sync.Mutex
	passed map[string][]int32
}

type entry struct {
	id     int64
	ref    string
	day    int32 // days since 1970-01-01; 0 when undated
	year   int16
	kind   uint8
	live   bool
	length uint32 // tokens
	facets []uint32
}

type facetValue struct{ name, value string }

type refKey struct {
	kind uint8
	ref  string
}

// rebuildAfter is the fewest dead slots that make a reload build the
// snapshot afresh (see snapshot).
var rebuildAfter = 1000

// maxKinds bounds the kinds of document one database holds.
const maxKinds = 255

var (
	errTooManyKinds = errors.New("search: more than 255 kinds of document")
	errTooManyDocs  = errors.New("search: more than 16 million document versions in one snapshot")
)

// index builds the facet postings, the kinds' sets and the date order
// once per snapshot.
func (s *snapshot) index() {
	s.once.Do(func() {
		s.postings = make([][]int32, len(s.names))
		s.kindBits = make([]bitmap, len(s.kinds))
		for k := range s.kindBits {
			s.kindBits[k] = newBitmap(len(s.docs))
		}
		s.byDate = make([]int32, 0, s.live)
		s.byRef = make(map[refKey]int32, s.live)
		for i := range s.docs {
			if e := &s.docs[i]; e.live {
				s.byRef[refKey{e.kind, e.ref}] = int32(i)
				for _, v := range e.facets {
					s.postings[v] = append(s.postings[v], int32(i))
				}
				s.kindBits[e.kind].set(int32(i))
				s.byDate = append(s.byDate, int32(i))
			}
		}
		n := 0
		for _, p := range s.postings {
			n += len(p)
		}
		s.perDoc = 1 + n/max(1, s.live)
		s.bits = make([]bitmap, len(s.names))
		s.byName = map[string][]uint32{}
		for v, slots := range s.postings {
			s.byName[s.names[v].name] = append(s.byName[s.names[v].name], uint32(v))
			if len(slots) < len(s.docs)/64 {
				continue // as cheap to build when needed as to keep
			}
			s.bits[v] = newBitmap(len(s.docs))
			for _, slot := range slots {
				s.bits[v].set(slot)
			}
		}
		slices.SortFunc(s.byDate, func(a, b int32) int {
			x, y := &s.docs[a], &s.docs[b]
			if x.day != y.day {
				return int(y.day - x.day)
			}
			if c := strings.Compare(x.ref, y.ref); c != 0 {
				return c
			}
			return int(x.kind) - int(y.kind)
		})
		s.rank = make([]int32, len(s.docs))
		for i := range s.rank {
			s.rank[i] = int32(len(s.docs)) // dead: after every live one
		}
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

// clone copies the tables a reload changes. The entries' facets and the
// postings' arrays are shared (see snapshot).
func (s *snapshot) clone() *snapshot {
	c := &snapshot{gens: make(map[string]int64, len(s.gens)), slot: make(map[int64]int32, len(s.slot)),
		docs: slices.Clone(s.docs), kinds: slices.Clip(s.kinds), kindID: make(map[string]uint8, len(s.kindID)),
		dict: make(map[string]uint32, len(s.dict)), names: slices.Clip(s.names), live: s.live, length: s.length,
		lex: s.lex.clone(), post: slices.Clone(s.post), vocab: s.vocab}
	for k, v := range s.gens {
		c.gens[k] = v
	}
	for k, v := range s.slot {
		c.slot[k] = v
	}
	for k, v := range s.kindID {
		c.kindID[k] = v
	}
	for k, v := range s.dict {
		c.dict[k] = v
	}
	return c
}

func emptySnapshot() *snapshot {
	return &snapshot{gens: map[string]int64{}, slot: map[int64]int32{}, kindID: map[string]uint8{},
		dict: map[string]uint32{}}
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

// snapshot returns a snapshot holding at least the generations committed
// when tx reads them, reloading only the documents written since the one
// it holds.
func (ix *Index) snapshot(ctx context.Context, tx *sql.Tx) (*snapshot, error) {
	gens, err := generations(ctx, tx)
	if err != nil {
		return nil, err
	}
	old := ix.current.Load()
	if old != nil && !behind(old, gens) {
		return old, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	old = ix.current.Load()
	if old != nil && !behind(old, gens) {
		return old, nil
	}
	var s *snapshot
	fresh := old == nil || len(old.docs)-old.live > max(len(old.docs)/4, rebuildAfter)
	if fresh {
		s = emptySnapshot()
	} else {
		s = old.clone()
	}
	for kind, g := range gens {
		if since := s.gens[kind]; g > since {
			if err := s.load(ctx, tx, kind, since); err != nil {
				return nil, err
			}
			s.gens[kind] = g
		}
	}
	if fresh {
		s.post = s.lex.freeze(s.post)
		s.vocab = &frozenVocab{}
	}
	s.ver = versionOf(s.gens)
	ix.current.Store(s)
	return s, nil
}

// versionOf is the version of the words index that gens make: every
// kind's generation, and their sum, which only grows.
func versionOf(gens map[string]int64) version {
	var v version
	var key strings.Builder
	for _, kind := range slices.Sorted(maps.Keys(gens)) {
		v.total += gens[kind]
		key.WriteString(kind + ":" + strconv.FormatInt(gens[kind], 10) + ";")
	}
	v.key = key.String()
	return v
}

// behind reports whether s misses a generation of gens.
func behind(s *snapshot, gens map[string]int64) bool {
	for kind, g := range gens {
		if s.gens[kind] < g {
			return true
		}
	}
	return false
}

// load applies the rows of kind written after generation since.
func (s *snapshot) load(ctx context.Context, tx *sql.Tx, kind string, since int64) error {
	k, ok := s.kindID[kind]
	if !ok {
		if len(s.kinds) == maxKinds {
			return errTooManyKinds
		}
		k = uint8(len(s.kinds))
		s.kindID[kind] = k
		s.kinds = append(s.kinds, kind)
	}
	counts := map[uint32]int{}
	full := false
	err := changedDocs(ctx, tx, kind, since, func(d docRow) {
		if i, ok := s.slot[d.id]; ok {
			if old := &s.docs[i]; old.live {
				old.live = false // docs is this snapshot's own copy
				s.live--
				s.length -= int64(old.length)
			}
			delete(s.slot, d.id)
		}
		if !d.live {
			return
		}
		e := entry{id: d.id, ref: d.ref, kind: k, live: true}
		if !d.day.IsZero() {
			e.day, e.year = dayOf(d.day), int16(d.day.Year())
		}
		decodeFacets(d.facets, func(name, value string) { e.facets = append(e.facets, s.valueID(name, value)) })
		if len(s.docs) == maxSlots {
			full = true
			return
		}
		slot := int32(len(s.docs))
		clear(counts)
		n := 0
		for t := range strings.FieldsSeq(d.tokens) {
			id, ok := s.lex.id(t)
			if !ok {
				id = s.lex.add(strings.Clone(t))
				s.post = append(s.post, nil)
			}
			counts[id]++
			n++
		}
		for id, c := range counts {
			s.post[id] = append(s.post[id], posting(slot, c))
		}
		e.length = uint32(n)
		s.slot[d.id] = slot
		s.docs = append(s.docs, e)
		s.live++
		s.length += int64(n)
	})
	if err == nil && full {
		err = errTooManyDocs
	}
	return err
}

// dayOf is a date as a snapshot stores it.
func dayOf(t time.Time) int32 { return int32(t.Unix() / 86400) }
