package eskip

import (
	"io"
	"strconv"
	"testing"
)

// benchmarkRoutes returns n varied routes: paths, hosts, methods, headers,
// custom predicates, filters with string and number arguments, and all
// backend types.
func benchmarkRoutes(n int) []*Route {
	routes := make([]*Route, n)
	for i := range routes {
		s := strconv.Itoa(i)
		r := &Route{
			Id:   "route_" + s,
			Path: "/api/v1/resource" + s + "/:id",
			Predicates: []*Predicate{
				{Name: "Weight", Args: []interface{}{float64(i % 10)}},
				{Name: "Traffic", Args: []interface{}{0.25}},
			},
			Filters: []*Filter{
				{Name: "setRequestHeader", Args: []interface{}{"X-Route", "route " + s}},
				{Name: "modPath", Args: []interface{}{`^/api/v1`, "/v1"}},
				{Name: "ratelimit", Args: []interface{}{float64(20), "1m"}},
			},
		}
		switch i % 5 {
		case 0:
			r.Backend = "http://backend-" + s + ".example.org:8080"
		case 1:
			r.BackendType = ShuntBackend
			r.Shunt = true
			r.Method = "GET"
		case 2:
			r.BackendType = LBBackend
			r.LBAlgorithm = "roundRobin"
			r.LBEndpoints = []*LBEndpoint{{Address: "http://10.0.0.1:80"}, {Address: "http://10.0.0.2:80", Zone: "eu-1"}}
			r.HostRegexps = []string{`^www[.]example` + s + `[.]org$`}
		case 3:
			r.BackendType = LoopBackend
			r.Headers = map[string]string{"X-Tenant": "t" + s, "Accept": "application/json"}
		case 4:
			r.Backend = "https://backend.example.org"
			r.HeaderRegexps = map[string][]string{"User-Agent": {`Mozilla/\d+`}}
			r.PathRegexps = []string{`^/api/v[0-9]+/`}
		}
		routes[i] = r
	}
	return routes
}

func BenchmarkPrint(b *testing.B) {
	routes := benchmarkRoutes(10000)
	b.Run("String", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = String(routes...)
		}
	})
	b.Run("Fprint", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Fprint(io.Discard, PrettyPrintInfo{}, routes...)
		}
	})
	b.Run("FprintPretty", func(b *testing.B) {
		b.ReportAllocs()
		p := PrettyPrintInfo{Pretty: true, IndentStr: "  "}
		for b.Loop() {
			Fprint(io.Discard, p, routes...)
		}
	})
}
