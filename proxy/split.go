package proxy

import (
	gocontext "context"
	"errors"
	"io"
	"net/http"

	"github.com/openskipper/skipper/filters"
)

// errTeeClosed ends the shadow's body when the main request closed its
// body before reading it to the end.
var errTeeClosed = errors.New("proxy: the request body was closed before its end")

// split returns a copy of c for shadow traffic: a new request with copied
// headers and URL (URL.Host set to the incoming Host), a fresh state bag,
// copied path parameters and a writer that discards. The main request's
// body is tee'd into the copy's body in lock-step: the main request reads
// only as fast as the copy does, until the copy's Loopback ends.
func (px *Proxy) split(c *filterContext) (filters.FilterContext, error) {
	r := c.request
	if px.upgrade && isUpgrade(r) {
		return nil, errSplitUpgrade
	}
	cr := r.Clone(gocontext.WithoutCancel(r.Context()))
	cr.URL.Host = r.Host
	sc := &filterContext{
		proxy:        px,
		split:        true,
		request:      cr,
		outgoingHost: cr.Host,
		stateBag:     make(map[string]interface{}),
		loops:        c.loops,
		route:        c.route,
		writer:       &discardWriter{},
	}
	if len(c.params) > 0 {
		sc.params = make(map[string]string, len(c.params))
		for k, v := range c.params {
			sc.params[k] = v
		}
	}
	if r.Body != nil && r.Body != http.NoBody {
		pr, pw := io.Pipe()
		r.Body = &teeBody{rc: r.Body, w: pw}
		cr.Body = pr
		sc.splitBody = pr
	} else {
		cr.Body = http.NoBody
	}
	return sc, nil
}

// splitLoopback runs the pipeline on a Split context with a lookup of its
// own and drops the response. A panic is logged, not propagated: the call
// usually runs in a goroutine of its own.
func (px *Proxy) splitLoopback(c *filterContext) {
	defer func() {
		if v := recover(); v != nil && px.logOn {
			px.log.Errorf("panic in the shadow request of route %q: %v", c.RouteId(), v)
		}
		if c.splitBody != nil {
			// unblock the main request if the shadow did not read it all
			c.splitBody.Close()
		}
		if c.cancel != nil {
			c.cancel()
			c.cancel = nil
		}
	}()
	if px.routing == nil {
		return
	}
	c.lookup = px.routing.Get()
	defer c.lookup.Close()
	c.response, c.err, c.served, c.rawServed = nil, nil, false, false
	px.do(c)
	if c.response != nil && c.response.Body != nil {
		drainClose(c.response.Body)
	}
	c.response = nil
}

// teeBody feeds what the main request reads from its body into the pipe
// of the shadow request. Once the pipe fails (the shadow is done), it
// stops feeding.
type teeBody struct {
	rc   io.ReadCloser
	w    *io.PipeWriter
	done bool
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	if !t.done {
		if n > 0 {
			if _, werr := t.w.Write(p[:n]); werr != nil {
				t.done = true
			}
		}
		switch {
		case err == io.EOF:
			t.w.Close()
			t.done = true
		case err != nil:
			t.w.CloseWithError(err)
			t.done = true
		}
	}
	return n, err
}

func (t *teeBody) Close() error {
	if !t.done {
		t.done = true
		t.w.CloseWithError(errTeeClosed)
	}
	return t.rc.Close()
}
