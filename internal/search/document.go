package search

import (
	"encoding/hex"
	"encoding/json"
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
// its facet values, its texts, and what a search across kinds shows of it.
type Document struct {
	Kind   string
	Ref    string
	Date   time.Time
	Facets map[string][]string
	Texts  []Text
	Show   *Display // nil: nothing to show but the ref
}

// Display is what a list of hits of several kinds shows of a document,
// stored with it: its title and summary per language code, and the
// site-relative path of its page ("/caselaw/NGA-2019-001").
type Display struct {
	Title   map[string]string `json:"title,omitempty"`
	Summary map[string]string `json:"summary,omitempty"`
	URL     string            `json:"url,omitempty"`
}

// DisplayKey is the key of a hit's display in what Index.Displays returns.
func DisplayKey(kind, ref string) string { return kind + "\x00" + ref }

// encodeDisplay writes d as stored; "" for none.
func encodeDisplay(d *Display) (string, error) {
	if d == nil {
		return "", nil
	}
	b, err := json.Marshal(d)
	if err != nil {
		return "", err
	}
	return string(b), nil
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
		if name == "" || name == FacetKind || strings.ContainsAny(name, "=\n") {
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

// tokens analyses every text of d into the stored token column, and adds
// to surfaces the surface form of each token that is not its own (see
// Analyzer.Surfaces).
func (a *Analyzer) tokens(d *Document, surfaces map[string]string) string {
	var b strings.Builder
	n := 0
	for _, t := range d.Texts {
		toks := t.Tokens
		if toks == nil && strings.TrimSpace(t.Body) != "" {
			toks = a.tokensWith(t.Lang, t.Body, surfaces)
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

// decodeDisplay reads what encodeDisplay wrote.
func decodeDisplay(s string) (*Display, error) {
	d := &Display{}
	if err := json.Unmarshal([]byte(s), d); err != nil {
		return nil, fmt.Errorf("stored search display: %w", err)
	}
	return d, nil
}
