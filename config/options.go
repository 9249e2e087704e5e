package config

// table declares every option once: name (flag and YAML key), default,
// help, and the field of c it fills. The names and defaults are those of
// the original skipper.
func (c *Config) table() []*option {
	return []*option{
		{name: "config-file", help: "YAML file with the options; its keys are the flag names without the dash, and the command line wins over it", v: stringValue{&c.ConfigFile}, noYAML: true},
		{name: "version", help: "print the version and exit", v: boolValue{&c.Version}},

		// listeners and route sources
		{name: "address", def: ":9090", help: "network address of the proxy listener", v: stringValue{&c.Address}},
		{name: "insecure-address", help: "network address of an additional plain HTTP listener when TLS is on", v: stringValue{&c.InsecureAddress}},
		{name: "support-listener", def: ":9911", help: "network address of the support endpoints (/routes, /debug/pprof); empty disables them", v: stringValue{&c.SupportListener}},
		{name: "routes-file", help: "comma-separated eskip files, re-read on every poll", v: listValue{p: &c.RoutesFile}},
		{name: "inline-routes", help: "routes in eskip syntax", v: stringValue{&c.InlineRoutes}},
		{name: "source-poll-timeout", def: "3000", help: "interval between polls of the route sources, in milliseconds", v: intValue{&c.SourcePollTimeout}},
		{name: "wait-first-route-load", help: "start the proxy listener only after every route source loaded once", v: boolValue{&c.WaitFirstRouteLoad}},

		// routing and proxy behaviour
		{name: "default-http-status", def: "404", help: "status of requests that match no route", v: intValue{&c.DefaultHTTPStatus}},
		{name: "max-loopbacks", def: "9", help: "loopback hops allowed per request; a negative value allows none", v: intValue{&c.MaxLoopbacks}},
		{name: "proxy-preserve-host", help: "send the incoming Host header to backends", v: boolValue{&c.ProxyPreserveHost}},
		{name: "ignore-trailing-slash", help: "ignore a trailing slash of the path when matching routes", v: boolValue{&c.IgnoreTrailingSlash}},
		{name: "remove-hop-headers", help: "drop the hop-by-hop headers from backend requests", v: boolValue{&c.RemoveHopHeaders}},
		{name: "forwarded-headers", help: "comma-separated X-Forwarded-* headers to set before routing: X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Method, X-Forwarded-Uri, X-Forwarded-Port=<port|auto>, X-Forwarded-Proto=<http|https|auto>", v: listValue{p: &c.ForwardedHeaders, check: checkForwardedHeader}},
		{name: "forward-backend-url", help: "target URL of <forward> backends", v: stringValue{&c.ForwardBackendURL}},
		{name: "insecure", help: "skip the verification of backend TLS certificates", v: boolValue{&c.Insecure}},
		{name: "experimental-upgrade", help: "proxy protocol upgrades such as WebSocket", v: boolValue{&c.ExperimentalUpgrade}},
		{name: "experimental-upgrade-audit", help: "write a JSON line to stdout for each upgraded connection: method, path, query, fragment", v: boolValue{&c.ExperimentalUpgradeAudit}},
		{name: "upgrade-dial-timeout", def: "30s", help: "limit for dialing the backend of an upgrade; a negative value means none", v: durationValue{&c.UpgradeDialTimeout}},
		{name: "enable-h2c-server", help: "accept HTTP/2 without TLS (h2c)", v: boolValue{&c.EnableH2cServer}},

		// logging and profiling
		{name: "access-log", help: "file the access log is appended to; empty means stderr", v: stringValue{&c.AccessLog}},
		{name: "access-log-disabled", help: "turn the access log off", v: boolValue{&c.AccessLogDisabled}},
		{name: "access-log-json-enabled", help: "write the access log as JSON lines", v: boolValue{&c.AccessLogJSONEnabled}},
		{name: "access-log-strip-query", help: "drop the query from the URI in the access log", v: boolValue{&c.AccessLogStripQuery}},
		{name: "application-log", help: "file the application log is appended to; empty means stderr", v: stringValue{&c.ApplicationLog}},
		{name: "application-log-level", def: "INFO", help: "lowest level of the application log: " + levelNames, v: levelValue{&c.ApplicationLogLevel}},
		{name: "application-log-prefix", def: "[APP]", help: "prefix of every application log line", v: stringValue{&c.ApplicationLogPrefix}},
		{name: "application-log-json-enabled", help: "write the application log as JSON lines", v: boolValue{&c.ApplicationLogJSONEnabled}},
		{name: "enable-profile", help: "serve /debug/pprof on the support listener", v: boolValue{&c.EnableProfile}},
		{name: "dev-mode", help: "development mode of the original (unbuffered route updates); route updates are always applied as they come here, so it only logs a note", v: boolValue{&c.DevMode}},
		{name: "suppress-route-update-logs", help: "log only the counts of route updates", v: boolValue{&c.SuppressRouteUpdateLogs}},

		// TLS and server timeouts
		{name: "tls-cert", help: "comma-separated certificate files; with -tls-key turns TLS on", v: stringValue{&c.CertPathTLS}},
		{name: "tls-key", help: "comma-separated key files, in the order of -tls-cert", v: stringValue{&c.KeyPathTLS}},
		{name: "read-timeout-server", def: "5m", help: "limit for reading a whole request", v: durationValue{&c.ReadTimeoutServer}},
		{name: "read-header-timeout-server", def: "60s", help: "limit for reading request headers", v: durationValue{&c.ReadHeaderTimeoutServer}},
		{name: "write-timeout-server", def: "60s", help: "limit for writing a response", v: durationValue{&c.WriteTimeoutServer}},
		{name: "idle-timeout-server", def: "60s", help: "limit for waiting for the next request on a keep-alive connection", v: durationValue{&c.IdleTimeoutServer}},
		{name: "max-header-bytes", def: "1048576", help: "largest size of request headers", v: intValue{&c.MaxHeaderBytes}},

		// backend connections
		{name: "timeout-backend", def: "60s", help: "limit for dialing a backend", v: durationValue{&c.TimeoutBackend}},
		{name: "keepalive-backend", def: "30s", help: "TCP keep-alive period of backend connections", v: durationValue{&c.KeepaliveBackend}},
		{name: "response-header-timeout-backend", def: "60s", help: "limit for waiting for a backend's response headers", v: durationValue{&c.ResponseHeaderTimeoutBackend}},
		{name: "tls-timeout-backend", def: "60s", help: "limit for the TLS handshake with a backend", v: durationValue{&c.TLSHandshakeTimeoutBackend}},
		{name: "expect-continue-timeout-backend", def: "30s", help: "limit for waiting for a backend's 100 Continue", v: durationValue{&c.ExpectContinueTimeoutBackend}},
		{name: "idle-conns-num", def: "64", help: "idle backend connections kept per host", v: intValue{&c.IdleConnsPerHost}},
		{name: "close-idle-conns-period", def: "20s", help: "how often idle backend connections are closed; 0 means never", v: durationValue{&c.CloseIdleConnsPeriod}},
		{name: "max-idle-connection-backend", def: "0", help: "idle backend connections kept in total; 0 means no limit", v: intValue{&c.MaxIdleConnsBackend}},
		{name: "disable-http-keepalives", help: "open a new backend connection for every request", v: boolValue{&c.DisableHTTPKeepalives}},
		{name: "backend-flush-interval", def: "20ms", help: "flush interval of streamed and upgraded responses", v: durationValue{&c.BackendFlushInterval}},
		{name: "wait-for-healthcheck-interval", def: "45s", help: "wait between SIGTERM and the graceful shutdown", v: durationValue{&c.WaitForHealthcheckInterval}},

		// route pre-processing
		{name: "default-filters-prepend", help: "filters in eskip syntax put before the filters of every route", v: filtersValue{&c.DefaultFiltersPrepend}},
		{name: "default-filters-append", help: "filters in eskip syntax put after the filters of every route", v: filtersValue{&c.DefaultFiltersAppend}},
		{name: "disabled-filters", help: "comma-separated names of built-in filters to leave out", v: listValue{p: &c.DisabledFilters}},
		{name: "edit-route", help: "rewrite routes with <sep>regexp<sep>replacement<sep>, e.g. /Source[(](.*)[)]/ClientIP($1)/; repeatable", v: rewriteValue{&c.EditRoute}},
		{name: "clone-route", help: "add rewritten copies of routes as clone_<id>, same syntax as -edit-route; repeatable", v: rewriteValue{&c.CloneRoute}},
	}
}
