package skipper

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/filters"
)

// ckInstance is a skipper started by ckRun.
type ckInstance struct {
	addr, support string
}

// ckRun starts run with o on loopback ports and stops it, waiting for
// run to return, when the test ends.
func ckRun(t *testing.T, o Options) ckInstance {
	t.Helper()
	if o.Address == "" {
		o.Address = "127.0.0.1:0"
	}
	stop := make(chan struct{})
	done := make(chan error, 1)
	ready := make(chan ckInstance, 1)
	go func() {
		done <- run(o, func(addr, support string) { ready <- ckInstance{addr, support} }, stop)
	}()
	select {
	case in := <-ready:
		t.Cleanup(func() {
			close(stop)
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run returned %v, want nil", err)
				}
			case <-time.After(15 * time.Second):
				t.Error("run did not return after the stop")
			}
		})
		return in
	case err := <-done:
		t.Fatalf("run failed to start: %v", err)
	case <-time.After(15 * time.Second):
		close(stop)
		t.Fatal("run did not get ready")
	}
	return ckInstance{}
}

// ckSend sends a request with an optional Host and headers and returns the
// status, the header and the body of the response.
func ckSend(t *testing.T, method, url, host string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range header {
		req.Header.Set(k, v)
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
	return rsp.StatusCode, rsp.Header, string(b)
}

// ckWrite replaces the file at path by a new one with content, by a
// rename, so that a reader sees either the old or the new content.
func ckWrite(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// ckWaitBody polls url until it answers 200 with body want.
func ckWaitBody(t *testing.T, url, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rsp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(rsp.Body)
			rsp.Body.Close()
			if rsp.StatusCode == 200 && string(b) == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: no 200 %q before the deadline", url, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// ckHostBackend answers with the Host, path and selected request headers
// it received.
func ckHostBackend(t *testing.T) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Host", r.Host)
		w.Header().Set("X-Path", r.URL.RequestURI())
		for k, v := range r.Header {
			w.Header()["X-Req-"+k] = v
		}
		io.WriteString(w, "backend")
	}))
	t.Cleanup(s.Close)
	return s
}

