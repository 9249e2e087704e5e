package routing_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// listClient is a data client serving a fixed list of routes; replace
// queues a full replacement that the next LoadUpdate reports.
type listClient struct {
	mu      sync.Mutex
	routes  []*eskip.Route
	upserts []*eskip.Route
	deletes []string
}

func (c *listClient) LoadAll() ([]*eskip.Route, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.upserts, c.deletes = nil, nil
	return c.routes, nil
}

func (c *listClient) LoadUpdate() ([]*eskip.Route, []string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	up, del := c.upserts, c.deletes
	c.upserts, c.deletes = nil, nil
	return up, del, nil
}

func (c *listClient) replace(routes []*eskip.Route) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.routes {
		c.deletes = append(c.deletes, r.Id)
	}
	c.routes = routes
	c.upserts = append(c.upserts, routes...)
}

// routesDoc has three valid routes, listed out of id order, and two
// invalid ones (unknown filter, bad filter argument).
const routesDoc = `
	c: Path("/c") && Method("GET") -> "http://c.example";
	a: Path("/a") -> f1() -> "http://a.example";
	b: Host(/^b[.]example$/) -> f1("<b>") -> <shunt>;
	x: Path("/x") -> unknown() -> <shunt>;
	y: Path("/y") -> f1("bad") -> <shunt>;
`

// newRoutesRouting starts a routing over doc and waits for its first
// table.
func newRoutesRouting(t *testing.T, doc string) (*routing.Routing, *listClient) {
	t.Helper()
	c := &listClient{routes: mustParse(t, doc)}
	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{c},
		FilterRegistry:  nopRegistry("f1"),
		Predicates:      builtinPredicates(t),
		Log:             logging.Discard(),
		SignalFirstLoad: true,
	})
	t.Cleanup(rt.Close)
	select {
	case <-rt.FirstLoad():
	case <-time.After(10 * time.Second):
		t.Fatal("timed out waiting for the first table")
	}
	return rt, c
}

// serveRoutes sends one request to the /routes handler.
func serveRoutes(rt *routing.Routing, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	rt.ServeHTTP(w, req)
	return w
}

const (
	prettyA = "a: Path(\"/a\")\n  -> f1()\n  -> \"http://a.example\";"
	prettyB = "b: Host(/^b[.]example$/)\n  -> f1(\"<b>\")\n  -> <shunt>;"
	prettyC = "c: Path(\"/c\") && Method(\"GET\")\n  -> \"http://c.example\";"
	lineA   = `a: Path("/a") -> f1() -> "http://a.example";`
	lineB   = `b: Host(/^b[.]example$/) -> f1("<b>") -> <shunt>;`
	lineC   = `c: Path("/c") && Method("GET") -> "http://c.example";`
	prettyX = "x: Path(\"/x\")\n  -> unknown()\n  -> <shunt>;"
	prettyY = "y: Path(\"/y\")\n  -> f1(\"bad\")\n  -> <shunt>;"
)

