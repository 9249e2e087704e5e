package proxy

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// staticClient is a data client with fixed routes.
type staticClient []*eskip.Route

func (s staticClient) LoadAll() ([]*eskip.Route, error) { return s, nil }

func (s staticClient) LoadUpdate() ([]*eskip.Route, []string, error) { return nil, nil, nil }

// testSpec is a filter spec made from a function.
type testSpec struct {
	name   string
	create func(args []interface{}) filters.Filter
}

func (s testSpec) Name() string { return s.name }

func (s testSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	return s.create(args), nil
}

// funcFilter runs its functions in the request and response phases.
type funcFilter struct {
	req, resp func(filters.FilterContext)
}

func (f funcFilter) Request(c filters.FilterContext) {
	if f.req != nil {
		f.req(c)
	}
}

func (f funcFilter) Response(c filters.FilterContext) {
	if f.resp != nil {
		f.resp(c)
	}
}

// errorFilter handles error responses: it marks them with a header.
type errorFilter struct{}

func (errorFilter) Request(filters.FilterContext) {}

func (errorFilter) Response(c filters.FilterContext) {
	c.Response().Header.Set("X-Error-Handled", fmt.Sprint(c.Response().StatusCode))
}

func (errorFilter) HandleErrorResponse() bool { return true }

func argString(args []interface{}, i int) string {
	if i < len(args) {
		return fmt.Sprint(args[i])
	}
	return ""
}

// testRegistry holds the small filters the tests use.
func testRegistry() filters.Registry {
	r := make(filters.Registry)
	add := func(name string, create func(args []interface{}) filters.Filter) {
		r.Register(testSpec{name: name, create: create})
	}
	add("setRequestHeader", func(a []interface{}) filters.Filter {
		return funcFilter{req: func(c filters.FilterContext) {
			name, value := argString(a, 0), argString(a, 1)
			if strings.EqualFold(name, "Host") {
				c.SetOutgoingHost(value)
				return
			}
			c.Request().Header.Set(name, value)
		}}
	})
	add("setResponseHeader", func(a []interface{}) filters.Filter {
		return funcFilter{resp: func(c filters.FilterContext) {
			c.Response().Header.Set(argString(a, 0), argString(a, 1))
		}}
	})
	add("trace", func(a []interface{}) filters.Filter {
		tag := argString(a, 0)
		return funcFilter{
			req:  func(c filters.FilterContext) { c.Request().Header.Add("X-Trace", tag) },
			resp: func(c filters.FilterContext) { c.Response().Header.Add("X-Trace", tag) },
		}
	})
	add("serve", func(a []interface{}) filters.Filter {
		status := int(a[0].(float64))
		body := argString(a, 1)
		return funcFilter{req: func(c filters.FilterContext) {
			c.Serve(&http.Response{StatusCode: status, Body: io.NopCloser(strings.NewReader(body))})
		}}
	})
	add("status", func(a []interface{}) filters.Filter {
		status := int(a[0].(float64))
		return funcFilter{resp: func(c filters.FilterContext) { c.Response().StatusCode = status }}
	})
	add("markServed", func(a []interface{}) filters.Filter {
		return funcFilter{
			req: func(c filters.FilterContext) {
				c.ResponseWriter().WriteHeader(http.StatusAccepted)
				io.WriteString(c.ResponseWriter(), "raw")
				c.MarkServed()
			},
			resp: func(c filters.FilterContext) { panic("response of a raw-served request") },
		}
	})
	add("panicRequest", func(a []interface{}) filters.Filter {
		return funcFilter{req: func(filters.FilterContext) { panic("request boom") }}
	})
	add("panicResponse", func(a []interface{}) filters.Filter {
		return funcFilter{resp: func(filters.FilterContext) { panic("response boom") }}
	})
	add("handleErrors", func(a []interface{}) filters.Filter { return errorFilter{} })
	add("setPath", func(a []interface{}) filters.Filter {
		p := argString(a, 0)
		return funcFilter{req: func(c filters.FilterContext) { c.Request().URL.Path = p }}
	})
	add("state", func(a []interface{}) filters.Filter {
		k, v := argString(a, 0), argString(a, 1)
		return funcFilter{req: func(c filters.FilterContext) { c.StateBag()[k] = v }}
	})
	add("backendTimeout", func(a []interface{}) filters.Filter {
		d := time.Duration(a[0].(float64)) * time.Millisecond
		return funcFilter{req: func(c filters.FilterContext) { c.StateBag()[filters.BackendTimeoutKey] = d }}
	})
	add("param", func(a []interface{}) filters.Filter {
		name := argString(a, 0)
		return funcFilter{resp: func(c filters.FilterContext) {
			c.Response().Header.Set("X-Param-"+name, c.PathParam(name))
		}}
	})
	add("routeId", func(a []interface{}) filters.Filter {
		return funcFilter{resp: func(c filters.FilterContext) {
			c.Response().Header.Add("X-Route", c.RouteId())
		}}
	})
	add("describe", func(a []interface{}) filters.Filter {
		return funcFilter{
			req: func(c filters.FilterContext) {
				c.StateBag()["backendUrl"] = c.BackendUrl()
				c.StateBag()["outgoingHost"] = c.OutgoingHost()
			},
			resp: func(c filters.FilterContext) {
				c.Response().Header.Set("X-Backend-Url", c.StateBag()["backendUrl"].(string))
				c.Response().Header.Set("X-Outgoing-Host", c.StateBag()["outgoingHost"].(string))
			},
		}
	})
	add("loopbackIfStatus", func(a []interface{}) filters.Filter {
		status := int(a[0].(float64))
		path := argString(a, 1)
		return funcFilter{resp: func(c filters.FilterContext) {
			if c.Response().StatusCode == status {
				c.Request().URL.Path = path
				c.LoopbackWithResponse()
			}
		}}
	})
	return r
}

