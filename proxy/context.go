package proxy

import (
	gocontext "context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/opentracing/opentracing-go"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/routing"
)

// filterContext is the FilterContext of one request. The contexts of incoming
// requests are pooled; Split contexts are not.
type filterContext struct {
	proxy *Proxy

	rw     recordingWriter
	writer http.ResponseWriter // rw, or a discardWriter for Split

	request          *http.Request
	response         *http.Response
	originalRequest  *http.Request
	originalResponse *http.Response

	lookup   *routing.RouteLookup
	route    *routing.Route
	params   map[string]string
	stateBag map[string]interface{}

	outgoingHost string

	// served is set by Serve, rawServed by MarkServed.
	served    bool
	rawServed bool

	// loops counts the executions of the pipeline on this context.
	loops int
	// stack holds the filters whose Request ran and whose Response has not
	// run yet, innermost route last.
	stack []*routing.RouteFilter
	// filterName is the name of the filter being executed, for Metrics.
	filterName string

	// err is the proxy error of the response, if any.
	err *proxyError

	// cancel ends the deadline of the backend call set by the
	// backend:timeout state bag key.
	cancel gocontext.CancelFunc

	start time.Time
	entry AccessEntry

	// patchedPath is the request path set by PatchPath, and origPath and
	// origRawPath what the client sent; empty without a patch.
	patchedPath, origPath, origRawPath string

	// split marks contexts made by Split: they own their lookup.
	split bool
	// splitBody is the pipe a Split context's request body is fed from.
	splitBody *io.PipeReader
}

var _ filters.FilterContext = (*filterContext)(nil)

// reset empties a pooled context for reuse.
func (c *filterContext) reset() {
	clear(c.stateBag)
	stack := c.stack[:0]
	clear(c.stack[:cap(c.stack)])
	bag := c.stateBag
	p := c.proxy
	*c = filterContext{proxy: p, stateBag: bag, stack: stack}
}

// ResponseWriter returns the client's writer, for filters that write the
// response themselves after MarkServed.
func (c *filterContext) ResponseWriter() http.ResponseWriter { return c.writer }

// Request returns the request that will be sent to the backend.
func (c *filterContext) Request() *http.Request { return c.request }

// Response returns the response, nil before the backend call unless a
// filter served.
func (c *filterContext) Response() *http.Response { return c.response }

// OriginalRequest returns the copy of the incoming request, or nil unless
// the PreserveOriginal flag is set.
func (c *filterContext) OriginalRequest() *http.Request { return c.originalRequest }

// OriginalResponse returns the copy of the backend response, or nil unless
// the PreserveOriginal flag is set.
func (c *filterContext) OriginalResponse() *http.Response { return c.originalResponse }

// Served tells whether a filter served the response.
func (c *filterContext) Served() bool { return c.served || c.rawServed }

// MarkServed ends the request chain; the filter wrote the response itself.
func (c *filterContext) MarkServed() { c.rawServed = true }

// Serve ends the request chain with resp.
func (c *filterContext) Serve(resp *http.Response) {
	if resp == nil {
		resp = &http.Response{StatusCode: http.StatusOK}
	}
	resp.Request = c.request
	if resp.Header == nil {
		resp.Header = make(http.Header)
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	c.response = resp
	c.served = true
}

// PathParam returns the value of a path parameter, or "".
func (c *filterContext) PathParam(name string) string { return c.params[name] }

// StateBag returns the request's state bag.
func (c *filterContext) StateBag() map[string]interface{} {
	if c.stateBag == nil {
		c.stateBag = make(map[string]interface{})
	}
	return c.stateBag
}

// BackendUrl returns the network backend of the route as written, or "".
func (c *filterContext) BackendUrl() string {
	if c.route == nil || c.route.BackendType != eskipNetwork {
		return ""
	}
	return c.route.Backend
}

// OutgoingHost returns the Host of the backend request.
func (c *filterContext) OutgoingHost() string { return c.outgoingHost }

// SetOutgoingHost sets the Host of the backend request.
func (c *filterContext) SetOutgoingHost(h string) { c.outgoingHost = h }

// Metrics returns the custom metrics of the executing filter.
func (c *filterContext) Metrics() filters.Metrics {
	return filterMetrics{m: c.proxy.metrics, prefix: c.filterName + ".custom."}
}

// Tracer returns the proxy's tracer.
func (c *filterContext) Tracer() opentracing.Tracer { return c.proxy.tracer }

// ParentSpan returns the span of the request's context, or a no-op span.
func (c *filterContext) ParentSpan() opentracing.Span {
	if c.request != nil {
		if s := opentracing.SpanFromContext(c.request.Context()); s != nil {
			return s
		}
	}
	return opentracing.NoopTracer{}.StartSpan("")
}

// Logger returns the proxy's logger.
func (c *filterContext) Logger() filters.FilterContextLogger { return c.proxy.log }

// RouteId returns the id of the matched route, "" before matching.
func (c *filterContext) RouteId() string {
	if c.route == nil {
		return ""
	}
	return c.route.Id
}

// Loopback runs the pipeline again on this context and discards the
// response. It is meant for Split contexts.
func (c *filterContext) Loopback() {
	c.proxy.loopback(c, false)
}

// LoopbackWithResponse runs the pipeline again on this context; the
// result becomes the context's response.
func (c *filterContext) LoopbackWithResponse() {
	c.proxy.loopback(c, true)
}

// Split returns a copy of the context for shadow traffic, see
// filters.FilterContext.
func (c *filterContext) Split() (filters.FilterContext, error) {
	return c.proxy.split(c)
}

// errSplitUpgrade is returned by Split for upgrade requests when upgrades
// are proxied.
var errSplitUpgrade = errors.New("proxy: cannot split an upgrade request")

// filterMetrics prefixes the keys of a filter's custom metrics.
type filterMetrics struct {
	m      filters.Metrics
	prefix string
}

func (f filterMetrics) MeasureSince(key string, start time.Time) {
	if f.m != nil {
		f.m.MeasureSince(f.prefix+key, start)
	}
}

func (f filterMetrics) IncCounter(key string) {
	if f.m != nil {
		f.m.IncCounter(f.prefix + key)
	}
}

func (f filterMetrics) IncCounterBy(key string, value int64) {
	if f.m != nil {
		f.m.IncCounterBy(f.prefix+key, value)
	}
}

func (f filterMetrics) IncFloatCounterBy(key string, value float64) {
	if f.m != nil {
		f.m.IncFloatCounterBy(f.prefix+key, value)
	}
}
