package eskip

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
)

// This file holds the checks that run on a route once it has been parsed:
// the six "legacy" predicates move into their Route fields, and load
// balancer endpoints are validated. Errors point at the offending predicate
// or endpoint.

// applyLegacyPredicates moves Path, Host, PathRegexp, Method, Header and
// HeaderRegexp into r's legacy fields after checking their arguments and
// duplicates, drops "*" and Any(), and leaves every other predicate in
// p.preds, in source order.
func (p *parser) applyLegacyPredicates(r *Route) bool {
	hosts, pathRegexps := 0, 0
	for i := range p.preds {
		switch p.preds[i].name {
		case "Host":
			hosts++
		case "PathRegexp":
			pathRegexps++
		}
	}
	if hosts > 0 {
		r.HostRegexps = p.mem.strs.Take(hosts)[:0]
	}
	if pathRegexps > 0 {
		r.PathRegexps = p.mem.strs.Take(pathRegexps)[:0]
	}
	kept := p.preds[:0]
	seenPath, seenMethod := false, false
	for _, c := range p.preds {
		if c.star {
			continue
		}
		args := p.args[c.a0:c.a1]
		switch c.name {
		case "Path":
			if !p.checkStringArgs(c, args, 1) {
				return false
			}
			if seenPath {
				return p.failAt(c.off, quoteShort(c.name), "", "duplicate Path predicate")
			}
			seenPath = true
			r.Path = args[0].s
		case "Host":
			if !p.checkStringArgs(c, args, 1) {
				return false
			}
			r.HostRegexps = append(r.HostRegexps, args[0].s)
		case "PathRegexp":
			if !p.checkStringArgs(c, args, 1) {
				return false
			}
			r.PathRegexps = append(r.PathRegexps, args[0].s)
		case "Method":
			if !p.checkStringArgs(c, args, 1) {
				return false
			}
			if seenMethod {
				return p.failAt(c.off, quoteShort(c.name), "", "duplicate Method predicate")
			}
			seenMethod = true
			r.Method = args[0].s
		case "Header":
			if !p.checkStringArgs(c, args, 2) {
				return false
			}
			name := args[0].s
			if _, dup := r.Headers[name]; dup {
				return p.failAt(c.off, quoteShort(c.name), "", "duplicate Header predicate "+quoteShort(name))
			}
			if r.Headers == nil {
				r.Headers = make(map[string]string, 1)
			}
			r.Headers[name] = args[1].s
		case "HeaderRegexp":
			if !p.checkStringArgs(c, args, 2) {
				return false
			}
			if r.HeaderRegexps == nil {
				r.HeaderRegexps = make(map[string][]string, 1)
			}
			name := args[0].s
			r.HeaderRegexps[name] = append(r.HeaderRegexps[name], args[1].s)
		case "Any":
			// Matches everything, like "*": nothing to keep.
		default:
			kept = append(kept, c)
		}
	}
	p.preds = kept
	return true
}

// checkStringArgs checks that a legacy predicate has exactly n string
// arguments, e.g. "Path predicate expects 1 string argument, found 1 number".
func (p *parser) checkStringArgs(c call, args []arg, n int) bool {
	ok := len(args) == n
	for _, a := range args {
		if a.num {
			ok = false
		}
	}
	if ok {
		return true
	}
	want := "1 string argument"
	if n != 1 {
		want = strconv.Itoa(n) + " string arguments"
	}
	return p.failAt(c.off, quoteShort(c.name), want,
		c.name+" predicate expects "+want+", found "+describeArgs(args))
}

