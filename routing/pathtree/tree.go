package pathtree

// Tree is an immutable tree of path patterns, each holding a value. The
// zero value and nil are empty trees. A Tree is never changed after it is
// made, so any number of goroutines may use it without locking; Set and
// Delete return new trees that share all unchanged nodes with the old one.
type Tree[V any] struct {
	root *node[V]
	n    int
	// gen is the generation of the builder that made the tree.
	gen uint64
}

// Get returns the value stored for pattern, which is normalised by
// ParsePattern first, so "/a/:x" finds the value set for "/a/:y". It
// returns false for an invalid pattern or one without a value.
func (t *Tree[V]) Get(pattern string) (V, bool) {
	var zero V
	if t == nil {
		return zero, false
	}
	p, err := checkPattern(pattern)
	if err != nil {
		return zero, false
	}
	if n := get(t.root, p); n != nil && n.has() {
		return n.value, true
	}
	return zero, false
}

// Set returns a new tree in which pattern holds v; t is unchanged. Only the
// nodes on the pattern's path are copied. For an invalid pattern it returns
// t itself and a *PatternError.
func (t *Tree[V]) Set(pattern string, v V) (*Tree[V], error) {
	b := NewBuilder(t)
	if err := b.Set(pattern, v); err != nil {
		return t, err
	}
	return b.Tree(), nil
}

// Delete returns a tree without pattern, removing the nodes left empty; t
// is unchanged. When pattern has no value (or is invalid) it returns t.
func (t *Tree[V]) Delete(pattern string) *Tree[V] {
	if _, ok := t.Get(pattern); !ok {
		return t
	}
	b := NewBuilder(t)
	b.Delete(pattern)
	return b.Tree()
}

// Len returns the number of patterns with a value.
func (t *Tree[V]) Len() int {
	if t == nil {
		return 0
	}
	return t.n
}

// Lookup finds the patterns matching path, which must be clean (see
// CleanPath), in order of precedence, and calls fn for each until fn
// returns true; it returns whether fn did.
//
// The search goes segment by segment. At each node it tries the static
// child for the segment first, then the parameter child (which takes one
// non-empty segment), then the free wildcard child (which takes the rest of
// the path, at least one character after the slash). Where the path ends
// at a node holding a value, fn is called with the value and the captured
// wildcard values. When fn returns false the search backtracks to the next
// alternative at that level, then at the levels above.
//
// The captured values, in pattern order, are appended to captured: a
// parameter's is the segment, a free wildcard's is the rest of the path
// with its leading '/'. They are substrings of path. The slice passed to fn
// is only valid during the call. Lookup allocates nothing when captured has
// room for the values. A nil fn accepts the first match.
func (t *Tree[V]) Lookup(path string, captured []string, fn func(v V, captured []string) bool) bool {
	if t == nil || t.root == nil || path == "" || path[0] != '/' {
		return false
	}
	if fn == nil {
		fn = acceptFirst[V]
	}
	return t.root.lookup(path, captured, fn)
}

// acceptFirst is the fn of a Lookup given none.
func acceptFirst[V any](V, []string) bool { return true }

// Walk calls fn for every pattern, in canonical form (":*" for parameters,
// "**" for a free wildcard), with its value, until fn returns false. The
// order is deterministic: a pattern comes before the longer patterns it is
// a prefix of, and siblings come in the order static segments (sorted),
// parameter, free wildcard.
func (t *Tree[V]) Walk(fn func(pattern string, v V) bool) {
	if t == nil || t.root == nil {
		return
	}
	t.root.walk(make([]byte, 0, 128), fn)
}
