// Package skipper runs an HTTP router and reverse proxy: it reads routes
// from data clients, builds the routing table and serves requests through
// the proxy. Options says what to run; the skipper binary fills it from its
// flags and config file (see package config).
package skipper

import (
	"net/http"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/routing"
)

// Options configure a skipper instance. Every field has a usable zero value,
// documented next to it; the command line defaults of the skipper binary
// differ from some zero values and are given as "CLI: …".
type Options struct {
	// Address is the network address of the proxy listener. The zero
	// value means ":http", or ":https" when TLS is configured.
	// CLI: -address, ":9090".
	Address string

	// InsecureAddress, when set and TLS is configured, is the address of
	// an additional plain HTTP listener. The zero value means none.
	// CLI: -insecure-address.
	InsecureAddress string

	// SupportListener is the address of the support listener (/routes,
	// /debug/pprof). The zero value disables it. CLI: -support-listener,
	// ":9911".
	SupportListener string

	// RoutesFile is a comma-separated list of eskip files read once at
	// start-up. The zero value means none. See RoutesFiles.
	RoutesFile string

	// WatchRoutesFile is a comma-separated list of eskip files re-read on
	// every poll, so edits take effect without a restart. The zero value
	// means none. See WatchRoutesFiles. CLI: -routes-file.
	WatchRoutesFile string

	// InlineRoutes is an eskip document of static routes. The zero value
	// means none. CLI: -inline-routes.
	InlineRoutes string

	// SourcePollTimeout is the interval between two polls of the data
	// clients. The zero value means 30ms. CLI: -source-poll-timeout, in
	// milliseconds, 3000.
	SourcePollTimeout time.Duration

	// WaitFirstRouteLoad delays the start of the proxy listener until
	// every data client has loaded its routes once. The zero value starts
	// listening at once. CLI: -wait-first-route-load.
	WaitFirstRouteLoad bool

	// DefaultHTTPStatus is the status of requests that match no route.
	// Values outside 100..511, including zero, mean 404.
	// CLI: -default-http-status, 404.
	DefaultHTTPStatus int

	// MaxLoopbacks is the number of loopback hops one request may take.
	// Zero means 9; a negative value allows no loopback. A request over
	// the limit gets 500. CLI: -max-loopbacks, 9.
	MaxLoopbacks int

	// PreserveHost sends the incoming Host header to backends instead of
	// the backend's host. The original's ProxyFlags bit PreserveHost.
	// The zero value sends the backend's host. CLI: -proxy-preserve-host.
	PreserveHost bool

	// RemoveHopHeaders drops the hop-by-hop headers from backend
	// requests. The original's ProxyFlags bit HopHeadersRemoval. The zero
	// value keeps them. CLI: -remove-hop-headers.
	RemoveHopHeaders bool

	// Insecure skips the verification of backend TLS certificates. The
	// original's ProxyFlags bit Insecure. The zero value verifies them.
	// CLI: -insecure.
	Insecure bool

	// IgnoreTrailingSlash makes route lookup ignore a trailing slash of
	// the request path. The zero value matches the path as it is.
	// CLI: -ignore-trailing-slash.
	IgnoreTrailingSlash bool

	// ForwardedHeaders are the X-Forwarded-* headers set on incoming
	// requests before routing. The zero value sets none.
	// CLI: -forwarded-headers.
	ForwardedHeaders ForwardedHeaders

	// ForwardBackendURL is the target of routes with the <forward>
	// backend. The zero value leaves such routes without a target.
	// CLI: -forward-backend-url.
	ForwardBackendURL string

	// AccessLogOutput is the file the access log is appended to. The zero
	// value means stderr. CLI: -access-log.
	AccessLogOutput string

	// AccessLogDisabled turns the access log off. The zero value logs
	// every request. CLI: -access-log-disabled.
	AccessLogDisabled bool

	// AccessLogJSONEnabled writes the access log as JSON lines. The zero
	// value writes the text format. CLI: -access-log-json-enabled.
	AccessLogJSONEnabled bool

	// AccessLogStripQuery drops the query from the request URI in the
	// access log. The zero value keeps it. CLI: -access-log-strip-query.
	AccessLogStripQuery bool

	// ApplicationLogOutput is the file the application log is appended
	// to. The zero value means stderr. CLI: -application-log.
	ApplicationLogOutput string

	// ApplicationLogLevel is the lowest level of the application log. The
	// zero value is logrus.PanicLevel, which logs almost nothing, as in the
	// original; set logrus.InfoLevel for the usual output.
	// CLI: -application-log-level, INFO.
	ApplicationLogLevel logrus.Level

	// ApplicationLogPrefix starts every text line of the application log.
	// The zero value means no prefix. CLI: -application-log-prefix, "[APP]".
	ApplicationLogPrefix string

	// ApplicationLogJSONEnabled writes the application log as JSON lines.
	// The zero value writes text. CLI: -application-log-json-enabled.
	ApplicationLogJSONEnabled bool

	// EnableProfile serves /debug/pprof on the support listener. The zero
	// value does not. CLI: -enable-profile.
	EnableProfile bool

	// CertPathTLS is a comma-separated list of certificate files; with
	// KeyPathTLS it turns on TLS (and HTTP/2) on Address. The zero value
	// means plain HTTP. CLI: -tls-cert.
	CertPathTLS string

	// KeyPathTLS is a comma-separated list of key files, in the order of
	// CertPathTLS. CLI: -tls-key.
	KeyPathTLS string

	// ReadTimeoutServer limits the reading of a whole request, body
	// included. The zero value means no limit. CLI: -read-timeout-server,
	// 5m.
	ReadTimeoutServer time.Duration

	// ReadHeaderTimeoutServer limits the reading of request headers. The
	// zero value means ReadTimeoutServer. CLI: -read-header-timeout-server,
	// 60s.
	ReadHeaderTimeoutServer time.Duration

	// WriteTimeoutServer limits the writing of a response. The zero value
	// means no limit. CLI: -write-timeout-server, 60s.
	WriteTimeoutServer time.Duration

	// IdleTimeoutServer limits the wait for the next request on a
	// keep-alive connection. The zero value means ReadTimeoutServer.
	// CLI: -idle-timeout-server, 60s.
	IdleTimeoutServer time.Duration

	// MaxHeaderBytes limits the size of request headers. The zero value
	// means net/http's default (1 MiB). CLI: -max-header-bytes, 1048576.
	MaxHeaderBytes int

	// TimeoutBackend limits dialing a backend. The zero value means no
	// limit. CLI: -timeout-backend, 60s.
	TimeoutBackend time.Duration

	// KeepAliveBackend is the TCP keep-alive period of backend
	// connections. The zero value means Go's default (15s).
	// CLI: -keepalive-backend, 30s.
	KeepAliveBackend time.Duration

	// ResponseHeaderTimeoutBackend limits the wait for a backend's
	// response headers. The zero value means no limit.
	// CLI: -response-header-timeout-backend, 60s.
	ResponseHeaderTimeoutBackend time.Duration

	// TLSHandshakeTimeoutBackend limits the TLS handshake with a backend.
	// The zero value means no limit. CLI: -tls-timeout-backend, 60s.
	TLSHandshakeTimeoutBackend time.Duration

	// ExpectContinueTimeoutBackend limits the wait for a backend's 100
	// Continue. The zero value sends the body at once.
	// CLI: -expect-continue-timeout-backend, 30s.
	ExpectContinueTimeoutBackend time.Duration

	// IdleConnectionsPerHost is the number of idle connections kept per
	// backend host. The zero value means 64. CLI: -idle-conns-num, 64.
	IdleConnectionsPerHost int

	// CloseIdleConnsPeriod is how often idle backend connections are
	// closed, and how long one may stay idle. The zero value means 20s, a
	// negative value never. CLI: -close-idle-conns-period, 20s.
	CloseIdleConnsPeriod time.Duration

	// MaxIdleConnsBackend limits the idle backend connections in total.
	// The zero value means no limit. CLI: -max-idle-connection-backend, 0.
	MaxIdleConnsBackend int

	// DisableHTTPKeepalives opens a new backend connection for every
	// request. The zero value reuses connections.
	// CLI: -disable-http-keepalives.
	DisableHTTPKeepalives bool

	// BackendFlushInterval is the flush interval of streamed and upgraded
	// responses. The zero value means 20ms. CLI: -backend-flush-interval,
	// 20ms.
	BackendFlushInterval time.Duration

	// ExperimentalUpgrade proxies protocol upgrades such as WebSocket. The
	// zero value proxies upgrade requests as plain HTTP.
	// CLI: -experimental-upgrade.
	ExperimentalUpgrade bool

	// ExperimentalUpgradeAudit writes a JSON line to stdout for each
	// upgraded connection: {"method","path","query","fragment"} of the
	// request sent to the backend. The bytes exchanged are not logged.
	// CLI: -experimental-upgrade-audit.
	ExperimentalUpgradeAudit bool

	// UpgradeDialTimeout limits dialing the backend of an upgrade. The zero
	// value means 30 s; a negative value means no limit.
	// CLI: -upgrade-dial-timeout, 30s.
	UpgradeDialTimeout time.Duration

	// EnableH2cServer accepts HTTP/2 without TLS (h2c) on Address. The
	// zero value refuses it. CLI: -enable-h2c-server.
	EnableH2cServer bool

	// WaitForHealthcheckInterval is the time between SIGTERM (or SIGINT)
	// and the start of the graceful shutdown; Shutdown() routes match
	// during it. The zero value shuts down at once.
	// CLI: -wait-for-healthcheck-interval, 45s.
	WaitForHealthcheckInterval time.Duration

	// DevMode is the original's development mode, in which route updates
	// are applied unbuffered, so they show faster. Here the routing always
	// applies updates as they come, so DevMode only logs a note at
	// start-up; it is kept so that configurations of the original work
	// unchanged. CLI: -dev-mode.
	DevMode bool

	// SuppressRouteUpdateLogs logs only the counts of route updates. The
	// zero value logs every updated and deleted route.
	// CLI: -suppress-route-update-logs.
	SuppressRouteUpdateLogs bool

	// DefaultFilters are put before and after the filters of every route.
	// Nil adds none. CLI: -default-filters-prepend, -default-filters-append.
	DefaultFilters *eskip.DefaultFilters

	// DisabledFilters are names of built-in filters left out of the
	// registry. The zero value keeps all. CLI: -disabled-filters.
	DisabledFilters []string

	// EditRoute rewrite every route in place, in order, after the clones
	// were added. Nil edits nothing. CLI: -edit-route.
	EditRoute []*eskip.Editor

	// CloneRoute add edited copies of every route, in order, after the
	// default filters were added. Nil clones nothing. CLI: -clone-route.
	CloneRoute []*eskip.Clone

	// CustomFilters are added to the built-in filters; a spec with the
	// name of a built-in one replaces it. Nil adds none.
	CustomFilters []filters.Spec

	// CustomPredicates are added to the built-in predicates. Nil adds
	// none.
	CustomPredicates []routing.PredicateSpec

	// CustomDataClients are route sources polled with the ones the other
	// options configure. Nil adds none.
	CustomDataClients []routing.DataClient

	// CustomRoutingPreProcessors run on every route update after the
	// built-in pre-processors (default filters, clones, edits) and before
	// the <forward> rewrite. Nil adds none.
	CustomRoutingPreProcessors []routing.PreProcessor

	// CustomHttpHandlerWrap, when set, wraps the handler of the proxy
	// listener. Nil serves the proxy as it is.
	CustomHttpHandlerWrap func(http.Handler) http.Handler

	// CustomHttpRoundTripperWrap, when set, wraps the transport of backend
	// requests. Nil uses the proxy's transport as it is.
	CustomHttpRoundTripperWrap func(http.RoundTripper) http.RoundTripper
}

