package routing

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing/pathtree"
)

// publication is what a data client's poller hands to the updater: a
// reset (the client's complete list) or an update (upserts and deleted
// ids).
type publication struct {
	client  int
	reset   bool
	routes  []*eskip.Route
	deleted []string
}

// entry is the updater's record of one route id: the definitions the data
// clients hold for it, and what was built from the winning one.
type entry struct {
	id string
	// def0 is the first data client's definition of the id, more those of
	// the others (allocated when one of them has one); nil where a client
	// has none. Use held and hold.
	def0 *eskip.Route
	more []*eskip.Route
	// def is the definition that route (or the invalid record) was built
	// from: the winning client's, or the pre-processors' output. Nil when
	// the id is not in the table.
	def *eskip.Route
	// route is the valid route built from def, nil if def is invalid or
	// a post-processor dropped the route.
	route   *Route
	invalid bool

	seen     uint32 // reset epoch of the last reset that held the id
	ppSeen   uint32 // pre-processing epoch that last output the id
	dirty    bool   // a client's definition changed in this batch
	conflict bool   // several clients hold the id; warned about
}

// held returns client i's definition, or nil.
func (e *entry) held(i int) *eskip.Route {
	if i == 0 {
		return e.def0
	}
	if i-1 < len(e.more) {
		return e.more[i-1]
	}
	return nil
}

// hold sets client i's definition; clients is the number of clients.
func (e *entry) hold(i int, d *eskip.Route, clients int) {
	if i == 0 {
		e.def0 = d
		return
	}
	if e.more == nil {
		if d == nil {
			return
		}
		e.more = make([]*eskip.Route, clients-1)
	}
	e.more[i-1] = d
}

// change asks apply to make def the definition of e (nil: remove it).
// client is the index of the data client def came from, or -1.
type change struct {
	e      *entry
	def    *eskip.Route
	client int
}

// state is the updater's bookkeeping. It belongs to a single goroutine
// (the updater of a Routing, or the caller of Build) and is never copied:
// an update costs work in proportion to the routes it changes.
type state struct {
	log      logging.Logger
	suppress bool
	pre      []PreProcessor
	post     []PostProcessor
	b        *builder
	ignoreTS bool
	names    []string // data client names, for logs

	entries map[string]*entry
	dirty   []*entry
	touched []*entry // the dirty entries of the last takeChanges
	epoch   uint32
	ppEpoch uint32

	tree        *pathtree.Tree[*leaf]
	root        *leaf
	count       int
	invalid     map[string]InvalidRoute
	invalidList []InvalidRoute

	shared *tableShared
	gen    uint64
	last   *Table // the last table made
}

func newState(o *Options, log logging.Logger, names []string, shared *tableShared) *state {
	return &state{
		log:      log,
		suppress: o.SuppressLogs,
		pre:      o.PreProcessors,
		post:     o.PostProcessors,
		b:        newBuilder(o),
		ignoreTS: o.MatchingOptions.ignoreTrailingSlash(),
		names:    names,
		entries:  make(map[string]*entry),
		invalid:  make(map[string]InvalidRoute),
		shared:   shared,
	}
}

// applied is the outcome of apply.
type applied struct {
	// added and removed are the routes that entered and left the table.
	added, removed []*Route
	invalid        int
	// closers are the filters of the removed routes, to close once no
	// request uses them.
	closers []filters.FilterCloser
}

