package pathtree

import "slices"

// Sizes of the static child sets.
const (
	// flatMax is the largest number of static children a node keeps in a
	// flat slice sorted by label, searched by a linear scan. Beyond it the
	// children move to a persistent hash trie (hnode), so that a lookup
	// costs a few memory accesses whatever their number, and a
	// copy-on-write update of a node with 100,000 children copies a few
	// small arrays instead of the whole set.
	flatMax = 8
	// flatMin is the size at which a hashed child set becomes flat again.
	flatMin = flatMax / 2
)

// node is one step of the tree. The root consumes nothing; every other
// node consumes one segment of the path (static or parameter children) or
// the rest of it (the free wildcard child). A node has no label: its
// parent's edge has it. Nodes reachable from a Tree are never changed.
//
// With a value of one word the node takes 64 bytes, one cache line.
type node[V any] struct {
	// kids are the static children sorted by label, unless wide is set.
	kids []edge[V]
	// wide holds the static children when there are more than flatMax.
	wide *hnode[V]
	// param is the child for a ":name" segment, wild for a final "*name".
	param, wild *node[V]
	value       V
	// meta is the generation of the builder that made the node, shifted
	// left by one, with the lowest bit set when value is set.
	meta uint64
}

// has reports whether the node holds a value.
func (n *node[V]) has() bool { return n.meta&1 != 0 }

// gen returns the generation of the builder that made the node.
func (n *node[V]) gen() uint64 { return n.meta >> 1 }

// setValue stores v, or clears the value when ok is false.
func (n *node[V]) setValue(v V, ok bool) {
	n.value = v
	n.meta &^= 1
	if ok {
		n.meta |= 1
	}
}

// child returns the edge for the static child with label seg, whose prefix
// word is word, or nil. The edge must not be changed.
func (n *node[V]) child(seg string, word uint64) *edge[V] {
	if n.wide != nil {
		return n.wide.find(seg, word)
	}
	for i := range n.kids {
		if n.kids[i].matches(seg, word) {
			return &n.kids[i]
		}
	}
	return nil
}

// static returns the static child with label seg, or nil.
func (n *node[V]) static(seg string) *node[V] {
	if e := n.child(seg, prefixWord(seg)); e != nil {
		return e.node
	}
	return nil
}

// empty reports whether n has neither a value nor children.
func (n *node[V]) empty() bool {
	return !n.has() && len(n.kids) == 0 && n.wide == nil && n.param == nil && n.wild == nil
}

// putStatic inserts the edge e, replacing the one with the same label. n
// must belong to the builder of generation gen. A new hashed set gets the
// hash mask mask (0 for all ones).
func (n *node[V]) putStatic(gen, mask uint64, e edge[V]) {
	if n.wide != nil {
		n.wide = n.wide.put(gen, e)
		return
	}
	i, found := searchKids(n.kids, e.label)
	switch {
	case found:
		n.kids[i] = e
	case len(n.kids) < flatMax:
		n.kids = slices.Insert(n.kids, i, e)
	default:
		n.wide = newHashSet(gen, mask, append(n.kids, e))
		n.kids = nil
	}
}

// removeStatic removes the static child with label seg, which must exist.
// n must belong to the builder of generation gen.
func (n *node[V]) removeStatic(gen uint64, seg string) {
	if n.wide != nil {
		n.wide = n.wide.remove(gen, seg)
		if n.wide.size <= flatMin {
			n.kids = n.wide.sorted()
			n.wide = nil
		}
		return
	}
	if i, found := searchKids(n.kids, seg); found {
		n.kids = slices.Delete(n.kids, i, i+1)
		if len(n.kids) == 0 {
			n.kids = nil
		}
	}
}

// statics returns the edges of the static children in label order.
func (n *node[V]) statics() []edge[V] {
	if n.wide != nil {
		return n.wide.sorted()
	}
	return n.kids
}

// staticCount returns the number of static children.
func (n *node[V]) staticCount() int {
	if n.wide != nil {
		return n.wide.size
	}
	return len(n.kids)
}

// lookup matches rest, the part of the path not consumed yet (empty or
// starting with '/'), below n; see Tree.Lookup. Each node of the tree is
// visited at most once per lookup, whatever fn answers.
func (n *node[V]) lookup(rest string, captured []string, fn func(V, []string) bool) bool {
	if rest == "" {
		return n.has() && fn(n.value, captured)
	}
	seg, next := nextSegment(rest)
	if len(n.kids) != 0 || n.wide != nil {
		if e := n.child(seg, prefixWord(seg)); e != nil && e.node.lookup(next, captured, fn) {
			return true
		}
	}
	if n.param != nil && seg != "" && n.param.lookup(next, append(captured, seg), fn) {
		return true
	}
	if w := n.wild; w != nil && w.has() && len(rest) > 1 {
		return fn(w.value, append(captured, rest))
	}
	return false
}

// get returns the node for a pattern checked by checkPattern, or nil.
func get[V any](n *node[V], pattern string) *node[V] {
	for rest := pattern; n != nil && rest != ""; {
		var seg string
		seg, rest = nextSegment(rest)
		switch segmentKind(seg) {
		case paramSegment:
			n = n.param
		case wildSegment:
			n = n.wild
		default:
			n = n.static(seg)
		}
	}
	return n
}

// walk calls fn for the values at and below n, whose key is prefix, in
// canonical order: n itself, its static children by label, its parameter
// child, its wildcard child. It reports whether fn never returned false.
func (n *node[V]) walk(prefix []byte, fn func(string, V) bool) bool {
	if n.has() && !fn(string(prefix), n.value) {
		return false
	}
	for _, e := range n.statics() {
		if !e.node.walk(append(append(prefix, '/'), e.label...), fn) {
			return false
		}
	}
	if n.param != nil && !n.param.walk(append(prefix, "/"+paramKey...), fn) {
		return false
	}
	return n.wild == nil || n.wild.walk(append(prefix, "/"+wildKey...), fn)
}

// searchKids returns the position of the first edge whose label is not
// less than seg, and whether that edge's label is seg.
func searchKids[V any](kids []edge[V], seg string) (int, bool) {
	lo, hi := 0, len(kids)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if kids[m].label < seg {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(kids) && kids[lo].label == seg
}
