package routegen_test

import (
	"bytes"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/openskipper/skipper/bench/routegen"
	"github.com/openskipper/skipper/eskip"
)

func TestGenerateIsDeterministic(t *testing.T) {
	base := routegen.Options{N: 500, Seed: 1}
	tests := []struct {
		name  string
		other routegen.Options
		same  bool
	}{
		{"same options", base, true},
		{"zero per-host means the default", routegen.Options{N: 500, Seed: 1, RoutesPerHost: routegen.DefaultRoutesPerHost}, true},
		{"other seed", routegen.Options{N: 500, Seed: 2}, false},
		{"seed zero", routegen.Options{N: 500, Seed: 0}, false},
		{"other per-host", routegen.Options{N: 500, Seed: 1, RoutesPerHost: 3}, false},
	}
	want := routegen.Generate(base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := routegen.Generate(tt.other)
			if (got == want) != tt.same {
				t.Errorf("documents equal: got %v, want %v", got == want, tt.same)
			}
		})
	}
}

// TestGenerateGolden pins the output: every benchmark figure depends on it.
// A change of the generator that breaks this test makes old and new figures
// incomparable; say so where the figures are published.
func TestGenerateGolden(t *testing.T) {
	want := "// pricing/wish_0 wish-0.example.net\n" +
		`kube_pricing__wish_0__queries_0: Host(/^wish-0[.]example[.]net$/) && Path("/api/v3/queries") -> setRequestHeader("X-Team", "pricing") -> clusterRatelimit("wish_0", 220, "1m") -> "http://10.202.82.57:80";` + "\n" +
		`kube_pricing__wish_0__alerts_1: Host(/^wish-0[.]example[.]net$/) && Path("/api/v3/alerts") -> setRequestHeader("X-Team", "pricing") -> "http://10.202.82.110:80";` + "\n" +
		`kube_pricing__wish_0__carts_2: Host(/^wish-0[.]example[.]net$/) && Path("/api/v3/carts/:id/settings/:subId") -> setRequestHeader("X-Team", "pricing") -> "http://10.202.82.82:80";` + "\n"
	if got := routegen.Generate(routegen.Options{N: 3, Seed: 1}); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestGeneratePrefixIsStable(t *testing.T) {
	// A longer document starts with the routes of a shorter one with the
	// same seed, because route i depends only on the seed and i.
	short := routegen.Generate(routegen.Options{N: 37, Seed: 9})
	long := routegen.Generate(routegen.Options{N: 1000, Seed: 9})
	if !strings.HasPrefix(long, short) {
		t.Errorf("the 1000-route document does not start with the 37-route one")
	}
}

func TestWriteEqualsGenerate(t *testing.T) {
	o := routegen.Options{N: 3000, Seed: 5} // more than one 64 KiB flush
	var b bytes.Buffer
	if err := routegen.Write(&b, o); err != nil {
		t.Fatalf("Write: %v", err)
	}
	if got, want := b.String(), routegen.Generate(o); got != want {
		t.Errorf("Write and Generate differ: got %d bytes, want %d", len(got), len(want))
	}
}

type failingWriter struct{ after int }

var errWrite = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after <= 0 {
		return 0, errWrite
	}
	w.after--
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name string
		o    routegen.Options
		w    *failingWriter
		want error
	}{
		{"writer fails at once", routegen.Options{N: 10}, &failingWriter{}, errWrite},
		{"writer fails after one flush", routegen.Options{N: 5000}, &failingWriter{after: 1}, errWrite},
		{"negative count", routegen.Options{N: -1}, &failingWriter{after: 100}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := routegen.Write(tt.w, tt.o)
			if err == nil {
				t.Fatalf("Write: got no error, want one")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Write: got %v, want it to wrap %v", err, tt.want)
			}
		})
	}
	if got := routegen.Generate(routegen.Options{N: -1}); got != "" {
		t.Errorf("Generate with N=-1: got %q, want empty", got)
	}
}

