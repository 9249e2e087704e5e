package proxy_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/openskipper/skipper/internal/framing"
)

const conflictBody = "Bad Request: both Content-Length and Transfer-Encoding\n"

// serveGuardedProxy is serveProxy with the listener wrapped by the
// framing guard, as skipper wraps its plain HTTP listeners.
func serveGuardedProxy(t *testing.T, doc string) string {
	t.Helper()
	return serveProxyWrapped(t, doc, func(l net.Listener) net.Listener {
		return framing.NewListenerSize(l, testMaxHeaderBytes)
	})
}

// response is what a raw client read of one response.
type response struct {
	code  int
	body  string
	close bool
}

// pipeline sends raw on a new connection, in writes of size bytes (at once
// for 0), and reads responses until the connection ends or n were read.
// It tells whether the server closed the connection after them.
func pipeline(t *testing.T, addr, raw string, size, n int) ([]response, bool) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	go func() {
		if size <= 0 {
			size = len(raw)
		}
		for i := 0; i < len(raw); i += size {
			if _, err := io.WriteString(conn, raw[i:min(i+size, len(raw))]); err != nil {
				return // the server may close early
			}
		}
	}()
	br := bufio.NewReader(conn)
	var rs []response
	for len(rs) < n {
		rsp, err := http.ReadResponse(br, nil)
		if err != nil {
			break
		}
		b, err := io.ReadAll(rsp.Body)
		rsp.Body.Close()
		if err != nil {
			t.Fatalf("response %d: %v", len(rs), err)
		}
		rs = append(rs, response{code: rsp.StatusCode, body: string(b), close: rsp.Close})
	}
	_, err = br.ReadByte()
	return rs, err == io.EOF
}

func TestFramingConflictIsRefused(t *testing.T) {
	const (
		get  = "GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
		post = "POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
	)
	tests := []struct {
		name    string
		raw     string
		want    []response
		reached int64 // requests at the backend
	}{
		{
			name: "conflict on HTTP/1.1 after keep-alive requests",
			raw: get + post +
				"POST /c HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n" +
				get,
			want:    []response{{code: 200}, {code: 200, body: "hello"}, {code: 400, body: conflictBody, close: true}},
			reached: 2,
		},
		{
			name:    "conflict on HTTP/1.0",
			raw:     "POST /c HTTP/1.0\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc",
			want:    []response{{code: 400, body: conflictBody, close: true}},
			reached: 0,
		},
		{
			name:    "conflict with the Transfer-Encoding first, in lower case",
			raw:     get + "POST /c HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\ncontent-length: 0\r\n\r\n0\r\n\r\n",
			want:    []response{{code: 200}, {code: 400, body: conflictBody, close: true}},
			reached: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, size := range []int{0, 1} {
				b, n := countingBackend(t)
				addr := serveGuardedProxy(t, `r: * -> "`+b.URL+`";`)
				got, closed := pipeline(t, addr, tt.raw, size, len(tt.want)+1)
				if len(got) != len(tt.want) {
					t.Fatalf("writes of %d: got %d responses %+v, want %d", size, len(got), got, len(tt.want))
				}
				for i := range tt.want {
					if got[i] != tt.want[i] {
						t.Errorf("writes of %d, response %d: got %+v, want %+v", size, i, got[i], tt.want[i])
					}
				}
				if !closed {
					t.Errorf("writes of %d: the connection stays open, want it closed", size)
				}
				if got := n.Load(); got != tt.reached {
					t.Errorf("writes of %d: requests at the backend: got %d, want %d", size, got, tt.reached)
				}
			}
		})
	}
}

func TestFramingGuardKeepsBodies(t *testing.T) {
	b, n := countingBackend(t)
	addr := serveGuardedProxy(t, `r: * -> "`+b.URL+`";`)
	raw := "POST /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" +
		"5;ext=1\r\nhello\r\n6 \r\n world\r\n0\r\nX-Trailer: t\r\n\r\n" +
		"PUT /length HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nabc\r\n\r\ndefg" +
		"POST /last HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlast"
	want := []string{"hello world", "abc\r\n\r\ndefg", "last"}
	for _, size := range []int{0, 1, 5} {
		before := n.Load()
		got, _ := pipeline(t, addr, raw, size, len(want))
		if len(got) != len(want) {
			t.Fatalf("writes of %d: got %d responses %+v, want %d", size, len(got), got, len(want))
		}
		for i := range want {
			if got[i].code != 200 || got[i].body != want[i] {
				t.Errorf("writes of %d, response %d: got %d %q, want 200 %q", size, i, got[i].code, got[i].body, want[i])
			}
		}
		if reached := n.Load() - before; reached != 3 {
			t.Errorf("writes of %d: requests at the backend: got %d, want 3", size, reached)
		}
	}
}
