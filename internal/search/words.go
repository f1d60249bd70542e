package search

import (
	"math"
	"slices"
)

// BM25's parameters, as FTS5 and Lucene set them.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// matchWords returns the live documents in allow (nil: every one), of
// kinds and within the years, holding the words of m —
// every token of at least one branch, each token found in the document's
// text or through an alias of a facet value it holds — in slot order, and
// when scored their BM25 scores: the sum, over the distinct tokens of
// every branch, of each token's weight in the document (an alias adds
// nothing, as in FTS5 where the keys column weighs 0). The statistics are
// those of every document of every kind, so scores compare across kinds.
func (ix *Index) matchWords(s *snapshot, allow bitmap, kinds []uint8, m Match, scored bool, from, to int) ([]int32, []float32) {
	var out []int32
	for _, b := range m.Branches {
		out = unionSorted(out, s.branch(ix, kinds, allow, from, to, b))
	}
	if !scored || len(out) == 0 {
		return out, nil
	}
	scores := make([]float32, len(out))
	n := float64(s.live)
	avg := float64(s.length) / max(n, 1)
	seen := map[uint32]bool{}
	for _, b := range m.Branches {
		for _, t := range b {
			id, ok := s.lex.id(t)
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			p := s.post[id]
			df := float64(s.df(id))
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			// Walk the postings and the matches together, both ascending.
			j := 0
			for _, ps := range p {
				slot := slotOf(ps)
				if j < len(out) && out[j] < slot {
					j += searchFrom(out[j:], slot)
				}
				if j == len(out) {
					break
				}
				if out[j] != slot {
					continue
				}
				tf := float64(tfOf(ps))
				dl := float64(s.docs[slot].length)
				scores[j] += float32(idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/avg)))
			}
		}
	}
	return out, scores
}

// searchFrom is the index of the first of the ascending list a not below v.
func searchFrom(a []int32, v int32) int {
	// Gallop first: the next match is usually near.
	hi := 1
	for hi < len(a) && a[hi] < v {
		hi *= 2
	}
	lo := hi / 2
	hi = min(hi, len(a))
	i, _ := slices.BinarySearch(a[lo:hi], v)
	return lo + i
}

// branch returns the live documents in allow (nil: all; the kinds' set
// or a narrower one) within the years from and to holding every token of
// b, ascending.
func (s *snapshot) branch(ix *Index, kinds []uint8, allow bitmap, from, to int, b []string) []int32 {
	type side struct {
		words []uint32  // the token's postings
		alias [][]int32 // documents holding a facet value it is an alias of
		size  int
	}
	sides := make([]side, len(b))
	for i, t := range b {
		sd := &sides[i]
		if id, ok := s.lex.id(t); ok {
			sd.words = s.post[id]
		}
		for _, k := range kinds {
			for _, fv := range ix.aliasValues(s.kinds[k], t) {
				if v, ok := s.lookup(fv.name, fv.value); ok {
					sd.alias = append(sd.alias, s.postings[v])
				}
			}
		}
		sd.size = len(sd.words)
		for _, a := range sd.alias {
			sd.size += len(a)
		}
		if sd.size == 0 {
			return nil
		}
	}
	slices.SortFunc(sides, func(x, y side) int { return x.size - y.size })
	// The rarest token's documents, kept to the live ones of kinds, then
	// narrowed by every other token.
	first := &sides[0]
	cand := make([]int32, 0, first.size)
	for _, p := range first.words {
		if slot := slotOf(p); s.keep(allow, slot, from, to) {
			cand = append(cand, slot)
		}
	}
	for _, a := range first.alias {
		a = slices.DeleteFunc(slices.Clone(a), func(slot int32) bool { return !s.keep(allow, slot, from, to) })
		cand = unionSorted(cand, a)
	}
	for _, sd := range sides[1:] {
		if len(cand) == 0 {
			return nil
		}
		kept := cand[:0]
		for _, slot := range cand {
			if holdsSlot(sd.words, slot) || slices.ContainsFunc(sd.alias, func(a []int32) bool { return containsSorted(a, slot) }) {
				kept = append(kept, slot)
			}
		}
		cand = kept
	}
	return cand
}

// containsSorted reports whether the ascending list a holds v.
func containsSorted(a []int32, v int32) bool {
	_, ok := slices.BinarySearch(a, v)
	return ok
}

// unionSorted merges two ascending lists without repeats.
func unionSorted(a, b []int32) []int32 {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make([]int32, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// df is the number of live documents holding term id: its postings' length
// while no slot is dead, else counted once per snapshot and kept.
func (s *snapshot) df(id uint32) int {
	p := s.post[id]
	if len(s.docs) == s.live {
		return len(p)
	}
	if n, ok := s.dfs.Load(id); ok {
		return n.(int)
	}
	n := 0
	for _, ps := range p {
		if s.docs[slotOf(ps)].live {
			n++
		}
	}
	s.dfs.Store(id, n)
	return n
}
