package routing

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/openskipper/skipper/eskip"
)

// testState is a state driven synchronously by the test.
type testState struct {
	*state
	t testing.TB
}

func newTestState(t testing.TB, o Options, clients int) testState {
	names := make([]string, clients)
	for i := range names {
		names[i] = "client" + string(rune('0'+i))
	}
	return testState{newState(&o, o.Log, names, newTableShared(nil)), t}
}

// step applies publications and returns the new table and the filters to
// close.
func (s testState) step(ps ...publication) (*Table, applied) {
	for _, p := range ps {
		s.receive(p)
	}
	res := s.apply(s.takeChanges())
	return s.table(res), res
}

func reset(client int, routes []*eskip.Route) publication {
	return publication{client: client, reset: true, routes: routes}
}

func update(client int, routes []*eskip.Route, deleted ...string) publication {
	return publication{client: client, routes: routes, deleted: deleted}
}

// byID returns the valid routes of a table by id.
func byID(t *Table) map[string]*Route {
	m := map[string]*Route{}
	for _, r := range t.Routes() {
		m[r.Id] = r
	}
	return m
}

func ids(t *Table) string {
	var out []string
	for _, r := range t.Routes() {
		out = append(out, r.Id)
	}
	return strings.Join(out, ",")
}

func TestUnchangedRoutesKeepTheirInstances(t *testing.T) {
	count := &countingSpec{name: "count"}
	s := newTestState(t, testOptions(count), 1)
	const doc = `
a: Path("/a") && True() -> count() -> <shunt>;
b: Path("/b") -> count() -> count() -> <shunt>;
c: * -> count() -> <shunt>;`
	t1, _ := s.step(reset(0, parse(t, doc)))
	if got := count.created.Load(); got != 4 {
		t.Fatalf("got %d filters created, want 4", got)
	}
	r1 := byID(t1)

	// the same definitions, parsed again: nothing is rebuilt
	t2, res := s.step(reset(0, parse(t, doc)))
	if got := count.created.Load(); got != 4 {
		t.Errorf("after an unchanged reset: got %d filters created, want 4", got)
	}
	if len(res.closers) != 0 || len(res.added) != 0 || len(res.removed) != 0 {
		t.Errorf("after an unchanged reset: got %+v, want no change", res)
	}
	for id, r := range byID(t2) {
		if r != r1[id] {
			t.Errorf("route %s was rebuilt", id)
		}
	}

	// b changes: only b is rebuilt; its old filters are to be closed
	t3, res := s.step(update(0, parse(t, `b: Path("/b") && True() -> count() -> count() -> <shunt>`)))
	if got := count.created.Load(); got != 6 {
		t.Errorf("after changing b: got %d filters created, want 6", got)
	}
	if len(res.closers) != 2 || len(res.added) != 1 || len(res.removed) != 1 {
		t.Errorf("after changing b: got %+v, want b's two filters to close", res)
	}
	r3 := byID(t3)
	if r3["a"] != r1["a"] || r3["c"] != r1["c"] {
		t.Error("a or c was rebuilt")
	}
	if r3["a"].Filters[0] != r1["a"].Filters[0] || r3["a"].Predicates[0] != r1["a"].Predicates[0] {
		t.Error("a's filter or predicate instance changed")
	}
	if r3["b"] == r1["b"] {
		t.Error("b was not rebuilt")
	}
	for _, f := range r1["b"].Filters {
		if f.Filter.(*countingFilter) != res.closers[0] && f.Filter.(*countingFilter) != res.closers[1] {
			t.Error("the closers are not b's old filters")
		}
	}

	// the old tables still serve the old routes
	if r, _ := t1.Match(request("GET", "h", "/b")); r != r1["b"] {
		t.Error("the first table changed")
	}
	if r, _ := t3.Match(request("GET", "h", "/b")); r != r3["b"] {
		t.Error("the new table does not serve the new b")
	}

	// c is deleted
	t4, res := s.step(update(0, nil, "c"))
	if len(res.closers) != 1 || ids(t4) != "a,b" || t4.Len() != 2 {
		t.Errorf("after deleting c: got %s and %+v", ids(t4), res)
	}
	if r, _ := t4.Match(request("GET", "h", "/x")); r != nil {
		t.Errorf("deleted root route still matches: %v", r.Id)
	}
	if r, _ := t3.Match(request("GET", "h", "/x")); r != r1["c"] {
		t.Error("the previous table lost c")
	}

	// a reset without a deletes it
	t5, res := s.step(reset(0, parse(t, `b: Path("/b") && True() -> count() -> count() -> <shunt>`)))
	if ids(t5) != "b" || len(res.closers) != 1 || byID(t5)["b"] != r3["b"] {
		t.Errorf("after a reset without a: got %s, %+v", ids(t5), res)
	}
	if len(s.entries) != 1 {
		t.Errorf("got %d entries, want 1: the deleted ids are forgotten", len(s.entries))
	}
	if g := t5.Generation(); g != 5 {
		t.Errorf("got generation %d, want 5", g)
	}
}

