package proxy_test

import (
	"bufio"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
)

// ckSpec is a filter spec made from request and response functions.
type ckSpec struct {
	name      string
	req, resp func(filters.FilterContext)
}

func (s ckSpec) Name() string { return s.name }

func (s ckSpec) CreateFilter([]interface{}) (filters.Filter, error) {
	return ckFilter(s), nil
}

type ckFilter ckSpec

func (f ckFilter) Request(c filters.FilterContext) {
	if f.req != nil {
		f.req(c)
	}
}

func (f ckFilter) Response(c filters.FilterContext) {
	if f.resp != nil {
		f.resp(c)
	}
}

// ckLog records the lines logged by the proxy.
type ckLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *ckLog) add(format string, args ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

func (l *ckLog) Debugf(f string, a ...interface{}) { l.add(f, a...) }
func (l *ckLog) Infof(f string, a ...interface{})  { l.add(f, a...) }
func (l *ckLog) Warnf(f string, a ...interface{})  { l.add(f, a...) }
func (l *ckLog) Errorf(f string, a ...interface{}) { l.add(f, a...) }

func (l *ckLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// ckStart serves the routes of doc, built with the built-in filters and
// extra, by a proxy on a loopback listener.
func ckStart(t *testing.T, doc string, p proxy.Params, extra ...filters.Spec) *httptest.Server {
	t.Helper()
	return startBuiltinProxy(t, doc, p, extra...)
}

// ckDo sends req and returns the response and its body.
func ckDo(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer rsp.Body.Close()
	b, err := io.ReadAll(rsp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", req.Method, req.URL, err)
	}
	return rsp, string(b)
}

// ckBackend answers with the Host, path and TLS state it saw.
func ckBackend(t *testing.T, tlsOn bool) *httptest.Server {
	t.Helper()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Host", r.Host)
		w.Header().Set("X-Path", r.URL.RequestURI())
		w.Header().Set("X-Tls", strconv.FormatBool(r.TLS != nil))
		io.WriteString(w, "backend")
	})
	var s *httptest.Server
	if tlsOn {
		s = httptest.NewTLSServer(h)
	} else {
		s = httptest.NewServer(h)
	}
	t.Cleanup(s.Close)
	return s
}

func hostOf(u string) string {
	return u[strings.Index(u, "://")+3:]
}

