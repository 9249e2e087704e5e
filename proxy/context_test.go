package proxy

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// metricsRecorder records counter keys.
type metricsRecorder struct {
	mu   sync.Mutex
	keys []string
}

func (m *metricsRecorder) add(k string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys = append(m.keys, k)
}

func (m *metricsRecorder) MeasureSince(key string, _ time.Time)    { m.add(key) }
func (m *metricsRecorder) IncCounter(key string)                   { m.add(key) }
func (m *metricsRecorder) IncCounterBy(key string, _ int64)        { m.add(key) }
func (m *metricsRecorder) IncFloatCounterBy(key string, _ float64) { m.add(key) }

// startWith starts a proxy with extra filter specs.
func startWith(t *testing.T, doc string, p Params, specs ...filters.Spec) string {
	t.Helper()
	reg := testRegistry()
	for _, s := range specs {
		reg.Register(s)
	}
	routes, err := eskip.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{staticClient(routes)},
		FilterRegistry:  reg,
		SignalFirstLoad: true,
		Log:             logging.Discard(),
	})
	<-rt.FirstLoad()
	p.Routing = rt
	px := New(p)
	s := newLoopbackServer(t, px)
	t.Cleanup(func() {
		px.Close()
		rt.Close()
	})
	return s
}

// newLoopbackServer serves h on a loopback listener until the test ends.
func newLoopbackServer(t *testing.T, h http.Handler) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return "http://" + l.Addr().String()
}

func TestFilterContextMethods(t *testing.T) {
	metrics := &metricsRecorder{}
	log := &testLogger{}
	var mu sync.Mutex
	seen := map[string]string{}
	record := func(k, v string) {
		mu.Lock()
		defer mu.Unlock()
		seen[k] = v
	}
	inspect := testSpec{name: "inspect", create: func(a []interface{}) filters.Filter {
		return funcFilter{
			req: func(c filters.FilterContext) {
				c.Metrics().IncCounter("hits")
				c.Logger().Infof("inspect %s", c.RouteId())
				record("tracer", fmt.Sprint(c.Tracer() != nil))
				record("span", fmt.Sprint(c.ParentSpan() != nil))
				record("served before", fmt.Sprint(c.Served()))
				record("response in request phase", fmt.Sprint(c.Response() != nil))
				if o := c.OriginalRequest(); o != nil {
					c.Request().Header.Set("X-Changed", "yes")
					record("original has change", fmt.Sprint(o.Header.Get("X-Changed") != ""))
					record("original path", o.URL.Path)
				}
				c.StateBag()["outer"] = "set"
			},
			resp: func(c filters.FilterContext) {
				if o := c.OriginalResponse(); o != nil {
					record("original status", fmt.Sprint(o.StatusCode))
				}
				record("bag after loopback", fmt.Sprint(c.StateBag()["inner"]))
			},
		}
	}}
	inner := testSpec{name: "inner", create: func(a []interface{}) filters.Filter {
		return funcFilter{req: func(c filters.FilterContext) {
			record("bag in loopback", fmt.Sprint(c.StateBag()["outer"]))
			c.StateBag()["inner"] = "set"
			c.Serve(&http.Response{StatusCode: 203})
			record("served after", fmt.Sprint(c.Served()))
		}}
	}}
	doc := `
outer: Path("/outer") -> inspect() -> setPath("/inner") -> <loopback>;
inner: Path("/inner") -> inner() -> <shunt>;
`
	url := startWith(t, doc, Params{Metrics: metrics, Log: log, Flags: PreserveOriginal}, inspect, inner)
	status, _, _ := get(t, nil, url+"/outer", nil)
	if status != 203 {
		t.Errorf("status: got %d, want 203", status)
	}
	want := map[string]string{
		"tracer":                    "true",
		"span":                      "true",
		"served before":             "false",
		"served after":              "true",
		"response in request phase": "false",
		"original has change":       "false",
		"original path":             "/outer",
		"original status":           "",
		"bag in loopback":           "set",
		"bag after loopback":        "set",
	}
	mu.Lock()
	defer mu.Unlock()
	for k, v := range want {
		if seen[k] != v {
			t.Errorf("%s: got %q, want %q", k, seen[k], v)
		}
	}
	if len(metrics.keys) != 1 || metrics.keys[0] != "inspect.custom.hits" {
		t.Errorf("metrics: got %q, want [inspect.custom.hits]", metrics.keys)
	}
	if !log.contains("inspect outer") {
		t.Errorf("filter log: got %q, want a line %q", log.lines, "inspect outer")
	}
}

func TestOriginalResponse(t *testing.T) {
	b := echoBackend(t)
	var got string
	spec := testSpec{name: "orig", create: func(a []interface{}) filters.Filter {
		return funcFilter{resp: func(c filters.FilterContext) {
			c.Response().StatusCode = 299
			got = fmt.Sprint(c.OriginalResponse().StatusCode)
		}}
	}}
	url := startWith(t, `r: * -> orig() -> "`+b.URL+`";`, Params{Flags: PreserveOriginal}, spec)
	if status, _, _ := get(t, nil, url+"/", nil); status != 299 {
		t.Errorf("status: got %d, want 299", status)
	}
	if got != "200" {
		t.Errorf("original response status: got %q, want %q", got, "200")
	}
}

// denyRoute is a route rate limit hook that rejects the routes of one id.
type denyRoute string

func (d denyRoute) Allow(c filters.FilterContext, r *routing.Route) (bool, int, int) {
	return r.Id != string(d), 5, 1
}

func TestRouteRatelimit(t *testing.T) {
	b := echoBackend(t)
	doc := `
limited: Path("/limited") -> "` + b.URL + `";
free: Path("/free") -> "` + b.URL + `";
`
	s, _ := startProxy(t, doc, Params{RouteRatelimit: denyRoute("limited")})
	tests := []struct {
		path string
		want int
	}{
		{path: "/limited", want: 429},
		{path: "/free", want: 200},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			if status, _, _ := get(t, nil, s.URL+tt.path, nil); status != tt.want {
				t.Errorf("status: got %d, want %d", status, tt.want)
			}
		})
	}
}

func TestMalformedChunkedBody(t *testing.T) {
	b := echoBackend(t)
	s, _ := startProxy(t, `r: * -> "`+b.URL+`";`, Params{})
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot chunked\r\n\r\n")
	rsp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rsp.StatusCode != http.StatusBadRequest {
		t.Errorf("status: got %d, want 400", rsp.StatusCode)
	}
}
