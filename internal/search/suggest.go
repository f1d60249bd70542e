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
	probes := append(toks, Fold(strings.ToLower(word)))
	best, bestSim, bestDF := "", 0.0, 0
	for _, p := range probes {
		for tok, sim := range similarWords(vs, p) {
			df := 0
			for _, v := range vs {
				df += int(v.df[tok])
			}
			if sim > bestSim || (sim == bestSim && (df > bestDF || (df == bestDF && tok < best))) {
				best, bestSim, bestDF = tok, sim, df
			}
		}
	}
	if bestSim < minSimilarity {
		return "", nil
	}
	w, err := surfaceOf(ctx, tx, best)
	if err != nil || w == "" {
		return best, err
	}
	return w, nil
}
