package pathtree

import (
	"fmt"
	"math/bits"
	"strings"
)

// checkTree verifies the structural invariants of t and returns the first
// violation found.
func checkTree[V any](t *Tree[V]) error {
	if t == nil || t.root == nil {
		if t.Len() != 0 {
			return fmt.Errorf("empty tree has Len %d", t.Len())
		}
		return nil
	}
	if t.root.empty() {
		return fmt.Errorf("root is empty but not nil")
	}
	if t.root.has() {
		return fmt.Errorf("root holds a value")
	}
	values := 0
	if err := checkNode(t.root, "", t.gen, &values); err != nil {
		return err
	}
	if values != t.n {
		return fmt.Errorf("tree holds %d values, Len is %d", values, t.n)
	}
	return nil
}

func checkNode[V any](n *node[V], path string, gen uint64, values *int) error {
	if path != "" && n.empty() {
		return fmt.Errorf("%q: empty node kept", path)
	}
	if n.gen() > gen || n.gen() == 0 {
		return fmt.Errorf("%q: node of generation %d in a tree of generation %d", path, n.gen(), gen)
	}
	if n.has() {
		*values++
	}
	if n.wide != nil && n.kids != nil {
		return fmt.Errorf("%q: both flat and hashed children", path)
	}
	if len(n.kids) > flatMax {
		return fmt.Errorf("%q: %d flat children, more than %d", path, len(n.kids), flatMax)
	}
	if n.wide != nil {
		if n.wide.size <= flatMin {
			return fmt.Errorf("%q: hashed child set of only %d", path, n.wide.size)
		}
		if n.wide.mask == 0 {
			return fmt.Errorf("%q: hashed child set without mask", path)
		}
		count, err := checkHash(n.wide, n.wide, path, 0, 0, gen)
		if err != nil {
			return err
		}
		if count != n.wide.size {
			return fmt.Errorf("%q: hashed child set holds %d, size %d", path, count, n.wide.size)
		}
	}
	kids := n.statics()
	for i, e := range kids {
		if e.word != prefixWord(e.label) {
			return fmt.Errorf("%q: child %q with a wrong prefix word", path, e.label)
		}
		if i > 0 && kids[i-1].label >= e.label {
			return fmt.Errorf("%q: children %q and %q out of order", path, kids[i-1].label, e.label)
		}
		if strings.ContainsAny(e.label, ":*/") {
			return fmt.Errorf("%q: bad static label %q", path, e.label)
		}
		if err := checkNode(e.node, path+"/"+e.label, gen, values); err != nil {
			return err
		}
	}
	if n.param != nil {
		if err := checkNode(n.param, path+"/"+paramKey, gen, values); err != nil {
			return err
		}
	}
	if w := n.wild; w != nil {
		if !w.has() || w.staticCount() != 0 || w.param != nil || w.wild != nil {
			return fmt.Errorf("%q: free wildcard node must hold only a value", path)
		}
		*values++
	}
	return nil
}

// checkHash verifies the hnode h of the set whose top is top, at the level
// with shift, whose labels hash to prefix in the bits below shift, and
// returns the number of children below h.
func checkHash[V any](top, h *hnode[V], path string, shift uint, prefix, gen uint64) (int, error) {
	if h.gen > gen || h.gen == 0 {
		return 0, fmt.Errorf("%q: trie node of generation %d in a tree of generation %d", path, h.gen, gen)
	}
	below := uint64(1)<<min(shift, 63) - 1
	if shift >= 64 {
		below = ^uint64(0)
	}
	for _, e := range h.kids {
		if hash := top.hash(e.label); hash&below != prefix {
			return 0, fmt.Errorf("%q: child %q with hash %x in trie slot %x", path, e.label, hash, prefix)
		}
	}
	if shift >= 64 {
		if h.datamap != 0 || h.nodemap != 0 || len(h.subs) != 0 || len(h.kids) < 2 {
			return 0, fmt.Errorf("%q: bad collision bucket of %d", path, len(h.kids))
		}
		return len(h.kids), nil
	}
	if h.datamap&h.nodemap != 0 || len(h.kids) != bits.OnesCount64(h.datamap) || len(h.subs) != bits.OnesCount64(h.nodemap) {
		return 0, fmt.Errorf("%q: bad trie bitmaps %x %x for %d kids and %d subs", path, h.datamap, h.nodemap, len(h.kids), len(h.subs))
	}
	for i, e := range h.kids {
		if bit := slot(top.hash(e.label), shift); index(h.datamap, bit) != i || h.datamap&bit == 0 {
			return 0, fmt.Errorf("%q: child %q in the wrong trie slot", path, e.label)
		}
	}
	count := len(h.kids)
	j := 0
	for s := range uint64(64) {
		if h.nodemap&(1<<s) == 0 {
			continue
		}
		n, err := checkHash(top, h.subs[j], path, shift+hashBits, prefix|s<<shift, gen)
		if err != nil {
			return 0, err
		}
		if n < 2 {
			return 0, fmt.Errorf("%q: sub-trie with %d children", path, n)
		}
		count += n
		j++
	}
	return count, nil
}

// countNodes returns the number of nodes in t.
func countNodes[V any](t *Tree[V]) int {
	if t == nil || t.root == nil {
		return 0
	}
	var count func(n *node[V]) int
	count = func(n *node[V]) int {
		c := 1
		for _, e := range n.statics() {
			c += count(e.node)
		}
		if n.param != nil {
			c += count(n.param)
		}
		if n.wild != nil {
			c += count(n.wild)
		}
		return c
	}
	return count(t.root)
}

// mustTree builds a tree whose patterns hold themselves as values.
func mustTree(patterns ...string) *Tree[string] {
	b := NewBuilder[string](nil)
	for _, p := range patterns {
		if err := b.Set(p, p); err != nil {
			panic(err)
		}
	}
	return b.Tree()
}
