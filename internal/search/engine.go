package search

import "slices"

// Alias makes documents of kind holding the facet value name=value found
// by tokens (analysed words) as if their texts held them: a case is found
// by the labels of its keywords in six languages without every case
// carrying those words in its tokens. The words index holds each
// document's facet keys (and the snapshot each document's facet values), so
// a searched token matches the documents whose text holds it or that hold
// a facet value it is an alias of. Register
// aliases before searching; every server registers the same ones.
func (ix *Index) Alias(kind, name, value string, tokens []string) {
	fv := facetValue{name, value}
	ix.amu.Lock()
	defer ix.amu.Unlock()
	if ix.aliases[kind] == nil {
		ix.aliases[kind] = map[string][]facetValue{}
	}
	for _, t := range tokens {
		if vs := ix.aliases[kind][t]; !slices.Contains(vs, fv) {
			ix.aliases[kind][t] = append(vs, fv)
		}
	}
}

// aliasValues returns the facet values token t of kind is an alias of.
func (ix *Index) aliasValues(kind, t string) []facetValue {
	ix.amu.RLock()
	defer ix.amu.RUnlock()
	return ix.aliases[kind][t]
}
