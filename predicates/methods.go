package predicates

import (
	"net/http"
	"strings"

	"github.com/openskipper/skipper/routing"
)

// allowedMethodList names the methods Methods accepts, for error messages.
const allowedMethodList = "GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE"

type methodsSpec struct{}

type methodsPredicate struct {
	methods []string // upper case, no duplicates
}

// NewMethods returns the spec of Methods("GET", "post", …): it matches
// when the request method, compared case-insensitively, is one of its
// arguments.
func NewMethods() routing.PredicateSpec { return methodsSpec{} }

// Name returns "Methods".
func (methodsSpec) Name() string { return MethodsName }

// Create takes one or more of GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT,
// OPTIONS and TRACE, in any case.
func (methodsSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(MethodsName, list)
	if a.len() == 0 {
		return nil, a.errorf("at least one method should be specified")
	}
	p := &methodsPredicate{}
	for i := range list {
		m, ok := list[i].(string)
		if !ok {
			return nil, a.argErrorf(i, "only string values are allowed, got %s", describe(list[i]))
		}
		m = strings.ToUpper(m)
		if !isAllowedMethod(m) {
			return nil, a.argErrorf(i, "method: %s is not allowed, expected one of %s", m, allowedMethodList)
		}
		if !p.has(m) {
			p.methods = append(p.methods, m)
		}
	}
	return p, nil
}

// isAllowedMethod tells whether the upper-case method m is accepted.
func isAllowedMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return true
	}
	return false
}

func (p *methodsPredicate) has(m string) bool {
	for _, s := range p.methods {
		if s == m {
			return true
		}
	}
	return false
}

// Match compares without allocating: the set holds ASCII upper-case
// names, so an ASCII case-insensitive comparison is enough.
func (p *methodsPredicate) Match(r *http.Request) bool {
	for _, m := range p.methods {
		if asciiEqualFold(r.Method, m) {
			return true
		}
	}
	return false
}

// asciiEqualFold reports whether s equals the upper-case ASCII string
// upper, ignoring the case of ASCII letters in s.
func asciiEqualFold(s, upper string) bool {
	if len(s) != len(upper) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}
