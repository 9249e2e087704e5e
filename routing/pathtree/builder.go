package pathtree

import (
	"slices"
	"strings"
)

// Builder makes many changes to a tree at once, in place, then freezes them
// into a Tree. Starting from an existing tree it copies each shared node
// once, on its first change, so the source tree stays valid and unchanged
// for concurrent readers. A Builder is not safe for concurrent use.
//
// A builder's owner token is a generation number, one more than that of its
// source tree. Every node records the generation of the builder that made
// it; a builder changes in place only the nodes of its own generation, and
// copies the others. A tree only holds nodes of its generation or older,
// so two builders of the same generation, both started from one tree, never
// see each other's nodes.
type Builder[V any] struct {
	root *node[V]
	n    int
	gen  uint64
	// hashMask is the hash mask of the hashed child sets the builder
	// creates: 0 (all ones) except in tests that force collisions.
	hashMask uint64
}

// NewBuilder returns a builder holding the patterns of from, which may be
// nil. from is not changed.
func NewBuilder[V any](from *Tree[V]) *Builder[V] {
	if from == nil {
		return &Builder[V]{gen: 1}
	}
	return &Builder[V]{root: from.root, n: from.n, gen: from.gen + 1}
}

// Get returns the value the builder holds for pattern; see Tree.Get.
func (b *Builder[V]) Get(pattern string) (V, bool) {
	return (&Tree[V]{root: b.root}).Get(pattern)
}

// Set stores v for pattern, replacing any value it had. An invalid pattern
// changes nothing and returns a *PatternError.
func (b *Builder[V]) Set(pattern string, v V) error {
	p, err := checkPattern(pattern)
	if err != nil {
		return err
	}
	b.root = b.writable(b.root)
	n := b.root
	for rest := p; rest != ""; {
		var seg string
		seg, rest = nextSegment(rest)
		switch segmentKind(seg) {
		case paramSegment:
			n.param = b.writable(n.param)
			n = n.param
		case wildSegment:
			n.wild = b.writable(n.wild)
			n = n.wild
		default:
			var old *node[V]
			var label string
			if e := n.child(seg, prefixWord(seg)); e != nil {
				old, label = e.node, e.label
			} else {
				// A copy, so that the tree does not keep the
				// caller's string alive.
				label = strings.Clone(seg)
			}
			c := b.writable(old)
			if c != old {
				n.putStatic(b.gen, b.hashMask, newEdge(label, c))
			}
			n = c
		}
	}
	if !n.has() {
		b.n++
	}
	n.setValue(v, true)
	return nil
}

// Delete removes pattern and the nodes left empty. An invalid or absent
// pattern changes nothing.
func (b *Builder[V]) Delete(pattern string) {
	p, err := checkPattern(pattern)
	if err != nil {
		return
	}
	if n := get(b.root, p); n == nil || !n.has() {
		return
	}
	b.root = b.remove(b.root, p)
	b.n--
}

// Tree returns the tree built so far. The builder should not be used
// afterwards; if it is, it copies nodes again rather than change the
// returned tree.
func (b *Builder[V]) Tree() *Tree[V] {
	t := &Tree[V]{root: b.root, n: b.n, gen: b.gen}
	b.gen++
	return t
}

// writable returns n itself if the builder made it, a copy made by the
// builder otherwise, or a new node if n is nil.
func (b *Builder[V]) writable(n *node[V]) *node[V] {
	if n == nil {
		return &node[V]{meta: b.gen << 1}
	}
	if n.gen() == b.gen {
		return n
	}
	c := *n
	c.meta = b.gen<<1 | n.meta&1
	c.kids = slices.Clone(n.kids)
	return &c
}

// remove clears the value at rest, a part of a checked pattern, below n,
// which must exist, and returns the changed node, or nil when it became
// empty.
func (b *Builder[V]) remove(n *node[V], rest string) *node[V] {
	w := b.writable(n)
	if rest == "" {
		var zero V
		w.setValue(zero, false)
	} else {
		seg, next := nextSegment(rest)
		switch segmentKind(seg) {
		case paramSegment:
			w.param = b.remove(w.param, next)
		case wildSegment:
			w.wild = b.remove(w.wild, next)
		default:
			e := *w.child(seg, prefixWord(seg))
			switch c := b.remove(e.node, next); {
			case c == nil:
				w.removeStatic(b.gen, seg)
			case c != e.node:
				e.node = c
				w.putStatic(b.gen, b.hashMask, e)
			}
		}
	}
	if w.empty() {
		return nil
	}
	return w
}
