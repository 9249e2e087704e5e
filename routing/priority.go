package routing

import (
	"slices"
	"strings"
)

// before tells whether a is tried before b among the routes of one leaf:
// higher priority first, then the lower route id.
func before(a, b *Route) bool {
	if a.priority != b.priority {
		return a.priority > b.priority
	}
	return a.Id < b.Id
}

// sortRoutes sorts routes in the order of before.
func sortRoutes(routes []*Route) {
	slices.SortFunc(routes, compareRoutes)
}

// compareRoutes orders routes as before does, for the slices package.
func compareRoutes(a, b *Route) int {
	switch {
	case a.priority > b.priority:
		return -1
	case a.priority < b.priority:
		return 1
	}
	return strings.Compare(a.Id, b.Id)
}

// conditionCount is the part of the priority given by the conditions: 1
// for a Method, one per Host and PathRegexp, one per distinct header name
// of the Header and of the HeaderRegexp conditions, one per custom
// predicate.
func conditionCount(r *Route) int {
	n := 0
	if r.Route.Method != "" {
		n++
	}
	n += len(r.Route.HostRegexps) + len(r.Route.PathRegexps)
	n += len(r.Route.Headers) + len(r.Route.HeaderRegexps)
	n += len(r.Predicates)
	return n
}
