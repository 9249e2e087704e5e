package routing

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/routing/pathtree"
)

// Table is one generation of the routing table. It is immutable once
// published and safe for concurrent use.
type Table struct {
	shared   *tableShared
	ignoreTS bool
	tree     *pathtree.Tree[*leaf]
	root     *leaf
	gen      uint64
	created  time.Time
	count    int
	invalid  []InvalidRoute

	// list holds the valid routes sorted by id once known: made on demand,
	// or by the updater from the previous generation's. flat is the same
	// as one slice, made by the first Routes call.
	list   atomic.Pointer[listing]
	flat   atomic.Pointer[[]*Route]
	listMu sync.Mutex

	// refs counts the pins of the table: one for being current, one per
	// open RouteLookup. At zero the table is released for good.
	refs atomic.Int64
	// retiring are the filters of the routes that the next generation
	// removed; they are closed once this table and all older ones are
	// released. Written before the table's current pin is dropped.
	retiring []filters.FilterCloser
}

// tableShared is what the generations of one Routing (or one Build) share.
type tableShared struct {
	searches sync.Pool
	params   sync.Pool // map[string]string, empty, for pinned lookups
	drain    *drainer  // nil for tables made by Build
}

func newTableShared(d *drainer) *tableShared {
	s := &tableShared{drain: d}
	s.searches.New = func() interface{} { return &search{captured: make([]string, 0, 16)} }
	return s
}

// getParams returns an empty parameter map from the pool.
func (s *tableShared) getParams() map[string]string {
	if m, ok := s.params.Get().(map[string]string); ok {
		return m
	}
	return make(map[string]string, 8)
}

// putParams empties m and returns it to the pool.
func (s *tableShared) putParams(m map[string]string) {
	clear(m)
	s.params.Put(m)
}

func (s *tableShared) getSearch() *search {
	return s.searches.Get().(*search)
}

func (s *tableShared) putSearch(x *search) {
	x.req, x.route, x.params, x.exact, x.lookup = nil, nil, nil, "", nil
	s.searches.Put(x)
}

// Generation returns the table's generation number: 0 for the initial
// empty table of a Routing, then one more for each published update.
func (t *Table) Generation() uint64 {
	return t.gen
}

// Created returns the time the table was built.
func (t *Table) Created() time.Time {
	return t.created
}

// Len returns the number of valid routes.
func (t *Table) Len() int {
	return t.count
}

// Routes returns the valid routes sorted by id. The slice is shared: do
// not modify it.
//
// The first call on a table copies the routes from the table's sorted
// list. That list is made by collecting and sorting the routes, which
// takes a while for a large table, unless the updater could derive it from
// the previous generation's: once a Routing's routes have been listed,
// each update applies its changes to the list, so listing stays cheap.
func (t *Table) Routes() []*Route {
	if f := t.flat.Load(); f != nil {
		return *f
	}
	t.listMu.Lock()
	defer t.listMu.Unlock()
	if f := t.flat.Load(); f != nil {
		return *f
	}
	f := t.sortedList().flatten()
	t.flat.Store(&f)
	return f
}

// sortedList returns the table's sorted list, making it if needed.
func (t *Table) sortedList() *listing {
	if l := t.list.Load(); l != nil {
		return l
	}
	l := newListing(t.collectRoutes())
	if !t.list.CompareAndSwap(nil, l) {
		return t.list.Load()
	}
	return l
}

// InvalidRoutes returns the routes that could not be built, sorted by id.
// The slice is shared: do not modify it.
func (t *Table) InvalidRoutes() []InvalidRoute {
	return t.invalid
}

// collectRoutes lists the routes of the tree and the root routes, sorted
// by id.
func (t *Table) collectRoutes() []*Route {
	out := make([]*Route, 0, t.count)
	if t.tree != nil {
		t.tree.Walk(func(pattern string, l *leaf) bool {
			for _, r := range l.routes {
				// a subtree route is listed at its /** leaf only
				if r.kind == kindSubtree && !strings.HasSuffix(pattern, "**") {
					continue
				}
				out = append(out, r)
			}
			return true
		})
	}
	if t.root != nil {
		out = append(out, t.root.routes...)
	}
	slices.SortFunc(out, func(a, b *Route) int { return strings.Compare(a.Id, b.Id) })
	return out
}

// routeByID returns the valid route with the id, or nil.
func (t *Table) routeByID(id string) *Route {
	return t.sortedList().find(id)
}

// acquire pins the table unless it has been released for good.
func (t *Table) acquire() bool {
	for {
		n := t.refs.Load()
		if n <= 0 {
			return false
		}
		if t.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// release drops a pin; the last one lets the drainer close the filters
// the table retired.
func (t *Table) release() {
	if t.refs.Add(-1) == 0 && t.shared.drain != nil {
		t.shared.drain.kick()
	}
}
