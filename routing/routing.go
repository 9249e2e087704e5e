package routing

import (
	"fmt"
	"net/http"
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
)

// Routing keeps the current routing table up to date with the data
// clients and matches requests against it. Create it with New; it is safe
// for concurrent use.
type Routing struct {
	log         logging.Logger
	pollTimeout time.Duration
	clients     []DataClient

	current atomic.Pointer[Table]
	drain   *drainer
	state   *state // owned by the updater goroutine

	updates   chan publication
	quit      chan struct{}
	done      chan struct{}
	closeOnce sync.Once

	firstLoad chan struct{}
	loaded    []bool
	signaled  bool
}

// New starts a Routing: one poller goroutine per data client and one
// updater goroutine that builds and publishes the tables. The initial
// table is empty. Call Close to stop it.
func New(o Options) *Routing {
	log := o.logger()
	clients, names := uniqueClients(o.DataClients, log)
	rt := &Routing{
		log:         log,
		pollTimeout: o.pollTimeout(),
		clients:     clients,
		drain:       newDrainer(log),
		updates:     make(chan publication),
		quit:        make(chan struct{}),
		done:        make(chan struct{}),
		firstLoad:   make(chan struct{}),
		loaded:      make([]bool, len(clients)),
	}
	shared := newTableShared(rt.drain)
	rt.state = newState(&o, log, names, shared)
	initial := &Table{shared: shared, ignoreTS: rt.state.ignoreTS, created: time.Now()}
	initial.refs.Store(1)
	rt.current.Store(initial)
	if !o.SignalFirstLoad || len(clients) == 0 {
		rt.signalFirstLoad()
	}
	go rt.run()
	for i, c := range clients {
		go rt.poll(i, c, names[i])
	}
	return rt
}

// uniqueClients drops nil clients and clients listed more than once, and
// names the others for logs.
func uniqueClients(in []DataClient, log logging.Logger) ([]DataClient, []string) {
	var out []DataClient
	var names []string
	for i, c := range in {
		if c == nil {
			log.Errorf("data client %d is nil; ignoring it", i)
			continue
		}
		dup := false
		comparable := reflect.TypeOf(c).Comparable()
		for _, o := range out {
			if comparable && reflect.TypeOf(o) == reflect.TypeOf(c) && o == c {
				dup = true
				break
			}
		}
		if dup {
			log.Errorf("data client %s is listed more than once; using it once", clientName(c, i))
			continue
		}
		out = append(out, c)
		names = append(names, clientName(c, i))
	}
	return out, names
}

func clientName(c DataClient, i int) string {
	if n, ok := c.(NamedDataClient); ok {
		return fmt.Sprintf("%s (data client %d)", n.Name(), i)
	}
	return fmt.Sprintf("%T (data client %d)", c, i)
}

// maxBatch is the number of publications the updater applies as one
// generation when they queue up.
const maxBatch = 64

// run is the updater: it applies publications, a batch at a time, and
// closes the filters of retired tables when they are released.
func (rt *Routing) run() {
	defer close(rt.done)
	for {
		select {
		case <-rt.quit:
			return
		case <-rt.drain.kicks:
			rt.drain.run()
		case p := <-rt.updates:
			batch := []publication{p}
		more:
			for len(batch) < maxBatch {
				select {
				case p := <-rt.updates:
					batch = append(batch, p)
				default:
					break more
				}
			}
			rt.process(batch)
		}
	}
}

// process applies a batch of publications and publishes the new table.
func (rt *Routing) process(batch []publication) {
	s := rt.state
	rt.log.Infof("route settings received, id: %d", s.gen+1)
	for i, p := range batch {
		s.receive(p)
		// The state holds what it needs of the definitions; the batch
		// must not keep all of them alive while they are built (a
		// first load of a large table would hold every parsed
		// definition twice at its peak).
		batch[i].routes = nil
	}
	res := s.apply(s.takeChanges())
	t := s.table(res)
	old := rt.current.Swap(t)
	rt.drain.retire(old, res.closers)
	rt.log.Infof("route settings applied, id: %d: %d routes, %d invalid (%d built, %d removed)",
		t.gen, t.count, res.invalid, len(res.added), len(res.removed))
	for _, p := range batch {
		if p.reset {
			rt.loaded[p.client] = true
		}
	}
	if !rt.signaled {
		for _, l := range rt.loaded {
			if !l {
				return
			}
		}
		rt.signalFirstLoad()
	}
}

func (rt *Routing) signalFirstLoad() {
	rt.signaled = true
	close(rt.firstLoad)
}

