package predicates

import (
	"math/rand/v2"
	"net/http"

	"github.com/openskipper/skipper/routing"
)

// segmentKey is the memo key under which TrafficSegment keeps the random
// number of a request.
type segmentKey struct{}

type trafficSegmentSpec struct {
	random func() float64 // uniform in [0, 1); safe for concurrent use
}

type trafficSegmentPredicate struct {
	random   func() float64
	min, max float64
}

// NewTrafficSegment returns the spec of TrafficSegment(min, max). Each
// request draws one random number r in [0, 1), shared by every
// TrafficSegment predicate evaluated for that request (it is kept in the
// request's routing memo, see routing.NewContext). The predicate matches
// when min <= r < max, so routes with adjacent segments such as [0, 0.3)
// and [0.3, 1) split the traffic without overlap or gap. Its weight is -1,
// which cancels the 1 every predicate adds to its route's priority.
func NewTrafficSegment() routing.WeightedPredicateSpec {
	return &trafficSegmentSpec{random: rand.Float64}
}

// Name returns "TrafficSegment".
func (*trafficSegmentSpec) Name() string { return TrafficSegmentName }

// Weight returns -1: a TrafficSegment does not change its route's
// priority.
func (*trafficSegmentSpec) Weight() int { return -1 }

// Create takes min and max in [0, 1] with min <= max. min == max gives a
// segment that never matches.
func (s *trafficSegmentSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(TrafficSegmentName, list)
	if a.len() != 2 {
		return nil, a.errorf("invalid number of arguments, expects two arguments, got %d", a.len())
	}
	lo, err := a.numberIn(0, 0, 1)
	if err != nil {
		return nil, a.argErrorf(0, "min is out of range: expected a number between 0 and 1, got %s", describe(list[0]))
	}
	hi, err := a.numberIn(1, 0, 1)
	if err != nil {
		return nil, a.argErrorf(1, "max is out of range: expected a number between 0 and 1, got %s", describe(list[1]))
	}
	if lo > hi {
		return nil, a.errorf("invalid range: min %s is greater than max %s", formatNumber(lo), formatNumber(hi))
	}
	return &trafficSegmentPredicate{random: s.random, min: lo, max: hi}, nil
}

func (p *trafficSegmentPredicate) Match(r *http.Request) bool {
	x := routing.FromContext(r.Context(), segmentKey{}, p.random)
	return p.min <= x && x < p.max
}