// apply builds the changed definitions and updates the tree, the root
// leaf and the invalid list. Routes whose definition did not change are
// kept as they are, with their filters.
func (s *state) apply(changes []change) applied {
	var added, removed []*Route
	invalidChanged := false
	s.b.newBatch()
	for i, c := range changes {
		// Once applied, the change lets go of its definition: the entry
		// holds what it needs, and a client's definition that the route
		// replaces can be freed while the rest of the changes are built.
		changes[i].def = nil
		e := c.e
		if eskip.SameDefinition(e.def, c.def) {
			if c.client >= 0 && e.route != nil && e.def == &e.route.Route && c.def != e.def {
				// A client delivered the definition again: hold the
				// route's copy, so that the delivered one can be freed.
				e.hold(c.client, e.def, len(s.names))
			}
			continue
		}
		if e.route != nil {
			removed = append(removed, e.route)
			e.route = nil
		}
		if e.invalid {
			delete(s.invalid, e.id)
			e.invalid = false
			invalidChanged = true
		}
		e.def = c.def
		if c.def == nil {
			continue
		}
		r, inv := s.b.build(c.def)
		if inv != nil {
			s.markInvalid(e, *inv)
			invalidChanged = true
			continue
		}
		if c.client >= 0 && len(s.post) == 0 && len(r.Route.Predicates) == len(c.def.Predicates) {
			// The route's copy of the definition equals the client's: keep
			// that one, so that the client's can be freed.
			e.def = &r.Route
			e.hold(c.client, &r.Route, len(s.names))
		}
		e.route = r
		added = append(added, r)
	}
	if len(s.post) > 0 && len(added) > 0 {
		added = s.postprocess(added)
	}

	for {
		failed := s.applyTree(removed, added)
		if len(failed) == 0 {
			break
		}
		invalidChanged = true
		added = s.dropFailed(added, failed)
	}

	out := applied{added: added, removed: removed}
	s.count += len(added) - len(removed)
	for _, r := range removed {
		s.b.releaseMatchers(r)
		out.closers = append(out.closers, r.closers()...)
	}
	if invalidChanged {
		s.invalidList = make([]InvalidRoute, 0, len(s.invalid))
		for _, ir := range s.invalid {
			s.invalidList = append(s.invalidList, ir)
		}
		sort.Slice(s.invalidList, func(i, j int) bool { return s.invalidList[i].Route.Id < s.invalidList[j].Route.Id })
	}
	out.invalid = len(s.invalidList)
	for _, c := range changes {
		s.forget(c.e)
	}
	for _, e := range s.touched {
		s.forget(e)
	}
	s.touched = nil
	return out
}

// markInvalid records and logs an invalid definition of e.
func (s *state) markInvalid(e *entry, inv InvalidRoute) {
	if inv.Route == nil {
		inv.Route = e.def
	}
	if inv.Route == nil {
		inv.Route = &eskip.Route{Id: e.id}
	}
	e.invalid = true
	s.invalid[e.id] = inv
	s.log.Errorf("failed to process route %s: %s: %v", e.id, inv.Reason, inv.Err)
}

// forget deletes the entry of an id that no client holds and that is not
// in the table.
func (s *state) forget(e *entry) {
	if e.def != nil || e.route != nil || e.invalid || e.dirty {
		return
	}
	for i := range s.names {
		if e.held(i) != nil {
			return
		}
	}
	delete(s.entries, e.id)
}

// postprocess runs the post-processors on the routes built by this
// update, sorted by id. A route they leave out is not published and its
// filters are closed; a route with an id that this update did not build
// is ignored.
func (s *state) postprocess(built []*Route) []*Route {
	sort.Slice(built, func(i, j int) bool { return built[i].Id < built[j].Id })
	in := make(map[string]*Route, len(built))
	for _, r := range built {
		in[r.Id] = r
	}
	out := append([]*Route(nil), built...)
	for _, pp := range s.post {
		out = pp.Do(out)
	}
	keep := make(map[string]*Route, len(out))
	for _, r := range out {
		if r == nil {
			continue
		}
		if _, ok := in[r.Id]; !ok {
			s.log.Errorf("post-processor returned route %q, which this update did not build; ignoring it", r.Id)
			continue
		}
		keep[r.Id] = r
	}
	used := make(map[*RouteFilter]bool)
	for _, r := range keep {
		for _, f := range r.Filters {
			used[f] = true
		}
	}
	result := make([]*Route, 0, len(keep))
	for _, r := range built {
		e := s.entries[r.Id]
		k, ok := keep[r.Id]
		if !ok {
			s.log.Debugf("route %s dropped by a post-processor", r.Id)
			e.route = nil
			s.b.releaseMatchers(r)
			closeRouteFilters(r, used)
			continue
		}
		e.route = k
		result = append(result, k)
	}
	return result
}

