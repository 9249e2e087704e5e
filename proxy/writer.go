package proxy

import (
	"bufio"
	"errors"
	"net"
	"net/http"
)

// recordingWriter wraps the client's ResponseWriter and records the status
// and the number of body bytes written. It lives in the pooled context.
type recordingWriter struct {
	w       http.ResponseWriter
	flusher http.Flusher
	status  int
	written int64
}

func (rw *recordingWriter) reset(w http.ResponseWriter) {
	rw.w = w
	rw.flusher, _ = w.(http.Flusher)
	rw.status = 0
	rw.written = 0
}

// Header returns the client response's header map.
func (rw *recordingWriter) Header() http.Header { return rw.w.Header() }

// WriteHeader records and writes the status, once.
func (rw *recordingWriter) WriteHeader(code int) {
	if rw.status != 0 {
		return
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		// informational responses may precede the final one
		rw.w.WriteHeader(code)
		return
	}
	rw.status = code
	rw.w.WriteHeader(code)
}

// Write writes body bytes, sending 200 first when no status was written.
func (rw *recordingWriter) Write(b []byte) (int, error) {
	if rw.status == 0 {
		rw.status = http.StatusOK
	}
	n, err := rw.w.Write(b)
	rw.written += int64(n)
	return n, err
}

// Flush sends what is buffered to the client.
func (rw *recordingWriter) Flush() {
	if rw.flusher != nil {
		rw.flusher.Flush()
	}
}

// Hijack takes over the client connection, for filters that write raw
// responses and for upgrades.
func (rw *recordingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	h, ok := rw.w.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("proxy: the response writer does not support hijacking")
	}
	return h.Hijack()
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (rw *recordingWriter) Unwrap() http.ResponseWriter { return rw.w }

// wroteHeader tells whether the status was sent.
func (rw *recordingWriter) wroteHeader() bool { return rw.status != 0 }

// discardWriter is the ResponseWriter of Split contexts: it drops
// everything.
type discardWriter struct {
	h http.Header
}

func (d *discardWriter) Header() http.Header {
	if d.h == nil {
		d.h = make(http.Header)
	}
	return d.h
}

func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

func (d *discardWriter) WriteHeader(int) {}
