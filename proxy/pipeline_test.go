package proxy

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestPipeline(t *testing.T) {
	b := echoBackend(t)
	doc := fmt.Sprintf(`
shunt: Path("/shunt") -> <shunt>;
served: Path("/served") -> trace("a") -> serve(201, "hello") -> trace("b") -> <shunt>;
order: Path("/order") -> trace("1") -> trace("2") -> trace("3") -> "%[1]s";
proxied: Path("/proxied") -> setRequestHeader("X-Foo", "bar") -> setResponseHeader("X-Resp", "yes") -> "%[1]s";
status: Path("/status") -> status(418) -> serve(200, "tea") -> <shunt>;
raw: Path("/raw") -> markServed() -> <shunt>;
params: Path("/p/:id/*rest") -> param("id") -> param("rest") -> <shunt>;
server: Path("/server") -> setResponseHeader("Server", "mine") -> <shunt>;
`, b.URL)
	s, _ := startProxy(t, doc, Params{})

	tests := []struct {
		name       string
		path       string
		wantStatus int
		wantBody   string
		wantHeader map[string]string
	}{
		{name: "shunt answers 404 with an empty body", path: "/shunt", wantStatus: 404, wantBody: "",
			wantHeader: map[string]string{"Server": "Skipper"}},
		{name: "no route answers 404 with the status text", path: "/nothing", wantStatus: 404, wantBody: "Not Found\n",
			wantHeader: map[string]string{"Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Server": "Skipper"}},
		{name: "a served response stops the request filters", path: "/served", wantStatus: 201, wantBody: "hello",
			wantHeader: map[string]string{"X-Trace": "a"}},
		{name: "response filters run in reverse", path: "/order", wantStatus: 200, wantBody: "backend",
			wantHeader: map[string]string{"X-Req-X-Trace": "1,2,3", "X-Trace": "3,2,1"}},
		{name: "filters change request and response", path: "/proxied", wantStatus: 200, wantBody: "backend",
			wantHeader: map[string]string{"X-Req-X-Foo": "bar", "X-Resp": "yes", "X-Path": "/proxied", "Server": "Skipper"}},
		{name: "status works in the response phase", path: "/status", wantStatus: 418, wantBody: "tea"},
		{name: "raw served responses are left alone", path: "/raw", wantStatus: 202, wantBody: "raw"},
		{name: "path params", path: "/p/42/x/y", wantStatus: 404,
			wantHeader: map[string]string{"X-Param-id": "42", "X-Param-rest": "/x/y"}},
		{name: "a Server header is kept", path: "/server", wantStatus: 404,
			wantHeader: map[string]string{"Server": "mine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, body := get(t, nil, s.URL+tt.path, nil)
			if status != tt.wantStatus {
				t.Errorf("status: got %d, want %d", status, tt.wantStatus)
			}
			if body != tt.wantBody {
				t.Errorf("body: got %q, want %q", body, tt.wantBody)
			}
			for k, want := range tt.wantHeader {
				if got := strings.Join(h.Values(k), ","); got != want {
					t.Errorf("header %s: got %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestDefaultHTTPStatus(t *testing.T) {
	tests := []struct {
		name   string
		status int
		want   int
	}{
		{name: "zero means 404", status: 0, want: 404},
		{name: "a valid status", status: 410, want: 410},
		{name: "out of range means 404", status: 600, want: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, `r: Path("/x") -> <shunt>;`, Params{DefaultHTTPStatus: tt.status})
			status, _, body := get(t, nil, s.URL+"/y", nil)
			if status != tt.want {
				t.Errorf("status: got %d, want %d", status, tt.want)
			}
			if want := http.StatusText(tt.want) + "\n"; body != want {
				t.Errorf("body: got %q, want %q", body, want)
			}
		})
	}
}

func TestPanicRecovery(t *testing.T) {
	log := &testLogger{}
	doc := `
reqpanic: Path("/req") -> handleErrors() -> setResponseHeader("X-Normal", "ran") -> panicRequest() -> <shunt>;
resppanic: Path("/resp") -> handleErrors() -> panicResponse() -> <shunt>;
ok: Path("/ok") -> serve(200, "fine") -> <shunt>;
`
	s, _ := startProxy(t, doc, Params{Log: log})
	tests := []struct {
		path  string
		route string
	}{
		{path: "/req", route: "reqpanic"},
		{path: "/resp", route: "resppanic"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			status, h, body := get(t, nil, s.URL+tt.path, nil)
			if status != 500 || body != "Internal Server Error\n" {
				t.Errorf("got %d %q, want 500 %q", status, body, "Internal Server Error\n")
			}
			if got := h.Get("X-Error-Handled"); got != "500" {
				t.Errorf("error-handling filter: got %q, want %q", got, "500")
			}
			if got := h.Get("X-Normal"); got != "" {
				t.Errorf("ordinary response filter ran on the panic response: X-Normal %q", got)
			}
			if !log.contains(`route "` + tt.route + `"`) {
				t.Errorf("the panic was not logged with the route id %q: %q", tt.route, log.lines)
			}
			if status, _, body := get(t, nil, s.URL+"/ok", nil); status != 200 || body != "fine" {
				t.Errorf("after the panic: got %d %q, want 200 %q", status, body, "fine")
			}
		})
	}
}

func TestErrorResponseFilters(t *testing.T) {
	doc := `r: Path("/x") -> handleErrors() -> setResponseHeader("X-Normal", "ran") -> "http://127.0.0.1:1";`
	log := &testLogger{}
	s, _ := startProxy(t, doc, Params{Log: log})
	status, h, body := get(t, nil, s.URL+"/x", nil)
	// the log line is written after the response
	for i := 0; i < 100 && !log.contains("status code 502"); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if !log.contains("route r with backend http://127.0.0.1:1, status code 502") {
		t.Errorf("error log: got %q, want a line with the route, backend and status", log.lines)
	}
	if status != http.StatusBadGateway || body != "Bad Gateway\n" {
		t.Errorf("got %d %q, want 502 %q", status, body, "Bad Gateway\n")
	}
	if got := h.Get("X-Error-Handled"); got != "502" {
		t.Errorf("error-handling filter: got %q, want %q", got, "502")
	}
	if got := h.Get("X-Normal"); got != "" {
		t.Errorf("ordinary filter saw the error response: X-Normal %q", got)
	}
}

func TestConcurrentRequests(t *testing.T) {
	b := echoBackend(t)
	doc := `
shunt: Path("/shunt") -> serve(200, "shunt") -> <shunt>;
proxied: Path("/proxied/:id") -> param("id") -> "` + b.URL + `";
loop: Path("/loop/:id") -> setPath("/end") -> <loopback>;
end: Path("/end") -> param("id") -> serve(200, "end") -> <shunt>;
lb: Path("/lb/:id") -> param("id") -> <"` + b.URL + `", "` + b.URL + `">;
`
	s, _ := startProxy(t, doc, Params{})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				id := fmt.Sprintf("%d-%d", g, i)
				for _, path := range []string{"/proxied/", "/loop/", "/lb/"} {
					rsp, err := http.Get(s.URL + path + id)
					if err != nil {
						t.Error(err)
						return
					}
					io.Copy(io.Discard, rsp.Body)
					rsp.Body.Close()
					if rsp.StatusCode != 200 || rsp.Header.Get("X-Param-id") != id {
						t.Errorf("%s%s: got %d with id %q, want 200 with id %q", path, id, rsp.StatusCode, rsp.Header.Get("X-Param-id"), id)
					}
				}
			}
		}()
	}
	wg.Wait()
}