func TestRoutesText(t *testing.T) {
	rt, _ := newRoutesRouting(t, routesDoc)
	tests := []struct {
		name   string
		target string
		want   string
	}{
		{"all, pretty by default", "/routes", prettyA + "\n\n" + prettyB + "\n\n" + prettyC},
		{"nopretty=0 is pretty", "/routes?nopretty=0", prettyA + "\n\n" + prettyB + "\n\n" + prettyC},
		{"nopretty=false is pretty", "/routes?nopretty=false", prettyA + "\n\n" + prettyB + "\n\n" + prettyC},
		{"nopretty", "/routes?nopretty", lineA + "\n" + lineB + "\n" + lineC},
		{"nopretty empty", "/routes?nopretty=", lineA + "\n" + lineB + "\n" + lineC},
		{"nopretty=true", "/routes?nopretty=true", lineA + "\n" + lineB + "\n" + lineC},
		{"nopretty first value counts", "/routes?nopretty=1&nopretty=0", lineA + "\n" + lineB + "\n" + lineC},
		{"offset", "/routes?offset=1&nopretty", lineB + "\n" + lineC},
		{"limit", "/routes?limit=2&nopretty", lineA + "\n" + lineB},
		{"offset and limit", "/routes?offset=1&limit=1&nopretty", lineB},
		{"limit past the end", "/routes?offset=2&limit=100&nopretty", lineC},
		{"offset at the end", "/routes?offset=3", ""},
		{"offset past the end", "/routes?offset=1000", ""},
		{"limit zero", "/routes?limit=0", ""},
		{"empty offset and limit use defaults", "/routes?offset=&limit=&nopretty", lineA + "\n" + lineB + "\n" + lineC},
		{"huge limit", "/routes?offset=1&limit=" + strconv.Itoa(int(^uint(0)>>1)) + "&nopretty", lineB + "\n" + lineC},
		{"other invalid value lists valid routes", "/routes?invalid=1&nopretty", lineA + "\n" + lineB + "\n" + lineC},
		{"invalid routes", "/routes?invalid=true", prettyX + "\n\n" + prettyY},
		{"invalid routes paged", "/routes?invalid=true&offset=1&limit=5", prettyY},
		{"invalid routes past the end", "/routes?invalid=true&offset=2", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serveRoutes(rt, "GET", tt.target)
			if w.Code != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (body %q)", w.Code, w.Body.String())
			}
			if got := w.Body.String(); got != tt.want {
				t.Errorf("body: got %q, want %q", got, tt.want)
			}
			if got := w.Header().Get("Content-Type"); got != "text/plain" {
				t.Errorf("Content-Type: got %q, want %q", got, "text/plain")
			}
		})
	}
}

func TestRoutesHeaders(t *testing.T) {
	rt, _ := newRoutesRouting(t, routesDoc)
	created := strconv.FormatInt(rt.Table().Created().Unix(), 10)
	tests := []struct {
		name        string
		method      string
		target      string
		accept      string
		count       string
		contentType string
	}{
		{"GET valid", "GET", "/routes?limit=1", "", "3", "text/plain"},
		{"GET invalid", "GET", "/routes?invalid=true&limit=0", "", "2", "text/plain"},
		{"GET JSON", "GET", "/routes?offset=10", "text/html, application/json;q=0.9", "3", "application/json"},
		{"HEAD valid", "HEAD", "/routes", "", "3", "text/plain"},
		{"HEAD invalid JSON", "HEAD", "/routes?invalid=true", "application/json", "2", "application/json"},
		{"HEAD ignores paging", "HEAD", "/routes?offset=-1&limit=x", "", "3", "text/plain"},
		{"HEAD with timestamp", "HEAD", "/routes?timestamp=" + created, "", "3", "text/plain"},
		{"other Accept is text", "GET", "/routes", "application/xml", "3", "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serveRoutes(rt, tt.method, tt.target, "Accept", tt.accept)
			if w.Code != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (body %q)", w.Code, w.Body.String())
			}
			h := w.Header()
			if got := h.Get("X-Count"); got != tt.count {
				t.Errorf("X-Count: got %q, want %q", got, tt.count)
			}
			if got := h.Get("X-Timestamp"); got != created {
				t.Errorf("X-Timestamp: got %q, want %q", got, created)
			}
			if got := h.Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type: got %q, want %q", got, tt.contentType)
			}
			if tt.method == "HEAD" && w.Body.Len() != 0 {
				t.Errorf("HEAD body: got %q, want none", w.Body.String())
			}
		})
	}
}