// dropFailed takes the routes that could not be inserted into the tree out
// of added and records them as invalid.
func (s *state) dropFailed(added []*Route, failed map[*Route]error) []*Route {
	kept := added[:0]
	for _, r := range added {
		err, ok := failed[r]
		if !ok {
			kept = append(kept, r)
			continue
		}
		e := s.entries[r.Id]
		e.route = nil
		s.b.releaseMatchers(r)
		closeRouteFilters(r, nil)
		s.markInvalid(e, InvalidRoute{Route: e.def, Reason: ReasonInvalidMatcher,
			Err: fmt.Errorf("%s: inserting into the path tree: %w", r.Id, err)})
	}
	return kept
}

// leafChange collects the changes of one leaf.
type leafChange struct {
	remove, add []*Route
}

// keys returns the tree keys of a route; none for a root route.
func (s *state) keys(r *Route) []string {
	switch r.kind {
	case kindPath:
		return []string{r.key}
	case kindSubtree:
		return subtreeKeys(r.key, s.ignoreTS)
	}
	return nil
}

// applyTree makes a new tree and root leaf without the removed routes and
// with the added ones, leaving the old ones untouched. Routes that cannot
// be inserted are returned, and nothing is changed.
func (s *state) applyTree(removed, added []*Route) map[*Route]error {
	if len(removed) == 0 && len(added) == 0 {
		return nil
	}
	byKey := make(map[string]*leafChange, len(removed)+len(added))
	var root leafChange
	collect := func(routes []*Route, add bool) {
		for _, r := range routes {
			keys := s.keys(r)
			if len(keys) == 0 {
				if add {
					root.add = append(root.add, r)
				} else {
					root.remove = append(root.remove, r)
				}
				continue
			}
			for _, k := range keys {
				ch := byKey[k]
				if ch == nil {
					ch = &leafChange{}
					byKey[k] = ch
				}
				if add {
					ch.add = append(ch.add, r)
				} else {
					ch.remove = append(ch.remove, r)
				}
			}
		}
	}
	collect(removed, false)
	collect(added, true)

	// in key order: neighbouring keys share tree nodes
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var failed map[*Route]error
	b := pathtree.NewBuilder(s.tree)
	for _, k := range keys {
		ch := byKey[k]
		var old *leaf
		if s.tree != nil {
			old, _ = b.Get(k)
		}
		l := old.update(ch.remove, ch.add)
		if l == nil {
			b.Delete(k)
			continue
		}
		if err := b.Set(k, l); err != nil {
			if failed == nil {
				failed = make(map[*Route]error)
			}
			for _, r := range ch.add {
				failed[r] = err
			}
		}
	}
	if failed != nil {
		return failed
	}
	s.tree = b.Tree()
	if len(root.add) > 0 || len(root.remove) > 0 {
		s.root = s.root.update(root.remove, root.add)
	}
	return nil
}

// table returns a new generation of the table with the current state and
// the changes res made.
func (s *state) table(res applied) *Table {
	s.gen++
	t := &Table{
		shared:   s.shared,
		ignoreTS: s.ignoreTS,
		tree:     s.tree,
		root:     s.root,
		gen:      s.gen,
		created:  time.Now(),
		count:    s.count,
		invalid:  s.invalidList,
	}
	t.refs.Store(1)
	if s.last != nil {
		if l := s.last.list.Load(); l != nil {
			t.list.Store(l.update(res.removed, res.added))
		}
	}
	s.last = t
	return t
}

// closers returns the filters of every route in the table.
func (s *state) closers() []filters.FilterCloser {
	var out []filters.FilterCloser
	for _, e := range s.entries {
		if e.route != nil {
			out = append(out, e.route.closers()...)
		}
	}
	return out
}

// closeRouteFilters closes the filters of a route that was never published,
// except those in keep.
func closeRouteFilters(r *Route, keep map[*RouteFilter]bool) {
	for _, f := range r.Filters {
		if f == nil || keep[f] {
			continue
		}
		if c, ok := f.Filter.(filters.FilterCloser); ok {
			_ = c.Close()
		}
	}
}
