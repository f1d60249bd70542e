package search

import (
	"maps"
	"slices"
	"strings"
)

// lexicon maps the snapshot's tokens to term ids. The tokens known when
// the snapshot was last built afresh are frozen: sorted, in one string
// with their offsets, shared by every snapshot reloaded from it and found
// by binary search. Tokens met since are added to a map each snapshot
// copies, small as writes between rebuilds are few.
type lexicon struct {
	blob  string
	off   []uint32          // frozen term id i is blob[off[i]:off[i+1]]
	added map[string]uint32 // tokens met since, → their ids (after the frozen ones)
	extra []string          // id - frozen → token
}

func (l *lexicon) frozen() int {
	if len(l.off) == 0 {
		return 0
	}
	return len(l.off) - 1
}

// size is the number of terms.
func (l *lexicon) size() int { return l.frozen() + len(l.extra) }

// id returns the term id of token t.
func (l *lexicon) id(t string) (uint32, bool) {
	n := l.frozen()
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if l.blob[l.off[m]:l.off[m+1]] < t {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < n && l.blob[l.off[lo]:l.off[lo+1]] == t {
		return uint32(lo), true
	}
	id, ok := l.added[t]
	return id, ok
}

// term returns the token of term id.
func (l *lexicon) term(id uint32) string {
	if n := l.frozen(); int(id) >= n {
		return l.extra[int(id)-n]
	}
	return l.blob[l.off[id]:l.off[id+1]]
}

// add gives t, which the lexicon does not hold, the next id.
func (l *lexicon) add(t string) uint32 {
	id := uint32(l.size())
	if l.added == nil {
		l.added = map[string]uint32{}
	}
	l.added[t] = id
	l.extra = append(l.extra, t)
	return id
}

// clone copies what adding changes; the frozen part is shared.
func (l *lexicon) clone() lexicon {
	return lexicon{blob: l.blob, off: l.off, added: maps.Clone(l.added), extra: slices.Clip(l.extra)}
}

// freeze sorts every term into the frozen part and returns post, indexed
// by term id, in the new ids' order.
func (l *lexicon) freeze(post [][]uint32) [][]uint32 {
	ids := make([]uint32, l.size())
	for i := range ids {
		ids[i] = uint32(i)
	}
	slices.SortFunc(ids, func(a, b uint32) int { return strings.Compare(l.term(a), l.term(b)) })
	var blob strings.Builder
	off := make([]uint32, 0, len(ids)+1)
	out := make([][]uint32, len(ids))
	for i, id := range ids {
		off = append(off, uint32(blob.Len()))
		blob.WriteString(l.term(id))
		out[i] = post[id]
	}
	off = append(off, uint32(blob.Len()))
	*l = lexicon{blob: blob.String(), off: off}
	return out
}

// A posting is a slot and the token's frequency in it (saturating at 255),
// as slot<<8 | tf, so a term's postings sort by slot and a slot's posting
// is found by binary search. Slots are held below 1<<24.
const maxSlots = 1 << 24

func posting(slot int32, tf int) uint32 { return uint32(slot)<<8 | uint32(min(tf, 255)) }

func slotOf(p uint32) int32 { return int32(p >> 8) }

func tfOf(p uint32) int { return int(p & 0xff) }

// holdsSlot reports whether the postings p hold slot.
func holdsSlot(p []uint32, slot int32) bool {
	i, _ := slices.BinarySearch(p, uint32(slot)<<8)
	return i < len(p) && slotOf(p[i]) == slot
}
