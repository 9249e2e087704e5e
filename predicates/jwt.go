package predicates

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"github.com/openskipper/skipper/routing"
)

type jwtSpec struct {
	name   string
	all    bool // every pair must match, not just one
	regexp bool // values are regular expressions
}

type jwtPredicate struct {
	all   bool
	pairs []jwtPair
}

// jwtPair is one key/value argument pair: the claim key and either the
// exact value or a regexp.
type jwtPair struct {
	key   string
	value string
	re    *regexp.Regexp
}

// NewJWTPayloadAnyKV returns the spec of JWTPayloadAnyKV("key", "value",
// …): it matches when the payload of the request's bearer token has, for
// at least one of the key/value pairs, a string claim key equal to value.
//
// The token is decoded but its signature is NOT verified: these predicates
// pick a route, they do not authenticate. Pair them with a filter that
// validates the token when access depends on it.
func NewJWTPayloadAnyKV() routing.PredicateSpec {
	return &jwtSpec{name: JWTPayloadAnyKVName}
}

// NewJWTPayloadAllKV returns the spec of JWTPayloadAllKV("key", "value",
// …): like JWTPayloadAnyKV, but every pair must match.
func NewJWTPayloadAllKV() routing.PredicateSpec {
	return &jwtSpec{name: JWTPayloadAllKVName, all: true}
}

// NewJWTPayloadAnyKVRegexp returns the spec of
// JWTPayloadAnyKVRegexp("key", "regexp", …): like JWTPayloadAnyKV, but the
// values are regular expressions matched (unanchored) against the claims.
func NewJWTPayloadAnyKVRegexp() routing.PredicateSpec {
	return &jwtSpec{name: JWTPayloadAnyKVRegexpName, regexp: true}
}

// NewJWTPayloadAllKVRegexp returns the spec of
// JWTPayloadAllKVRegexp("key", "regexp", …): like JWTPayloadAnyKVRegexp,
// but every pair must match.
func NewJWTPayloadAllKVRegexp() routing.PredicateSpec {
	return &jwtSpec{name: JWTPayloadAllKVRegexpName, all: true, regexp: true}
}

// Name returns the predicate's name.
func (s *jwtSpec) Name() string { return s.name }

// Create takes key/value pairs: an even number of at least two strings.
func (s *jwtSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(s.name, list)
	if a.len() == 0 || a.len()%2 != 0 {
		return nil, a.errorf("expected key/value pairs, an even number of at least 2 arguments, got %d", a.len())
	}
	p := &jwtPredicate{all: s.all, pairs: make([]jwtPair, a.len()/2)}
	for i := range p.pairs {
		pair := &p.pairs[i]
		var err error
		if pair.key, err = a.str(2 * i); err != nil {
			return nil, err
		}
		if s.regexp {
			pair.re, err = a.regexp(2*i + 1)
		} else {
			pair.value, err = a.str(2*i + 1)
		}
		if err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *jwtPredicate) Match(r *http.Request) bool {
	claims := requestClaims(r)
	if claims == nil {
		return false
	}
	for _, pair := range p.pairs {
		if pair.matches(claims) != p.all {
			// Any: the first match decides; All: the first miss does.
			return !p.all
		}
	}
	return p.all
}

func (pair *jwtPair) matches(claims map[string]string) bool {
	v, ok := claims[pair.key]
	if !ok {
		return false
	}
	if pair.re != nil {
		return pair.re.MatchString(v)
	}
	return v == pair.value
}

// jwtClaimsKey memoises the claims of an Authorization header value for one
// request, so that all JWT predicates of all routes tried for the request
// decode the token once.
type jwtClaimsKey struct {
	authorization string
}

// requestClaims returns the string claims of the request's bearer token,
// or nil when it has none or it is malformed.
func requestClaims(r *http.Request) map[string]string {
	auth := r.Header.Get("Authorization")
	token, ok := bearerToken(auth)
	if !ok {
		return nil
	}
	return routing.FromContext(r.Context(), jwtClaimsKey{auth}, func() map[string]string {
		return parseJWTClaims(token)
	})
}

// bearerToken returns the token of an Authorization header value with the
// Bearer scheme (case-insensitive, as RFC 7235 defines schemes).
func bearerToken(auth string) (string, bool) {
	const scheme = "bearer "
	if len(auth) <= len(scheme) || !strings.EqualFold(auth[:len(scheme)], scheme) {
		return "", false
	}
	token := strings.TrimSpace(auth[len(scheme):])
	return token, token != ""
}

// parseJWTClaims decodes the payload of a JWT in compact form
// (header.payload.signature, base64url) and returns its claims that have
// string values; claims of other types cannot match and are left out. It
// returns nil when the token is malformed. The signature is not checked.
func parseJWTClaims(token string) map[string]string {
	if strings.Count(token, ".") != 2 {
		return nil
	}
	_, rest, _ := strings.Cut(token, ".")
	payload, _, _ := strings.Cut(rest, ".")
	data, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(payload, "="))
	if err != nil {
		return nil
	}
	var raw map[string]interface{}
	if err := json.Unmarshal(data, &raw); err != nil || raw == nil {
		return nil
	}
	claims := make(map[string]string, len(raw))
	for k, v := range raw {
		if s, ok := v.(string); ok {
			claims[k] = s
		}
	}
	return claims
}
