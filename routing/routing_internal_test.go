package routing

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
)

func startRouting(t *testing.T, o Options, clients ...DataClient) *Routing {
	t.Helper()
	o.PollTimeout = time.Millisecond
	o.DataClients = clients
	rt := New(o)
	t.Cleanup(rt.Close)
	return rt
}

// matches tells whether the current table routes path to the route id.
func matches(rt *Routing, path, id string) bool {
	r, _ := rt.Route(request("GET", "h", path))
	return r != nil && r.Id == id
}

func TestRoutingFollowsTheDataClient(t *testing.T) {
	count := &countingSpec{name: "count"}
	o := testOptions(count)
	log := o.Log.(*testLog)
	c := newFakeClient(parse(t, `a: Path("/a") -> count() -> <shunt>`)...)
	rt := startRouting(t, o, c)

	waitFor(t, "route a", func() bool { return matches(rt, "/a", "a") })
	c.set(parse(t, `b: Path("/b") -> count() -> <shunt>`)...)
	waitFor(t, "route b", func() bool { return matches(rt, "/b", "b") })
	c.del("a")
	waitFor(t, "a deleted", func() bool { return !matches(rt, "/a", "a") })
	waitFor(t, "a's filter closed", func() bool { return count.closed.Load() == 1 })

	if got := rt.Routes(); len(got) != 1 || got[0].Id != "b" {
		t.Errorf("got routes %v, want b", got)
	}
	for _, line := range []string{
		"route settings received, id: 1",
		"route settings applied, id: 1",
		"route settings, reset, route: a: Path(\"/a\") -> count() -> <shunt>",
		"route settings, update, route: b:",
		"route settings, update, deleted id: a",
	} {
		if log.Count(line) == 0 {
			t.Errorf("missing log line %q in:\n%s", line, log)
		}
	}
	if g := rt.Table().Generation(); g < 3 {
		t.Errorf("got generation %d, want at least 3", g)
	}
	if rt.Table().Created().IsZero() {
		t.Error("no creation time")
	}
}

func TestSuppressLogs(t *testing.T) {
	o := testOptions(&countingSpec{name: "count"})
	o.SuppressLogs = true
	log := o.Log.(*testLog)
	c := newFakeClient(parse(t, `a: Path("/a") -> <shunt>; b: Path("/b") -> <shunt>`)...)
	rt := startRouting(t, o, c)
	waitFor(t, "route a", func() bool { return matches(rt, "/a", "a") })
	if log.Count("route: a") != 0 {
		t.Errorf("per-route line logged:\n%s", log)
	}
	if log.Count("route settings, reset, *routing.fakeClient (data client 0): 2 upserted, 0 deleted") != 1 {
		t.Errorf("no count line:\n%s", log)
	}
}

func TestPinnedLookupDelaysClose(t *testing.T) {
	count := &countingSpec{name: "count"}
	c := newFakeClient(parse(t, `a: Path("/a") -> count() -> <shunt>; b: Path("/b") -> count() -> <shunt>`)...)
	rt := startRouting(t, testOptions(count), c)
	waitFor(t, "routes", func() bool { return matches(rt, "/a", "a") && matches(rt, "/b", "b") })

	l1 := rt.Get() // pins the generation with a and b
	c.del("a")
	waitFor(t, "a deleted", func() bool { return !matches(rt, "/a", "a") })
	l2 := rt.Get() // pins the generation with b only
	c.del("b")
	waitFor(t, "b deleted", func() bool { return !matches(rt, "/b", "b") })

	// the pinned lookups still see their tables
	if r, _ := l1.Do(request("GET", "h", "/a")); r == nil || r.Id != "a" {
		t.Errorf("pinned lookup lost a: %v", r)
	}
	if r, _ := l2.Do(request("GET", "h", "/b")); r == nil || r.Id != "b" {
		t.Errorf("pinned lookup lost b: %v", r)
	}
	if n := count.closed.Load(); n != 0 {
		t.Fatalf("%d filters closed while pinned", n)
	}

	// releasing the newer pin closes nothing: the older one may still use b
	l2.Close()
	l2.Close() // a second Close does nothing
	waitFor(t, "the drainer", func() bool { return rt.drain.pending() == 2 })
	if n := count.closed.Load(); n != 0 {
		t.Fatalf("%d filters closed while an older generation is pinned", n)
	}
	l1.Close()
	waitFor(t, "both filters closed", func() bool { return count.closed.Load() == 2 })
	waitFor(t, "an empty queue", func() bool { return rt.drain.pending() == 0 })
}

