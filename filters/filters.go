// Package filters defines the filter extension API: the Spec that creates
// filter instances from route arguments, the Filter that acts on requests
// and responses, the FilterContext a filter sees, and the Registry that
// maps filter names to specs.
package filters

import (
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/opentracing/opentracing-go"
)

// ErrInvalidFilterParameters is returned (possibly wrapped) by
// Spec.CreateFilter when the route's arguments are wrong.
var ErrInvalidFilterParameters = errors.New("invalid filter parameters")

// Spec creates filters of one kind. A route's filter call Name(args...)
// is turned into a Filter by the Spec registered under Name.
type Spec interface {
	// Name is the filter's name in eskip, e.g. "setPath".
	Name() string
	// CreateFilter returns a filter for one route. args are float64 for
	// numbers and string for strings and regexps. An error rejects the
	// route.
	CreateFilter(args []interface{}) (Filter, error)
}

// Filter acts on the requests and responses of one route. One instance
// serves all concurrent requests of the route: per-request state belongs
// in FilterContext.StateBag.
type Filter interface {
	// Request is called before the backend call, in route order.
	Request(FilterContext)
	// Response is called after the backend call, in reverse route order.
	Response(FilterContext)
}

// FilterCloser is a Filter that holds resources. Close is called once the
// route that owns the filter has left the routing table and no request
// uses it any more.
type FilterCloser interface {
	Filter
	io.Closer
}

// FilterContextLogger logs from a filter with request context attached.
type FilterContextLogger interface {
	Debugf(format string, args ...interface{})
	Infof(format string, args ...interface{})
	Warnf(format string, args ...interface{})
	Errorf(format string, args ...interface{})
}

// Metrics lets filters record custom metrics; keys are prefixed with the
// filter's name.
type Metrics interface {
	MeasureSince(key string, start time.Time)
	IncCounter(key string)
	IncCounterBy(key string, value int64)
	IncFloatCounterBy(key string, value float64)
}

// FilterContext is what a filter sees of one request: the request and
// response, the route's path parameters, a per-request state bag, and ways
// to end the request early.
type FilterContext interface {
	// ResponseWriter is the client connection's writer, for filters that
	// write the response themselves after MarkServed.
	//
	// Deprecated: use Serve.
	ResponseWriter() http.ResponseWriter
	// Request is the request that will be sent to the backend; filters
	// change it in place.
	Request() *http.Request
	// Response is the response: nil during the request phase unless a
	// filter served one.
	Response() *http.Response
	// OriginalRequest is a copy of the incoming request before any filter
	// ran, when the proxy keeps one; otherwise nil.
	OriginalRequest() *http.Request
	// OriginalResponse is a copy of the backend response before any filter
	// ran, when the proxy keeps one; otherwise nil.
	OriginalResponse() *http.Response
	// Served tells whether a filter served the response.
	//
	// Deprecated: compare Response with nil, or keep your own state.
	Served() bool
	// MarkServed ends the request chain; the filter wrote the response
	// through ResponseWriter itself.
	//
	// Deprecated: use Serve.
	MarkServed()
	// Serve ends the request chain with the given response: the backend is
	// not called and the response filters of the filters run so far are.
	Serve(*http.Response)
	// PathParam returns the value of a path parameter of the route, or "".
	PathParam(string) string
	// StateBag is a map shared by all filters of one request.
	StateBag() map[string]interface{}
	// BackendUrl is the network backend of the route, as written.
	BackendUrl() string
	// OutgoingHost is the Host the backend request will carry.
	OutgoingHost() string
	// SetOutgoingHost sets the Host of the backend request.
	SetOutgoingHost(string)
	// Metrics records custom metrics.
	Metrics() Metrics
	// Tracer is the proxy's tracer.
	//
	// Deprecated: use the span in Request().Context().
	Tracer() opentracing.Tracer
	// ParentSpan is the proxy's span of this request.
	//
	// Deprecated: use the span in Request().Context().
	ParentSpan() opentracing.Span
	// Split returns a copy of the context for shadow traffic, with a fresh
	// state bag and a request whose body is fed from the original one.
	Split() (FilterContext, error)
	// Loopback runs the routing and filters again on this context, e.g. on
	// a Split copy; its response is discarded.
	Loopback()
	// LoopbackWithResponse routes the request again and makes the result
	// the response of this context.
	LoopbackWithResponse()
	// Logger logs with the request's context.
	Logger() FilterContextLogger
	// RouteId is the id of the matched route, "" before matching.
	RouteId() string
}

// Registry maps filter names to specs. It is built at start-up and
// read-only afterwards.
type Registry map[string]Spec

// Register adds s under its name, replacing a spec of the same name.
func (r Registry) Register(s Spec) {
	r[s.Name()] = s
}
