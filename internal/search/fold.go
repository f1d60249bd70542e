package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
	// Most words of most scripts have nothing to fold.
	if !strings.ContainsFunc(s, foldable) {
		return s
	}
	t := folders.Get().(transform.Transformer)
	defer folders.Put(t)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// foldable reports whether Fold may change a string holding r: unless r
// is a starter that neither decomposes nor composes with what precedes it
// and is no mark, a string made only of such runes is its own NFD, holds
// no mark to drop and is its own NFC. Runes of the Basic Multilingual
// Plane are looked up in a table built once; the rest are taken as
// foldable, which only costs the full transform.
func foldable(r rune) bool {
	if r < 0x80 {
		return false
	}
	if r > 0xFFFF {
		return true
	}
	inertOnce.Do(buildInert)
	return inert[r>>6]&(1<<(uint(r)&63)) == 0
}

var (
	inertOnce sync.Once
	inert     []uint64 // bit r: r is inert under Fold
)

func buildInert() {
	inert = make([]uint64, 0x10000/64)
	var buf [utf8.UTFMax]byte
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if !utf8.ValidRune(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) {
			continue
		}
		b := buf[:utf8.EncodeRune(buf[:], r)]
		// A starter that combines with nothing before it (BoundaryBefore),
		// with no decomposition.
		if p := norm.NFC.Properties(b); p.CCC() == 0 && p.BoundaryBefore() && norm.NFD.IsNormal(b) && norm.NFC.IsNormal(b) {
			inert[r>>6] |= 1 << (uint(r) & 63)
		}
	}
}

// folders holds Fold's transformers, which keep state while they run.
var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// foldFilter is Fold as a bleve token filter.
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if isASCII(t.Term) {
			continue
		}
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