// ForwardedHeaders say which X-Forwarded-* headers are set on incoming
// requests before routing. The zero value sets none.
type ForwardedHeaders struct {
	// For appends the client's IP to X-Forwarded-For, or sets it.
	For bool
	// Host sets X-Forwarded-Host to the request's Host.
	Host bool
	// Method sets X-Forwarded-Method to the request's method.
	Method bool
	// URI sets X-Forwarded-Uri to the request URI.
	URI bool
	// Port, when not empty, sets X-Forwarded-Port: "auto" means the port
	// of the listener, anything else is used as it is.
	Port string
	// Proto, when not empty, sets X-Forwarded-Proto: "http", "https", or
	// "auto" for https on TLS connections and http otherwise.
	Proto string
}

// Enabled tells whether any header is set.
func (h ForwardedHeaders) Enabled() bool {
	return h != ForwardedHeaders{}
}

// RoutesFiles returns the paths of RoutesFile, without empty entries.
func (o *Options) RoutesFiles() []string {
	return splitCommaList(o.RoutesFile)
}

// WatchRoutesFiles returns the paths of WatchRoutesFile, without empty
// entries.
func (o *Options) WatchRoutesFiles() []string {
	return splitCommaList(o.WatchRoutesFile)
}

// splitCommaList splits s at commas and drops surrounding spaces and empty
// entries; it returns nil when nothing is left.
func splitCommaList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
