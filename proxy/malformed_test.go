package proxy_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openskipper/skipper/proxy"
)

// Timeouts of the server in front of the proxy in these tests: short
// enough for the slow-client test, long enough for a loaded machine.
const (
	testReadHeaderTimeout = 500 * time.Millisecond
	testMaxHeaderBytes    = 4 << 10
)

// countingBackend counts the requests that reach it and echoes the body.
func countingBackend(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		io.Copy(w, r.Body)
	}))
	t.Cleanup(s.Close)
	return s, &n
}

// serveProxy serves the proxy of startBuiltinProxy's routes by an
// http.Server with the usual timeouts and a small MaxHeaderBytes, and
// returns its address.
func serveProxy(t *testing.T, doc string) string {
	return serveProxyWrapped(t, doc, nil)
}

// serveProxyWrapped is serveProxy on a listener wrapped by wrap, unless
// wrap is nil.
func serveProxyWrapped(t *testing.T, doc string, wrap func(net.Listener) net.Listener) string {
	t.Helper()
	ts := startBuiltinProxy(t, doc, proxy.Params{})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{
		Handler:           ts.Config.Handler,
		ReadHeaderTimeout: testReadHeaderTimeout,
		ReadTimeout:       5 * time.Second,
		WriteTimeout:      5 * time.Second,
		IdleTimeout:       5 * time.Second,
		MaxHeaderBytes:    testMaxHeaderBytes,
	}
	served := l
	if wrap != nil {
		served = wrap(l)
	}
	go srv.Serve(served)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// exchange writes raw on a new connection and reads one response; it
// returns the status code, or 0 when the connection was closed without a
// response, and whether the server closed the connection after it.
func exchange(t *testing.T, addr, raw string) (int, string, bool) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatalf("write: %v", err)
	}
	br := bufio.NewReader(conn)
	rsp, err := http.ReadResponse(br, nil)
	if err != nil {
		return 0, "", true
	}
	b, _ := io.ReadAll(rsp.Body)
	rsp.Body.Close()
	return rsp.StatusCode, string(b), rsp.Close
}

func TestMalformedRequests(t *testing.T) {
	b, n := countingBackend(t)
	addr := serveProxy(t, `r: * -> "`+b.URL+`";`)
	big := strings.Repeat("a", 3*testMaxHeaderBytes) // beyond Go's 4 KiB of slack
	tests := []struct {
		name string
		raw  string
		want int
		// reaches tells that the backend sees the request line and
		// headers (the body is what is broken); these rows come last, as
		// the backend may count them late
		reaches bool
	}{
		{name: "bad request line", raw: "GARBAGE\r\n\r\n", want: 400},
		{name: "request line without version", raw: "GET /\r\nHost: a\r\n\r\n", want: 400},
		{name: "unknown version", raw: "GET / HTTP/3.7\r\nHost: a\r\n\r\n", want: 505},
		{name: "invalid header name", raw: "GET / HTTP/1.1\r\nHost: a\r\nBad Name: x\r\n\r\n", want: 400},
		{name: "header without colon", raw: "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", want: 400},
		{name: "NUL in a header value", raw: "GET / HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n", want: 400},
		{name: "CR in a header value", raw: "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n", want: 400},
		{name: "two Host headers", raw: "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", want: 400},
		{name: "oversized URI", raw: "GET /" + big + " HTTP/1.1\r\nHost: a\r\n\r\n", want: 431},
		{name: "oversized header", raw: "GET / HTTP/1.1\r\nHost: a\r\nX: " + big + "\r\n\r\n", want: 431},
		{name: "differing Content-Length headers", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", want: 400},
		{name: "invalid Content-Length", raw: "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -3\r\n\r\nabc", want: 400},
		{name: "two Transfer-Encoding headers", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", want: 501},
		{name: "Transfer-Encoding other than chunked", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", want: 501},
		{name: "invalid chunk size", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", want: 400, reaches: true},
		{name: "chunk longer than its size", raw: "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabcdef\r\n0\r\n\r\n", want: 400, reaches: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := n.Load()
			code, body, _ := exchange(t, addr, tt.raw)
			if code != tt.want {
				t.Errorf("status: got %d (%q), want %d", code, body, tt.want)
			}
			if !tt.reaches {
				if got := n.Load() - before; got != 0 {
					t.Errorf("requests at the backend: got %d, want 0", got)
				}
			}
			if code, body, _ := exchange(t, addr, "GET /next HTTP/1.1\r\nHost: a\r\n\r\n"); code != 200 {
				t.Errorf("the next request: got %d (%q), want 200", code, body)
			}
		})
	}
}

// TestContentLengthAndChunked checks the answer to a request with both
// Content-Length and Transfer-Encoding: chunked. Go's server alone lets
// Transfer-Encoding win and drops Content-Length without telling the
// handler; behind the framing guard of the listener the proxy refuses the
// request with 400 and closes the connection, and the backend never sees
// it.
func TestContentLengthAndChunked(t *testing.T) {
	b, n := countingBackend(t)
	addr := serveGuardedProxy(t, `r: * -> "`+b.URL+`";`)
	raw := "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n0\r\n\r\n"
	code, body, closed := exchange(t, addr, raw)
	if code != http.StatusBadRequest || body != conflictBody {
		t.Errorf("got %d %q, want %d %q", code, body, http.StatusBadRequest, conflictBody)
	}
	if !closed {
		t.Errorf("the connection stays open, want it closed")
	}
	if got := n.Load(); got != 0 {
		t.Errorf("requests at the backend: got %d, want 0", got)
	}
}

func TestHTTP2PrefaceIsRefused(t *testing.T) {
	b, n := countingBackend(t)
	addr := serveProxy(t, `r: * -> "`+b.URL+`";`)
	code, body, closed := exchange(t, addr, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
	if code != http.StatusHTTPVersionNotSupported {
		t.Errorf("status: got %d (%q), want %d", code, body, http.StatusHTTPVersionNotSupported)
	}
	if !closed {
		t.Errorf("the connection stays open, want it closed")
	}
	if got := n.Load(); got != 0 {
		t.Errorf("requests at the backend: got %d, want 0", got)
	}
	if code, body, _ := exchange(t, addr, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"); code != 200 {
		t.Errorf("the next request: got %d (%q), want 200", code, body)
	}
}

func TestSlowClientIsCutOff(t *testing.T) {
	b, n := countingBackend(t)
	addr := serveProxy(t, `r: * -> "`+b.URL+`";`)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// about 4 s at one byte per 100 ms: far beyond ReadHeaderTimeout
	slow := "GET /slow HTTP/1.1\r\nHost: a\r\nX-Pad: " + strings.Repeat("p", 10) + "\r\n\r\n"
	stop := make(chan struct{})
	sent := make(chan int, 1)
	go func() {
		i := 0
		defer func() { sent <- i }()
		for ; i < len(slow); i++ {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if _, err := conn.Write([]byte{slow[i]}); err != nil {
				return
			}
		}
	}()
	// other clients are served meanwhile
	for i := 0; i < 3; i++ {
		if code, body, _ := exchange(t, addr, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"); code != 200 {
			t.Errorf("another client: got %d (%q), want 200", code, body)
		}
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err = io.ReadAll(conn)
	close(stop)
	written := <-sent
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the slow client was not cut off")
	}
	if written >= len(slow) {
		t.Errorf("the slow client sent its whole request (%d bytes) before being cut off", written)
	}
	if got := n.Load(); got != 3 {
		t.Errorf("requests at the backend: got %d, want 3 (the slow one must not get through)", got)
	}
}