func TestCloseClosesTheFiltersOfTheTable(t *testing.T) {
	count := &countingSpec{name: "count"}
	c := newFakeClient(parse(t, `a: Path("/a") -> count() -> count() -> <shunt>; b: * -> count() -> <shunt>`)...)
	o := testOptions(count)
	o.PollTimeout = time.Millisecond
	o.DataClients = []DataClient{c}
	rt := New(o)
	waitFor(t, "routes", func() bool { return matches(rt, "/a", "a") })
	l := rt.Get()
	rt.Close()
	if n := count.closed.Load(); n != 0 {
		t.Fatalf("%d filters closed while pinned", n)
	}
	l.Close()
	if n := count.closed.Load(); n != 3 {
		t.Errorf("got %d filters closed, want 3", n)
	}
	if r, _ := rt.Get().Do(request("GET", "h", "/a")); r != nil {
		t.Error("a lookup after Close matched")
	}
	rt.Close() // idempotent
}

func TestFirstLoad(t *testing.T) {
	c0 := newFakeClient(parse(t, `a: Path("/a") -> <shunt>`)...)
	c1 := newFakeClient(parse(t, `b: Path("/b") -> <shunt>`)...)
	c1.failAll = 1 << 30
	o := testOptions(&countingSpec{name: "count"})
	o.SignalFirstLoad = true
	rt := startRouting(t, o, c0, c1)
	waitFor(t, "route a", func() bool { return matches(rt, "/a", "a") })
	select {
	case <-rt.FirstLoad():
		t.Fatal("first load signalled before every client loaded")
	default:
	}
	waitFor(t, "retries of LoadAll", func() bool {
		c1.mu.Lock()
		defer c1.mu.Unlock()
		return c1.loadAlls > 2
	})
	c1.mu.Lock()
	c1.failAll = 0
	c1.mu.Unlock()
	select {
	case <-rt.FirstLoad():
	case <-time.After(10 * time.Second):
		t.Fatal("no first load")
	}
	if !matches(rt, "/a", "a") || !matches(rt, "/b", "b") {
		t.Error("first load table lacks routes")
	}

	// without the option, the channel is closed from the start
	rt2 := startRouting(t, testOptions(&countingSpec{name: "count"}), newFakeClient())
	select {
	case <-rt2.FirstLoad():
	default:
		t.Error("first load not closed")
	}
}

func TestFailedUpdateLoadsAllAgain(t *testing.T) {
	o := testOptions(&countingSpec{name: "count"})
	log := o.Log.(*testLog)
	c := newFakeClient(parse(t, `a: Path("/a") -> <shunt>`)...)
	rt := startRouting(t, o, c)
	waitFor(t, "route a", func() bool { return matches(rt, "/a", "a") })
	c.mu.Lock()
	c.failNext = true
	c.routes["b"] = parse(t, `b: Path("/b") -> <shunt>`)[0] // only LoadAll will tell
	c.mu.Unlock()
	waitFor(t, "route b", func() bool { return matches(rt, "/b", "b") })
	c.mu.Lock()
	n := c.loadAlls
	c.mu.Unlock()
	if n != 2 {
		t.Errorf("got %d LoadAll calls, want 2", n)
	}
	if log.Count("error while receiving update") != 1 {
		t.Errorf("missing error log:\n%s", log)
	}
}

func TestDuplicateClientIsDropped(t *testing.T) {
	o := testOptions(&countingSpec{name: "count"})
	log := o.Log.(*testLog)
	c := newFakeClient(parse(t, `a: Path("/a") -> <shunt>`)...)
	rt := startRouting(t, o, c, c)
	if len(rt.clients) != 1 {
		t.Errorf("got %d clients, want 1", len(rt.clients))
	}
	if log.Count("is listed more than once") != 1 {
		t.Errorf("missing error log:\n%s", log)
	}
	waitFor(t, "route a", func() bool { return matches(rt, "/a", "a") })
}

