package eskip

import (
	"strconv"
	"strings"
	"testing"
)

// syntheticDocument builds a document of n realistic routes: paths with
// parameters, hosts, methods, headers, one to three filters with string and
// number arguments, and network, shunt and load-balanced backends.
func syntheticDocument(n int) string {
	var b strings.Builder
	methods := [...]string{"GET", "POST", "PUT", "DELETE"}
	for i := 0; i < n; i++ {
		s := strconv.Itoa(i)
		b.WriteString("route_" + s + `: Path("/api/v1/team` + s + `/:id/items/:item")`)
		if i%2 == 0 {
			b.WriteString(` && Host(/^service-` + s + `[.]example[.]org$/)`)
		}
		b.WriteString(` && Method("` + methods[i%len(methods)] + `")`)
		if i%3 == 0 {
			b.WriteString(` && Header("X-Tenant", "tenant-` + s + `")`)
		}
		if i%5 == 0 {
			b.WriteString(` && Weight(` + strconv.Itoa(i%7) + `)`)
		}
		b.WriteString("\n  -> setRequestHeader(\"X-Route\", \"route-" + s + "\")")
		if i%2 == 1 {
			b.WriteString(` -> ratelimit(20, "1m")`)
		}
		if i%3 == 1 {
			b.WriteString(` -> modPath(/^\/api\/v1/, "/v1") -> status(0.5)`)
		}
		switch i % 10 {
		case 0:
			b.WriteString(" -> <shunt>;\n")
		case 1:
			b.WriteString(` -> <roundRobin, "http://10.0.` + strconv.Itoa(i%250) + `.1:8080", "http://10.0.` + strconv.Itoa(i%250) + ".2:8080\">;\n")
		default:
			b.WriteString(` -> "http://backend-` + s + `.internal:8080";` + "\n")
		}
	}
	return b.String()
}

// BenchmarkParseSmall parses a synthetic document of 10,000 routes and
// reports routes per second, allocations and bytes per route.
func BenchmarkParseSmall(b *testing.B) {
	const n = 10000
	doc := syntheticDocument(n)
	routes, err := Parse(doc)
	if err != nil {
		b.Fatal(err)
	}
	if len(routes) != n {
		b.Fatalf("got %d routes, want %d", len(routes), n)
	}
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "routes/s")
}

// BenchmarkParseEach is BenchmarkParseSmall through ParseEach, which also
// computes the position of every route.
func BenchmarkParseEach(b *testing.B) {
	const n = 10000
	doc := syntheticDocument(n)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		count := 0
		if errs := ParseEach(doc, func(*Route, Position) { count++ }); len(errs) > 0 || count != n {
			b.Fatalf("got %d routes and errors %v, want %d routes", count, errs, n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "routes/s")
}
