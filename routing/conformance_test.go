package routing_test

import (
	"reflect"
	"testing"

	"github.com/openskipper/skipper/routing"
)

// The routes of the routing conformance table of the spec (§2.6).
const conformanceRoutes = `
a: Path("/foo") -> <shunt>;
b: Path("/foo/") -> <shunt>;
c: Path("/foo/*rest") -> <shunt>;
d: PathSubtree("/bar") -> <shunt>;
e: Path("/x/:id/y") -> <shunt>;
f: * -> <shunt>;
`

type matchCase struct {
	name   string
	routes string
	mo     routing.MatchingOptions
	method string
	target string
	want   string // route id, "" for no match
	params map[string]string
}

func runMatchCases(t *testing.T, cases []matchCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			tab, invalid := build(t, tt.routes, tt.mo)
			if len(invalid) != 0 {
				t.Fatalf("invalid routes: %v", invalid)
			}
			req := get(t, tt.target)
			if tt.method != "" {
				req.Method = tt.method
			}
			r, params := tab.Match(req)
			got := ""
			if r != nil {
				got = r.Id
			}
			if got != tt.want {
				t.Fatalf("%s %s: got route %q, want %q", req.Method, tt.target, got, tt.want)
			}
			if len(params) == 0 && len(tt.params) == 0 {
				return
			}
			if !reflect.DeepEqual(params, tt.params) {
				t.Errorf("%s: got params %v, want %v", tt.target, params, tt.params)
			}
		})
	}
}

func TestConformanceTable(t *testing.T) {
	row := func(target, want string, params map[string]string) matchCase {
		return matchCase{name: target, routes: conformanceRoutes, target: target, want: want, params: params}
	}
	runMatchCases(t, []matchCase{
		row("/foo", "a", nil),
		row("/foo/", "b", nil),
		row("/foo/a/b", "c", map[string]string{"rest": "/a/b"}),
		row("/foo//a", "c", map[string]string{"rest": "/a"}),
		row("/bar", "d", map[string]string{"*": "/"}),
		row("/bar/", "d", map[string]string{"*": "/"}),
		row("/bar/x/y", "d", map[string]string{"*": "/x/y"}),
		row("/barx", "f", nil),
		row("/x/1/y", "e", map[string]string{"id": "1"}),
		row("/x/a+b/y", "e", map[string]string{"id": "a b"}),
		row("/x//y", "f", nil),
		row("/x/a%2Fb/y", "f", nil),
		row("/foo/../bar", "d", map[string]string{"*": "/"}),
	})
}

