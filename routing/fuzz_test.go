package routing_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/routing"
)

// Any parsed document builds without panicking, and matching or explaining
// any request path does not panic either.
func FuzzBuildAndMatch(f *testing.F) {
	f.Add(conformanceRoutes, "/foo/a/b")
	f.Add(`a: PathSubtree("/s/:id/*rest") && Host(/^a$/) -> f1() -> "http://A:80"`, "/s/1/x")
	f.Add(`a: Path("/a/:b/*c") && Weight(3) && Header("x", "y") -> <roundRobin, "http://a", "http://b">`, "/a/%2F/c")
	f.Add(`a: PathRegexp(/x/) && HeaderRegexp("A", /b/) && Method("GET") -> <loopback>`, "//..//x/")
	preds := builtinPredicates(f)
	f.Fuzz(func(t *testing.T, doc, path string) {
		routes, err := eskip.Parse(doc)
		if err != nil {
			return
		}
		for _, mo := range []routing.MatchingOptions{routing.MatchingOptionsNone, routing.IgnoreTrailingSlash} {
			tab, _ := routing.Build(routes, routing.Options{
				FilterRegistry:  nopRegistry("f1", "f2"),
				Predicates:      preds,
				MatchingOptions: mo,
			})
			req := &http.Request{Method: "GET", Host: "a", URL: &url.URL{Path: path}, Header: http.Header{}}
			tab.Match(req)
			for _, r := range routes {
				tab.Explain(req, r.Id)
			}
		}
	})
}
