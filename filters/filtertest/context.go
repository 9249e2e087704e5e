// Package filtertest provides a FilterContext for testing filters without
// a proxy: a struct whose exported fields are the context's state, set
// before calling a filter and inspected after.
package filtertest

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/opentracing/opentracing-go"

	"github.com/openskipper/skipper/filters"
)

// Context is a filters.FilterContext backed by its fields. The zero value
// is usable once FRequest is set; nil maps, metrics, logger and tracer are
// replaced by empty or no-op values when first asked for.
type Context struct {
	// FResponseWriter is returned by ResponseWriter; nil means a new
	// httptest.ResponseRecorder on first use.
	FResponseWriter http.ResponseWriter
	// FRequest is the request filters see and change.
	FRequest *http.Request
	// FResponse is the response: set it for response-phase tests; Serve
	// sets it too.
	FResponse *http.Response
	// FOriginalRequest and FOriginalResponse are returned as they are.
	FOriginalRequest  *http.Request
	FOriginalResponse *http.Response
	// FServed is set by Serve and MarkServed.
	FServed bool
	// FServedWithResponse is set by Serve only.
	FServedWithResponse bool
	// FParams are the path parameters.
	FParams map[string]string
	// FStateBag is the state bag.
	FStateBag map[string]interface{}
	// FBackendUrl is the route's backend URL.
	FBackendUrl string
	// FOutgoingHost is the Host of the backend request.
	FOutgoingHost string
	// FMetrics records metrics; nil means a no-op.
	FMetrics filters.Metrics
	// FTracer is the tracer; nil means opentracing.NoopTracer.
	FTracer opentracing.Tracer
	// FParentSpan is the request's span; nil means a span of the tracer.
	FParentSpan opentracing.Span
	// FLogger is the logger; nil means a logger that drops everything.
	FLogger filters.FilterContextLogger
	// FRouteId is the route's id.
	FRouteId string
	// FLoopbacks counts the calls of Loopback and LoopbackWithResponse.
	FLoopbacks int
	// FLoopbackResponse, when set, becomes the response on
	// LoopbackWithResponse.
	FLoopbackResponse *http.Response
}

var _ filters.FilterContext = (*Context)(nil)

// NewContext returns a Context for r with empty maps; OutgoingHost starts
// as r.Host, as in the proxy before route lookup.
func NewContext(r *http.Request) *Context {
	return &Context{
		FRequest:      r,
		FParams:       map[string]string{},
		FStateBag:     map[string]interface{}{},
		FOutgoingHost: r.Host,
	}
}

// ResponseWriter returns FResponseWriter, creating a recorder when nil.
func (c *Context) ResponseWriter() http.ResponseWriter {
	if c.FResponseWriter == nil {
		c.FResponseWriter = httptest.NewRecorder()
	}
	return c.FResponseWriter
}

// Request returns FRequest.
func (c *Context) Request() *http.Request { return c.FRequest }

// Response returns FResponse.
func (c *Context) Response() *http.Response { return c.FResponse }

// OriginalRequest returns FOriginalRequest.
func (c *Context) OriginalRequest() *http.Request { return c.FOriginalRequest }

// OriginalResponse returns FOriginalResponse.
func (c *Context) OriginalResponse() *http.Response { return c.FOriginalResponse }

// Served returns FServed.
func (c *Context) Served() bool { return c.FServed }

// MarkServed sets FServed.
func (c *Context) MarkServed() { c.FServed = true }

// Serve makes rsp the response as the proxy does: it sets rsp.Request,
// fills a nil Header or Body, and sets FServed and FServedWithResponse.
func (c *Context) Serve(rsp *http.Response) {
	rsp.Request = c.FRequest
	if rsp.Header == nil {
		rsp.Header = make(http.Header)
	}
	if rsp.Body == nil {
		rsp.Body = http.NoBody
	}
	c.FResponse = rsp
	c.FServed = true
	c.FServedWithResponse = true
}

// PathParam returns FParams[name].
func (c *Context) PathParam(name string) string { return c.FParams[name] }

// StateBag returns FStateBag, creating it when nil.
func (c *Context) StateBag() map[string]interface{} {
	if c.FStateBag == nil {
		c.FStateBag = make(map[string]interface{})
	}
	return c.FStateBag
}

// BackendUrl returns FBackendUrl.
func (c *Context) BackendUrl() string { return c.FBackendUrl }

// OutgoingHost returns FOutgoingHost.
func (c *Context) OutgoingHost() string { return c.FOutgoingHost }

// SetOutgoingHost sets FOutgoingHost.
func (c *Context) SetOutgoingHost(h string) { c.FOutgoingHost = h }

// Metrics returns FMetrics, or a no-op.
func (c *Context) Metrics() filters.Metrics {
	if c.FMetrics == nil {
		return noopMetrics{}
	}
	return c.FMetrics
}

// Tracer returns FTracer, or opentracing.NoopTracer.
func (c *Context) Tracer() opentracing.Tracer {
	if c.FTracer == nil {
		return opentracing.NoopTracer{}
	}
	return c.FTracer
}

// ParentSpan returns FParentSpan, or a new span of Tracer.
func (c *Context) ParentSpan() opentracing.Span {
	if c.FParentSpan == nil {
		c.FParentSpan = c.Tracer().StartSpan("ingress")
	}
	return c.FParentSpan
}

// Split returns a copy with a fresh state bag and a clone of the request
// that shares its body; it fails when there is no request.
func (c *Context) Split() (filters.FilterContext, error) {
	if c.FRequest == nil {
		return nil, errors.New("filtertest: split without a request")
	}
	cc := *c
	cc.FRequest = c.FRequest.Clone(c.FRequest.Context())
	cc.FStateBag = make(map[string]interface{})
	cc.FResponse = nil
	cc.FServed, cc.FServedWithResponse = false, false
	cc.FLoopbacks = 0
	return &cc, nil
}

// Loopback counts the call in FLoopbacks.
func (c *Context) Loopback() { c.FLoopbacks++ }

// LoopbackWithResponse counts the call in FLoopbacks and makes
// FLoopbackResponse the response when it is set.
func (c *Context) LoopbackWithResponse() {
	c.FLoopbacks++
	if c.FLoopbackResponse != nil {
		c.FResponse = c.FLoopbackResponse
	}
}

// Logger returns FLogger, or a logger that drops everything.
func (c *Context) Logger() filters.FilterContextLogger {
	if c.FLogger == nil {
		return noopLogger{}
	}
	return c.FLogger
}

// RouteId returns FRouteId.
func (c *Context) RouteId() string { return c.FRouteId }

// ReadBody reads and closes the body of FResponse; "" when there is none.
func (c *Context) ReadBody() (string, error) {
	if c.FResponse == nil || c.FResponse.Body == nil {
		return "", nil
	}
	defer c.FResponse.Body.Close()
	b, err := io.ReadAll(c.FResponse.Body)
	return string(b), err
}

type noopMetrics struct{}

func (noopMetrics) MeasureSince(string, time.Time)    {}
func (noopMetrics) IncCounter(string)                 {}
func (noopMetrics) IncCounterBy(string, int64)        {}
func (noopMetrics) IncFloatCounterBy(string, float64) {}

type noopLogger struct{}

func (noopLogger) Debugf(string, ...interface{}) {}
func (noopLogger) Infof(string, ...interface{})  {}
func (noopLogger) Warnf(string, ...interface{})  {}
func (noopLogger) Errorf(string, ...interface{}) {}
