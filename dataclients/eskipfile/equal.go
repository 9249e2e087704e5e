package eskipfile

import "github.com/openskipper/skipper/eskip"

// sameRoute tells whether two route definitions are equal field by field.
// It does not canonicalise: a difference it sees where there is none only
// costs an unneeded update of the route.
func sameRoute(a, b *eskip.Route) bool {
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
	if len(a.Headers) != len(b.Headers) || len(a.HeaderRegexps) != len(b.HeaderRegexps) ||
		len(a.Predicates) != len(b.Predicates) || len(a.Filters) != len(b.Filters) ||
		len(a.LBEndpoints) != len(b.LBEndpoints) {
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
	for i, p := range a.Predicates {
		q := b.Predicates[i]
		if p == nil || q == nil {
			if p != q {
				return false
			}
			continue
		}
		if p.Name != q.Name || !sameArgs(p.Args, q.Args) {
			return false
		}
	}
	for i, f := range a.Filters {
		g := b.Filters[i]
		if f == nil || g == nil {
			if f != g {
				return false
			}
			continue
		}
		if f.Name != g.Name || !sameArgs(f.Args, g.Args) {
			return false
		}
	}
	for i, e := range a.LBEndpoints {
		f := b.LBEndpoints[i]
		if e == nil || f == nil {
			if e != f {
				return false
			}
			continue
		}
		if *e != *f {
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

// sameArgs compares arguments of the types the parser produces (float64
// and string). Arguments of other types count as different.
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
			return false
		}
	}
	return true
}
