package framing

import (
	"net"
	"net/http"
	"sync"
)

// MaxHeadBytes is the longest request head the guard waits for with
// NewListener: Go's server reads at most its MaxHeaderBytes, by default
// http.DefaultMaxHeaderBytes, plus 4096 bytes of slack, and answers 431 to
// a longer head. A connection whose head gets longer goes over to
// pass-through.
const MaxHeadBytes = http.DefaultMaxHeaderBytes + 4096

// listener wraps the connections it accepts with a framing tracker.
type listener struct {
	net.Listener
	limit int
	pool  *sync.Pool
}

// NewListener returns a listener whose connections rename, in each request
// that carries both Content-Length and Transfer-Encoding, the header that
// Go's server ignores to ConflictHeader. Use it for an http.Server with the
// default MaxHeaderBytes; Close and Addr are those of l.
func NewListener(l net.Listener) net.Listener {
	return NewListenerSize(l, http.DefaultMaxHeaderBytes)
}

// NewListenerSize is NewListener for an http.Server whose MaxHeaderBytes is
// maxHeaderBytes; zero or less means http.DefaultMaxHeaderBytes, as for
// the server.
func NewListenerSize(l net.Listener, maxHeaderBytes int) net.Listener {
	if maxHeaderBytes <= 0 {
		maxHeaderBytes = http.DefaultMaxHeaderBytes
	}
	return &listener{
		Listener: l,
		limit:    maxHeaderBytes + 4096,
		pool: &sync.Pool{New: func() any {
			b := make([]byte, bufferSize)
			return &b
		}},
	}
}

// Accept waits for the next connection and wraps it.
func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newConn(c, l.limit, l.pool), nil
}
