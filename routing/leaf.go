package routing

import (
	"net/http"
	"slices"
	"strings"
)

// hostIndexMin is the number of routes from which a leaf indexes its
// routes by exact host.
const hostIndexMin = 8

// leaf holds the routes registered at one tree key, or the root routes. A
// leaf is immutable: changes make a new leaf.
//
// Large leaves index their routes by exact host: the routes that require
// one exact host (the literal of a ^literal$ Host regexp) are grouped by
// host in byHost, the others are in other, each group in the order of
// before. A request can only match routes of its own host's group and the
// others. The index is inline, to spare the lookup a pointer hop.
type leaf struct {
	// routes are all routes of the leaf, in the order of before.
	routes []*Route
	// groups maps a host to its routes in byHost; nil for leaves without
	// an index.
	groups map[string]span
	byHost []*Route
	other  []*Route
}

// span is a range of leaf.byHost. first is its first route, so that the
// common group of one route is found without reading byHost.
type span struct {
	first      *Route
	start, end int32
}

// newLeaf returns a leaf of routes, which must be sorted by before, or nil
// when there are none.
func newLeaf(routes []*Route) *leaf {
	if len(routes) == 0 {
		return nil
	}
	l := &leaf{routes: routes}
	if len(routes) >= hostIndexMin {
		l.index()
	}
	return l
}

// index builds the host index when at least two routes have an exact host.
func (l *leaf) index() {
	n := 0
	for _, r := range l.routes {
		if r.hostIndex() != "" {
			n++
		}
	}
	if n < 2 {
		return
	}
	l.byHost = make([]*Route, 0, n)
	l.other = make([]*Route, 0, len(l.routes)-n)
	for _, r := range l.routes {
		if r.hostIndex() != "" {
			l.byHost = append(l.byHost, r)
		} else {
			l.other = append(l.other, r)
		}
	}
	slices.SortStableFunc(l.byHost, func(a, b *Route) int { return strings.Compare(a.hostIndex(), b.hostIndex()) })
	l.groups = make(map[string]span)
	start := 0
	for i := 1; i <= len(l.byHost); i++ {
		h := l.byHost[start].hostIndex()
		if i == len(l.byHost) || l.byHost[i].hostIndex() != h {
			l.groups[h] = span{first: l.byHost[start], start: int32(start), end: int32(i)}
			start = i
		}
	}
}

// update returns a new leaf without the routes of remove and with those of
// add, or nil when no route is left. l may be nil.
func (l *leaf) update(remove, add []*Route) *leaf {
	var old []*Route
	if l != nil {
		old = l.routes
	}
	var gone map[*Route]bool
	if len(remove) > 8 {
		gone = make(map[*Route]bool, len(remove))
		for _, r := range remove {
			gone[r] = true
		}
	}
	removed := func(r *Route) bool {
		if gone != nil {
			return gone[r]
		}
		for _, x := range remove {
			if x == r {
				return true
			}
		}
		return false
	}
	if len(add) > 1 {
		sortRoutes(add)
	}
	out := make([]*Route, 0, len(old)+len(add))
	i := 0
	for _, r := range old {
		if len(remove) > 0 && removed(r) {
			continue
		}
		for i < len(add) && before(add[i], r) {
			out = append(out, add[i])
			i++
		}
		out = append(out, r)
	}
	out = append(out, add[i:]...)
	if len(out) == 0 {
		return nil
	}
	return newLeaf(out[:len(out):len(out)])
}

// contains tells whether r is a route of the leaf.
func (l *leaf) contains(r *Route) bool {
	if l == nil {
		return false
	}
	for _, x := range l.routes {
		if x == r {
			return true
		}
	}
	return false
}

// find returns the first route of the leaf whose conditions hold for the
// request, or nil. exact is the cleaned request path.
func (l *leaf) find(req *http.Request, exact string) *Route {
	if l == nil {
		return nil
	}
	if l.groups == nil {
		for _, r := range l.routes {
			if r.accepts(req, exact, false) {
				return r
			}
		}
		return nil
	}
	var g []*Route
	s, ok := l.groups[req.Host]
	if ok && s.end-s.start == 1 && len(l.other) == 0 {
		if s.first.accepts(req, exact, true) {
			return s.first
		}
		return nil
	}
	if ok {
		g = l.byHost[s.start:s.end]
	}
	o := l.other
	for len(g) > 0 || len(o) > 0 {
		if len(o) == 0 || (len(g) > 0 && before(g[0], o[0])) {
			// the group's routes require exactly req.Host: their host
			// index condition holds
			r := g[0]
			g = g[1:]
			if r.accepts(req, exact, true) {
				return r
			}
			continue
		}
		r := o[0]
		o = o[1:]
		if r.accepts(req, exact, false) {
			return r
		}
	}
	return nil
}
