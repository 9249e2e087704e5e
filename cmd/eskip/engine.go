package main

import (
	"errors"
	"sort"
	"strconv"
	"strings"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/predicates"
	"github.com/openskipper/skipper/routing"
)

// routingPredicates returns the names of the predicates the routing
// handles itself, without a spec. Any() is dropped by the parser, like "*".
func routingPredicates() []string {
	return []string{
		predicates.PathName, predicates.PathSubtreeName, predicates.PathRegexpName, predicates.HostName,
		predicates.MethodName, predicates.HeaderName, predicates.HeaderRegexpName, predicates.WeightName, "Any",
	}
}

// builtinPredicates returns the built-in predicate specs for check, test
// and match. The Shutdown spec is one that only Trigger switches, so eskip
// never installs a signal handler.
func builtinPredicates() []routing.PredicateSpec {
	specs := predicates.Builtin()
	for i, s := range specs {
		if s.Name() == predicates.ShutdownName {
			if c, ok := s.(interface{ Close() error }); ok {
				_ = c.Close()
			}
			specs[i] = predicates.NewShutdown()
		}
	}
	return specs
}

// engine holds what eskip's commands give the routing to build routes: the
// built-in predicates and a filter registry that accepts every filter.
type engine struct {
	preds []routing.PredicateSpec
	// predicateNames are the names of all known predicates, sorted, for
	// suggestions.
	predicateNames []string
	filters        *anyFilters
}

// newEngine returns an engine with the built-in predicates.
func newEngine() *engine {
	preds := builtinPredicates()
	known := map[string]bool{}
	for _, n := range routingPredicates() {
		known[n] = true
	}
	for _, s := range preds {
		known[s.Name()] = true
	}
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	return &engine{
		preds:          preds,
		predicateNames: names,
		filters:        &anyFilters{registry: filters.Registry{}, predicates: known},
	}
}

// options returns the routing options of the engine. Each route must be
// shown to e.filters.accept before it is built.
func (e *engine) options() routing.Options {
	return routing.Options{FilterRegistry: e.filters.registry, Predicates: e.preds}
}

// anyFilters is a filter registry that accepts every filter name, with
// any arguments, as a filter that does nothing. The built-in filters are
// not all written yet, so eskip does not check filter names or arguments;
// it only reports predicate names used as filters, as the routing does.
// The registry is a map, so every name is added before a route that uses
// it is built.
type anyFilters struct {
	registry   filters.Registry
	predicates map[string]bool
}

// accept adds the filter names of r that are not predicate names to the
// registry. It tells whether a filter of r has no no-op spec (a predicate
// name, which the routing rejects, or a missing filter), so that building
// the filters of r may fail.
func (a *anyFilters) accept(r *eskip.Route) bool {
	mayFail := false
	for _, f := range r.Filters {
		if f == nil || a.predicates[f.Name] {
			mayFail = true
			continue
		}
		if _, ok := a.registry[f.Name]; ok {
			continue
		}
		// The name may be a substring of a large document: copy it, so
		// the registry does not keep the document alive.
		a.registry.Register(noopFilterSpec(strings.Clone(f.Name)))
	}
	return mayFail
}

// noopFilterSpec creates noopFilters under its name.
type noopFilterSpec string

// Name returns the filter name.
func (s noopFilterSpec) Name() string { return string(s) }

// CreateFilter accepts any arguments.
func (noopFilterSpec) CreateFilter([]interface{}) (filters.Filter, error) { return noopFilter{}, nil }

// noopFilter does nothing.
type noopFilter struct{}

// Request does nothing.
func (noopFilter) Request(filters.FilterContext) {}

// Response does nothing.
func (noopFilter) Response(filters.FilterContext) {}

// invalidRouteProblem returns the place and the message of an invalid
// route found by the routing: the name of the call to blame when the
// error names one, otherwise the route's start. doc is the document of the
// route and pos the position of its start.
func (e *engine) invalidRouteProblem(doc string, pos eskip.Position, inv *routing.InvalidRoute) (eskip.Position, string) {
	id := ""
	if inv.Route != nil {
		id = inv.Route.Id
	}
	var ce *routing.CallError
	if !errors.As(inv.Err, &ce) {
		return pos, trimID(errText(inv.Err), id)
	}
	at := pos
	if c, ok := findCall(callPositionsAt(doc, pos), ce, inv.Reason == routing.ReasonOther); ok {
		at = c.Pos
	}
	switch inv.Reason {
	case routing.ReasonUnknownPredicate:
		msg := "unknown predicate " + strconv.Quote(ce.Name)
		if s := suggest(ce.Name, e.predicateNames); s != "" {
			msg += " (did you mean " + strconv.Quote(s) + "?)"
		}
		return at, msg
	case routing.ReasonInvalidPredicateParams, routing.ReasonInvalidFilterParams:
		// A spec's error is wrapped by the routing; the rules of the
		// routing itself (Weight, PathSubtree) give their own message.
		if cause := errors.Unwrap(ce.Err); cause != nil {
			return at, "invalid arguments for " + ce.Name + ": " + strings.TrimPrefix(errText(cause), ce.Name+": ")
		}
	}
	return at, trimID(errText(ce.Err), id)
}

// errText returns the text of err, or "" for nil.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// trimID removes the "id: " that some routing errors start with, since the
// messages of eskip name the route already.
func trimID(msg, id string) string {
	return strings.TrimPrefix(msg, id+": ")
}

// callPositionsAt returns the calls of the route that starts at pos in
// doc. It lexes the route alone and shifts the positions, so its cost does
// not depend on where the route is in the document.
func callPositionsAt(doc string, pos eskip.Position) []eskip.CallPosition {
	if pos.Offset < 0 || pos.Offset > len(doc) {
		return nil
	}
	calls := eskip.CallPositions(doc[pos.Offset:], 0)
	for i := range calls {
		p := &calls[i].Pos
		if p.Line == 1 {
			p.Column += pos.Column - 1
		}
		p.Line += pos.Line - 1
		p.Offset += pos.Offset
	}
	return calls
}

// findCall returns the call the error blames: the first with its kind,
// name and arguments, or the last one when last is set (a second Path or
// PathSubtree is blamed on the later one).
func findCall(calls []eskip.CallPosition, ce *routing.CallError, last bool) (eskip.CallPosition, bool) {
	var found eskip.CallPosition
	ok := false
	for _, c := range calls {
		if c.Filter != ce.Filter || c.Name != ce.Name || !sameArgs(c.Args, ce.Args) {
			continue
		}
		found, ok = c, true
		if !last {
			break
		}
	}
	return found, ok
}

// sameArgs tells whether two argument lists hold the same values.
func sameArgs(a, b []interface{}) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// suggest returns the known name closest to name when it is close enough
// to be a typo: the same in lower case, or at most two edits away, ignoring
// case. Ties go to the first name in known order; "" means no suggestion.
func suggest(name string, known []string) string {
	lower := strings.ToLower(name)
	best, bestDist := "", 3
	for _, k := range known {
		kl := strings.ToLower(k)
		if kl == lower {
			return k
		}
		if d := editDistance(lower, kl); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b, counted
// in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
