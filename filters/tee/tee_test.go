package tee

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

// seen is what a shadow backend received.
type seen struct {
	method, uri, host, body string
	header                  http.Header
}

// recordingBackend sends each request it receives on the returned channel.
func recordingBackend(t *testing.T) (*httptest.Server, <-chan seen) {
	t.Helper()
	ch := make(chan seen, 16)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ch <- seen{method: r.Method, uri: r.URL.RequestURI(), host: r.Host, body: string(b), header: r.Header}
	}))
	t.Cleanup(s.Close)
	return s, ch
}

func receive(t *testing.T, ch <-chan seen) seen {
	t.Helper()
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("the shadow backend got no request")
		return seen{}
	}
}

func create(t *testing.T, s filters.Spec, args ...interface{}) *filter {
	t.Helper()
	f, err := s.CreateFilter(args)
	if err != nil {
		t.Fatal(err)
	}
	tf := f.(*filter)
	t.Cleanup(func() { tf.Close() })
	return tf
}

// mainRequest runs the filter on a request and reads its body to the end,
// as the proxy does when it calls the main backend.
func mainRequest(t *testing.T, f filters.Filter, method, target, body string, header http.Header) *filtertest.Context {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	for k, v := range header {
		r.Header[k] = v
	}
	ctx := filtertest.NewContext(r)
	ctx.FOutgoingHost = "main.example"
	f.Request(ctx)
	if ctx.FRequest.Body != nil {
		got, err := io.ReadAll(ctx.FRequest.Body)
		if err != nil {
			t.Fatalf("reading the main body: %v", err)
		}
		if string(got) != body {
			t.Errorf("main body: got %q, want %q", got, body)
		}
		ctx.FRequest.Body.Close()
	}
	return ctx
}

func TestShadowCopy(t *testing.T) {
	shadow, ch := recordingBackend(t)
	shadowHost := strings.TrimPrefix(shadow.URL, "http://")
	tests := []struct {
		name     string
		args     []interface{}
		method   string
		target   string
		body     string
		wantURI  string
		wantBody string
	}{
		{"get keeps path and query", []interface{}{shadow.URL + "/ignored"}, "GET", "http://in.example/a/b?q=1", "", "/a/b?q=1", ""},
		{"post with a body", []interface{}{shadow.URL}, "POST", "http://in.example/p", "hello shadow", "/p", "hello shadow"},
		{"put with a rewritten path", []interface{}{shadow.URL, "^/api/(.*)$", "/v2/$1"}, "PUT", "http://in.example/api/x?y=z", "data", "/v2/x?y=z", "data"},
		{"pattern that does not match", []interface{}{shadow.URL, "^/nothing", "/x"}, "DELETE", "http://in.example/keep", "", "/keep", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := create(t, NewTee(), tt.args...)
			header := http.Header{
				"X-Custom":   {"v1", "v2"},
				"Connection": {"keep-alive"},
				"Keep-Alive": {"timeout=5"},
				"Te":         {"trailers"},
				"Upgrade":    {"foo"},
			}
			ctx := mainRequest(t, f, tt.method, tt.target, tt.body, header)
			if ctx.FServed {
				t.Fatal("the main request was served")
			}
			if got := ctx.FRequest.Header.Get(ShadowTrafficHeader); got != "main.example" {
				t.Errorf("%s of the main request: got %q, want %q", ShadowTrafficHeader, got, "main.example")
			}
			s := receive(t, ch)
			if s.method != tt.method {
				t.Errorf("method: got %q, want %q", s.method, tt.method)
			}
			if s.uri != tt.wantURI {
				t.Errorf("uri: got %q, want %q", s.uri, tt.wantURI)
			}
			if s.host != shadowHost {
				t.Errorf("host: got %q, want %q", s.host, shadowHost)
			}
			if s.body != tt.wantBody {
				t.Errorf("body: got %q, want %q", s.body, tt.wantBody)
			}
			if got := strings.Join(s.header["X-Custom"], ","); got != "v1,v2" {
				t.Errorf("X-Custom: got %q, want %q", got, "v1,v2")
			}
			if got := s.header.Get(ShadowTrafficHeader); got != shadowHost {
				t.Errorf("%s of the copy: got %q, want %q", ShadowTrafficHeader, got, shadowHost)
			}
			for _, h := range []string{"Keep-Alive", "Te", "Upgrade"} {
				if v, ok := s.header[h]; ok {
					t.Errorf("hop header %s: got %q, want none", h, v)
				}
			}
			if ua := s.header.Get("User-Agent"); strings.HasPrefix(ua, "Go-http-client") {
				t.Errorf("User-Agent: got %q, want the request's", ua)
			}
		})
	}
}

