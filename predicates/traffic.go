package predicates

import (
	"math/rand/v2"
	"net/http"

	"github.com/openskipper/skipper/routing"
)

type trafficSpec struct {
	random func() float64 // uniform in [0, 1); safe for concurrent use
}

type trafficPredicate struct {
	random func() float64
	chance float64
	cookie string
	group  string
	sticky bool
}

// NewTraffic returns the spec of Traffic(chance) and Traffic(chance,
// "cookie", "group"). The plain form matches a request with probability
// chance. The sticky form matches exactly when the request carries the
// cookie with the value group, and by chance when it carries no such
// cookie; a response filter is expected to set the cookie.
func NewTraffic() routing.PredicateSpec { return &trafficSpec{random: rand.Float64} }

// Name returns "Traffic".
func (*trafficSpec) Name() string { return TrafficName }

// Create takes a chance in [0, 1] and, for stickiness, a cookie name and a
// group value. An empty group value turns stickiness off, as in the
// original.
func (s *trafficSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(TrafficName, list)
	if err := a.oneOfCounts(1, 3); err != nil {
		return nil, err
	}
	chance, err := a.numberIn(0, 0, 1)
	if err != nil {
		return nil, err
	}
	p := &trafficPredicate{random: s.random, chance: chance}
	if a.len() == 3 {
		if p.cookie, err = a.str(1); err != nil {
			return nil, err
		}
		if p.group, err = a.str(2); err != nil {
			return nil, err
		}
		p.sticky = p.group != ""
	}
	return p, nil
}

func (p *trafficPredicate) Match(r *http.Request) bool {
	if p.sticky {
		if c, err := r.Cookie(p.cookie); err == nil {
			return c.Value == p.group
		}
	}
	return p.random() < p.chance
}
