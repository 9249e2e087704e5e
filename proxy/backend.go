package proxy

import (
	gocontext "context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"weak"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/internal/backendhost"
	"github.com/openskipper/skipper/internal/hopheader"
	"github.com/openskipper/skipper/routing"
)

var circuitOpenHeader = http.Header{"X-Circuit-Open": {"true"}}

// callBackend calls the backend of a network, load-balanced, dynamic or
// forward route, guarded by the route rate limit and the circuit breaker.
// A load-balanced route retries once on another endpoint when connecting
// failed and the request has no body.
func (px *Proxy) callBackend(c *filterContext, route *routing.Route) (*http.Response, *proxyError) {
	if px.routeRatelimit != nil {
		if ok, limit, retry := px.routeRatelimit.Allow(c, route); !ok {
			return nil, ratelimitError(limit, retry)
		}
	}
	scheme, host, pe := px.target(c, route)
	if pe != nil {
		return nil, pe
	}
	if px.upgrade && isUpgrade(c.request) {
		return px.serveUpgrade(c, scheme, host)
	}
	var done func(bool)
	if px.breakers != nil {
		if b := px.breakers.Get(host, c); b != nil {
			d, ok := b.Allow()
			if !ok {
				return nil, &proxyError{code: http.StatusServiceUnavailable, err: errCircuitOpen, header: circuitOpenHeader}
			}
			done = d
		}
	}
	px.applyReadTimeout(c)
	resp, pe := px.roundTrip(c, scheme, host)
	if pe != nil && pe.dial && route.BackendType == eskipLB && len(route.LBEndpoints) > 1 &&
		(c.request.Body == nil || c.request.Body == http.NoBody) {
		if px.logOn {
			px.log.Debugf("retry=%s after %v", route.Id, pe)
		}
		scheme, host, _ = px.target(c, route)
		resp, pe = px.roundTrip(c, scheme, host)
	}
	if done != nil {
		done(pe == nil && resp.StatusCode < 500)
	}
	return resp, pe
}

// target returns the scheme and host:port the request goes to.
func (px *Proxy) target(c *filterContext, route *routing.Route) (string, string, *proxyError) {
	switch route.BackendType {
	case eskipNetwork:
		return route.Scheme, route.Host, nil
	case eskipLB:
		n := len(route.LBEndpoints)
		if n == 0 {
			return "", "", &proxyError{code: http.StatusServiceUnavailable, err: errNoEndpoints}
		}
		ep := &route.LBEndpoints[px.roundRobin.next(route)%uint64(n)]
		return ep.Scheme, ep.Host, nil
	case eskipDynamic:
		s, h := dynamicTarget(c)
		return s, h, nil
	case eskipForward:
		return "", "", &proxyError{code: http.StatusInternalServerError, err: errForwardBackend}
	}
	return "", "", &proxyError{code: http.StatusInternalServerError, err: fmt.Errorf("unknown backend type %v", route.BackendType)}
}

// dynamicTarget resolves the target of a <dynamic> route from the state
// bag: a URL wins over a host and a scheme; without either the incoming
// request's host and scheme are used.
func dynamicTarget(c *filterContext) (string, string) {
	r := c.request
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	bag := c.stateBag
	if bag == nil {
		return scheme, host
	}
	if s, ok := bag[filters.DynamicBackendURLKey].(string); ok && s != "" {
		if u, err := url.ParseRequestURI(s); err == nil && u.Host != "" {
			return u.Scheme, u.Host
		}
	}
	if h, ok := bag[filters.DynamicBackendHostKey].(string); ok && h != "" {
		host = h
	}
	if s, ok := bag[filters.DynamicBackendSchemeKey].(string); ok && s != "" {
		scheme = s
	}
	return scheme, host
}

// roundTrip sends the backend request to scheme://host.
func (px *Proxy) roundTrip(c *filterContext, scheme, host string) (*http.Response, *proxyError) {
	rt := px.roundTripper
	wire := scheme
	switch scheme {
	case "http", "https":
	case "h2c":
		rt, wire = px.h2cTripper, "http"
	default:
		return nil, &proxyError{code: http.StatusBadGateway, err: fmt.Errorf("%w %q", errUnsupportedScheme, scheme)}
	}
	out, body := px.outgoingRequest(c, scheme, wire, host)
	resp, err := rt.RoundTrip(out)
	if err != nil {
		var bodyErr error
		if body != nil {
			bodyErr = body.failure()
		}
		return nil, classify(err, c.request.Context(), bodyErr)
	}
	return resp, nil
}

