package routing

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
)

// countingSpec counts the filters it creates and closes.
type countingSpec struct {
	name    string
	created atomic.Int64
	closed  atomic.Int64
}

func (s *countingSpec) Name() string { return s.name }

func (s *countingSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	s.created.Add(1)
	return &countingFilter{spec: s}, nil
}

type countingFilter struct {
	spec   *countingSpec
	closed atomic.Bool
}

func (*countingFilter) Request(filters.FilterContext)  {}
func (*countingFilter) Response(filters.FilterContext) {}

func (f *countingFilter) Close() error {
	if !f.closed.CompareAndSwap(false, true) {
		return errors.New("closed twice")
	}
	f.spec.closed.Add(1)
	return nil
}

// boolSpec creates predicates that always answer v.
type boolSpec struct {
	name string
	v    bool
}

func (s boolSpec) Name() string                            { return s.name }
func (s boolSpec) Create([]interface{}) (Predicate, error) { return boolPredicate(s.v), nil }

type boolPredicate bool

func (p boolPredicate) Match(*http.Request) bool { return bool(p) }

// testOptions returns options with a counting filter "count", a nop filter
// "nop" and the predicates True and False.
func testOptions(count *countingSpec) Options {
	reg := filters.Registry{}
	reg.Register(count)
	reg.Register(&countingSpec{name: "nop"})
	return Options{
		FilterRegistry: reg,
		Predicates:     []PredicateSpec{boolSpec{"True", true}, boolSpec{"False", false}},
		Log:            &testLog{},
	}
}

func parse(t testing.TB, doc string) []*eskip.Route {
	t.Helper()
	routes, err := eskip.Parse(doc)
	if err != nil {
		t.Fatalf("parsing %q: %v", doc, err)
	}
	return routes
}

func request(method, host, path string) *http.Request {
	return &http.Request{Method: method, Host: host, URL: &url.URL{Path: path}, Header: http.Header{}}
}

// testLog records log lines.
type testLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *testLog) add(level, format string, args ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, level+" "+fmt.Sprintf(format, args...))
}

func (l *testLog) Debugf(f string, a ...interface{}) { l.add("debug", f, a...) }
func (l *testLog) Infof(f string, a ...interface{})  { l.add("info", f, a...) }
func (l *testLog) Warnf(f string, a ...interface{})  { l.add("warn", f, a...) }
func (l *testLog) Errorf(f string, a ...interface{}) { l.add("error", f, a...) }

func (l *testLog) Count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}

func (l *testLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// fakeClient is a data client whose routes the test changes. LoadAll
// returns all routes; LoadUpdate the changes since the last call.
type fakeClient struct {
	mu        sync.Mutex
	routes    map[string]*eskip.Route
	upserts   map[string]*eskip.Route
	deletes   map[string]bool
	failAll   int // number of LoadAll calls to fail
	failNext  bool
	loadAlls  int
	loadCalls int
}

func newFakeClient(routes ...*eskip.Route) *fakeClient {
	c := &fakeClient{routes: map[string]*eskip.Route{}, upserts: map[string]*eskip.Route{}, deletes: map[string]bool{}}
	for _, r := range routes {
		c.routes[r.Id] = r
	}
	return c
}

func (c *fakeClient) LoadAll() ([]*eskip.Route, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loadAlls++
	if c.failAll > 0 {
		c.failAll--
		return nil, errors.New("load all failed")
	}
	c.upserts = map[string]*eskip.Route{}
	c.deletes = map[string]bool{}
	out := make([]*eskip.Route, 0, len(c.routes))
	for _, r := range c.routes {
		out = append(out, r)
	}
	return out, nil
}

func (c *fakeClient) LoadUpdate() ([]*eskip.Route, []string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loadCalls++
	if c.failNext {
		c.failNext = false
		return nil, nil, errors.New("load update failed")
	}
	var up []*eskip.Route
	var del []string
	for _, r := range c.upserts {
		up = append(up, r)
	}
	for id := range c.deletes {
		del = append(del, id)
	}
	c.upserts = map[string]*eskip.Route{}
	c.deletes = map[string]bool{}
	return up, del, nil
}

// set upserts routes, all in one update.
func (c *fakeClient) set(routes ...*eskip.Route) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range routes {
		c.routes[r.Id] = r
		c.upserts[r.Id] = r
		delete(c.deletes, r.Id)
	}
}

// del deletes routes by id.
func (c *fakeClient) del(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, id := range ids {
		delete(c.routes, id)
		delete(c.upserts, id)
		c.deletes[id] = true
	}
}

// waitFor polls cond until it holds, failing the test after a while.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// waitGeneration waits until the routing publishes a table newer than gen
// and returns it.
func waitGeneration(t testing.TB, rt *Routing, gen uint64) *Table {
	t.Helper()
	waitFor(t, fmt.Sprintf("a generation after %d", gen), func() bool { return rt.Table().Generation() > gen })
	return rt.Table()
}
