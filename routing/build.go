package routing

import (
	"errors"
	"fmt"
	"math"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/internal/slab"
)

// Names of the predicates the routing handles itself; they have no spec.
const (
	pathName         = "Path"
	pathSubtreeName  = "PathSubtree"
	weightName       = "Weight"
	hostName         = "Host"
	pathRegexpName   = "PathRegexp"
	methodName       = "Method"
	headerName       = "Header"
	headerRegexpName = "HeaderRegexp"
)

// builder turns route definitions into routes. It belongs to one
// goroutine.
type builder struct {
	filters  filters.Registry
	preds    map[string]PredicateSpec
	ignoreTS bool
	rx       *rxCache
	// paramLists shares the parameter name lists between routes: there
	// are few distinct ones, and shared ones stay in the CPU caches.
	paramLists map[string][]string
	// mem hands out the routes' filter lists. The updater starts a new one
	// for each batch of changes (see newBatch), so that a route kept long
	// keeps at most the arrays of its own batch alive.
	mem filterMemory
}

// filterMemory holds the RouteFilter values of the routes of one batch and
// their pointer lists, two arrays per hundreds of routes instead of two
// objects per route.
type filterMemory struct {
	filters slab.Slab[RouteFilter]
	ptrs    slab.Slab[*RouteFilter]
}

// newBatch starts the memory of a new batch of routes.
func (b *builder) newBatch() { b.mem = filterMemory{} }

func newBuilder(o *Options) *builder {
	return &builder{
		filters:  o.FilterRegistry,
		preds:    o.predicateSpecs(),
		ignoreTS: o.MatchingOptions.ignoreTrailingSlash(),
		rx:       newRxCache(),

		paramLists: make(map[string][]string),
	}
}

// invalidf returns an invalid route of def with a formatted error.
func invalidf(def *eskip.Route, reason, format string, args ...interface{}) *InvalidRoute {
	return &InvalidRoute{Route: def, Reason: reason, Err: fmt.Errorf(format, args...)}
}

// build validates def in the order of the package documentation and
// builds its route. On failure it returns the invalid route, having
// closed the filters it created.
func (b *builder) build(def *eskip.Route) (*Route, *InvalidRoute) {
	if def == nil {
		return nil, &InvalidRoute{Reason: ReasonOther, Err: errors.New("nil route definition")}
	}
	r := &Route{Route: *def}

	if inv := b.splitBackends(r, def); inv != nil {
		return nil, inv
	}
	if inv := b.createFilters(r, def); inv != nil {
		return nil, inv
	}
	inv := b.mergeLegacy(r, def)
	weight := 0
	if inv == nil {
		weight, inv = b.createPredicates(r, def)
	}
	if inv == nil {
		inv = b.treePredicates(r, def)
	}
	if inv == nil {
		inv = b.compileMatchers(r, def)
	}
	if inv != nil {
		closeRouteFilters(r, nil)
		return nil, inv
	}
	r.priority = clampPriority(int64(weight) + int64(conditionCount(r)))
	return r, nil
}

// splitBackends is step 1: the network backend's or the endpoints'
// scheme and host.
func (b *builder) splitBackends(r *Route, def *eskip.Route) *InvalidRoute {
	switch def.BackendType {
	case eskip.NetworkBackend:
		if def.Backend == "" {
			return nil
		}
		s, h, err := splitBackend(def.Backend)
		if err != nil {
			return &InvalidRoute{Route: def, Reason: ReasonFailedBackendSplit, Err: err}
		}
		r.Scheme, r.Host = s, h
	case eskip.LBBackend:
		if len(def.LBEndpoints) == 0 {
			return nil
		}
		r.LBEndpoints = make([]LBEndpoint, len(def.LBEndpoints))
		for i, ep := range def.LBEndpoints {
			if ep == nil {
				return invalidf(def, ReasonFailedBackendSplit, "load balancer endpoint %d is missing", i+1)
			}
			s, h, err := splitBackend(ep.Address)
			if err != nil {
				return &InvalidRoute{Route: def, Reason: ReasonFailedBackendSplit, Err: err}
			}
			r.LBEndpoints[i] = LBEndpoint{Scheme: s, Host: h, Zone: ep.Zone}
		}
	}
	return nil
}

