// Package lru is a bounded, least-recently-used cache measured in bytes:
// each entry says about how much memory it takes, and the cache drops the
// entries used longest ago while it holds more than its bound. A cache
// with no room (a bound of 0) is nil and keeps nothing, so a caller can
// turn caching off by configuration without a second code path.
package lru

import (
	"container/list"
	"sync"
)

// Cache maps keys to values within Max bytes. It is safe for concurrent
// use; a nil *Cache is an empty cache that keeps nothing.
type Cache[K comparable, V any] struct {
	mu      sync.Mutex
	max     int
	used    int
	size    func(K, V) int
	order   *list.List // most recently used first
	entries map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key   K
	value V
	size  int
}

// New returns a cache of max bytes, sizing each entry with size; nil when
// max is not positive.
func New[K comparable, V any](max int, size func(K, V) int) *Cache[K, V] {
	if max <= 0 {
		return nil
	}
	return &Cache[K, V]{max: max, size: size, order: list.New(), entries: map[K]*list.Element{}}
}

// Get returns the value kept under key, if any, and marks it used.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	var zero V
	if c == nil {
		return zero, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry[K, V]).value, true
}

// Put keeps value under key (replacing what was there), then drops the
// least recently used entries while the cache is over its bound. An entry
// larger than a sixteenth of the bound is not kept: it would push out many
// others for one use.
func (c *Cache[K, V]) Put(key K, value V) {
	if c == nil {
		return
	}
	size := c.size(key, value)
	if size > c.max/16 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		e := el.Value.(*entry[K, V])
		c.used += size - e.size
		e.value, e.size = value, size
		c.order.MoveToFront(el)
	} else {
		c.entries[key] = c.order.PushFront(&entry[K, V]{key, value, size})
		c.used += size
	}
	for c.used > c.max {
		last := c.order.Back()
		e := last.Value.(*entry[K, V])
		c.order.Remove(last)
		delete(c.entries, e.key)
		c.used -= e.size
	}
}

// Clear drops every entry.
func (c *Cache[K, V]) Clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.entries)
	c.used = 0
}

// Len is how many entries the cache holds; Used about how many bytes.
func (c *Cache[K, V]) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Used is about how many bytes the entries take.
func (c *Cache[K, V]) Used() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}