func TestGeneratedDocumentParses(t *testing.T) {
	tests := []struct {
		name string
		o    routegen.Options
	}{
		{"empty", routegen.Options{N: 0}},
		{"one route", routegen.Options{N: 1, Seed: 3}},
		{"partial last app", routegen.Options{N: 13, Seed: 3}},
		{"one route per host", routegen.Options{N: 200, Seed: 4, RoutesPerHost: 1}},
		{"more routes per host than resources", routegen.Options{N: 300, Seed: 4, RoutesPerHost: 150}},
		{"ten thousand", routegen.Options{N: 10000, Seed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := routegen.Generate(tt.o)
			routes, err := eskip.Parse(doc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(routes) != tt.o.N {
				t.Fatalf("got %d routes, want %d", len(routes), tt.o.N)
			}
			ids := make(map[string]bool, len(routes))
			paths := make(map[string]bool)
			hosts := make(map[string]bool)
			for _, r := range routes {
				if ids[r.Id] {
					t.Errorf("duplicate id %q", r.Id)
				}
				ids[r.Id] = true
				if !strings.HasPrefix(r.Id, "kube_") {
					t.Errorf("id %q: want the prefix kube_", r.Id)
				}
				p, _ := routePath(r)
				if p == "" {
					t.Errorf("route %q: no Path or PathSubtree", r.Id)
				}
				paths[p] = true
				for _, h := range r.HostRegexps {
					hosts[h] = true
				}
				if len(r.Filters) < 1 || len(r.Filters) > 3 {
					t.Errorf("route %q: got %d filters, want 1 to 3", r.Id, len(r.Filters))
				}
				if r.BackendType == eskip.NetworkBackend && !strings.HasPrefix(r.Backend, "http://10.") {
					t.Errorf("route %q: got backend %q, want http://10.…", r.Id, r.Backend)
				}
			}
			if tt.o.N >= 10000 {
				if len(paths) < 2000 {
					t.Errorf("got %d distinct paths, want at least 2000", len(paths))
				}
				if len(hosts) < 500 {
					t.Errorf("got %d distinct hosts, want at least 500", len(hosts))
				}
			}
		})
	}
}

func TestGeneratedDocumentHasEveryFeature(t *testing.T) {
	routes, err := eskip.Parse(routegen.Generate(routegen.Options{N: 5000, Seed: 1}))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	seen := make(map[string]int)
	for _, r := range routes {
		seen["backend "+r.BackendType.String()]++
		if len(r.HostRegexps) > 0 {
			seen["Host"]++
		}
		if r.Path != "" {
			seen["Path"]++
		}
		if strings.Contains(r.Path, "/:") {
			seen["Path with :param"]++
		}
		if r.Method != "" {
			seen["Method"]++
		}
		if len(r.Headers) > 0 {
			seen["Header"]++
		}
		for _, p := range r.Predicates {
			seen[p.Name]++
		}
		for _, f := range r.Filters {
			seen["filter "+f.Name]++
		}
	}
	names := []string{
		"backend network", "backend shunt", "backend lb",
		"Host", "Path", "Path with :param", "PathSubtree", "Method", "Header", "Weight", "Traffic",
	}
	for _, f := range routegen.FilterNames() {
		names = append(names, "filter "+f)
	}
	for _, n := range names {
		if seen[n] == 0 {
			t.Errorf("5000 routes: no %s", n)
		}
	}
	for n := range seen {
		name, isFilter := strings.CutPrefix(n, "filter ")
		if isFilter && !slices.Contains(routegen.FilterNames(), name) {
			t.Errorf("filter %q is used but missing from FilterNames", name)
		}
	}
	preds := routegen.PredicateNames()
	for _, n := range []string{"Host", "Path", "PathSubtree", "Method", "Header", "Weight", "Traffic"} {
		if !slices.Contains(preds, n) {
			t.Errorf("PredicateNames %v: missing %q", preds, n)
		}
	}
}

func TestRequestsAreDeterministic(t *testing.T) {
	o := routegen.Options{N: 1000, Seed: 7}
	a, b := routegen.Requests(o, 50), routegen.Requests(o, 50)
	if len(a) != 50 {
		t.Fatalf("got %d requests, want 50", len(a))
	}
	for i := range a {
		if a[i].RouteID != b[i].RouteID || a[i].Path != b[i].Path || a[i].Host != b[i].Host {
			t.Errorf("request %d: got %+v, then %+v", i, a[i], b[i])
		}
	}
	c := routegen.Requests(routegen.Options{N: 1000, Seed: 8}, 50)
	same := 0
	for i := range a {
		if a[i].RouteID == c[i].RouteID {
			same++
		}
	}
	if same == len(a) {
		t.Errorf("seeds 7 and 8 gave the same requests")
	}
	for _, tt := range []struct {
		name string
		o    routegen.Options
		k    int
	}{
		{"no routes", routegen.Options{N: 0}, 5},
		{"no requests", o, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := routegen.Requests(tt.o, tt.k); got != nil {
				t.Errorf("got %d requests, want nil", len(got))
			}
		})
	}
}

