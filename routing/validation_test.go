package routing_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing"
)

func TestValidation(t *testing.T) {
	for _, tt := range []struct {
		name   string
		route  string
		reason string
		msg    string
	}{
		{"relative backend", `r: * -> "relative/path"`, routing.ReasonFailedBackendSplit, `failed to parse backend address "relative/path"`},
		{"backend without host", `r: * -> "http://"`, routing.ReasonFailedBackendSplit, "missing host"},
		{"backend without scheme", `r: * -> "//host/"`, routing.ReasonFailedBackendSplit, "missing scheme"},
		{"endpoint without host", `r: * -> <roundRobin, "http://a", "http://">`, routing.ReasonFailedBackendSplit, `"http://": missing host`},
		{"backend split comes first", `r: Foo() -> nofilter() -> "relative"`, routing.ReasonFailedBackendSplit, "relative"},
		{"unknown filter", `r: * -> nofilter() -> <shunt>`, routing.ReasonUnknownFilter, `filter "nofilter" not found`},
		{"built-in predicate as filter", `r: * -> Path("/x") -> <shunt>`, routing.ReasonUnknownFilter,
			`trying to use "Path" as filter, but it is only available as predicate`},
		{"registered predicate as filter", `r: * -> Cookie("a", "b") -> <shunt>`, routing.ReasonUnknownFilter,
			`trying to use "Cookie" as filter, but it is only available as predicate`},
		{"filter parameters", `r: * -> f1("bad") -> <shunt>`, routing.ReasonInvalidFilterParams,
			`failed to create filter f1("bad"): invalid filter parameters`},
		{"filters come before predicates", `r: Foo() -> nofilter() -> <shunt>`, routing.ReasonUnknownFilter, "nofilter"},
		{"unknown predicate", `r: Foo() -> <shunt>`, routing.ReasonUnknownPredicate, `predicate "Foo" not found`},
		{"predicate parameters", `r: Cookie() -> <shunt>`, routing.ReasonInvalidPredicateParams, "failed to create predicate Cookie()"},
		{"weight parameters", `r: Weight("x") -> <shunt>`, routing.ReasonInvalidPredicateParams, "invalid argument for the Weight predicate"},
		{"two weights arguments", `r: Weight(1, 2) -> <shunt>`, routing.ReasonInvalidPredicateParams, "invalid argument for the Weight predicate"},
		{"predicates before tree predicates", `r: Path("/a") && PathSubtree("/b") && Foo() -> <shunt>`, routing.ReasonUnknownPredicate, "Foo"},
		{"multiple tree predicates", `r: Path("/a") && PathSubtree("/b") -> <shunt>`, routing.ReasonOther,
			"multiple tree predicates (Path, PathSubtree) in the route: r"},
		{"two subtrees", `r: PathSubtree("/a") && PathSubtree("/b") -> <shunt>`, routing.ReasonOther, "multiple tree predicates"},
		{"subtree argument", `r: PathSubtree(3) -> <shunt>`, routing.ReasonInvalidPredicateParams, "invalid predicate parameters"},
		{"host regexp", `r: Host("(") -> <shunt>`, routing.ReasonInvalidMatcher, "r: Host regexp \"(\": error parsing regexp"},
		{"path regexp", `r: PathRegexp("[") -> <shunt>`, routing.ReasonInvalidMatcher, "r: PathRegexp regexp"},
		{"header regexp", `r: HeaderRegexp("X", "(") -> <shunt>`, routing.ReasonInvalidMatcher, "r: HeaderRegexp regexp"},
		{"wildcard not last", `r: Path("/a/*x/b") -> <shunt>`, routing.ReasonInvalidMatcher, "r: Path(\"/a/*x/b\"): path pattern \"/a/*x/b\": free wildcard param should be last"},
		{"wildcard in a segment", `r: Path("/a:b") -> <shunt>`, routing.ReasonInvalidMatcher, "* or : in middle of path component a:b"},
		{"wildcard in a subtree segment", `r: PathSubtree("/a*b/c") -> <shunt>`, routing.ReasonInvalidMatcher, "r: PathSubtree"},
		{"wildcard before a subtree", `r: PathSubtree("/a/*x/*y") -> <shunt>`, routing.ReasonInvalidMatcher, "r: PathSubtree"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			log := &routing.TestLog{}
			doc := tt.route + `; ok: Path("/ok") -> f1() -> <shunt>`
			tab, invalid := routing.Build(mustParse(t, doc), routing.Options{
				FilterRegistry: nopRegistry("f1"),
				Predicates:     builtinPredicates(t),
				Log:            log,
			})
			if len(invalid) != 1 {
				t.Fatalf("got %d invalid routes, want 1: %v", len(invalid), invalid)
			}
			got := invalid[0]
			if got.Route == nil || got.Route.Id != "r" {
				t.Fatalf("got invalid route %v, want r", got.Route)
			}
			if got.Reason != tt.reason {
				t.Errorf("got reason %q, want %q (%v)", got.Reason, tt.reason, got.Err)
			}
			if got.Err == nil || !strings.Contains(got.Err.Error(), tt.msg) {
				t.Errorf("got error %v, want it to contain %q", got.Err, tt.msg)
			}
			if n := log.Count("failed to process route r: " + tt.reason); n != 1 {
				t.Errorf("got %d log lines for the invalid route, want 1:\n%s", n, log)
			}
			if r, _ := tab.Match(get(t, "/ok")); r == nil || r.Id != "ok" {
				t.Errorf("the valid route did not load: got %v", r)
			}
			if tab.Len() != 1 {
				t.Errorf("got %d valid routes, want 1", tab.Len())
			}
		})
	}
}

