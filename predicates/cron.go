package predicates

import (
	"net/http"
	"time"

	"github.com/openskipper/skipper/routing"
)

type cronSpec struct {
	now func() time.Time
	loc *time.Location // nil: the process's local time zone
}

type cronPredicate struct {
	schedule cronSchedule
	now      func() time.Time
	loc      *time.Location
}

// NewCron returns the spec of Cron("min hour dom month dow"): it matches
// while the current local time is within the cron expression, e.g.
// Cron("* 9-17 * * 1-5") on weekdays from 09:00 to 17:59. Both day fields
// must match (unlike classic cron, which ORs them).
func NewCron() routing.PredicateSpec { return &cronSpec{now: time.Now} }

// Name returns "Cron".
func (*cronSpec) Name() string { return CronName }

// Create parses one cron expression.
func (s *cronSpec) Create(list []interface{}) (routing.Predicate, error) {
	a := newArgs(CronName, list)
	if err := a.exactly(1); err != nil {
		return nil, err
	}
	expr, err := a.str(0)
	if err != nil {
		return nil, err
	}
	schedule, err := parseCron(expr)
	if err != nil {
		return nil, a.argWrap(0, err)
	}
	return &cronPredicate{schedule: schedule, now: s.now, loc: s.loc}, nil
}

func (p *cronPredicate) Match(*http.Request) bool {
	t := p.now()
	if p.loc != nil {
		t = t.In(p.loc)
	} else {
		t = t.Local()
	}
	return p.schedule.matches(t)
}