func TestRoutesErrors(t *testing.T) {
	rt, _ := newRoutesRouting(t, routesDoc)
	created := rt.Table().Created().Unix()
	tests := []struct {
		name   string
		method string
		target string
		status int
		body   string
	}{
		{"POST", "POST", "/routes", http.StatusMethodNotAllowed, ""},
		{"PUT", "PUT", "/routes", http.StatusMethodNotAllowed, ""},
		{"DELETE", "DELETE", "/routes", http.StatusMethodNotAllowed, ""},
		{"OPTIONS", "OPTIONS", "/routes", http.StatusMethodNotAllowed, ""},
		{"negative offset", "GET", "/routes?offset=-1", http.StatusBadRequest, "invalid offset\n"},
		{"text offset", "GET", "/routes?offset=one", http.StatusBadRequest, "invalid offset\n"},
		{"fraction offset", "GET", "/routes?offset=1.5", http.StatusBadRequest, "invalid offset\n"},
		{"overflowing offset", "GET", "/routes?offset=99999999999999999999999", http.StatusBadRequest, "invalid offset\n"},
		{"negative limit", "GET", "/routes?limit=-2", http.StatusBadRequest, "invalid limit\n"},
		{"text limit", "GET", "/routes?limit=all", http.StatusBadRequest, "invalid limit\n"},
		{"offset checked first", "GET", "/routes?limit=x&offset=y", http.StatusBadRequest, "invalid offset\n"},
		{"old timestamp", "GET", "/routes?timestamp=" + strconv.FormatInt(created-1, 10), http.StatusBadRequest, "invalid timestamp\n"},
		{"text timestamp", "GET", "/routes?timestamp=now", http.StatusBadRequest, "invalid timestamp\n"},
		{"timestamp checked before paging", "GET", "/routes?timestamp=1&offset=x", http.StatusBadRequest, "invalid timestamp\n"},
		{"HEAD old timestamp", "HEAD", "/routes?timestamp=1", http.StatusBadRequest, "invalid timestamp\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serveRoutes(rt, tt.method, tt.target)
			if w.Code != tt.status {
				t.Errorf("status: got %d, want %d", w.Code, tt.status)
			}
			if got := w.Body.String(); got != tt.body {
				t.Errorf("body: got %q, want %q", got, tt.body)
			}
			if got := w.Header().Get("X-Count"); got != "" {
				t.Errorf("X-Count: got %q, want none", got)
			}
		})
	}
}

func TestRoutesJSON(t *testing.T) {
	rt, _ := newRoutesRouting(t, routesDoc)
	const (
		jsonA = `{"id":"a","backend":{"type":"network","address":"http://a.example"},` +
			`"predicates":[{"name":"Path","args":["/a"]}],"filters":[{"name":"f1"}]}`
		jsonB = `{"id":"b","backend":{"type":"shunt"},` +
			`"predicates":[{"name":"Host","args":["^b[.]example$"]}],"filters":[{"name":"f1","args":["\u003cb\u003e"]}]}`
		jsonX = `{"id":"x","backend":{"type":"shunt"},` +
			`"predicates":[{"name":"Path","args":["/x"]}],"filters":[{"name":"unknown"}],"error":`
		jsonY = `{"id":"y","backend":{"type":"shunt"},` +
			`"predicates":[{"name":"Path","args":["/y"]}],"filters":[{"name":"f1","args":["bad"]}],"error":`
	)
	tests := []struct {
		name   string
		target string
		want   string
	}{
		{"page", "/routes?limit=2", "[" + jsonA + "," + jsonB + "]\n"},
		{"nopretty does not change JSON", "/routes?offset=1&limit=1&nopretty", "[" + jsonB + "]\n"},
		{"empty page", "/routes?offset=3", "[]\n"},
		{"limit zero", "/routes?limit=0", "[]\n"},
		{"invalid empty page", "/routes?invalid=true&limit=0", "[]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := serveRoutes(rt, "GET", tt.target, "Accept", "application/json")
			if w.Code != http.StatusOK {
				t.Fatalf("status: got %d, want 200 (body %q)", w.Code, w.Body.String())
			}
			if got := w.Body.String(); got != tt.want {
				t.Errorf("body: got %q, want %q", got, tt.want)
			}
		})
	}

	t.Run("invalid routes carry their error", func(t *testing.T) {
		w := serveRoutes(rt, "GET", "/routes?invalid=true", "Accept", "application/json")
		body := w.Body.String()
		if !strings.HasPrefix(body, "["+jsonX) || !strings.Contains(body, "},"+jsonY) || !strings.HasSuffix(body, "}]\n") {
			t.Fatalf("body: got %q, want the objects of x and y with errors", body)
		}
		var got []map[string]interface{}
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatalf("body %q is not JSON: %v", body, err)
		}
		invalid := rt.InvalidRoutes()
		if len(got) != len(invalid) {
			t.Fatalf("routes: got %d, want %d", len(got), len(invalid))
		}
		for i, ir := range invalid {
			if msg := got[i]["error"]; msg != ir.Err.Error() || msg == "" {
				t.Errorf("error of %s: got %q, want %q", ir.Route.Id, msg, ir.Err.Error())
			}
		}
	})
}

