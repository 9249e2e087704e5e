package predicates

import (
	"net/http"
	"net/netip"
	"strings"

	"github.com/openskipper/skipper/routing"
)

// sourceKind says where a source predicate takes the client address from.
type sourceKind int

const (
	// sourceFirst: the first X-Forwarded-For element, else RemoteAddr.
	sourceFirst sourceKind = iota
	// sourceLast: the last X-Forwarded-For element, else RemoteAddr.
	sourceLast
	// sourceRemote: RemoteAddr only.
	sourceRemote
)

type sourceSpec struct {
	kind sourceKind
}

type sourcePredicate struct {
	kind sourceKind
	set  *prefixSet
}

// NewSource returns the spec of Source("1.2.3.4", "10.0.0.0/8", …): it
// matches when the client address is in one of the given addresses or
// prefixes. The client address is the first element of the first
// X-Forwarded-For header, port stripped; when that is missing or not an
// address, the host of RemoteAddr.
//
// X-Forwarded-For is set by clients as they please: do not use Source
// alone to protect anything.
func NewSource() routing.PredicateSpec { return sourceSpec{kind: sourceFirst} }

// NewSourceFromLast returns the spec of SourceFromLast(…): like Source, but
// the client address is the last element of the last X-Forwarded-For
// header, as appended by a load balancer in front of skipper (for example
// AWS ALB).
func NewSourceFromLast() routing.PredicateSpec { return sourceSpec{kind: sourceLast} }

// NewClientIP returns the spec of ClientIP(…): like Source, but the client
// address is always the host of RemoteAddr, the peer of the connection.
func NewClientIP() routing.PredicateSpec { return sourceSpec{kind: sourceRemote} }

// Name returns "Source", "SourceFromLast" or "ClientIP".
func (s sourceSpec) Name() string {
	switch s.kind {
	case sourceLast:
		return SourceFromLastName
	case sourceRemote:
		return ClientIPName
	default:
		return SourceName
	}
}

// Create takes one or more IPv4 or IPv6 addresses and CIDR prefixes. A bare
// unspecified address (0.0.0.0 or ::) is rejected.
func (s sourceSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(s.Name(), list)
	if err := a.atLeast(1); err != nil {
		return nil, err
	}
	prefixes := make([]netip.Prefix, len(list))
	for i := range list {
		str, err := a.str(i)
		if err != nil {
			return nil, err
		}
		if prefixes[i], err = parseIPOrPrefix(str); err != nil {
			return nil, a.argWrap(i, err)
		}
	}
	return &sourcePredicate{kind: s.kind, set: newPrefixSet(prefixes)}, nil
}

func (p *sourcePredicate) Match(r *http.Request) bool {
	return p.set.contains(clientAddr(r, p.kind))
}

// clientAddr returns the client address of r as kind defines it; the zero
// Addr when there is none.
func clientAddr(r *http.Request, kind sourceKind) netip.Addr {
	switch kind {
	case sourceFirst:
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			first, _, _ := strings.Cut(xff, ",")
			if a, ok := parseHostAddr(first); ok {
				return a
			}
		}
	case sourceLast:
		if values := r.Header.Values("X-Forwarded-For"); len(values) > 0 {
			xff := values[len(values)-1]
			last := xff[strings.LastIndexByte(xff, ',')+1:]
			if a, ok := parseHostAddr(last); ok {
				return a
			}
		}
	}
	a, _ := parseHostAddr(r.RemoteAddr)
	return a
}

// parseHostAddr parses an address with optional port and brackets:
// "1.2.3.4", "1.2.3.4:80", "::1", "[::1]", "[::1]:80", surrounded by
// optional spaces. The port is not checked. It avoids net.SplitHostPort,
// which allocates an error for every address without a port.
func parseHostAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "["):
		end := strings.IndexByte(s, ']')
		if end < 0 || (end+1 < len(s) && s[end+1] != ':') {
			return netip.Addr{}, false
		}
		s = s[1:end]
	case strings.Count(s, ":") == 1:
		// IPv4 with port; IPv6 has at least two colons.
		s = s[:strings.IndexByte(s, ':')]
	}
	a, err := netip.ParseAddr(s)
	return a, err == nil
}