// createFilters is step 2: every filter looked up and created, in order.
func (b *builder) createFilters(r *Route, def *eskip.Route) *InvalidRoute {
	if len(def.Filters) == 0 {
		return nil
	}
	rfs := b.mem.filters.Take(len(def.Filters))
	r.Filters = b.mem.ptrs.Take(len(def.Filters))[:0]
	for i, f := range def.Filters {
		if f == nil {
			closeRouteFilters(r, nil)
			return invalidf(def, ReasonOther, "filter %d is missing", i+1)
		}
		spec, ok := b.filters[f.Name]
		if !ok || spec == nil {
			closeRouteFilters(r, nil)
			if b.isPredicate(f.Name) {
				return invalidf(def, ReasonUnknownFilter,
					"trying to use %q as filter, but it is only available as predicate: move it before the first \"->\"", f.Name)
			}
			return invalidf(def, ReasonUnknownFilter, "filter %q not found: check its name or register its spec", f.Name)
		}
		fi, err := createFilter(spec, f.Args)
		if err == nil && fi == nil {
			err = errors.New("the spec returned no filter")
		}
		if err != nil {
			closeRouteFilters(r, nil)
			return &InvalidRoute{Route: def, Reason: ReasonInvalidFilterParams,
				Err: fmt.Errorf("failed to create filter %s: %w", f.String(), err)}
		}
		rfs[i] = RouteFilter{Filter: fi, Name: f.Name, Index: i}
		r.Filters = append(r.Filters, &rfs[i])
	}
	return nil
}

// createFilter calls the spec, turning a panic into an error.
func createFilter(spec filters.Spec, args []interface{}) (f filters.Filter, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("filter spec panicked: %v", p)
		}
	}()
	return spec.CreateFilter(args)
}

// createPredicate calls the spec, turning a panic into an error.
func createPredicate(spec PredicateSpec, args []interface{}) (p Predicate, err error) {
	defer func() {
		if e := recover(); e != nil {
			p, err = nil, fmt.Errorf("predicate spec panicked: %v", e)
		}
	}()
	return spec.Create(args)
}

// isPredicate tells whether name is a built-in or registered predicate.
func (b *builder) isPredicate(name string) bool {
	switch name {
	case pathName, pathSubtreeName, weightName, hostName, pathRegexpName, methodName, headerName, headerRegexpName:
		return true
	}
	_, ok := b.preds[name]
	return ok
}

// isLegacy tells whether name is a predicate kept in the legacy fields.
func isLegacy(name string) bool {
	switch name {
	case hostName, pathRegexpName, methodName, headerName, headerRegexpName:
		return true
	}
	return false
}