// TestChecklistDynamicBackendSixFilters drives each of the six
// setDynamicBackend* filters through a <dynamic> route and checks the
// backend reached, the scheme used and the outgoing Host.
func TestChecklistDynamicBackendSixFilters(t *testing.T) {
	plain := ckBackend(t, false)
	secure := ckBackend(t, true)
	plainHost, secureHost := hostOf(plain.URL), hostOf(secure.URL)
	tests := []struct {
		name     string
		filters  string
		host     string // incoming Host, empty for the proxy's own
		header   map[string]string
		wantHost string
		wantTLS  string
	}{
		{name: "setDynamicBackendUrl", filters: `setDynamicBackendUrl("` + secure.URL + `/ignored")`,
			wantHost: secureHost, wantTLS: "true"},
		{name: "setDynamicBackendHost keeps the incoming scheme", filters: `setDynamicBackendHost("` + plainHost + `")`,
			wantHost: plainHost, wantTLS: "false"},
		{name: "setDynamicBackendScheme with the incoming Host", filters: `setDynamicBackendScheme("https")`,
			host: secureHost, wantHost: secureHost, wantTLS: "true"},
		{name: "setDynamicBackendUrlFromHeader", filters: `setDynamicBackendUrlFromHeader("X-Url")`,
			header: map[string]string{"X-Url": secure.URL}, wantHost: secureHost, wantTLS: "true"},
		{name: "setDynamicBackendHostFromHeader", filters: `setDynamicBackendHostFromHeader("X-Dyn-Host")`,
			header: map[string]string{"X-Dyn-Host": plainHost}, wantHost: plainHost, wantTLS: "false"},
		{name: "setDynamicBackendSchemeFromHeader", filters: `setDynamicBackendHostFromHeader("X-Dyn-Host") -> setDynamicBackendSchemeFromHeader("X-Dyn-Scheme")`,
			header: map[string]string{"X-Dyn-Host": secureHost, "X-Dyn-Scheme": "https"}, wantHost: secureHost, wantTLS: "true"},
		{name: "a missing header leaves the incoming Host", filters: `setDynamicBackendHostFromHeader("X-Dyn-Host") -> setDynamicBackendUrlFromHeader("X-Url")`,
			host: plainHost, wantHost: plainHost, wantTLS: "false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := ckStart(t, `r: * -> `+tt.filters+` -> <dynamic>;`, proxy.Params{Flags: proxy.Insecure})
			req, err := http.NewRequest("GET", px.URL+"/dyn?q=1", nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.host != "" {
				req.Host = tt.host
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			rsp, body := ckDo(t, req)
			if rsp.StatusCode != 200 || body != "backend" {
				t.Fatalf("got %d %q, want 200 %q", rsp.StatusCode, body, "backend")
			}
			if got := rsp.Header.Get("X-Host"); got != tt.wantHost {
				t.Errorf("Host at the backend: got %q, want %q", got, tt.wantHost)
			}
			if got := rsp.Header.Get("X-Tls"); got != tt.wantTLS {
				t.Errorf("TLS to the backend: got %q, want %q", got, tt.wantTLS)
			}
			if got := rsp.Header.Get("X-Path"); got != "/dyn?q=1" {
				t.Errorf("path at the backend: got %q, want %q", got, "/dyn?q=1")
			}
		})
	}
}

// TestChecklistLoadBalancedOutgoingHost checks that a load-balanced
// route sends the chosen endpoint's host, or the incoming one with
// PreserveHost.
func TestChecklistLoadBalancedOutgoingHost(t *testing.T) {
	a, b := ckBackend(t, false), ckBackend(t, false)
	tests := []struct {
		name  string
		flags proxy.Flags
		route string
		want  map[string]bool
	}{
		{name: "the endpoint's host", route: `<roundRobin, "` + a.URL + `", "` + b.URL + `">`,
			want: map[string]bool{hostOf(a.URL): true, hostOf(b.URL): true}},
		{name: "the incoming Host with PreserveHost", flags: proxy.PreserveHost, route: `<roundRobin, "` + a.URL + `", "` + b.URL + `">`,
			want: map[string]bool{"in.example": true}},
		{name: "preserveHost filter", route: `preserveHost("true") -> <roundRobin, "` + a.URL + `", "` + b.URL + `">`,
			want: map[string]bool{"in.example": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := ckStart(t, `r: * -> `+tt.route+`;`, proxy.Params{Flags: tt.flags})
			seen := map[string]bool{}
			for i := 0; i < 4; i++ {
				req, _ := http.NewRequest("GET", px.URL+"/", nil)
				req.Host = "in.example"
				rsp, body := ckDo(t, req)
				if rsp.StatusCode != 200 {
					t.Fatalf("status: got %d %q, want 200", rsp.StatusCode, body)
				}
				seen[rsp.Header.Get("X-Host")] = true
			}
			if fmt.Sprint(seen) != fmt.Sprint(tt.want) {
				t.Errorf("Hosts at the backends: got %v, want %v", seen, tt.want)
			}
		})
	}
}

// ckRaw sends a raw HTTP/1.1 request to addr and returns the response.
func ckRaw(t *testing.T, addr, raw string) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(conn, raw); err != nil {
		t.Fatal(err)
	}
	rsp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	io.Copy(io.Discard, rsp.Body)
	rsp.Body.Close()
	return rsp
}

