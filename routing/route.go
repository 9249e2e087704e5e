package routing

import (
	"regexp"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
)

// Route is a route of a routing table: its definition, with the predicates
// Host, PathRegexp, Method, Header and HeaderRegexp moved into the legacy
// fields, and the live predicate and filter instances built from it.
//
// A Route is shared by every table generation that contains it, and by the
// requests those tables serve: treat it as read-only once published.
type Route struct {
	// Route is the definition the route was built from.
	eskip.Route

	// Scheme is the lower-cased scheme of a network backend, e.g. "https".
	Scheme string
	// Host is the lower-cased host of a network backend, with the default
	// port of the scheme added when it had none, e.g. "example.org:443".
	Host string

	// Predicates are the instances of the custom predicates of the route,
	// in definition order. Path, PathSubtree, Weight and the legacy
	// predicates have no instance.
	Predicates []Predicate

	// Filters are the filter instances of the route, in definition order.
	Filters []*RouteFilter

	// LBEndpoints are the endpoints of a load-balanced backend, in
	// definition order.
	LBEndpoints []LBEndpoint

	// priority orders the routes of one leaf (§2.5 of the spec).
	priority int32
	// kind tells how the route is placed in the path tree.
	kind routeKind
	// key is the tree key of the Path, or of the base of the PathSubtree,
	// e.g. "/users/:*"; empty for root routes.
	key string
	// params are the names of the path parameters in tree order; for a
	// PathSubtree the subtree parameter is last.
	params []string
	// hosts are the Host conditions, in definition order.
	hosts []hostMatcher
	// more holds the rarer conditions, nil when the route has none.
	more *conditions
}

// routeKind tells how a route is placed in the path tree.
type routeKind uint8

const (
	// kindRoot routes have no Path or PathSubtree: they are tried only when
	// nothing in the tree matched.
	kindRoot routeKind = iota
	// kindPath routes have a Path: one leaf at key.
	kindPath
	// kindSubtree routes have a PathSubtree: leaves at key, key/ (unless
	// trailing slashes are ignored) and key/**.
	kindSubtree
)

// hostMatcher is one Host condition: an exact comparison when rx is nil,
// otherwise an unanchored regexp search.
type hostMatcher struct {
	literal string
	rx      *regexp.Regexp
}

// conditions are the PathRegexp, Header and HeaderRegexp conditions of a
// route.
type conditions struct {
	pathRx   []*regexp.Regexp
	headers  []headerValue
	headerRx []headerRegexps
}

// headerValue requires some value of the header key to equal value.
type headerValue struct {
	key   string // canonical
	value string
}

// headerRegexps requires each regexp to match some value of the header key.
type headerRegexps struct {
	key string // canonical
	rxs []*regexp.Regexp
}

// RouteFilter is a filter instance of a route.
type RouteFilter struct {
	filters.Filter
	// Name is the name of the filter in the route definition.
	Name string
	// Index is the position of the filter in the route definition.
	Index int
}

// LBEndpoint is an endpoint of a load-balanced backend.
type LBEndpoint struct {
	// Scheme is the endpoint's lower-cased scheme, e.g. "http".
	Scheme string
	// Host is the endpoint's lower-cased host with the default port added
	// when it had none, e.g. "10.2.0.1:80".
	Host string
	// Zone is the endpoint's zone, if the definition gave one.
	Zone string
}

// Priority returns the route's priority among the routes of the same
// path: the sum of its weights and the number of its conditions (see the
// package documentation).
func (r *Route) Priority() int {
	return int(r.priority)
}

// hostIndex returns the host a leaf may index the route by: the literal of
// its first Host regexp of the form ^literal$, or "".
func (r *Route) hostIndex() string {
	for i := range r.hosts {
		if r.hosts[i].rx == nil {
			return r.hosts[i].literal
		}
	}
	return ""
}

// closers returns the filter instances of the route that hold resources.
func (r *Route) closers() []filters.FilterCloser {
	var out []filters.FilterCloser
	for _, f := range r.Filters {
		if f == nil {
			continue
		}
		if c, ok := f.Filter.(filters.FilterCloser); ok {
			out = append(out, c)
		}
	}
	return out
}

// Reasons of invalid routes, as InvalidRoute.Reason and in logs. They are
// the labels of the original's invalid route metric.
const (
	ReasonUnknownFilter          = "unknown_filter"
	ReasonInvalidFilterParams    = "invalid_filter_params"
	ReasonUnknownPredicate       = "unknown_predicate"
	ReasonInvalidPredicateParams = "invalid_predicate_params"
	ReasonFailedBackendSplit     = "failed_backend_split"
	ReasonInvalidMatcher         = "invalid_matcher"
	ReasonOther                  = "other"
)

// InvalidRoute is a route definition that could not be built, with the
// reason.
type InvalidRoute struct {
	// Route is the definition as received (after the pre-processors).
	Route *eskip.Route
	// Reason is one of the Reason constants, e.g. "unknown_filter".
	Reason string
	// Err says what is wrong and what to fix.
	Err error
}

// String returns "<id>: <reason>: <error>".
func (ir InvalidRoute) String() string {
	id := ""
	if ir.Route != nil {
		id = ir.Route.Id
	}
	return id + ": " + ir.Reason + ": " + errorText(ir.Err)
}
