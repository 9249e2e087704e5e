package predicates

import (
	"net/http"
	"regexp"

	"github.com/openskipper/skipper/routing"
)

type cookieSpec struct{}

type cookiePredicate struct {
	name  string
	value *regexp.Regexp
}

// NewCookie returns the spec of Cookie("name", /regexp/): it matches when
// the request's first cookie of that name has a value the regexp matches
// (unanchored).
func NewCookie() routing.PredicateSpec { return cookieSpec{} }

// Name returns "Cookie".
func (cookieSpec) Name() string { return CookieName }

// Create takes a cookie name and a regular expression.
func (cookieSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(CookieName, list)
	if err := a.exactly(2); err != nil {
		return nil, err
	}
	name, err := a.str(0)
	if err != nil {
		return nil, err
	}
	re, err := a.regexp(1)
	if err != nil {
		return nil, err
	}
	return &cookiePredicate{name: name, value: re}, nil
}

func (p *cookiePredicate) Match(r *http.Request) bool {
	c, err := r.Cookie(p.name)
	if err != nil {
		return false
	}
	return p.value.MatchString(c.Value)
}
