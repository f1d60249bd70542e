package caselaw

import (
	"strconv"
	"strings"
	"testing"
)

// TestListCacheBound: the cache keeps the most recently used entries
// within its bound and refuses an entry too large for it.
func TestListCacheBound(t *testing.T) {
	c := newListCache(64 << 10)
	big := strings.Repeat("x", 1000)
	for i := range 200 {
		c.put("s"+strconv.Itoa(i), big)
		if i == 10 {
			c.get("s0") // recently used: survives
		}
	}
	if c.used > c.max {
		t.Fatalf("used %d of %d", c.used, c.max)
	}
	if _, ok := c.get("s0"); ok {
		t.Error("s0 outlived 190 newer entries") // it is reused once only, early
	}
	if _, ok := c.get("s199"); !ok {
		t.Error("the newest entry is gone")
	}
	c.put("huge", strings.Repeat("x", 64<<10))
	if _, ok := c.get("huge"); ok {
		t.Error("an entry larger than the bound allows was kept")
	}
	if newListCache(0) != nil {
		t.Error("a zero bound should turn the cache off")
	}
	var off *listCache
	off.put("k", "v")
	if _, ok := off.get("k"); ok {
		t.Error("a cache that is off kept an entry")
	}
}
