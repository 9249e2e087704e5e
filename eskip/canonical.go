package eskip

import (
	"cmp"
	"reflect"
	"slices"
)

// Canonical returns the canonical form of a route, the form that the JSON
// encoding uses and that Eq compares:
//
//   - the legacy fields become predicates: Method is prepended to the
//     predicates, then Path, each Host, each PathRegexp, the Header
//     predicates (sorted by header name) and the HeaderRegexp predicates
//     (sorted by header name, then by value: all of them must match, so
//     their order carries no meaning, and the printer sorts them too) are
//     appended; a Path or Method that is "" means none;
//   - all predicates are then sorted by name, keeping the order of
//     predicates with the same name;
//   - the Shunt flag becomes BackendType ShuntBackend (Shunt itself is false
//     in the result);
//   - only the fields of the backend type are kept: Backend for network
//     backends, LBAlgorithm and LBEndpoints for load-balanced ones, and the
//     endpoints are sorted by address (then zone);
//   - nil predicates, filters and endpoints are dropped, and empty slices,
//     Args included, become nil;
//   - Name and Namespace are dropped.
//
// The result is a new route with new slices, predicates, filters and
// endpoints; only the argument values are shared with r. A nil route gives
// nil.
func Canonical(r *Route) *Route {
	if r == nil {
		return nil
	}
	c := &Route{Id: r.Id}

	n := len(r.Predicates) + len(r.HostRegexps) + len(r.PathRegexps) + len(r.Headers) + 2
	for _, v := range r.HeaderRegexps {
		n += len(v)
	}
	ps := make([]*Predicate, 0, n)
	if r.Method != "" {
		ps = append(ps, &Predicate{Name: "Method", Args: []interface{}{r.Method}})
	}
	for _, p := range r.Predicates {
		if p != nil {
			ps = append(ps, &Predicate{Name: p.Name, Args: canonicalArgs(p.Args)})
		}
	}
	if r.Path != "" {
		ps = append(ps, &Predicate{Name: "Path", Args: []interface{}{r.Path}})
	}
	for _, h := range r.HostRegexps {
		ps = append(ps, &Predicate{Name: "Host", Args: []interface{}{h}})
	}
	for _, rx := range r.PathRegexps {
		ps = append(ps, &Predicate{Name: "PathRegexp", Args: []interface{}{rx}})
	}
	for _, name := range sortedKeys(r.Headers) {
		ps = append(ps, &Predicate{Name: "Header", Args: []interface{}{name, r.Headers[name]}})
	}
	for _, name := range sortedKeys(r.HeaderRegexps) {
		for _, v := range sortedStrings(r.HeaderRegexps[name]) {
			ps = append(ps, &Predicate{Name: "HeaderRegexp", Args: []interface{}{name, v}})
		}
	}
	slices.SortStableFunc(ps, func(a, b *Predicate) int { return cmp.Compare(a.Name, b.Name) })
	if len(ps) > 0 {
		c.Predicates = ps
	}

	for _, f := range r.Filters {
		if f != nil {
			c.Filters = append(c.Filters, &Filter{Name: f.Name, Args: canonicalArgs(f.Args)})
		}
	}

	c.BackendType = r.BackendType
	if r.Shunt {
		c.BackendType = ShuntBackend
	}
	switch c.BackendType {
	case NetworkBackend:
		c.Backend = r.Backend
	case LBBackend:
		c.LBAlgorithm = r.LBAlgorithm
		for _, ep := range r.LBEndpoints {
			if ep != nil {
				c.LBEndpoints = append(c.LBEndpoints, &LBEndpoint{Address: ep.Address, Zone: ep.Zone})
			}
		}
		slices.SortStableFunc(c.LBEndpoints, func(a, b *LBEndpoint) int {
			return cmp.Or(cmp.Compare(a.Address, b.Address), cmp.Compare(a.Zone, b.Zone))
		})
	}
	return c
}

