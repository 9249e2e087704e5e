package routing_test

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/predicates"
	"github.com/openskipper/skipper/routing"
)

// closingFilter counts its Close calls.
type closingFilter struct{ closed *atomic.Int32 }

func (closingFilter) Request(filters.FilterContext)  {}
func (closingFilter) Response(filters.FilterContext) {}
func (f closingFilter) Close() error {
	f.closed.Add(1)
	return nil
}

// closingSpec creates closingFilters named "closing" and counts them.
type closingSpec struct{ created, closed *atomic.Int32 }

func (closingSpec) Name() string { return "closing" }
func (s closingSpec) CreateFilter([]interface{}) (filters.Filter, error) {
	s.created.Add(1)
	return closingFilter{closed: s.closed}, nil
}

func TestValidate(t *testing.T) {
	for _, tt := range []struct {
		name   string
		route  string
		reason string
		// call is the blamed call, as "P Name(args)" or "F name(args)";
		// empty when no call is to blame.
		call string
	}{
		{name: "valid", route: `r: Host(/^a$/) && PathSubtree("/x") && Traffic(0.5) && Weight(2) -> f1() -> <shunt>`},
		{name: "valid without predicates", route: `r: * -> "http://example.org"`},
		{name: "valid shutdown", route: `r: Shutdown() -> <shunt>`},
		{name: "backend", route: `r: Foo() -> "relative"`, reason: routing.ReasonFailedBackendSplit},
		{name: "unknown filter", route: `r: * -> f1() -> nope(1) -> f2() -> <shunt>`, reason: routing.ReasonUnknownFilter, call: `F nope(1)`},
		{name: "predicate as filter", route: `r: * -> f1() -> Traffic(1) -> <shunt>`, reason: routing.ReasonUnknownFilter, call: `F Traffic(1)`},
		{name: "filter arguments", route: `r: * -> f1("ok") -> f2("bad") -> <shunt>`, reason: routing.ReasonInvalidFilterParams, call: `F f2("bad")`},
		{name: "same filter twice", route: `r: * -> f1("bad") -> f1("bad") -> <shunt>`, reason: routing.ReasonInvalidFilterParams, call: `F f1("bad")`},
		{name: "unknown predicate", route: `r: Path("/a") && True() && Metod("GET") -> <shunt>`, reason: routing.ReasonUnknownPredicate, call: `P Metod("GET")`},
		{name: "predicate arguments", route: `r: Traffic(0.5) && Traffic(2) -> <shunt>`, reason: routing.ReasonInvalidPredicateParams, call: `P Traffic(2)`},
		{name: "weight", route: `r: Weight(1) && Weight("x") -> <shunt>`, reason: routing.ReasonInvalidPredicateParams, call: `P Weight("x")`},
		{name: "subtree argument", route: `r: PathSubtree(3) -> <shunt>`, reason: routing.ReasonInvalidPredicateParams, call: `P PathSubtree(3)`},
		{name: "path and subtree", route: `r: Path("/a") && PathSubtree("/b") -> <shunt>`, reason: routing.ReasonOther, call: `P PathSubtree("/b")`},
		{name: "two subtrees", route: `r: PathSubtree("/a") && True() && PathSubtree("/a") -> <shunt>`, reason: routing.ReasonOther, call: `P PathSubtree("/a")`},
		{name: "path pattern", route: `r: Path("/a:b") -> <shunt>`, reason: routing.ReasonInvalidMatcher, call: `P Path("/a:b")`},
		{name: "host regexp", route: `r: Host(/^ok$/) && Host("(") -> <shunt>`, reason: routing.ReasonInvalidMatcher, call: `P Host("(")`},
		{name: "path regexp", route: `r: PathRegexp("^/") && PathRegexp("[") -> <shunt>`, reason: routing.ReasonInvalidMatcher, call: `P PathRegexp("[")`},
		{name: "header regexp", route: `r: HeaderRegexp("A", "a") && HeaderRegexp("B", "(") -> <shunt>`, reason: routing.ReasonInvalidMatcher, call: `P HeaderRegexp("B", "(")`},
		// The build reports the first failure in its order: custom
		// predicates before the tree predicates and the regexps.
		{name: "first failure wins", route: `r: Host("(") && PathSubtree(3) && Traffic(2) -> <shunt>`, reason: routing.ReasonInvalidPredicateParams, call: `P Traffic(2)`},
		{name: "filters before predicates", route: `r: Nope() -> nope() -> <shunt>`, reason: routing.ReasonUnknownFilter, call: `F nope()`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defs := mustParse(t, tt.route)
			o := routing.Options{FilterRegistry: nopRegistry("f1", "f2"), Predicates: builtinPredicates(t)}
			before := eskip.String(defs...)
			inv := routing.Validate(defs[0], o)
			if eskip.String(defs...) != before {
				t.Errorf("the definition was changed: got %s, want %s", eskip.String(defs...), before)
			}
			_, built := routing.Build(defs, o)
			if tt.reason == "" {
				if inv != nil {
					t.Fatalf("got %v, want a valid route", inv)
				}
				if len(built) != 0 {
					t.Fatalf("Build rejects the route: %v", built)
				}
				return
			}
			if inv == nil {
				t.Fatalf("got a valid route, want %s", tt.reason)
			}
			if inv.Route != defs[0] {
				t.Errorf("got route %p, want the definition %p", inv.Route, defs[0])
			}
			if len(built) != 1 {
				t.Fatalf("Build gives %d invalid routes, want 1", len(built))
			}
			if inv.Reason != tt.reason || built[0].Reason != tt.reason {
				t.Errorf("got reason %q (Build: %q), want %q", inv.Reason, built[0].Reason, tt.reason)
			}
			if got, want := inv.Err.Error(), built[0].Err.Error(); got != want {
				t.Errorf("got error %q, want the error of Build %q", got, want)
			}
			var ce *routing.CallError
			got := ""
			if errors.As(inv.Err, &ce) {
				kind := "P "
				if ce.Filter {
					kind = "F "
				}
				if ce.Filter {
					got = kind + (&eskip.Filter{Name: ce.Name, Args: ce.Args}).String()
				} else {
					got = kind + (&eskip.Predicate{Name: ce.Name, Args: ce.Args}).String()
				}
			}
			if got != tt.call {
				t.Errorf("got blamed call %q, want %q", got, tt.call)
			}
		})
	}
}

