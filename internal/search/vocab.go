package search

import (
	"context"
	"database/sql"
	"strings"
)

// vocabulary is the words of one kind's live documents: per token, the
// number of documents holding it, and a trigram index over the tokens for
// "did you mean" (Suggest).
type vocabulary struct {
	gen      int64
	df       map[string]int32
	words    []string           // word id → token
	trigrams map[string][]int32 // trigram → ids of the words holding it
	grams    []uint8            // word id → how many distinct trigrams it has
}

// vocabularies returns the vocabulary of each of kinds, as of the latest
// generation tx sees, rebuilt when a kind's generation moved.
func (ix *Index) vocabularies(ctx context.Context, tx *sql.Tx, kinds []string) ([]*vocabulary, error) {
	gens, _, err := generations(ctx, tx)
	if err != nil {
		return nil, err
	}
	out := make([]*vocabulary, len(kinds))
	for i, kind := range kinds {
		ix.vmu.Lock()
		v := ix.vocabs[kind]
		ix.vmu.Unlock()
		if v == nil || v.gen < gens[kind] {
			v = &vocabulary{gen: gens[kind], df: map[string]int32{}}
			err := liveTokens(ctx, tx, kind, func(tokens string) {
				seen := map[string]bool{}
				for _, t := range strings.Fields(tokens) {
					if !seen[t] {
						seen[t] = true
						v.df[t]++
					}
				}
			})
			if err != nil {
				return nil, err
			}
			v.buildTrigrams()
			ix.vmu.Lock()
			if old := ix.vocabs[kind]; old == nil || old.gen < v.gen {
				ix.vocabs[kind] = v
			}
			ix.vmu.Unlock()
		}
		out[i] = v
	}
	return out, nil
}

func (v *vocabulary) buildTrigrams() {
	v.trigrams = map[string][]int32{}
	for t := range v.df {
		id := int32(len(v.words))
		v.words = append(v.words, t)
		grams := trigramsOf(t)
		v.grams = append(v.grams, uint8(min(len(grams), 255)))
		for _, g := range grams {
			v.trigrams[g] = append(v.trigrams[g], id)
		}
	}
}

// trigramsOf is the distinct trigrams of word, padded as PostgreSQL's
// pg_trgm pads it: two spaces before, one after.
func trigramsOf(word string) []string {
	r := []rune("  " + word + " ")
	var out []string
	seen := map[string]bool{}
	for i := 0; i+3 <= len(r); i++ {
		g := string(r[i : i+3])
		if !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// similarWords returns the words of vs sharing at least half of word's
// trigrams, and their similarity to it: shared trigrams over the trigrams
// of either. (Similarity alone lets a short word sharing a long word's
// first letters pass: "trat" is 0.3 of "traffic".)
func similarWords(vs []*vocabulary, word string) map[string]float64 {
	q := trigramsOf(word)
	out := map[string]float64{}
	for _, v := range vs {
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
			sim := float64(n) / float64(len(q)+int(v.grams[id])-n)
			if t := v.words[id]; sim > out[t] {
				out[t] = sim
			}
		}
	}
	return out
}