// TestChecklistRunForwardBackend checks that <forward> routes go to
// ForwardBackendURL, with the route's filters dropped.
func TestChecklistRunForwardBackend(t *testing.T) {
	b := ckHostBackend(t)
	in := ckRun(t, Options{
		InlineRoutes:       `fwd: Path("/fwd") -> setRequestHeader("X-Dropped", "no") -> <forward>; other: Path("/other") -> inlineContent("other") -> <shunt>`,
		ForwardBackendURL:  b.URL,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	status, h, body := ckSend(t, "GET", "http://"+in.addr+"/fwd?q=1", "", nil)
	if status != 200 || body != "backend" {
		t.Fatalf("got %d %q, want 200 %q", status, body, "backend")
	}
	if got := h.Get("X-Path"); got != "/fwd?q=1" {
		t.Errorf("path at the forward backend: got %q, want %q", got, "/fwd?q=1")
	}
	if got := h.Get("X-Host"); got != strings.TrimPrefix(b.URL, "http://") {
		t.Errorf("Host at the forward backend: got %q, want %q", got, strings.TrimPrefix(b.URL, "http://"))
	}
	if got := h.Get("X-Req-X-Dropped"); got != "" {
		t.Errorf("filter of the forward route ran: X-Dropped %q, want none", got)
	}
	if status, _, body := ckSend(t, "GET", "http://"+in.addr+"/other", "", nil); status != 200 || body != "other" {
		t.Errorf("other route: got %d %q, want 200 %q", status, body, "other")
	}
}

// TestChecklistRunMaxLoopbacks checks loopback chains and the limit set
// by MaxLoopbacks (-max-loopbacks).
func TestChecklistRunMaxLoopbacks(t *testing.T) {
	routes := `
a: Path("/a") -> setPath("/b") -> <loopback>;
b: Path("/b") -> setPath("/c") -> <loopback>;
c: Path("/c") -> setPath("/d") -> <loopback>;
d: Path("/d") -> setResponseHeader("X-End", "d") -> inlineContent("end") -> <shunt>;
forever: Path("/forever") -> <loopback>;
`
	tests := []struct {
		name string
		max  int
		path string
		want int
	}{
		{name: "default allows a chain of three", max: 0, path: "/a", want: 200},
		{name: "default stops an endless loop", max: 0, path: "/forever", want: 500},
		{name: "three allowed", max: 3, path: "/a", want: 200},
		{name: "two are too few", max: 2, path: "/a", want: 500},
		{name: "two allow a shorter chain", max: 2, path: "/b", want: 200},
		{name: "negative allows none", max: -1, path: "/c", want: 500},
		{name: "negative still serves without a loopback", max: -1, path: "/d", want: 200},
	}
	// l0 → l1 → … → l10 → end: from /l<i>, 10-i loopbacks.
	var chain strings.Builder
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&chain, "l%d: Path(\"/l%d\") -> setPath(\"/l%d\") -> <loopback>;\n", i, i, i+1)
	}
	chain.WriteString(`l10: Path("/l10") -> setResponseHeader("X-End", "d") -> inlineContent("end") -> <shunt>;`)
	routes += chain.String()
	tests = append(tests, []struct {
		name string
		max  int
		path string
		want int
	}{
		{name: "default allows nine", max: 0, path: "/l1", want: 200},
		{name: "default refuses ten", max: 0, path: "/l0", want: 500},
		{name: "ten allowed", max: 10, path: "/l0", want: 200},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := ckRun(t, Options{
				InlineRoutes:       routes,
				MaxLoopbacks:       tt.max,
				WaitFirstRouteLoad: true,
				AccessLogDisabled:  true,
			})
			status, h, body := ckSend(t, "GET", "http://"+in.addr+tt.path, "", nil)
			if status != tt.want {
				t.Fatalf("status: got %d %q, want %d", status, body, tt.want)
			}
			if tt.want == 200 && (body != "end" || h.Get("X-End") != "d") {
				t.Errorf("got body %q X-End %q, want %q %q", body, h.Get("X-End"), "end", "d")
			}
			if tt.want == 500 && body != "Internal Server Error\n" {
				t.Errorf("body: got %q, want %q", body, "Internal Server Error\n")
			}
		})
	}
}

