package pathtree

import (
	"hash/maphash"
	"math/bits"
	"slices"
	"strings"
)

// hashBits is the number of hash bits used per level of a hash trie.
const hashBits = 6

// hnode is a node of a persistent hash trie (a compressed hash array mapped
// prefix tree) holding the static children of a node with many of them.
// At a level with shift s, bits s to s+5 of a label's hash pick one of 64
// slots: the slot is empty, holds one child (its bit is set in datamap) or
// holds a sub-trie one level down (its bit is set in nodemap). kids and subs
// hold the occupied slots in bit order. Below the last level (s >= 64),
// labels with equal hashes share a bucket: kids in any order, no bitmaps.
//
// A lookup hashes the segment once and follows one slot per level, so it
// touches a few cache lines whatever the size of the set; an update copies
// one hnode per level. The trie is canonical: a sub-trie always holds at
// least two children, so its shape depends only on its content.
type hnode[V any] struct {
	// gen is the generation of the builder that made the hnode.
	gen              uint64
	datamap, nodemap uint64
	kids             []edge[V]
	subs             []*hnode[V]
	// seed, mask and size are kept in the top hnode of a set only: the
	// hash of a label is maphash.String(seed, label) & mask, and size is
	// the number of children in the set. mask is all ones except in tests
	// that force collisions.
	seed maphash.Seed
	mask uint64
	size int
}

// hash returns the hash of a label in the set whose top hnode is h.
func (h *hnode[V]) hash(label string) uint64 {
	return maphash.String(h.seed, label) & h.mask
}

// slot returns the bit of the slot for hash at a level.
func slot(hash uint64, shift uint) uint64 {
	return 1 << ((hash >> shift) & (1<<hashBits - 1))
}

// index returns the position, in bit order, of bit among the bits of m.
func index(m, bit uint64) int {
	return bits.OnesCount64(m & (bit - 1))
}

// find returns the edge for the child with label seg, whose prefix word is
// word, from the set whose top hnode is h, or nil.
func (h *hnode[V]) find(seg string, word uint64) *edge[V] {
	hash := h.hash(seg)
	for shift := uint(0); shift < 64; shift += hashBits {
		bit := slot(hash, shift)
		if h.datamap&bit != 0 {
			if e := &h.kids[index(h.datamap, bit)]; e.matches(seg, word) {
				return e
			}
			return nil
		}
		if h.nodemap&bit == 0 {
			return nil
		}
		h = h.subs[index(h.nodemap, bit)]
	}
	for i := range h.kids {
		if h.kids[i].matches(seg, word) {
			return &h.kids[i]
		}
	}
	return nil
}

// newHashSet returns a set of the builder of generation gen holding kids,
// with a new seed. mask is the hash mask, 0 for all ones.
func newHashSet[V any](gen, mask uint64, kids []edge[V]) *hnode[V] {
	if mask == 0 {
		mask = ^uint64(0)
	}
	h := &hnode[V]{gen: gen, seed: maphash.MakeSeed(), mask: mask}
	for _, e := range kids {
		h = h.put(gen, e)
	}
	return h
}

// writable returns h itself if the builder of generation gen made it, or a
// copy made by that builder.
func (h *hnode[V]) writable(gen uint64) *hnode[V] {
	if h.gen == gen {
		return h
	}
	c := *h
	c.gen = gen
	c.kids = slices.Clone(h.kids)
	c.subs = slices.Clone(h.subs)
	return &c
}

// put inserts the child of e into the set whose top hnode is h, replacing
// the child with the same label, and returns the new top hnode.
func (h *hnode[V]) put(gen uint64, e edge[V]) *hnode[V] {
	w := h.writable(gen)
	if w.insert(gen, w, e, w.hash(e.label), 0) {
		w.size++
	}
	return w
}

// insert puts e, whose label's hash is hash, into w, made by the builder of
// generation gen, at the level with shift, and reports whether the set
// grew. top is the set's top hnode.
func (w *hnode[V]) insert(gen uint64, top *hnode[V], e edge[V], hash uint64, shift uint) bool {
	if shift >= 64 {
		for i, k := range w.kids {
			if k.label == e.label {
				w.kids[i] = e
				return false
			}
		}
		w.kids = append(w.kids, e)
		return true
	}
	bit := slot(hash, shift)
	switch {
	case w.datamap&bit != 0:
		i := index(w.datamap, bit)
		old := w.kids[i]
		if old.label == e.label {
			w.kids[i] = e
			return false
		}
		sub := &hnode[V]{gen: gen}
		sub.insert(gen, top, old, top.hash(old.label), shift+hashBits)
		sub.insert(gen, top, e, hash, shift+hashBits)
		w.kids = slices.Delete(w.kids, i, i+1)
		w.datamap &^= bit
		w.subs = slices.Insert(w.subs, index(w.nodemap, bit), sub)
		w.nodemap |= bit
		return true
	case w.nodemap&bit != 0:
		j := index(w.nodemap, bit)
		sub := w.subs[j].writable(gen)
		w.subs[j] = sub
		return sub.insert(gen, top, e, hash, shift+hashBits)
	default:
		w.kids = slices.Insert(w.kids, index(w.datamap, bit), e)
		w.datamap |= bit
		return true
	}
}

// remove deletes the child with label seg, which must be in the set whose
// top hnode is h, and returns the new top hnode.
func (h *hnode[V]) remove(gen uint64, seg string) *hnode[V] {
	w := h.writable(gen)
	w.delete(gen, seg, w.hash(seg), 0)
	w.size--
	return w
}

// delete removes seg, whose hash is hash, from w, made by the builder of
// generation gen, at the level with shift. A sub-trie left with a single
// child and no sub-tries is replaced by that child.
func (w *hnode[V]) delete(gen uint64, seg string, hash uint64, shift uint) {
	if shift >= 64 {
		w.kids = slices.DeleteFunc(w.kids, func(e edge[V]) bool { return e.label == seg })
		return
	}
	bit := slot(hash, shift)
	if w.datamap&bit != 0 {
		w.kids = slices.Delete(w.kids, index(w.datamap, bit), index(w.datamap, bit)+1)
		w.datamap &^= bit
		return
	}
	j := index(w.nodemap, bit)
	sub := w.subs[j].writable(gen)
	sub.delete(gen, seg, hash, shift+hashBits)
	if len(sub.kids) == 1 && len(sub.subs) == 0 {
		w.subs = slices.Delete(w.subs, j, j+1)
		w.nodemap &^= bit
		w.kids = slices.Insert(w.kids, index(w.datamap, bit), sub.kids[0])
		w.datamap |= bit
		return
	}
	w.subs[j] = sub
}

// sorted returns the children of the set in label order.
func (h *hnode[V]) sorted() []edge[V] {
	out := h.appendKids(make([]edge[V], 0, h.size))
	slices.SortFunc(out, func(a, b edge[V]) int { return strings.Compare(a.label, b.label) })
	return out
}

// appendKids appends the children below h to dst, in trie order.
func (h *hnode[V]) appendKids(dst []edge[V]) []edge[V] {
	dst = append(dst, h.kids...)
	for _, s := range h.subs {
		dst = s.appendKids(dst)
	}
	return dst
}