// Definitions made in code may have the legacy predicates in Predicates.
func TestLegacyPredicatesInPredicates(t *testing.T) {
	def := &eskip.Route{
		Id:      "r",
		Method:  "PUT",
		Headers: map[string]string{"X-A": "1"},
		Predicates: []*eskip.Predicate{
			{Name: "Host", Args: []interface{}{"^h$"}},
			{Name: "Method", Args: []interface{}{"GET"}},
			{Name: "Header", Args: []interface{}{"X-A", "2"}},
			{Name: "HeaderRegexp", Args: []interface{}{"X-B", "^b"}},
			{Name: "PathRegexp", Args: []interface{}{"^/p"}},
			{Name: "Path", Args: []interface{}{"/p"}},
		},
		BackendType: eskip.ShuntBackend,
	}
	tab, invalid := routing.Build([]*eskip.Route{def}, routing.Options{})
	if len(invalid) != 0 {
		t.Fatalf("invalid: %v", invalid)
	}
	r, _ := tab.Match(newRequest("GET", "h", "/p", "X-A", "2", "X-B", "bb"))
	if r == nil {
		t.Fatal("no match")
	}
	if r.Method != "GET" || r.Headers["X-A"] != "2" || len(r.HostRegexps) != 1 || len(r.PathRegexps) != 1 ||
		len(r.HeaderRegexps["X-B"]) != 1 {
		t.Errorf("legacy fields not filled: %+v", r.Route)
	}
	if len(r.Route.Predicates) != 1 || r.Route.Predicates[0].Name != "Path" {
		t.Errorf("got predicates %v, want only Path left", r.Route.Predicates)
	}
	if def.Method != "PUT" || len(def.Predicates) != 6 || def.Headers["X-A"] != "1" {
		t.Errorf("the definition was changed: %+v", def)
	}
	if got, want := r.Priority(), 5; got != want {
		t.Errorf("got priority %d, want %d", got, want)
	}

	for _, tt := range []struct {
		name string
		pred *eskip.Predicate
		msg  string
	}{
		{"arity", &eskip.Predicate{Name: "Header", Args: []interface{}{"X"}}, "invalid length of predicate args in Header, 1 instead of 2"},
		{"type", &eskip.Predicate{Name: "Host", Args: []interface{}{3.0}}, "expected argument of type string, Host"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			def := &eskip.Route{Id: "r", Predicates: []*eskip.Predicate{tt.pred}, BackendType: eskip.ShuntBackend}
			_, invalid := routing.Build([]*eskip.Route{def}, routing.Options{})
			if len(invalid) != 1 {
				t.Fatalf("got %d invalid routes, want 1", len(invalid))
			}
			if invalid[0].Reason != routing.ReasonInvalidPredicateParams || !strings.Contains(invalid[0].Err.Error(), tt.msg) {
				t.Errorf("got %s, want %s with %q", invalid[0], routing.ReasonInvalidPredicateParams, tt.msg)
			}
		})
	}
}

func TestBackendSplit(t *testing.T) {
	for _, tt := range []struct {
		backend      string
		scheme, host string
	}{
		{`"HTTP://Example.ORG"`, "http", "example.org:80"},
		{`"https://example.org/path"`, "https", "example.org:443"},
		{`"h2c://example.org"`, "h2c", "example.org:80"},
		{`"http://example.org:8080"`, "http", "example.org:8080"},
		{`"http://[::1]"`, "http", "[::1]:80"},
		{`"ftp://example.org"`, "ftp", "example.org"},
		{`""`, "", ""},
		{`<shunt>`, "", ""},
	} {
		t.Run(tt.backend, func(t *testing.T) {
			tab, invalid := routing.Build(mustParse(t, `r: * -> `+tt.backend), routing.Options{})
			if len(invalid) != 0 {
				t.Fatalf("invalid: %v", invalid)
			}
			r, _ := tab.Match(get(t, "/"))
			if r.Scheme != tt.scheme || r.Host != tt.host {
				t.Errorf("got %q %q, want %q %q", r.Scheme, r.Host, tt.scheme, tt.host)
			}
		})
	}

	tab, _ := routing.Build(mustParse(t, `r: * -> <roundRobin, "http://A:8080", "HTTP://b?zone=z1">`), routing.Options{})
	r, _ := tab.Match(get(t, "/"))
	want := []routing.LBEndpoint{{Scheme: "http", Host: "a:8080"}, {Scheme: "http", Host: "b:80", Zone: "z1"}}
	if fmt.Sprint(r.LBEndpoints) != fmt.Sprint(want) {
		t.Errorf("got endpoints %v, want %v", r.LBEndpoints, want)
	}
}

func TestFilterInstances(t *testing.T) {
	tab, _ := routing.Build(mustParse(t, `r: * -> f1() -> f2("x") -> <shunt>`), routing.Options{FilterRegistry: nopRegistry("f1", "f2")})
	r, _ := tab.Match(get(t, "/"))
	if len(r.Filters) != 2 {
		t.Fatalf("got %d filters, want 2", len(r.Filters))
	}
	for i, name := range []string{"f1", "f2"} {
		if f := r.Filters[i]; f.Name != name || f.Index != i || f.Filter == nil {
			t.Errorf("filter %d: got %+v, want %s at %d", i, f, name, i)
		}
	}
}