// TestChecklistRunHostRules checks the outgoing Host of spec §2.5 with
// and without PreserveHost (-proxy-preserve-host).
func TestChecklistRunHostRules(t *testing.T) {
	b := ckHostBackend(t)
	bHost := strings.TrimPrefix(b.URL, "http://")
	routes := `
plain: Path("/plain") -> "` + b.URL + `";
keep: Path("/keep") -> preserveHost("true") -> "` + b.URL + `";
drop: Path("/drop") -> preserveHost("false") -> "` + b.URL + `";
explicit: Path("/explicit") -> setRequestHeader("Host", "explicit.example") -> preserveHost("false") -> "` + b.URL + `";
lb: Path("/lb") -> <roundRobin, "` + b.URL + `">;
dyn: Path("/dyn") -> setDynamicBackendUrl("` + b.URL + `") -> <dynamic>;
`
	tests := []struct {
		preserve bool
		path     string
		want     string
	}{
		{false, "/plain", bHost},
		{false, "/keep", "in.example"},
		{false, "/drop", bHost},
		{false, "/explicit", "explicit.example"},
		{false, "/lb", bHost},
		{false, "/dyn", bHost},
		{true, "/plain", "in.example"},
		{true, "/keep", "in.example"},
		{true, "/drop", bHost},
		{true, "/explicit", "explicit.example"},
		{true, "/lb", "in.example"},
	}
	instances := map[bool]ckInstance{}
	for _, preserve := range []bool{false, true} {
		instances[preserve] = ckRun(t, Options{
			InlineRoutes:       routes,
			PreserveHost:       preserve,
			WaitFirstRouteLoad: true,
			AccessLogDisabled:  true,
		})
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("preserve=%v%s", tt.preserve, tt.path), func(t *testing.T) {
			status, h, body := ckSend(t, "GET", "http://"+instances[tt.preserve].addr+tt.path, "in.example", nil)
			if status != 200 {
				t.Fatalf("status: got %d %q, want 200", status, body)
			}
			if got := h.Get("X-Host"); got != tt.want {
				t.Errorf("Host at the backend: got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestChecklistRunHopHeaders checks RemoveHopHeaders (-remove-hop-headers)
// end to end.
func TestChecklistRunHopHeaders(t *testing.T) {
	b := ckHostBackend(t)
	for _, remove := range []bool{false, true} {
		t.Run(fmt.Sprintf("remove=%v", remove), func(t *testing.T) {
			in := ckRun(t, Options{
				InlineRoutes:       `r: * -> "` + b.URL + `"`,
				RemoveHopHeaders:   remove,
				WaitFirstRouteLoad: true,
				AccessLogDisabled:  true,
			})
			status, h, _ := ckSend(t, "GET", "http://"+in.addr+"/", "", map[string]string{
				"Proxy-Authorization": "Basic eDp5", "Keep-Alive": "timeout=5", "Te": "trailers", "X-Other": "kept",
			})
			if status != 200 {
				t.Fatalf("status: got %d, want 200", status)
			}
			for _, name := range []string{"Proxy-Authorization", "Keep-Alive", "Te"} {
				if got := h.Get("X-Req-"+name) != ""; got == remove {
					t.Errorf("%s at the backend: got present=%v, want present=%v", name, got, !remove)
				}
			}
			if got := h.Get("X-Req-X-Other"); got != "kept" {
				t.Errorf("X-Other at the backend: got %q, want %q", got, "kept")
			}
		})
	}
}

// ckPanicSpec is a filter that panics in the request phase.
type ckPanicSpec struct{}

func (ckPanicSpec) Name() string { return "ckPanic" }

func (ckPanicSpec) CreateFilter([]interface{}) (filters.Filter, error) { return ckPanicFilter{}, nil }

type ckPanicFilter struct{}

func (ckPanicFilter) Request(filters.FilterContext)  { panic("checklist panic") }
func (ckPanicFilter) Response(filters.FilterContext) {}

// TestChecklistRunStatusCodes checks the statuses of spec §2.6 through the
// whole server, the access log and the application log.
func TestChecklistRunStatusCodes(t *testing.T) {
	started := make(chan struct{}, 1)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case started <- struct{}{}:
		default:
		}
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	b := ckHostBackend(t)
	dir := t.TempDir()
	accessPath, appPath := filepath.Join(dir, "access.log"), filepath.Join(dir, "app.log")
	in := ckRun(t, Options{
		InlineRoutes: `
ok: Path("/ok") -> "` + b.URL + `";
refused: Path("/refused") -> "http://127.0.0.1:1";
slow: Path("/slow") -> "` + slow.URL + `";
panicky: Path("/panic") -> ckPanic() -> "` + b.URL + `";
`,
		CustomFilters:                []filters.Spec{ckPanicSpec{}},
		ResponseHeaderTimeoutBackend: 100 * time.Millisecond,
		WaitFirstRouteLoad:           true,
		AccessLogOutput:              accessPath,
		ApplicationLogOutput:         appPath,
		ApplicationLogLevel:          logrus.InfoLevel,
	})
	tests := []struct {
		path string
		want int
	}{
		{path: "/ok", want: 200},
		{path: "/nothing", want: 404},
		{path: "/refused", want: 502},
		{path: "/slow", want: 504},
		{path: "/panic", want: 500},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, h, body := ckSend(t, "GET", "http://"+in.addr+tt.path, "", nil)
			if status != tt.want {
				t.Errorf("status: got %d %q, want %d", status, body, tt.want)
			}
			if tt.want != 200 && body != http.StatusText(tt.want)+"\n" {
				t.Errorf("body: got %q, want %q", body, http.StatusText(tt.want)+"\n")
			}
			if got := h.Get("Server"); got != "Skipper" {
				t.Errorf("Server: got %q, want %q", got, "Skipper")
			}
		})
	}

	t.Run("499 client gone", func(t *testing.T) {
		for len(started) > 0 {
			<-started
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+in.addr+"/slow?gone=1", nil)
		errc := make(chan error, 1)
		go func() {
			rsp, err := http.DefaultClient.Do(req)
			if err == nil {
				rsp.Body.Close()
			}
			errc <- err
		}()
		select {
		case <-started:
		case <-time.After(5 * time.Second):
			t.Fatal("the request did not reach the backend")
		}
		cancel()
		if err := <-errc; err == nil {
			t.Fatal("the cancelled request succeeded")
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			b, _ := os.ReadFile(accessPath)
			if strings.Contains(string(b), `"GET /slow?gone=1 HTTP/1.1" 499`) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("access log: got %q, want a 499 line for /slow?gone=1", b)
			}
			time.Sleep(10 * time.Millisecond)
		}
	})

	t.Run("the panic is logged with the route id", func(t *testing.T) {
		b, _ := os.ReadFile(appPath)
		if !strings.Contains(string(b), "panicky") {
			t.Errorf("application log: got %q, want a line naming the route %q", b, "panicky")
		}
	})
}

// TestChecklistRunStreaming checks that each event of an SSE-like stream
// reaches the client before the backend writes the next one, through the
// whole server.
func TestChecklistRunStreaming(t *testing.T) {
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
	defer b.Close()
	in := ckRun(t, Options{
		InlineRoutes:       `r: * -> "` + b.URL + `"`,
		ForwardedHeaders:   ForwardedHeaders{For: true, Proto: "auto"},
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	rsp, err := http.Get("http://" + in.addr + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer rsp.Body.Close()
	br := bufio.NewReader(rsp.Body)
	for i := 0; i < events; i++ {
		got := make(chan string, 1)
		go func() {
			l, _ := br.ReadString('\n')
			br.ReadString('\n')
			got <- l
		}()
		select {
		case l := <-got:
			if want := fmt.Sprintf("data: %d\n", i); l != want {
				t.Fatalf("event %d: got %q, want %q", i, l, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("event %d did not arrive while the backend waits", i)
		}
		next <- struct{}{}
	}
}

// TestChecklistRunUpgrade upgrades a connection through the whole server
// (ExperimentalUpgrade) to a backend that echoes bytes.
func TestChecklistRunUpgrade(t *testing.T) {
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			http.Error(w, "upgrade only", http.StatusBadRequest)
			return
		}
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		buf.Flush()
		io.Copy(conn, buf)
	}))
	defer b.Close()
	in := ckRun(t, Options{
		InlineRoutes:        `r: * -> "` + b.URL + `"`,
		ExperimentalUpgrade: true,
		WaitFirstRouteLoad:  true,
		AccessLogDisabled:   true,
	})
	conn, err := net.Dial("tcp", in.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "GET /ws HTTP/1.1\r\nHost: in.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
	br := bufio.NewReader(conn)
	rsp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rsp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status: got %d, want 101", rsp.StatusCode)
	}
	for _, msg := range []string{"one\n", "two\n"} {
		io.WriteString(conn, msg)
		got, err := br.ReadString('\n')
		if err != nil || got != msg {
			t.Errorf("echo: got %q, %v, want %q", got, err, msg)
		}
	}
}

// TestChecklistRunRouteFileEditUnderLoad rewrites the watched routes file
// many times while clients send requests in a loop: no request may fail,
// and the last version must be served in the end. Each edit replaces the
// file by a rename: a write in place passes through an empty or partial
// file, and an empty file is a valid document without routes.
func TestChecklistRunRouteFileEditUnderLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	version := func(i int) string {
		doc := fmt.Sprintf(`stable: Path("/stable") -> setResponseHeader("X-Version", "%d") -> inlineContent("stable") -> <shunt>;
changing: Path("/changing") -> inlineContent("v%d") -> <shunt>;
`, i, i)
		if i%2 == 1 {
			doc += fmt.Sprintf(`extra%d: Path("/extra") -> inlineContent("extra") -> <shunt>;`, i)
		}
		return doc
	}
	ckWrite(t, path, version(0))
	in := ckRun(t, Options{
		WatchRoutesFile:    path,
		SourcePollTimeout:  5 * time.Millisecond,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	ckWaitBody(t, "http://"+in.addr+"/changing", "v0")

	var (
		stop     atomic.Bool
		requests atomic.Int64
		mu       sync.Mutex
		failures []string
		wg       sync.WaitGroup
	)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				for _, p := range []string{"/stable", "/changing"} {
					rsp, err := http.Get("http://" + in.addr + p)
					var body []byte
					if err == nil {
						body, err = io.ReadAll(rsp.Body)
						rsp.Body.Close()
					}
					requests.Add(1)
					ok := err == nil && rsp.StatusCode == 200 &&
						(p == "/stable" && string(body) == "stable" || p == "/changing" && strings.HasPrefix(string(body), "v"))
					if !ok {
						mu.Lock()
						if err != nil {
							failures = append(failures, fmt.Sprintf("%s: %v", p, err))
						} else {
							failures = append(failures, fmt.Sprintf("%s: %d %q", p, rsp.StatusCode, body))
						}
						mu.Unlock()
					}
				}
			}
		}()
	}
	const edits = 20
	for i := 1; i <= edits; i++ {
		ckWrite(t, path, version(i))
		time.Sleep(15 * time.Millisecond)
	}
	ckWaitBody(t, "http://"+in.addr+"/changing", fmt.Sprintf("v%d", edits))
	stop.Store(true)
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed during the edits, first: %q", len(failures), requests.Load(), failures[0])
	}
	if requests.Load() < edits {
		t.Errorf("requests during the edits: got %d, want at least %d", requests.Load(), edits)
	}
	_, h, _ := ckSend(t, "GET", "http://"+in.addr+"/stable", "", nil)
	if got := h.Get("X-Version"); got != strconv.Itoa(edits) {
		t.Errorf("X-Version of the stable route: got %q, want %q", got, strconv.Itoa(edits))
	}
	if status, _, _ := ckSend(t, "GET", "http://"+in.addr+"/extra", "", nil); status != 404 {
		t.Errorf("/extra after an even edit: got %d, want 404", status)
	}
}