func TestValidateSpecError(t *testing.T) {
	defs := mustParse(t, `r: Traffic(2) -> <shunt>`)
	inv := routing.Validate(defs[0], routing.Options{Predicates: []routing.PredicateSpec{predicates.NewTraffic()}})
	if inv == nil {
		t.Fatal("got a valid route")
	}
	var ce *routing.CallError
	if !errors.As(inv.Err, &ce) {
		t.Fatalf("got %T, want a *CallError", inv.Err)
	}
	spec := errors.Unwrap(ce.Err)
	if spec == nil || !errors.Is(spec, predicates.ErrInvalidPredicateParameters) {
		t.Errorf("got cause %v, want the spec's error", spec)
	}
	if want := "failed to create predicate Traffic(2): " + spec.Error(); inv.Err.Error() != want {
		t.Errorf("got %q, want %q", inv.Err.Error(), want)
	}
}

func TestValidateNil(t *testing.T) {
	inv := routing.Validate(nil, routing.Options{})
	if inv == nil || inv.Reason != routing.ReasonOther {
		t.Errorf("got %v, want reason %s", inv, routing.ReasonOther)
	}
}

// Definitions made in code may hold the legacy predicates in Predicates.
func TestValidateLegacyInPredicates(t *testing.T) {
	def := &eskip.Route{
		Id:   "r",
		Path: "/a",
		Predicates: []*eskip.Predicate{
			{Name: "Host", Args: []interface{}{"^ok$"}},
			{Name: "Header", Args: []interface{}{"X"}},
		},
		BackendType: eskip.ShuntBackend,
	}
	inv := routing.Validate(def, routing.Options{})
	var ce *routing.CallError
	if inv == nil || inv.Reason != routing.ReasonInvalidPredicateParams || !errors.As(inv.Err, &ce) || ce.Name != "Header" {
		t.Fatalf("got %v, want Header blamed for %s", inv, routing.ReasonInvalidPredicateParams)
	}

	def.Predicates = []*eskip.Predicate{{Name: "Path", Args: []interface{}{"/b"}}}
	inv = routing.Validate(def, routing.Options{})
	if inv == nil || !errors.As(inv.Err, &ce) || fmt.Sprint(ce.Name, ce.Args) != "Path[/b]" {
		t.Fatalf("got %v, want the second Path blamed", inv)
	}
}