// CanonicalList returns the canonical form of each route, in the same order.
// An empty list gives nil.
func CanonicalList(routes []*Route) []*Route {
	if len(routes) == 0 {
		return nil
	}
	c := make([]*Route, len(routes))
	for i, r := range routes {
		c[i] = Canonical(r)
	}
	return c
}

// Eq tells whether all the routes are equal in their canonical form (see
// Canonical): the same id, the same predicates in canonical order, the same
// filters in order, and the same backend. A route with a legacy Path field
// thus equals one with a Path predicate, and Shunt equals
// BackendType ShuntBackend. Name and Namespace are ignored.
//
// Arguments compare by value: numbers of any Go numeric type are equal when
// their float64 values are equal (so int 3 equals float64 3, as both print
// as 3), NaN equals NaN, strings compare as strings, and other values with
// reflect.DeepEqual. Two nil routes are equal; a nil route differs from any
// other. Fewer than two routes are trivially equal.
func Eq(r ...*Route) bool {
	for i := 1; i < len(r); i++ {
		if !eqRoutes(r[i-1], r[i]) {
			return false
		}
	}
	return true
}

// EqLists tells whether two lists hold equal routes (see Eq), regardless of
// their order: both lists are sorted by Id before comparing, and routes that
// share an Id are compared in the order they have in their lists.
func EqLists(a, b []*Route) bool {
	if len(a) != len(b) {
		return false
	}
	sa, sb := sortedByID(a), sortedByID(b)
	for i := range sa {
		if !eqRoutes(sa[i], sb[i]) {
			return false
		}
	}
	return true
}

func sortedByID(routes []*Route) []*Route {
	s := slices.Clone(routes)
	slices.SortStableFunc(s, func(x, y *Route) int {
		switch {
		case x == nil && y == nil:
			return 0
		case x == nil:
			return -1
		case y == nil:
			return 1
		}
		return cmp.Compare(x.Id, y.Id)
	})
	return s
}

func eqRoutes(a, b *Route) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a == b {
		return true
	}
	ca, cb := Canonical(a), Canonical(b)
	if ca.Id != cb.Id ||
		ca.BackendType != cb.BackendType ||
		ca.Backend != cb.Backend ||
		ca.LBAlgorithm != cb.LBAlgorithm ||
		len(ca.Predicates) != len(cb.Predicates) ||
		len(ca.Filters) != len(cb.Filters) ||
		len(ca.LBEndpoints) != len(cb.LBEndpoints) {
		return false
	}
	for i, p := range ca.Predicates {
		if p.Name != cb.Predicates[i].Name || !eqArgs(p.Args, cb.Predicates[i].Args) {
			return false
		}
	}
	for i, f := range ca.Filters {
		if f.Name != cb.Filters[i].Name || !eqArgs(f.Args, cb.Filters[i].Args) {
			return false
		}
	}
	for i, ep := range ca.LBEndpoints {
		if *ep != *cb.LBEndpoints[i] {
			return false
		}
	}
	return true
}

func eqArgs(a, b []interface{}) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !eqArg(a[i], b[i]) {
			return false
		}
	}
	return true
}

func eqArg(a, b interface{}) bool {
	if fa, ok := NumberArg(a); ok {
		fb, ok := NumberArg(b)
		return ok && (fa == fb || (fa != fa && fb != fb))
	}
	if sa, ok := a.(string); ok {
		sb, ok := b.(string)
		return ok && sa == sb
	}
	return reflect.DeepEqual(a, b)
}

// NumberArg returns the value of a numeric predicate or filter argument as
// a float64: float64 as parsed, or any Go integer or float type that code
// may put into Args. It returns false for other values.
func NumberArg(a interface{}) (float64, bool) {
	switch v := a.(type) {
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	}
	return 0, false
}

// canonicalArgs returns a copy of the arguments, or nil when there are none.
func canonicalArgs(a []interface{}) []interface{} {
	if len(a) == 0 {
		return nil
	}
	return slices.Clone(a)
}

// sortedStrings returns a sorted copy of s.
func sortedStrings(s []string) []string {
	if len(s) < 2 {
		return s
	}
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func sortedKeys[V any](m map[string]V) []string {
	if len(m) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
