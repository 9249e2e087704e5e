package proxy

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openskipper/skipper/filters"
)

func TestLoopback(t *testing.T) {
	doc := `
start: Path("/start") -> trace("start") -> setPath("/middle") -> <loopback>;
middle: Path("/middle") -> trace("middle") -> setPath("/end") -> <loopback>;
end: Path("/end") -> trace("end") -> routeId() -> serve(200, "end") -> <shunt>;
params: Path("/a/:x") -> setPath("/b/2") -> <loopback>;
paramsEnd: Path("/b/:y") -> param("x") -> param("y") -> <shunt>;
forever: Path("/forever") -> handleErrors() -> <loopback>;
missing: Path("/missing") -> setPath("/none") -> <loopback>;
`
	tests := []struct {
		name       string
		maxLoops   int
		path       string
		wantStatus int
		wantHeader map[string]string
	}{
		{name: "a chain of loopbacks", path: "/start", wantStatus: 200,
			wantHeader: map[string]string{"X-Trace": "end,middle,start", "X-Route": "end"}},
		{name: "params of outer routes are merged", path: "/a/1", wantStatus: 404,
			wantHeader: map[string]string{"X-Param-x": "1", "X-Param-y": "2"}},
		{name: "the loop limit", path: "/forever", wantStatus: 500,
			wantHeader: map[string]string{"X-Error-Handled": "500"}},
		{name: "no loopbacks allowed", maxLoops: -1, path: "/start", wantStatus: 500},
		{name: "two loopbacks allowed", maxLoops: 2, path: "/start", wantStatus: 200},
		{name: "one loopback too few", maxLoops: 1, path: "/start", wantStatus: 500},
		{name: "no route after a loopback", path: "/missing", wantStatus: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, doc, Params{MaxLoops: tt.maxLoops})
			status, h, _ := get(t, nil, s.URL+tt.path, nil)
			if status != tt.wantStatus {
				t.Errorf("status: got %d, want %d", status, tt.wantStatus)
			}
			for k, want := range tt.wantHeader {
				if got := strings.Join(h.Values(k), ","); got != want {
					t.Errorf("header %s: got %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestLoopbackWithResponse(t *testing.T) {
	doc := `
first: Path("/first") -> setResponseHeader("X-Outer", "yes") -> loopbackIfStatus(404, "/second") -> <shunt>;
second: Path("/second") -> serve(200, "second") -> <shunt>;
`
	s, _ := startProxy(t, doc, Params{})
	status, h, body := get(t, nil, s.URL+"/first", nil)
	if status != 200 || body != "second" {
		t.Errorf("got %d %q, want 200 %q", status, body, "second")
	}
	if h.Get("X-Outer") != "yes" {
		t.Errorf("outer response filter did not run after the loopback")
	}
}

func TestDynamicBackend(t *testing.T) {
	b := echoBackend(t)
	bHost := strings.TrimPrefix(b.URL, "http://")
	tests := []struct {
		name    string
		filters string
		host    string
		want    int
	}{
		{name: "url", filters: fmt.Sprintf(`state("backend:dynamic:url", "%s/ignored")`, b.URL), want: 200},
		{name: "host and scheme", filters: fmt.Sprintf(`state("backend:dynamic:host", "%s") -> state("backend:dynamic:scheme", "http")`, bHost), want: 200},
		{name: "url wins over host", filters: fmt.Sprintf(`state("backend:dynamic:url", "%s") -> state("backend:dynamic:host", "127.0.0.1:1")`, b.URL), want: 200},
		{name: "the incoming host by default", filters: `trace("x")`, host: bHost, want: 200},
		{name: "a bad scheme", filters: `state("backend:dynamic:url", "ftp://localhost")`, want: 502},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> `+tt.filters+` -> <dynamic>;`, Params{})
			h := http.Header{}
			if tt.host != "" {
				h.Set("Host", tt.host)
			}
			status, rh, body := get(t, nil, s.URL+"/dyn?q=1", h)
			if status != tt.want {
				t.Fatalf("status: got %d, want %d (%q)", status, tt.want, body)
			}
			if tt.want == 200 && rh.Get("X-Path") != "/dyn?q=1" {
				t.Errorf("backend path: got %q, want %q", rh.Get("X-Path"), "/dyn?q=1")
			}
		})
	}
}

func TestLoadBalancedRoundRobin(t *testing.T) {
	var hits [3]atomic.Int64
	var urls []string
	for i := range hits {
		s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits[i].Add(1)
			fmt.Fprint(w, i)
		}))
		t.Cleanup(s.Close)
		urls = append(urls, `"`+s.URL+`"`)
	}
	s, _ := startProxy(t, `r: * -> <roundRobin, `+strings.Join(urls, ", ")+`>;`, Params{})
	for i := 0; i < 30; i++ {
		if status, _, _ := get(t, nil, s.URL+"/", nil); status != 200 {
			t.Fatalf("status: got %d, want 200", status)
		}
	}
	for i := range hits {
		if got := hits[i].Load(); got != 10 {
			t.Errorf("endpoint %d: got %d requests, want 10", i, got)
		}
	}
}

func TestLoadBalancedRetry(t *testing.T) {
	b := echoBackend(t)
	s, _ := startProxy(t, `r: * -> <"http://127.0.0.1:1", "`+b.URL+`">;`, Params{})
	for i := 0; i < 6; i++ {
		status, _, body := get(t, nil, s.URL+"/", nil)
		if status != 200 || body != "backend" {
			t.Fatalf("request %d: got %d %q, want 200 %q", i, status, body, "backend")
		}
	}
	// with a body, no retry: about every second request fails
	failed := 0
	for i := 0; i < 6; i++ {
		rsp, err := http.Post(s.URL+"/", "text/plain", strings.NewReader("payload"))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, rsp.Body)
		rsp.Body.Close()
		if rsp.StatusCode == http.StatusBadGateway {
			failed++
		}
	}
	if failed != 3 {
		t.Errorf("requests with a body: got %d failures, want 3 (no retry)", failed)
	}
}

func TestHostHeader(t *testing.T) {
	b := echoBackend(t)
	bHost := strings.TrimPrefix(b.URL, "http://")
	tests := []struct {
		name    string
		filters string
		flags   Flags
		want    string
	}{
		{name: "the backend's host", want: bHost},
		{name: "the incoming host with PreserveHost", flags: PreserveHost, want: "incoming.example"},
		{name: "a filter wins over PreserveHost", flags: PreserveHost, filters: `setRequestHeader("Host", "filter.example") ->`, want: "filter.example"},
		{name: "a filter wins over the backend", filters: `setRequestHeader("Host", "filter.example") ->`, want: "filter.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> `+tt.filters+` "`+b.URL+`";`, Params{Flags: tt.flags})
			_, h, _ := get(t, nil, s.URL+"/", http.Header{"Host": {"incoming.example"}})
			if got := h.Get("X-Host"); got != tt.want {
				t.Errorf("Host: got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFilterContextBackendInfo(t *testing.T) {
	tests := []struct {
		name        string
		backend     string
		wantURL     string
		wantOutHost string
	}{
		{name: "network", backend: `"http://Example.org"`, wantURL: "http://Example.org", wantOutHost: "example.org"},
		{name: "network with port", backend: `"https://example.org:8443/x"`, wantURL: "https://example.org:8443/x", wantOutHost: "example.org:8443"},
		{name: "shunt", backend: `<shunt>`, wantURL: "", wantOutHost: "incoming.example"},
		{name: "dynamic", backend: `<dynamic>`, wantURL: "", wantOutHost: ""},
		{name: "load balanced", backend: `<"http://a", "http://b">`, wantURL: "", wantOutHost: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> describe() -> serve(200, "") -> `+tt.backend+`;`, Params{})
			_, h, _ := get(t, nil, s.URL+"/", http.Header{"Host": {"incoming.example"}})
			if got := h.Get("X-Backend-Url"); got != tt.wantURL {
				t.Errorf("BackendUrl: got %q, want %q", got, tt.wantURL)
			}
			if got := h.Get("X-Outgoing-Host"); got != tt.wantOutHost {
				t.Errorf("OutgoingHost: got %q, want %q", got, tt.wantOutHost)
			}
		})
	}
}

func TestOutgoingRequest(t *testing.T) {
	b := echoBackend(t)
	tests := []struct {
		name   string
		flags  Flags
		header http.Header
		check  func(t *testing.T, h http.Header)
	}{
		{name: "no user agent is sent as empty", check: func(t *testing.T, h http.Header) {
			if got := h.Get("X-Req-User-Agent"); got != "" {
				t.Errorf("User-Agent: got %q, want empty", got)
			}
		}},
		{name: "a user agent is kept", header: http.Header{"User-Agent": {"tester/1"}}, check: func(t *testing.T, h http.Header) {
			if got := h.Get("X-Req-User-Agent"); got != "tester/1" {
				t.Errorf("User-Agent: got %q, want %q", got, "tester/1")
			}
		}},
		{name: "hop headers are kept by default", header: http.Header{"Proxy-Authorization": {"x"}}, check: func(t *testing.T, h http.Header) {
			if got := h.Get("X-Req-Proxy-Authorization"); got != "x" {
				t.Errorf("Proxy-Authorization: got %q, want %q", got, "x")
			}
		}},
		{name: "hop headers are removed with the flag", flags: HopHeadersRemoval,
			header: http.Header{"Proxy-Authorization": {"x"}, "Keep-Alive": {"1"}, "X-Other": {"y"}}, check: func(t *testing.T, h http.Header) {
				if got := h.Get("X-Req-Proxy-Authorization") + h.Get("X-Req-Keep-Alive"); got != "" {
					t.Errorf("hop headers: got %q, want none", got)
				}
				if got := h.Get("X-Req-X-Other"); got != "y" {
					t.Errorf("X-Other: got %q, want %q", got, "y")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{Flags: tt.flags})
			req, _ := http.NewRequest("GET", s.URL+"/x", nil)
			req.Header = tt.header
			if req.Header == nil || req.Header.Get("User-Agent") == "" {
				// suppress the Go client's default User-Agent
				if req.Header == nil {
					req.Header = http.Header{}
				}
				req.Header["User-Agent"] = nil
			}
			rsp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			rsp.Body.Close()
			tt.check(t, rsp.Header)
		})
	}
}

func TestRequestBody(t *testing.T) {
	b := echoBackend(t)
	s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{})
	tests := []struct {
		name   string
		body   io.Reader
		length int64
	}{
		{name: "with a length", body: strings.NewReader("hello body"), length: 10},
		{name: "chunked", body: io.MultiReader(strings.NewReader("hello "), strings.NewReader("body")), length: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", s.URL+"/", tt.body)
			req.ContentLength = tt.length
			rsp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			rsp.Body.Close()
			if got := rsp.Header.Get("X-Body"); got != "hello body" {
				t.Errorf("body at the backend: got %q, want %q", got, "hello body")
			}
		})
	}
}

// accessRecorder is an access logger that keeps the statuses.
type accessRecorder struct {
	mu       sync.Mutex
	statuses []int
	routes   []string
}

func (a *accessRecorder) LogAccess(e *AccessEntry) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.statuses = append(a.statuses, e.StatusCode)
	a.routes = append(a.routes, e.RouteID)
}

func (a *accessRecorder) last() (int, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.statuses) == 0 {
		return 0, ""
	}
	return a.statuses[len(a.statuses)-1], a.routes[len(a.routes)-1]
}

func TestStatusCodes(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	tests := []struct {
		name   string
		route  string
		params Params
		want   int
	}{
		{name: "dial failure", route: `r: * -> "http://127.0.0.1:1";`, want: 502},
		{name: "backend timeout", route: `r: * -> backendTimeout(50) -> "` + slow.URL + `";`, want: 504},
		{name: "response header timeout", route: `r: * -> "` + slow.URL + `";`,
			params: Params{ResponseHeaderTimeout: 50 * time.Millisecond}, want: 504},
		{name: "unsupported scheme", route: `r: * -> "ftp://127.0.0.1:1";`, want: 502},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, tt.route, tt.params)
			status, _, body := get(t, nil, s.URL+"/", nil)
			if status != tt.want || body != http.StatusText(tt.want)+"\n" {
				t.Errorf("got %d %q, want %d %q", status, body, tt.want, http.StatusText(tt.want)+"\n")
			}
		})
	}
}

func TestClientGone(t *testing.T) {
	started := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done()
	}))
	t.Cleanup(slow.Close)
	log := &accessRecorder{}
	s, _ := startProxy(t, `r: * -> "`+slow.URL+`";`, Params{AccessLog: log})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/", nil)
	go func() {
		<-started
		cancel()
	}()
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("the request did not fail")
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if status, route := log.last(); status != 0 {
			if status != StatusClientClosedRequest {
				t.Errorf("status: got %d, want %d", status, StatusClientClosedRequest)
			}
			if route != "r" {
				t.Errorf("route id in the access log: got %q, want %q", route, "r")
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("no access log entry")
}

// openBreaker is a circuit breaker hook that is always open.
type openBreaker struct{}

func (openBreaker) Get(string, filters.FilterContext) CircuitBreaker { return openBreaker{} }

func (openBreaker) Allow() (func(bool), bool) { return nil, false }

// denyAll is a rate limit hook that rejects every request.
type denyAll struct{}

func (denyAll) Allow(*http.Request) (bool, int, int) { return false, 10, 7 }

func TestHooks(t *testing.T) {
	b := echoBackend(t)
	tests := []struct {
		name       string
		params     Params
		wantStatus int
		wantHeader map[string]string
	}{
		{name: "circuit breaker", params: Params{CircuitBreakers: openBreaker{}}, wantStatus: 503,
			wantHeader: map[string]string{"X-Circuit-Open": "true"}},
		{name: "global rate limit", params: Params{GlobalRatelimit: denyAll{}}, wantStatus: 429,
			wantHeader: map[string]string{"X-Rate-Limit": "10", "Retry-After": "7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, tt.params)
			status, h, _ := get(t, nil, s.URL+"/", nil)
			if status != tt.wantStatus {
				t.Errorf("status: got %d, want %d", status, tt.wantStatus)
			}
			for k, want := range tt.wantHeader {
				if got := h.Get(k); got != want {
					t.Errorf("header %s: got %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestStreaming(t *testing.T) {
	release := make(chan struct{})
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "data: first\n\n")
		w.(http.Flusher).Flush()
		<-release
		io.WriteString(w, "data: second\n\n")
	}))
	t.Cleanup(b.Close)
	defer close(release)
	s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{})
	type result struct {
		line string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		rsp, err := http.Get(s.URL + "/events")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer rsp.Body.Close()
		line, err := bufio.NewReader(rsp.Body).ReadString('\n')
		got <- result{line, err}
	}()
	select {
	case r := <-got:
		if r.err != nil || r.line != "data: first\n" {
			t.Errorf("first event: got %q, %v, want %q", r.line, r.err, "data: first\n")
		}
	case <-time.After(5 * time.Second):
		t.Error("the first event did not arrive before the backend finished")
	}
}

func TestBackendBreaksOff(t *testing.T) {
	tests := []struct {
		name     string
		response string
	}{
		{name: "chunked", response: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"},
		{name: "content length", response: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				conn, buf, err := http.NewResponseController(w).Hijack()
				if err != nil {
					t.Error(err)
					return
				}
				buf.WriteString(tt.response)
				buf.Flush()
				time.Sleep(20 * time.Millisecond)
				conn.Close()
			}))
			t.Cleanup(b.Close)
			s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{})
			rsp, err := http.Get(s.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			defer rsp.Body.Close()
			body, err := io.ReadAll(rsp.Body)
			if err == nil {
				t.Errorf("the client saw a clean end of a truncated body %q", body)
			}
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Logf("read error: %v", err)
			}
			if string(body) != "hello" {
				t.Errorf("body before the break: got %q, want %q", body, "hello")
			}
		})
	}
}

func TestH2CBackend(t *testing.T) {
	b := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Proto)
	}))
	b.Config.Protocols = new(http.Protocols)
	b.Config.Protocols.SetUnencryptedHTTP2(true)
	b.Config.Protocols.SetHTTP1(true)
	b.Start()
	t.Cleanup(b.Close)
	h2c := "h2c://" + strings.TrimPrefix(b.URL, "http://")
	tests := []struct {
		name  string
		route string
		want  string
	}{
		{name: "network", route: `r: * -> "` + h2c + `";`, want: "HTTP/2.0"},
		{name: "load balanced", route: `r: * -> <"` + h2c + `">;`, want: "HTTP/2.0"},
		{name: "plain http", route: `r: * -> "` + b.URL + `";`, want: "HTTP/1.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, tt.route, Params{})
			status, _, body := get(t, nil, s.URL+"/", nil)
			if status != 200 || body != tt.want {
				t.Errorf("got %d %q, want 200 %q", status, body, tt.want)
			}
		})
	}
}

func TestHTTPSBackend(t *testing.T) {
	b := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Proto)
	}))
	t.Cleanup(b.Close)
	tests := []struct {
		name  string
		flags Flags
		want  int
	}{
		{name: "certificate not verified with Insecure", flags: Insecure, want: 200},
		{name: "unknown certificate", want: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{Flags: tt.flags})
			status, _, body := get(t, nil, s.URL+"/", nil)
			if status != tt.want {
				t.Errorf("status: got %d, want %d", status, tt.want)
			}
			if tt.want == 200 && body != "HTTP/1.1" {
				t.Errorf("protocol to an https backend: got %q, want HTTP/1.1", body)
			}
		})
	}
}

func TestHTTP2Client(t *testing.T) {
	b := echoBackend(t)
	routes := `r: * -> "` + b.URL + `";`
	_, px := startProxy(t, routes, Params{})
	s := httptest.NewUnstartedServer(px)
	s.EnableHTTP2 = true
	s.StartTLS()
	t.Cleanup(s.Close)
	client := s.Client()
	client.Transport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true, NextProtos: []string{"h2"}}
	client.Transport.(*http.Transport).ForceAttemptHTTP2 = true
	rsp, err := client.Get(s.URL + "/h2")
	if err != nil {
		t.Fatal(err)
	}
	defer rsp.Body.Close()
	body, _ := io.ReadAll(rsp.Body)
	if rsp.ProtoMajor != 2 || string(body) != "backend" {
		t.Errorf("got %s %q, want HTTP/2.0 %q", rsp.Proto, body, "backend")
	}
}

func TestTrailers(t *testing.T) {
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Checksum")
		io.WriteString(w, "body")
		w.Header().Set("X-Checksum", "abc")
	}))
	t.Cleanup(b.Close)
	s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{})
	rsp, err := http.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer rsp.Body.Close()
	io.ReadAll(rsp.Body)
	if got := rsp.Trailer.Get("X-Checksum"); got != "abc" {
		t.Errorf("trailer: got %q, want %q", got, "abc")
	}
}

func TestCloneHeader(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   http.Header
	}{
		{"nil", nil},
		{"empty", http.Header{}},
		{"values", http.Header{"A": {"1", "2"}, "B": {"3"}}},
		{"nil and empty values", http.Header{"Nil": nil, "Empty": {}, "C": {"x"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := cloneHeader(tt.in, 1)
			if got == nil {
				t.Fatal("got a nil header, want an empty one")
			}
			if !reflect.DeepEqual(map[string][]string(got), map[string][]string(tt.in)) && !(len(got) == 0 && len(tt.in) == 0) {
				t.Fatalf("got %v, want %v", got, tt.in)
			}
			for k, vs := range got {
				if (vs == nil) != (tt.in[k] == nil) {
					t.Errorf("key %s: got nil %v, want nil %v", k, vs == nil, tt.in[k] == nil)
				}
			}
			// The copy is deep, and appending to one key's values does
			// not change another's.
			got.Add("A", "appended")
			got.Set("New", "n")
			if vs := tt.in["A"]; len(vs) > 2 || tt.in.Get("New") != "" {
				t.Errorf("changing the clone changed the original: %v", tt.in)
			}
			if vs := got["B"]; tt.in["B"] != nil && (len(vs) != 1 || vs[0] != "3") {
				t.Errorf("appending to A changed B: %v", vs)
			}
		})
	}
}
