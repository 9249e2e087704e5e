package routing_test

import (
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openskipper/skipper/bench/routegen"
	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/builtin"
	"github.com/openskipper/skipper/routing"
)

// The table sizes of the benchmarks. 1,000 is the baseline that lookups at
// 800,000 are compared with.
var benchSizes = []int{1_000, 10_000, 100_000, 800_000}

const benchSeed = 42

// benchData is a generated document, parsed, with requests that hit its
// routes. Parsing 800,000 routes takes seconds, so it is done once per size
// and kept for all benchmarks of the run.
type benchData struct {
	n      int
	routes []*eskip.Route
	// hits match routes without path parameters, params routes with some.
	hits, params []*http.Request
	// deep is a request for the route with the most path segments.
	deep *http.Request
	// misses match no route.
	misses []*http.Request
}

type benchCache struct {
	mu   sync.Mutex
	data map[int]*benchData
}

var cache = &benchCache{data: map[int]*benchData{}}

// benchOptions returns the options of the benchmark tables: the built-in
// predicates (the generator uses Traffic) and a no-op stand-in registered
// under the name of every filter the generator uses, since those filters
// do not exist in this package.
func benchOptions(b testing.TB) routing.Options {
	reg := filters.Registry{}
	for _, name := range routegen.FilterNames() {
		reg.Register(nopSpec(name))
	}
	return routing.Options{FilterRegistry: reg, Predicates: builtinPredicates(b)}
}

func toRequest(r routegen.Request) *http.Request {
	return &http.Request{Method: r.Method, Host: r.Host, URL: &url.URL{Path: r.Path}, Header: r.Header}
}

func loadBench(b *testing.B, n int) *benchData {
	b.Helper()
	cache.mu.Lock()
	defer cache.mu.Unlock()
	if d := cache.data[n]; d != nil {
		return d
	}
	o := routegen.Options{N: n, Seed: benchSeed}
	routes, err := eskip.Parse(routegen.Generate(o))
	if err != nil {
		b.Fatal(err)
	}
	d := &benchData{n: n, routes: routes}
	tab, invalid := routing.Build(routes, benchOptions(b))
	if len(invalid) != 0 {
		b.Fatalf("%d invalid routes, first: %v", len(invalid), invalid[0])
	}
	deepest := 0
	for _, gr := range routegen.Requests(o, 2048) {
		req := toRequest(gr)
		r, params := tab.Match(req)
		if r == nil || r.Id != gr.RouteID {
			continue // a route of equal priority may win; skip such requests
		}
		if len(params) == 0 {
			d.hits = append(d.hits, req)
		} else {
			d.params = append(d.params, req)
		}
		if s := strings.Count(gr.Path, "/"); s > deepest {
			deepest, d.deep = s, req
		}
	}
	for i := 0; i < 256; i++ {
		req := toRequest(routegen.Request{Method: "GET", Host: fmt.Sprintf("unknown-%d.example.org", i),
			Path: fmt.Sprintf("/nowhere/%d/x", i)})
		if r, _ := tab.Match(req); r == nil {
			d.misses = append(d.misses, req)
		}
	}
	if len(d.hits) == 0 || len(d.params) == 0 || len(d.misses) == 0 {
		b.Fatalf("too few requests: %d hits, %d with params, %d misses", len(d.hits), len(d.params), len(d.misses))
	}
	cache.data[n] = d
	return d
}

func sizeName(n int) string {
	if n >= 1000 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// BenchmarkLookup matches requests against generated tables: hits on
// routes without parameters, hits with parameters, the deepest path, and
// misses. The plain sets cycle through 64 requests, a working set that
// stays in the CPU caches as the popular routes of a proxy do, so they
// measure the cost of the algorithm; the -spread sets cycle through all
// requests (more than 1,000, drawn uniformly from the whole table), so at
// 800,000 routes nearly every lookup misses the caches and they measure
// the memory latency of the machine as well.
func BenchmarkLookup(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(sizeName(n), func(b *testing.B) {
			d := loadBench(b, n)
			tab, _ := routing.Build(d.routes, benchOptions(b))
			run := func(name string, reqs []*http.Request, hit bool) {
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						r, _ := tab.Match(reqs[i%len(reqs)])
						if (r != nil) != hit {
							b.Fatalf("unexpected result for %s", reqs[i%len(reqs)].URL.Path)
						}
					}
				})
			}
			hot := func(reqs []*http.Request) []*http.Request { return reqs[:min(64, len(reqs))] }
			run("hit", hot(d.hits), true)
			run("hit-spread", d.hits, true)
			run("params", hot(d.params), true)
			run("params-spread", d.params, true)
			run("deep", []*http.Request{d.deep}, true)
			run("miss", d.misses, false)
		})
	}
}

