package framing

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// loopConn is a net.Conn whose reads return a stream over and over.
type loopConn struct {
	net.Conn // nil: only Read is used
	data     []byte
	off      int
}

func (l *loopConn) Read(p []byte) (int, error) {
	n := copy(p, l.data[l.off:])
	l.off = (l.off + n) % len(l.data)
	return n, nil
}

// BenchmarkPipelinedHeads reads pipelined small GET requests from a plain
// and from a guarded connection, as raw bytes and with http.ReadRequest;
// ns/request is the time per request.
func BenchmarkPipelinedHeads(b *testing.B) {
	head := "GET /some/path?q=1 HTTP/1.1\r\nHost: example.org\r\nUser-Agent: bench/1.0\r\nAccept: */*\r\nAccept-Encoding: gzip\r\n\r\n"
	stream := []byte(strings.Repeat(head, 100))
	pool := &sync.Pool{New: func() any {
		b := make([]byte, bufferSize)
		return &b
	}}
	conns := []struct {
		name string
		wrap func(net.Conn) net.Conn
	}{
		{name: "plain", wrap: func(c net.Conn) net.Conn { return c }},
		{name: "guard", wrap: func(c net.Conn) net.Conn { return newConn(c, MaxHeadBytes, pool) }},
	}
	for _, bc := range conns {
		b.Run(bc.name+"/bytes", func(b *testing.B) {
			c := bc.wrap(&loopConn{data: stream})
			p := make([]byte, 4096)
			b.SetBytes(int64(len(head)))
			b.ReportAllocs()
			b.ResetTimer()
			for total, want := 0, b.N*len(head); total < want; {
				n, err := c.Read(p)
				if err != nil {
					b.Fatal(err)
				}
				total += n
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/request")
		})
		b.Run(bc.name+"/ReadRequest", func(b *testing.B) {
			br := bufio.NewReader(bc.wrap(&loopConn{data: stream}))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r, err := http.ReadRequest(br)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, r.Body)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/request")
		})
	}
}
