package predicates

import (
	"net/http"

	"github.com/openskipper/skipper/routing"
)

// constantSpec is the spec of True and False.
type constantSpec bool

// constantPredicate always returns its value.
type constantPredicate bool

// NewTrue returns the spec of True(): it matches every request. Any
// arguments are ignored. Useful to raise a route's priority by one.
func NewTrue() routing.PredicateSpec { return constantSpec(true) }

// NewFalse returns the spec of False(): it matches no request. Any
// arguments are ignored. Useful to switch a route off without deleting it.
func NewFalse() routing.PredicateSpec { return constantSpec(false) }

// Name returns "True" or "False".
func (s constantSpec) Name() string {
	if s {
		return TrueName
	}
	return FalseName
}

// Create ignores its arguments.
func (s constantSpec) Create([]interface{}) (routing.Predicate, error) {
	return constantPredicate(s), nil
}

func (p constantPredicate) Match(*http.Request) bool { return bool(p) }
