package web

import (
	"bytes"
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Collation orders text as readers of one language do — CLDR's collation
// (golang.org/x/text/collate): French "Égypte" between "Danemark" and
// "Équateur", Spanish "ñ" after "n", Russian by the Cyrillic alphabet,
// Chinese by pinyin — where sorting by code point puts every accented or
// non-Latin letter after "z". Safe for concurrent use.
type Collation struct {
	pool sync.Pool // *collate.Collator, which is not
}

var collations sync.Map // language code → *Collation

// Collator returns the collation of the language with code lang (one of
// LangCodes; another code is collated by its own CLDR rules, the root
// order if CLDR has none). It is built once per language.
func Collator(lang string) *Collation {
	if c, ok := collations.Load(lang); ok {
		return c.(*Collation)
	}
	tag := DefaultLang.Tag
	if l, ok := LangByCode(lang); ok {
		tag = l.Tag
	} else if t, err := language.Parse(lang); err == nil {
		tag = t
	}
	c := &Collation{}
	c.pool.New = func() any { return collate.New(tag) }
	actual, _ := collations.LoadOrStore(lang, c)
	return actual.(*Collation)
}

// Compare returns -1, 0 or 1 as a sorts before, with or after b.
func (c *Collation) Compare(a, b string) int {
	col := c.pool.Get().(*collate.Collator)
	defer c.pool.Put(col)
	return col.CompareString(a, b)
}

// SortByText sorts s stably by the text of each element in language lang's
// order (each element's text is read once).
func SortByText[T any](s []T, lang string, text func(T) string) {
	c := Collator(lang)
	col := c.pool.Get().(*collate.Collator)
	defer c.pool.Put(col)
	var buf collate.Buffer
	keys := make([][]byte, len(s))
	idx := make([]int, len(s))
	for i := range s {
		idx[i] = i
		keys[i] = slices.Clone(col.KeyFromString(&buf, text(s[i])))
		buf.Reset()
	}
	slices.SortStableFunc(idx, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	sorted := make([]T, len(s))
	for i, j := range idx {
		sorted[i] = s[j]
	}
	copy(s, sorted)
}

// SortStrings sorts names in language lang's order.
func SortStrings(names []string, lang string) {
	SortByText(names, lang, func(s string) string { return s })
}
