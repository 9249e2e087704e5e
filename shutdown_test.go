package skipper

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

func TestShutdownTimeout(t *testing.T) {
	for _, tt := range []struct {
		name  string
		write time.Duration
		want  time.Duration
	}{
		{name: "write timeout bounds the drain", write: 5 * time.Second, want: 5 * time.Second},
		{name: "no write timeout", want: defaultShutdownTimeout},
		{name: "negative write timeout", write: -time.Second, want: defaultShutdownTimeout},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := Options{WriteTimeoutServer: tt.write}
			if got := o.shutdownTimeout(); got != tt.want {
				t.Errorf("shutdownTimeout got %v, want %v", got, tt.want)
			}
		})
	}
}

// upgradeEcho is a backend that accepts every upgrade and echoes the
// bytes of the upgraded connection until the other side closes it.
func upgradeEcho(w http.ResponseWriter, r *http.Request) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: " + r.Header.Get("Upgrade") + "\r\n\r\n")
	if buf.Flush() != nil {
		return
	}
	io.Copy(conn, buf)
}

// dialUpgrade opens an upgraded connection to url's path on addr and
// checks that bytes pass both ways.
func dialUpgrade(t *testing.T, addr, path string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	req := "GET " + path + " HTTP/1.1\r\nHost: example.org\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(conn)
	rsp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("reading the upgrade response: %v", err)
	}
	if rsp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("upgrade got status %d, want 101", rsp.StatusCode)
	}
	if _, err := io.WriteString(conn, "ping"); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 4)
	if _, err := io.ReadFull(br, b); err != nil || string(b) != "ping" {
		t.Fatalf("echo got %q, %v, want %q", b, err, "ping")
	}
	conn.SetDeadline(time.Time{})
	return conn, br
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

	inflight := getInBackground("http://" + r.addr + "/slow")
	<-arrived

	r.halt()
	// During the health check interval the listener still serves, and
	// Shutdown() matches.
	waitFor(t, "http://"+r.addr+"/health", 503)

	// Then the listener closes, but run waits for the request in flight.
	waitListenerClosed(t, r.addr)
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

func TestRunShutdownDeadline(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{}, 1)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ws" {
			upgradeEcho(w, r)
			return
		}
		arrived <- struct{}{}
		<-release
		io.WriteString(w, "late")
	}))
	defer backend.Close()

	r := startRun(t, Options{
		InlineRoutes: `ws: Path("/ws") -> "` + backend.URL + `";
slow: Path("/slow") -> "` + backend.URL + `";`,
		SourcePollTimeout:   10 * time.Millisecond,
		WaitFirstRouteLoad:  true,
		AccessLogDisabled:   true,
		ExperimentalUpgrade: true,
		// The drain deadline: short, but long enough for the slow
		// request to finish.
		WriteTimeoutServer: 2 * time.Second,
	})

	ws, wsr := dialUpgrade(t, r.addr, "/ws")

	inflight := getInBackground("http://" + r.addr + "/slow")
	<-arrived

	r.halt()
	waitListenerClosed(t, r.addr)
	select {
	case <-r.done:
		t.Fatalf("run returned %v while a request was in flight", r.err)
	default:
	}

	close(release)
	res := <-inflight
	if res.err != nil || res.status != 200 || res.body != "late" {
		t.Errorf("in-flight request got %d %q %v, want 200 %q <nil>", res.status, res.body, res.err, "late")
	}

	// The upgraded connection stays open until the deadline, then the
	// shutdown closes it.
	ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := wsr.Read(make([]byte, 1))
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal("the upgraded connection was not closed by the shutdown")
	}
	if err == nil {
		t.Errorf("read on the upgraded connection got %d bytes, want it closed", n)
	}

	select {
	case <-r.done:
		if r.err != nil {
			t.Errorf("run got error %v, want nil", r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the deadline")
	}
}

func TestConnTracker(t *testing.T) {
	for _, tt := range []struct {
		name string
		// end ends the upgraded connection: from the client, or by the
		// tracker at a shutdown deadline. It returns how many
		// connections the tracker closed.
		end        func(tr *connTracker, client net.Conn) int
		wantClosed int
	}{
		{
			name: "closed by the client",
			end: func(_ *connTracker, client net.Conn) int {
				client.Close()
				return 0
			},
		},
		{
			name:       "closed at the deadline",
			end:        func(tr *connTracker, _ net.Conn) int { return tr.closeHijacked() },
			wantClosed: 1,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tr := newConnTracker()
			srv := httptest.NewUnstartedServer(tr.handler(http.HandlerFunc(upgradeEcho)))
			srv.Config.ConnState = tr.connState
			srv.Config.ConnContext = tr.connContext
			srv.Start()
			defer srv.Close()

			client, _ := dialUpgrade(t, srv.Listener.Addr().String(), "/")
			if got := tr.nHijacked.Load(); got != 1 {
				t.Errorf("hijacked connections got %d, want 1", got)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
			defer cancel()
			if err := tr.wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("wait with the upgrade open got %v, want %v", err, context.DeadlineExceeded)
			}

			if got := tt.end(tr, client); got != tt.wantClosed {
				t.Errorf("closed connections got %d, want %d", got, tt.wantClosed)
			}
			ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := tr.wait(ctx); err != nil {
				t.Fatalf("wait after the end of the upgrade got %v, want nil", err)
			}
			if got := tr.nHijacked.Load(); got != 0 {
				t.Errorf("hijacked connections after the handler returned got %d, want 0", got)
			}
		})
	}
}

// result is the outcome of a request sent by getInBackground.
type result struct {
	status int
	body   string
	err    error
}

// getInBackground sends a GET to url on a goroutine and delivers its
// outcome on the returned channel.
func getInBackground(url string) <-chan result {
	out := make(chan result, 1)
	go func() {
		rsp, err := http.Get(url)
		if err != nil {
			out <- result{err: err}
			return
		}
		defer rsp.Body.Close()
		b, err := io.ReadAll(rsp.Body)
		out <- result{status: rsp.StatusCode, body: string(b), err: err}
	}()
	return out
}

// waitListenerClosed waits, for at most ten seconds, until addr refuses
// connections.
func waitListenerClosed(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("the proxy listener was not closed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