// TestChecklistHopHeaders sends every hop-by-hop header of the spec
// (§2.4) and checks which of them reach the backend, with and without
// HopHeadersRemoval. Responses are not filtered.
func TestChecklistHopHeaders(t *testing.T) {
	seen := make(chan http.Header, 1)
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.Header.Clone()
		w.Header().Set("Proxy-Authenticate", "Basic realm=backend")
		io.WriteString(w, "ok")
	}))
	t.Cleanup(b.Close)
	// Go's server and client pass these on as ordinary headers, so what
	// reaches the backend is the proxy's doing. (Transfer-Encoding and
	// Trailer are framing, handled by Go on both sides.)
	hop := []string{"Te", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Upgrade", "Connection"}
	raw := "GET /hop HTTP/1.1\r\nHost: in.example\r\nConnection: keep-alive\r\n" +
		"Te: trailers\r\nProxy-Connection: keep-alive\r\nKeep-Alive: timeout=5\r\n" +
		"Proxy-Authenticate: Basic\r\nProxy-Authorization: Basic eDp5\r\nUpgrade: foo\r\n" +
		"X-Other: kept\r\n\r\n"
	tests := []struct {
		name    string
		flags   proxy.Flags
		removed bool
	}{
		{name: "kept by default", removed: false},
		{name: "removed with the flag", flags: proxy.HopHeadersRemoval, removed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := ckStart(t, `r: * -> "`+b.URL+`";`, proxy.Params{Flags: tt.flags})
			rsp := ckRaw(t, hostOf(px.URL), raw)
			if rsp.StatusCode != 200 {
				t.Fatalf("status: got %d, want 200", rsp.StatusCode)
			}
			var h http.Header
			select {
			case h = <-seen:
			case <-time.After(5 * time.Second):
				t.Fatal("the backend got no request")
			}
			for _, name := range hop {
				if got := h.Get(name) != ""; got == tt.removed {
					t.Errorf("%s at the backend: got present=%v, want present=%v (%q)", name, got, !tt.removed, h.Get(name))
				}
			}
			if got := h.Get("X-Other"); got != "kept" {
				t.Errorf("X-Other at the backend: got %q, want %q", got, "kept")
			}
			if got := rsp.Header.Get("Proxy-Authenticate"); got != "Basic realm=backend" {
				t.Errorf("Proxy-Authenticate in the response: got %q, want %q (responses are not filtered)", got, "Basic realm=backend")
			}
		})
	}
}

// ckOpenBreaker is a circuit breaker registry whose breakers are open.
type ckOpenBreaker struct{}

func (ckOpenBreaker) Get(string, filters.FilterContext) proxy.CircuitBreaker { return ckOpenBreaker{} }

func (ckOpenBreaker) Allow() (func(bool), bool) { return nil, false }

// TestChecklistErrorResponses checks the status and the whole shape of
// the proxy's error responses of spec §2.6: body, Content-Type,
// X-Content-Type-Options, Server and Content-Length.
func TestChecklistErrorResponses(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	ok := ckBackend(t, false)
	// reset answers every request by resetting the connection.
	reset := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.(*net.TCPConn).SetLinger(0)
		conn.Close()
	}))
	t.Cleanup(reset.Close)
	boom := ckSpec{name: "boom", req: func(filters.FilterContext) { panic("checklist boom") }}
	tests := []struct {
		name   string
		route  string
		params proxy.Params
		path   string
		want   int
		header map[string]string
	}{
		{name: "404 no route", route: `r: Path("/only") -> <shunt>;`, path: "/other", want: 404},
		{name: "502 dial failure", route: `r: * -> "http://127.0.0.1:1";`, want: 502},
		{name: "503 circuit breaker open", route: `r: * -> "` + ok.URL + `";`,
			params: proxy.Params{CircuitBreakers: ckOpenBreaker{}}, want: 503, header: map[string]string{"X-Circuit-Open": "true"}},
		{name: "503 other network error (connection reset)", route: `r: * -> "` + reset.URL + `";`, want: 503},
		{name: "504 backend timeout", route: `r: * -> "` + slow.URL + `";`,
			params: proxy.Params{ResponseHeaderTimeout: 50 * time.Millisecond}, want: 504},
		{name: "500 filter panic", route: `r: * -> boom() -> "` + ok.URL + `";`, want: 500},
		{name: "500 loop limit", route: `r: * -> setPath("/again") -> <loopback>;`, want: 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.params.Log = logging.Discard()
			px := ckStart(t, tt.route, tt.params, boom)
			req, _ := http.NewRequest("GET", px.URL+tt.path+"/", nil)
			rsp, body := ckDo(t, req)
			want := http.StatusText(tt.want) + "\n"
			if rsp.StatusCode != tt.want || body != want {
				t.Fatalf("got %d %q, want %d %q", rsp.StatusCode, body, tt.want, want)
			}
			h := map[string]string{
				"Content-Type":           "text/plain; charset=utf-8",
				"X-Content-Type-Options": "nosniff",
				"Server":                 "Skipper",
				"Content-Length":         strconv.Itoa(len(want)),
			}
			for k, v := range tt.header {
				h[k] = v
			}
			for k, v := range h {
				if got := rsp.Header.Get(k); got != v {
					t.Errorf("%s: got %q, want %q", k, got, v)
				}
			}
		})
	}
}

