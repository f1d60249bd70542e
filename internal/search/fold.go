package search

import (
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold removes diacritics (é → e, ñ → n, ё → е) so that a query typed
// without accents finds accented text. It runs before stop words and
// stemming on both sides, so text and queries are stemmed from the same
// folded form.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// foldFilter is Fold as a bleve token filter.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if f := Fold(string(t.Term)); f != string(t.Term) {
			t.Term = []byte(f)
		}
	}
	return in
}

// foldedStopFilter drops stop words compared in their folded form, so
// "été" and "ete" are both dropped when the list holds "été".
type foldedStopFilter struct{ words map[string]bool }

func newFoldedStopFilter(list analysis.TokenMap) foldedStopFilter {
	words := make(map[string]bool, len(list))
	for w := range list {
		words[Fold(w)] = true
	}
	return foldedStopFilter{words: words}
}

func (f foldedStopFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := in[:0]
	for _, t := range in {
		if !f.words[string(t.Term)] {
			out = append(out, t)
		}
	}
	return out
}
