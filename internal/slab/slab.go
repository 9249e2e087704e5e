// Package slab cuts small slices from larger arrays, so that the many
// small slices of a large route table cost a few allocations instead of
// one each: fewer objects for the garbage collector to mark, and no space
// lost to rounding up to size classes.
//
// The price is that a slice kept alone keeps its whole array alive. Users
// start a new Slab for each batch of work (a document, an update of the
// table), so that what one long-lived slice can keep is bounded by the
// batch it came from.
package slab

import "unsafe"

// Chunk sizes: the first array has firstChunk elements, so that a batch of
// one item costs little, and each next one is twice as large, up to
// maxBytes, the largest size Go allocates without rounding up to whole
// pages.
const (
	firstChunk = 4
	maxBytes   = 32 << 10
)

// Slab hands out slices of T. Its zero value is ready to use. A Slab is
// not safe for concurrent use.
type Slab[T any] struct {
	free  []T
	chunk int
}

// Take returns a zeroed slice of n elements. Its capacity is capped at its
// length, so appending to it copies rather than overwriting the next one.
func (s *Slab[T]) Take(n int) []T {
	if n > len(s.free) {
		switch maxChunk := max(maxBytes/int(unsafe.Sizeof(s.free[0])), 1); {
		case s.chunk == 0:
			s.chunk = firstChunk
		case s.chunk*2 <= maxChunk:
			s.chunk *= 2
		default:
			s.chunk = maxChunk
		}
		s.free = make([]T, max(s.chunk, n))
	}
	out := s.free[:n:n]
	s.free = s.free[n:]
	return out
}