func TestConformanceMoreCases(t *testing.T) {
	withoutB := `
a: Path("/foo") -> <shunt>;
c: Path("/foo/*rest") -> <shunt>;
d: PathSubtree("/bar") -> <shunt>;
f: * -> <shunt>;`
	its := routing.IgnoreTrailingSlash
	runMatchCases(t, []matchCase{
		{name: "without b, /foo/ goes to f", routes: withoutB, target: "/foo/", want: "f"},
		{name: "ignore trailing slash: /foo/ goes to a", routes: withoutB, mo: its, target: "/foo/", want: "a"},
		{name: "ignore trailing slash: /bar/ goes to d", routes: withoutB, mo: its, target: "/bar/", want: "d",
			params: map[string]string{"*": "/"}},
		{name: "ignore trailing slash: /bar/x/ goes to d", routes: withoutB, mo: its, target: "/bar/x/", want: "d",
			params: map[string]string{"*": "/x"}}, // one trailing slash is trimmed before the lookup
		{name: `ignore trailing slash: Path("/e/") matches /e`, routes: `e: Path("/e/") -> <shunt>`, mo: its,
			target: "/e", want: "e"},
		{name: `ignore trailing slash: Path("/e/") matches /e/`, routes: `e: Path("/e/") -> <shunt>`, mo: its,
			target: "/e/", want: "e"},
		{name: `ignore trailing slash: / stays /`, routes: `r: Path("/") -> <shunt>`, mo: its, target: "/", want: "r"},
		{name: `Path("/e/") does not match /e`, routes: `e: Path("/e/") -> <shunt>`, target: "/e", want: ""},
		{name: `Path("/:id") matches /x`, routes: `p: Path("/:id") -> <shunt>`, target: "/x", want: "p",
			params: map[string]string{"id": "x"}},
		{name: `Path("/:id") does not match /x/`, routes: `p: Path("/:id") -> <shunt>`, target: "/x/", want: ""},
		{name: `Path("/a/:id/") matches /a/b/`, routes: `p: Path("/a/:id/") -> <shunt>`, target: "/a/b/", want: "p",
			params: map[string]string{"id": "b"}},
		{name: `Path("/a/:id/") does not match /a/b`, routes: `p: Path("/a/:id/") -> <shunt>`, target: "/a/b", want: ""},
		{name: "backtracking from a rejected static leaf", routes: `w: Path("/u/:id") -> <shunt>; s: Path("/u/me") && False() -> <shunt>`,
			target: "/u/me", want: "w", params: map[string]string{"id": "me"}},
		{name: "root leaf when the tree leaf rejects", routes: `r1: Path("/a") && False() -> <shunt>; root: Method("GET") -> <shunt>`,
			target: "/a", want: "root"},
		{name: "tree beats root whatever the weights", routes: `sub: PathSubtree("/") -> <shunt>; m: Method("POST") && Weight(10) -> <shunt>`,
			method: "POST", target: "/x", want: "sub", params: map[string]string{"*": "/x"}},
		{name: `PathSubtree("/") matches /`, routes: `sub: PathSubtree("/") -> <shunt>`, target: "/", want: "sub",
			params: map[string]string{"*": "/"}},
		{name: "named subtree parameter", routes: `s: PathSubtree("/s/*tail") -> <shunt>`, target: "/s/a/b", want: "s",
			params: map[string]string{"tail": "/a/b"}},
		{name: "subtree with a parameter", routes: `s: PathSubtree("/s/:id") -> <shunt>`, target: "/s/1/x", want: "s",
			params: map[string]string{"id": "1", "*": "/x"}},
		{name: "subtree with a parameter, exact", routes: `s: PathSubtree("/s/:id") -> <shunt>`, target: "/s/1", want: "s",
			params: map[string]string{"id": "1", "*": "/"}},
		{name: "subtree does not match a longer segment", routes: `s: PathSubtree("/foo") -> <shunt>`, target: "/foox", want: ""},
		{name: "free wildcard needs a rest", routes: `c: Path("/foo/*rest") -> <shunt>`, target: "/foo/", want: ""},
		{name: "parameters are unescaped again", routes: `p: Path("/foo/:x") -> <shunt>`, target: "/foo/a%2520b", want: "p",
			params: map[string]string{"x": "a b"}},
		{name: "a bad escape keeps the raw value", routes: `p: Path("/foo/:x") -> <shunt>`, target: "/foo/a%25zz", want: "p",
			params: map[string]string{"x": "a%zz"}},
		{name: "deeper path: the parameter beats the subtree", routes: `p: Path("/foo/:id") -> <shunt>; s: PathSubtree("/foo") && Weight(5) -> <shunt>`,
			target: "/foo/x", want: "p", params: map[string]string{"id": "x"}},
		{name: "deeper path with a slash: the subtree wins", routes: `p: Path("/foo/:id") -> <shunt>; s: PathSubtree("/foo") -> <shunt>`,
			target: "/foo/x/", want: "s", params: map[string]string{"*": "/x/"}},
		{name: "relative route path", routes: `p: Path("foo//bar") -> <shunt>`, target: "/foo/bar", want: "p"},
		{name: `Path("") is a root route`, routes: `p: Path("") -> <shunt>`, target: "/anything", want: "p"},
	})
}

func TestIgnoreTrailingSlashKeepsTheExactPath(t *testing.T) {
	runMatchCases(t, []matchCase{
		{name: "PathRegexp sees the trailing slash", routes: `r: Path("/a") && PathRegexp("/$") -> <shunt>`,
			mo: routing.IgnoreTrailingSlash, target: "/a/", want: "r"},
		{name: "PathRegexp without the slash", routes: `r: Path("/a") && PathRegexp("/$") -> <shunt>`,
			mo: routing.IgnoreTrailingSlash, target: "/a", want: ""},
		{name: "the cleaned path", routes: `r: PathRegexp("^/a/b$") -> <shunt>`, target: "/a/./x/../b", want: "r"},
	})
}