// testLogger records log lines.
type testLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *testLogger) add(level, format string, args ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, level+": "+fmt.Sprintf(format, args...))
}

func (l *testLogger) Debugf(f string, a ...interface{}) { l.add("debug", f, a...) }
func (l *testLogger) Infof(f string, a ...interface{})  { l.add("info", f, a...) }
func (l *testLogger) Warnf(f string, a ...interface{})  { l.add("warn", f, a...) }
func (l *testLogger) Errorf(f string, a ...interface{}) { l.add("error", f, a...) }

func (l *testLogger) contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// startProxy starts a routing with the routes of doc and a proxy on a
// loopback test server. Everything is closed at the end of the test.
func startProxy(t testing.TB, doc string, p Params) (*httptest.Server, *Proxy) {
	t.Helper()
	routes, err := eskip.Parse(doc)
	if err != nil {
		t.Fatalf("parse routes: %v", err)
	}
	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{staticClient(routes)},
		FilterRegistry:  testRegistry(),
		SignalFirstLoad: true,
		Log:             logging.Discard(),
		PollTimeout:     time.Hour,
	})
	<-rt.FirstLoad()
	if n := len(rt.InvalidRoutes()); n > 0 {
		t.Fatalf("invalid routes: %v", rt.InvalidRoutes())
	}
	p.Routing = rt
	px := New(p)
	s := httptest.NewServer(px)
	t.Cleanup(func() {
		s.Close()
		px.Close()
		rt.Close()
	})
	return s, px
}

// get sends a GET to the proxy and returns status, headers and body.
func get(t testing.TB, client *http.Client, url string, header http.Header) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if h := header.Get("Host"); h != "" {
		req.Host = h
	}
	if client == nil {
		client = http.DefaultClient
	}
	rsp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer rsp.Body.Close()
	b, err := io.ReadAll(rsp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading body: %v", url, err)
	}
	return rsp.StatusCode, rsp.Header, string(b)
}

// echoBackend answers with the request's method, path, Host and headers
// in response headers, and "backend" as body.
func echoBackend(t testing.TB) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Path", r.URL.RequestURI())
		w.Header().Set("X-Host", r.Host)
		w.Header().Set("X-Proto", r.Proto)
		for k, v := range r.Header {
			w.Header()["X-Req-"+k] = v
		}
		if _, ok := r.Header["User-Agent"]; !ok {
			w.Header().Set("X-No-User-Agent", "true")
		}
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Body", string(b))
		io.WriteString(w, "backend")
	}))
	t.Cleanup(s.Close)
	return s
}

// mustRoutes builds the routes of doc with the test filters.
func mustRoutes(t testing.TB, doc string) []*routing.Route {
	t.Helper()
	defs, err := eskip.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	table, invalid := routing.Build(defs, routing.Options{FilterRegistry: testRegistry()})
	if len(invalid) > 0 {
		t.Fatalf("invalid routes: %v", invalid)
	}
	return table.Routes()
}

// teeTo returns a filter that sends a shadow copy of the request, with the
// path changed, through the routing in a goroutine.
func teeTo(path string, done chan<- struct{}) filters.Filter {
	return funcFilter{req: func(c filters.FilterContext) {
		sc, err := c.Split()
		if err != nil {
			c.Request().Header.Set("X-Split-Error", err.Error())
			return
		}
		sc.Request().URL.Path = path
		sc.StateBag()["shadow"] = true
		go func() {
			sc.Loopback()
			close(done)
		}()
	}}
}
