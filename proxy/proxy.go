package proxy

import (
	"crypto/tls"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/opentracing/opentracing-go"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

const (
	eskipNetwork  = eskip.NetworkBackend
	eskipShunt    = eskip.ShuntBackend
	eskipLoop     = eskip.LoopBackend
	eskipDynamic  = eskip.DynamicBackend
	eskipLB       = eskip.LBBackend
	eskipForward  = eskip.ForwardBackend
	copyBufferLen = 32 * 1024
)

// Proxy is an http.Handler that serves requests by the routes of a
// Routing. Create it with New and stop it with Close.
type Proxy struct {
	routing       *routing.Routing
	flags         Flags
	defaultStatus int
	maxLoops      int
	upgrade       bool
	// upgradeDial limits dialing upgrade backends; negative: no limit.
	upgradeDial time.Duration
	// upgradeAudit receives a JSON line per upgraded connection, or nil.
	upgradeAudit *upgradeAuditLog

	log       logging.Logger
	logOn     bool
	accessLog AccessLogger
	metrics   filters.Metrics
	tracer    opentracing.Tracer

	globalRatelimit GlobalRatelimit
	routeRatelimit  RouteRatelimit
	breakers        CircuitBreakers

	transport    *http.Transport
	h2cTransport *http.Transport
	roundTripper http.RoundTripper
	h2cTripper   http.RoundTripper
	tlsConfig    *tls.Config

	contexts   sync.Pool
	buffers    sync.Pool
	roundRobin roundRobin
	panics     panicLog

	quit      chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup
}

// New returns a proxy configured by p. It starts a goroutine that closes
// idle backend connections periodically; Close stops it.
func New(p Params) *Proxy {
	px := &Proxy{
		routing:         p.Routing,
		flags:           p.Flags,
		defaultStatus:   p.defaultStatus(),
		maxLoops:        p.maxLoops(),
		upgrade:         p.ExperimentalUpgrade,
		upgradeDial:     p.UpgradeDialTimeout,
		upgradeAudit:    newUpgradeAuditLog(p.UpgradeAuditLog),
		log:             p.Log,
		logOn:           p.Log != nil,
		accessLog:       p.AccessLog,
		metrics:         p.Metrics,
		tracer:          p.OpenTracer,
		globalRatelimit: p.GlobalRatelimit,
		routeRatelimit:  p.RouteRatelimit,
		breakers:        p.CircuitBreakers,
		quit:            make(chan struct{}),
	}
	if px.log == nil {
		px.log = logging.Discard()
	}
	if px.tracer == nil {
		px.tracer = opentracing.NoopTracer{}
	}
	px.tlsConfig = &tls.Config{InsecureSkipVerify: p.Flags.Insecure()} //nolint:gosec // opt-in by flag
	px.transport = newTransport(&p, px.tlsConfig, false)
	px.h2cTransport = newTransport(&p, nil, true)
	px.roundTripper, px.h2cTripper = px.transport, px.h2cTransport
	if p.CustomHttpRoundTripperWrap != nil {
		px.roundTripper = p.CustomHttpRoundTripperWrap(px.transport)
		px.h2cTripper = p.CustomHttpRoundTripperWrap(px.h2cTransport)
	}
	px.contexts.New = func() interface{} { return &filterContext{proxy: px} }
	px.buffers.New = func() interface{} {
		b := make([]byte, copyBufferLen)
		return &b
	}
	if period := p.closeIdlePeriod(); period > 0 {
		px.wg.Add(1)
		go px.closeIdleConns(period)
	}
	return px
}

// newTransport returns the backend transport: HTTP/1.1 only (also to TLS
// backends), or HTTP/2 with prior knowledge for h2c.
func newTransport(p *Params, tlsConfig *tls.Config, h2c bool) *http.Transport {
	dialer := &net.Dialer{Timeout: p.Timeout, KeepAlive: p.KeepAlive}
	idle := p.closeIdlePeriod()
	if idle < 0 {
		idle = 0
	}
	t := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		TLSClientConfig:        tlsConfig,
		TLSHandshakeTimeout:    p.TLSHandshakeTimeout,
		DisableKeepAlives:      p.DisableHTTPKeepalives,
		DisableCompression:     true,
		MaxIdleConns:           p.MaxIdleConns,
		MaxIdleConnsPerHost:    p.idleConnsPerHost(),
		IdleConnTimeout:        idle,
		ResponseHeaderTimeout:  p.ResponseHeaderTimeout,
		ExpectContinueTimeout:  p.ExpectContinueTimeout,
		MaxResponseHeaderBytes: 0,
		ForceAttemptHTTP2:      false,
		WriteBufferSize:        16 * 1024,
		ReadBufferSize:         16 * 1024,
	}
	t.Protocols = new(http.Protocols)
	if h2c {
		t.Protocols.SetUnencryptedHTTP2(true)
	} else {
		t.Protocols.SetHTTP1(true)
	}
	return t
}

