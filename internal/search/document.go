package search

import (
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"time"
)

// Text is one piece of a document's text and the language it is written
// in; "" when the language is not known (an attachment, a court's name).
// Tokens, when set, are used instead of analysing Body: a capability that
// indexes the same labels in every document analyses them once.
type Text struct {
	Lang   string
	Body   string
	Tokens []string
}

// Document is what a capability hands the index for one record: its kind
// ("case", "legislation"), its stable reference, the date results sort by,
// its facet values and its texts.
type Document struct {
	Kind   string
	Ref    string
	Date   time.Time
	Facets map[string][]string
	Texts  []Text
}

// maxDocTokens bounds one document's tokens, so a long judgment costs the
// same to rank as a few hundred pages of text at most.
const maxDocTokens = 200_000

// validate refuses facet names and values that the stored encoding cannot
// hold (one "name=value" per line).
func (d *Document) validate() error {
	if d.Kind == "" || d.Ref == "" {
		return fmt.Errorf("search document needs a kind and a ref")
	}
	for name, values := range d.Facets {
		if name == "" || strings.ContainsAny(name, "=\n") {
			return fmt.Errorf("search document %s: bad facet name %q", d.Ref, name)
		}
		for _, v := range values {
			if strings.Contains(v, "\n") {
				return fmt.Errorf("search document %s: facet %s value %q holds a line break", d.Ref, name, v)
			}
		}
	}
	return nil
}

// encodeFacets writes facets as sorted "name=value" lines.
func encodeFacets(f map[string][]string) string {
	var lines []string
	for name, values := range f {
		for _, v := range values {
			lines = append(lines, name+"="+v)
		}
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// decodeFacets reads what encodeFacets wrote, calling fn per pair.
func decodeFacets(s string, fn func(name, value string)) {
	for _, line := range strings.Split(s, "\n") {
		if name, value, ok := strings.Cut(line, "="); ok {
			fn(name, value)
		}
	}
}

// keyMark starts every facet key: the analysers never leave it in a word
// (it is neither a letter, a digit nor a mark), PostgreSQL's parser drops
// it, and FTS5's ascii tokenizer keeps it inside a token, so no search
// word can ever equal a key.
const keyMark = "§"

// facetKey is the token that stands for one facet value of one kind of
// document in the words index: 40 bits of a hash, so keys are short
// whatever the value. Keys only narrow what the words index returns; the
// snapshot checks the filters exactly, so two values sharing a hash would
// cost a few rows, never a wrong result.
func facetKey(kind, name, value string) string {
	h := fnv.New64a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(name))
	h.Write([]byte{0})
	h.Write([]byte(value))
	return keyMark + hex.EncodeToString(h.Sum(nil)[:5])
}

// keys writes the facet keys of d, space-separated, each once.
func (d *Document) keys() string {
	seen := map[string]bool{}
	var out []string
	for name, values := range d.Facets {
		for _, v := range values {
			if k := facetKey(d.Kind, name, v); !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// tokens analyses every text of d into the stored token column.
func (a *Analyzer) tokens(d *Document) string {
	var b strings.Builder
	n := 0
	for _, t := range d.Texts {
		toks := t.Tokens
		if toks == nil && strings.TrimSpace(t.Body) != "" {
			toks = a.Tokens(t.Lang, t.Body)
		}
		for _, tok := range toks {
			if n == maxDocTokens {
				return b.String()
			}
			if n > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tok)
			n++
		}
	}
	return b.String()
}
