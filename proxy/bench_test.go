package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkProxy measures a round trip through the proxy on loopback with
// a real client: a shunt route answered by a filter, and a route proxied
// to a local backend.
func BenchmarkProxy(b *testing.B) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "hello world")
	}))
	defer backend.Close()
	doc := `
shunt: Path("/shunt") -> serve(200, "hello world") -> <shunt>;
proxied: Path("/proxied") -> "` + backend.URL + `";
`
	s, _ := startProxy(b, doc, Params{})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	for _, path := range []string{"/shunt", "/proxied"} {
		b.Run(path[1:], func(b *testing.B) {
			req, _ := http.NewRequest("GET", s.URL+path, nil)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rsp, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, rsp.Body)
				rsp.Body.Close()
				if rsp.StatusCode != 200 {
					b.Fatalf("status: got %d, want 200", rsp.StatusCode)
				}
			}
		})
	}
}

// BenchmarkServeHTTP measures the proxy's handler alone, without client
// and server: allocations per request of the pipeline itself.
func BenchmarkServeHTTP(b *testing.B) {
	_, px := startProxy(b, `shunt: Path("/shunt") -> serve(200, "hello world") -> <shunt>;`, Params{})
	req := httptest.NewRequest("GET", "/shunt", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := discardResponse{h: make(http.Header, 4)}
		px.ServeHTTP(&w, req)
	}
}

type discardResponse struct {
	h http.Header
}

func (d *discardResponse) Header() http.Header         { return d.h }
func (d *discardResponse) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardResponse) WriteHeader(int)             {}
