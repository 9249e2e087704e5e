package eskipfile

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openskipper/skipper/logging"
)

// routesDoc returns a document of n routes; route changed gets another
// backend.
func routesDoc(n, changed int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		backend := "http://backend.example:8080"
		if i == changed {
			backend = "http://other.example:8080"
		}
		fmt.Fprintf(&b, "route%d: Path(\"/api/v1/items/%d\") && Method(\"GET\") -> setRequestHeader(\"X-Route\", \"%d\") -> \"%s\";\n", i, i, i, backend)
	}
	return b.String()
}

// BenchmarkWatchOneChange measures a poll of a 100,000-route file in which
// one route changed: read, split into routes, compare, parse the changed
// one.
func BenchmarkWatchOneChange(b *testing.B) {
	const n = 100000
	path := filepath.Join(b.TempDir(), "routes.eskip")
	docs := []string{routesDoc(n, -1), routesDoc(n, n/2)}
	// No settling: the benchmark measures the work, not the wait for a
	// freshly written file to settle.
	c := WatchWithOptions(WatchOptions{Path: path, Log: logging.Discard(), Settle: -1})
	writeFileB(b, path, docs[0])
	if _, err := c.LoadAll(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		writeFileB(b, path, docs[(i+1)%2])
		b.StartTimer()
		up, del, err := c.LoadUpdate()
		if err != nil || len(up) != 1 || len(del) != 0 {
			b.Fatalf("got %d upserts, %d deletes, %v, want 1 upsert", len(up), len(del), err)
		}
	}
}

// BenchmarkWatchUnchanged measures a poll of an unchanged 100,000-route
// file.
func BenchmarkWatchUnchanged(b *testing.B) {
	path := filepath.Join(b.TempDir(), "routes.eskip")
	writeFileB(b, path, routesDoc(100000, -1))
	c := WatchWithOptions(WatchOptions{Path: path, Log: logging.Discard()})
	if _, err := c.LoadAll(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if up, del, err := c.LoadUpdate(); err != nil || len(up) != 0 || len(del) != 0 {
			b.Fatalf("got %d upserts, %d deletes, %v, want nothing", len(up), len(del), err)
		}
	}
}

func writeFileB(b *testing.B, path, content string) {
	b.Helper()
	if err := osWriteFile(path, content); err != nil {
		b.Fatal(err)
	}
}
