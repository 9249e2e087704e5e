package eskip

import (
	"math/rand/v2"
	"regexp"
)

// DefaultFilters is a route pre-processor that adds filters to every route:
// Prepend before the route's own filters and Append after them.
type DefaultFilters struct {
	// Prepend are the filters put before each route's filters.
	Prepend []*Filter
	// Append are the filters put after each route's filters.
	Append []*Filter
}

// Do returns the routes with the default filters added. Each returned route
// is a new Route (a shallow copy of the input route with a new Filters
// slice) and gets its own copies of the default filters, so no *Filter is
// shared between routes; the route's own filters are kept as they are. The
// input routes are not changed. Nil routes stay nil. Without default
// filters, the input slice is returned as it is.
func (df *DefaultFilters) Do(routes []*Route) []*Route {
	if df == nil || (len(df.Prepend) == 0 && len(df.Append) == 0) {
		return routes
	}
	out := make([]*Route, len(routes))
	for i, r := range routes {
		if r == nil {
			continue
		}
		nr := *r
		filters := make([]*Filter, 0, len(df.Prepend)+len(r.Filters)+len(df.Append))
		for _, f := range df.Prepend {
			if f != nil {
				filters = append(filters, f.Copy())
			}
		}
		filters = append(filters, r.Filters...)
		for _, f := range df.Append {
			if f != nil {
				filters = append(filters, f.Copy())
			}
		}
		if len(filters) > 0 {
			nr.Filters = filters
		}
		out[i] = &nr
	}
	return out
}

// Editor is a route pre-processor that rewrites the predicates and filters
// of routes with a regular expression. See NewEditor.
type Editor struct {
	rx   *regexp.Regexp
	repl string
}

// NewEditor returns a pre-processor that rewrites routes in place. For each
// predicate and filter of a route's canonical form (see Canonical; so Path,
// Host, Method and the other legacy predicates take part), it replaces the
// matches of rx in the call's string form `Name("arg", 1)` with repl, as
// regexp.ReplaceAllString does, and parses the result back. The result may
// hold any number of calls: `A() && B()` (predicates) or `a() -> b()`
// (filters) replace one call with several, and an empty result removes it.
// A result that does not parse leaves that call unchanged.
//
// For example, rx `Source[(](.*)[)]` with repl `ClientIP($1)` turns
//
//	r0: Source("127.0.0.1/8") -> inlineContent("OK") -> <shunt>
//
// into
//
//	r0: ClientIP("127.0.0.1/8") -> inlineContent("OK") -> <shunt>
//
// A route that changes is replaced by the edited canonical form, with the
// same Id; the others are returned as they are. A nil rx edits nothing.
func NewEditor(rx *regexp.Regexp, repl string) *Editor {
	return &Editor{rx: rx, repl: repl}
}

// Do returns a new slice with the edited routes in place of the originals.
// The input routes are not changed.
func (e *Editor) Do(routes []*Route) []*Route {
	if e == nil || e.rx == nil {
		return routes
	}
	out := make([]*Route, len(routes))
	for i, r := range routes {
		out[i] = r
		if edited, ok := editRoute(e.rx, e.repl, r); ok {
			out[i] = edited
		}
	}
	return out
}

// Clone is a route pre-processor that adds edited copies of routes. See
// NewClone.
type Clone struct {
	rx   *regexp.Regexp
	repl string
}

// NewClone returns a pre-processor that edits a copy of each route the same
// way as NewEditor, and, when the copy changed, adds it to the routes with
// the id "clone_<id>". The original routes stay unchanged and come first,
// in their order, followed by the clones in the same order. A nil rx clones
// nothing.
//
// For example, rx `Source[(](.*)[)]` with repl `ClientIP($1)` keeps
//
//	r0: Source("127.0.0.1/8") -> <shunt>
//
// and adds
//
//	clone_r0: ClientIP("127.0.0.1/8") -> <shunt>
func NewClone(rx *regexp.Regexp, repl string) *Clone {
	return &Clone{rx: rx, repl: repl}
}

// Do returns a new slice with the routes followed by the changed clones.
func (c *Clone) Do(routes []*Route) []*Route {
	if c == nil || c.rx == nil {
		return routes
	}
	out := make([]*Route, len(routes), 2*len(routes))
	copy(out, routes)
	for _, r := range routes {
		if edited, ok := editRoute(c.rx, c.repl, r); ok {
			edited.Id = "clone_" + edited.Id
			out = append(out, edited)
		}
	}
	return out
}

// editRoute edits the canonical form of r and reports whether anything
// changed.
func editRoute(rx *regexp.Regexp, repl string, r *Route) (*Route, bool) {
	if r == nil {
		return nil, false
	}
	c := Canonical(r)
	changed := false

	var predicates []*Predicate
	for _, p := range c.Predicates {
		s := p.String()
		edited := rx.ReplaceAllString(s, repl)
		if edited == s {
			predicates = append(predicates, p)
			continue
		}
		ps, err := ParsePredicates(edited)
		if err != nil {
			predicates = append(predicates, p)
			continue
		}
		predicates = append(predicates, ps...)
		changed = true
	}

	var filters []*Filter
	for _, f := range c.Filters {
		s := f.String()
		edited := rx.ReplaceAllString(s, repl)
		if edited == s {
			filters = append(filters, f)
			continue
		}
		fs, err := ParseFilters(edited)
		if err != nil {
			filters = append(filters, f)
			continue
		}
		filters = append(filters, fs...)
		changed = true
	}

	if !changed {
		return nil, false
	}
	c.Predicates = predicates
	c.Filters = filters
	return c, true
}

// ForwardRewriter is the route pre-processor returned by
// ForwardPreProcessor.
type ForwardRewriter struct {
	url string
}

// ForwardPreProcessor returns a pre-processor for the forward backend: every
// route with BackendType ForwardBackend becomes a route with a network
// backend to url, and its filters are dropped, as the original does (a
// forwarded request goes out unchanged). The changed routes are new Route
// values; the input routes are not changed. With an empty url the routes
// are returned as they are, and <forward> routes stay forward routes.
func ForwardPreProcessor(url string) *ForwardRewriter {
	return &ForwardRewriter{url: url}
}

// Do returns a new slice with the forward routes rewritten.
func (f *ForwardRewriter) Do(routes []*Route) []*Route {
	if f == nil || f.url == "" {
		return routes
	}
	out := make([]*Route, len(routes))
	for i, r := range routes {
		out[i] = r
		if r == nil || r.BackendType != ForwardBackend || r.Shunt {
			continue
		}
		nr := *r
		nr.BackendType = NetworkBackend
		nr.Backend = f.url
		nr.Filters = nil
		nr.LBAlgorithm = ""
		nr.LBEndpoints = nil
		out[i] = &nr
	}
	return out
}

// generatedIDAlphabet holds the characters of generated route ids.
const generatedIDAlphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// GenerateIfNeeded returns id when it is not empty, and otherwise a new
// random route id: "route" followed by 16 random letters and digits. The ids
// are not cryptographically strong and may, rarely, repeat.
func GenerateIfNeeded(id string) string {
	if id != "" {
		return id
	}
	b := make([]byte, 0, len("route")+16)
	b = append(b, "route"...)
	for range 16 {
		b = append(b, generatedIDAlphabet[rand.IntN(len(generatedIDAlphabet))])
	}
	return string(b)
}
