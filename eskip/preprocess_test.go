package eskip

import (
	"reflect"
	"regexp"
	"testing"
)

func TestDefaultFilters(t *testing.T) {
	prepend := []*Filter{{Name: "p1", Args: []interface{}{"a"}}, {Name: "p2"}}
	appendF := []*Filter{{Name: "a1", Args: []interface{}{float64(1)}}}
	own := &Filter{Name: "own"}
	routes := []*Route{
		{Id: "r1", Filters: []*Filter{own}, BackendType: ShuntBackend},
		nil,
		{Id: "r2", Backend: "http://x"},
	}
	before := CopyRoutes(routes)

	df := &DefaultFilters{Prepend: prepend, Append: appendF}
	got := df.Do(routes)

	want := []string{
		`p1("a") -> p2() -> own() -> a1(1)`,
		``,
		`p1("a") -> p2() -> a1(1)`,
	}
	if len(got) != len(want) {
		t.Fatalf("Do() got %d routes, want %d", len(got), len(want))
	}
	for i, r := range got {
		if r == nil {
			if want[i] != "" {
				t.Errorf("route %d is nil, want filters %q", i, want[i])
			}
			continue
		}
		if s := filtersString(r.Filters); s != want[i] {
			t.Errorf("route %d filters got %q, want %q", i, s, want[i])
		}
		if r == routes[i] {
			t.Errorf("route %d is the input route, want a new one", i)
		}
		if r.Id != routes[i].Id || r.Backend != routes[i].Backend || r.BackendType != routes[i].BackendType {
			t.Errorf("route %d got %s, want the other fields of %s kept", i, String(r), String(routes[i]))
		}
	}
	if got[0].Filters[2] != own {
		t.Error("the route's own filter was replaced, want it kept")
	}
	// No *Filter is shared between routes or with the DefaultFilters.
	seen := map[*Filter]string{}
	for _, f := range append(append([]*Filter{}, prepend...), appendF...) {
		seen[f] = "DefaultFilters"
	}
	for _, r := range got {
		if r == nil {
			continue
		}
		for _, f := range r.Filters {
			if f == own {
				continue
			}
			if owner, ok := seen[f]; ok {
				t.Errorf("filter %s of route %s is shared with %s", f, r.Id, owner)
			}
			seen[f] = r.Id
		}
	}
	if !reflect.DeepEqual(routes, before) {
		t.Errorf("Do() changed its input: got %s, want %s", String(routes...), String(before...))
	}
}

func TestDefaultFiltersEmpty(t *testing.T) {
	routes := []*Route{shuntWithID("a")}
	for _, df := range []*DefaultFilters{nil, {}, {Prepend: []*Filter{}, Append: nil}} {
		got := df.Do(routes)
		if len(got) != 1 || got[0] != routes[0] {
			t.Errorf("Do() without filters got %v, want the input", got)
		}
	}
}

func filtersString(fs []*Filter) string {
	s := ""
	for i, f := range fs {
		if i > 0 {
			s += " -> "
		}
		s += f.String()
	}
	return s
}

