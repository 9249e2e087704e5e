package routing

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"regexp"
	"testing"
)

// randomRoutes returns routes with random priorities and host conditions:
// exact hosts, regexps or none.
func randomRoutes(rnd *rand.Rand, n int) []*Route {
	hosts := []string{"a", "b", "c", "d"}
	routes := make([]*Route, n)
	for i := range routes {
		r := &Route{priority: int32(rnd.IntN(4))}
		r.Id = fmt.Sprintf("r%03d", i)
		switch rnd.IntN(4) {
		case 0, 1:
			r.hosts = []hostMatcher{{literal: hosts[rnd.IntN(len(hosts))]}}
		case 2:
			r.hosts = []hostMatcher{{rx: regexp.MustCompile("^[ab]$")}}
		}
		if rnd.IntN(3) == 0 {
			r.Route.Method = "POST"
		}
		routes[i] = r
	}
	return routes
}

// The host index finds the same route as trying every route in order.
func TestLeafHostIndex(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		routes := randomRoutes(rnd, 1+rnd.IntN(40))
		l := (*leaf)(nil).update(nil, routes)
		if len(routes) >= hostIndexMin && l.groups == nil {
			n := 0
			for _, r := range routes {
				if r.hostIndex() != "" {
					n++
				}
			}
			if n >= 2 {
				t.Fatalf("round %d: leaf of %d routes not indexed", round, len(routes))
			}
		}
		for _, host := range []string{"a", "b", "c", "e"} {
			for _, method := range []string{"GET", "POST"} {
				req := &http.Request{Method: method, Host: host}
				var want *Route
				for _, r := range l.routes {
					if r.accepts(req, "/", false) {
						want = r
						break
					}
				}
				if got := l.find(req, "/"); got != want {
					t.Fatalf("round %d, %s %s: got %v, want %v", round, method, host, got, want)
				}
			}
		}
	}
}

func TestLeafUpdate(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	routes := randomRoutes(rnd, 30)
	l := (*leaf)(nil).update(nil, routes[:20])
	l2 := l.update(routes[5:15], routes[20:])
	if len(l.routes) != 20 {
		t.Errorf("the old leaf changed: %d routes", len(l.routes))
	}
	if len(l2.routes) != 20 {
		t.Fatalf("got %d routes, want 20", len(l2.routes))
	}
	for i := 1; i < len(l2.routes); i++ {
		if !before(l2.routes[i-1], l2.routes[i]) {
			t.Errorf("not sorted at %d", i)
		}
	}
	for _, r := range routes[5:15] {
		if l2.contains(r) {
			t.Errorf("removed route %s still there", r.Id)
		}
	}
	if l3 := l2.update(l2.routes, nil); l3 != nil {
		t.Errorf("got a leaf without routes")
	}
}

// A route that the tree rejects becomes invalid with its id, and the
// others of the update are still applied.
func TestTreeInsertErrors(t *testing.T) {
	s := newTestState(t, testOptions(&countingSpec{name: "count"}), 1)
	good, _ := s.b.build(parse(t, `good: Path("/good") -> <shunt>`)[0])
	bad, _ := s.b.build(parse(t, `bad: Path("/bad") -> count() -> <shunt>`)[0])
	bad.key = "/a:b" // as if the pattern had passed validation
	for _, r := range []*Route{good, bad} {
		s.entryOf(r.Id).route = r
		s.entryOf(r.Id).def = &r.Route
	}
	failed := s.applyTree(nil, []*Route{good, bad})
	if len(failed) != 1 || failed[bad] == nil {
		t.Fatalf("got failures %v, want bad", failed)
	}
	added := s.dropFailed([]*Route{good, bad}, failed)
	if len(added) != 1 || added[0] != good {
		t.Fatalf("got %v, want good", added)
	}
	if failed := s.applyTree(nil, added); failed != nil {
		t.Fatalf("second attempt failed: %v", failed)
	}
	inv, ok := s.invalid["bad"]
	if !ok || inv.Reason != ReasonInvalidMatcher {
		t.Errorf("got %+v, want bad invalid", inv)
	}
	if s.entries["bad"].route != nil {
		t.Error("bad still has its route")
	}
	if r, _ := (&Table{shared: s.shared, tree: s.tree}).Match(request("GET", "h", "/good")); r != good {
		t.Error("good not inserted")
	}
}
