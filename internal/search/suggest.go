package search

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tipsom/tipsom/internal/db"
)

// minSimilarity is the trigram similarity a word of the vocabulary needs
// to be offered instead of a word no document holds.
const minSimilarity = 0.3

// Suggest is "did you mean": when a word of text, analysed as queries are,
// is in no document of kinds, it is replaced by the most similar word of
// those kinds' vocabulary — by trigram similarity, ties broken by the
// number of live documents of kinds holding the word — shown in a surface form a
// document had (search_words) when one is recorded, as its token
// otherwise. It returns the corrected text and true when that text finds
// something. Chinese words (bigrams) are left as they are.
func (ix *Index) Suggest(ctx context.Context, kinds []string, text string) (string, bool) {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		text = string([]rune(text)[:maxQueryRunes])
	}
	if text == "" || len(kinds) == 0 {
		return "", false
	}
	out, err := db.Read(ctx, ix.DB, func(tx *sql.Tx) (string, error) {
		s, err := ix.snapshot(ctx, tx)
		if err != nil {
			return "", err
		}
		s.index()
		ks, _ := s.kindsOf(Request{Kinds: kinds})
		if len(ks) == 0 {
			return "", nil
		}
		var b strings.Builder
		changed := false
		last, words := 0, 0
		for _, w := range surfaceWords(text) {
			if words == maxQueryTokens {
				break
			}
			words++
			repl, err := ix.correct(ctx, tx, s, ks, text[w.start:w.end])
			if err != nil {
				return "", err
			}
			if repl == "" {
				continue
			}
			b.WriteString(text[last:w.start])
			b.WriteString(repl)
			last, changed = w.end, true
		}
		if !changed {
			return "", nil
		}
		b.WriteString(text[last:])
		return b.String(), nil
	})
	if err != nil || out == "" {
		return "", false
	}
	res, err := ix.Search(ctx, Request{Kinds: kinds, Text: out, Limit: 1})
	if err != nil || res.Total == 0 {
		return "", false
	}
	return out, true
}

// surfaceWords are the runs of letters, digits and marks of text.
func surfaceWords(text string) []span {
	var out []span
	start := -1
	for i, r := range text {
		if notWordRune(r) {
			if start >= 0 {
				out = append(out, span{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(text)})
	}
	return out
}

// correct returns what replaces word, or "" when it is known (some
// document of kinds ks holds one of its tokens, or it is an alias), has no
// token (a stop word), is Chinese, or has nothing similar enough.
func (ix *Index) correct(ctx context.Context, tx *sql.Tx, s *snapshot, ks []uint8, word string) (string, error) {
	if isCJKWord(word) {
		return "", nil
	}
	var toks []string
	for _, lang := range ScriptLanguages(word) {
		toks = append(toks, ix.An.run(lang, word)...)
	}
	if len(toks) == 0 {
		return "", nil
	}
	kset := s.kindSet(ks)
	for _, t := range toks {
		if id, ok := s.lex.id(t); ok && s.holders(id, kset, 1) > 0 {
			return "", nil
		}
		for _, k := range ks {
			if len(ix.aliasValues(s.kinds[k], t)) > 0 {
				return "", nil
			}
		}
	}
	// Every term like one of the word's readings. Of those similar enough,
	// the fewest edits from what was typed comes first, then the most
	// similar: "labur" is "labour", not the shorter "lab" that shares as
	// many trigrams.
	type cand struct {
		term uint32
		sim  float64
		dist int
	}
	typed := Fold(strings.ToLower(word))
	sims := map[uint32]float64{}
	for _, p := range append(toks, typed) {
		s.similarTerms(p, func(term uint32, sim float64) {
			if sim >= minSimilarity && sim > sims[term] {
				sims[term] = sim
			}
		})
	}
	cands := make([]cand, 0, len(sims))
	for t, sim := range sims {
		cands = append(cands, cand{t, sim, editDistance(typed, s.lex.term(t))})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		return strings.Compare(s.lex.term(a.term), s.lex.term(b.term))
	})
	// The first held by a live document of the kinds; of those as near and
	// as similar, the one most documents hold.
	best, bestDF := -1, 0
	for i, c := range cands {
		if best >= 0 && (c.dist > cands[best].dist || c.sim < cands[best].sim) {
			break
		}
		if df := s.holders(c.term, kset, math.MaxInt); df > bestDF {
			best, bestDF = i, df
		}
	}
	if best < 0 {
		return "", nil
	}
	tok := s.lex.term(cands[best].term)
	w, err := surfaceOf(ctx, tx, tok)
	if err != nil || w == "" || editDistance(typed, Fold(strings.ToLower(w))) > editDistance(typed, tok) {
		return tok, err // the token itself is nearer what was typed than the form a document had
	}
	return w, nil
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	prev := make([]int, len(y)+1)
	cur := make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(y)]
}

// holders counts, up to limit, the live documents of the kinds in ks (nil:
// all) holding term.
func (s *snapshot) holders(term uint32, ks bitmap, limit int) int {
	n := 0
	for _, p := range s.post[term] {
		if slot := slotOf(p); s.docs[slot].live && (ks == nil || ks.has(slot)) {
			if n++; n >= limit {
				break
			}
		}
	}
	return n
}

// isCJKWord reports whether word holds Chinese, Japanese or Korean script.
func isCJKWord(word string) bool {
	return strings.ContainsFunc(word, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
	})
}
