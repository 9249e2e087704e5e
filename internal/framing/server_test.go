package framing

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serve serves h on a guarded loopback listener and returns its address.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(NewListener(l))
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// describe answers with what the handler saw of the request.
func describe(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	fmt.Fprintf(w, "%s %s cl=%d te=%v conflict=%q body=%q err=%v trailer=%q",
		r.Method, r.URL.Path, r.ContentLength, r.TransferEncoding, r.Header.Values(ConflictHeader), body, err, r.Trailer.Get("X-T"))
}

// dial connects to addr with a deadline for the whole test.
func dial(t *testing.T, addr string) *net.TCPConn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	return c.(*net.TCPConn)
}

// send writes raw to c in writes of size bytes (all at once for 0). It
// may run in a goroutine of its own.
func send(t *testing.T, c net.Conn, raw string, size int) {
	t.Helper()
	for _, chunk := range split([]byte(raw), size) {
		if _, err := c.Write(chunk); err != nil {
			t.Errorf("write: %v", err)
			return
		}
	}
}

// exchange sends raw on a new connection in writes of size bytes and
// reads n responses; it returns their bodies.
func exchange(t *testing.T, addr, raw string, size, n int) []string {
	t.Helper()
	c := dial(t, addr)
	go send(t, c, raw, size)
	br := bufio.NewReader(c)
	var bodies []string
	for i := 0; i < n; i++ {
		rsp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		b, err := io.ReadAll(rsp.Body)
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		rsp.Body.Close()
		bodies = append(bodies, string(b))
	}
	return bodies
}

func TestServer(t *testing.T) {
	addr := serve(t, http.HandlerFunc(describe))
	tests := []struct {
		name string
		raw  string
		want []string
	}{
		{
			name: "pipelined keep-alive requests",
			raw: "POST /cl HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello" +
				"POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTrailer: X-T\r\n\r\n3;ext=1\r\nabc\r\n2 \r\nde\r\n0;last\r\nX-T: t\r\n\r\n" +
				"GET /get HTTP/1.1\r\nHost: a\r\n\r\n",
			want: []string{
				`POST /cl cl=5 te=[] conflict=[] body="hello" err=<nil> trailer=""`,
				`POST /chunked cl=-1 te=[chunked] conflict=[] body="abcde" err=<nil> trailer="t"`,
				`GET /get cl=0 te=[] conflict=[] body="" err=<nil> trailer=""`,
			},
		},
		{
			name: "conflict on HTTP/1.1 between requests",
			raw:  get + conflict11 + get,
			want: []string{
				`GET /g cl=0 te=[] conflict=[] body="" err=<nil> trailer=""`,
				`POST /c cl=-1 te=[chunked] conflict=["3"] body="abc" err=<nil> trailer=""`,
				`GET /g cl=0 te=[] conflict=[] body="" err=<nil> trailer=""`,
			},
		},
		{
			name: "conflict after a POST and an empty line",
			raw:  "POST /cl HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello\r\n" + conflict11,
			want: []string{
				`POST /cl cl=5 te=[] conflict=[] body="hello" err=<nil> trailer=""`,
				`POST /c cl=-1 te=[chunked] conflict=["3"] body="abc" err=<nil> trailer=""`,
			},
		},
		{
			name: "conflict on HTTP/1.0",
			raw:  "POST /c HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc" + get,
			want: []string{
				`POST /c cl=3 te=[] conflict=["chunked"] body="abc" err=<nil> trailer=""`,
				`GET /g cl=0 te=[] conflict=[] body="" err=<nil> trailer=""`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, size := range []int{0, 1, 7} {
				got := exchange(t, addr, tt.raw, size, len(tt.want))
				for i := range tt.want {
					if got[i] != tt.want[i] {
						t.Errorf("writes of %d, response %d: got %s, want %s", size, i, got[i], tt.want[i])
					}
				}
			}
		})
	}
}

// echoUpgrade takes over connections that ask for an upgrade and echoes
// what follows the 101 answer.
func echoUpgrade(w http.ResponseWriter, r *http.Request) {
	if !strings.EqualFold(r.Header.Get("Connection"), "upgrade") {
		describe(w, r)
		return
	}
	c, rw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer c.Close()
	io.WriteString(c, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n")
	io.Copy(c, rw.Reader)
}

func TestServerUpgradePassesThrough(t *testing.T) {
	addr := serve(t, http.HandlerFunc(echoUpgrade))
	tunnel := conflict11 + "\x00\xff" + get + conflict11
	for _, size := range []int{0, 1} {
		c := dial(t, addr)
		send(t, c, "GET /up HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: echo\r\n\r\n"+tunnel, size)
		c.CloseWrite()
		br := bufio.NewReader(c)
		rsp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		if rsp.StatusCode != http.StatusSwitchingProtocols {
			t.Fatalf("status: got %d, want 101", rsp.StatusCode)
		}
		echo, err := io.ReadAll(br)
		if err != nil {
			t.Fatal(err)
		}
		if string(echo) != tunnel {
			t.Errorf("writes of %d: echo: got %q, want %q", size, echo, tunnel)
		}
	}
}
