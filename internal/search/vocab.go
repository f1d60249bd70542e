package search

import (
	"slices"
	"sync"
)

// trigramIndex finds the words of a snapshot's vocabulary (its tokens)
// like a given word, for Suggest: per trigram, the ids of the terms
// holding it.
type trigramIndex struct {
	trigrams map[string][]int32 // trigram → term ids, ascending
	grams    []uint8            // term id → how many distinct trigrams it has
}

// frozenVocab is the trigram index of a snapshot's frozen terms, built on
// first use and shared by the snapshots reloaded from it.
type frozenVocab struct {
	once sync.Once
	v    *trigramIndex
}

// vocabulary returns the trigram index of the snapshot's frozen terms;
// the terms added since are few, and similarTerms compares them one by one.
// Chinese bigrams are left out (Suggest does not correct them).
func (s *snapshot) vocabulary() *trigramIndex {
	s.vocab.once.Do(func() {
		n := s.lex.frozen()
		v := &trigramIndex{grams: make([]uint8, n), trigrams: map[string][]int32{}}
		var buf []string
		for id := range n {
			t := s.lex.term(uint32(id))
			if isCJKWord(t) {
				continue
			}
			buf = trigramsOf(t, buf[:0])
			v.grams[id] = uint8(min(len(buf), 255))
			for _, g := range buf {
				v.trigrams[g] = append(v.trigrams[g], int32(id))
			}
		}
		s.vocab.v = v
	})
	return s.vocab.v
}

// similarTerms calls fn with each term of the snapshot like word (see
// trigramIndex.similar).
func (s *snapshot) similarTerms(word string, fn func(term uint32, sim float64)) {
	s.vocabulary().similar(word, fn)
	q := trigramsOf(word, nil)
	var buf []string
	for i, t := range s.lex.extra {
		if isCJKWord(t) {
			continue
		}
		buf = trigramsOf(t, buf[:0])
		n := 0
		for _, g := range buf {
			if slices.Contains(q, g) {
				n++
			}
		}
		if 2*n >= len(q) {
			fn(uint32(s.lex.frozen()+i), float64(n)/float64(len(q)+len(buf)-n))
		}
	}
}

// trigramsOf appends the distinct trigrams of word to out, padded as
// PostgreSQL's pg_trgm pads it: two spaces before, one after.
func trigramsOf(word string, out []string) []string {
	r := []rune("  " + word + " ")
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		dup := false
		for _, o := range out {
			if o == g {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, g)
		}
	}
	return out
}

// similar calls fn with each term sharing at least half of word's
// trigrams, and its similarity to word: shared trigrams over the trigrams
// of either. (Similarity alone lets a short word sharing a long word's
// first letters pass: "trat" is 0.3 of "traffic".)
func (v *trigramIndex) similar(word string, fn func(term uint32, sim float64)) {
	q := trigramsOf(word, nil)
	shared := map[int32]int{}
	for _, g := range q {
		for _, id := range v.trigrams[g] {
			shared[id]++
		}
	}
	for id, n := range shared {
		if 2*n < len(q) {
			continue
		}
		fn(uint32(id), float64(n)/float64(len(q)+int(v.grams[id])-n))
	}
}