func TestMergeFirstClientWins(t *testing.T) {
	o := testOptions(&countingSpec{name: "count"})
	log := o.Log.(*testLog)
	s := newTestState(t, o, 2)
	from1 := parse(t, `x: Path("/x") -> "http://one"; y: Path("/y") -> "http://one"`)
	from0 := parse(t, `x: Path("/x") -> "http://zero"`)

	tab, _ := s.step(reset(1, from1))
	if got := byID(tab)["x"].Backend; got != "http://one" {
		t.Fatalf("got %s, want client 1's x", got)
	}
	tab, _ = s.step(reset(0, from0))
	if got := byID(tab)["x"].Backend; got != "http://zero" {
		t.Errorf("got %s, want client 0's x", got)
	}
	// client 1 sends x again: client 0 still wins, no second warning
	tab, _ = s.step(update(1, parse(t, `x: Path("/x") -> "http://one-b"`)))
	if got := byID(tab)["x"].Backend; got != "http://zero" {
		t.Errorf("got %s, want client 0's x", got)
	}
	if n := log.Count(`route "x" is defined by more than one data client`); n != 1 {
		t.Errorf("got %d warnings, want 1:\n%s", n, log)
	}
	// client 0 deletes x: client 1's takes over
	tab, _ = s.step(update(0, nil, "x"))
	if got := byID(tab)["x"].Backend; got != "http://one-b" {
		t.Errorf("got %s, want client 1's x", got)
	}
	// a new conflict warns again
	_, _ = s.step(update(0, from0))
	if n := log.Count(`route "x" is defined by more than one data client`); n != 2 {
		t.Errorf("got %d warnings, want 2", n)
	}
	// the order in one batch does not matter
	s2 := newTestState(t, o, 2)
	tab, _ = s2.step(reset(0, from0), reset(1, from1))
	if got := byID(tab)["x"].Backend; got != "http://zero" {
		t.Errorf("got %s, want client 0's x", got)
	}
}

func TestInvalidRoutesAreKept(t *testing.T) {
	s := newTestState(t, testOptions(&countingSpec{name: "count"}), 1)
	tab, _ := s.step(reset(0, parse(t, `a: Path("/a") -> missing() -> <shunt>; b: Path("/b") -> <shunt>`)))
	inv := tab.InvalidRoutes()
	if len(inv) != 1 || inv[0].Route.Id != "a" || inv[0].Reason != ReasonUnknownFilter {
		t.Fatalf("got invalid %v", inv)
	}
	tab, _ = s.step(update(0, parse(t, `c: Path("/c") -> Foo() -> <shunt>`)))
	if len(tab.InvalidRoutes()) != 2 || ids(tab) != "b" {
		t.Errorf("got invalid %v, valid %s", tab.InvalidRoutes(), ids(tab))
	}
	// a becomes valid, c is deleted
	tab, _ = s.step(update(0, parse(t, `a: Path("/a") -> <shunt>`), "c"))
	if len(tab.InvalidRoutes()) != 0 || ids(tab) != "a,b" {
		t.Errorf("got invalid %v, valid %s", tab.InvalidRoutes(), ids(tab))
	}
	// b becomes invalid: it leaves the table
	tab, _ = s.step(update(0, parse(t, `b: Path("/b") -> count("x") -> Path("/y") -> <shunt>`)))
	if len(tab.InvalidRoutes()) != 1 || ids(tab) != "a" {
		t.Errorf("got invalid %v, valid %s", tab.InvalidRoutes(), ids(tab))
	}
	if r, _ := tab.Match(request("GET", "h", "/b")); r != nil {
		t.Error("invalid b still matches")
	}
}

// prependFilter is a pre-processor that adds a filter to every route, as
// copies, and records the ids it saw.
type prependFilter struct {
	name string
	seen [][]string
}

func (p *prependFilter) Do(routes []*eskip.Route) []*eskip.Route {
	var ids []string
	out := make([]*eskip.Route, 0, len(routes))
	for _, r := range routes {
		ids = append(ids, r.Id)
		c := r.Copy()
		c.Filters = append([]*eskip.Filter{{Name: p.name}}, c.Filters...)
		out = append(out, c)
	}
	p.seen = append(p.seen, ids)
	return out
}