// TestChecklistPanicLoggedWithRouteID checks that a panicking filter is
// recovered with a 500, that the log names the route, and that the proxy
// keeps serving.
func TestChecklistPanicLoggedWithRouteID(t *testing.T) {
	log := &ckLog{}
	boom := ckSpec{name: "boom", resp: func(filters.FilterContext) { panic("checklist boom") }}
	px := ckStart(t, `panicky_route: Path("/boom") -> boom() -> <shunt>; fine: Path("/fine") -> inlineContent("fine") -> <shunt>;`,
		proxy.Params{Log: log}, boom)
	for i := 0; i < 2; i++ {
		req, _ := http.NewRequest("GET", px.URL+"/boom", nil)
		if rsp, body := ckDo(t, req); rsp.StatusCode != 500 {
			t.Errorf("panic: got %d %q, want 500", rsp.StatusCode, body)
		}
		req, _ = http.NewRequest("GET", px.URL+"/fine", nil)
		if rsp, body := ckDo(t, req); rsp.StatusCode != 200 || body != "fine" {
			t.Errorf("after the panic: got %d %q, want 200 %q", rsp.StatusCode, body, "fine")
		}
	}
	if !strings.Contains(log.String(), "panicky_route") {
		t.Errorf("log: got %q, want the route id %q", log.String(), "panicky_route")
	}
}

// TestChecklistServerHeader checks that the proxy sets Server: Skipper
// only when the backend sets none.
func TestChecklistServerHeader(t *testing.T) {
	own := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "backend/1.0")
	}))
	t.Cleanup(own.Close)
	none := ckBackend(t, false)
	tests := []struct {
		name, backend, want string
	}{
		{name: "backend without Server", backend: none.URL, want: "Skipper"},
		{name: "backend with Server", backend: own.URL, want: "backend/1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			px := ckStart(t, `r: * -> "`+tt.backend+`";`, proxy.Params{})
			req, _ := http.NewRequest("GET", px.URL+"/", nil)
			rsp, _ := ckDo(t, req)
			if got := rsp.Header.Values("Server"); len(got) != 1 || got[0] != tt.want {
				t.Errorf("Server: got %q, want [%q]", got, tt.want)
			}
		})
	}
}

// TestChecklistStreamingEvents checks, for a network and a load-balanced
// backend and a loopback, that each event of an SSE-like stream reaches the client
// before the backend writes the next one.
func TestChecklistStreamingEvents(t *testing.T) {
	const events = 3
	next := make(chan struct{})
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		for i := 0; i < events; i++ {
			fmt.Fprintf(w, "data: %d\n\n", i)
			w.(http.Flusher).Flush()
			select {
			case <-next:
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Second):
				return
			}
		}
	}))
	t.Cleanup(b.Close)
	for _, tt := range []struct{ name, routes string }{
		{name: "network", routes: `r: * -> "` + b.URL + `";`},
		{name: "load balanced", routes: `r: * -> <roundRobin, "` + b.URL + `">;`},
		{name: "behind a loopback with a response filter", routes: `r: Path("/events") -> setResponseHeader("X-Outer", "1") -> setPath("/inner") -> <loopback>;
inner: Path("/inner") -> "` + b.URL + `";`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			px := ckStart(t, tt.routes, proxy.Params{})
			rsp, err := http.Get(px.URL + "/events")
			if err != nil {
				t.Fatal(err)
			}
			defer rsp.Body.Close()
			lines := make(chan string)
			go func() {
				defer close(lines)
				br := bufio.NewReader(rsp.Body)
				for {
					l, err := br.ReadString('\n')
					if err != nil {
						return
					}
					if l != "\n" {
						lines <- l
					}
				}
			}()
			for i := 0; i < events; i++ {
				select {
				case l := <-lines:
					if want := fmt.Sprintf("data: %d\n", i); l != want {
						t.Fatalf("event %d: got %q, want %q", i, l, want)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("event %d did not arrive while the backend waits", i)
				}
				next <- struct{}{}
			}
		})
	}
}

// wsGUID is the key suffix of RFC 6455.
const wsGUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

