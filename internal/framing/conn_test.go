package framing

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"
)

// pair returns the two ends of a loopback TCP connection, the server's
// end guarded.
func pair(t *testing.T) (client *net.TCPConn, server *conn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	client = dial(t, l.Addr().String())
	s, err := NewListener(l).Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	s.SetDeadline(time.Now().Add(10 * time.Second))
	return client, s.(*conn)
}

func TestConnHoldsHeadUntilComplete(t *testing.T) {
	client, server := pair(t)
	send(t, client, "GET / HTTP/1.1\r\nHo", 0)
	// like the server's background read, interrupted by a deadline
	server.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	p := make([]byte, 1)
	n, err := server.Read(p)
	if n != 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read of an incomplete head: got %d, %v; want 0 and a timeout", n, err)
	}
	server.SetReadDeadline(time.Time{})
	send(t, client, "st: a\r\n\r\n", 0)
	got, want := make([]byte, 0, 64), "GET / HTTP/1.1\r\nHost: a\r\n\r\n"
	for len(got) < len(want) {
		n, err := server.Read(p)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		got = append(got, p[:n]...)
	}
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestConnPassesErrorsAfterBytes(t *testing.T) {
	client, server := pair(t)
	send(t, client, "GET / HTTP/1.1\r\nHost: a\r\n", 0)
	client.CloseWrite()
	got, err := io.ReadAll(server)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if want := "GET / HTTP/1.1\r\nHost: a\r\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestConnDelegates(t *testing.T) {
	client, server := pair(t)
	inner := server.NetConn()
	if server.LocalAddr() != inner.LocalAddr() || server.RemoteAddr() != inner.RemoteAddr() {
		t.Errorf("addresses: got %v %v, want %v %v", server.LocalAddr(), server.RemoteAddr(), inner.LocalAddr(), inner.RemoteAddr())
	}
	if _, err := server.Write([]byte("write,")); err != nil {
		t.Fatalf("write: %v", err)
	}
	if _, err := server.ReadFrom(strings.NewReader("readfrom")); err != nil {
		t.Fatalf("ReadFrom: %v", err)
	}
	if err := server.CloseWrite(); err != nil {
		t.Fatalf("CloseWrite: %v", err)
	}
	got, err := io.ReadAll(client)
	if err != nil {
		t.Fatalf("client read: %v", err)
	}
	if string(got) != "write,readfrom" {
		t.Errorf("client got %q, want %q", got, "write,readfrom")
	}
	if err := server.SetDeadline(time.Now().Add(-time.Second)); err != nil {
		t.Fatalf("SetDeadline: %v", err)
	}
	if _, err := server.Read(make([]byte, 8)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read after a past deadline: got %v, want a timeout", err)
	}
	if err := server.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := inner.Write([]byte("x")); !errors.Is(err, net.ErrClosed) {
		t.Errorf("write to the closed inner connection: got %v, want %v", err, net.ErrClosed)
	}
}

func TestConnReadsOncePerRead(t *testing.T) {
	body := bytes.Repeat([]byte("b"), 3*bufferSize)
	post := "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 12288\r\n\r\n"
	tests := []struct {
		name   string
		chunks []string
		size   int // of the reads
		reads  int // of the guard
		inner  int // reads of the wrapped connection they take
	}{
		{name: "small heads", chunks: []string{get + get + get}, size: 4096, reads: 1, inner: 1},
		{name: "a one-byte read, then the rest", chunks: []string{get + get}, size: 1, reads: 1, inner: 1},
		{name: "a head and its body", chunks: []string{post, string(body[:4096]), string(body[4096:8192]), string(body[8192:])}, size: 4096, reads: 4, inner: 4},
		{name: "a head with the start of its body", chunks: []string{post + string(body[:100]), string(body[100:4196])}, size: 4096, reads: 2, inner: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := &scriptConn{}
			for _, c := range tt.chunks {
				sc.chunks = append(sc.chunks, []byte(c))
			}
			c := newConn(sc, MaxHeadBytes, nil)
			p := make([]byte, tt.size)
			for i := 0; i < tt.reads; i++ {
				if _, err := c.Read(p); err != nil {
					t.Fatalf("read %d: %v", i, err)
				}
			}
			if sc.reads != tt.inner {
				t.Errorf("reads of the wrapped connection: got %d, want %d", sc.reads, tt.inner)
			}
		})
	}
}

func TestConnSmallHeadAfterOneByteRead(t *testing.T) {
	sc := &scriptConn{chunks: [][]byte{[]byte(get + get)}}
	c := newConn(sc, MaxHeadBytes, nil)
	p := make([]byte, 1)
	if n, err := c.Read(p); n != 1 || err != nil {
		t.Fatalf("one-byte read: got %d, %v", n, err)
	}
	rest := make([]byte, 4096)
	n, err := c.Read(rest)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if got := string(p) + string(rest[:n]); got != get+get {
		t.Errorf("got %q, want %q", got, get+get)
	}
	if sc.reads != 1 {
		t.Errorf("reads of the wrapped connection: got %d, want 1", sc.reads)
	}
}
