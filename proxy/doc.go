// Package proxy is skipper's request pipeline: an http.Handler that looks
// up the route of each request, runs the route's filters, calls the
// route's backend and streams the response back.
//
// # Pipeline
//
// For each request, in order: the response writer is wrapped to record the
// status and the bytes written; the optional global rate limit is checked;
// the route is looked up in a table generation pinned for the whole
// request; the route's request filters run in order, stopping right after
// a filter that served a response; the backend is called (network URL,
// load-balanced endpoints, <dynamic>, <loopback> or <shunt>); the
// response filters of the filters that ran are called in reverse order;
// "Server: Skipper" is added when the response has no Server header; the
// headers are written and flushed and the body is streamed, with a flush
// after each write.
//
// # Errors
//
// Errors of the proxy itself (no route, loop limit, backend failures,
// panics) are answered with a plain-text body holding the status text and
// a newline. Only filters with a method HandleErrorResponse() bool that
// returns true see such responses in their Response method; the other
// filters do not run for them. A panic in a filter is recovered for that
// request, logged with the route id and answered with 500.
//
// When a backend breaks off a response after the proxy has sent the
// headers, the proxy aborts the client connection (or HTTP/2 stream)
// instead of ending the response cleanly, so that the client sees the
// truncation.
//
// # Backends
//
// Network backends are called with HTTP/1.1, also over TLS; "h2c://"
// backends with HTTP/2 over cleartext (prior knowledge). A <shunt> route
// answers 404 with an empty body unless a filter served. A <loopback>
// route routes the changed request again, at most MaxLoops times per
// request (500 beyond). A <dynamic> route goes to the scheme and host of
// the state bag key "backend:dynamic:url", else to "backend:dynamic:host"
// and "backend:dynamic:scheme", else to the incoming Host and scheme.
// Load-balanced routes pick their endpoints round-robin and retry once on
// the next endpoint when connecting failed and the request has no body.
//
// # Malformed requests
//
// Go's HTTP/1 server answers malformed requests (bad request line or
// header, oversized headers, conflicting lengths, unsupported transfer
// encodings) itself, before the proxy runs. The proxy answers 400 when a
// chunked request body turns out malformed while it is sent to the
// backend, and 505, closing the connection, to the "PRI * HTTP/2.0"
// request of an HTTP/2 connection preface, which Go's server hands to the
// handler when it does not serve h2c itself: such a request is never
// routed.
//
// # Shadow traffic
//
// FilterContext.Split returns a copy of the request's context with its own
// state bag; its Loopback, usually called in a goroutine, routes the copy
// and drops the response. The copy's body is fed in lock-step from what
// the main request reads of its body, until the copy's Loopback ends.
//
// # Hooks
//
// GlobalRatelimit, RouteRatelimit and CircuitBreakers in Params are small
// interfaces that are off when nil; the rate limit and circuit breaker
// packages implement them.
//
// # Host header
//
// The outgoing Host starts as the incoming Host. After the lookup it
// becomes the backend's host (lower-cased, with the default port of its
// scheme removed, e.g. "example.org" for "https://Example.org:443"),
// unless the PreserveHost flag is set; for load-balanced and dynamic
// backends it becomes empty, which means the chosen target's host,
// written by the same rule. Filters change it with
// FilterContext.SetOutgoingHost. The preserveHost and setDynamicBackendUrl
// filters compare and set backend hosts by this rule too (package
// internal/backendhost holds it).
package proxy