func wsAccept(key string) string {
	h := sha1.Sum([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(h[:])
}

// wsReadFrame reads one frame of at most 64 KiB and returns its opcode
// and unmasked payload.
func wsReadFrame(r io.Reader) (byte, []byte, error) {
	var hdr [2]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, nil, err
	}
	n := int(hdr[1] & 0x7f)
	switch n {
	case 126:
		var ext [2]byte
		if _, err := io.ReadFull(r, ext[:]); err != nil {
			return 0, nil, err
		}
		n = int(binary.BigEndian.Uint16(ext[:]))
	case 127:
		return 0, nil, errors.New("frame too long for the test")
	}
	var mask [4]byte
	masked := hdr[1]&0x80 != 0
	if masked {
		if _, err := io.ReadFull(r, mask[:]); err != nil {
			return 0, nil, err
		}
	}
	payload := make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		return 0, nil, err
	}
	if masked {
		for i := range payload {
			payload[i] ^= mask[i%4]
		}
	}
	return hdr[0] & 0x0f, payload, nil
}

// wsWriteFrame writes one final frame; masked frames are client frames.
func wsWriteFrame(w io.Writer, opcode byte, payload []byte, masked bool) error {
	frame := []byte{0x80 | opcode}
	maskBit := byte(0)
	if masked {
		maskBit = 0x80
	}
	switch {
	case len(payload) < 126:
		frame = append(frame, maskBit|byte(len(payload)))
	case len(payload) <= 0xffff:
		frame = append(frame, maskBit|126, byte(len(payload)>>8), byte(len(payload)))
	default:
		return errors.New("frame too long for the test")
	}
	data := append([]byte(nil), payload...)
	if masked {
		var mask [4]byte
		rand.Read(mask[:])
		frame = append(frame, mask[:]...)
		for i := range data {
			data[i] ^= mask[i%4]
		}
	}
	_, err := w.Write(append(frame, data...))
	return err
}

// wsEchoBackend is a WebSocket server that echoes text and binary frames
// until it gets a close frame, which it answers.
func wsEchoBackend(t *testing.T) *httptest.Server {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") || r.Header.Get("Sec-WebSocket-Key") == "" {
			http.Error(w, "websocket only", http.StatusBadRequest)
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
			wsAccept(r.Header.Get("Sec-WebSocket-Key")))
		buf.Flush()
		for {
			op, payload, err := wsReadFrame(buf)
			if err != nil {
				return
			}
			if err := wsWriteFrame(buf, op, payload, false); err != nil {
				return
			}
			buf.Flush()
			if op == 0x8 {
				return
			}
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// TestChecklistWebSocketEcho opens a WebSocket through the proxy to an
// echo backend and exchanges text, binary and close frames.
func TestChecklistWebSocketEcho(t *testing.T) {
	b := wsEchoBackend(t)
	px := ckStart(t, `ws: Path("/ws") -> setRequestHeader("X-Through", "proxy") -> "`+b.URL+`";`,
		proxy.Params{ExperimentalUpgrade: true})
	conn, err := net.Dial("tcp", hostOf(px.URL))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	var keyBytes [16]byte
	rand.Read(keyBytes[:])
	key := base64.StdEncoding.EncodeToString(keyBytes[:])
	fmt.Fprintf(conn, "GET /ws HTTP/1.1\r\nHost: in.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"+
		"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: %s\r\n\r\n", key)
	br := bufio.NewReader(conn)
	rsp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rsp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("handshake status: got %d, want 101", rsp.StatusCode)
	}
	if got, want := rsp.Header.Get("Sec-WebSocket-Accept"), wsAccept(key); got != want {
		t.Errorf("Sec-WebSocket-Accept: got %q, want %q", got, want)
	}
	if got := strings.ToLower(rsp.Header.Get("Upgrade")); got != "websocket" {
		t.Errorf("Upgrade: got %q, want %q", got, "websocket")
	}
	big := strings.Repeat("x", 3000)
	for _, f := range []struct {
		op      byte
		payload string
	}{{0x1, "hello"}, {0x2, "\x00\x01\x02"}, {0x1, big}, {0x8, "\x03\xe8"}} {
		if err := wsWriteFrame(conn, f.op, []byte(f.payload), true); err != nil {
			t.Fatal(err)
		}
		op, payload, err := wsReadFrame(br)
		if err != nil {
			t.Fatalf("reading the echo of opcode %d: %v", f.op, err)
		}
		if op != f.op || string(payload) != f.payload {
			t.Errorf("echo: got opcode %d with %d bytes, want opcode %d with %d bytes", op, len(payload), f.op, len(f.payload))
		}
	}
	// After the close frame the backend ends the connection; the proxy
	// must end the client's side too.
	if n, err := br.Read(make([]byte, 1)); err == nil {
		t.Errorf("after close: got %d more bytes, want the end of the connection", n)
	}
}
