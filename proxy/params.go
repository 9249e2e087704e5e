package proxy

import (
	"io"
	"net/http"
	"time"

	"github.com/opentracing/opentracing-go"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// Flags are the boolean options of the proxy, combined with |.
type Flags uint

// FlagsNone is the default: verify TLS, send the backend's host.
const FlagsNone Flags = 0

// The flags, with the values of the original.
const (
	// Insecure skips the verification of backend TLS certificates.
	Insecure Flags = 1 << iota
	// PreserveOriginal keeps copies of the incoming request and the
	// backend response for FilterContext.OriginalRequest and
	// OriginalResponse.
	PreserveOriginal
	// PreserveHost sends the incoming Host header to the backend instead
	// of the backend's host.
	PreserveHost
	// Debug is accepted for compatibility; it implies PreserveOriginal.
	Debug
	// HopHeadersRemoval drops the hop-by-hop headers (Te, Connection,
	// Proxy-Connection, Keep-Alive, Proxy-Authenticate,
	// Proxy-Authorization, Trailer, Transfer-Encoding, Upgrade) from the
	// backend request.
	HopHeadersRemoval
	// PatchPath keeps reserved characters that the client sent
	// percent-encoded (e.g. %2F) encoded in the path that routes and
	// filters see, so "/a%2Fb" does not match Path("/a/b"). The backend
	// gets the path as sent unless a filter changed it.
	PatchPath
)

// Insecure tells whether the Insecure flag is set.
func (f Flags) Insecure() bool { return f&Insecure != 0 }

// PreserveOriginal tells whether PreserveOriginal or Debug is set.
func (f Flags) PreserveOriginal() bool { return f&(PreserveOriginal|Debug) != 0 }

// PreserveHost tells whether the PreserveHost flag is set.
func (f Flags) PreserveHost() bool { return f&PreserveHost != 0 }

// Debug tells whether the Debug flag is set.
func (f Flags) Debug() bool { return f&Debug != 0 }

// HopHeadersRemoval tells whether the HopHeadersRemoval flag is set.
func (f Flags) HopHeadersRemoval() bool { return f&HopHeadersRemoval != 0 }

// PatchPath tells whether the PatchPath flag is set.
func (f Flags) PatchPath() bool { return f&PatchPath != 0 }

// Defaults used for zero values of Params.
const (
	// DefaultMaxLoops is the number of loopback hops allowed per request
	// when Params.MaxLoops is zero.
	DefaultMaxLoops = 9
	// DefaultIdleConnectionsPerHost is the number of idle backend
	// connections kept per host when Params.IdleConnectionsPerHost is
	// zero.
	DefaultIdleConnectionsPerHost = 64
	// DefaultCloseIdleConnsPeriod is the period of closing idle backend
	// connections when Params.CloseIdleConnsPeriod is zero.
	DefaultCloseIdleConnsPeriod = 20 * time.Second
)

// Params configure a Proxy. The zero value of each field is documented
// next to it; a zero Params gives a proxy without routes that answers 404.
type Params struct {
	// Routing holds the routes. Nil means no route matches any request.
	Routing *routing.Routing

	// Flags are the boolean options, e.g. PreserveHost|HopHeadersRemoval.
	Flags Flags

	// DefaultHTTPStatus is the status of requests that match no route.
	// Values outside 100..511, including zero, mean 404.
	DefaultHTTPStatus int

	// MaxLoops is the number of loopback hops one request may take. Zero
	// means DefaultMaxLoops (9), negative means that no loopback is
	// allowed. A request that goes over the limit gets 500.
	MaxLoops int

	// IdleConnectionsPerHost is the number of idle connections kept per
	// backend host. Zero means DefaultIdleConnectionsPerHost (64).
	IdleConnectionsPerHost int

	// MaxIdleConns is the number of idle backend connections kept in
	// total. Zero means no limit.
	MaxIdleConns int

	// CloseIdleConnsPeriod is how often idle backend connections are
	// closed, and how long a connection may stay idle. Zero means
	// DefaultCloseIdleConnsPeriod (20s), negative means never.
	CloseIdleConnsPeriod time.Duration

	// Timeout is the timeout of dialing a backend. Zero means none.
	Timeout time.Duration

	// KeepAlive is the TCP keep-alive period of backend connections. Zero
	// means Go's default (15s), negative disables keep-alive probes.
	KeepAlive time.Duration

	// ResponseHeaderTimeout limits the wait for a backend's response
	// headers after the request was written. Zero means none.
	ResponseHeaderTimeout time.Duration

	// TLSHandshakeTimeout limits the TLS handshake with a backend. Zero
	// means none.
	TLSHandshakeTimeout time.Duration

	// ExpectContinueTimeout limits the wait for a backend's 100 Continue
	// when the request has "Expect: 100-continue". Zero sends the body at
	// once.
	ExpectContinueTimeout time.Duration

	// DisableHTTPKeepalives makes every backend request use a new
	// connection.
	DisableHTTPKeepalives bool

	// FlushInterval is the flush interval of the copy of upgraded
	// connections (-backend-flush-interval). It is accepted for
	// compatibility and has no effect: upgraded connections are copied
	// without buffering, so every write is sent at once.
	FlushInterval time.Duration

	// ExperimentalUpgrade enables the proxying of protocol upgrades such
	// as WebSocket. Without it upgrade requests are proxied as plain HTTP.
	ExperimentalUpgrade bool

	// UpgradeAuditLog, when set, receives one JSON line per upgraded
	// connection once the backend switched protocols:
	// {"method":…,"path":…,"query":…,"fragment":…} of the client's request.
	// The bytes exchanged afterwards are not logged.
	UpgradeAuditLog io.Writer

	// UpgradeDialTimeout limits dialing the backend of an upgrade. The
	// zero value means 30 s; a negative value means no limit.
	UpgradeDialTimeout time.Duration

	// CustomHttpRoundTripperWrap, when set, wraps the backend transport.
	CustomHttpRoundTripperWrap func(http.RoundTripper) http.RoundTripper

	// Log receives the proxy's error logs. Nil means no logging.
	Log logging.Logger

	// AccessLog, when set, is called once per request after the response
	// was written.
	AccessLog AccessLogger

	// Metrics, when set, receives the custom metrics of filters
	// (FilterContext.Metrics). Nil drops them.
	Metrics filters.Metrics

	// OpenTracer is the tracer returned by FilterContext.Tracer. Nil means
	// a no-op tracer.
	OpenTracer opentracing.Tracer

	// GlobalRatelimit, when set, is checked once per incoming request
	// before the route lookup. Nil means no global rate limit.
	GlobalRatelimit GlobalRatelimit

	// RouteRatelimit, when set, is checked after the request filters of a
	// route with a backend to call. Nil means no route rate limit.
	RouteRatelimit RouteRatelimit

	// CircuitBreakers, when set, guard the backend calls. Nil means no
	// circuit breakers.
	CircuitBreakers CircuitBreakers
}

// AccessEntry describes one request for the access log. It is valid only
// during the call of AccessLogger.LogAccess.
type AccessEntry struct {
	// Request is the incoming request as the filters left it.
	Request *http.Request
	// StatusCode is the status written to the client.
	StatusCode int
	// ResponseSize is the number of body bytes written to the client.
	ResponseSize int64
	// Start is when the proxy started serving the request.
	Start time.Time
	// Duration is how long the request took, body included.
	Duration time.Duration
	// RouteID is the id of the matched route, "" when none matched.
	RouteID string
	// StateBag is the request's state bag; nil when no filter used it.
	StateBag map[string]interface{}
}

// AccessLogger receives an entry per served request.
type AccessLogger interface {
	// LogAccess records one request. It must not keep the entry.
	LogAccess(*AccessEntry)
}

// GlobalRatelimit limits all incoming requests.
type GlobalRatelimit interface {
	// Allow tells whether req may pass. When it may not, the proxy
	// answers 429 with "X-Rate-Limit: <limit>" (requests per hour) and
	// "Retry-After: <retryAfter>" (seconds).
	Allow(req *http.Request) (allowed bool, limit int, retryAfter int)
}

// RouteRatelimit limits the requests of a route.
type RouteRatelimit interface {
	// Allow tells whether the request of ctx may go to the backend of
	// route. When it may not, the proxy answers 429 with the headers of
	// GlobalRatelimit.Allow.
	Allow(ctx filters.FilterContext, route *routing.Route) (allowed bool, limit int, retryAfter int)
}

// CircuitBreakers find the breaker of a backend call.
type CircuitBreakers interface {
	// Get returns the breaker for the backend host of the request of
	// ctx, or nil when the call is not guarded.
	Get(host string, ctx filters.FilterContext) CircuitBreaker
}

// CircuitBreaker guards the calls to one backend.
type CircuitBreaker interface {
	// Allow tells whether a call may go out. When it may, done must be
	// called with the outcome of the call.
	Allow() (done func(success bool), ok bool)
}

func (p *Params) defaultStatus() int {
	if p.DefaultHTTPStatus < 100 || p.DefaultHTTPStatus > 511 {
		return http.StatusNotFound
	}
	return p.DefaultHTTPStatus
}

func (p *Params) maxLoops() int {
	switch {
	case p.MaxLoops == 0:
		return DefaultMaxLoops
	case p.MaxLoops < 0:
		return 0
	}
	return p.MaxLoops
}

func (p *Params) idleConnsPerHost() int {
	if p.IdleConnectionsPerHost <= 0 {
		return DefaultIdleConnectionsPerHost
	}
	return p.IdleConnectionsPerHost
}

func (p *Params) closeIdlePeriod() time.Duration {
	if p.CloseIdleConnsPeriod == 0 {
		return DefaultCloseIdleConnsPeriod
	}
	return p.CloseIdleConnsPeriod
}
