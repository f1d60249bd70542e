package search

import (
	"context"
	"database/sql"
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
// number of documents holding the word — shown in a surface form a
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
		vs, err := ix.vocabularies(ctx, tx, kinds)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		changed := false
		last, words := 0, 0
		for _, w := range surfaceWords(text) {
			if words == maxQueryTokens {
				break
			}
			words++
			repl, err := ix.correct(ctx, tx, vs, kinds, text[w.start:w.end])
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
// document of kinds holds one of its tokens, or it is an alias), has no
// token (a stop word), is Chinese, or has nothing similar enough.
func (ix *Index) correct(ctx context.Context, tx *sql.Tx, vs []*vocabulary, kinds []string, word string) (string, error) {
	if strings.ContainsFunc(word, func(r rune) bool {
		return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
	}) {
		return "", nil
	}
	var toks []string
	for _, lang := range ScriptLanguages(word) {
		toks = append(toks, ix.An.run(lang, word)...)
	}
	if len(toks) == 0 {
		return "", nil
	}
	for _, t := range toks {
		for i, v := range vs {
			if v.df[t] > 0 || len(ix.aliasKeys(kinds[i], t)) > 0 {
				return "", nil
			}
		}
	}
	typed := Fold(strings.ToLower(word))
	probes := append(toks, typed)
	// Of the words similar enough, the fewest edits from what was typed
	// wins, then the most similar, then the most common: "labur" is
	// "labour", not the shorter "lab" that shares as many trigrams.
	best, bestDist, bestSim, bestDF := "", 0, 0.0, 0
	for _, p := range probes {
		for tok, sim := range similarWords(vs, p) {
			if sim < minSimilarity {
				continue
			}
			df := 0
			for _, v := range vs {
				df += int(v.df[tok])
			}
			dist := editDistance(typed, tok)
			if best == "" || dist < bestDist || (dist == bestDist && (sim > bestSim || (sim == bestSim && (df > bestDF || (df == bestDF && tok < best))))) {
				best, bestDist, bestSim, bestDF = tok, dist, sim, df
			}
		}
	}
	if best == "" {
		return "", nil
	}
	w, err := surfaceOf(ctx, tx, best)
	if err != nil || w == "" || editDistance(typed, Fold(strings.ToLower(w))) > editDistance(typed, best) {
		return best, err // the token itself is nearer what was typed than the form a document had
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
