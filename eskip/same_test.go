package eskip

import "testing"

func TestSameDefinition(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{"same", `a: Path("/a") -> "http://x"`, `a: Path("/a")->"http://x"`, true},
		{"id", `a: * -> <shunt>`, `b: * -> <shunt>`, false},
		{"path", `a: Path("/a") -> <shunt>`, `a: Path("/b") -> <shunt>`, false},
		{"host", `a: Host("x") -> <shunt>`, `a: Host("y") -> <shunt>`, false},
		{"hosts count", `a: Host("x") -> <shunt>`, `a: Host("x") && Host("y") -> <shunt>`, false},
		{"path regexp", `a: PathRegexp("x") -> <shunt>`, `a: PathRegexp("y") -> <shunt>`, false},
		{"method", `a: Method("GET") -> <shunt>`, `a: Method("PUT") -> <shunt>`, false},
		{"header value", `a: Header("X", "1") -> <shunt>`, `a: Header("X", "2") -> <shunt>`, false},
		{"header name", `a: Header("X", "1") -> <shunt>`, `a: Header("Y", "1") -> <shunt>`, false},
		{"headers same", `a: Header("X", "1") && Header("Y", "2") -> <shunt>`, `a: Header("Y", "2") && Header("X", "1") -> <shunt>`, true},
		{"header regexp", `a: HeaderRegexp("X", "1") -> <shunt>`, `a: HeaderRegexp("X", "2") -> <shunt>`, false},
		{"predicate name", `a: Weight(1) -> <shunt>`, `a: Traffic(1) -> <shunt>`, false},
		{"predicate number", `a: Weight(1) -> <shunt>`, `a: Weight(2) -> <shunt>`, false},
		{"predicate arg type", `a: Weight(1) -> <shunt>`, `a: Weight("1") -> <shunt>`, false},
		{"predicate args count", `a: Weight(1) -> <shunt>`, `a: Weight(1, 2) -> <shunt>`, false},
		{"predicate order", `a: Weight(1) && True() -> <shunt>`, `a: True() && Weight(1) -> <shunt>`, false},
		{"filter arg", `a: * -> setPath("/a") -> <shunt>`, `a: * -> setPath("/b") -> <shunt>`, false},
		{"filter count", `a: * -> setPath("/a") -> <shunt>`, `a: * -> setPath("/a") -> status(200) -> <shunt>`, false},
		{"filters same", `a: * -> setPath("/a") -> status(200) -> <shunt>`, `a: * -> setPath("/a") -> status(200) -> <shunt>`, true},
		{"backend", `a: * -> "http://x"`, `a: * -> "http://y"`, false},
		{"backend type", `a: * -> <shunt>`, `a: * -> <loopback>`, false},
		{"lb algorithm", `a: * -> <roundRobin, "http://x">`, `a: * -> <random, "http://x">`, false},
		{"lb endpoint", `a: * -> <"http://x", "http://y">`, `a: * -> <"http://x", "http://z">`, false},
		{"lb endpoints count", `a: * -> <"http://x", "http://y">`, `a: * -> <"http://x">`, false},
		{"lb same", `a: * -> <roundRobin, "http://x", "http://y">`, `a: * -> <roundRobin, "http://x", "http://y">`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := MustParse(tt.a)[0], MustParse(tt.b)[0]
			if got := SameDefinition(a, b); got != tt.want {
				t.Errorf("SameDefinition(%s, %s): got %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := SameDefinition(b, a); got != tt.want {
				t.Errorf("SameDefinition(%s, %s): got %v, want %v", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestSameDefinitionNil(t *testing.T) {
	r := MustParse(`a: * -> <shunt>`)[0]
	withNil := &Route{Id: "a", Filters: []*Filter{nil}}
	withFilter := &Route{Id: "a", Filters: []*Filter{{Name: "f"}}}
	odd := &Route{Id: "a", Filters: []*Filter{{Name: "f", Args: []interface{}{1}}}}
	tests := []struct {
		name string
		a, b *Route
		want bool
	}{
		{"both nil", nil, nil, true},
		{"one nil", r, nil, false},
		{"nil filter", withNil, withFilter, false},
		{"nil filters", withNil, &Route{Id: "a", Filters: []*Filter{nil}}, true},
		{"argument of another type", odd, odd, true},
		{"argument of another type, equal copies", odd, &Route{Id: "a", Filters: []*Filter{{Name: "f", Args: []interface{}{1}}}}, true},
		{"argument of another type, other value", odd, &Route{Id: "a", Filters: []*Filter{{Name: "f", Args: []interface{}{2}}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameDefinition(tt.a, tt.b); got != tt.want {
				t.Errorf("SameDefinition: got %v, want %v", got, tt.want)
			}
		})
	}
}
