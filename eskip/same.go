package eskip

import "reflect"

// SameDefinition tells whether two definitions are equal field by field,
// for data clients and the routing engine deciding whether a route changed.
// Unlike Eq it does not canonicalise (a Path predicate differs from the Path
// field) and it does not allocate; a difference it sees where Eq sees none
// only costs an unneeded rebuild of the route.
func SameDefinition(a, b *Route) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	if a.Id != b.Id || a.Path != b.Path || a.Method != b.Method ||
		a.Shunt != b.Shunt || a.BackendType != b.BackendType || a.Backend != b.Backend ||
		a.LBAlgorithm != b.LBAlgorithm || a.Name != b.Name || a.Namespace != b.Namespace {
		return false
	}
	if !sameStrings(a.HostRegexps, b.HostRegexps) || !sameStrings(a.PathRegexps, b.PathRegexps) {
		return false
	}
	if len(a.Headers) != len(b.Headers) || len(a.HeaderRegexps) != len(b.HeaderRegexps) {
		return false
	}
	for k, v := range a.Headers {
		if w, ok := b.Headers[k]; !ok || w != v {
			return false
		}
	}
	for k, v := range a.HeaderRegexps {
		if w, ok := b.HeaderRegexps[k]; !ok || !sameStrings(v, w) {
			return false
		}
	}
	if len(a.Predicates) != len(b.Predicates) || len(a.Filters) != len(b.Filters) ||
		len(a.LBEndpoints) != len(b.LBEndpoints) {
		return false
	}
	for i, p := range a.Predicates {
		q := b.Predicates[i]
		if (p == nil) != (q == nil) || p != nil && (p.Name != q.Name || !sameArgs(p.Args, q.Args)) {
			return false
		}
	}
	for i, f := range a.Filters {
		g := b.Filters[i]
		if (f == nil) != (g == nil) || f != nil && (f.Name != g.Name || !sameArgs(f.Args, g.Args)) {
			return false
		}
	}
	for i, e := range a.LBEndpoints {
		f := b.LBEndpoints[i]
		if (e == nil) != (f == nil) || e != nil && *e != *f {
			return false
		}
	}
	return true
}

func sameStrings(a, b []string) bool {
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

// sameArgs compares arguments by type and value, without panicking on
// values that are not comparable.
func sameArgs(a, b []interface{}) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		switch x := a[i].(type) {
		case string:
			if y, ok := b[i].(string); !ok || x != y {
				return false
			}
		case float64:
			if y, ok := b[i].(float64); !ok || x != y {
				return false
			}
		default:
			if !reflect.DeepEqual(a[i], b[i]) {
				return false
			}
		}
	}
	return true
}
