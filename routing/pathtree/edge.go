package pathtree

// edge is a static child as its parent holds it: the segment it matches,
// the first bytes of that segment packed into a word, and the child. A
// lookup compares words and lengths, which sit next to each other in the
// parent's array, and reads a label's bytes only to confirm a match of a
// label longer than 8 bytes.
type edge[V any] struct {
	word  uint64
	label string
	node  *node[V]
}

// newEdge returns the edge to c for the segment label.
func newEdge[V any](label string, c *node[V]) edge[V] {
	return edge[V]{word: prefixWord(label), label: label, node: c}
}

// matches reports whether the edge is for seg, whose prefix word is word.
func (e *edge[V]) matches(seg string, word uint64) bool {
	return e.word == word && len(e.label) == len(seg) && (len(seg) <= 8 || e.label[8:] == seg[8:])
}

// prefixWord packs the first 8 bytes of s, padded with zeros, into a word.
func prefixWord(s string) uint64 {
	if len(s) >= 8 {
		return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	}
	var w uint64
	for i := len(s) - 1; i >= 0; i-- {
		w = w<<8 | uint64(s[i])
	}
	return w
}
