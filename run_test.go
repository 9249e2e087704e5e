package skipper

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

// running is a skipper started by startRun.
type running struct {
	addr, support string
	stop          chan struct{}
	once          sync.Once
	done          chan struct{} // closed when run returned
	err           error         // run's result, set before done closes
}

// startRun starts run with o on loopback ports and stops it when the test
// ends, unless the test stopped it already.
func startRun(t *testing.T, o Options) *running {
	t.Helper()
	if o.Address == "" {
		o.Address = "127.0.0.1:0"
	}
	r := &running{stop: make(chan struct{}), done: make(chan struct{})}
	ready := make(chan [2]string, 1)
	go func() {
		defer close(r.done)
		r.err = run(o, func(addr, support string) { ready <- [2]string{addr, support} }, r.stop)
	}()
	t.Cleanup(func() { r.halt(); <-r.done })
	select {
	case a := <-ready:
		r.addr, r.support = a[0], a[1]
	case <-r.done:
		t.Fatalf("run failed to start: %v", r.err)
	case <-time.After(10 * time.Second):
		t.Fatal("run did not get ready")
	}
	return r
}

// halt asks run to stop.
func (r *running) halt() { r.once.Do(func() { close(r.stop) }) }

// shutdown stops the instance and returns run's result.
func (r *running) shutdown(t *testing.T) error {
	t.Helper()
	r.halt()
	select {
	case <-r.done:
		return r.err
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
		return nil
	}
}

// get sends a request and returns status, a header and the body.
func get(t *testing.T, method, url string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	rsp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer rsp.Body.Close()
	b, err := io.ReadAll(rsp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", url, err)
	}
	return rsp.StatusCode, rsp.Header, string(b)
}

// waitFor polls url until its status is want or the deadline passes.
func waitFor(t *testing.T, url string, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rsp, err := http.Get(url)
		if err == nil {
			io.Copy(io.Discard, rsp.Body)
			rsp.Body.Close()
			if rsp.StatusCode == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("GET %s: no status %d before the deadline (last: %v, %v)", url, want, rsp, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRunServesRoutes(t *testing.T) {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Backend-Path", r.URL.Path)
		io.WriteString(w, "from backend")
	}))
	defer backend.Close()

	routesFile := filepath.Join(t.TempDir(), "routes.eskip")
	writeFile(t, routesFile, `proxied: Path("/backend") -> "`+backend.URL+`";`)

	r := startRun(t, Options{
		SupportListener:    "127.0.0.1:0",
		WatchRoutesFile:    routesFile,
		InlineRoutes:       `shunt: Path("/shunt") -> setResponseHeader("X-Test", "shunt") -> status(201) -> inlineContent("hello") -> <shunt>`,
		SourcePollTimeout:  10 * time.Millisecond,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})

	for _, tt := range []struct {
		name       string
		path       string
		wantStatus int
		wantHeader [2]string
		wantBody   string
	}{
		{name: "proxied", path: "/backend", wantStatus: 200, wantHeader: [2]string{"X-Backend-Path", "/backend"}, wantBody: "from backend"},
		{name: "shunt with filters", path: "/shunt", wantStatus: 201, wantHeader: [2]string{"X-Test", "shunt"}, wantBody: "hello"},
		{name: "no route", path: "/nothing", wantStatus: 404},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := get(t, "GET", "http://"+r.addr+tt.path)
			if status != tt.wantStatus {
				t.Errorf("status got %d, want %d", status, tt.wantStatus)
			}
			if tt.wantHeader[0] != "" && header.Get(tt.wantHeader[0]) != tt.wantHeader[1] {
				t.Errorf("header %s got %q, want %q", tt.wantHeader[0], header.Get(tt.wantHeader[0]), tt.wantHeader[1])
			}
			if tt.wantBody != "" && body != tt.wantBody {
				t.Errorf("body got %q, want %q", body, tt.wantBody)
			}
		})
	}

	t.Run("routes on the support listener", func(t *testing.T) {
		status, header, body := get(t, "GET", "http://"+r.support+"/routes")
		if status != 200 {
			t.Fatalf("status got %d, want 200", status)
		}
		if got := header.Get("X-Count"); got != "2" {
			t.Errorf("X-Count got %q, want %q", got, "2")
		}
		for _, id := range []string{"proxied", "shunt"} {
			if !strings.Contains(body, id+":") {
				t.Errorf("body got %q, want the route %q", body, id)
			}
		}
	})

	t.Run("no pprof without EnableProfile", func(t *testing.T) {
		if status, _, _ := get(t, "GET", "http://"+r.support+"/debug/pprof/"); status != 404 {
			t.Errorf("status got %d, want 404", status)
		}
	})

	t.Run("route file edit", func(t *testing.T) {
		writeFile(t, routesFile, `proxied: Path("/backend") -> "`+backend.URL+`";
added: Path("/added") -> status(202) -> <shunt>;`)
		waitFor(t, "http://"+r.addr+"/added", 202)
	})

	t.Run("clean stop", func(t *testing.T) {
		if err := r.shutdown(t); err != nil {
			t.Fatalf("run got error %v, want nil", err)
		}
		if c, err := net.DialTimeout("tcp", r.addr, time.Second); err == nil {
			c.Close()
			t.Errorf("proxy listener %s still accepts connections", r.addr)
		}
		if c, err := net.DialTimeout("tcp", r.support, time.Second); err == nil {
			c.Close()
			t.Errorf("support listener %s still accepts connections", r.support)
		}
	})
}

