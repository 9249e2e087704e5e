package eskip_test

import (
	"strconv"
	"testing"

	"github.com/openskipper/skipper/bench/routegen"
	"github.com/openskipper/skipper/eskip"
)

// BenchmarkParse parses generated documents shaped like a large Kubernetes
// ingress (see package routegen) and reports bytes/s and routes/s.
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run("routes="+strconv.Itoa(n), func(b *testing.B) {
			doc := routegen.Generate(routegen.Options{N: n, Seed: 1})
			routes, err := eskip.Parse(doc)
			if err != nil {
				b.Fatalf("generated document does not parse: %v", err)
			}
			if len(routes) != n {
				b.Fatalf("got %d routes, want %d", len(routes), n)
			}
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eskip.Parse(doc); err != nil {
					b.Fatal(err)
				}
			}
			// b.N holds the loop's iteration count once b.Loop returns false.
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "routes/s")
		})
	}
}
