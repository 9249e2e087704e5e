package proxy

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"github.com/openskipper/skipper/internal/backendhost"
	"github.com/openskipper/skipper/routing"
)

// errorHandler is implemented by filters that want to see the responses
// of proxy errors in their Response method.
type errorHandler interface {
	HandleErrorResponse() bool
}

// do runs the pipeline once on c: lookup, request filters, backend,
// response filters. It leaves the response, or the error response, in
// c.response. Loopbacks call it recursively.
func (px *Proxy) do(c *filterContext) {
	if c.loops > px.maxLoops {
		id := ""
		if c.route != nil {
			id = c.route.Id
		}
		px.fail(c, &proxyError{code: http.StatusInternalServerError, err: fmt.Errorf("%w after route %s", errMaxLoops, id)})
		return
	}
	c.loops++

	route, params := c.lookup.Do(c.request)
	if route == nil {
		px.fail(c, &proxyError{code: px.defaultStatus, err: errNoRoute})
		return
	}
	outerRoute, outerParams := c.route, c.params
	c.route = route
	c.params = mergeParams(outerParams, params)
	px.doRoute(c, route)
	// After a loopback the outer route is current again. The first route
	// stays for the logs. Nothing is restored on panic, so that the panic
	// is logged with the route that failed.
	if outerRoute != nil {
		c.route, c.params = outerRoute, outerParams
	}
}

// doRoute runs the filters and the backend of the matched route.
func (px *Proxy) doRoute(c *filterContext, route *routing.Route) {
	switch {
	case px.flags.PreserveHost():
		c.outgoingHost = c.request.Host
	case route.BackendType == eskipNetwork:
		c.outgoingHost = backendhost.Normalize(route.Scheme, route.Host)
	case route.BackendType == eskipLB || route.BackendType == eskipDynamic:
		c.outgoingHost = ""
	}

	base := len(c.stack)
	for _, f := range route.Filters {
		c.filterName = f.Name
		c.stack = append(c.stack, f)
		f.Request(c)
		if c.served || c.rawServed {
			break
		}
	}
	c.filterName = ""
	if c.rawServed {
		c.stack = c.stack[:base]
		return
	}

	if !c.served {
		switch route.BackendType {
		case eskipShunt:
		case eskipLoop:
			px.do(c)
			if c.rawServed {
				c.stack = c.stack[:base]
				return
			}
			if c.err != nil {
				px.errorFilters(c, base)
				return
			}
		default:
			resp, err := px.callBackend(c, route)
			if err != nil {
				px.fail(c, err)
				px.errorFilters(c, base)
				return
			}
			if c.rawServed {
				// an upgraded connection was served
				c.stack = c.stack[:base]
				return
			}
			c.response = resp
			if px.flags.PreserveOriginal() {
				c.originalResponse = cloneResponseMeta(resp)
			}
		}
	}
	if c.response == nil {
		c.response = &http.Response{
			StatusCode: http.StatusNotFound,
			Header:     make(http.Header),
			Body:       http.NoBody,
			Request:    c.request,
		}
	}
	if _, ok := c.response.Header["Server"]; !ok {
		if c.response.Header == nil {
			c.response.Header = make(http.Header)
		}
		c.response.Header["Server"] = []string{"Skipper"}
	}
	px.responseFilters(c, base)
}

// responseFilters calls Response of the filters on the stack above base,
// the last first, taking each off the stack before its call.
func (px *Proxy) responseFilters(c *filterContext, base int) {
	for len(c.stack) > base {
		f := c.stack[len(c.stack)-1]
		c.stack[len(c.stack)-1] = nil
		c.stack = c.stack[:len(c.stack)-1]
		c.filterName = f.Name
		f.Response(c)
	}
	c.filterName = ""
}

// errorFilters is responseFilters for error responses: only filters that
// handle error responses are called.
func (px *Proxy) errorFilters(c *filterContext, base int) {
	for len(c.stack) > base {
		f := c.stack[len(c.stack)-1]
		c.stack[len(c.stack)-1] = nil
		c.stack = c.stack[:len(c.stack)-1]
		if h, ok := f.Filter.(errorHandler); ok && h.HandleErrorResponse() {
			c.filterName = f.Name
			f.Response(c)
		}
	}
	c.filterName = ""
}

// fail makes the error response of e the response of c.
func (px *Proxy) fail(c *filterContext, e *proxyError) {
	if c.response != nil && c.response.Body != nil {
		c.response.Body.Close()
	}
	c.err = e
	c.response = errorResponse(c.request, e)
	c.response.Header["Server"] = []string{"Skipper"}
}

// mergeParams returns the parameters of a route reached by loopback merged
// over those of the routes before it. Without a loopback it returns inner.
func mergeParams(outer, inner map[string]string) map[string]string {
	if len(outer) == 0 {
		return inner
	}
	if len(inner) == 0 {
		return outer
	}
	m := make(map[string]string, len(outer)+len(inner))
	for k, v := range outer {
		m[k] = v
	}
	for k, v := range inner {
		m[k] = v
	}
	return m
}

// recovered handles a panic of the pipeline: it logs it with the route id
// and answers 500 when the headers were not sent yet; otherwise it tells
// that the connection must be aborted.
func (px *Proxy) recovered(c *filterContext, v interface{}) (abort bool) {
	if v == http.ErrAbortHandler {
		return true
	}
	if px.logOn && px.panics.allow() {
		px.log.Errorf("panic while serving route %q: %v\n%s", c.RouteId(), v, debug.Stack())
	}
	if c.rw.wroteHeader() || c.rawServed {
		return true
	}
	func() {
		defer func() {
			if v := recover(); v != nil && px.logOn {
				px.log.Errorf("panic in an error-handling filter of route %q: %v", c.RouteId(), v)
			}
		}()
		px.fail(c, &proxyError{code: http.StatusInternalServerError, err: fmt.Errorf("%w: %v", errPanic, v)})
		px.errorFilters(c, 0)
	}()
	c.stack = c.stack[:0]
	defer func() {
		if recover() != nil {
			abort = true
		}
	}()
	return px.writeResponse(c)
}

// panicLog limits the logging of panic stacks: the first three, then one
// a minute.
type panicLog struct {
	mu    sync.Mutex
	count int
	last  time.Time
}

func (l *panicLog) allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.count < 3 || now.Sub(l.last) >= time.Minute {
		l.count++
		l.last = now
		return true
	}
	return false
}

// loopback runs the pipeline again on c from a filter. With keep, the new
// response replaces c's; otherwise it is drained and dropped.
func (px *Proxy) loopback(c *filterContext, keep bool) {
	if c.split {
		px.splitLoopback(c)
		return
	}
	prev, prevErr, served := c.response, c.err, c.served
	c.response, c.err, c.served = nil, nil, false
	px.do(c)
	if keep {
		if prev != nil && prev.Body != nil {
			prev.Body.Close()
		}
		c.served = served
		return
	}
	if c.response != nil && c.response.Body != nil {
		drainClose(c.response.Body)
	}
	c.response, c.err, c.served = prev, prevErr, served
}
