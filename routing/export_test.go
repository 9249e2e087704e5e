package routing

import "github.com/openskipper/skipper/eskip"

// Updater drives the updater's bookkeeping synchronously, one data client,
// for the benchmarks of package routing_test.
type Updater struct{ s *state }

// NewUpdater returns an updater with an empty table.
func NewUpdater(o Options) *Updater {
	if o.Log == nil {
		o.Log = discardLog{}
	}
	return &Updater{newState(&o, o.Log, []string{"bench"}, newTableShared(nil))}
}

// Reset applies the client's complete list.
func (u *Updater) Reset(routes []*eskip.Route) *Table {
	u.s.receive(publication{reset: true, routes: routes})
	return u.s.table(u.s.apply(u.s.takeChanges()))
}

// Update applies upserts and deletes.
func (u *Updater) Update(routes []*eskip.Route, deleted []string) *Table {
	u.s.receive(publication{routes: routes, deleted: deleted})
	return u.s.table(u.s.apply(u.s.takeChanges()))
}

type discardLog struct{}

func (discardLog) Debugf(string, ...interface{}) {}
func (discardLog) Infof(string, ...interface{})  {}
func (discardLog) Warnf(string, ...interface{})  {}
func (discardLog) Errorf(string, ...interface{}) {}

// TestLog records log lines, for the tests of package routing_test.
type TestLog = testLog
