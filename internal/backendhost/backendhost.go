// Package backendhost holds the one rule for the Host header that the
// proxy sends to a backend, so that the proxy and the filters comparing
// or setting that Host (preserveHost, setDynamicBackendUrl) agree.
//
// The rule: the host is lower-cased, a trailing ":" (empty port) is
// dropped, and so is the default port of the scheme (80 for http and h2c,
// 443 for https). "https://Example.org:443" is sent as "example.org";
// "http://example.org:8080" as "example.org:8080".
package backendhost

import (
	"net/url"
	"strings"
)

// Normalize returns the Host header for the backend host (host or
// host:port) reached with scheme.
func Normalize(scheme, host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ":")
	var port string
	switch strings.ToLower(scheme) {
	case "http", "h2c":
		port = ":80"
	case "https":
		port = ":443"
	default:
		return host
	}
	if h, ok := strings.CutSuffix(host, port); ok && h != "" {
		return h
	}
	return host
}

// FromURL returns the Host header for the backend URL raw, "" when raw
// does not parse or has no host.
func FromURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return Normalize(u.Scheme, u.Host)
}