func TestRunGracefulShutdown(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{}, 1)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		io.WriteString(w, "late")
	}))
	defer backend.Close()

	r := startRun(t, Options{
		InlineRoutes: `health: Path("/health") -> status(200) -> <shunt>;
healthDown: Path("/health") && Shutdown() -> status(503) -> <shunt>;
slow: Path("/slow") -> "` + backend.URL + `";`,
		SourcePollTimeout:          10 * time.Millisecond,
		WaitFirstRouteLoad:         true,
		AccessLogDisabled:          true,
		WaitForHealthcheckInterval: time.Second,
	})
	if status, _, _ := get(t, "GET", "http://"+r.addr+"/health"); status != 200 {
		t.Fatalf("health before shutdown got %d, want 200", status)
	}

	type result struct {
		status int
		body   string
		err    error
	}
	inflight := make(chan result, 1)
	go func() {
		rsp, err := http.Get("http://" + r.addr + "/slow")
		if err != nil {
			inflight <- result{err: err}
			return
		}
		defer rsp.Body.Close()
		b, err := io.ReadAll(rsp.Body)
		inflight <- result{status: rsp.StatusCode, body: string(b), err: err}
	}()
	<-arrived

	r.halt()
	// During the health check interval the listener still serves, and
	// Shutdown() matches.
	waitFor(t, "http://"+r.addr+"/health", 503)

	// Then the listener closes, but run waits for the request in flight.
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", r.addr, time.Second)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the proxy listener was not closed")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-r.done:
		t.Fatalf("run returned %v while a request was in flight", r.err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	res := <-inflight
	if res.err != nil || res.status != 200 || res.body != "late" {
		t.Errorf("in-flight request got %d %q %v, want 200 %q <nil>", res.status, res.body, res.err, "late")
	}
	select {
	case <-r.done:
		if r.err != nil {
			t.Errorf("run got error %v, want nil", r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the last request")
	}
}

func TestRunStartupErrors(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.eskip")
	writeFile(t, broken, `r: Path("/") -> `)

	for _, tt := range []struct {
		name string
		o    Options
		want string
	}{
		{name: "bad inline routes", o: Options{Address: "127.0.0.1:0", InlineRoutes: `r: Path("/") ->`}, want: "inline routes"},
		{name: "address taken", o: Options{Address: taken.Addr().String()}, want: "proxy listener"},
		{name: "support address taken", o: Options{Address: "127.0.0.1:0", SupportListener: taken.Addr().String()}, want: "support listener"},
		{name: "missing once-read routes file", o: Options{Address: "127.0.0.1:0", RoutesFile: filepath.Join(dir, "missing.eskip")}, want: "missing.eskip"},
		{name: "broken once-read routes file", o: Options{Address: "127.0.0.1:0", RoutesFile: broken}, want: "broken.eskip"},
		{name: "unpaired TLS files", o: Options{Address: "127.0.0.1:0", CertPathTLS: "a.crt,b.crt", KeyPathTLS: "a.key"}, want: "2 certificate files but 1 key files"},
		{name: "missing TLS files", o: Options{Address: "127.0.0.1:0", CertPathTLS: filepath.Join(dir, "x.crt"), KeyPathTLS: filepath.Join(dir, "x.key")}, want: "x.crt"},
		{name: "unwritable application log", o: Options{Address: "127.0.0.1:0", ApplicationLogOutput: filepath.Join(dir, "no", "app.log")}, want: "application log"},
		{name: "unwritable access log", o: Options{Address: "127.0.0.1:0", AccessLogOutput: filepath.Join(dir, "no", "access.log")}, want: "access log"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stop := make(chan struct{})
			defer close(stop)
			done := make(chan error, 1)
			go func() {
				done <- run(tt.o, func(string, string) { t.Error("ready called, want a start-up error") }, stop)
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error got %v, want one containing %q", err, tt.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("run did not fail")
			}
		})
	}
}

func TestRunAccessAndApplicationLog(t *testing.T) {
	dir := t.TempDir()
	accessPath := filepath.Join(dir, "access.log")
	appPath := filepath.Join(dir, "app.log")
	r := startRun(t, Options{
		InlineRoutes:         `r: Path("/logged") -> status(204) -> <shunt>`,
		WaitFirstRouteLoad:   true,
		AccessLogOutput:      accessPath,
		ApplicationLogOutput: appPath,
		ApplicationLogLevel:  logrus.InfoLevel,
		ApplicationLogPrefix: "[APP]",
	})
	if status, _, _ := get(t, "GET", "http://"+r.addr+"/logged?q=1"); status != 204 {
		t.Fatalf("status got %d, want 204", status)
	}
	if err := r.shutdown(t); err != nil {
		t.Fatal(err)
	}
	access, _ := os.ReadFile(accessPath)
	if !bytes.Contains(access, []byte(`"GET /logged?q=1 HTTP/1.1" 204`)) {
		t.Errorf("access log got %q, want a line of the request", access)
	}
	app, _ := os.ReadFile(appPath)
	if !bytes.HasPrefix(app, []byte("[APP] ")) || !bytes.Contains(app, []byte("proxy listener on")) {
		t.Errorf("application log got %q, want prefixed lines about the listener", app)
	}
}

func TestRunProfile(t *testing.T) {
	r := startRun(t, Options{SupportListener: "127.0.0.1:0", EnableProfile: true, AccessLogDisabled: true})
	status, _, body := get(t, "GET", "http://"+r.support+"/debug/pprof/")
	if status != 200 || !strings.Contains(body, "goroutine") {
		t.Errorf("pprof index got %d %q, want 200 listing goroutine", status, body)
	}
}

func TestRunH2C(t *testing.T) {
	for _, tt := range []struct {
		name   string
		h2c    bool
		wantOK bool
	}{
		{name: "h2c on", h2c: true, wantOK: true},
		{name: "h2c off", h2c: false, wantOK: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := startRun(t, Options{
				InlineRoutes:       `r: * -> inlineContent("h2") -> <shunt>`,
				WaitFirstRouteLoad: true,
				AccessLogDisabled:  true,
				EnableH2cServer:    tt.h2c,
			})
			tr := &http.Transport{Protocols: new(http.Protocols)}
			tr.Protocols.SetUnencryptedHTTP2(true)
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr, Timeout: 5 * time.Second}
			rsp, err := c.Get("http://" + r.addr + "/")
			ok := err == nil && rsp.ProtoMajor == 2 && rsp.StatusCode == 200
			if rsp != nil {
				rsp.Body.Close()
			}
			if ok != tt.wantOK {
				t.Errorf("HTTP/2 request succeeded: got %v (%v), want %v", ok, err, tt.wantOK)
			}
		})
	}
}

