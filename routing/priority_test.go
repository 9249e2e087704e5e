package routing_test

import (
	"testing"
)

func TestPriority(t *testing.T) {
	for _, tt := range []struct {
		route string
		want  int
	}{
		{`Path("/a")`, 0},
		{`PathSubtree("/a")`, 0},
		{`Path("/a") && Method("GET")`, 1},
		{`Host("a") && Host("b")`, 2},
		{`PathRegexp("a") && PathRegexp("b")`, 2},
		{`Header("A", "1") && Header("B", "2")`, 2},
		{`HeaderRegexp("A", "1") && HeaderRegexp("A", "2")`, 1},
		{`HeaderRegexp("A", "1") && HeaderRegexp("B", "2")`, 2},
		{`Weight(3)`, 3},
		{`Weight(3) && Weight(-1.7)`, 2},
		{`True() && Cookie("a", "b")`, 2},
		{`TrafficSegment(0, 0.5)`, 0},
		{`Method("GET") && Host("a") && PathRegexp("b") && Header("C", "d") && HeaderRegexp("E", "f") && True() && Weight(10)`, 16},
	} {
		t.Run(tt.route, func(t *testing.T) {
			tab, invalid := build(t, "r: "+tt.route+" -> <shunt>", 0)
			if len(invalid) != 0 {
				t.Fatalf("invalid: %v", invalid)
			}
			routes := tab.Routes()
			if len(routes) != 1 {
				t.Fatalf("got %d routes", len(routes))
			}
			if got := routes[0].Priority(); got != tt.want {
				t.Errorf("got priority %d, want %d", got, tt.want)
			}
		})
	}
}

func TestPriorityOrder(t *testing.T) {
	runMatchCases(t, []matchCase{
		{name: "weight 2 beats one header", routes: `h: Path("/h") && Header("x-foo", "bar") -> <shunt>; w: Path("/h") && Weight(2) -> <shunt>`,
			target: "/h", want: "w"},
		{name: "more conditions win", routes: `a: Path("/h") -> <shunt>; b: Path("/h") && Method("GET") -> <shunt>`,
			target: "/h", want: "b"},
		{name: "ties go to the lower id", routes: `b: Path("/h") -> <shunt>; a: Path("/h") -> <shunt>; c: Path("/h") -> <shunt>`,
			target: "/h", want: "a"},
		{name: "ties go to the lower id, subtree and path", routes: `z: Path("/foo") -> <shunt>; y: PathSubtree("/foo") -> <shunt>`,
			target: "/foo", want: "y", params: map[string]string{"*": "/"}},
		{name: "priority decides between path and subtree", routes: `a: Path("/foo") -> <shunt>; b: PathSubtree("/foo") && True() -> <shunt>`,
			target: "/foo", want: "b", params: map[string]string{"*": "/"}},
		{name: "root ties go to the lower id", routes: `r2: * -> <shunt>; r1: * -> <shunt>`, target: "/x", want: "r1"},
		{name: "root priority", routes: `r1: * -> <shunt>; r2: Method("GET") -> <shunt>`, target: "/x", want: "r2"},
		{name: "a failing higher priority route falls through", routes: `a: Path("/h") && Weight(5) && False() -> <shunt>; b: Path("/h") -> <shunt>`,
			target: "/h", want: "b"},
	})
}

// The tie-break does not depend on the order of the definitions.
func TestTieBreakIndependentOfOrder(t *testing.T) {
	docs := []string{
		`x2: Path("/t") -> <shunt>; x1: Path("/t") -> <shunt>; x3: Path("/t") -> <shunt>`,
		`x3: Path("/t") -> <shunt>; x2: Path("/t") -> <shunt>; x1: Path("/t") -> <shunt>`,
		`x1: Path("/t") -> <shunt>; x3: Path("/t") -> <shunt>; x2: Path("/t") -> <shunt>`,
	}
	for _, doc := range docs {
		for i := 0; i < 20; i++ {
			tab, _ := build(t, doc, 0)
			if r, _ := tab.Match(get(t, "/t")); r == nil || r.Id != "x1" {
				t.Fatalf("%s: got %v, want x1", doc, r)
			}
		}
	}
}
