package eskip

import (
	"reflect"
	"testing"
)

func copyTestRoute() *Route {
	return &Route{
		Id:            "r",
		Path:          "/a",
		HostRegexps:   []string{"h"},
		PathRegexps:   []string{"p"},
		Method:        "GET",
		Headers:       map[string]string{"A": "1"},
		HeaderRegexps: map[string][]string{"B": {"2"}},
		Predicates:    []*Predicate{{Name: "Weight", Args: []interface{}{float64(1)}}, {Name: "True"}},
		Filters:       []*Filter{{Name: "f", Args: []interface{}{"x"}}},
		Shunt:         false,
		BackendType:   LBBackend,
		Backend:       "http://x",
		LBAlgorithm:   "random",
		LBEndpoints:   []*LBEndpoint{{Address: "http://a", Zone: "z"}},
		Name:          "n",
		Namespace:     "ns",
	}
}

func TestRouteCopy(t *testing.T) {
	tests := []struct {
		name  string
		route *Route
	}{
		{"full", copyTestRoute()},
		{"empty", &Route{}},
		{"empty non-nil slices and maps", &Route{
			HostRegexps: []string{}, PathRegexps: []string{}, Headers: map[string]string{},
			HeaderRegexps: map[string][]string{"A": {}, "B": nil}, Predicates: []*Predicate{},
			Filters: []*Filter{}, LBEndpoints: []*LBEndpoint{},
		}},
		{"nil entries", &Route{Predicates: []*Predicate{nil}, Filters: []*Filter{nil}, LBEndpoints: []*LBEndpoint{nil}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.route.Copy()
			if !reflect.DeepEqual(c, tt.route) {
				t.Errorf("Copy() got %#v, want %#v", c, tt.route)
			}
			if c == tt.route {
				t.Error("Copy() returned the same pointer")
			}
			if c2 := Copy(tt.route); !reflect.DeepEqual(c2, tt.route) {
				t.Errorf("Copy(r) got %#v, want %#v", c2, tt.route)
			}
		})
	}
}

func TestRouteCopyIsDeep(t *testing.T) {
	r := copyTestRoute()
	c := r.Copy()

	c.HostRegexps[0] = "changed"
	c.PathRegexps[0] = "changed"
	c.Headers["A"] = "changed"
	c.HeaderRegexps["B"][0] = "changed"
	c.Predicates[0].Name = "changed"
	c.Predicates[0].Args[0] = "changed"
	c.Filters[0].Name = "changed"
	c.Filters[0].Args[0] = "changed"
	c.LBEndpoints[0].Address = "changed"
	c.LBEndpoints[0].Zone = "changed"

	if want := copyTestRoute(); !reflect.DeepEqual(r, want) {
		t.Errorf("changing the copy changed the route: got %#v, want %#v", r, want)
	}
}

func TestCopyNil(t *testing.T) {
	if Copy(nil) != nil {
		t.Error("Copy(nil) is not nil")
	}
	if (*Route)(nil).Copy() != nil {
		t.Error("(*Route)(nil).Copy() is not nil")
	}
	if (*Predicate)(nil).Copy() != nil {
		t.Error("(*Predicate)(nil).Copy() is not nil")
	}
	if (*Filter)(nil).Copy() != nil {
		t.Error("(*Filter)(nil).Copy() is not nil")
	}
	if (*LBEndpoint)(nil).Copy() != nil {
		t.Error("(*LBEndpoint)(nil).Copy() is not nil")
	}
}

func TestPredicateFilterEndpointCopy(t *testing.T) {
	p := &Predicate{Name: "P", Args: []interface{}{"a", float64(1)}}
	pc := p.Copy()
	if !reflect.DeepEqual(pc, p) {
		t.Errorf("Predicate.Copy() got %#v, want %#v", pc, p)
	}
	pc.Args[0] = "b"
	if p.Args[0] != "a" {
		t.Errorf("changing the predicate copy changed the original: got %v", p.Args[0])
	}
	if (&Predicate{Name: "P"}).Copy().Args != nil {
		t.Error("Predicate.Copy() of nil Args is not nil")
	}

	f := &Filter{Name: "f", Args: []interface{}{"a"}}
	fc := f.Copy()
	if !reflect.DeepEqual(fc, f) {
		t.Errorf("Filter.Copy() got %#v, want %#v", fc, f)
	}
	fc.Args[0] = "b"
	if f.Args[0] != "a" {
		t.Errorf("changing the filter copy changed the original: got %v", f.Args[0])
	}
	if (&Filter{Name: "f"}).Copy().Args != nil {
		t.Error("Filter.Copy() of nil Args is not nil")
	}

	ep := &LBEndpoint{Address: "http://a", Zone: "z"}
	ec := ep.Copy()
	if ec == ep || *ec != *ep {
		t.Errorf("LBEndpoint.Copy() got %#v, want a new %#v", ec, ep)
	}
}

func TestCopyRoutes(t *testing.T) {
	if CopyRoutes(nil) != nil {
		t.Error("CopyRoutes(nil) is not nil")
	}
	if got := CopyRoutes([]*Route{}); got == nil || len(got) != 0 {
		t.Errorf("CopyRoutes(empty) got %#v, want an empty slice", got)
	}
	in := []*Route{copyTestRoute(), nil, shuntWithID("s")}
	got := CopyRoutes(in)
	if !reflect.DeepEqual(got, in) {
		t.Errorf("CopyRoutes() got %v, want %v", got, in)
	}
	for i := range in {
		if in[i] != nil && got[i] == in[i] {
			t.Errorf("CopyRoutes() route %d is the same pointer", i)
		}
	}
	got[0].Filters[0].Name = "changed"
	if in[0].Filters[0].Name != "f" {
		t.Error("changing a copied route changed the original")
	}
}