func TestEditor(t *testing.T) {
	tests := []struct {
		name  string
		rx    string
		repl  string
		route string
		want  string // the edited route, or "" when it must stay the same route
	}{{
		name:  "predicate rename",
		rx:    `Source[(](.*)[)]`,
		repl:  `ClientIP($1)`,
		route: `r0: Source("127.0.0.1/8", "10.0.0.0/8") -> inlineContent("OK") -> <shunt>`,
		want:  `r0: ClientIP("127.0.0.1/8", "10.0.0.0/8") -> inlineContent("OK") -> <shunt>`,
	}, {
		name:  "filter argument",
		rx:    `"OK"`,
		repl:  `"Fine"`,
		route: `r0: * -> inlineContent("OK") -> setPath("/") -> <shunt>`,
		want:  `r0: * -> inlineContent("Fine") -> setPath("/") -> <shunt>`,
	}, {
		name:  "legacy predicate",
		rx:    `Host[(]"(.*)"[)]`,
		repl:  `Host("$1[.]org")`,
		route: `r0: Host(/^www[.]example/) && Path("/a") -> "http://x"`,
		want:  `r0: Host("^www[.]example[.]org") && Path("/a") -> "http://x"`,
	}, {
		name:  "one predicate into two",
		rx:    `^Foo[(][)]$`,
		repl:  `Bar() && Baz(1)`,
		route: `r0: Foo() && Qux() -> <shunt>`,
		want:  `r0: Bar() && Baz(1) && Qux() -> <shunt>`,
	}, {
		name:  "one filter into two",
		rx:    `^f[(][)]$`,
		repl:  `g() -> h()`,
		route: `r0: * -> a() -> f() -> b() -> <shunt>`,
		want:  `r0: * -> a() -> g() -> h() -> b() -> <shunt>`,
	}, {
		name:  "empty result removes the call",
		rx:    `^f[(].*[)]$`,
		repl:  ``,
		route: `r0: * -> a() -> f("x") -> <shunt>`,
		want:  `r0: * -> a() -> <shunt>`,
	}, {
		name:  "no match keeps the route",
		rx:    `Nothing`,
		repl:  `Else`,
		route: `r0: Path("/a") -> f() -> <shunt>`,
	}, {
		name:  "unparsable result keeps the call",
		rx:    `Source`,
		repl:  `Bad-Name`,
		route: `r0: Source("1.2.3.4") -> <shunt>`,
	}, {
		name:  "unparsable result for one call, others still edited",
		rx:    `^(f)[(]|"x"`,
		repl:  `${1}x(`,
		route: `r0: f() && g("x") -> <shunt>`,
		want:  `r0: fx() && g("x") -> <shunt>`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := MustParse(tt.route)
			before := CopyRoutes(routes)
			got := NewEditor(regexp.MustCompile(tt.rx), tt.repl).Do(routes)
			if len(got) != 1 {
				t.Fatalf("Do() got %d routes, want 1", len(got))
			}
			if tt.want == "" {
				if got[0] != routes[0] {
					t.Errorf("Do() got %s, want the input route unchanged", String(got...))
				}
			} else if want := MustParse(tt.want); !EqLists(got, want) {
				t.Errorf("Do() got %s, want %s", String(got...), String(want...))
			}
			if !reflect.DeepEqual(routes, before) {
				t.Errorf("Do() changed its input: got %s, want %s", String(routes...), String(before...))
			}
		})
	}
}

func TestEditorUnparsableArgsInStringForm(t *testing.T) {
	// A predicate whose rewritten string form does not parse stays as it
	// was, and the route is returned unchanged.
	routes := MustParse(`r: Foo("a") -> <shunt>`)
	got := NewEditor(regexp.MustCompile(`"a"`), `"a`).Do(routes)
	if got[0] != routes[0] {
		t.Errorf("Do() got %s, want the input route", String(got...))
	}
}

func TestEditorKeepsOrderAndOtherRoutes(t *testing.T) {
	routes := MustParse(`a: Foo() -> <shunt>; b: Bar() -> <shunt>; c: Foo() -> <shunt>`)
	got := NewEditor(regexp.MustCompile(`Foo`), `Baz`).Do(routes)
	want := MustParse(`a: Baz() -> <shunt>; b: Bar() -> <shunt>; c: Baz() -> <shunt>`)
	if !EqLists(got, want) {
		t.Errorf("Do() got %s, want %s", String(got...), String(want...))
	}
	for i, id := range []string{"a", "b", "c"} {
		if got[i].Id != id {
			t.Errorf("route %d got id %q, want %q", i, got[i].Id, id)
		}
	}
	if got[1] != routes[1] {
		t.Error("the unchanged route was replaced")
	}
}

func TestEditorAndCloneNil(t *testing.T) {
	routes := []*Route{shuntWithID("a"), nil}
	if got := NewEditor(nil, "x").Do(routes); len(got) != 2 || got[0] != routes[0] {
		t.Errorf("Editor with nil regexp got %v, want the input", got)
	}
	if got := NewClone(nil, "x").Do(routes); len(got) != 2 || got[0] != routes[0] {
		t.Errorf("Clone with nil regexp got %v, want the input", got)
	}
	if got := NewEditor(regexp.MustCompile("x"), "y").Do(routes); len(got) != 2 || got[1] != nil {
		t.Errorf("Editor got %v, want the nil route kept", got)
	}
	if got := NewClone(regexp.MustCompile("x"), "y").Do(routes); len(got) != 2 || got[1] != nil {
		t.Errorf("Clone got %v, want the nil route kept and no clone", got)
	}
}