// TestChecklistRunBrokenRoutesFile checks that a watched routes file with
// syntax errors keeps the last good routes serving, and that the fixed
// file is taken.
func TestChecklistRunBrokenRoutesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	good := `a: Path("/a") -> inlineContent("a1") -> <shunt>;
b: Path("/b") -> inlineContent("b1") -> <shunt>;`
	ckWrite(t, path, good)
	in := ckRun(t, Options{
		WatchRoutesFile:    path,
		SourcePollTimeout:  5 * time.Millisecond,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	ckWaitBody(t, "http://"+in.addr+"/a", "a1")
	steps := []struct {
		name    string
		content string
		want    map[string]string // path → body; "" means 404
	}{
		{name: "one broken route keeps its last version, the other changes",
			content: `a: Path("/a") -> inlineContent("a2") -> ; b: Path("/b") -> inlineContent("b2") -> <shunt>;`,
			want:    map[string]string{"/a": "a1", "/b": "b2"}},
		{name: "garbage outside any route keeps everything",
			content: `}}} not eskip {{{`,
			want:    map[string]string{"/a": "a1", "/b": "b2"}},
		{name: "the fixed file is taken",
			content: `a: Path("/a") -> inlineContent("a3") -> <shunt>;`,
			want:    map[string]string{"/a": "a3", "/b": ""}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			ckWrite(t, path, s.content)
			// Give the watcher many polls to see the change, then check
			// that the routes answer as wanted.
			for p, want := range s.want {
				if want != "" {
					ckWaitBody(t, "http://"+in.addr+p, want)
				}
			}
			time.Sleep(100 * time.Millisecond)
			for p, want := range s.want {
				status, _, body := ckSend(t, "GET", "http://"+in.addr+p, "", nil)
				switch {
				case want == "" && status != 404:
					t.Errorf("%s: got %d %q, want 404", p, status, body)
				case want != "" && (status != 200 || body != want):
					t.Errorf("%s: got %d %q, want 200 %q", p, status, body, want)
				}
			}
		})
	}
}

