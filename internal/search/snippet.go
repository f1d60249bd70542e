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
	return snippetOf(text, a.spans(lang, text, m), size)
}

// Excerpt is Snippet and Matches at once: the snippet, and whether the
// text holds a word of m. It analyses the text a piece at a time and stops
// once the snippet's window is covered, so a match near the beginning of
// a long text costs only that beginning.
func (a *Analyzer) Excerpt(lang, text string, m Match, size int) (string, bool) {
	if len(text) > maxSnippetSource {
		return a.Snippet(lang, text, m, size), a.Matches(lang, text, m)
	}
	terms := m.Terms()
	if len(terms) == 0 || text == "" || !mayHold(lang, text, terms) {
		return snippetOf(text, nil, size), false
	}
	langs := []string{lang}
	if _, ok := a.chains[lang]; !ok {
		langs = ScriptLanguages(text)
	}
	heads := termHeads(terms)
	var out []span
	end := len(text) // analyse up to here: the window's end once a match is found
	for from := 0; from < end; {
		to := pieceEnd(text, from)
		var near []span // the piece's words that may hold a term, once needed
		for _, l := range langs {
			if heads == nil || !suffixStemmed[l] {
				out = a.appendSpans(out, l, text[from:to], from, terms)
				continue
			}
			if near == nil {
				near = wordsWithHeads(text, from, to, heads)
			}
			for _, w := range near {
				out = a.appendSpans(out, l, text[w.start:w.end], w.start, terms)
			}
		}
		from = to
		if len(out) > 0 && end == len(text) {
			slices.SortFunc(out, func(x, y span) int { return x.start - y.start })
			start := back(text, out[0].start, size/4)
			end = forward(text, start, size)
		}
	}
	spans := mergeSpans(out)
	return snippetOf(text, spans, size), len(spans) > 0
}

// mayHold reports whether text, in lang, may hold one of terms once
// analysed, by a test that needs no analysis: the analysers keep each
// letter in its script (lower-casing, folding, stemming and normalising
// never turn a Latin letter into a Cyrillic one), so a term can only come
// from a text holding a letter of the script its first letter is in; and
// Chinese text (the CJK analyser, which folds nothing) holds a term of Han
// ideographs only as it is. A term starting with anything else (a digit)
// makes it report true.
func mayHold(lang, text string, terms map[string]bool) bool {
	var scripts []*unicode.RangeTable
	han := lang == "zh"
	for t := range terms {
		r, _ := utf8.DecodeRuneInString(t)
		sc := scriptOf(r)
		if sc == nil {
			return true
		}
		if !slices.Contains(scripts, sc) {
			scripts = append(scripts, sc)
		}
		han = han && !strings.ContainsFunc(t, func(r rune) bool { return !unicode.Is(unicode.Han, r) })
	}
	if han {
		for t := range terms {
			if strings.Contains(text, t) {
				return true
			}
		}
		return false
	}
	for _, r := range text {
		if sc := scriptOf(r); sc != nil && slices.Contains(scripts, sc) {
			return true
		}
	}
	return false
}

// scriptOf is the script of letter r, as mayHold groups them (Han, kana
// and Hangul together, since the CJK analyser reads them all), or nil for
// anything else.
func scriptOf(r rune) *unicode.RangeTable {
	switch {
	case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		return unicode.Latin
	case r < 0x80 || !unicode.IsLetter(r):
		return nil
	}
	for _, sc := range []*unicode.RangeTable{unicode.Latin, unicode.Cyrillic, unicode.Arabic, unicode.Greek} {
		if unicode.Is(sc, r) {
			return sc
		}
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
		return unicode.Han
	}
	return nil
}

// suffixStemmed are the chains whose tokens keep the first letters of the
// word they come from, lower-cased and folded: their filters only strip or
// rewrite a word's end (French elision strips a head up to an apostrophe,
// which leaves the rest of the word in the text). Arabic's stemmer strips
// prefixes, and Chinese bigrams are checked by mayHold.
var suffixStemmed = map[string]bool{"en": true, "fr": true, "es": true, "ru": true}

// termHeads returns the first three letters of every term, or nil when a
// term is shorter than four: a token of at least four letters from a
// suffix-stemming chain begins with the first three letters of its word,
// so a word whose folded form holds none of the heads holds none of the
// terms, and Excerpt need not analyse it.
func termHeads(terms map[string]bool) []string {
	var out []string
	for t := range terms {
		if utf8.RuneCountInString(t) < 4 {
			return nil
		}
		_, n1 := utf8.DecodeRuneInString(t)
		_, n2 := utf8.DecodeRuneInString(t[n1:])
		_, n3 := utf8.DecodeRuneInString(t[n1+n2:])
		if h := t[:n1+n2+n3]; !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// wordsWithHeads returns the runs of text[from:to] between white space
// whose folded form holds one of heads (never nil). No token crosses white
// space and the suffix-stemming chains' filters read one token at a time,
// so analysing those runs alone gives the tokens the whole piece would.
func wordsWithHeads(text string, from, to int, heads []string) []span {
	out := []span{}
	start := -1
	check := func(end int) {
		w := Fold(strings.ToLower(text[start:end]))
		if slices.ContainsFunc(heads, func(h string) bool { return strings.Contains(w, h) }) {
			out = append(out, span{start, end})
		}
	}
	for i, r := range text[from:to] {
		if unicode.IsSpace(r) {
			if start >= 0 {
				check(from + i)
				start = -1
			}
		} else if start < 0 {
			start = from + i
		}
	}
	if start >= 0 {
		check(to)
	}
	return out
}

// excerptPiece is about how much text Excerpt analyses at a time.
const excerptPiece = 400

// pieceEnd is where the piece of text starting at from ends: after a
// space followed by a letter or digit, about excerptPiece bytes on, or the
// end. The analysers' tokens never cross such a space (nor do CJK bigrams,
// which join only adjacent ideographs), so the pieces' tokens are the
// text's.
func pieceEnd(text string, from int) int {
	i := from + excerptPiece
	if i >= len(text) {
		return len(text)
	}
	for ; i < len(text)-1; i++ {
		if text[i] == ' ' || text[i] == '\n' {
			r, _ := utf8.DecodeRuneInString(text[i+1:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return i + 1
			}
		}
	}
	return len(text)
}

// snippetOf cuts the snippet of text around the first of spans.
func snippetOf(text string, spans []span, size int) string {
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
		out = a.appendSpans(out, l, text, 0, terms)
	}
	return mergeSpans(out)
}

// appendSpans adds the byte ranges (from offset on) of the words of text
// analysed in lang that are among terms.
func (a *Analyzer) appendSpans(out []span, lang, text string, offset int, terms map[string]bool) []span {
	for _, t := range a.chains[lang].Analyze([]byte(text)) {
		for _, w := range strings.FieldsFunc(string(t.Term), notWordRune) {
			if terms[w] {
				out = append(out, span{offset + t.Start, offset + t.End})
				break
			}
		}
	}
	return out
}

// mergeSpans sorts spans and merges those that overlap.
func mergeSpans(out []span) []span {
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
