package backendhost

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, scheme, host, want string
	}{
		{"http default port", "http", "example.org:80", "example.org"},
		{"h2c default port", "h2c", "example.org:80", "example.org"},
		{"https default port", "https", "example.org:443", "example.org"},
		{"scheme is case-insensitive", "HTTPS", "example.org:443", "example.org"},
		{"other port kept", "https", "example.org:8443", "example.org:8443"},
		{"http port on https kept", "https", "example.org:80", "example.org:80"},
		{"https port on http kept", "http", "example.org:443", "example.org:443"},
		{"no port", "http", "example.org", "example.org"},
		{"lower-cased", "http", "Example.ORG:8080", "example.org:8080"},
		{"empty port", "http", "example.org:", "example.org"},
		{"ipv6", "http", "[::1]:80", "[::1]"},
		{"ipv6 other port", "http", "[::1]:8080", "[::1]:8080"},
		{"port only kept", "http", ":80", ":80"},
		{"unknown scheme keeps port", "ftp", "example.org:21", "example.org:21"},
		{"empty", "http", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.scheme, tt.host); got != tt.want {
				t.Errorf("Normalize(%q, %q): got %q, want %q", tt.scheme, tt.host, got, tt.want)
			}
		})
	}
}

func TestFromURL(t *testing.T) {
	tests := []struct {
		name, url, want string
	}{
		{"https default port", "https://Example.org:443/path", "example.org"},
		{"http other port", "http://example.org:8080", "example.org:8080"},
		{"no port", "http://example.org", "example.org"},
		{"no host", "/path", ""},
		{"unparsable", "http://[::1", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromURL(tt.url); got != tt.want {
				t.Errorf("FromURL(%q): got %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}
