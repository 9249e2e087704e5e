package routing_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/predicates"
	"github.com/openskipper/skipper/routing"
)

// builtinPredicates returns the built-in predicate specs, closing the
// shutdown watcher when the test ends.
func builtinPredicates(t testing.TB) []routing.PredicateSpec {
	specs := predicates.Builtin()
	t.Cleanup(func() {
		for _, s := range specs {
			if sh, ok := s.(*predicates.ShutdownSpec); ok {
				_ = sh.Close()
			}
		}
	})
	return specs
}

// nopFilter does nothing.
type nopFilter struct{}

func (nopFilter) Request(filters.FilterContext)  {}
func (nopFilter) Response(filters.FilterContext) {}

// nopSpec creates nopFilters under its name; it rejects the argument
// "bad".
type nopSpec string

func (s nopSpec) Name() string { return string(s) }

func (s nopSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	for _, a := range args {
		if a == "bad" {
			return nil, filters.ErrInvalidFilterParameters
		}
	}
	return nopFilter{}, nil
}

// nopRegistry registers a nopSpec under each name.
func nopRegistry(names ...string) filters.Registry {
	r := filters.Registry{}
	for _, n := range names {
		r.Register(nopSpec(n))
	}
	return r
}

func mustParse(t testing.TB, doc string) []*eskip.Route {
	t.Helper()
	routes, err := eskip.Parse(doc)
	if err != nil {
		t.Fatalf("parsing %q: %v", doc, err)
	}
	return routes
}

// build builds a table from an eskip document with the built-in predicates
// and nop filters named f1, f2 and setPath.
func build(t testing.TB, doc string, mo routing.MatchingOptions) (*routing.Table, []routing.InvalidRoute) {
	t.Helper()
	return routing.Build(mustParse(t, doc), routing.Options{
		FilterRegistry:  nopRegistry("f1", "f2", "setPath"),
		Predicates:      builtinPredicates(t),
		MatchingOptions: mo,
	})
}

// newRequest returns a request; header holds name, value pairs.
func newRequest(method, host, path string, header ...string) *http.Request {
	h := http.Header{}
	for i := 0; i+1 < len(header); i += 2 {
		h.Add(header[i], header[i+1])
	}
	return &http.Request{Method: method, Host: host, URL: &url.URL{Path: path}, Header: h}
}

// get returns a GET request for a path, given as on the wire (escaped).
func get(t testing.TB, target string) *http.Request {
	t.Helper()
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatalf("bad target %q: %v", target, err)
	}
	return &http.Request{Method: "GET", Host: "example.org", URL: u, Header: http.Header{}}
}
