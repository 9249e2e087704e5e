package skipper

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
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

func TestRunDevModeNote(t *testing.T) {
	for _, tt := range []struct {
		name     string
		devMode  bool
		wantNote bool
	}{
		{name: "dev mode", devMode: true, wantNote: true},
		{name: "normal mode", devMode: false, wantNote: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			appPath := filepath.Join(t.TempDir(), "app.log")
			r := startRun(t, Options{
				DevMode:              tt.devMode,
				AccessLogDisabled:    true,
				ApplicationLogOutput: appPath,
				ApplicationLogLevel:  logrus.InfoLevel,
			})
			if err := r.shutdown(t); err != nil {
				t.Fatal(err)
			}
			app, _ := os.ReadFile(appPath)
			if got := bytes.Contains(app, []byte("dev mode")); got != tt.wantNote {
				t.Errorf("dev mode note in the log got %v, want %v; log: %q", got, tt.wantNote, app)
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
