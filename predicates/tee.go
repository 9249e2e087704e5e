package predicates

import (
	"net/http"

	"github.com/openskipper/skipper/routing"
)

// TeeLoopbackKeyHeader is the request header the teeLoopback filter sets on
// the copies of a request it sends back through the routing; Tee(key)
// matches it.
const TeeLoopbackKeyHeader = "X-Tee-Loopback-Key"

type teeSpec struct{}

type teePredicate struct {
	key string
}

// NewTee returns the spec of Tee("key"): it matches the shadow copies that
// teeLoopback("key") sends back through the routing, i.e. requests whose
// X-Tee-Loopback-Key header equals key.
func NewTee() routing.PredicateSpec { return teeSpec{} }

// Name returns "Tee".
func (teeSpec) Name() string { return TeeName }

// Create takes one non-empty key.
func (teeSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(TeeName, list)
	if err := a.exactly(1); err != nil {
		return nil, err
	}
	key, err := a.nonEmpty(0)
	if err != nil {
		return nil, err
	}
	return &teePredicate{key: key}, nil
}

func (p *teePredicate) Match(r *http.Request) bool {
	return r.Header.Get(TeeLoopbackKeyHeader) == p.key
}
