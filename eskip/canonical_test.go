package eskip

import (
	"math"
	"reflect"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name  string
		route *Route
		want  *Route
	}{{
		name:  "nil",
		route: nil,
		want:  nil,
	}, {
		name:  "empty",
		route: &Route{},
		want:  &Route{},
	}, {
		name: "legacy fields become predicates, sorted by name",
		route: &Route{
			Id:            "r",
			Path:          "/a",
			HostRegexps:   []string{"h2", "h1"},
			PathRegexps:   []string{"p"},
			Method:        "GET",
			Headers:       map[string]string{"B": "2", "A": "1"},
			HeaderRegexps: map[string][]string{"Y": {"2", "1"}, "X": {"0"}},
			Predicates:    []*Predicate{{Name: "Weight", Args: []interface{}{float64(2)}}, {Name: "Cookie", Args: []interface{}{}}},
			Backend:       "http://x",
		},
		want: &Route{
			Id: "r",
			Predicates: []*Predicate{
				{Name: "Cookie"},
				{Name: "Header", Args: []interface{}{"A", "1"}},
				{Name: "Header", Args: []interface{}{"B", "2"}},
				{Name: "HeaderRegexp", Args: []interface{}{"X", "0"}},
				{Name: "HeaderRegexp", Args: []interface{}{"Y", "1"}},
				{Name: "HeaderRegexp", Args: []interface{}{"Y", "2"}},
				{Name: "Host", Args: []interface{}{"h2"}},
				{Name: "Host", Args: []interface{}{"h1"}},
				{Name: "Method", Args: []interface{}{"GET"}},
				{Name: "Path", Args: []interface{}{"/a"}},
				{Name: "PathRegexp", Args: []interface{}{"p"}},
				{Name: "Weight", Args: []interface{}{float64(2)}},
			},
			Backend: "http://x",
		},
	}, {
		name: "legacy method comes before a Method predicate",
		route: &Route{
			Method:     "GET",
			Predicates: []*Predicate{{Name: "Method", Args: []interface{}{"POST"}}},
		},
		want: &Route{Predicates: []*Predicate{
			{Name: "Method", Args: []interface{}{"GET"}},
			{Name: "Method", Args: []interface{}{"POST"}},
		}},
	}, {
		name: "Path predicate before legacy path",
		route: &Route{
			Path:       "/legacy",
			Predicates: []*Predicate{{Name: "Path", Args: []interface{}{"/pred"}}},
		},
		want: &Route{Predicates: []*Predicate{
			{Name: "Path", Args: []interface{}{"/pred"}},
			{Name: "Path", Args: []interface{}{"/legacy"}},
		}},
	}, {
		name:  "shunt flag becomes backend type",
		route: &Route{Shunt: true, Backend: "http://x"},
		want:  &Route{BackendType: ShuntBackend},
	}, {
		name: "lb endpoints sorted by address then zone, nil dropped",
		route: &Route{BackendType: LBBackend, LBAlgorithm: "random", Backend: "x", LBEndpoints: []*LBEndpoint{
			{Address: "http://b"}, nil, {Address: "http://a", Zone: "z2"}, {Address: "http://a", Zone: "z1"},
		}},
		want: &Route{BackendType: LBBackend, LBAlgorithm: "random", LBEndpoints: []*LBEndpoint{
			{Address: "http://a", Zone: "z1"}, {Address: "http://a", Zone: "z2"}, {Address: "http://b"},
		}},
	}, {
		name:  "lb fields dropped for other backends",
		route: &Route{BackendType: LoopBackend, Backend: "x", LBAlgorithm: "a", LBEndpoints: []*LBEndpoint{{Address: "http://a"}}},
		want:  &Route{BackendType: LoopBackend},
	}, {
		name: "empty slices become nil, nil entries dropped, name and namespace dropped",
		route: &Route{
			Id:          "r",
			HostRegexps: []string{},
			Predicates:  []*Predicate{nil},
			Filters:     []*Filter{{Name: "f", Args: []interface{}{}}, nil},
			LBEndpoints: []*LBEndpoint{},
			Headers:     map[string]string{},
			Name:        "n",
			Namespace:   "ns",
		},
		want: &Route{Id: "r", Filters: []*Filter{{Name: "f"}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before *Route
			if tt.route != nil {
				before = tt.route.Copy()
			}
			got := Canonical(tt.route)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Canonical() got %#v, want %#v", got, tt.want)
			}
			if tt.route != nil && !reflect.DeepEqual(tt.route, before) {
				t.Errorf("Canonical() changed its input: got %#v, want %#v", tt.route, before)
			}
		})
	}
}