// TestChecklistRunRoutesEndpoint pages through /routes on the support
// listener with offset, limit, timestamp, invalid=true, nopretty and
// Accept: application/json, and checks HEAD and 405.
func TestChecklistRunRoutesEndpoint(t *testing.T) {
	in := ckRun(t, Options{
		InlineRoutes: `
c: Path("/c") -> inlineContent("c") -> <shunt>;
a: Path("/a") -> inlineContent("a") -> <shunt>;
b: Path("/b") -> inlineContent("b") -> <shunt>;
x: Path("/x") -> noSuchFilter() -> <shunt>;
`,
		SupportListener:    "127.0.0.1:0",
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	base := "http://" + in.support + "/routes"
	lineA := `a: Path("/a") -> inlineContent("a") -> <shunt>;`
	lineB := `b: Path("/b") -> inlineContent("b") -> <shunt>;`
	lineC := `c: Path("/c") -> inlineContent("c") -> <shunt>;`

	_, h, _ := ckSend(t, "GET", base+"?limit=0", "", nil)
	ts := h.Get("X-Timestamp")
	if n, err := strconv.ParseInt(ts, 10, 64); err != nil || n < time.Now().Add(-time.Hour).Unix() || n > time.Now().Unix() {
		t.Fatalf("X-Timestamp: got %q, want the Unix seconds of the table", ts)
	}

	tests := []struct {
		name      string
		method    string
		query     string
		accept    string
		status    int
		body      string
		count     string
		jsonCount int
	}{
		{name: "all, one per line", method: "GET", query: "?nopretty", status: 200, body: lineA + "\n" + lineB + "\n" + lineC, count: "3"},
		{name: "pretty by default", method: "GET", query: "?limit=1", status: 200,
			body: "a: Path(\"/a\")\n  -> inlineContent(\"a\")\n  -> <shunt>;", count: "3"},
		{name: "offset and limit", method: "GET", query: "?offset=1&limit=1&nopretty", status: 200, body: lineB, count: "3"},
		{name: "offset past the end", method: "GET", query: "?offset=10", status: 200, body: "", count: "3"},
		{name: "current timestamp", method: "GET", query: "?offset=2&nopretty&timestamp=" + ts, status: 200, body: lineC, count: "3"},
		{name: "old timestamp", method: "GET", query: "?timestamp=1", status: 400, body: "invalid timestamp\n"},
		{name: "bad offset", method: "GET", query: "?offset=-1", status: 400, body: "invalid offset\n"},
		{name: "bad limit", method: "GET", query: "?limit=x", status: 400, body: "invalid limit\n"},
		{name: "invalid routes", method: "GET", query: "?invalid=true&nopretty", status: 200,
			body: `x: Path("/x") -> noSuchFilter() -> <shunt>;`, count: "1"},
		{name: "JSON", method: "GET", query: "?offset=1", accept: "application/json", status: 200, count: "3", jsonCount: 2},
		{name: "JSON invalid", method: "GET", query: "?invalid=true", accept: "application/json", status: 200, count: "1", jsonCount: 1},
		{name: "under /routes/", method: "GET", query: "/?offset=2&nopretty", status: 200, body: lineC, count: "3"},
		{name: "HEAD", method: "HEAD", status: 200, body: "", count: "3"},
		{name: "HEAD invalid", method: "HEAD", query: "?invalid=true", status: 200, body: "", count: "1"},
		{name: "POST", method: "POST", status: 405, body: ""},
		{name: "DELETE", method: "DELETE", status: 405, body: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var header map[string]string
			if tt.accept != "" {
				header = map[string]string{"Accept": tt.accept}
			}
			status, h, body := ckSend(t, tt.method, base+tt.query, "", header)
			if status != tt.status {
				t.Fatalf("status: got %d %q, want %d", status, body, tt.status)
			}
			if tt.jsonCount > 0 {
				var got []map[string]interface{}
				if err := json.Unmarshal([]byte(body), &got); err != nil || len(got) != tt.jsonCount {
					t.Errorf("JSON body: got %q (%v), want an array of %d routes", body, err, tt.jsonCount)
				}
				if ct := h.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type: got %q, want %q", ct, "application/json")
				}
			} else if body != tt.body {
				t.Errorf("body: got %q, want %q", body, tt.body)
			}
			if got := h.Get("X-Count"); got != tt.count {
				t.Errorf("X-Count: got %q, want %q", got, tt.count)
			}
			if tt.status == 200 {
				if got := h.Get("X-Timestamp"); got != ts {
					t.Errorf("X-Timestamp: got %q, want %q", got, ts)
				}
			}
		})
	}
}
