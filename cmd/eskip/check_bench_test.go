package main

import (
	"io"
	"strconv"
	"testing"

	"github.com/openskipper/skipper/bench/routegen"
)

// BenchmarkCheck checks a generated document shaped like a large Kubernetes
// ingress, in process, and reports bytes/s and routes/s. The wall time and
// peak memory of the binary on 800,000 routes are measured by
// bench/eskip-check.sh.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run("routes="+strconv.Itoa(n), func(b *testing.B) {
			doc := routegen.Generate(routegen.Options{N: n, Seed: 1})
			s := &stdio{in: nil, inTerminal: true, out: io.Discard, err: io.Discard}
			srcs := []source{{kind: inlineSource, name: inlineName, text: doc}}
			if err := runCheck(s, srcs); err != nil {
				b.Fatalf("generated document does not check: %v", err)
			}
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				if err := runCheck(s, srcs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "routes/s")
		})
	}
}