func (px *Proxy) closeIdleConns(period time.Duration) {
	defer px.wg.Done()
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-px.quit:
			return
		case <-t.C:
			px.transport.CloseIdleConnections()
			px.h2cTransport.CloseIdleConnections()
		}
	}
}

// Close stops the idle connection closer and closes the idle backend
// connections. Requests in flight are not interrupted. It does not close
// the Routing.
func (px *Proxy) Close() error {
	px.closeOnce.Do(func() {
		close(px.quit)
		px.wg.Wait()
		px.transport.CloseIdleConnections()
		px.h2cTransport.CloseIdleConnections()
	})
	return nil
}

// ServeHTTP serves a request by its route, see the package documentation.
func (px *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := px.contexts.Get().(*filterContext)
	c.rw.reset(w)
	c.writer = &c.rw
	c.start = time.Now()
	r = r.WithContext(routing.NewContext(r.Context()))
	if px.flags.PatchPath() {
		// on the copy: the server's request stays as received
		u := *r.URL
		r.URL = &u
		patchPath(c, r)
	}
	c.request = r
	c.outgoingHost = r.Host
	if px.flags.PreserveOriginal() {
		c.originalRequest = cloneRequestMeta(r)
	}
	if px.routing != nil {
		c.lookup = px.routing.Get()
	}

	abort := px.serve(c)
	px.finish(c)
	c.reset()
	px.contexts.Put(c)
	if abort {
		panic(http.ErrAbortHandler)
	}
}

// serve runs the pipeline and writes the response. It recovers panics and
// tells whether the client connection must be aborted.
func (px *Proxy) serve(c *filterContext) (abort bool) {
	defer func() {
		if v := recover(); v != nil {
			abort = px.recovered(c, v)
		}
	}()
	if px.refuseFramingConflict(c) {
		return px.writeResponse(c)
	}
	if isHTTP2Preface(c.request) {
		px.fail(c, &proxyError{code: http.StatusHTTPVersionNotSupported, err: errHTTP2Preface, header: closeHeader})
		return px.writeResponse(c)
	}
	if px.globalRatelimit != nil {
		if ok, limit, retry := px.globalRatelimit.Allow(c.request); !ok {
			px.fail(c, ratelimitError(limit, retry))
			return px.writeResponse(c)
		}
	}
	px.do(c)
	if c.rawServed {
		return false
	}
	return px.writeResponse(c)
}

// finish releases what the request held and writes the logs.
func (px *Proxy) finish(c *filterContext) {
	if c.response != nil && c.response.Body != nil {
		c.response.Body.Close()
	}
	if c.cancel != nil {
		c.cancel()
	}
	if c.err != nil && px.logOn {
		px.logError(c)
	}
	if px.accessLog != nil {
		e := &c.entry
		*e = AccessEntry{
			Request:      c.request,
			StatusCode:   c.rw.status,
			ResponseSize: c.rw.written,
			Start:        c.start,
			Duration:     time.Since(c.start),
			RouteID:      c.RouteId(),
			StateBag:     c.stateBag,
		}
		px.accessLog.LogAccess(e)
	}
	c.lookup.Close()
}

// logError logs a proxy error of a request that matched a route.
func (px *Proxy) logError(c *filterContext) {
	if c.route == nil {
		return
	}
	e := c.err
	r := c.request
	if e.code == StatusClientClosedRequest {
		logf := px.log.Infof
		if px.accessLog == nil {
			logf = px.log.Debugf
		}
		logf("client canceled after %v, route %s with backend %s, status code %d: %v, remote host: %s, request: \"%s %s %s\", host: %s, user agent: %q",
			time.Since(c.start), c.route.Id, backendLabel(c.route), e.code, e, r.RemoteAddr, r.Method, r.URL.Path, r.Proto, r.Host, r.UserAgent())
		return
	}
	px.log.Errorf("error while proxying after %v, route %s with backend %s, status code %d: %v, remote host: %s, request: \"%s %s %s\", host: %s, user agent: %q",
		time.Since(c.start), c.route.Id, backendLabel(c.route), e.code, e, r.RemoteAddr, r.Method, r.URL.Path, r.Proto, r.Host, r.UserAgent())
}

// backendLabel describes a route's backend for logs.
func backendLabel(r *routing.Route) string {
	switch r.BackendType {
	case eskipNetwork:
		return r.Scheme + "://" + r.Host
	default:
		return r.BackendType.String()
	}
}
