package routing

import (
	"context"
	"sync"
)

// memoInline is the number of memo entries stored without an extra
// allocation. A request rarely memoises more than a couple of values.
const memoInline = 4

// memoKey is the context key under which a memoContext finds itself.
type memoKey struct{}

type memoEntry struct {
	key, value any
}

// memoValue boxes a memoised value with its static type, so that a nil
// interface value of type V is still recognised as a V.
type memoValue[V any] struct {
	v V
}

// memoContext is a context that carries a per-request memo. It embeds the
// parent so that it costs a single allocation, unlike a context.WithValue
// holding a separately allocated memo.
type memoContext struct {
	context.Context

	mu      sync.Mutex
	entries []memoEntry
	inline  [memoInline]memoEntry
}

// Value returns the memo itself for memoKey and defers to the parent for
// every other key.
func (c *memoContext) Value(key any) any {
	if _, ok := key.(memoKey); ok {
		return c
	}
	return c.Context.Value(key)
}

// lookup returns the value stored under key, if any.
func (c *memoContext) lookup(key any) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.entries {
		if c.entries[i].key == key {
			return c.entries[i].value, true
		}
	}
	return nil, false
}

// store saves value under key unless another goroutine stored a value of
// the wanted type first; it returns the value that is now memoised.
func (c *memoContext) store(key, value any, sameType func(any) bool) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range c.entries {
		if c.entries[i].key == key {
			if sameType(c.entries[i].value) {
				return c.entries[i].value
			}
			c.entries[i].value = value
			return value
		}
	}
	c.entries = append(c.entries, memoEntry{key: key, value: value})
	return value
}

// NewContext returns a child of ctx that carries an empty per-request memo
// for FromContext. The routing calls it once per request, so that all
// predicates evaluated for that request share one memo. It costs one
// allocation.
func NewContext(ctx context.Context) context.Context {
	c := &memoContext{Context: ctx}
	c.entries = c.inline[:0]
	return c
}

// FromContext returns the value memoised under key in the memo that
// NewContext put into ctx. On the first call for a key it calls
// defaultValue, memoises the result and returns it; later calls with the
// same key return the memoised value without calling defaultValue. Keys
// are compared as interface values, so an unexported key type keeps a
// package's entries apart from everyone else's.
//
// Without a memo in ctx, FromContext returns defaultValue() on every call.
// When a value of another type than V is memoised under key, it is
// replaced by defaultValue().
//
// defaultValue runs without a lock held, so it may call FromContext
// itself. If two goroutines miss the same key at once, both call
// defaultValue, and both get the value stored first.
func FromContext[K comparable, V any](ctx context.Context, key K, defaultValue func() V) V {
	m, ok := ctx.Value(memoKey{}).(*memoContext)
	if !ok {
		return defaultValue()
	}
	if v, ok := m.lookup(key); ok {
		if typed, ok := v.(memoValue[V]); ok {
			return typed.v
		}
	}
	v := m.store(key, memoValue[V]{defaultValue()}, isMemoValue[V])
	return v.(memoValue[V]).v
}

// isMemoValue tells whether v holds a memoised value of type V.
func isMemoValue[V any](v any) bool {
	_, ok := v.(memoValue[V])
	return ok
}
