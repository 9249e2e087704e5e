package predicates

import (
	"net/http"

	"github.com/openskipper/skipper/routing"
)

type contentLengthBetweenSpec struct{}

type contentLengthBetweenPredicate struct {
	min, max int64
}

// NewContentLengthBetween returns the spec of ContentLengthBetween(min,
// max): it matches when min <= req.ContentLength < max. A request of
// unknown length (ContentLength -1, e.g. chunked) never matches.
func NewContentLengthBetween() routing.PredicateSpec { return contentLengthBetweenSpec{} }

// Name returns "ContentLengthBetween".
func (contentLengthBetweenSpec) Name() string { return ContentLengthBetweenName }

// Create takes two numbers, truncated to integers, with 0 <= min < max.
func (contentLengthBetweenSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(ContentLengthBetweenName, list)
	if err := a.exactly(2); err != nil {
		return nil, err
	}
	minLength, err := a.int64At(0)
	if err != nil {
		return nil, err
	}
	if minLength < 0 {
		return nil, a.expected(0, "a number >= 0")
	}
	maxLength, err := a.int64At(1)
	if err != nil {
		return nil, err
	}
	if maxLength <= minLength {
		return nil, a.argErrorf(1, "expected a number greater than min (%d), got %s", minLength, describe(list[1]))
	}
	return &contentLengthBetweenPredicate{min: minLength, max: maxLength}, nil
}

func (p *contentLengthBetweenPredicate) Match(r *http.Request) bool {
	return r.ContentLength >= p.min && r.ContentLength < p.max
}
