package search

import (
	"sync"

	"github.com/tipsom/tipsom/internal/lru"
)

// DefaultCacheBytes is the size of an index's cache of match sets when
// the configuration does not say (tests, the command line).
//
// The cache holds what the words index returned for one query (a search's
// words and the facet keys it was narrowed by) — the kind's documents and
// their scores — as of one version of the words index (every kind's
// generation). A write anywhere moves a generation on, so an entry is
// never used once the index it was read from has changed, on this server
// or any other sharing the database. The snapshot still checks every
// filter of each search.
const DefaultCacheBytes = 64 << 20

type cacheEntry struct {
	key    string
	snap   *snapshot // the snapshot slots are of
	slots  []int32   // the live documents of the kinds holding the words, in slot order
	scores []float32 // nil when not scored
}

func (e *cacheEntry) size() int { return len(e.key) + 8*len(e.slots) + 64 }

// matchCache keeps match sets of one version of the words index.
type matchCache struct {
	mu      sync.Mutex
	version version // entries are all of this version
	entries *lru.Cache[string, *cacheEntry]
}

func newMatchCache(max int) *matchCache {
	entries := lru.New(max, func(_ string, e *cacheEntry) int { return e.size() })
	if entries == nil {
		return nil
	}
	return &matchCache{entries: entries}
}

// current makes v the cache's version when it is newer, dropping every
// entry: those of an older version can never be used again. It reports
// whether the cache is at v (a search that read an older version, racing
// a write, goes without the cache). The caller holds mu.
func (c *matchCache) current(v version) bool {
	if c.version.key == v.key {
		return true
	}
	if v.total <= c.version.total {
		return false
	}
	c.version = v
	c.entries.Clear()
	return true
}

// get returns the entry for key at version v, if any.
func (c *matchCache) get(v version, key string) *cacheEntry {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.current(v) {
		return nil
	}
	e, _ := c.entries.Get(key)
	return e
}

// put keeps e, read at version v, evicting the least recently used.
func (c *matchCache) put(v version, e *cacheEntry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.current(v) {
		c.entries.Put(e.key, e)
	}
}
