package proxy

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// ForwardedHeaders are the X-Forwarded-* headers set on incoming requests
// before routing (the -forwarded-headers option). The zero value sets
// nothing.
type ForwardedHeaders struct {
	// For appends the client's IP to X-Forwarded-For, or sets it.
	For bool
	// Host sets X-Forwarded-Host to the request's Host.
	Host bool
	// Method sets X-Forwarded-Method to the request's method.
	Method bool
	// Uri sets X-Forwarded-Uri to the request URI as received.
	Uri bool
	// Port sets X-Forwarded-Port to this value; "auto" means the port of
	// the listener that received the request. Empty sets nothing.
	Port string
	// Proto sets X-Forwarded-Proto to "http" or "https"; "auto" means
	// "https" for TLS connections and "http" otherwise. Empty sets
	// nothing.
	Proto string
}

// ParseForwardedHeaders parses the items of the -forwarded-headers option:
// X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Method, X-Forwarded-Uri,
// X-Forwarded-Port=<port|auto> and X-Forwarded-Proto=<http|https|auto>,
// with names in any case.
func ParseForwardedHeaders(items []string) (ForwardedHeaders, error) {
	var f ForwardedHeaders
	for _, item := range items {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, value, hasValue := strings.Cut(item, "=")
		switch strings.ToLower(name) {
		case "x-forwarded-for":
			f.For = true
		case "x-forwarded-host":
			f.Host = true
		case "x-forwarded-method":
			f.Method = true
		case "x-forwarded-uri":
			f.Uri = true
		case "x-forwarded-port":
			if value != "auto" {
				if p, err := strconv.Atoi(value); err != nil || p < 1 || p > 65535 {
					return ForwardedHeaders{}, fmt.Errorf("invalid forwarded header %q: want X-Forwarded-Port=<port|auto>", item)
				}
			}
			f.Port = value
		case "x-forwarded-proto":
			if value != "http" && value != "https" && value != "auto" {
				return ForwardedHeaders{}, fmt.Errorf("invalid forwarded header %q: want X-Forwarded-Proto=<http|https|auto>", item)
			}
			f.Proto = value
		default:
			return ForwardedHeaders{}, fmt.Errorf("invalid forwarded header %q: want one of X-Forwarded-For, X-Forwarded-Host, X-Forwarded-Method, X-Forwarded-Uri, X-Forwarded-Port=<port|auto>, X-Forwarded-Proto=<http|https|auto>", item)
		}
		if hasValue && name != "" && !strings.EqualFold(name, "x-forwarded-port") && !strings.EqualFold(name, "x-forwarded-proto") {
			return ForwardedHeaders{}, fmt.Errorf("invalid forwarded header %q: %s takes no value", item, name)
		}
	}
	return f, nil
}

// Set sets the configured headers on r.
func (f ForwardedHeaders) Set(r *http.Request) {
	if f.For {
		if ip := remoteIP(r.RemoteAddr); ip != "" {
			if prior := r.Header.Get("X-Forwarded-For"); prior != "" {
				r.Header.Set("X-Forwarded-For", prior+", "+ip)
			} else {
				r.Header.Set("X-Forwarded-For", ip)
			}
		}
	}
	if f.Host {
		r.Header.Set("X-Forwarded-Host", r.Host)
	}
	if f.Method {
		r.Header.Set("X-Forwarded-Method", r.Method)
	}
	if f.Uri {
		r.Header.Set("X-Forwarded-Uri", r.RequestURI)
	}
	switch f.Port {
	case "":
	case "auto":
		if a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
			if _, port, err := net.SplitHostPort(a.String()); err == nil {
				r.Header.Set("X-Forwarded-Port", port)
			}
		}
	default:
		r.Header.Set("X-Forwarded-Port", f.Port)
	}
	switch f.Proto {
	case "":
	case "auto":
		if r.TLS != nil {
			r.Header.Set("X-Forwarded-Proto", "https")
		} else {
			r.Header.Set("X-Forwarded-Proto", "http")
		}
	default:
		r.Header.Set("X-Forwarded-Proto", f.Proto)
	}
}

// remoteIP returns the IP of a remote address "ip:port", or "".
func remoteIP(addr string) string {
	if ap, err := netip.ParseAddrPort(addr); err == nil {
		return ap.Addr().Unmap().String()
	}
	if a, err := netip.ParseAddr(addr); err == nil {
		return a.Unmap().String()
	}
	return ""
}

// ForwardedHeadersHandler sets the forwarded headers on each request
// before passing it to Handler, except for clients whose IP is in one of
// the Exclude prefixes (-forwarded-headers-exclude-cidrs).
type ForwardedHeadersHandler struct {
	// Headers are the headers to set.
	Headers ForwardedHeaders
	// Exclude are the client networks whose requests are left alone.
	Exclude []netip.Prefix
	// Handler serves the requests, usually the Proxy.
	Handler http.Handler
}

// ServeHTTP sets the headers and calls the wrapped handler.
func (h *ForwardedHeadersHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.excluded(r.RemoteAddr) {
		h.Headers.Set(r)
	}
	h.Handler.ServeHTTP(w, r)
}

func (h *ForwardedHeadersHandler) excluded(remote string) bool {
	if len(h.Exclude) == 0 {
		return false
	}
	ip, err := netip.ParseAddr(remoteIP(remote))
	if err != nil {
		return false
	}
	for _, p := range h.Exclude {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
