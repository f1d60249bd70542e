package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// maxQueryRunes and maxQueryTokens bound what one search box may ask of
// the engines.
const (
	maxQueryRunes  = 500
	maxQueryTokens = 16
)

// Match is a search text as the engines see it: one branch per analyser
// that found words in it. A document matches when it holds every token of
// at least one branch. Since the language of a query is not known, a Latin
// query is read as English, French and Spanish at once; a Cyrillic one as
// Russian, an Arabic one as Arabic, a Chinese one as CJK bigrams.
type Match struct {
	Branches [][]string
}

// ParseQuery analyses text the way documents are analysed.
func (a *Analyzer) ParseQuery(text string) Match {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		text = string([]rune(text)[:maxQueryRunes])
	}
	var m Match
	seen := map[string]bool{}
	for _, lang := range ScriptLanguages(text) {
		var branch []string
		for _, t := range a.run(lang, text) {
			if !slices.Contains(branch, t) && len(branch) < maxQueryTokens {
				branch = append(branch, t)
			}
		}
		if len(branch) == 0 {
			continue
		}
		key := strings.Join(slices.Sorted(slices.Values(branch)), " ")
		if !seen[key] {
			seen[key] = true
			m.Branches = append(m.Branches, branch)
		}
	}
	return m
}

// Empty reports whether the query has no word to look for.
func (m Match) Empty() bool { return len(m.Branches) == 0 }

// Terms is every token of every branch, for highlighting.
func (m Match) Terms() map[string]bool {
	out := map[string]bool{}
	for _, b := range m.Branches {
		for _, t := range b {
			out[t] = true
		}
	}
	return out
}
