package filters

import (
	"regexp"
	"runtime"
	"sync"
	"weak"
)

// RegexpCache shares compiled regular expressions between the filters of a
// spec: the routes that use the same pattern share one *regexp.Regexp,
// which is safe for concurrent use. A table of 800,000 routes with a few
// distinct patterns holds a few compiled regexps instead of 800,000.
//
// Entries are held weakly: a regexp that no filter uses any more is
// collected and its entry dropped, so the cache never outgrows the live
// routes. The zero value is ready to use; a RegexpCache must not be copied
// after first use. Give it to Args with WithRegexpCache.
type RegexpCache struct {
	mu sync.Mutex
	m  map[string]weak.Pointer[regexp.Regexp]
}

// Compile returns the compiled regexp of pattern, from the cache when a
// live filter uses it already.
func (c *RegexpCache) Compile(pattern string) (*regexp.Regexp, error) {
	c.mu.Lock()
	if rx := c.m[pattern].Value(); rx != nil {
		c.mu.Unlock()
		return rx, nil
	}
	c.mu.Unlock()

	rx, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if cached := c.m[pattern].Value(); cached != nil {
		return cached, nil
	}
	if c.m == nil {
		c.m = make(map[string]weak.Pointer[regexp.Regexp])
	}
	c.m[pattern] = weak.Make(rx)
	runtime.AddCleanup(rx, c.forget, pattern)
	return rx, nil
}

// forget drops the entry of pattern once its regexp was collected, unless
// a newer regexp took its place.
func (c *RegexpCache) forget(pattern string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wp, ok := c.m[pattern]; ok && wp.Value() == nil {
		delete(c.m, pattern)
	}
}

// Len returns the number of patterns in the cache, including entries whose
// regexps were collected but not yet dropped.
func (c *RegexpCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
