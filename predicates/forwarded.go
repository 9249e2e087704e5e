package predicates

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/openskipper/skipper/routing"
)

type forwardedHostSpec struct{}

type forwardedHostPredicate struct {
	host *regexp.Regexp
}

type forwardedProtocolSpec struct{}

type forwardedProtocolPredicate struct {
	proto string
}

// NewForwardedHost returns the spec of ForwardedHost(/regexp/): it matches
// when the host parameter of the request's Forwarded header (RFC 7239)
// matches the regexp (unanchored). A request without that header or
// parameter does not match.
func NewForwardedHost() routing.PredicateSpec { return forwardedHostSpec{} }

// Name returns "ForwardedHost".
func (forwardedHostSpec) Name() string { return ForwardedHostName }

// Create takes one non-empty regular expression.
func (forwardedHostSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(ForwardedHostName, list)
	if err := a.exactly(1); err != nil {
		return nil, err
	}
	if _, err := a.nonEmpty(0); err != nil {
		return nil, err
	}
	re, err := a.regexp(0)
	if err != nil {
		return nil, err
	}
	return &forwardedHostPredicate{host: re}, nil
}

func (p *forwardedHostPredicate) Match(r *http.Request) bool {
	f := parseForwarded(r.Header.Get("Forwarded"))
	return f.host != "" && p.host.MatchString(f.host)
}

// NewForwardedProtocol returns the spec of ForwardedProtocol("http") and
// ForwardedProtocol("https"): it matches when the proto parameter of the
// request's Forwarded header (RFC 7239) equals the argument.
func NewForwardedProtocol() routing.PredicateSpec { return forwardedProtocolSpec{} }

// Name returns "ForwardedProtocol".
func (forwardedProtocolSpec) Name() string { return ForwardedProtocolName }

// Create takes "http" or "https".
func (forwardedProtocolSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(ForwardedProtocolName, list)
	if err := a.exactly(1); err != nil {
		return nil, err
	}
	proto, err := a.str(0)
	if err != nil || (proto != "http" && proto != "https") {
		return nil, a.expected(0, `"http" or "https"`)
	}
	return &forwardedProtocolPredicate{proto: proto}, nil
}

func (p *forwardedProtocolPredicate) Match(r *http.Request) bool {
	return parseForwarded(r.Header.Get("Forwarded")).proto == p.proto
}

// forwardedParams are the parameters of a Forwarded header that the
// predicates use.
type forwardedParams struct {
	host, proto string
}

// parseForwarded parses one Forwarded header line (RFC 7239): elements
// separated by ',', each a list of key=value pairs separated by ';'. A
// value is a token or a quoted string, which may contain ',' and ';' and
// backslash escapes. Keys are case-insensitive. When a key occurs more
// than once, in one element or across elements, its last non-empty value
// wins. Malformed pairs are skipped; parsing never fails.
func parseForwarded(s string) forwardedParams {
	var f forwardedParams
	for s != "" {
		i := strings.IndexAny(s, "=;,")
		if i < 0 {
			break // a trailing key without a value
		}
		if s[i] != '=' {
			s = s[i+1:] // a pair without '='
			continue
		}
		key := strings.TrimSpace(s[:i])
		s = strings.TrimLeft(s[i+1:], " \t")

		var value string
		if s != "" && s[0] == '"' {
			value, s = readQuoted(s[1:])
		} else {
			j := strings.IndexAny(s, ";,")
			if j < 0 {
				j = len(s)
			}
			value, s = strings.TrimSpace(s[:j]), s[j:]
		}
		// Skip anything up to and including the next separator, e.g.
		// junk after a closing quote.
		if j := strings.IndexAny(s, ";,"); j >= 0 {
			s = s[j+1:]
		} else {
			s = ""
		}

		if value == "" {
			continue
		}
		switch {
		case strings.EqualFold(key, "host"):
			f.host = value
		case strings.EqualFold(key, "proto"):
			f.proto = value
		}
	}
	return f
}

// readQuoted reads a quoted string whose opening quote is already
// consumed. It returns the unescaped content and the input after the
// closing quote; an unterminated string runs to the end of s.
func readQuoted(s string) (value, rest string) {
	var b []byte // nil until the first escape
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			if b == nil {
				return s[:i], s[i+1:]
			}
			return string(b), s[i+1:]
		case '\\':
			if b == nil {
				b = append([]byte(nil), s[:i]...)
			}
			if i+1 < len(s) {
				i++
				b = append(b, s[i])
			}
		default:
			if b != nil {
				b = append(b, c)
			}
		}
	}
	if b == nil {
		return s, ""
	}
	return string(b), ""
}
