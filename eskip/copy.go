package eskip

// Copy returns a deep copy of the route; see (*Route).Copy.
func Copy(r *Route) *Route {
	return r.Copy()
}

// CopyRoutes returns a new slice with a deep copy of each route, in the same
// order. Nil routes stay nil, and a nil slice gives nil.
func CopyRoutes(routes []*Route) []*Route {
	if routes == nil {
		return nil
	}
	c := make([]*Route, len(routes))
	for i, r := range routes {
		c[i] = r.Copy()
	}
	return c
}

// Copy returns a deep copy of the route: every slice and map, and every
// Predicate, Filter and LBEndpoint, is new, so changing the copy never
// changes r. Argument values themselves are copied as interface values
// (numbers and strings are immutable). Nil slices and maps stay nil and
// empty ones stay empty, so the copy is reflect.DeepEqual to r. A nil route
// gives nil.
func (r *Route) Copy() *Route {
	if r == nil {
		return nil
	}
	c := *r
	c.HostRegexps = copyStrings(r.HostRegexps)
	c.PathRegexps = copyStrings(r.PathRegexps)
	if r.Headers != nil {
		c.Headers = make(map[string]string, len(r.Headers))
		for k, v := range r.Headers {
			c.Headers[k] = v
		}
	}
	if r.HeaderRegexps != nil {
		c.HeaderRegexps = make(map[string][]string, len(r.HeaderRegexps))
		for k, v := range r.HeaderRegexps {
			c.HeaderRegexps[k] = copyStrings(v)
		}
	}
	if r.Predicates != nil {
		c.Predicates = make([]*Predicate, len(r.Predicates))
		for i, p := range r.Predicates {
			c.Predicates[i] = p.Copy()
		}
	}
	if r.Filters != nil {
		c.Filters = make([]*Filter, len(r.Filters))
		for i, f := range r.Filters {
			c.Filters[i] = f.Copy()
		}
	}
	if r.LBEndpoints != nil {
		c.LBEndpoints = make([]*LBEndpoint, len(r.LBEndpoints))
		for i, ep := range r.LBEndpoints {
			c.LBEndpoints[i] = ep.Copy()
		}
	}
	return &c
}

// Copy returns a new predicate with the same name and a new argument slice
// holding the same values. Nil Args stay nil. A nil predicate gives nil.
func (p *Predicate) Copy() *Predicate {
	if p == nil {
		return nil
	}
	return &Predicate{Name: p.Name, Args: copyArgs(p.Args)}
}

// Copy returns a new filter with the same name and a new argument slice
// holding the same values. Nil Args stay nil. A nil filter gives nil.
func (f *Filter) Copy() *Filter {
	if f == nil {
		return nil
	}
	return &Filter{Name: f.Name, Args: copyArgs(f.Args)}
}

// Copy returns a new endpoint with the same address and zone. A nil
// endpoint gives nil.
func (ep *LBEndpoint) Copy() *LBEndpoint {
	if ep == nil {
		return nil
	}
	c := *ep
	return &c
}

func copyStrings(s []string) []string {
	if s == nil {
		return nil
	}
	c := make([]string, len(s))
	copy(c, s)
	return c
}

func copyArgs(a []interface{}) []interface{} {
	if a == nil {
		return nil
	}
	c := make([]interface{}, len(a))
	copy(c, a)
	return c
}