// describeArgs counts arguments by type: "no arguments", "1 number",
// "2 strings", "1 string and 1 number".
func describeArgs(args []arg) string {
	if len(args) == 0 {
		return "no arguments"
	}
	strs := 0
	for _, a := range args {
		if !a.num {
			strs++
		}
	}
	var parts []string
	if strs > 0 {
		parts = append(parts, plural(strs, "string"))
	}
	if nums := len(args) - strs; nums > 0 {
		parts = append(parts, plural(nums, "number"))
	}
	return strings.Join(parts, " and ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// applyBackend sets the backend fields of r from the parsed backend.
//
// Decision: for <shunt> both Shunt (deprecated) and BackendType are set, so
// code that reads either sees a shunt route.
func (p *parser) applyBackend(r *Route) bool {
	b := p.backend
	r.BackendType = b.typ
	switch b.typ {
	case NetworkBackend:
		r.Backend = b.addr
	case ShuntBackend:
		r.Shunt = true
	case LBBackend:
		r.LBAlgorithm = b.algorithm
		return p.applyEndpoints(r)
	}
	return true
}

// applyEndpoints validates the load balancer endpoints and sets
// r.LBEndpoints. Each endpoint must be an absolute URL that passes
// url.ParseRequestURI, and all must have the same scheme.
//
// Decision on ?zone=: only when the endpoint's query has a "zone" key is it
// taken out: Zone gets its (first) value and Address becomes the endpoint
// as written up to the "?", followed by the remaining query re-encoded with
// url.Values.Encode (sorted by key), or nothing when no key remains.
// Otherwise Address is the endpoint exactly as written. The printer appends
// "?zone=" (or "&zone=" when Address has a "?") and the query-escaped zone,
// so printing and parsing again gives the same endpoint. A query with a
// zone key that Go cannot parse (bad escapes, ";") is an error rather than
// a zone silently lost.
func (p *parser) applyEndpoints(r *Route) bool {
	n := len(p.endpoints)
	eps := p.mem.endpoints.Take(n)
	ptrs := p.mem.epPtrs.Take(n)
	scheme := ""
	for i, e := range p.endpoints {
		eps[i].Address = e.addr
		ptrs[i] = &eps[i]
		s, ok := simpleURLScheme(e.addr)
		var u *url.URL
		if !ok {
			var err error
			u, err = url.ParseRequestURI(e.addr)
			if err != nil {
				var ue *url.Error
				if errors.As(err, &ue) {
					err = ue.Err
				}
				return p.failAt(e.off, "string "+quoteShort(e.addr), "",
					"invalid loadbalancer endpoint "+quoteShort(e.addr)+": "+err.Error())
			}
			s = u.Scheme
		}
		if i == 0 {
			scheme = s
		} else if s != scheme {
			return p.failAt(e.off, "string "+quoteShort(e.addr), "",
				"loadbalancer endpoints cannot have mixed protocols: "+quoteShort(e.addr)+" uses "+
					strconv.Quote(s)+", the first endpoint uses "+strconv.Quote(scheme))
		}
		if u != nil && u.RawQuery != "" {
			q, qerr := url.ParseQuery(u.RawQuery)
			if _, hasZone := q["zone"]; hasZone {
				if qerr != nil {
					return p.failAt(e.off, "string "+quoteShort(e.addr), "",
						"invalid query in loadbalancer endpoint "+quoteShort(e.addr)+": "+qerr.Error())
				}
				eps[i].Zone = q.Get("zone")
				delete(q, "zone")
				addr := e.addr[:strings.IndexByte(e.addr, '?')]
				if len(q) > 0 {
					addr += "?" + q.Encode()
				}
				eps[i].Address = addr
			}
		}
	}
	r.LBEndpoints = ptrs
	return true
}

// simpleURLScheme recognises the common endpoint form
// scheme://host[:port][/path] made of plain characters only, for which
// url.ParseRequestURI is known to succeed, and returns the scheme. It saves
// the URL allocation for most endpoints. Anything else (upper case scheme,
// user info, query, escapes, IPv6 literals, …) reports false and goes
// through url.ParseRequestURI.
func simpleURLScheme(s string) (string, bool) {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || i > 0 && (isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) {
		i++
	}
	if i == 0 || !strings.HasPrefix(s[i:], "://") {
		return "", false
	}
	scheme := s[:i]
	j := i + len("://")
	hostStart := j
	for j < len(s) && (isSymbolChar(s[j]) || s[j] == '.' || s[j] == '-') {
		j++
	}
	if j == hostStart {
		return "", false
	}
	if j < len(s) && s[j] == ':' {
		j++
		portStart := j
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j == portStart {
			return "", false
		}
	}
	if j < len(s) && s[j] != '/' {
		return "", false
	}
	for ; j < len(s); j++ {
		if c := s[j]; !isSymbolChar(c) && c != '/' && c != '.' && c != '-' && c != '~' {
			return "", false
		}
	}
	return scheme, true
}