// Readers never see a half-applied update: the routes p and q always
// change together, and a pinned lookup sees both at the same version.
func TestConsistentTablesUnderUpdates(t *testing.T) {
	count := &countingSpec{name: "count"}
	pair := func(v int) []*eskip.Route {
		return parse(t, fmt.Sprintf(`
p: Path("/p") -> count() -> "http://v%d";
q: PathSubtree("/q") -> count() -> "http://v%d";
r%d: Path("/r/%d") -> <shunt>;`, v, v, v%50, v%50))
	}
	c := newFakeClient(pair(0)...)
	rt := startRouting(t, testOptions(count), c)
	waitFor(t, "routes", func() bool { return matches(rt, "/p", "p") })

	var stop atomic.Bool
	var wg sync.WaitGroup
	var lookups atomic.Int64
	errs := make(chan string, 16)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			preq, qreq := request("GET", "h", "/p"), request("GET", "h", "/q/x")
			for !stop.Load() {
				l := rt.Get()
				p, _ := l.Do(preq)
				q, params := l.Do(qreq)
				if p == nil || q == nil || p.Backend != q.Backend || params["*"] != "/x" {
					select {
					case errs <- fmt.Sprintf("inconsistent table %d: %v %v", l.Table().Generation(), p, q):
					default:
					}
				}
				for _, r := range []*Route{p, q} {
					if r != nil && r.Filters[0].Filter.(*countingFilter).closed.Load() {
						select {
						case errs <- fmt.Sprintf("filter of %s closed while in use", r.Id):
						default:
						}
					}
				}
				l.Close()
				lookups.Add(1)
			}
		}()
	}
	for v := 1; v <= 200; v++ {
		c.set(pair(v)...)
		if v%7 == 0 {
			waitFor(t, "an update", func() bool {
				r, _ := rt.Route(request("GET", "h", "/p"))
				return r != nil && r.Backend == fmt.Sprintf("http://v%d", v)
			})
		}
	}
	waitFor(t, "the last update", func() bool {
		r, _ := rt.Route(request("GET", "h", "/p"))
		return r != nil && r.Backend == "http://v200"
	})
	stop.Store(true)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if lookups.Load() == 0 {
		t.Error("no lookups")
	}
	// every replaced filter is closed once nothing is pinned
	waitFor(t, "closed filters", func() bool { return count.closed.Load() == count.created.Load()-2 })
}

func TestGetAfterClose(t *testing.T) {
	rt := New(Options{Log: &testLog{}})
	rt.Close()
	l := rt.Get()
	if l.Table() != nil {
		t.Error("a lookup after Close pins a table")
	}
	if r, p := l.Do(request("GET", "h", "/")); r != nil || p != nil {
		t.Error("a lookup after Close matched")
	}
	l.Close()
	if r, _ := rt.Route(request("GET", "h", "/")); r != nil {
		t.Error("the empty table matched")
	}
}

func TestRouteLookupLendsParams(t *testing.T) {
	tab, invalid := Build(eskip.MustParse(`a: Path("/a/:x") -> <shunt>; b: Path("/b/:y/:z") -> <shunt>;`), Options{})
	if len(invalid) != 0 {
		t.Fatalf("invalid routes: %v", invalid)
	}
	l := &RouteLookup{t: tab}
	tab.acquire()
	var maps []map[string]string
	for i := 0; i < 4; i++ {
		_, pa := l.Do(&http.Request{URL: &url.URL{Path: "/a/1"}})
		_, pb := l.Do(&http.Request{URL: &url.URL{Path: "/b/2/3"}})
		if pa["x"] != "1" || len(pa) != 1 {
			t.Fatalf("round %d: params of a: got %v", i, pa)
		}
		if pb["y"] != "2" || pb["z"] != "3" || len(pb) != 2 {
			t.Fatalf("round %d: params of b: got %v", i, pb)
		}
		maps = append(maps, pa, pb)
	}
	if l.nlent != 8 {
		t.Errorf("lent maps: got %d, want 8", l.nlent)
	}
	// Every map handed out is distinct while the lookup is open.
	for i := range maps {
		for j := i + 1; j < len(maps); j++ {
			if reflect.ValueOf(maps[i]).Pointer() == reflect.ValueOf(maps[j]).Pointer() {
				t.Fatalf("maps %d and %d are the same", i, j)
			}
		}
	}
	l.Close()
	for i, m := range maps {
		if len(m) != 0 {
			t.Errorf("map %d not emptied on Close: %v", i, m)
		}
	}
	if l.nlent != 0 || len(l.extra) != 0 {
		t.Errorf("lookup still holds maps after Close: %d", l.nlent)
	}
}
