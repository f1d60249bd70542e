package search

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSnippetSource bounds how much of a text a snippet reads: a long
// judgment's first 100 KB are plenty to find an excerpt in.
const maxSnippetSource = 100 << 10

type span struct{ start, end int }

// Matches reports whether text (in lang, "" when unknown) holds a word of m.
func (a *Analyzer) Matches(lang, text string, m Match) bool {
	return len(a.spans(lang, text, m)) > 0
}

// Snippet returns about size characters of text around its first words
// matching m, HTML-escaped, each match wrapped in <mark>; with no match,
// the text's beginning. The words are found by analysing the text with the
// same chains as the index, so a match on "recrutée" marks "recrutée"
// whatever form the query used.
func (a *Analyzer) Snippet(lang, text string, m Match, size int) string {
	if len(text) > maxSnippetSource {
		text = text[:maxSnippetSource]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	spans := a.spans(lang, text, m)
	start := 0
	if len(spans) > 0 {
		start = back(text, spans[0].start, size/4)
	}
	end := forward(text, start, size)
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, sp := range spans {
		if sp.end <= start || sp.start >= end {
			continue
		}
		s, e := max(sp.start, pos), min(sp.end, end)
		b.WriteString(escape(text[pos:s]))
		b.WriteString("<mark>" + escape(text[s:e]) + "</mark>")
		pos = e
	}
	b.WriteString(escape(text[pos:end]))
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// spans finds the byte ranges of the words of text that match m, sorted
// and merged (CJK bigrams overlap).
func (a *Analyzer) spans(lang, text string, m Match) []span {
	terms := m.Terms()
	if len(terms) == 0 || text == "" {
		return nil
	}
	langs := []string{lang}
	if _, ok := a.chains[lang]; !ok {
		langs = ScriptLanguages(text)
	}
	var out []span
	for _, l := range langs {
		for _, t := range a.chains[l].Analyze([]byte(text)) {
			for _, w := range strings.FieldsFunc(string(t.Term), notWordRune) {
				if terms[w] {
					out = append(out, span{t.Start, t.End})
					break
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y span) int { return x.start - y.start })
	merged := out[:0]
	for _, sp := range out {
		if n := len(merged); n > 0 && sp.start <= merged[n-1].end {
			merged[n-1].end = max(merged[n-1].end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

// back steps n characters back from byte offset i, then on to the start of
// a word when one is near.
func back(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	if i == 0 {
		return 0
	}
	for j, r := range s[i:min(len(s), i+40)] {
		if unicode.IsSpace(r) {
			return i + j + 1
		}
	}
	return i
}

// forward steps n characters on from byte offset i, backing up to the end
// of a word when one is near.
func forward(s string, i, n int) int {
	j := i
	for ; n > 0 && j < len(s); n-- {
		_, w := utf8.DecodeRuneInString(s[j:])
		j += w
	}
	if j >= len(s) {
		return len(s)
	}
	if k := strings.LastIndexFunc(s[i:j], unicode.IsSpace); k > (j-i)*3/4 {
		return i + k
	}
	return j
}

// escape HTML-escapes s, folding line breaks and tabs into spaces.
func escape(s string) string {
	return html.EscapeString(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, s))
}