// Route returns the route for the request and its path parameters from
// the current table, or nil, nil when no route matches. It does not pin
// the table: a caller that runs the route's filters should use Get.
func (rt *Routing) Route(req *http.Request) (*Route, map[string]string) {
	return rt.current.Load().Match(req)
}

// Get pins the current table generation for one request and returns a
// lookup on it. The filters of routes removed in later generations stay
// open until every lookup on this generation or an older one is closed:
// the proxy calls Close when the request ends. After Close of the Routing,
// Get returns a lookup that matches nothing.
func (rt *Routing) Get() *RouteLookup {
	for {
		t := rt.current.Load()
		if t.acquire() {
			return &RouteLookup{t: t}
		}
		if rt.current.Load() == t {
			return &RouteLookup{}
		}
	}
}

// FirstLoad returns a channel that is closed once a table with the routes
// of every data client has been published, or from the start when
// Options.SignalFirstLoad is not set.
func (rt *Routing) FirstLoad() <-chan struct{} {
	return rt.firstLoad
}

// Table returns the current table.
func (rt *Routing) Table() *Table {
	return rt.current.Load()
}

// Routes returns the valid routes of the current table, sorted by id.
// The slice is shared: do not modify it.
func (rt *Routing) Routes() []*Route {
	return rt.current.Load().Routes()
}

// InvalidRoutes returns the routes of the data clients that could not be
// built, sorted by id.
func (rt *Routing) InvalidRoutes() []InvalidRoute {
	return rt.current.Load().InvalidRoutes()
}

// Close stops polling and updating, waiting for an update in progress.
// Pollers stop at their next wait; a data client call in progress is not
// interrupted, and its result is dropped. The filters of the current table
// are closed once no lookup pins it; Route keeps answering from it.
func (rt *Routing) Close() {
	rt.closeOnce.Do(func() {
		close(rt.quit)
		<-rt.done
		rt.drain.stopGoroutine()
		rt.drain.retire(rt.current.Load(), rt.state.closers())
	})
}

// RouteLookup is a lookup pinned to one table generation, for one request.
// It is not safe for concurrent use: one request uses it at a time.
type RouteLookup struct {
	t      *Table
	closed atomic.Bool
	// lent are the parameter maps handed out by Do, returned to the pool
	// on Close. The first two are kept inline: a request rarely loops
	// back more often.
	inline [2]map[string]string
	extra  []map[string]string
	nlent  int
}

// Do returns the route for the request and its path parameters from the
// pinned table, or nil, nil when no route matches.
//
// The parameter map is lent by the lookup to save an allocation per
// request: it stays valid until Close, then it is reused. Copy it to keep
// it longer. Each call of Do returns a map of its own.
func (l *RouteLookup) Do(req *http.Request) (*Route, map[string]string) {
	if l == nil || l.t == nil {
		return nil, nil
	}
	return l.t.match(req, l)
}

// lendParams returns an empty map from the pool and remembers it for Close.
func (l *RouteLookup) lendParams() map[string]string {
	m := l.t.shared.getParams()
	if l.nlent < len(l.inline) {
		l.inline[l.nlent] = m
	} else {
		l.extra = append(l.extra, m)
	}
	l.nlent++
	return m
}

// Table returns the pinned table; nil for a lookup made after the Routing
// was closed.
func (l *RouteLookup) Table() *Table {
	if l == nil {
		return nil
	}
	return l.t
}

// Close releases the pin and takes back the parameter maps lent by Do.
// Calls after the first do nothing.
func (l *RouteLookup) Close() {
	if l == nil || l.t == nil || !l.closed.CompareAndSwap(false, true) {
		return
	}
	shared := l.t.shared
	for i := 0; i < l.nlent && i < len(l.inline); i++ {
		shared.putParams(l.inline[i])
		l.inline[i] = nil
	}
	for i, m := range l.extra {
		shared.putParams(m)
		l.extra[i] = nil
	}
	l.extra, l.nlent = l.extra[:0], 0
	l.t.release()
}

// Build builds a table from route definitions without data clients or
// goroutines, for tools and tests: the pre-processors, the validation, the
// post-processors and the matcher run as for a Routing, with
// Options.DataClients ignored. It returns the table (generation 1) and the
// invalid routes, sorted by id. Invalid routes are logged only when
// Options.Log is set. The table's filters are never closed by the
// routing: they belong to the caller.
func Build(routes []*eskip.Route, o Options) (*Table, []InvalidRoute) {
	log := o.Log
	if log == nil {
		log = logging.Discard()
	}
	o.SuppressLogs = true
	s := newState(&o, log, []string{"Build"}, newTableShared(nil))
	s.receive(publication{reset: true, routes: routes})
	t := s.table(s.apply(s.takeChanges()))
	return t, t.invalid
}
