package routing

import (
	"net/url"
	"strings"
	"testing"
)

// The quick split accepts only addresses that url.ParseRequestURI splits the
// same way.
func TestSplitSimpleAgreesWithURL(t *testing.T) {
	for _, addr := range []string{
		"http://a", "HTTP://A.b:8080", "https://10.0.0.1:443/x/y", "h2c://a-b", "http://a:", "http://:80",
		"http://a/b c", "http://a/%zz", "http://a?x", "http://user@a", "http://[::1]:80", "http://a:99999",
		"http://a:123456", "1http://a", "ht tp://a", "http://a/é", "http:/a", "http://a#f", "http://a_b",
	} {
		t.Run(addr, func(t *testing.T) {
			s, h, ok := splitSimple(addr)
			if !ok {
				return
			}
			u, err := url.ParseRequestURI(addr)
			if err != nil {
				t.Fatalf("fast path accepted %q, url rejects it: %v", addr, err)
			}
			if strings.ToLower(s) != u.Scheme || h != u.Host {
				t.Errorf("fast %q %q, url %q %q", s, h, u.Scheme, u.Host)
			}
		})
	}
}