func TestClone(t *testing.T) {
	routes := MustParse(`
		r0: Source("127.0.0.1/8", "10.0.0.0/8") -> inlineContent("OK") -> <shunt>;
		r1: Path("/a") -> <shunt>;
		r2: Source("1.2.3.4") && Method("GET") -> "http://x"`)
	before := CopyRoutes(routes)

	got := NewClone(regexp.MustCompile(`Source[(](.*)[)]`), `ClientIP($1)`).Do(routes)

	want := MustParse(`
		r0: Source("127.0.0.1/8", "10.0.0.0/8") -> inlineContent("OK") -> <shunt>;
		r1: Path("/a") -> <shunt>;
		r2: Source("1.2.3.4") && Method("GET") -> "http://x";
		clone_r0: ClientIP("127.0.0.1/8", "10.0.0.0/8") -> inlineContent("OK") -> <shunt>;
		clone_r2: ClientIP("1.2.3.4") && Method("GET") -> "http://x"`)
	if !EqLists(got, want) {
		t.Errorf("Do() got %s, want %s", String(got...), String(want...))
	}
	wantIDs := []string{"r0", "r1", "r2", "clone_r0", "clone_r2"}
	for i, r := range got {
		if i < len(wantIDs) && r.Id != wantIDs[i] {
			t.Errorf("route %d got id %q, want %q", i, r.Id, wantIDs[i])
		}
	}
	for i := range routes {
		if got[i] != routes[i] {
			t.Errorf("original route %d was replaced", i)
		}
	}
	if !reflect.DeepEqual(routes, before) {
		t.Errorf("Do() changed its input: got %s, want %s", String(routes...), String(before...))
	}
}

func TestCloneNothingChanged(t *testing.T) {
	routes := MustParse(`a: Path("/a") -> <shunt>`)
	got := NewClone(regexp.MustCompile(`NoMatch`), `x`).Do(routes)
	if len(got) != 1 || got[0] != routes[0] {
		t.Errorf("Do() got %s, want the input only", String(got...))
	}
}

func TestForwardPreProcessor(t *testing.T) {
	routes := []*Route{
		{Id: "fwd", Path: "/f", Filters: []*Filter{{Name: "f"}}, BackendType: ForwardBackend},
		{Id: "net", Filters: []*Filter{{Name: "g"}}, Backend: "http://y"},
		nil,
		{Id: "shunt", BackendType: ShuntBackend, Shunt: true},
	}
	before := CopyRoutes(routes)

	got := ForwardPreProcessor("http://forward:8080").Do(routes)

	want := []*Route{
		{Id: "fwd", Path: "/f", Backend: "http://forward:8080", BackendType: NetworkBackend},
		routes[1],
		nil,
		routes[3],
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Do() got %s, want %s", String(got...), String(want...))
	}
	for i := 1; i < len(routes); i++ {
		if got[i] != routes[i] {
			t.Errorf("route %d was replaced, want it kept", i)
		}
	}
	if !reflect.DeepEqual(routes, before) {
		t.Errorf("Do() changed its input: got %s, want %s", String(routes...), String(before...))
	}

	same := ForwardPreProcessor("").Do(routes)
	if len(same) != len(routes) || same[0] != routes[0] || same[0].BackendType != ForwardBackend {
		t.Errorf("Do() with an empty url got %s, want the input", String(same...))
	}
}

func TestGenerateIfNeeded(t *testing.T) {
	if got := GenerateIfNeeded("given"); got != "given" {
		t.Errorf("GenerateIfNeeded(given) got %q, want %q", got, "given")
	}
	idRx := regexp.MustCompile(`^route[0-9A-Za-z]{16}$`)
	seen := map[string]bool{}
	for range 100 {
		id := GenerateIfNeeded("")
		if !idRx.MatchString(id) {
			t.Errorf("GenerateIfNeeded() got %q, want %s", id, idRx)
		}
		if seen[id] {
			t.Errorf("GenerateIfNeeded() repeated %q", id)
		}
		seen[id] = true
	}
}