// mergeLegacy is step 3: Host, PathRegexp, Method, Header and
// HeaderRegexp predicates still in Predicates move to the legacy fields.
// The definition is not changed: the route gets copies.
func (b *builder) mergeLegacy(r *Route, def *eskip.Route) *InvalidRoute {
	n := 0
	for _, p := range def.Predicates {
		if p != nil && isLegacy(p.Name) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	rest := make([]*eskip.Predicate, 0, len(def.Predicates)-n)
	hosts := append([]string(nil), def.HostRegexps...)
	pathRxs := append([]string(nil), def.PathRegexps...)
	headers := make(map[string]string, len(def.Headers))
	for k, v := range def.Headers {
		headers[k] = v
	}
	headerRxs := make(map[string][]string, len(def.HeaderRegexps))
	for k, v := range def.HeaderRegexps {
		headerRxs[k] = append([]string(nil), v...)
	}
	method := def.Method
	for _, p := range def.Predicates {
		if p == nil || !isLegacy(p.Name) {
			rest = append(rest, p)
			continue
		}
		want := 1
		if p.Name == headerName || p.Name == headerRegexpName {
			want = 2
		}
		args, err := stringArgs(p, want)
		if err != nil {
			return &InvalidRoute{Route: def, Reason: ReasonInvalidPredicateParams, Err: err}
		}
		switch p.Name {
		case hostName:
			hosts = append(hosts, args[0])
		case pathRegexpName:
			pathRxs = append(pathRxs, args[0])
		case methodName:
			method = args[0]
		case headerName:
			headers[args[0]] = args[1]
		case headerRegexpName:
			headerRxs[args[0]] = append(headerRxs[args[0]], args[1])
		}
	}
	r.Route.Predicates = rest
	r.Route.HostRegexps = hosts
	r.Route.PathRegexps = pathRxs
	r.Route.Method = method
	r.Route.Headers = headers
	r.Route.HeaderRegexps = headerRxs
	return nil
}

// stringArgs checks that p has want string arguments.
func stringArgs(p *eskip.Predicate, want int) ([]string, error) {
	if len(p.Args) != want {
		return nil, fmt.Errorf("invalid length of predicate args in %s, %d instead of %d", p.Name, len(p.Args), want)
	}
	out := make([]string, want)
	for i, a := range p.Args {
		s, ok := a.(string)
		if !ok {
			return nil, fmt.Errorf("expected argument of type string, %s: argument %d of %s is %v", p.Name, i+1, p.Name, a)
		}
		out[i] = s
	}
	return out, nil
}

// isCustom tells whether a predicate of the route's Predicates becomes an
// instance: everything but the tree predicates and Weight.
func isCustom(name string) bool {
	return name != pathName && name != pathSubtreeName && name != weightName
}

// createPredicates is step 4: Weight summed up, custom predicates created.
// It returns the sum of the weights.
func (b *builder) createPredicates(r *Route, def *eskip.Route) (int, *InvalidRoute) {
	weight := 0
	for _, p := range r.Route.Predicates {
		if p == nil {
			return 0, invalidf(def, ReasonOther, "a predicate of the route is missing")
		}
		switch p.Name {
		case pathName, pathSubtreeName:
			continue
		case weightName:
			w, ok := weightArg(p.Args)
			if !ok {
				return 0, invalidf(def, ReasonInvalidPredicateParams,
					"invalid argument for the Weight predicate: want one number, got %s", p.String())
			}
			weight = int(clampPriority(int64(weight) + int64(w)))
			continue
		}
		spec, ok := b.preds[p.Name]
		if !ok {
			return 0, invalidf(def, ReasonUnknownPredicate, "predicate %q not found: check its name or register its spec", p.Name)
		}
		pi, err := createPredicate(spec, p.Args)
		if err == nil && pi == nil {
			err = errors.New("the spec returned no predicate")
		}
		if err != nil {
			return 0, &InvalidRoute{Route: def, Reason: ReasonInvalidPredicateParams,
				Err: fmt.Errorf("failed to create predicate %s: %w", p.String(), err)}
		}
		if ws, ok := spec.(WeightedPredicateSpec); ok {
			weight = int(clampPriority(int64(weight) + int64(ws.Weight())))
		}
		r.Predicates = append(r.Predicates, pi)
	}
	return weight, nil
}

// clampPriority keeps a priority in the range of int32.
func clampPriority(p int64) int32 {
	switch {
	case p > math.MaxInt32:
		return math.MaxInt32
	case p < math.MinInt32:
		return math.MinInt32
	}
	return int32(p)
}

// weightArg returns the value of Weight's one numeric argument.
func weightArg(args []interface{}) (int, bool) {
	if len(args) != 1 {
		return 0, false
	}
	switch v := args[0].(type) {
	case float64:
		return int(v), true
	case int:
		return v, true
	}
	return 0, false
}