func TestShadowTrafficLoop(t *testing.T) {
	shadow, ch := recordingBackend(t)
	f := create(t, NewTee(), shadow.URL)
	ctx := mainRequest(t, f, "GET", "http://in.example/", "", http.Header{ShadowTrafficHeader: {"other.example"}})
	if !ctx.FServed || ctx.FResponse == nil {
		t.Fatal("the request was not served")
	}
	if ctx.FResponse.StatusCode != StatusShadowTrafficLoop {
		t.Errorf("status: got %d, want %d", ctx.FResponse.StatusCode, StatusShadowTrafficLoop)
	}
	b, _ := io.ReadAll(ctx.FResponse.Body)
	if string(b) != "Skipper Shadow Traffic Loop detected" {
		t.Errorf("body: got %q, want %q", b, "Skipper Shadow Traffic Loop detected")
	}
	f.Close() // waits for shadow requests, if any were started
	select {
	case s := <-ch:
		t.Errorf("the shadow backend got %s %s, want nothing", s.method, s.uri)
	default:
	}
}

func TestFollowsRedirects(t *testing.T) {
	ch := make(chan string, 4)
	shadow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ch <- r.URL.Path
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusFound)
		}
	}))
	t.Cleanup(shadow.Close)
	f := create(t, NewTee(), shadow.URL)
	mainRequest(t, f, "GET", "http://in.example/old", "", nil)
	for _, want := range []string{"/old", "/new"} {
		select {
		case got := <-ch:
			if got != want {
				t.Errorf("path: got %q, want %q", got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the shadow backend got no request for %s", want)
		}
	}
}

// blockingBackend holds every request until release is closed or the test
// ends; it reports the requests it got on the returned channel.
func blockingBackend(t *testing.T) (s *httptest.Server, got <-chan string, release func()) {
	t.Helper()
	ch := make(chan string, 16)
	stop := make(chan struct{})
	s = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ch <- r.URL.Path
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	var closed bool
	release = func() {
		if !closed {
			closed = true
			close(stop)
		}
	}
	t.Cleanup(func() {
		release()
		s.Close()
	})
	return s, ch, release
}

func TestDropsBeyondMaxInFlight(t *testing.T) {
	shadow, got, release := blockingBackend(t)
	f := create(t, spec{maxInFlight: 2, bufferLimit: MaxShadowBuffer, timeout: time.Minute}, shadow.URL)
	mainRequest(t, f, "GET", "http://in.example/1", "", nil)
	mainRequest(t, f, "GET", "http://in.example/2", "", nil)
	for i := 0; i < 2; i++ {
		select {
		case <-got:
		case <-time.After(5 * time.Second):
			t.Fatal("the shadow backend did not get the first two requests")
		}
	}
	ctx := mainRequest(t, f, "POST", "http://in.example/3", "body", nil)
	if n := f.dropped.Load(); n != 1 {
		t.Errorf("dropped: got %d, want 1", n)
	}
	if ctx.FRequest.Header.Get(ShadowTrafficHeader) == "" {
		t.Errorf("a dropped copy: the main request lacks %s", ShadowTrafficHeader)
	}
	release()
	f.Close()
	select {
	case p := <-got:
		t.Errorf("the shadow backend got %s, want it dropped", p)
	default:
	}
}

func TestCloseCancelsShadowRequests(t *testing.T) {
	shadow, got, _ := blockingBackend(t)
	f := create(t, spec{maxInFlight: 4, bufferLimit: MaxShadowBuffer, timeout: time.Hour}, shadow.URL)
	// the main body is never read: the copy waits for it
	r := httptest.NewRequest("POST", "http://in.example/body", strings.NewReader("never read"))
	f.Request(filtertest.NewContext(r))
	mainRequest(t, f, "GET", "http://in.example/held", "", nil)
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("the shadow backend got no request")
	}
	done := make(chan struct{})
	go func() {
		f.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return while shadow requests were held")
	}
	if n := len(f.slots); n != 0 {
		t.Errorf("shadow requests in flight after Close: got %d, want 0", n)
	}
	mainRequest(t, f, "GET", "http://in.example/after", "", nil)
	if n := len(f.slots); n != 0 {
		t.Errorf("shadow requests started after Close: got %d, want 0", n)
	}
}