func TestValidatorClosesFilters(t *testing.T) {
	var created, closed atomic.Int32
	reg := filters.Registry{}
	reg.Register(closingSpec{created: &created, closed: &closed})
	reg.Register(nopSpec("f1"))
	v := routing.NewValidator(routing.Options{FilterRegistry: reg, Predicates: builtinPredicates(t)})
	for i, tt := range []struct {
		route string
		valid bool
	}{
		{`r: * -> closing() -> closing() -> <shunt>`, true},
		{`r: Host(/^a$/) -> closing() -> f1("bad") -> <shunt>`, false},
		{`r: Nope() -> closing() -> <shunt>`, false},
		{`r: Host("(") -> closing() -> <shunt>`, false},
		{`r: Host(/^a$/) -> closing() -> <shunt>`, true},
	} {
		inv := v.Validate(mustParse(t, tt.route)[0])
		if (inv == nil) != tt.valid {
			t.Errorf("route %d: got %v, want valid %v", i, inv, tt.valid)
		}
		if created.Load() == 0 || created.Load() != closed.Load() {
			t.Errorf("route %d: %d filters created, %d closed", i, created.Load(), closed.Load())
		}
	}
}

// A validator keeps working when routes share regexps, and after invalid
// ones.
func TestValidatorReuse(t *testing.T) {
	v := routing.NewValidator(routing.Options{Predicates: builtinPredicates(t)})
	for i := 0; i < 3; i++ {
		for _, tt := range []struct {
			route string
			valid bool
		}{
			{`r: Host(/^a$/) && PathRegexp("^/x") && HeaderRegexp("A", "b+") -> <shunt>`, true},
			{`r: Host(/^a$/) && PathRegexp("^/x") && HeaderRegexp("A", "(") -> <shunt>`, false},
			{`r: Host(/^a$/) && Host("a.*") && PathRegexp("^/x") -> <shunt>`, true},
			{`r: Path("/u/:id") -> <shunt>`, true},
			{`r: Path("/u/:id") && Traffic(7) -> <shunt>`, false},
		} {
			if inv := v.Validate(mustParse(t, tt.route)[0]); (inv == nil) != tt.valid {
				t.Errorf("round %d, %s: got %v, want valid %v", i, tt.route, inv, tt.valid)
			}
		}
	}
}

func BenchmarkValidator(b *testing.B) {
	defs := mustParse(b, `a: Host(/^api-1[.]example[.]org$/) && Path("/api/v1/orders/:id") -> f1() -> f2("x") -> "http://10.0.0.1:80";
b: PathSubtree("/shop") && Traffic(0.5) && Weight(2) -> f1() -> "http://10.0.0.2:80";
c: Path("/c") && Method("GET") && Header("Accept", "application/json") -> <shunt>`)
	v := routing.NewValidator(routing.Options{FilterRegistry: nopRegistry("f1", "f2"), Predicates: builtinPredicates(b)})
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range defs {
			if inv := v.Validate(d); inv != nil {
				b.Fatal(inv)
			}
		}
	}
}
