package predicates

import (
	"net/http"
	"time"

	"github.com/openskipper/skipper/routing"
)

// localDateTime is RFC 3339 without the zone offset; the zone is a
// separate argument.
const localDateTime = "2006-01-02T15:04:05"

type intervalKind int

const (
	intervalAfter intervalKind = iota
	intervalBefore
	intervalBetween
)

type intervalSpec struct {
	kind intervalKind
	now  func() time.Time
}

type intervalPredicate struct {
	begin, end       time.Time
	hasBegin, hasEnd bool
	now              func() time.Time
}

// NewAfter returns the spec of After(t): it matches from t on (now >= t).
// t is an RFC 3339 string ("2025-01-01T12:00:00+02:00"), a local date and
// time followed by an IANA zone name ("2025-01-01T12:00:00",
// "Europe/Berlin"), or a number of Unix seconds.
func NewAfter() routing.PredicateSpec {
	return &intervalSpec{kind: intervalAfter, now: time.Now}
}

// NewBefore returns the spec of Before(t): it matches until t (now < t).
// t takes the same forms as in After.
func NewBefore() routing.PredicateSpec {
	return &intervalSpec{kind: intervalBefore, now: time.Now}
}

// NewBetween returns the spec of Between(begin, end): it matches when
// begin <= now < end. Both are RFC 3339 strings, both Unix seconds, or
// both local dates and times followed by one IANA zone name; begin must be
// before end.
func NewBetween() routing.PredicateSpec {
	return &intervalSpec{kind: intervalBetween, now: time.Now}
}

// Name returns "After", "Before" or "Between".
func (s *intervalSpec) Name() string {
	switch s.kind {
	case intervalBefore:
		return BeforeName
	case intervalBetween:
		return BetweenName
	default:
		return AfterName
	}
}

// Create parses the points in time.
func (s *intervalSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(s.Name(), list)
	p := &intervalPredicate{now: s.now}
	switch s.kind {
	case intervalAfter:
		t, err := parseTimes(a, 1)
		if err != nil {
			return nil, err
		}
		p.begin, p.hasBegin = t[0], true
	case intervalBefore:
		t, err := parseTimes(a, 1)
		if err != nil {
			return nil, err
		}
		p.end, p.hasEnd = t[0], true
	case intervalBetween:
		t, err := parseTimes(a, 2)
		if err != nil {
			return nil, err
		}
		if !t[0].Before(t[1]) {
			return nil, a.argErrorf(1, "expected an end after the begin %s, got %s",
				t[0].Format(time.RFC3339), t[1].Format(time.RFC3339))
		}
		p.begin, p.end, p.hasBegin, p.hasEnd = t[0], t[1], true, true
	}
	return p, nil
}

// parseTimes parses the n points in time of a call. They are n RFC 3339
// strings, n numbers of Unix seconds, or n local dates and times followed
// by a zone name.
func parseTimes(a args, n int) ([]time.Time, error) {
	if err := a.oneOfCounts(n, n+1); err != nil {
		return nil, err
	}
	times := make([]time.Time, n)
	if a.len() == n+1 {
		zone, err := a.nonEmpty(n)
		if err != nil {
			return nil, err
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return nil, a.argWrap(n, err)
		}
		for i := range n {
			s, err := a.str(i)
			if err == nil {
				times[i], err = time.ParseInLocation(localDateTime, s, loc)
			}
			if err != nil {
				return nil, a.expected(i, "a local date and time such as 2025-01-31T17:00:00 (followed by a zone)")
			}
		}
		return times, nil
	}
	numbers := a.isNumber(0)
	for i := range n {
		switch {
		case numbers && a.isNumber(i):
			secs, err := a.int64At(i)
			if err != nil {
				return nil, err
			}
			times[i] = time.Unix(secs, 0)
		case !numbers && a.isString(i):
			s, _ := a.str(i)
			t, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return nil, a.expected(i, "an RFC 3339 date and time such as 2025-01-31T17:00:00+01:00")
			}
			times[i] = t
		case numbers:
			return nil, a.expected(i, "Unix seconds like argument 1")
		case i > 0:
			return nil, a.expected(i, "an RFC 3339 date and time like argument 1")
		default:
			return nil, a.expected(i, "an RFC 3339 date and time or a number of Unix seconds")
		}
	}
	return times, nil
}

func (p *intervalPredicate) Match(*http.Request) bool {
	now := p.now()
	return (!p.hasBegin || !now.Before(p.begin)) && (!p.hasEnd || now.Before(p.end))
}