func TestRoutesEmptyTable(t *testing.T) {
	rt, _ := newRoutesRouting(t, "")
	for _, accept := range []string{"", "application/json"} {
		t.Run("Accept "+accept, func(t *testing.T) {
			w := serveRoutes(rt, "GET", "/routes", "Accept", accept)
			want := ""
			if accept != "" {
				want = "[]\n"
			}
			if got := w.Body.String(); w.Code != http.StatusOK || got != want {
				t.Errorf("got %d %q, want 200 %q", w.Code, got, want)
			}
			if got := w.Header().Get("X-Count"); got != "0" {
				t.Errorf("X-Count: got %q, want %q", got, "0")
			}
		})
	}
}

// TestRoutesConsistentPaging pages through a table with the timestamp of
// its first page, and checks that the timestamp is refused once a table
// created in a later second replaces it.
func TestRoutesConsistentPaging(t *testing.T) {
	var doc strings.Builder
	var want []string
	for i := range 25 {
		id := fmt.Sprintf("r%02d", i)
		fmt.Fprintf(&doc, "%s: Path(\"/%d\") -> <shunt>;\n", id, i)
		want = append(want, fmt.Sprintf("%s: Path(\"/%d\") -> <shunt>;", id, i))
	}
	rt, c := newRoutesRouting(t, doc.String())

	first := serveRoutes(rt, "GET", "/routes?limit=10&nopretty")
	ts := first.Header().Get("X-Timestamp")
	got := strings.Split(first.Body.String(), "\n")
	for offset := 10; ; offset += 10 {
		w := serveRoutes(rt, "GET", fmt.Sprintf("/routes?limit=10&nopretty&offset=%d&timestamp=%s", offset, ts))
		if w.Code != http.StatusOK {
			t.Fatalf("page at %d: got %d %q, want 200", offset, w.Code, w.Body.String())
		}
		if w.Header().Get("X-Count") != "25" {
			t.Errorf("X-Count: got %q, want %q", w.Header().Get("X-Count"), "25")
		}
		if w.Body.Len() == 0 {
			break
		}
		got = append(got, strings.Split(w.Body.String(), "\n")...)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pages: got %q, want %q", got, want)
	}

	// Let the clock pass into the next second, so that the new table's
	// creation time differs from the old one in Unix seconds.
	old := rt.Table()
	for time.Now().Unix() <= old.Created().Unix() {
		time.Sleep(10 * time.Millisecond)
	}
	c.replace(mustParse(t, `z: * -> <shunt>`))
	deadline := time.Now().Add(10 * time.Second)
	for rt.Table() == old || rt.Table().Len() != 1 {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for the updated table")
		}
		time.Sleep(time.Millisecond)
	}
	w := serveRoutes(rt, "GET", "/routes?offset=10&timestamp="+ts)
	if w.Code != http.StatusBadRequest || w.Body.String() != "invalid timestamp\n" {
		t.Errorf("stale timestamp: got %d %q, want 400 %q", w.Code, w.Body.String(), "invalid timestamp\n")
	}
	w = serveRoutes(rt, "GET", "/routes?nopretty")
	if got := w.Body.String(); got != `z: * -> <shunt>;` {
		t.Errorf("new table: got %q, want %q", got, `z: * -> <shunt>;`)
	}
}

func BenchmarkRoutesPage(b *testing.B) {
	const n = 100000
	routes := make([]*eskip.Route, n)
	for i := range routes {
		routes[i] = &eskip.Route{
			Id:          fmt.Sprintf("route%06d", i),
			Predicates:  []*eskip.Predicate{{Name: "Path", Args: []interface{}{fmt.Sprintf("/p/%d", i)}}},
			BackendType: eskip.ShuntBackend,
			Shunt:       true,
		}
	}
	c := &listClient{routes: routes}
	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{c},
		Predicates:      builtinPredicates(b),
		Log:             logging.Discard(),
		SignalFirstLoad: true,
	})
	defer rt.Close()
	<-rt.FirstLoad()
	for _, accept := range []string{"text/plain", "application/json"} {
		b.Run(accept, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				offset := (i * 1024) % n
				w := serveRoutes(rt, "GET", "/routes?offset="+strconv.Itoa(offset), "Accept", accept)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
