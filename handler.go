package skipper

import (
	"net"
	"net/http"
)

// handler returns the handler of the proxy listener: the proxy behind the
// forwarded headers, wrapped by CustomHttpHandlerWrap. (The proxy itself
// refuses HTTP/2 prefaces, which net/http hands to handlers when h2c is
// off.)
func (o *Options) handler(px http.Handler) http.Handler {
	h := px
	if o.ForwardedHeaders.Enabled() {
		h = &forwardedHandler{headers: o.ForwardedHeaders, next: h}
	}
	if o.CustomHttpHandlerWrap != nil {
		h = o.CustomHttpHandlerWrap(h)
	}
	return h
}

// forwardedHandler sets the X-Forwarded-* headers before the proxy sees
// the request.
type forwardedHandler struct {
	headers ForwardedHeaders
	next    http.Handler
}

// ServeHTTP sets the configured headers and passes the request on.
func (f *forwardedHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := f.headers
	if h.For {
		ip := r.RemoteAddr
		if host, _, err := net.SplitHostPort(ip); err == nil {
			ip = host
		}
		if prior := r.Header.Get("X-Forwarded-For"); prior != "" {
			ip = prior + ", " + ip
		}
		r.Header.Set("X-Forwarded-For", ip)
	}
	if h.Host {
		r.Header.Set("X-Forwarded-Host", r.Host)
	}
	if h.Method {
		r.Header.Set("X-Forwarded-Method", r.Method)
	}
	if h.URI {
		r.Header.Set("X-Forwarded-Uri", r.RequestURI)
	}
	if h.Port != "" {
		port := h.Port
		if port == "auto" {
			port = ""
			if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
				_, port, _ = net.SplitHostPort(a.String())
			}
		}
		if port != "" {
			r.Header.Set("X-Forwarded-Port", port)
		}
	}
	if h.Proto != "" {
		proto := h.Proto
		if proto == "auto" {
			proto = "http"
			if r.TLS != nil {
				proto = "https"
			}
		}
		r.Header.Set("X-Forwarded-Proto", proto)
	}
	f.next.ServeHTTP(w, r)
}
