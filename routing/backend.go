package routing

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// splitBackend splits a backend URL into its lower-cased scheme and host,
// adding the scheme's default port (http and h2c 80, https 443) when the
// URL has none.
func splitBackend(addr string) (string, string, error) {
	if scheme, host, ok := splitSimple(addr); ok {
		scheme = strings.ToLower(scheme)
		return scheme, withDefaultPort(scheme, strings.ToLower(host), strings.IndexByte(host, ':') >= 0), nil
	}
	u, err := url.ParseRequestURI(addr)
	if err != nil {
		return "", "", fmt.Errorf("failed to parse backend address %q: %w; write it as scheme://host[:port]", addr, err)
	}
	if u.Scheme == "" {
		return "", "", fmt.Errorf("failed to parse backend address %q: %w; write it as scheme://host[:port]", addr, errMissingScheme)
	}
	if u.Host == "" {
		return "", "", fmt.Errorf("failed to parse backend address %q: %w; write it as scheme://host[:port]", addr, errMissingHost)
	}
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(strings.TrimSuffix(u.Host, ":"))
	return scheme, withDefaultPort(scheme, host, u.Port() != ""), nil
}

// withDefaultPort adds the default port of the scheme to a host without
// one.
func withDefaultPort(scheme, host string, hasPort bool) string {
	if hasPort {
		return host
	}
	switch scheme {
	case "http", "h2c":
		return host + ":80"
	case "https":
		return host + ":443"
	}
	return host
}

// splitSimple splits the common form scheme://host[:port][/path] where
// the host is a name or an IPv4 address and the path has only unreserved
// characters, without the allocations of url.ParseRequestURI, which would
// give the same result. It returns the host with its port, if any; ok is
// false for any other form.
func splitSimple(addr string) (scheme, host string, ok bool) {
	i := strings.Index(addr, "://")
	if i <= 0 || !isAlpha(addr[0]) {
		return "", "", false
	}
	for j := 1; j < i; j++ {
		if c := addr[j]; !isAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.' {
			return "", "", false
		}
	}
	rest := addr[i+3:]
	end := len(rest)
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		end = j
		for _, c := range []byte(rest[j:]) {
			if !isAlpha(c) && !isDigit(c) && c != '/' && c != '-' && c != '.' && c != '_' && c != '~' {
				return "", "", false
			}
		}
	}
	host = rest[:end]
	name, port := host, ""
	if j := strings.IndexByte(host, ':'); j >= 0 {
		name, port = host[:j], host[j+1:]
		if port == "" || len(port) > 5 {
			return "", "", false
		}
		for _, c := range []byte(port) {
			if !isDigit(c) {
				return "", "", false
			}
		}
	}
	if name == "" {
		return "", "", false
	}
	for _, c := range []byte(name) {
		if !isAlpha(c) && !isDigit(c) && c != '-' && c != '.' {
			return "", "", false
		}
	}
	return addr[:i], host, true
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

var (
	errMissingScheme = errors.New("missing scheme")
	errMissingHost   = errors.New("missing host")
)