func TestForwardedHeaders(t *testing.T) {
	for _, tt := range []struct {
		name    string
		headers ForwardedHeaders
		prior   string
		tls     bool
		want    map[string]string
	}{
		{name: "none", want: map[string]string{"X-Forwarded-For": ""}},
		{name: "for set", headers: ForwardedHeaders{For: true}, want: map[string]string{"X-Forwarded-For": "192.0.2.1"}},
		{name: "for appended", headers: ForwardedHeaders{For: true}, prior: "198.51.100.7", want: map[string]string{"X-Forwarded-For": "198.51.100.7, 192.0.2.1"}},
		{name: "host method uri", headers: ForwardedHeaders{Host: true, Method: true, URI: true}, want: map[string]string{
			"X-Forwarded-Host": "example.org", "X-Forwarded-Method": "GET", "X-Forwarded-Uri": "/p?q=1",
		}},
		{name: "fixed port and proto", headers: ForwardedHeaders{Port: "8443", Proto: "https"}, want: map[string]string{"X-Forwarded-Port": "8443", "X-Forwarded-Proto": "https"}},
		{name: "auto port and proto, plain", headers: ForwardedHeaders{Port: "auto", Proto: "auto"}, want: map[string]string{"X-Forwarded-Port": "9090", "X-Forwarded-Proto": "http"}},
		{name: "auto proto, TLS", headers: ForwardedHeaders{Proto: "auto"}, tls: true, want: map[string]string{"X-Forwarded-Proto": "https"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got http.Header
			o := &Options{ForwardedHeaders: tt.headers}
			h := o.handler(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
			req := httptest.NewRequest("GET", "http://example.org/p?q=1", nil)
			req.RemoteAddr = "192.0.2.1:1234"
			req.RequestURI = "/p?q=1"
			if tt.prior != "" {
				req.Header.Set("X-Forwarded-For", tt.prior)
			}
			if tt.tls {
				req.TLS = &tls.ConnectionState{}
			}
			local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9090}
			req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
			h.ServeHTTP(httptest.NewRecorder(), req)
			for k, v := range tt.want {
				if got.Get(k) != v {
					t.Errorf("%s got %q, want %q", k, got.Get(k), v)
				}
			}
		})
	}
}

