package proxy_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

type routes []*eskip.Route

func (r routes) LoadAll() ([]*eskip.Route, error)              { return r, nil }
func (r routes) LoadUpdate() ([]*eskip.Route, []string, error) { return nil, nil, nil }

func ExampleNew() {
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "backend saw %s", r.URL.Path)
	}))
	defer backend.Close()

	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{routes(eskip.MustParse(`api: Path("/api") -> "` + backend.URL + `";`))},
		SignalFirstLoad: true,
		Log:             logging.Discard(),
	})
	defer rt.Close()
	<-rt.FirstLoad()

	p := proxy.New(proxy.Params{Routing: rt})
	defer p.Close()
	server := httptest.NewServer(p)
	defer server.Close()

	rsp, err := http.Get(server.URL + "/api")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rsp.Body.Close()
	body, _ := io.ReadAll(rsp.Body)
	fmt.Println(rsp.StatusCode, string(body))
	// Output: 200 backend saw /api
}
