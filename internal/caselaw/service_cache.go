package caselaw

import (
	"github.com/tipsom/tipsom/internal/lru"
)

// DefaultListCacheBytes is the size of a service's cache of listed cases
// and snippets (see listCache) when the configuration does not say.
const DefaultListCacheBytes = 32 << 20

// listCache keeps what a list of hits shows of a case — the fields of its
// published revision that Find reads from its JSON form, and the snippets
// already cut from it for a query and a reader's language — so a case
// listed again costs neither the decoding of its JSON nor the analysis of
// its texts.
//
// Entries are keyed by the case's reference and revision. A revision never
// changes once written (cases are never deleted, and confirming findings
// touches no text), so an entry can never be stale: Find reads which
// revision of each case is the published one from the database on every
// search, so a case unpublished or corrected since — on this server or
// another — is left out or read again, never served from an old entry.
type listCache = lru.Cache[string, any]

// sizeOf is about how much memory an entry of value takes.
func sizeOf(key string, value any) int {
	n := len(key) + 128
	switch v := value.(type) {
	case string:
		n += len(v)
	case *Case:
		n += len(v.ID) + len(v.Title) + len(v.Country) + len(v.DecisionDate)
		for _, m := range v.freeTexts() {
			for l, t := range m.Texts {
				n += len(l) + len(t) + 32
			}
		}
	}
	return n
}

func newListCache(max int) *listCache { return lru.New(max, sizeOf) }