func TestPreProcessorsSeeTheWholeList(t *testing.T) {
	count := &countingSpec{name: "count"}
	o := testOptions(count)
	pp := &prependFilter{name: "count"}
	o.PreProcessors = []PreProcessor{pp}
	s := newTestState(t, o, 2)
	t1, _ := s.step(reset(0, parse(t, `b: Path("/b") -> <shunt>; a: Path("/a") -> <shunt>`)), reset(1, parse(t, `c: * -> <shunt>`)))
	if got := count.created.Load(); got != 3 {
		t.Fatalf("got %d filters, want 3", got)
	}
	t2, res := s.step(update(1, parse(t, `c: Method("GET") -> <shunt>`)))
	if got := count.created.Load(); got != 4 {
		t.Errorf("got %d filters, want 4: only c is rebuilt", got)
	}
	if len(res.closers) != 1 {
		t.Errorf("got %d closers, want 1", len(res.closers))
	}
	r1, r2 := byID(t1), byID(t2)
	if r1["a"] != r2["a"] || r1["b"] != r2["b"] || r1["c"] == r2["c"] {
		t.Error("unchanged routes were rebuilt, or c was not")
	}
	want := "a,b,c"
	for i, seen := range pp.seen {
		if got := strings.Join(seen, ","); got != want {
			t.Errorf("pre-processor run %d saw %s, want %s", i, got, want)
		}
	}
	// a deletion removes the route the pre-processor made from it
	t3, _ := s.step(update(0, nil, "a"))
	if ids(t3) != "b,c" {
		t.Errorf("got %s, want b,c", ids(t3))
	}
}

// dropAndMark is a post-processor that drops the route "drop" and sets
// LBAlgorithm on the others, recording the ids it saw.
type dropAndMark struct{ seen [][]string }

func (p *dropAndMark) Do(routes []*Route) []*Route {
	var ids []string
	var out []*Route
	for _, r := range routes {
		ids = append(ids, r.Id)
		if r.Id == "drop" {
			continue
		}
		r.LBAlgorithm = "marked"
		out = append(out, r)
	}
	p.seen = append(p.seen, ids)
	return out
}

func TestPostProcessorsSeeTheBuiltRoutes(t *testing.T) {
	count := &countingSpec{name: "count"}
	o := testOptions(count)
	pp := &dropAndMark{}
	o.PostProcessors = []PostProcessor{pp}
	s := newTestState(t, o, 1)
	tab, _ := s.step(reset(0, parse(t, `b: Path("/b") -> <shunt>; a: Path("/a") -> <shunt>; drop: Path("/d") -> count() -> <shunt>`)))
	if ids(tab) != "a,b" {
		t.Errorf("got %s, want a,b", ids(tab))
	}
	if count.closed.Load() != 1 {
		t.Errorf("the dropped route's filter was not closed")
	}
	for _, r := range tab.Routes() {
		if r.LBAlgorithm != "marked" {
			t.Errorf("route %s not post-processed", r.Id)
		}
	}
	tab, _ = s.step(update(0, parse(t, `a: Path("/a2") -> <shunt>`)))
	if ids(tab) != "a,b" {
		t.Errorf("got %s, want a,b", ids(tab))
	}
	got := []string{}
	for _, seen := range pp.seen {
		got = append(got, strings.Join(seen, ","))
	}
	if want := []string{"a,b,drop", "a"}; strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("post-processor saw %v, want %v", got, want)
	}
}

func TestSubtreeRoutesAreListedOnce(t *testing.T) {
	for _, mo := range []MatchingOptions{MatchingOptionsNone, IgnoreTrailingSlash} {
		o := testOptions(&countingSpec{name: "count"})
		o.MatchingOptions = mo
		tab, inv := Build(parse(t, `s: PathSubtree("/s") -> <shunt>; r: PathSubtree("/") -> <shunt>; p: Path("/s/") -> <shunt>; z: * -> <shunt>`), o)
		if len(inv) != 0 {
			t.Fatal(inv)
		}
		if ids(tab) != "p,r,s,z" || tab.Len() != 4 {
			t.Errorf("got %s (%d), want p,r,s,z", ids(tab), tab.Len())
		}
		routes := tab.Routes()
		if !sort.SliceIsSorted(routes, func(i, j int) bool { return routes[i].Id < routes[j].Id }) {
			t.Error("not sorted")
		}
	}
}