// TestRequestsMatchTheirRoute checks, by brute force over the whole
// document, that each request matches its route and that the only other
// routes it matches are PathSubtree("/") routes of the same host, which a
// path tree tries last.
func TestRequestsMatchTheirRoute(t *testing.T) {
	for _, o := range []routegen.Options{
		{N: 1500, Seed: 1},
		{N: 400, Seed: 2, RoutesPerHost: 70},
	} {
		routes, err := eskip.Parse(routegen.Generate(o))
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		matchers := make([]routeMatcher, len(routes))
		byID := make(map[string]int, len(routes))
		for i, r := range routes {
			matchers[i] = newRouteMatcher(t, r)
			byID[r.Id] = i
		}
		for _, req := range routegen.Requests(o, 200) {
			i, ok := byID[req.RouteID]
			if !ok {
				t.Errorf("request %+v: no route with its id", req)
				continue
			}
			if !matchers[i].match(req) {
				t.Errorf("request %+v does not match its route %q", req, eskip.String(routes[i]))
			}
			if matchers[i].traffic {
				t.Errorf("request %+v: its route has a Traffic predicate", req)
			}
			for j, m := range matchers {
				if j == i || !m.match(req) {
					continue
				}
				if !m.rootSubtree {
					t.Errorf("request %+v for %q also matches %q", req, req.RouteID, routes[j].Id)
				}
			}
		}
	}
}

// routePath returns the route's Path or PathSubtree argument and whether it
// is a subtree.
func routePath(r *eskip.Route) (string, bool) {
	if r.Path != "" {
		return r.Path, false
	}
	for _, p := range r.Predicates {
		if p.Name == "PathSubtree" && len(p.Args) == 1 {
			s, _ := p.Args[0].(string)
			return s, true
		}
	}
	return "", false
}

// routeMatcher is a slow, obviously correct matcher for the conditions the
// generator writes.
type routeMatcher struct {
	hosts       []*regexp.Regexp
	path        string
	subtree     bool
	rootSubtree bool
	method      string
	headers     map[string]string
	traffic     bool
}

func newRouteMatcher(t *testing.T, r *eskip.Route) routeMatcher {
	t.Helper()
	m := routeMatcher{method: r.Method, headers: r.Headers}
	m.path, m.subtree = routePath(r)
	m.rootSubtree = m.subtree && m.path == "/"
	for _, h := range r.HostRegexps {
		rx, err := regexp.Compile(h)
		if err != nil {
			t.Fatalf("route %q: host regexp %q: %v", r.Id, h, err)
		}
		m.hosts = append(m.hosts, rx)
	}
	for _, p := range r.Predicates {
		if p.Name == "Traffic" {
			m.traffic = true
		}
	}
	return m
}

func (m routeMatcher) match(req routegen.Request) bool {
	for _, rx := range m.hosts {
		if !rx.MatchString(req.Host) {
			return false
		}
	}
	if m.method != "" && m.method != req.Method {
		return false
	}
	for k, v := range m.headers {
		if req.Header.Get(k) != v {
			return false
		}
	}
	if m.subtree {
		base := strings.TrimSuffix(m.path, "/")
		return req.Path == base || strings.HasPrefix(req.Path, base+"/")
	}
	return matchPattern(m.path, req.Path)
}

// matchPattern matches a path against a Path pattern: ":name" takes one
// non-empty segment, a final "*name" takes one or more characters.
func matchPattern(pattern, path string) bool {
	ps := strings.Split(pattern, "/")
	xs := strings.Split(path, "/")
	for i, p := range ps {
		if strings.HasPrefix(p, "*") {
			return len(xs) > i && strings.Join(xs[i:], "/") != ""
		}
		if i >= len(xs) {
			return false
		}
		if strings.HasPrefix(p, ":") {
			if xs[i] == "" {
				return false
			}
			continue
		}
		if p != xs[i] {
			return false
		}
	}
	return len(xs) == len(ps)
}
