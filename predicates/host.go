package predicates

import (
	"net/http"

	"github.com/openskipper/skipper/routing"
)

type hostAnySpec struct{}

type hostAnyPredicate struct {
	hosts map[string]struct{}
}

// NewHostAny returns the spec of HostAny("a.example", "b.example:8080", …):
// it matches when req.Host equals one of its arguments exactly (case
// sensitive, port included).
func NewHostAny() routing.PredicateSpec { return hostAnySpec{} }

// Name returns "HostAny".
func (hostAnySpec) Name() string { return HostAnyName }

// Create takes one or more host names.
func (hostAnySpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(HostAnyName, list)
	if err := a.atLeast(1); err != nil {
		return nil, err
	}
	hosts, err := a.strs(0)
	if err != nil {
		return nil, err
	}
	p := &hostAnyPredicate{hosts: make(map[string]struct{}, len(hosts))}
	for _, h := range hosts {
		p.hosts[h] = struct{}{}
	}
	return p, nil
}

func (p *hostAnyPredicate) Match(r *http.Request) bool {
	_, ok := p.hosts[r.Host]
	return ok
}