func TestTimeoutEndsShadowRequest(t *testing.T) {
	shadow, got, _ := blockingBackend(t)
	f := create(t, spec{maxInFlight: 1, bufferLimit: MaxShadowBuffer, timeout: 50 * time.Millisecond}, shadow.URL)
	mainRequest(t, f, "GET", "http://in.example/slow", "", nil)
	<-got
	f.wg.Wait() // returns only when the client gave up
	if n := len(f.slots); n != 0 {
		t.Errorf("shadow requests in flight: got %d, want 0", n)
	}
}

func TestSlowShadowNeverBlocksTheMainBody(t *testing.T) {
	// the shadow backend does not read the body until released
	shadow, got, release := blockingBackend(t)
	f := create(t, spec{maxInFlight: 1, bufferLimit: 1024, timeout: time.Minute}, shadow.URL)
	body := strings.Repeat("x", 1<<20)
	done := make(chan struct{})
	go func() {
		defer close(done)
		mainRequest(t, f, "POST", "http://in.example/big", body, nil)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the main body blocked on the shadow backend")
	}
	<-got
	release()
}

func TestShadowBody(t *testing.T) {
	tests := []struct {
		name    string
		limit   int
		writes  []string
		end     error
		want    string
		wantErr error
	}{
		{"complete", 10, []string{"ab", "cd"}, io.EOF, "abcd", nil},
		{"at the limit", 4, []string{"ab", "cd"}, io.EOF, "abcd", nil},
		{"over the limit", 3, []string{"ab", "cd"}, io.EOF, "", errShadowTooSlow},
		{"truncated", 10, []string{"ab"}, io.ErrUnexpectedEOF, "ab", io.ErrUnexpectedEOF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newShadowBody(tt.limit)
			for _, w := range tt.writes {
				b.write([]byte(w))
			}
			b.finish(tt.end)
			got, err := io.ReadAll(b)
			if string(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error: got %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestShadowBodyCloseUnblocksRead(t *testing.T) {
	b := newShadowBody(10)
	errc := make(chan error, 1)
	go func() {
		_, err := b.Read(make([]byte, 4))
		errc <- err
	}()
	b.Close()
	select {
	case err := <-errc:
		if !errors.Is(err, errShadowClosed) {
			t.Errorf("got %v, want %v", err, errShadowClosed)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read stayed blocked after Close")
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		args []interface{}
		want string
	}{
		{nil, "tee: expected 1 argument, got 0"},
		{[]interface{}{"http://a.example", "^/"}, "tee: expected 3 arguments, got 2"},
		{[]interface{}{"http://a.example", "^/", "/", "x"}, "tee: expected 3 arguments, got 4"},
		{[]interface{}{1.0}, "tee: argument 1 (url): expected a non-empty string, got number 1"},
		{[]interface{}{""}, `tee: argument 1 (url): expected a non-empty string, got string ""`},
		{[]interface{}{"a.example"}, `tee: argument 1 (url): expected an http or https URL with a host, got "a.example"`},
		{[]interface{}{"ftp://a.example"}, `tee: argument 1 (url): expected an http or https URL with a host, got "ftp://a.example"`},
		{[]interface{}{"http://[::1"}, `tee: argument 1 (url): expected an http or https URL with a host, got "http://[::1"`},
		{[]interface{}{"http:///path"}, `tee: argument 1 (url): expected an http or https URL with a host, got "http:///path"`},
		{[]interface{}{"http://a.example", "(", "/"}, `tee: argument 2 (path pattern): invalid regexp "(": missing closing )`},
		{[]interface{}{"http://a.example", "^/", 1.0}, "tee: argument 3 (path replacement): expected a string, got number 1"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f, err := NewTee().CreateFilter(tt.args)
			if f != nil {
				t.Errorf("got a filter for %v", tt.args)
			}
			if !errors.Is(err, filters.ErrInvalidFilterParameters) {
				t.Fatalf("got %v, want ErrInvalidFilterParameters", err)
			}
			if want := tt.want + ": invalid filter parameters"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
		})
	}
}

func TestFilterIsCloser(t *testing.T) {
	f, err := NewTee().CreateFilter([]interface{}{"https://shadow.example"})
	if err != nil {
		t.Fatal(err)
	}
	c, ok := f.(filters.FilterCloser)
	if !ok {
		t.Fatal("tee does not implement filters.FilterCloser")
	}
	if err := c.Close(); err != nil {
		t.Errorf("Close: got %v, want nil", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: got %v, want nil", err)
	}
}

func TestShadowRequestsAreBounded(t *testing.T) {
	shadow, _, release := blockingBackend(t)
	f := create(t, spec{maxInFlight: 8, bufferLimit: MaxShadowBuffer, timeout: time.Minute}, shadow.URL)
	for i := 0; i < 50; i++ {
		mainRequest(t, f, "GET", "http://in.example/many", "", nil)
		if n := len(f.slots); n > 8 {
			t.Fatalf("shadow requests in flight: got %d, want at most 8", n)
		}
	}
	if n := f.dropped.Load(); n != 42 {
		t.Errorf("dropped: got %d, want 42", n)
	}
	release()
	f.Close()
	if n := len(f.slots); n != 0 {
		t.Errorf("shadow requests in flight after Close: got %d, want 0", n)
	}
}

func TestResponseEndsAnUnreadShadowBody(t *testing.T) {
	shadow, ch := recordingBackend(t)
	f := create(t, spec{maxInFlight: 1, bufferLimit: MaxShadowBuffer, timeout: time.Hour}, shadow.URL)
	r := httptest.NewRequest("POST", "http://in.example/unread", strings.NewReader("never read"))
	ctx := filtertest.NewContext(r)
	f.Request(ctx)
	f.Response(ctx) // the main backend answered without reading the body
	done := make(chan struct{})
	go func() {
		f.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the shadow request still waits for the body after the response")
	}
	select {
	case s := <-ch:
		if s.body == "never read" {
			t.Errorf("the shadow backend got the whole body, want it truncated")
		}
	default:
	}
}

func TestNoGoroutinesLeftAfterClose(t *testing.T) {
	shadow, _, release := blockingBackend(t)
	before := runtime.NumGoroutine()
	f, err := spec{maxInFlight: 8, bufferLimit: 1024, timeout: time.Minute}.CreateFilter([]interface{}{shadow.URL})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		body := ""
		if i%2 == 0 {
			body = strings.Repeat("b", 4096) // more than the buffer
		}
		mainRequest(t, f, "POST", "http://in.example/leak", body, nil)
	}
	f.(*filter).Close()
	release()
	shadow.Close()
	deadline := time.Now().Add(5 * time.Second)
	after := 0
	for time.Now().Before(deadline) {
		after = runtime.NumGoroutine()
		if after <= before {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("goroutines: got %d after Close, want at most %d", after, before)
}