func TestCanonicalDoesNotShare(t *testing.T) {
	r := &Route{
		Predicates:  []*Predicate{{Name: "P", Args: []interface{}{"a"}}},
		Filters:     []*Filter{{Name: "f", Args: []interface{}{"a"}}},
		BackendType: LBBackend,
		LBEndpoints: []*LBEndpoint{{Address: "http://a"}},
	}
	c := Canonical(r)
	c.Predicates[0].Name = "Q"
	c.Predicates[0].Args[0] = "b"
	c.Filters[0].Args[0] = "b"
	c.LBEndpoints[0].Address = "http://b"
	if r.Predicates[0].Name != "P" || r.Predicates[0].Args[0] != "a" || r.Filters[0].Args[0] != "a" || r.LBEndpoints[0].Address != "http://a" {
		t.Errorf("changing the canonical form changed the route: got %s", r.String())
	}
}

func TestCanonicalList(t *testing.T) {
	if got := CanonicalList(nil); got != nil {
		t.Errorf("CanonicalList(nil) got %v, want nil", got)
	}
	if got := CanonicalList([]*Route{}); got != nil {
		t.Errorf("CanonicalList(empty) got %v, want nil", got)
	}
	in := []*Route{{Id: "b", Shunt: true}, nil, {Id: "a", Method: "GET"}}
	got := CanonicalList(in)
	want := []*Route{
		{Id: "b", BackendType: ShuntBackend},
		nil,
		{Id: "a", Predicates: []*Predicate{{Name: "Method", Args: []interface{}{"GET"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CanonicalList() got %v, want %v", got, want)
	}
}

func TestEq(t *testing.T) {
	base := func() *Route {
		return &Route{
			Id:          "r",
			Path:        "/a",
			Method:      "GET",
			Headers:     map[string]string{"A": "1"},
			Predicates:  []*Predicate{{Name: "Weight", Args: []interface{}{float64(3)}}},
			Filters:     []*Filter{{Name: "f", Args: []interface{}{"x", float64(1)}}},
			Backend:     "http://x",
			BackendType: NetworkBackend,
		}
	}
	with := func(change func(r *Route)) *Route {
		r := base()
		change(r)
		return r
	}
	tests := []struct {
		name string
		a, b *Route
		want bool
	}{
		{"same route", base(), base(), true},
		{"both nil", nil, nil, true},
		{"one nil", base(), nil, false},
		{"nil first", nil, base(), false},
		{"legacy path equals Path predicate", base(), with(func(r *Route) {
			r.Path = ""
			r.Predicates = append(r.Predicates, &Predicate{Name: "Path", Args: []interface{}{"/a"}})
		}), true},
		{"legacy header equals Header predicate", base(), with(func(r *Route) {
			r.Headers = nil
			r.Predicates = append([]*Predicate{{Name: "Header", Args: []interface{}{"A", "1"}}}, r.Predicates...)
		}), true},
		{"predicate order of different names does not matter", with(func(r *Route) {
			r.Predicates = []*Predicate{{Name: "A"}, {Name: "B"}}
		}), with(func(r *Route) {
			r.Predicates = []*Predicate{{Name: "B"}, {Name: "A"}}
		}), true},
		{"order of same-named predicates matters", with(func(r *Route) {
			r.Predicates = []*Predicate{{Name: "A", Args: []interface{}{"1"}}, {Name: "A", Args: []interface{}{"2"}}}
		}), with(func(r *Route) {
			r.Predicates = []*Predicate{{Name: "A", Args: []interface{}{"2"}}, {Name: "A", Args: []interface{}{"1"}}}
		}), false},
		{"different id", base(), with(func(r *Route) { r.Id = "s" }), false},
		{"different method", base(), with(func(r *Route) { r.Method = "POST" }), false},
		{"different predicate arg", base(), with(func(r *Route) { r.Predicates[0].Args[0] = float64(4) }), false},
		{"int equals float64 of the same value", base(), with(func(r *Route) { r.Predicates[0].Args[0] = 3 }), true},
		{"int64 equals float64 of the same value", base(), with(func(r *Route) { r.Filters[0].Args[1] = int64(1) }), true},
		{"number differs from string", base(), with(func(r *Route) { r.Filters[0].Args[1] = "1" }), false},
		{"string differs from number", with(func(r *Route) { r.Filters[0].Args[0] = "1" }), with(func(r *Route) { r.Filters[0].Args[0] = 1 }), false},
		{"NaN equals NaN", with(func(r *Route) { r.Filters[0].Args[1] = math.NaN() }), with(func(r *Route) { r.Filters[0].Args[1] = math.NaN() }), true},
		{"other values compare deeply", with(func(r *Route) { r.Filters[0].Args[1] = []int{1} }), with(func(r *Route) { r.Filters[0].Args[1] = []int{1} }), true},
		{"other values differ", with(func(r *Route) { r.Filters[0].Args[1] = []int{1} }), with(func(r *Route) { r.Filters[0].Args[1] = []int{2} }), false},
		{"nil args equal empty args", with(func(r *Route) { r.Filters[0].Args = nil }), with(func(r *Route) { r.Filters[0].Args = []interface{}{} }), true},
		{"different arg count", base(), with(func(r *Route) { r.Filters[0].Args = r.Filters[0].Args[:1] }), false},
		{"filter order matters", with(func(r *Route) { r.Filters = []*Filter{{Name: "a"}, {Name: "b"}} }), with(func(r *Route) { r.Filters = []*Filter{{Name: "b"}, {Name: "a"}} }), false},
		{"different filter name", base(), with(func(r *Route) { r.Filters[0].Name = "g" }), false},
		{"extra filter", base(), with(func(r *Route) { r.Filters = append(r.Filters, &Filter{Name: "g"}) }), false},
		{"different backend", base(), with(func(r *Route) { r.Backend = "http://y" }), false},
		{"shunt flag equals shunt type", &Route{Shunt: true}, &Route{BackendType: ShuntBackend}, true},
		{"backend address ignored for shunt", &Route{BackendType: ShuntBackend, Backend: "x"}, &Route{BackendType: ShuntBackend}, true},
		{"different backend type", &Route{BackendType: LoopBackend}, &Route{BackendType: DynamicBackend}, false},
		{"lb endpoint order does not matter", &Route{BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a"}, {Address: "http://b"}}},
			&Route{BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://b"}, {Address: "http://a"}}}, true},
		{"lb zone differs", &Route{BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a", Zone: "1"}}},
			&Route{BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a", Zone: "2"}}}, false},
		{"lb endpoint count differs", &Route{BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a"}}},
			&Route{BackendType: LBBackend}, false},
		{"lb algorithm differs", &Route{BackendType: LBBackend, LBAlgorithm: "a"}, &Route{BackendType: LBBackend, LBAlgorithm: "b"}, false},
		{"header regexp value order does not matter", with(func(r *Route) { r.HeaderRegexps = map[string][]string{"A": {"1", "2"}} }),
			with(func(r *Route) { r.HeaderRegexps = map[string][]string{"A": {"2", "1"}} }), true},
		{"host order matters", with(func(r *Route) { r.HostRegexps = []string{"a", "b"} }),
			with(func(r *Route) { r.HostRegexps = []string{"b", "a"} }), false},
		{"name and namespace ignored", base(), with(func(r *Route) { r.Name, r.Namespace = "n", "ns" }), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Eq(tt.a, tt.b); got != tt.want {
				t.Errorf("Eq(%s, %s) got %v, want %v", tt.a.String(), tt.b.String(), got, tt.want)
			}
			if got := Eq(tt.b, tt.a); got != tt.want {
				t.Errorf("Eq(%s, %s) reversed got %v, want %v", tt.a.String(), tt.b.String(), got, tt.want)
			}
		})
	}
}

func TestEqVariadic(t *testing.T) {
	a, b, c := shuntWithID("a"), shuntWithID("a"), shuntWithID("c")
	tests := []struct {
		name   string
		routes []*Route
		want   bool
	}{
		{"none", nil, true},
		{"one", []*Route{a}, true},
		{"three equal", []*Route{a, b, a}, true},
		{"last differs", []*Route{a, b, c}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Eq(tt.routes...); got != tt.want {
				t.Errorf("Eq() got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEqLists(t *testing.T) {
	a, b, c := shuntWithID("a"), shuntWithID("b"), shuntWithID("c")
	a2 := &Route{Id: "a", BackendType: LoopBackend}
	tests := []struct {
		name string
		x, y []*Route
		want bool
	}{
		{"both empty", nil, []*Route{}, true},
		{"same order", []*Route{a, b, c}, []*Route{shuntWithID("a"), shuntWithID("b"), shuntWithID("c")}, true},
		{"order does not matter", []*Route{a, b, c}, []*Route{c, a, b}, true},
		{"different length", []*Route{a, b}, []*Route{a, b, c}, false},
		{"different route", []*Route{a, b}, []*Route{a2, b}, false},
		{"different ids", []*Route{a, b}, []*Route{a, c}, false},
		{"duplicate ids in the same order", []*Route{a, a2, b}, []*Route{b, a, a2}, true},
		{"duplicate ids in another order", []*Route{a, a2}, []*Route{a2, a}, false},
		{"nil routes", []*Route{nil, a}, []*Route{a, nil}, true},
		{"nil against route", []*Route{nil, a}, []*Route{a, b}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EqLists(tt.x, tt.y); got != tt.want {
				t.Errorf("EqLists() got %v, want %v", got, tt.want)
			}
		})
	}
	in := []*Route{c, a, b}
	EqLists(in, []*Route{a, b, c})
	if in[0] != c || in[1] != a || in[2] != b {
		t.Error("EqLists() reordered its input")
	}
}