// BenchmarkBuild builds complete tables from parsed routes.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes[1:] {
		b.Run(sizeName(n), func(b *testing.B) {
			d := loadBench(b, n)
			o := benchOptions(b)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				routing.Build(d.routes, o)
			}
		})
	}
}

// variant returns a copy of r with a different backend.
func variant(r *eskip.Route, v int) *eskip.Route {
	c := r.Copy()
	c.BackendType = eskip.NetworkBackend
	c.Backend = fmt.Sprintf("http://10.0.0.%d:80", v%250)
	c.LBEndpoints, c.LBAlgorithm, c.Shunt = nil, "", false
	return c
}

// BenchmarkUpdate applies updates of 1 and of 100 routes to a table of
// 800,000 routes, as the updater does for a data client's LoadUpdate.
func BenchmarkUpdate(b *testing.B) {
	for _, n := range []int{800_000} {
		d := loadBench(b, n)
		u := routing.NewUpdater(benchOptions(b))
		u.Reset(d.routes)
		for _, k := range []int{1, 100} {
			b.Run(fmt.Sprintf("%s/%d", sizeName(n), k), func(b *testing.B) {
				b.ReportAllocs()
				// 16 sets of k routes, each in two versions: every update
				// changes the routes it sends
				var batches [2][16][]*eskip.Route
				for v := range batches {
					for j := range batches[v] {
						for i := 0; i < k; i++ {
							batches[v][j] = append(batches[v][j], variant(d.routes[(j*7919+i*104729)%n], v))
						}
					}
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					u.Update(batches[(i/16)%2][i%16], nil)
				}
			})
		}
	}
}

// heapAfterGC returns the live heap.
func heapAfterGC() uint64 { return gcStatsNow().live }

// twoTwo returns n routes with two predicates and two filters each, in
// groups of eight per host as in the generator.
func twoTwo(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "r%d: Host(/^app-%d[.]example[.]org$/) && Path(\"/api/res%d/:id\")"+
			" -> setRequestHeader(\"X-Team\", \"team%d\") -> setPath(\"/res%d\") -> \"http://10.%d.%d.%d:8080\";\n",
			i, i/8, i%61, i%20, i%61, i/65536%256, i/256%256, i%256)
	}
	return b.String()
}

// BenchmarkHeapPerRoute reports the live heap per route, with the document
// text and the parsed definitions that the routes keep, for tables built
// from generated documents ("gen") and from routes with two predicates and
// two filters each ("2p2f"): B/route for a table from Build,
// B/route-routing for the table with the updater's bookkeeping, as a
// Routing keeps it.
func BenchmarkHeapPerRoute(b *testing.B) {
	docs := map[string]func(n int) string{
		"gen":  func(n int) string { return routegen.Generate(routegen.Options{N: n, Seed: benchSeed}) },
		"2p2f": twoTwo,
	}
	for _, kind := range []string{"gen", "2p2f"} {
		for _, n := range benchSizes[1:] {
			b.Run(kind+"/"+sizeName(n), func(b *testing.B) {
				o := benchOptions(b)
				for i := 0; i < b.N; i++ {
					var tab *routing.Table
					var u *routing.Updater
					before := heapAfterGC()
					func() {
						routes, err := eskip.Parse(docs[kind](n))
						if err != nil {
							b.Fatal(err)
						}
						tab, _ = routing.Build(routes, o)
					}()
					after := heapAfterGC()
					b.ReportMetric(float64(after-before)/float64(n), "B/route")
					runtime.KeepAlive(tab)
					tab = nil
					before = heapAfterGC()
					func() {
						routes, err := eskip.Parse(docs[kind](n))
						if err != nil {
							b.Fatal(err)
						}
						u = routing.NewUpdater(o)
						tab = u.Reset(routes)
					}()
					after = heapAfterGC()
					b.ReportMetric(float64(after-before)/float64(n), "B/route-routing")
					runtime.KeepAlive(u)
					runtime.KeepAlive(tab)
				}
			})
		}
	}
}

// BenchmarkGetLookup is the proxy's path: pin, match, release. Pinned
// lookups lend their parameter maps from a pool, so a hit costs one
// allocation (the lookup itself), with or without parameters.
func BenchmarkGetLookup(b *testing.B) {
	for _, n := range []int{1_000, 800_000} {
		b.Run(sizeName(n), func(b *testing.B) {
			d := loadBench(b, n)
			c := &staticClient{routes: d.routes}
			o := benchOptions(b)
			o.DataClients = []routing.DataClient{c}
			o.SignalFirstLoad = true
			o.SuppressLogs = true
			o.Log = discard{}
			rt := routing.New(o)
			defer rt.Close()
			select {
			case <-rt.FirstLoad():
			case <-time.After(5 * time.Minute):
				b.Fatal("no first load")
			}
			run := func(name string, reqs []*http.Request) {
				b.Run(name, func(b *testing.B) {
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						l := rt.Get()
						if r, _ := l.Do(reqs[i%len(reqs)]); r == nil {
							b.Fatal("no match")
						}
						l.Close()
					}
				})
			}
			hot := func(reqs []*http.Request) []*http.Request { return reqs[:min(64, len(reqs))] }
			run("hit", hot(d.hits))
			run("hit-spread", d.hits)
			run("params", hot(d.params))
			run("params-spread", d.params)
		})
	}
}

