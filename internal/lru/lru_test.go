package lru

import (
	"fmt"
	"sync"
	"testing"
)

func TestBoundAndOrder(t *testing.T) {
	c := New(1000, func(k string, v []byte) int { return len(k) + len(v) })
	for i := 0; i < 100; i++ {
		c.Put(fmt.Sprintf("k%02d", i), make([]byte, 47)) // 50 bytes each
		if i == 50 {
			c.Get("k00") // keep the first one in use
		}
	}
	if c.Used() > 1000 || c.Len() != 20 {
		t.Fatalf("%d entries, %d bytes; want 20 within 1000", c.Len(), c.Used())
	}
	if _, ok := c.Get("k99"); !ok {
		t.Error("the newest entry is gone")
	}
	if _, ok := c.Get("k10"); ok {
		t.Error("an old entry survived")
	}
	c.Put("big", make([]byte, 100)) // over a sixteenth of the bound
	if _, ok := c.Get("big"); ok {
		t.Error("an entry too large for the cache was kept")
	}
	c.Put("k99", nil)
	if v, _ := c.Get("k99"); v != nil || c.Used() > 1000 {
		t.Error("replacing an entry")
	}
	c.Clear()
	if c.Len() != 0 || c.Used() != 0 {
		t.Error("clear")
	}
}

func TestOffAndConcurrent(t *testing.T) {
	off := New(0, func(string, int) int { return 1 })
	off.Put("a", 1)
	if _, ok := off.Get("a"); ok || off != nil {
		t.Fatal("a cache of no room keeps something")
	}
	c := New(1<<10, func(int, int) int { return 8 })
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Put(i%300, i)
				c.Get(i % 200)
			}
		}()
	}
	wg.Wait()
	if c.Used() > 1<<10 {
		t.Fatalf("%d bytes over the bound", c.Used())
	}
}
