package search

import (
	"container/list"
	"sync"
)

// MatchCacheBytes bounds each index's cache of match sets: what the words
// index returned for one query (a search's words and the facet keys it
// was narrowed by) — the kind's documents and their scores — as of one
// version of the words index (every kind's generation). A write anywhere
// moves a generation on, so an entry is never used once the index it was
// read from has changed, on this server or any other sharing the
// database. The snapshot still checks every filter of each search. 0
// turns the cache off. It is read when an index is made.
var MatchCacheBytes = 64 << 20

type cacheEntry struct {
	key    string
	slots  []int32   // the kind's live documents holding the words, best first
	scores []float64 // nil when not scored
}

func (e *cacheEntry) size() int { return len(e.key) + 12*len(e.slots) + 64 }

type matchCache struct {
	mu      sync.Mutex
	max     int
	used    int
	version version // entries are all of this version
	order   *list.List
	entries map[string]*list.Element
}

func newMatchCache(max int) *matchCache {
	return &matchCache{max: max, order: list.New(), entries: map[string]*list.Element{}}
}

// current makes v the cache's version when it is newer, dropping every
// entry: those of an older version can never be used again. It reports
// whether the cache is at v (a search that read an older version, racing
// a write, goes without the cache).
func (c *matchCache) current(v version) bool {
	if c.version.key == v.key {
		return true
	}
	if v.total <= c.version.total {
		return false
	}
	c.version, c.used = v, 0
	c.order.Init()
	clear(c.entries)
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
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*cacheEntry)
	}
	return nil
}

// put keeps e, read at version v, evicting the least recently used.
func (c *matchCache) put(v version, e *cacheEntry) {
	if c == nil || e.size() > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.current(v) {
		return
	}
	if _, ok := c.entries[e.key]; ok {
		return
	}
	c.entries[e.key] = c.order.PushFront(e)
	c.used += e.size()
	for c.used > c.max {
		last := c.order.Back()
		old := last.Value.(*cacheEntry)
		c.order.Remove(last)
		delete(c.entries, old.key)
		c.used -= old.size()
	}
}
