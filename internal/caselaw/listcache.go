package caselaw

import (
	"container/list"
	"sync"
)

// ListCacheBytes bounds the memory each service's cache of listed cases
// and snippets takes (see listCache), about; 0 turns the cache off. It is
// read when a service is made.
var ListCacheBytes = 32 << 20

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
type listCache struct {
	mu      sync.Mutex
	max     int // bytes
	used    int
	order   *list.List // most recently used first
	entries map[string]*list.Element
}

type listEntry struct {
	key   string
	value any // *Case (the listed fields) or string (a snippet)
	size  int
}

// sizeOf is about how much memory an entry of value takes.
func sizeOf(key string, value any) int {
	n := len(key) + 128
	switch v := value.(type) {
	case string:
		n += len(v)
	case *Case:
		n += len(v.ID) + len(v.Title) + len(v.Country) + len(v.DecisionDate)
		for _, m := range []map[string]string{v.Summary, v.Commentary, v.Reasoning, v.Features} {
			for l, t := range m {
				n += len(l) + len(t) + 32
			}
		}
	}
	return n
}

func newListCache(max int) *listCache {
	if max <= 0 {
		return nil
	}
	return &listCache{max: max, order: list.New(), entries: map[string]*list.Element{}}
}

// get returns the value kept under key, if any.
func (c *listCache) get(key string) (any, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*listEntry).value, true
}

// put keeps value under key, evicting the least recently used entries
// while the cache holds more than its bound.
func (c *listCache) put(key string, value any) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	size := sizeOf(key, value)
	if size > c.max/16 {
		return
	}
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*listEntry)
		c.used += size - e.size
		e.value, e.size = value, size
		c.order.MoveToFront(el)
	} else {
		c.entries[key] = c.order.PushFront(&listEntry{key, value, size})
		c.used += size
	}
	for c.used > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		c.used -= last.Value.(*listEntry).size
		delete(c.entries, last.Value.(*listEntry).key)
	}
}