// namedSpec is a filter spec with a name only.
type namedSpec string

func (s namedSpec) Name() string { return string(s) }
func (s namedSpec) CreateFilter([]interface{}) (filters.Filter, error) {
	return nil, errors.New("not for use")
}

func TestFilterRegistry(t *testing.T) {
	custom := namedSpec("custom")
	replaced := namedSpec("status")
	for _, tt := range []struct {
		name    string
		o       Options
		present []string
		absent  []string
		same    map[string]filters.Spec
	}{
		{name: "builtin", present: []string{"status", "setPath", "inlineContent"}},
		{name: "disabled", o: Options{DisabledFilters: []string{"status", "setPath"}}, present: []string{"inlineContent"}, absent: []string{"status", "setPath"}},
		{name: "custom added", o: Options{CustomFilters: []filters.Spec{custom}}, present: []string{"custom", "status"}, same: map[string]filters.Spec{"custom": custom}},
		{name: "custom replaces builtin", o: Options{CustomFilters: []filters.Spec{replaced}}, same: map[string]filters.Spec{"status": replaced}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.o.filterRegistry()
			for _, n := range tt.present {
				if r[n] == nil {
					t.Errorf("filter %q got absent, want present", n)
				}
			}
			for _, n := range tt.absent {
				if r[n] != nil {
					t.Errorf("filter %q got present, want absent", n)
				}
			}
			for n, s := range tt.same {
				if r[n] != s {
					t.Errorf("filter %q got %T, want the custom spec", n, r[n])
				}
			}
		})
	}
}

// markPre is a pre-processor that appends its name to a comment filter of
// every route, to record the order of the pre-processors.
type markPre string

func (m markPre) Do(routes []*eskip.Route) []*eskip.Route {
	for _, r := range routes {
		r.Filters = append(r.Filters, &eskip.Filter{Name: "mark", Args: []interface{}{string(m)}})
	}
	return routes
}