// outgoingRequest builds the backend request from the filtered incoming
// request (§2.4 of the spec).
func (px *Proxy) outgoingRequest(c *filterContext, scheme, wire, host string) (*http.Request, *requestBody) {
	in := c.request
	ctx := in.Context()
	if d, ok := c.stateBag[filters.BackendTimeoutKey].(time.Duration); ok && d > 0 {
		if c.cancel != nil {
			c.cancel()
		}
		ctx, c.cancel = gocontext.WithTimeout(ctx, d)
	}
	out := in.WithContext(ctx)
	u := new(url.URL)
	*u = *in.URL
	u.Scheme, u.Host = wire, host
	if c.patchedPath != "" && u.Path == c.patchedPath {
		u.Path, u.RawPath = c.origPath, c.origRawPath
	}
	out.URL = u
	out.RequestURI = ""
	out.Close = false
	out.TransferEncoding = nil
	out.Proto, out.ProtoMajor, out.ProtoMinor = "HTTP/1.1", 1, 1
	// One slot more than the client's headers, for the User-Agent: a
	// map grown by one key costs as much as the clone.
	out.Header = cloneHeader(in.Header, 1)
	if _, ok := out.Header["User-Agent"]; !ok {
		out.Header["User-Agent"] = emptyValue
	}
	if px.flags.HopHeadersRemoval() {
		hopheader.Remove(out.Header)
	}
	out.Host = c.outgoingHost
	if out.Host == "" {
		out.Host = backendhost.Normalize(scheme, host)
	}
	var body *requestBody
	if in.ContentLength == 0 || in.Body == nil || in.Body == http.NoBody {
		out.Body = nil
		out.GetBody = nil
	} else {
		body = &requestBody{rc: in.Body}
		out.Body = body
		out.GetBody = nil
	}
	return out, body
}

var emptyValue = []string{""}

// cloneHeader returns a deep copy of h (an empty header for nil) with room
// for extra more keys. All values share one backing array, sliced with
// full capacity limits, so that appending to one never touches another.
func cloneHeader(h http.Header, extra int) http.Header {
	out := make(http.Header, len(h)+extra)
	n := 0
	for _, vs := range h {
		n += len(vs)
	}
	all := make([]string, n)
	for k, vs := range h {
		if vs == nil {
			out[k] = nil
			continue
		}
		m := copy(all, vs)
		out[k] = all[:m:m]
		all = all[m:]
	}
	return out
}

// requestBody passes the client's body to the backend and remembers the
// first read error, to tell a broken client body from a backend failure.
type requestBody struct {
	rc  io.ReadCloser
	mu  sync.Mutex
	err error
}

func (b *requestBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if err != nil && err != io.EOF {
		b.mu.Lock()
		if b.err == nil {
			b.err = err
		}
		b.mu.Unlock()
	}
	return n, err
}

func (b *requestBody) Close() error { return b.rc.Close() }

func (b *requestBody) failure() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// applyReadTimeout sets the read deadline of the client connection when a
// filter asked for one and the request has a body.
func (px *Proxy) applyReadTimeout(c *filterContext) {
	d, ok := c.stateBag[filters.ReadTimeoutKey].(time.Duration)
	if !ok || c.request.Body == nil || c.request.Body == http.NoBody {
		return
	}
	_ = http.NewResponseController(&c.rw).SetReadDeadline(time.Now().Add(d))
}

// roundRobin keeps one counter per load-balanced route. Counters are
// keyed by weak pointers and dropped when their route is collected.
type roundRobin struct {
	counters sync.Map // weak.Pointer[routing.Route] -> *atomic.Uint64
}

// next returns the route's next counter value.
func (rr *roundRobin) next(r *routing.Route) uint64 {
	key := weak.Make(r)
	v, ok := rr.counters.Load(key)
	if !ok {
		var loaded bool
		v, loaded = rr.counters.LoadOrStore(key, new(atomic.Uint64))
		if !loaded {
			runtime.AddCleanup(r, func(k weak.Pointer[routing.Route]) { rr.counters.Delete(k) }, key)
		}
	}
	return v.(*atomic.Uint64).Add(1) - 1
}
