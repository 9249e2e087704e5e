package framing

import (
	"errors"
	"io"
	"net"
	"testing"
)

// scriptConn is a net.Conn whose reads return the chunks of a script one
// by one, then io.EOF. It counts its reads.
type scriptConn struct {
	net.Conn // nil: only Read is used
	chunks   [][]byte
	reads    int
}

func (s *scriptConn) Read(p []byte) (int, error) {
	s.reads++
	for len(s.chunks) > 0 && len(s.chunks[0]) == 0 {
		s.chunks = s.chunks[1:]
	}
	if len(s.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, s.chunks[0])
	s.chunks[0] = s.chunks[0][n:]
	return n, nil
}

// split cuts s into chunks of size bytes; size 0 or less keeps it whole.
func split(s []byte, size int) [][]byte {
	if size <= 0 {
		size = len(s)
	}
	var chunks [][]byte
	for len(s) > size {
		chunks = append(chunks, s[:size])
		s = s[size:]
	}
	return append(chunks, s)
}

// guard runs in through a guarded connection that receives it in chunks
// of split bytes and is read with buffers of readSize bytes; it returns
// what the guard let through.
func guard(t testing.TB, in []byte, splitSize, readSize, limit int) []byte {
	t.Helper()
	sc := &scriptConn{chunks: split(append([]byte(nil), in...), splitSize)}
	c := newConn(sc, limit, nil)
	var out []byte
	p := make([]byte, readSize)
	for i := 0; ; i++ {
		if i > 4*len(in)+16 {
			t.Fatalf("no progress after %d reads", i)
		}
		n, err := c.Read(p)
		out = append(out, p[:n]...)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
	}
}
