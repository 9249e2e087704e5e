package proxy_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/openskipper/skipper/filters/tee"
	"github.com/openskipper/skipper/proxy"
)

// received is what a backend got.
type received struct {
	method, uri, host, body, shadowHeader string
}

// receivingBackend reports each request it got, body included, on the
// returned channel, after hold returned.
func receivingBackend(t *testing.T, hold func(r *http.Request)) (*httptest.Server, <-chan received) {
	t.Helper()
	ch := make(chan received, 16)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if hold != nil {
			hold(r)
		}
		ch <- received{r.Method, r.URL.RequestURI(), r.Host, string(b), r.Header.Get(tee.ShadowTrafficHeader)}
		io.WriteString(w, "main answer")
	}))
	t.Cleanup(s.Close)
	return s, ch
}

func waitFor(t *testing.T, ch <-chan received, who string) received {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatalf("the %s backend got no request", who)
		return received{}
	}
}

func TestTeeThroughTheProxy(t *testing.T) {
	main, mainGot := receivingBackend(t, nil)
	shadow, shadowGot := receivingBackend(t, nil)
	shadowHost := strings.TrimPrefix(shadow.URL, "http://")
	px := startBuiltinProxy(t, `
shadowed: Path("/api/*rest") -> tee("`+shadow.URL+`", "^/api/", "/shadow/") -> "`+main.URL+`";
`, proxy.Params{})
	body := strings.Repeat("0123456789", 10000)
	rsp, got := send(t, "POST", px.URL+"/api/items?x=1", "in.example", body)
	if rsp.StatusCode != http.StatusOK || got != "main answer" {
		t.Fatalf("response: got %d %q, want 200 %q", rsp.StatusCode, got, "main answer")
	}
	m := waitFor(t, mainGot, "main")
	s := waitFor(t, shadowGot, "shadow")
	if m.method != "POST" || m.uri != "/api/items?x=1" || m.body != body {
		t.Errorf("main backend: got %s %s with %d bytes, want POST /api/items?x=1 with %d bytes", m.method, m.uri, len(m.body), len(body))
	}
	if s.method != "POST" || s.uri != "/shadow/items?x=1" || s.body != body {
		t.Errorf("shadow backend: got %s %s with %d bytes, want POST /shadow/items?x=1 with %d bytes", s.method, s.uri, len(s.body), len(body))
	}
	if s.host != shadowHost {
		t.Errorf("shadow Host: got %q, want %q", s.host, shadowHost)
	}
	if s.shadowHeader != shadowHost {
		t.Errorf("shadow %s: got %q, want %q", tee.ShadowTrafficHeader, s.shadowHeader, shadowHost)
	}
	if m.shadowHeader == "" {
		t.Errorf("main %s: got none, want the outgoing host", tee.ShadowTrafficHeader)
	}

	// a request that is shadow traffic already is refused
	req, _ := http.NewRequest("GET", px.URL+"/api/loop", nil)
	req.Header.Set(tee.ShadowTrafficHeader, "other.example")
	lrsp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lb, _ := io.ReadAll(lrsp.Body)
	lrsp.Body.Close()
	if lrsp.StatusCode != tee.StatusShadowTrafficLoop || string(lb) != "Skipper Shadow Traffic Loop detected" {
		t.Errorf("loop: got %d %q, want %d %q", lrsp.StatusCode, lb, tee.StatusShadowTrafficLoop, "Skipper Shadow Traffic Loop detected")
	}
	select {
	case r := <-mainGot:
		t.Errorf("loop: the main backend got %s %s, want nothing", r.method, r.uri)
	case r := <-shadowGot:
		t.Errorf("loop: the shadow backend got %s %s, want nothing", r.method, r.uri)
	default:
	}
}

func TestTeeSlowShadowDoesNotDelayTheMainRequest(t *testing.T) {
	// The shadow backend holds each request until the main response has
	// arrived or 2 seconds passed (longer than the shadow client waits);
	// it tells whether the main response came while it still held the
	// shadow request.
	mainDone := make(chan struct{})
	heldTooLong := make(chan bool, 1)
	main, _ := receivingBackend(t, nil)
	shadow, shadowGot := receivingBackend(t, func(r *http.Request) {
		select {
		case <-mainDone:
			// a main request that waited for the shadow's client to give
			// up would come after this request was cancelled
			heldTooLong <- r.Context().Err() != nil
		case <-time.After(2 * time.Second):
			heldTooLong <- true
		}
	})
	px := startBuiltinProxy(t, `r: * -> tee("`+shadow.URL+`") -> "`+main.URL+`";`, proxy.Params{})
	body := strings.Repeat("x", 64<<10)
	rsp, got := send(t, "PUT", px.URL+"/slow", "", body)
	close(mainDone)
	if rsp.StatusCode != http.StatusOK || got != "main answer" {
		t.Fatalf("response: got %d %q, want 200 %q", rsp.StatusCode, got, "main answer")
	}
	select {
	case long := <-heldTooLong:
		if long {
			t.Errorf("the main request answered only after the shadow request ended")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the shadow backend got no request")
	}
	if s := waitFor(t, shadowGot, "shadow"); s.method != "PUT" || s.body != body {
		t.Errorf("shadow backend: got %s with %d bytes, want PUT with %d bytes", s.method, len(s.body), len(body))
	}
}