func TestPreProcessorOrder(t *testing.T) {
	o := Options{
		DefaultFilters:             &eskip.DefaultFilters{Append: []*eskip.Filter{{Name: "mark", Args: []interface{}{"default"}}}},
		CloneRoute:                 []*eskip.Clone{eskip.NewClone(regexp.MustCompile(`Path\("/`), `Path("/c`)},
		EditRoute:                  []*eskip.Editor{eskip.NewEditor(regexp.MustCompile(`"default"`), `"edited"`)},
		CustomRoutingPreProcessors: []routing.PreProcessor{markPre("custom")},
		ForwardBackendURL:          "http://forward.test",
	}
	pp := o.preProcessors()
	if len(pp) != 5 {
		t.Fatalf("got %d pre-processors, want 5", len(pp))
	}
	routes := eskip.MustParse(`r: Path("/") -> <forward>; s: Path("/s") -> <shunt>`)
	for _, p := range pp {
		routes = p.Do(routes)
	}
	got := map[string]string{}
	for _, r := range routes {
		var marks []string
		for _, f := range r.Filters {
			marks = append(marks, f.Args[0].(string))
		}
		got[r.Id] = strings.Join(marks, ",") + " " + r.Backend
	}
	want := map[string]string{
		// The forward rewrite runs last and drops the filters.
		"r":       " http://forward.test",
		"clone_r": " http://forward.test",
		// The clone copies the default filter, the edit rewrites it in
		// both, the custom one comes after.
		"s":       "edited,custom ",
		"clone_s": "edited,custom ",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("routes got %q, want %q", got, want)
	}
}

func TestOptionMappings(t *testing.T) {
	for _, tt := range []struct {
		name     string
		o        Options
		poll     time.Duration
		matching routing.MatchingOptions
		flags    proxy.Flags
	}{
		{name: "zero", poll: 30 * time.Millisecond, matching: routing.MatchingOptionsNone, flags: proxy.FlagsNone},
		{name: "negative poll", o: Options{SourcePollTimeout: -time.Second}, poll: 30 * time.Millisecond},
		{name: "set", o: Options{SourcePollTimeout: 3 * time.Second, IgnoreTrailingSlash: true, Insecure: true, PreserveHost: true, RemoveHopHeaders: true},
			poll: 3 * time.Second, matching: routing.IgnoreTrailingSlash, flags: proxy.Insecure | proxy.PreserveHost | proxy.HopHeadersRemoval},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.o.pollTimeout(); got != tt.poll {
				t.Errorf("pollTimeout got %v, want %v", got, tt.poll)
			}
			if got := tt.o.matchingOptions(); got != tt.matching {
				t.Errorf("matchingOptions got %v, want %v", got, tt.matching)
			}
			if got := tt.o.proxyFlags(); got != tt.flags {
				t.Errorf("proxyFlags got %v, want %v", got, tt.flags)
			}
		})
	}
}

func TestProxyParams(t *testing.T) {
	o := Options{
		DefaultHTTPStatus:            418,
		MaxLoopbacks:                 3,
		IdleConnectionsPerHost:       5,
		MaxIdleConnsBackend:          7,
		CloseIdleConnsPeriod:         time.Second,
		TimeoutBackend:               2 * time.Second,
		KeepAliveBackend:             3 * time.Second,
		ResponseHeaderTimeoutBackend: 4 * time.Second,
		TLSHandshakeTimeoutBackend:   5 * time.Second,
		ExpectContinueTimeoutBackend: 6 * time.Second,
		DisableHTTPKeepalives:        true,
		BackendFlushInterval:         time.Millisecond,
		ExperimentalUpgrade:          true,
	}
	p := o.proxyParams(nil, nil, nil)
	want := proxy.Params{
		DefaultHTTPStatus:      418,
		MaxLoops:               3,
		IdleConnectionsPerHost: 5,
		MaxIdleConns:           7,
		CloseIdleConnsPeriod:   time.Second,
		Timeout:                2 * time.Second,
		KeepAlive:              3 * time.Second,
		ResponseHeaderTimeout:  4 * time.Second,
		TLSHandshakeTimeout:    5 * time.Second,
		ExpectContinueTimeout:  6 * time.Second,
		DisableHTTPKeepalives:  true,
		FlushInterval:          time.Millisecond,
		ExperimentalUpgrade:    true,
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("proxyParams got %+v, want %+v", p, want)
	}
	if p.AccessLog != nil {
		t.Errorf("AccessLog got %v, want nil without an access log", p.AccessLog)
	}
}

// writeCert writes a self-signed certificate for 127.0.0.1 and its key
// into dir and returns their paths.
func writeCert(t *testing.T, dir string) (certPath, keyPath string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "skipper test"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPath, keyPath = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writeFile(t, certPath, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	writeFile(t, keyPath, string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})))
	return certPath, keyPath
}

