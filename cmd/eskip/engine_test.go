package main

import (
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/predicates"
	"github.com/openskipper/skipper/routing"
)

func TestSuggest(t *testing.T) {
	known := newEngine().predicateNames
	tests := []struct {
		name string
		want string
	}{
		{"Metod", "Method"},
		{"method", "Method"},
		{"METHODS", "Methods"},
		{"Cokie", "Cookie"},
		{"Trafic", "Traffic"},
		{"TraficSegment", "TrafficSegment"},
		{"pathsubtree", "PathSubtree"},
		{"Hots", "Host"},
		{"Foo", ""},
		{"CompletelyDifferent", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := suggest(tt.name, known); got != tt.want {
				t.Errorf("suggest(%q): got %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"a", "", 1},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"method", "metod", 1},
		{"ab", "ba", 2},
		{"é", "e", 1},
		{"éé", "é", 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q): got %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q): got %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestCallPositionsAt checks that the positions of a route's calls found
// from the route's own text agree with those found from the document.
func TestCallPositionsAt(t *testing.T) {
	doc := "// é\na: * -> <shunt>;\n  b: Cookie(\"ü\", \"x\") && Traffic(1)\n\t-> f(\"€\") -> <shunt>;\nc: X() -> <shunt>"
	var positions []eskip.Position
	if errs := eskip.ParseEach(doc, func(_ *eskip.Route, pos eskip.Position) { positions = append(positions, pos) }); errs != nil {
		t.Fatal(errs[0])
	}
	for _, pos := range positions {
		got := callPositionsAt(doc, pos)
		want := eskip.CallPositions(doc, pos.Offset)
		if len(got) != len(want) {
			t.Fatalf("route at %v: got %d calls, want %d", pos, len(got), len(want))
		}
		for i := range got {
			if got[i].Pos != want[i].Pos || got[i].Name != want[i].Name {
				t.Errorf("route at %v, call %d: got %s at %+v, want %s at %+v", pos, i, got[i].Name, got[i].Pos, want[i].Name, want[i].Pos)
			}
		}
	}
	if got := callPositionsAt(doc, eskip.Position{Offset: len(doc) + 1}); got != nil {
		t.Errorf("offset past the end: got %v, want nil", got)
	}
}

func TestFindCall(t *testing.T) {
	calls := []eskip.CallPosition{
		{Name: "Path", Args: []interface{}{"/a"}, Pos: eskip.Position{Offset: 1}},
		{Name: "Traffic", Args: []interface{}{0.5}, Pos: eskip.Position{Offset: 2}},
		{Name: "Path", Args: []interface{}{"/a"}, Pos: eskip.Position{Offset: 3}},
		{Name: "Traffic", Args: []interface{}{0.5}, Filter: true, Pos: eskip.Position{Offset: 4}},
	}
	tests := []struct {
		name string
		ce   routing.CallError
		last bool
		want int // offset, 0 for none
	}{
		{"first of two", routing.CallError{Name: "Path", Args: []interface{}{"/a"}}, false, 1},
		{"last of two", routing.CallError{Name: "Path", Args: []interface{}{"/a"}}, true, 3},
		{"predicate, not filter", routing.CallError{Name: "Traffic", Args: []interface{}{0.5}}, false, 2},
		{"filter", routing.CallError{Name: "Traffic", Args: []interface{}{0.5}, Filter: true}, false, 4},
		{"other arguments", routing.CallError{Name: "Traffic", Args: []interface{}{"0.5"}}, false, 0},
		{"more arguments", routing.CallError{Name: "Path", Args: []interface{}{"/a", "/b"}}, false, 0},
		{"unknown", routing.CallError{Name: "Host"}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := findCall(calls, &tt.ce, tt.last)
			got := 0
			if ok {
				got = c.Pos.Offset
			}
			if got != tt.want {
				t.Errorf("got offset %d, want %d", got, tt.want)
			}
		})
	}
}

func TestAnyFilters(t *testing.T) {
	e := newEngine()
	tests := []struct {
		route   string
		mayFail bool
	}{
		{`r: * -> setPath("/") -> status(200) -> <shunt>`, false},
		{`r: * -> setPath("/x") -> <shunt>`, false},
		{`r: * -> Path("/x") -> <shunt>`, true},
		{`r: * -> Traffic(1) -> <shunt>`, true},
		{`r: * -> <shunt>`, false},
	}
	for _, tt := range tests {
		r := eskip.MustParse(tt.route)[0]
		if got := e.filters.accept(r); got != tt.mayFail {
			t.Errorf("%s: got %v, want %v", tt.route, got, tt.mayFail)
		}
	}
	for _, name := range []string{"setPath", "status"} {
		spec, ok := e.filters.registry[name]
		if !ok {
			t.Fatalf("filter %s not registered", name)
		}
		if f, err := spec.CreateFilter([]interface{}{"any", 1.0}); err != nil || f == nil {
			t.Errorf("filter %s: got %v, %v, want a filter", name, f, err)
		}
	}
	for _, name := range []string{"Path", "Traffic"} {
		if _, ok := e.filters.registry[name]; ok {
			t.Errorf("predicate %s is registered as a filter", name)
		}
	}
	tab, invalid := routing.Build(eskip.MustParse(`a: * -> setPath("/") -> status(200) -> <shunt>`), e.options())
	if len(invalid) != 0 || tab.Len() != 1 {
		t.Errorf("got %d routes and invalid %v, want 1 route", tab.Len(), invalid)
	}
}

// TestShutdownWithoutSignalHandler checks that the Shutdown predicate of
// eskip does not react to SIGTERM. The test catches SIGTERM itself, so
// that the signal it sends does not stop it.
func TestShutdownWithoutSignalHandler(t *testing.T) {
	var spec routing.PredicateSpec
	count := 0
	for _, s := range builtinPredicates() {
		if s.Name() == predicates.ShutdownName {
			spec = s
			count++
		}
	}
	if count != 1 {
		t.Fatalf("got %d Shutdown specs, want 1", count)
	}
	p, err := spec.Create(nil)
	if err != nil {
		t.Fatal(err)
	}
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGTERM)
	defer signal.Stop(caught)
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-caught:
	case <-time.After(5 * time.Second):
		t.Fatal("SIGTERM not received")
	}
	req := &http.Request{Header: http.Header{}}
	// Give a signal watcher, if there were one, time to act.
	for i := 0; i < 20; i++ {
		if p.Match(req) {
			t.Fatal("the Shutdown predicate matches after SIGTERM")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
