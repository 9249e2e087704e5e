package proxy_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/builtin"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

// startBuiltinProxy serves the routes of doc, built with the built-in
// filters and extra, by a proxy on a loopback test server. Everything is
// closed at the end of the test, the routing last, so that the filters are
// closed.
func startBuiltinProxy(t *testing.T, doc string, p proxy.Params, extra ...filters.Spec) *httptest.Server {
	t.Helper()
	defs, err := eskip.Parse(doc)
	if err != nil {
		t.Fatalf("parse routes: %v", err)
	}
	reg := builtin.MakeRegistry()
	for _, s := range extra {
		reg.Register(s)
	}
	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{routes(defs)},
		FilterRegistry:  reg,
		SignalFirstLoad: true,
		Log:             logging.Discard(),
		PollTimeout:     time.Hour,
	})
	<-rt.FirstLoad()
	if invalid := rt.InvalidRoutes(); len(invalid) > 0 {
		rt.Close()
		t.Fatalf("invalid routes: %v", invalid)
	}
	p.Routing = rt
	px := proxy.New(p)
	s := httptest.NewServer(px)
	t.Cleanup(func() {
		s.Close()
		px.Close()
		rt.Close()
	})
	return s
}

// hostBackend answers with the Host it received in X-Host and the request
// body in the response body.
func hostBackend(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Host", r.Host)
		w.Header().Set("X-Path", r.URL.RequestURI())
		io.Copy(w, r.Body)
	}))
	t.Cleanup(s.Close)
	return s
}

// dialTo makes the proxy's backend transport connect to addr for every
// backend whose host ends with ".example", keeping the Host header, so
// that routes can name backends on default ports.
func dialTo(addr string) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripperFunc(func(r *http.Request) (*http.Response, error) {
			if strings.HasSuffix(r.URL.Hostname(), ".example") {
				r = r.Clone(r.Context())
				r.URL.Host = addr
			}
			return next.RoundTrip(r)
		})
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// send sends method with body to url with the Host host and returns the
// response and its body.
func send(t *testing.T, method, url, host, body string) (*http.Response, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer rsp.Body.Close()
	b, err := io.ReadAll(rsp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, url, err)
	}
	return rsp, string(b)
}

func TestDynamicBackendFilters(t *testing.T) {
	b := hostBackend(t)
	bHost := strings.TrimPrefix(b.URL, "http://")
	tests := []struct {
		name     string
		filters  string
		wantHost string
	}{
		{"url", `setDynamicBackendUrl("` + b.URL + `/ignored")`, bHost},
		{"host and scheme", `setDynamicBackendHost("` + bHost + `") -> setDynamicBackendScheme("http")`, bHost},
		{"url wins over host", `setDynamicBackendHost("127.0.0.1:1") -> setDynamicBackendUrl("` + b.URL + `")`, bHost},
		{"url from header", `setDynamicBackendUrlFromHeader("X-Target")`, bHost},
		{"url and an explicit Host", `setDynamicBackendUrl("` + b.URL + `") -> setRequestHeader("Host", "explicit.example")`, "explicit.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := startBuiltinProxy(t, `r: * -> `+tt.filters+` -> <dynamic>;`, proxy.Params{})
			req, err := http.NewRequest("POST", px.URL+"/p?q=1", strings.NewReader("body"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("X-Target", b.URL)
			rsp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer rsp.Body.Close()
			got, _ := io.ReadAll(rsp.Body)
			if rsp.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (%s)", rsp.StatusCode, got)
			}
			if string(got) != "body" {
				t.Errorf("body: got %q, want %q", got, "body")
			}
			if h := rsp.Header.Get("X-Host"); h != tt.wantHost {
				t.Errorf("Host at the backend: got %q, want %q", h, tt.wantHost)
			}
			if p := rsp.Header.Get("X-Path"); p != "/p?q=1" {
				t.Errorf("path at the backend: got %q, want %q", p, "/p?q=1")
			}
		})
	}
}

func TestPreserveHostFilter(t *testing.T) {
	b := hostBackend(t)
	bAddr := strings.TrimPrefix(b.URL, "http://")
	tests := []struct {
		name  string
		flags proxy.Flags
		route string
		want  string
	}{
		{name: "default sends the backend host without its default port",
			route: `* -> "http://Backend.Example:80"`, want: "backend.example"},
		{name: "flag sends the incoming Host",
			flags: proxy.PreserveHost, route: `* -> "http://backend.example"`, want: "in.example"},
		{name: "true sends the incoming Host",
			route: `* -> preserveHost("true") -> "http://backend.example"`, want: "in.example"},
		{name: "true with the default port in the backend URL",
			route: `* -> preserveHost("true") -> "http://Backend.Example:80"`, want: "in.example"},
		{name: "false with the flag sends the backend host",
			flags: proxy.PreserveHost, route: `* -> preserveHost("false") -> "http://Backend.Example:80/x"`, want: "backend.example"},
		{name: "false with the flag and another port",
			flags: proxy.PreserveHost, route: `* -> preserveHost("false") -> "http://backend.example:` + portOf(bAddr) + `"`,
			want: "backend.example:" + portOf(bAddr)},
		{name: "explicit Host before true wins",
			route: `* -> setRequestHeader("Host", "x") -> preserveHost("true") -> "http://backend.example"`, want: "x"},
		{name: "explicit Host before false wins",
			flags: proxy.PreserveHost, route: `* -> setRequestHeader("Host", "x") -> preserveHost("false") -> "http://backend.example"`, want: "x"},
		{name: "explicit Host after true wins",
			route: `* -> preserveHost("true") -> setRequestHeader("Host", "x") -> "http://backend.example"`, want: "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := startBuiltinProxy(t, `r: `+tt.route+`;`, proxy.Params{Flags: tt.flags, CustomHttpRoundTripperWrap: dialTo(bAddr)})
			rsp, body := send(t, "GET", px.URL+"/", "in.example", "")
			if rsp.StatusCode != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (%s)", rsp.StatusCode, body)
			}
			if got := rsp.Header.Get("X-Host"); got != tt.want {
				t.Errorf("Host at the backend: got %q, want %q", got, tt.want)
			}
		})
	}
}

func portOf(hostport string) string {
	return hostport[strings.LastIndexByte(hostport, ':')+1:]
}