func TestRunTLS(t *testing.T) {
	certPath, keyPath := writeCert(t, t.TempDir())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	insecure := ln.Addr().String()
	ln.Close()

	r := startRun(t, Options{
		CertPathTLS:        certPath,
		KeyPathTLS:         keyPath,
		InsecureAddress:    insecure,
		InlineRoutes:       `r: * -> setResponseHeader("X-Proto", "${request.header.X-Forwarded-Proto}") -> inlineContent("ok") -> <shunt>`,
		ForwardedHeaders:   ForwardedHeaders{Proto: "auto"},
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, ForceAttemptHTTP2: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: 5 * time.Second}

	for _, tt := range []struct {
		name      string
		url       string
		wantMajor int
		wantProto string
	}{
		{name: "TLS with HTTP/2", url: "https://" + r.addr + "/", wantMajor: 2, wantProto: "https"},
		{name: "plain listener next to TLS", url: "http://" + insecure + "/", wantMajor: 1, wantProto: "http"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rsp, err := c.Get(tt.url)
			if err != nil {
				t.Fatalf("GET %s: %v", tt.url, err)
			}
			defer rsp.Body.Close()
			b, _ := io.ReadAll(rsp.Body)
			if rsp.StatusCode != 200 || string(b) != "ok" || rsp.ProtoMajor != tt.wantMajor {
				t.Errorf("got %d %q HTTP/%d, want 200 %q HTTP/%d", rsp.StatusCode, b, rsp.ProtoMajor, "ok", tt.wantMajor)
			}
			if got := rsp.Header.Get("X-Proto"); got != tt.wantProto {
				t.Errorf("X-Forwarded-Proto seen by the route got %q, want %q", got, tt.wantProto)
			}
		})
	}
}

// customClient is a data client with fixed routes that records Close.
type customClient struct {
	routes []*eskip.Route
	closed chan struct{}
}

func (c *customClient) LoadAll() ([]*eskip.Route, error) { return c.routes, nil }
func (c *customClient) LoadUpdate() ([]*eskip.Route, []string, error) {
	return nil, nil, nil
}
func (c *customClient) Close() { close(c.closed) }

// headerIsSpec is a custom predicate: HeaderIs("value") matches requests
// whose X-Custom header has the value.
type headerIsSpec struct{}

type headerIs string

func (headerIsSpec) Name() string { return "HeaderIs" }
func (headerIsSpec) Create(args []interface{}) (routing.Predicate, error) {
	if len(args) != 1 {
		return nil, errors.New("HeaderIs: want one argument")
	}
	s, ok := args[0].(string)
	if !ok {
		return nil, errors.New("HeaderIs: want a string")
	}
	return headerIs(s), nil
}
func (h headerIs) Match(r *http.Request) bool { return r.Header.Get("X-Custom") == string(h) }

// teapotSpec is a custom filter: teapot() answers 418 itself.
type teapotSpec struct{}

type teapot struct{}

func (teapotSpec) Name() string { return "teapot" }
func (teapotSpec) CreateFilter([]interface{}) (filters.Filter, error) {
	return teapot{}, nil
}
func (teapot) Request(ctx filters.FilterContext) {
	ctx.Serve(&http.Response{StatusCode: http.StatusTeapot, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("tea"))})
}
func (teapot) Response(filters.FilterContext) {}

func TestRunCustomExtensions(t *testing.T) {
	client := &customClient{
		routes: eskip.MustParse(`tea: Path("/tea") && HeaderIs("yes") -> teapot() -> <shunt>;
other: Path("/tea") -> status(204) -> <shunt>`),
		closed: make(chan struct{}),
	}
	r := startRun(t, Options{
		CustomDataClients:  []routing.DataClient{client},
		CustomPredicates:   []routing.PredicateSpec{headerIsSpec{}},
		CustomFilters:      []filters.Spec{teapotSpec{}},
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	for _, tt := range []struct {
		name   string
		header string
		want   int
	}{
		{name: "custom predicate and filter", header: "yes", want: http.StatusTeapot},
		{name: "custom predicate does not match", header: "no", want: http.StatusNoContent},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", "http://"+r.addr+"/tea", nil)
			req.Header.Set("X-Custom", tt.header)
			rsp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			rsp.Body.Close()
			if rsp.StatusCode != tt.want {
				t.Errorf("status got %d, want %d", rsp.StatusCode, tt.want)
			}
		})
	}
	if err := r.shutdown(t); err != nil {
		t.Fatal(err)
	}
	select {
	case <-client.closed:
	default:
		t.Error("custom data client got not closed, want closed after the shutdown")
	}
}

