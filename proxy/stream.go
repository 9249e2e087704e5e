package proxy

import (
	"io"
	"net/http"
	"time"

	"github.com/openskipper/skipper/filters"
)

// writeResponse writes c.response to the client: headers first, flushed
// unless the body follows at once, then the body with a flush after each
// write. It tells whether the connection must be aborted because the
// backend broke off the body after the headers were sent.
func (px *Proxy) writeResponse(c *filterContext) (abort bool) {
	resp := c.response
	w := &c.rw
	dst := w.Header()
	for k, v := range resp.Header {
		dst[k] = v
	}
	if d, ok := c.stateBag[filters.WriteTimeoutKey].(time.Duration); ok {
		_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
	}
	if c.request.Context().Err() != nil {
		w.WriteHeader(StatusClientClosedRequest)
		return false
	}
	w.WriteHeader(resp.StatusCode)
	body := resp.Body
	if body == nil || body == http.NoBody {
		return false
	}
	if resp.ContentLength < 0 {
		// the length is unknown, e.g. a stream: the client gets the
		// headers before the first event
		w.Flush()
	}
	abort = px.copyBody(w, body, resp.ContentLength)
	if !abort && len(resp.Trailer) > 0 {
		for k, v := range resp.Trailer {
			dst[http.TrailerPrefix+k] = v
		}
	}
	return abort
}

// copyBody streams body to the client with a pooled buffer, flushing after
// each write unless the body is complete. A read error other than EOF
// means the backend broke off: it returns true to abort the connection.
func (px *Proxy) copyBody(w *recordingWriter, body io.Reader, length int64) bool {
	bp := px.buffers.Get().(*[]byte)
	defer px.buffers.Put(bp)
	buf := *bp
	var written int64
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			m, werr := w.Write(buf[:n])
			written += int64(m)
			if werr != nil {
				// the client is gone; nothing more to send
				return false
			}
			if rerr == nil && (length < 0 || written < length) {
				w.Flush()
			}
		}
		switch {
		case rerr == io.EOF:
			return false
		case rerr != nil:
			return true
		}
	}
}

// drainClose reads body to its end, bounded, and closes it.
func drainClose(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 1<<20)
	body.Close()
}

// cloneRequestMeta copies a request without its body, for
// OriginalRequest.
func cloneRequestMeta(r *http.Request) *http.Request {
	o := r.Clone(r.Context())
	o.Body = http.NoBody
	return o
}

// cloneResponseMeta copies a response without its body, for
// OriginalResponse.
func cloneResponseMeta(r *http.Response) *http.Response {
	o := new(http.Response)
	*o = *r
	o.Header = r.Header.Clone()
	o.Trailer = r.Trailer.Clone()
	o.Body = http.NoBody
	return o
}
