package eskip

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestMarshalJSON(t *testing.T) {
	tests := []struct {
		name  string
		route *Route
		want  string
	}{{
		name:  "spec example 1: shunt",
		route: &Route{Id: "r", Shunt: true, BackendType: ShuntBackend},
		want:  `{"id":"r","backend":{"type":"shunt"}}`,
	}, {
		name: "spec example 2: network with legacy predicates",
		route: &Route{
			Id:      "r",
			Path:    "/a",
			Method:  "GET",
			Filters: []*Filter{{Name: "setPath", Args: []interface{}{"/b"}}},
			Backend: "http://x",
		},
		want: `{"id":"r","backend":{"type":"network","address":"http://x"},` +
			`"predicates":[{"name":"Method","args":["GET"]},{"name":"Path","args":["/a"]}],` +
			`"filters":[{"name":"setPath","args":["/b"]}]}`,
	}, {
		name:  "shunt flag alone",
		route: &Route{Id: "r", Shunt: true},
		want:  `{"id":"r","backend":{"type":"shunt"}}`,
	}, {
		name:  "empty network backend has no backend object",
		route: &Route{Id: "r"},
		want:  `{"id":"r"}`,
	}, {
		name:  "empty id is left out",
		route: &Route{BackendType: LoopBackend},
		want:  `{"backend":{"type":"loopback"}}`,
	}, {
		name:  "dynamic",
		route: &Route{Id: "r", BackendType: DynamicBackend, Backend: "ignored"},
		want:  `{"id":"r","backend":{"type":"dynamic"}}`,
	}, {
		name:  "forward",
		route: &Route{Id: "r", BackendType: ForwardBackend},
		want:  `{"id":"r","backend":{"type":"forward"}}`,
	}, {
		name: "lb endpoints sorted, zones re-encoded",
		route: &Route{Id: "r", BackendType: LBBackend, LBAlgorithm: "roundRobin", LBEndpoints: []*LBEndpoint{
			{Address: "http://b"}, {Address: "http://a?x=1", Zone: "z 1"},
		}},
		want: `{"id":"r","backend":{"type":"lb","algorithm":"roundRobin","endpoints":["http://a?x=1&zone=z+1","http://b"]}}`,
	}, {
		name: "lb without algorithm",
		route: &Route{Id: "r", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{
			{Address: "http://a", Zone: "z"},
		}},
		want: `{"id":"r","backend":{"type":"lb","endpoints":["http://a?zone=z"]}}`,
	}, {
		name: "predicates sorted by name, stable",
		route: &Route{
			Id:            "r",
			Predicates:    []*Predicate{{Name: "Weight", Args: []interface{}{float64(1)}}, {Name: "Cookie", Args: []interface{}{"b"}}, {Name: "Cookie", Args: []interface{}{"a"}}},
			HostRegexps:   []string{"h"},
			Headers:       map[string]string{"B": "2", "A": "1"},
			HeaderRegexps: map[string][]string{"Y": {"2", "1"}},
			BackendType:   ShuntBackend,
		},
		want: `{"id":"r","backend":{"type":"shunt"},"predicates":[` +
			`{"name":"Cookie","args":["b"]},{"name":"Cookie","args":["a"]},` +
			`{"name":"Header","args":["A","1"]},{"name":"Header","args":["B","2"]},` +
			`{"name":"HeaderRegexp","args":["Y","1"]},{"name":"HeaderRegexp","args":["Y","2"]},` +
			`{"name":"Host","args":["h"]},{"name":"Weight","args":[1]}]}`,
	}, {
		name: "numbers and empty args",
		route: &Route{Id: "r", Filters: []*Filter{
			{Name: "f", Args: []interface{}{float64(1), 0.3, 7}},
			{Name: "g", Args: []interface{}{}},
			{Name: "h"},
		}, BackendType: ShuntBackend},
		want: `{"id":"r","backend":{"type":"shunt"},"filters":[{"name":"f","args":[1,0.3,7]},{"name":"g"},{"name":"h"}]}`,
	}, {
		name:  "no HTML escaping",
		route: &Route{Id: "r", Backend: "http://x/?a=<1>&b=2"},
		want:  `{"id":"r","backend":{"type":"network","address":"http://x/?a=<1>&b=2"}}`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.route.MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON() error: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("MarshalJSON() got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMarshalJSONList(t *testing.T) {
	tests := []struct {
		name   string
		routes []*Route
		want   string
	}{{
		name:   "spec example 1",
		routes: []*Route{{Id: "r", Shunt: true, BackendType: ShuntBackend}},
		want:   `[{"id":"r","backend":{"type":"shunt"}}]`,
	}, {
		name: "spec example 2",
		routes: []*Route{{
			Id: "r", Method: "GET", Path: "/a",
			Filters: []*Filter{{Name: "setPath", Args: []interface{}{"/b"}}},
			Backend: "http://x",
		}},
		want: `[{"id":"r","backend":{"type":"network","address":"http://x"},"predicates":[{"name":"Method","args":["GET"]},{"name":"Path","args":["/a"]}],"filters":[{"name":"setPath","args":["/b"]}]}]`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.routes)
			if err != nil {
				t.Fatalf("json.Marshal() error: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("json.Marshal() got %s, want %s", got, tt.want)
			}
			got, err = PrintJSON(false, tt.routes...)
			if err != nil {
				t.Fatalf("PrintJSON() error: %v", err)
			}
			if string(got) != tt.want+"\n" {
				t.Errorf("PrintJSON() got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMarshalJSONErrors(t *testing.T) {
	r := &Route{Id: "r", Filters: []*Filter{{Name: "f", Args: []interface{}{math.NaN()}}}}
	if _, err := r.MarshalJSON(); err == nil || !strings.Contains(err.Error(), `route "r"`) {
		t.Errorf("MarshalJSON() of NaN got error %v, want one naming the route", err)
	}
	if _, err := PrintJSON(false, r); err == nil {
		t.Error("PrintJSON() of NaN got no error")
	}
	got, err := (*Route)(nil).MarshalJSON()
	if err != nil || string(got) != "null" {
		t.Errorf("nil MarshalJSON() got %s, %v, want null", got, err)
	}
}

func TestPrintJSON(t *testing.T) {
	got, err := PrintJSON(false)
	if err != nil || string(got) != "[]\n" {
		t.Errorf("PrintJSON() of nothing got %q, %v, want %q", got, err, "[]\n")
	}
	got, err = PrintJSON(true, &Route{Id: "r", Backend: "http://x?a=<b>"})
	want := "[\n  {\n    \"id\": \"r\",\n    \"backend\": {\n      \"type\": \"network\",\n      \"address\": \"http://x?a=<b>\"\n    }\n  }\n]\n"
	if err != nil || string(got) != want {
		t.Errorf("PrintJSON(indent) got %q, %v, want %q", got, err, want)
	}
}

func TestUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		json string
		want *Route
	}{{
		name: "spec example 1",
		json: `{"id":"r","backend":{"type":"shunt"}}`,
		want: &Route{Id: "r", Shunt: true, BackendType: ShuntBackend},
	}, {
		name: "spec example 2: predicates stay predicates",
		json: `{"id":"r","backend":{"type":"network","address":"http://x"},"predicates":[{"name":"Method","args":["GET"]},{"name":"Path","args":["/a"]}],"filters":[{"name":"setPath","args":["/b"]}]}`,
		want: &Route{
			Id:      "r",
			Backend: "http://x",
			Predicates: []*Predicate{
				{Name: "Method", Args: []interface{}{"GET"}},
				{Name: "Path", Args: []interface{}{"/a"}},
			},
			Filters: []*Filter{{Name: "setPath", Args: []interface{}{"/b"}}},
		},
	}, {
		name: "missing backend",
		json: `{"id":"r"}`,
		want: &Route{Id: "r"},
	}, {
		name: "null backend",
		json: `{"id":"r","backend":null}`,
		want: &Route{Id: "r"},
	}, {
		name: "empty type means network",
		json: `{"backend":{"address":"http://x"}}`,
		want: &Route{Backend: "http://x"},
	}, {
		name: "loopback ignores address",
		json: `{"backend":{"type":"loopback","address":"http://x"}}`,
		want: &Route{BackendType: LoopBackend},
	}, {
		name: "dynamic",
		json: `{"backend":{"type":"dynamic"}}`,
		want: &Route{BackendType: DynamicBackend},
	}, {
		name: "forward",
		json: `{"backend":{"type":"forward"}}`,
		want: &Route{BackendType: ForwardBackend},
	}, {
		name: "lb with zones",
		json: `{"backend":{"type":"lb","algorithm":"random","endpoints":["http://a?zone=z1","http://b?x=1&zone=z+2","http://c"]}}`,
		want: &Route{BackendType: LBBackend, LBAlgorithm: "random", LBEndpoints: []*LBEndpoint{
			{Address: "http://a", Zone: "z1"},
			{Address: "http://b?x=1", Zone: "z 2"},
			{Address: "http://c"},
		}},
	}, {
		name: "empty lists become nil, null entries dropped",
		json: `{"id":"r","predicates":[],"filters":[null,{"name":"f","args":[]}],"backend":{"type":"lb","endpoints":[]}}`,
		want: &Route{Id: "r", BackendType: LBBackend, Filters: []*Filter{{Name: "f"}}},
	}, {
		name: "numbers are float64",
		json: `{"filters":[{"name":"f","args":[1,0.5,"x"]}]}`,
		want: &Route{Filters: []*Filter{{Name: "f", Args: []interface{}{float64(1), 0.5, "x"}}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Start from a filled route: UnmarshalJSON must replace every field.
			got := &Route{Id: "old", Path: "/old", Method: "PUT", Shunt: true, Name: "n", Headers: map[string]string{"a": "b"}}
			if err := got.UnmarshalJSON([]byte(tt.json)); err != nil {
				t.Fatalf("UnmarshalJSON() error: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("UnmarshalJSON() got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestUnmarshalJSONErrors(t *testing.T) {
	tests := []struct {
		name string
		json string
		want string
	}{
		{"unknown backend type", `{"id":"r","backend":{"type":"foo"}}`, `unsupported backend type: foo`},
		{"invalid JSON", `{"id":`, `invalid route JSON`},
		{"wrong id type", `{"id":1}`, `invalid route JSON`},
		{"wrong predicates type", `{"predicates":{}}`, `invalid route JSON`},
		{"wrong endpoints type", `{"backend":{"type":"lb","endpoints":[1]}}`, `invalid route JSON`},
		{"not an object", `[]`, `invalid route JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Route
			err := r.UnmarshalJSON([]byte(tt.json))
			if err == nil {
				t.Fatalf("UnmarshalJSON(%s) got no error, want %q", tt.json, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("UnmarshalJSON(%s) got error %q, want it to contain %q", tt.json, err, tt.want)
			}
		})
	}
}

func TestSplitEndpointZone(t *testing.T) {
	tests := []struct {
		endpoint, address, zone string
	}{
		{"http://a", "http://a", ""},
		{"http://a?zone=z", "http://a", "z"},
		{"http://a?zone=", "http://a", ""},
		{"http://a?b=2&zone=z&a=1", "http://a?a=1&b=2", "z"},
		{"http://a?x=1", "http://a?x=1", ""},
		{"http://a?zone=a%26b", "http://a", "a&b"},
		{"http://a?zone=z#f", "http://a", "z#f"},
		{"http://a?zone=%zz", "http://a?zone=%zz", ""},
		{"http://a?zone=z&zone=y", "http://a", "z"},
		{"http://a?zone=z&x", "http://a?x=", "z"},
		{"not a url?zone=z", "not a url", "z"},
	}
	for _, tt := range tests {
		t.Run(tt.endpoint, func(t *testing.T) {
			address, zone := splitEndpointZone(tt.endpoint)
			if address != tt.address || zone != tt.zone {
				t.Errorf("got %q, %q, want %q, %q", address, zone, tt.address, tt.zone)
			}
		})
	}
}

func jsonRoundTripRoutes() []*Route {
	return []*Route{
		{Id: "shunt", Shunt: true, BackendType: ShuntBackend},
		{Id: "net", Path: "/a", Method: "GET", HostRegexps: []string{"h[.]x"}, PathRegexps: []string{"^/a"},
			Headers: map[string]string{"A": "1", "B": "<&>"}, HeaderRegexps: map[string][]string{"C": {"x", "y"}},
			Predicates: []*Predicate{{Name: "Weight", Args: []interface{}{float64(3)}}},
			Filters:    []*Filter{{Name: "f", Args: []interface{}{"s", 0.5, float64(-2)}}, {Name: "g"}},
			Backend:    "http://x?a=<b>"},
		{Id: "lb", BackendType: LBBackend, LBAlgorithm: "roundRobin", LBEndpoints: []*LBEndpoint{
			{Address: "http://b", Zone: "z/2"}, {Address: "http://a?q=1", Zone: "z1"},
		}},
		{Id: "lbnoalg", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a"}}},
		{Id: "loop", BackendType: LoopBackend},
		{Id: "dyn", BackendType: DynamicBackend},
		{Id: "fwd", BackendType: ForwardBackend},
		{Id: "empty"},
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, r := range jsonRoundTripRoutes() {
		t.Run(r.Id, func(t *testing.T) {
			b, err := r.MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON() error: %v", err)
			}
			var got Route
			if err := got.UnmarshalJSON(b); err != nil {
				t.Fatalf("UnmarshalJSON(%s) error: %v", b, err)
			}
			if !Eq(&got, r) {
				t.Errorf("round trip got %s, want %s", String(&got), String(r))
			}
			again, err := got.MarshalJSON()
			if err != nil || string(again) != string(b) {
				t.Errorf("second MarshalJSON() got %s, %v, want %s", again, err, b)
			}
		})
	}
}

func TestJSONListRoundTrip(t *testing.T) {
	routes := jsonRoundTripRoutes()

	b, err := json.Marshal(routes)
	if err != nil {
		t.Fatalf("json.Marshal() error: %v", err)
	}
	var got []*Route
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("json.Unmarshal() error: %v", err)
	}
	if !EqLists(got, routes) {
		t.Errorf("json round trip got %s, want %s", String(got...), String(routes...))
	}

	b, err = PrintJSON(true, routes...)
	if err != nil {
		t.Fatalf("PrintJSON() error: %v", err)
	}
	got, err = ParseJSON(b)
	if err != nil {
		t.Fatalf("ParseJSON() error: %v", err)
	}
	if !EqLists(got, routes) {
		t.Errorf("PrintJSON/ParseJSON round trip got %s, want %s", String(got...), String(routes...))
	}
}

func TestParseJSON(t *testing.T) {
	got, err := ParseJSON([]byte(`[null,{"id":"a","backend":{"type":"shunt"}},null]`))
	if err != nil {
		t.Fatalf("ParseJSON() error: %v", err)
	}
	want := []*Route{{Id: "a", Shunt: true, BackendType: ShuntBackend}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseJSON() got %v, want %v", got, want)
	}
	if got, err := ParseJSON([]byte(`[]`)); err != nil || got != nil {
		t.Errorf("ParseJSON([]) got %v, %v, want nil, nil", got, err)
	}
	if _, err := ParseJSON([]byte(`[{"backend":{"type":"nope"}}]`)); err == nil || !strings.Contains(err.Error(), "unsupported backend type: nope") {
		t.Errorf("ParseJSON() got error %v, want unsupported backend type", err)
	}
	if _, err := ParseJSON([]byte(`{`)); err == nil {
		t.Error("ParseJSON({) got no error")
	}
}
