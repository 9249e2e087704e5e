package routing

import (
	"sort"

	"github.com/openskipper/skipper/eskip"
)

// Validator checks route definitions one at a time with the rules of the
// table build (see the package documentation), without building a table:
// for tools such as `eskip check` that report every invalid route of a
// document. It keeps the predicate specs and the compiled regexps between
// calls. A Validator is not safe for concurrent use.
type Validator struct {
	b *builder
	// held is the last valid route. Its regexps are given back to the
	// cache only after the next route is built, so that consecutive
	// routes with the same Host or other regexps share one compilation.
	held *Route
}

// NewValidator returns a validator with the filter registry, the predicate
// specs and the matching options of o; the other options are ignored.
func NewValidator(o Options) *Validator {
	return &Validator{b: newBuilder(&o)}
}

// Validate checks one route definition as the table build would, in the
// same order and with the same reasons and errors, and returns nil when
// the route is valid. The predicates and filters it creates are dropped;
// filters that hold resources are closed.
//
// When one predicate or filter call is to blame, as for an unknown name,
// bad arguments, a regexp that does not compile or a second Path or
// PathSubtree, the Err of the result is a *CallError that names the call
// and wraps the error the table build gives.
func (v *Validator) Validate(def *eskip.Route) *InvalidRoute {
	r, inv := v.b.build(def)
	if v.held != nil {
		v.b.releaseMatchers(v.held)
		v.held = nil
	}
	if inv == nil {
		closeRouteFilters(r, nil)
		v.held = r
		return nil
	}
	if def == nil {
		return inv
	}
	if c := v.blame(def, inv); c != nil {
		inv.Err = c
	}
	return inv
}

// Validate checks one route definition with the rules of the table build
// and the registries of o. It is NewValidator(o).Validate(def); use a
// Validator to check many routes.
func Validate(def *eskip.Route, o Options) *InvalidRoute {
	return NewValidator(o).Validate(def)
}

// CallError tells which predicate or filter call of a definition made it
// invalid. Its text is that of Err.
type CallError struct {
	// Name is the name of the call, e.g. "Traffic".
	Name string
	// Args are the arguments of the call.
	Args []interface{}
	// Filter is true for a filter, false for a predicate.
	Filter bool
	// Err is the error of the table build. For an unknown name it names
	// the call; for arguments a spec rejects, errors.Unwrap(Err) is the
	// spec's error.
	Err error
}

// Error returns the text of Err.
func (e *CallError) Error() string { return errorText(e.Err) }

// Unwrap returns Err.
func (e *CallError) Unwrap() error { return e.Err }

// release drops a route built only to validate it: its filters closed, its
// references to shared regexps given back.
func (v *Validator) release(r *Route) {
	closeRouteFilters(r, nil)
	v.b.releaseMatchers(r)
}

// blame finds the call that made def invalid with inv. It builds probe
// routes of the calls in the order the build checks them, one more call
// each time, and returns the last call of the first probe that fails with
// the same reason and the same error; nil when no probe does, as for a
// backend that does not split. Probes are built only for invalid routes,
// so their cost does not matter.
func (v *Validator) blame(def *eskip.Route, inv *InvalidRoute) *CallError {
	want := errorText(inv.Err)
	switch inv.Reason {
	case ReasonUnknownFilter, ReasonInvalidFilterParams:
		for i, f := range def.Filters {
			if f == nil {
				return nil
			}
			probe := &eskip.Route{Id: def.Id, Filters: def.Filters[:i+1], BackendType: eskip.ShuntBackend}
			if v.sameFailure(probe, inv.Reason, want) {
				return &CallError{Name: f.Name, Args: f.Args, Filter: true, Err: inv.Err}
			}
		}
	case ReasonUnknownPredicate, ReasonInvalidPredicateParams, ReasonInvalidMatcher, ReasonOther:
		calls := predicateCalls(def)
		for i, p := range calls {
			if p == nil {
				return nil
			}
			probe := &eskip.Route{Id: def.Id, Predicates: calls[:i+1], BackendType: eskip.ShuntBackend}
			if v.sameFailure(probe, inv.Reason, want) {
				return &CallError{Name: p.Name, Args: p.Args, Err: inv.Err}
			}
		}
	}
	return nil
}

// sameFailure builds probe and tells whether it fails with reason and the
// error text want.
func (v *Validator) sameFailure(probe *eskip.Route, reason, want string) bool {
	r, inv := v.b.build(probe)
	if inv == nil {
		v.release(r)
		return false
	}
	return inv.Reason == reason && errorText(inv.Err) == want
}

// predicateCalls returns the predicates of def as calls, in the order the
// build looks at them: the legacy fields first (Path, each Host, each
// PathRegexp, Method, the Header and then the HeaderRegexp predicates by
// header name), then Predicates.
func predicateCalls(def *eskip.Route) []*eskip.Predicate {
	var calls []*eskip.Predicate
	add := func(name string, args ...interface{}) {
		calls = append(calls, &eskip.Predicate{Name: name, Args: args})
	}
	if def.Path != "" {
		add(pathName, def.Path)
	}
	for _, h := range def.HostRegexps {
		add(hostName, h)
	}
	for _, p := range def.PathRegexps {
		add(pathRegexpName, p)
	}
	if def.Method != "" {
		add(methodName, def.Method)
	}
	names := make([]string, 0, len(def.Headers))
	for k := range def.Headers {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		add(headerName, k, def.Headers[k])
	}
	for _, k := range sortedKeys(def.HeaderRegexps) {
		for _, rx := range def.HeaderRegexps[k] {
			add(headerRegexpName, k, rx)
		}
	}
	return append(calls, def.Predicates...)
}