func TestRunRefusesPrefaceWithoutH2C(t *testing.T) {
	called := make(chan struct{}, 1)
	backend := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		select {
		case called <- struct{}{}:
		default:
		}
	}))
	defer backend.Close()
	r := startRun(t, Options{
		InlineRoutes:       `all: * -> "` + backend.URL + `"`,
		WaitFirstRouteLoad: true,
		AccessLogDisabled:  true,
	})
	c, err := net.DialTimeout("tcp", r.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(c)
	if !strings.HasPrefix(string(b), "HTTP/1.1 505 ") {
		t.Errorf("answer got %q, want a 505 status line", b)
	}
	select {
	case <-called:
		t.Error("the preface reached the backend, want it refused")
	default:
	}
}

func TestAccessLogEntry(t *testing.T) {
	req := httptest.NewRequest("GET", "/p", nil)
	req.RemoteAddr = "192.0.2.1:1"
	for _, tt := range []struct {
		name     string
		bag      map[string]interface{}
		json     bool
		contains string
	}{
		{name: "text without state", contains: `192.0.2.1 - - [`},
		{name: "auth user", bag: map[string]interface{}{"auth-user": "jane"}, contains: `192.0.2.1 - jane [`},
		{name: "additional JSON data", json: true, bag: map[string]interface{}{"statebag:access_log:additional": map[string]interface{}{"team": "blue"}}, contains: `"team":"blue"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			a := &accessLog{log: logging.NewAccessLog(&buf, tt.json, false), file: nopCloser{}}
			a.LogAccess(&proxy.AccessEntry{Request: req, StatusCode: 200, Start: time.Now(), StateBag: tt.bag})
			if !strings.Contains(buf.String(), tt.contains) {
				t.Errorf("line got %q, want it to contain %q", buf.String(), tt.contains)
			}
		})
	}
}

// recordLog records the level and message of each log call.
type recordLog struct{ lines []string }

func (r *recordLog) Debugf(f string, a ...interface{}) { r.add("debug", f, a) }
func (r *recordLog) Infof(f string, a ...interface{})  { r.add("info", f, a) }
func (r *recordLog) Warnf(f string, a ...interface{})  { r.add("warn", f, a) }
func (r *recordLog) Errorf(f string, a ...interface{}) { r.add("error", f, a) }
func (r *recordLog) add(level, f string, a []interface{}) {
	r.lines = append(r.lines, level+": "+fmt.Sprintf(f, a...))
}

func TestServerErrorLog(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want string
	}{
		{name: "handshake at debug", in: "http: TLS handshake error from 192.0.2.1:5: EOF\n", want: "debug: http: TLS handshake error from 192.0.2.1:5: EOF"},
		{name: "others at error", in: "http: Accept error: too many open files\n", want: "error: http: Accept error: too many open files"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recordLog{}
			n, err := serverErrorLog{log: rec}.Write([]byte(tt.in))
			if err != nil || n != len(tt.in) {
				t.Errorf("Write got %d, %v, want %d, nil", n, err, len(tt.in))
			}
			if len(rec.lines) != 1 || rec.lines[0] != tt.want {
				t.Errorf("logged %q, want [%q]", rec.lines, tt.want)
			}
		})
	}
}

func TestHandlerWrapOrder(t *testing.T) {
	var order []string
	o := &Options{
		ForwardedHeaders: ForwardedHeaders{Host: true},
		CustomHttpHandlerWrap: func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				order = append(order, "wrap sees X-Forwarded-Host="+r.Header.Get("X-Forwarded-Host"))
				next.ServeHTTP(w, r)
			})
		},
	}
	h := o.handler(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		order = append(order, "proxy sees X-Forwarded-Host="+r.Header.Get("X-Forwarded-Host"))
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "http://example.org/", nil))
	want := []string{"wrap sees X-Forwarded-Host=", "proxy sees X-Forwarded-Host=example.org"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("calls got %q, want %q", order, want)
	}
}
