package search

import "slices"

// Alias makes documents of kind holding the facet value name=value found
// by tokens (analysed words) as if their texts held them: a case is found
// by the labels of its keywords in six languages without every case
// carrying those words in its tokens. The words index holds each
// document's facet keys, so a searched token matches the documents whose
// text holds it or that hold a facet value it is an alias of. Register
// aliases before searching; every server registers the same ones.
func (ix *Index) Alias(kind, name, value string, tokens []string) {
	k := facetKey(kind, name, value)
	ix.amu.Lock()
	defer ix.amu.Unlock()
	if ix.aliases[kind] == nil {
		ix.aliases[kind] = map[string][]string{}
	}
	for _, t := range tokens {
		if keys := ix.aliases[kind][t]; !slices.Contains(keys, k) {
			keys = append(keys, k)
			slices.Sort(keys)
			ix.aliases[kind][t] = keys
		}
	}
}

// aliasKeys returns the facet keys token t of kind is an alias of.
func (ix *Index) aliasKeys(kind, t string) []string {
	ix.amu.RLock()
	defer ix.amu.RUnlock()
	return ix.aliases[kind][t]
}

// match is what the words index returns for a search: the documents
// holding the words (and, when keys were given, a value of every key
// group), with their scores when asked for.
type match struct {
	ids    []int64
	scores []float64 // nil unless scored
}
