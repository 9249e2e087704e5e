package predicates

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/openskipper/skipper/routing"
)

type queryParamSpec struct{}

type queryParamPredicate struct {
	name  string
	value *regexp.Regexp // nil: presence is enough
}

// NewQueryParam returns the spec of QueryParam("name") and
// QueryParam("name", /regexp/). With one argument it matches when the query
// has the parameter, even with an empty value; with two, when some value
// of the parameter matches the regexp (unanchored).
func NewQueryParam() routing.PredicateSpec { return queryParamSpec{} }

// Name returns "QueryParam".
func (queryParamSpec) Name() string { return QueryParamName }

// Create takes a parameter name and an optional regular expression.
func (queryParamSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(QueryParamName, list)
	if err := a.oneOfCounts(1, 2); err != nil {
		return nil, err
	}
	name, err := a.str(0)
	if err != nil {
		return nil, err
	}
	p := &queryParamPredicate{name: name}
	if a.len() == 2 {
		if p.value, err = a.regexp(1); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Match walks the raw query instead of calling URL.Query, so that it
// neither allocates a map nor decodes parameters it does not look at. It
// decodes like url.ParseQuery: '&' separates pairs, and a pair whose key or
// value is badly escaped is skipped.
func (p *queryParamPredicate) Match(r *http.Request) bool {
	if r.URL == nil {
		return false
	}
	rest := r.URL.RawQuery
	for rest != "" {
		var pair string
		pair, rest, _ = strings.Cut(rest, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		key, value, _ := strings.Cut(pair, "=")
		if !queryComponentEquals(key, p.name) {
			continue
		}
		value, err := url.QueryUnescape(value)
		if err != nil {
			continue
		}
		if p.value == nil || p.value.MatchString(value) {
			return true
		}
	}
	return false
}

// queryComponentEquals tells whether the escaped query component raw
// decodes to want, decoding only when raw contains escapes.
func queryComponentEquals(raw, want string) bool {
	if !strings.ContainsAny(raw, "%+") {
		return raw == want
	}
	decoded, err := url.QueryUnescape(raw)
	return err == nil && decoded == want
}
