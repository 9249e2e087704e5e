package routing

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openskipper/skipper/routing/pathtree"
)

// condition names a kind of route condition, for Explain.
type condition uint8

const (
	condNone condition = iota
	condMethod
	condHost
	condPathRegexp
	condHeader
	condHeaderRegexp
	condPredicate
)

// check evaluates the conditions of the route that the tree does not, in
// the documented order, and returns the first that fails with its index
// among the conditions of its kind, or condNone. exact is the cleaned
// request path, with its trailing slash. hostKnown tells that the request's
// host equals the route's host index, so that a route with only that Host
// condition needs no host check.
func (r *Route) check(req *http.Request, exact string, hostKnown bool) (condition, int) {
	if m := r.Route.Method; m != "" && req.Method != m {
		return condMethod, 0
	}
	hosts := r.hosts
	if hostKnown && len(hosts) == 1 {
		hosts = nil
	}
	for i := range hosts {
		h := &hosts[i]
		if h.rx == nil {
			if req.Host != h.literal {
				return condHost, i
			}
		} else if !h.rx.MatchString(req.Host) {
			return condHost, i
		}
	}
	if c := r.more; c != nil {
		for i, rx := range c.pathRx {
			if !rx.MatchString(exact) {
				return condPathRegexp, i
			}
		}
		for i, h := range c.headers {
			if !hasValue(req.Header[h.key], h.value) {
				return condHeader, i
			}
		}
		for i, h := range c.headerRx {
			values := req.Header[h.key]
			for _, rx := range h.rxs {
				if !anyMatches(values, rx.MatchString) {
					return condHeaderRegexp, i
				}
			}
		}
	}
	for i, p := range r.Predicates {
		if !p.Match(req) {
			return condPredicate, i
		}
	}
	return condNone, 0
}

// accepts tells whether all conditions checked at the leaf hold.
func (r *Route) accepts(req *http.Request, exact string, hostKnown bool) bool {
	c, _ := r.check(req, exact, hostKnown)
	return c == condNone
}

func hasValue(values []string, v string) bool {
	for _, x := range values {
		if x == v {
			return true
		}
	}
	return false
}

func anyMatches(values []string, match func(string) bool) bool {
	for _, v := range values {
		if match(v) {
			return true
		}
	}
	return false
}

// label names a failed condition for Explain: "Method", "Host ^a$",
// "PathRegexp ^/x", "Header X-Foo", "HeaderRegexp X-Foo" or the name of
// the custom predicate.
func (r *Route) label(c condition, i int) string {
	switch c {
	case condMethod:
		return methodName
	case condHost:
		return hostName + " " + r.Route.HostRegexps[i]
	case condPathRegexp:
		return pathRegexpName + " " + r.Route.PathRegexps[i]
	case condHeader:
		return headerName + " " + r.more.headers[i].key
	case condHeaderRegexp:
		return headerRegexpName + " " + r.more.headerRx[i].key
	case condPredicate:
		n := 0
		for _, p := range r.Route.Predicates {
			if p == nil || !isCustom(p.Name) {
				continue
			}
			if n == i {
				return p.Name
			}
			n++
		}
		return "predicate " + strconv.Itoa(i+1)
	}
	return ""
}

// requestPath returns the path that is looked up in the tree and the
// cleaned path that PathRegexp conditions see.
func requestPath(req *http.Request, ignoreTS bool) (path, exact string) {
	p := "/"
	if req.URL != nil && req.URL.Path != "" {
		p = req.URL.Path
	}
	p = pathtree.CleanPath(p)
	exact = p
	if ignoreTS && len(p) > 1 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return p, exact
}

// search is the state of one tree lookup.
type search struct {
	req      *http.Request
	exact    string
	route    *Route
	params   map[string]string
	captured []string
	// lookup, when set, lends the parameter map (see RouteLookup.Do).
	lookup *RouteLookup
}

// visit is called by the tree for each leaf whose key matches the path,
// in lookup order; it stops the lookup at the first route that accepts.
func (s *search) visit(l *leaf, captured []string) bool {
	r := l.find(s.req, s.exact)
	if r == nil {
		return false
	}
	s.route = r
	if len(r.params) > 0 {
		var m map[string]string
		if s.lookup != nil {
			m = s.lookup.lendParams()
		} else {
			m = make(map[string]string, len(r.params))
		}
		s.params = pathParams(r, captured, m)
	}
	return true
}

// pathParams fills m with the route's parameter names mapped to the
// captured values, unescaped once more, and returns it. A subtree route
// matched at its base gets "/" for the subtree parameter.
func pathParams(r *Route, captured []string, m map[string]string) map[string]string {
	for i, name := range r.params {
		v := "/"
		if i < len(captured) {
			v = unescape(captured[i])
		}
		m[name] = v
	}
	return m
}

// unescape query-unescapes v, keeping v when that fails.
func unescape(v string) string {
	if !strings.ContainsAny(v, "%+") {
		return v
	}
	if u, err := url.QueryUnescape(v); err == nil {
		return u
	}
	return v
}

// Match returns the route for the request and its path parameters, or nil,
// nil when no route matches. See the package documentation for the order
// in which routes are tried.
func (t *Table) Match(req *http.Request) (*Route, map[string]string) {
	return t.match(req, nil)
}

// match is Match; with a lookup, the parameter map is lent by it.
func (t *Table) match(req *http.Request, lookup *RouteLookup) (*Route, map[string]string) {
	if t == nil || req == nil {
		return nil, nil
	}
	path, exact := requestPath(req, t.ignoreTS)
	if t.tree != nil {
		s := t.shared.getSearch()
		s.req, s.exact, s.lookup = req, exact, lookup
		t.tree.Lookup(path, s.captured[:0], s.visit)
		r, params := s.route, s.params
		t.shared.putSearch(s)
		if r != nil {
			return r, params
		}
	}
	if r := t.root.find(req, exact); r != nil {
		return r, nil
	}
	return nil, nil
}

// Explain tells which condition of the route with the given id rejects the
// request: "path" when the route's Path or PathSubtree does not match,
// "Method", "Host <regexp>", "PathRegexp <regexp>", "Header <Name>",
// "HeaderRegexp <Name>" or the name of a custom predicate, checked in
// that order. It returns "" when the route accepts the request (a route of
// higher priority may still win: compare with Match), `route "<id>" is
// invalid: <error>` for an invalid route, and `route "<id>" not found`
// when the table has no route of that id.
func (t *Table) Explain(req *http.Request, id string) string {
	r := t.routeByID(id)
	if r == nil {
		for _, ir := range t.invalid {
			if ir.Route != nil && ir.Route.Id == id {
				return "route " + strconv.Quote(id) + " is invalid: " + ir.Reason + ": " + errorText(ir.Err)
			}
		}
		return "route " + strconv.Quote(id) + " not found"
	}
	if req == nil {
		return "no request"
	}
	path, exact := requestPath(req, t.ignoreTS)
	if r.kind != kindRoot {
		found := false
		if t.tree != nil {
			t.tree.Lookup(path, nil, func(l *leaf, _ []string) bool {
				found = l.contains(r)
				return found
			})
		}
		if !found {
			return "path"
		}
	}
	return r.label(r.check(req, exact, false))
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
