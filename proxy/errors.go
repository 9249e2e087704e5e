package proxy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// proxyError is an error of the proxy itself, answered with code.
type proxyError struct {
	code int
	err  error
	// dial tells that the error happened while connecting, before any
	// byte of the request was sent.
	dial bool
	// header holds extra response headers, e.g. X-Circuit-Open.
	header http.Header
}

func (e *proxyError) Error() string {
	if e.err == nil {
		return http.StatusText(e.code)
	}
	return e.err.Error()
}

func (e *proxyError) Unwrap() error { return e.err }

// StatusClientClosedRequest is the status recorded when the client went
// away before the response was written.
const StatusClientClosedRequest = 499

var (
	errNoRoute           = errors.New("no route found")
	errMaxLoops          = errors.New("max loopbacks reached")
	errCircuitOpen       = errors.New("circuit breaker open")
	errRatelimited       = errors.New("rate limited")
	errNoEndpoints       = errors.New("no endpoints for the load-balanced backend")
	errUnsupportedScheme = errors.New("unsupported backend scheme")
	errForwardBackend    = errors.New("the <forward> backend needs a forward backend URL")
	errPanic             = errors.New("panic in the request pipeline")
)

// errRequestBody marks an error from reading the client's request body.
type errRequestBody struct{ err error }

func (e *errRequestBody) Error() string { return "reading the request body: " + e.err.Error() }
func (e *errRequestBody) Unwrap() error { return e.err }

// classify maps a backend round-trip error to a proxy error with the status
// of §2.6. clientCtx is the incoming request's context; bodyErr is the
// error met reading the client's body, if any.
func classify(err error, clientCtx context.Context, bodyErr error) *proxyError {
	pe := &proxyError{err: err}
	var opErr *net.OpError
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case clientCtx.Err() != nil:
		pe.code = StatusClientClosedRequest
	case bodyErr != nil:
		pe.code = http.StatusBadRequest
		pe.err = &errRequestBody{err: bodyErr}
	case errors.As(err, &opErr) && opErr.Op == "dial", errors.As(err, &dnsErr):
		pe.code = http.StatusBadGateway
		pe.dial = true
	case errors.Is(err, context.DeadlineExceeded):
		pe.code = http.StatusGatewayTimeout
	case errors.As(err, &netErr) && netErr.Timeout():
		pe.code = http.StatusGatewayTimeout
	case errors.As(err, &netErr):
		pe.code = http.StatusServiceUnavailable
	default:
		pe.code = http.StatusInternalServerError
	}
	return pe
}

// errorResponse returns the response of a proxy error: the status text and
// a newline as plain text.
func errorResponse(req *http.Request, e *proxyError) *http.Response {
	body := http.StatusText(e.code)
	if body == "" {
		body = strconv.Itoa(e.code)
	}
	body += "\n"
	h := make(http.Header, 5+len(e.header))
	h["Content-Type"] = []string{"text/plain; charset=utf-8"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	for k, v := range e.header {
		h[k] = append([]string(nil), v...)
	}
	if e.code == StatusClientClosedRequest {
		h["Connection"] = []string{"close"}
	}
	return &http.Response{
		StatusCode:    e.code,
		Header:        h,
		Body:          io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}
}

// ratelimitError returns the 429 error of a rate limit.
func ratelimitError(limit, retryAfter int) *proxyError {
	return &proxyError{
		code: http.StatusTooManyRequests,
		err:  errRatelimited,
		header: http.Header{
			"X-Rate-Limit": {strconv.Itoa(limit)},
			"Retry-After":  {strconv.Itoa(retryAfter)},
		},
	}
}