// Removing and re-adding subtree routes leaves no stale leaves behind.
func TestSubtreeUpdates(t *testing.T) {
	s := newTestState(t, testOptions(&countingSpec{name: "count"}), 1)
	tab, _ := s.step(reset(0, parse(t, `s: PathSubtree("/s") -> <shunt>`)))
	if n := tab.tree.Len(); n != 3 {
		t.Errorf("got %d tree keys, want 3", n)
	}
	tab, _ = s.step(update(0, parse(t, `s: PathSubtree("/t") -> <shunt>`)))
	if n := tab.tree.Len(); n != 3 {
		t.Errorf("got %d tree keys, want 3", n)
	}
	if r, _ := tab.Match(request("GET", "h", "/s/x")); r != nil {
		t.Error("old subtree still matches")
	}
	tab, _ = s.step(update(0, nil, "s"))
	if n := tab.tree.Len(); n != 0 {
		t.Errorf("got %d tree keys, want 0", n)
	}
	if len(s.b.rx.m) != 0 {
		t.Errorf("regexp cache not empty")
	}
}

// The regexp cache forgets the regexps of removed routes.
func TestRegexpCacheRefs(t *testing.T) {
	s := newTestState(t, testOptions(&countingSpec{name: "count"}), 1)
	s.step(reset(0, parse(t, `a: Host(/^a$/) && PathRegexp(/x/) -> <shunt>; b: Host(/^a$/) && HeaderRegexp("X", /y/) -> <shunt>`)))
	if n := len(s.b.rx.m); n != 3 {
		t.Errorf("got %d regexps, want 3", n)
	}
	s.step(update(0, nil, "a"))
	if n := len(s.b.rx.m); n != 2 {
		t.Errorf("got %d regexps, want 2", n)
	}
	s.step(update(0, nil, "b"))
	if n := len(s.b.rx.m); n != 0 {
		t.Errorf("got %d regexps, want 0", n)
	}
}

// The listing merged from the previous generation's equals the one
// collected from the tree.
func TestMergedListing(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	s := newTestState(t, testOptions(&countingSpec{name: "count"}), 1)
	route := func(i, v int) *eskip.Route {
		doc := fmt.Sprintf(`r%d: Path("/p/%d") -> "http://v%d"`, i, i%7, v)
		switch i % 3 {
		case 1:
			doc = fmt.Sprintf(`r%d: PathSubtree("/s/%d") -> "http://v%d"`, i, i%5, v)
		case 2:
			doc = fmt.Sprintf(`r%d: Weight(%d) -> "http://v%d"`, i, i%4, v)
		}
		return parse(t, doc)[0]
	}
	var all []*eskip.Route
	for i := 0; i < 50; i++ {
		all = append(all, route(i, 0))
	}
	tab, _ := s.step(reset(0, all))
	tab.Routes() // from now on, the listing is merged
	for step := 1; step < 100; step++ {
		var up []*eskip.Route
		var del []string
		for k := rnd.IntN(6); k > 0; k-- {
			i := rnd.IntN(60)
			if rnd.IntN(3) == 0 {
				del = append(del, fmt.Sprintf("r%d", i))
			} else {
				up = append(up, route(i, step))
			}
		}
		tab, _ = s.step(update(0, up, del...))
		if tab.list.Load() == nil {
			t.Fatal("listing not merged")
		}
		got, want := tab.Routes(), tab.collectRoutes()
		if len(got) != len(want) || len(got) != tab.Len() {
			t.Fatalf("step %d: got %d routes, want %d (Len %d)", step, len(got), len(want), tab.Len())
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("step %d: route %d: got %s, want %s", step, i, got[i].Id, want[i].Id)
			}
		}
	}
}

// TestRoutesHoldNoDeliveredDefinition checks that the state keeps the
// route's own copy of a client's definition, not the delivered object,
// also when a client delivers an unchanged definition again: the data
// client's objects can then be freed.
func TestRoutesHoldNoDeliveredDefinition(t *testing.T) {
	s := newTestState(t, testOptions(&countingSpec{name: "count"}), 1)
	const doc = `a: Path("/a") -> count() -> <shunt>; b: Path("/b") -> <shunt>`
	for i, p := range []publication{
		reset(0, parse(t, doc)),
		update(0, parse(t, `a: Path("/a") -> count() -> <shunt>`)),
		reset(0, parse(t, doc)),
	} {
		s.step(p)
		for _, id := range []string{"a", "b"} {
			e := s.entries[id]
			if e == nil || e.route == nil {
				t.Fatalf("step %d: route %s is not in the table", i, id)
			}
			if e.def != &e.route.Route || e.held(0) != &e.route.Route {
				t.Errorf("step %d: route %s: the state holds a delivered definition instead of the route's copy", i, id)
			}
		}
	}
}
