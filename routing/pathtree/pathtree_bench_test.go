package pathtree

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// benchShapes are the pattern shapes of the generated tables; %d is a
// service number. The /svc-%d, /svc-%d/ and /svc-%d/** group is what a
// PathSubtree("/svc-%d") registers.
var benchShapes = [...]string{
	"/api/v1/svc-%d/users/:id/orders",
	"/api/v1/svc-%d/users/:id",
	"/api/v1/svc-%d/users",
	"/api/v2/svc-%d/items/:item/reviews/:rid",
	"/static/svc-%d/*file",
	"/svc-%d/health",
	"/svc-%d",
	"/svc-%d/",
	"/svc-%d/**",
	"/v3/tenants/t-%d/regions/:region/clusters/:cluster/nodes/:node/metrics",
}

// benchPatterns returns n patterns: every shape for services 0, 1, 2, ...
func benchPatterns(n int) []string {
	out := make([]string, 0, n)
	for i := 0; len(out) < n; i++ {
		out = append(out, fmt.Sprintf(benchShapes[i%len(benchShapes)], i/len(benchShapes)))
	}
	return out
}

func benchTree(b *testing.B, patterns []string) *Tree[int] {
	b.Helper()
	bld := NewBuilder[int](nil)
	for i, p := range patterns {
		if err := bld.Set(p, i); err != nil {
			b.Fatal(err)
		}
	}
	return bld.Tree()
}

// benchPaths returns 4096 request paths made from format with services
// drawn from [0, services).
func benchPaths(format string, services int) []string {
	rng := rand.New(rand.NewPCG(42, uint64(services)))
	out := make([]string, 4096)
	for i := range out {
		out[i] = fmt.Sprintf(format, rng.IntN(services))
	}
	return out
}

func BenchmarkLookup(b *testing.B) {
	cases := []struct {
		name, format string
		hit          bool
	}{
		{"static", "/svc-%d/health", true},
		{"params", "/api/v1/svc-%d/users/4711/orders", true},
		{"wildcard", "/static/svc-%d/js/app.min.js", true},
		{"deep10", "/v3/tenants/t-%d/regions/eu-1/clusters/c7/nodes/n42/metrics", true},
		{"miss", "/api/v1/svc-%d/users/4711/payments", false},
	}
	for _, size := range []int{1000, 100_000, 800_000} {
		tr := benchTree(b, benchPatterns(size))
		services := size / len(benchShapes)
		for _, c := range cases {
			paths := benchPaths(c.format, services)
			b.Run(fmt.Sprintf("patterns=%d/%s", size, c.name), func(b *testing.B) {
				buf := make([]string, 0, 8)
				found := 0
				accept := func(v int, captured []string) bool {
					found++
					return true
				}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					tr.Lookup(paths[i&4095], buf, accept)
					i++
				}
				if c.hit && found != i || !c.hit && found != 0 {
					b.Fatalf("%d of %d lookups matched", found, i)
				}
			})
		}
	}
}

func BenchmarkCleanPath(b *testing.B) {
	for _, p := range []string{"/api/v1/svc-1/users/4711/orders", "/api/v1//svc-1/./users/../users/4711/orders"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = CleanPath(p)
			}
		})
	}
}

// BenchmarkSet measures the copy-on-write cost of changing one pattern of
// an 800,000-pattern tree: Tree.Set and Tree.Delete each return a new
// version, sharing everything off the pattern's path.
func BenchmarkSet(b *testing.B) {
	const size = 800_000
	patterns := benchPatterns(size)
	tr := benchTree(b, patterns)
	services := size / len(benchShapes)
	for _, c := range []struct{ name, format string }{
		{"replace", "/api/v1/svc-%d/users/:id/orders"},
		{"new-under-wide-root", "/svc-%d/metrics"},
		{"new-service", "/api/v1/svc-new-%d/users"},
	} {
		b.Run(c.name, func(b *testing.B) {
			paths := benchPaths(c.format, services)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := tr.Set(paths[i&4095], i); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	b.Run("delete", func(b *testing.B) {
		paths := benchPaths("/svc-%d/health", services)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			tr.Delete(paths[i&4095])
			i++
		}
	})
}

// BenchmarkBuilderBulk measures building an 800,000-pattern tree from
// nothing with one Builder.
func BenchmarkBuilderBulk(b *testing.B) {
	patterns := benchPatterns(800_000)
	b.ReportAllocs()
	for b.Loop() {
		bld := NewBuilder[int](nil)
		for i, p := range patterns {
			if err := bld.Set(p, i); err != nil {
				b.Fatal(err)
			}
		}
		if bld.Tree().Len() != len(patterns) {
			b.Fatal("patterns lost")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(patterns)), "ns/pattern")
}

// BenchmarkMemory reports the heap held by a tree per pattern (the pattern
// strings themselves excluded, as the routes hold them anyway), the nodes
// per pattern, and how many nodes a compression of single static child
// chains would save.
func BenchmarkMemory(b *testing.B) {
	for _, size := range []int{1000, 100_000, 800_000} {
		b.Run(fmt.Sprintf("patterns=%d", size), func(b *testing.B) {
			patterns := benchPatterns(size)
			var tr *Tree[int]
			var bytes uint64
			for b.Loop() {
				tr = nil
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				tr = benchTree(b, patterns)
				runtime.GC()
				runtime.ReadMemStats(&after)
				bytes = after.HeapAlloc - before.HeapAlloc
			}
			// A chain node is a static node with nothing but one static
			// child: path compression would merge it into that child.
			nodes, chain := 0, 0
			var count func(n *node[int], static bool)
			count = func(n *node[int], static bool) {
				nodes++
				if static && !n.has() && n.staticCount() == 1 && n.param == nil && n.wild == nil {
					chain++
				}
				for _, e := range n.statics() {
					count(e.node, true)
				}
				if n.param != nil {
					count(n.param, false)
				}
				if n.wild != nil {
					count(n.wild, false)
				}
			}
			count(tr.root, false)
			b.ReportMetric(float64(bytes)/float64(size), "B/pattern")
			b.ReportMetric(float64(nodes)/float64(size), "nodes/pattern")
			b.ReportMetric(float64(chain)/float64(size), "chain-nodes/pattern")
			runtime.KeepAlive(patterns)
		})
	}
}
