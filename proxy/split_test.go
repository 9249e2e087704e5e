package proxy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

func TestSplitLoopback(t *testing.T) {
	type shadowRequest struct {
		path, body string
	}
	got := make(chan shadowRequest, 1)
	shadow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- shadowRequest{path: r.URL.Path, body: string(b)}
	}))
	t.Cleanup(shadow.Close)
	main := echoBackend(t)

	done := make(chan struct{})
	reg := testRegistry()
	reg.Register(testSpec{name: "teeTo", create: func(a []interface{}) filters.Filter { return teeTo(argString(a, 0), done) }})
	doc := `
main: Path("/main") -> teeTo("/shadow") -> "` + main.URL + `";
shadow: Path("/shadow") -> "` + shadow.URL + `";
`
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
	defer rt.Close()
	<-rt.FirstLoad()
	px := New(Params{Routing: rt})
	defer px.Close()
	s := httptest.NewServer(px)
	defer s.Close()

	rsp, err := http.Post(s.URL+"/main", "text/plain", strings.NewReader("payload"))
	if err != nil {
		t.Fatal(err)
	}
	rsp.Body.Close()
	if got := rsp.Header.Get("X-Body"); got != "payload" {
		t.Errorf("main backend body: got %q, want %q", got, "payload")
	}
	select {
	case r := <-got:
		if r.path != "/shadow" || r.body != "payload" {
			t.Errorf("shadow request: got %s %q, want /shadow %q", r.path, r.body, "payload")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the shadow request did not arrive")
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Loopback did not return")
	}
}

func TestSplitUpgrade(t *testing.T) {
	px := New(Params{ExperimentalUpgrade: true})
	defer px.Close()
	c := &filterContext{proxy: px}
	c.request = httptest.NewRequest("GET", "/", nil)
	c.request.Header.Set("Connection", "Upgrade")
	if _, err := c.Split(); err == nil {
		t.Error("Split of an upgrade request: got no error")
	}
}