type staticClient struct{ routes []*eskip.Route }

func (c *staticClient) LoadAll() ([]*eskip.Route, error)              { return c.routes, nil }
func (c *staticClient) LoadUpdate() ([]*eskip.Route, []string, error) { return nil, nil, nil }

type discard struct{}

func (discard) Debugf(string, ...interface{}) {}
func (discard) Infof(string, ...interface{})  {}
func (discard) Warnf(string, ...interface{})  {}
func (discard) Errorf(string, ...interface{}) {}

// BenchmarkRoutesListing measures the listing of 800,000 routes: "first"
// is the first Routes call on a table, which walks the tree and sorts by
// id; once a table has been listed, the updater keeps the sorted list of
// the next generations up to date: "update" is a one-route update that
// does so, and "next" the first Routes call on such a generation.
func BenchmarkRoutesListing(b *testing.B) {
	d := loadBench(b, 800_000)
	r := d.routes[12345]
	b.Run("first", func(b *testing.B) {
		u := routing.NewUpdater(benchOptions(b))
		u.Reset(d.routes)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			tab := u.Reset(d.routes) // a new generation without a listing
			b.StartTimer()
			if len(tab.Routes()) != len(d.routes) {
				b.Fatal("routes missing")
			}
		}
	})
	u := routing.NewUpdater(benchOptions(b))
	u.Reset(d.routes).Routes()
	b.Run("update", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			u.Update([]*eskip.Route{variant(r, i%2)}, nil)
		}
	})
	b.Run("next", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			tab := u.Update([]*eskip.Route{variant(r, i%2)}, nil)
			b.StartTimer()
			if len(tab.Routes()) != len(d.routes) {
				b.Fatal("routes missing")
			}
		}
	})
}

// BenchmarkTableGC measures what a table costs the garbage collector, as
// the proxy holds it: generated routes with the built-in filters (no-op
// stand-ins for the generator's filters that do not exist yet), built by
// an Updater, the parsed definitions released. It reports, per route, the
// live heap (B/route), the heap objects (objects/route) and the bytes the
// collector has to scan for pointers (scanB/route), and the time of one
// forced collection with the table live (gc-ms). The collector's marking
// of these is what slows requests down at 800,000 routes (see
// docs/performance.md): a table of the same size without pointers costs
// next to nothing.
func BenchmarkTableGC(b *testing.B) {
	for _, n := range []int{100_000, 800_000} {
		b.Run(sizeName(n), func(b *testing.B) {
			reg := builtin.MakeRegistry()
			for _, name := range routegen.FilterNames() {
				if _, ok := reg[name]; !ok {
					reg.Register(nopSpec(name))
				}
			}
			o := routing.Options{FilterRegistry: reg, Predicates: builtinPredicates(b)}
			doc := routegen.Generate(routegen.Options{N: n, Seed: benchSeed})
			for i := 0; i < b.N; i++ {
				before := gcStatsNow()
				u := routing.NewUpdater(o)
				func() {
					routes, err := eskip.Parse(doc)
					if err != nil {
						b.Fatal(err)
					}
					u.Reset(routes)
				}()
				after := gcStatsNow()
				start := time.Now()
				runtime.GC()
				took := time.Since(start)
				runtime.KeepAlive(u)
				per := func(a, b uint64) float64 { return float64(a-b) / float64(n) }
				b.ReportMetric(per(after.live, before.live), "B/route")
				b.ReportMetric(per(after.objects, before.objects), "objects/route")
				b.ReportMetric(per(after.scan, before.scan), "scanB/route")
				b.ReportMetric(float64(took.Microseconds())/1000, "gc-ms")
			}
		})
	}
}

// gcStats are the collector's figures of the live heap.
type gcStats struct{ live, objects, scan uint64 }

// gcStatsNow collects twice, so that what the first collection freed is
// swept, and reads the live heap, its objects and its scannable bytes.
func gcStatsNow() gcStats {
	runtime.GC()
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/objects:objects"}, {Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return gcStats{live: s[0].Value.Uint64(), objects: s[1].Value.Uint64(), scan: s[2].Value.Uint64()}
}
