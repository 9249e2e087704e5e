package main

import (
	"net/http"
	"testing"

	"github.com/openskipper/skipper/routing"
)

func TestRequestSpec(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	tests := []struct {
		name string
		spec requestSpec
		// want: method, host, URL, RequestURI, remote address
		method, host, url, uri, remote string
		header                         http.Header
		contentLength                  int64
		tls                            bool
	}{
		{
			name:   "path only",
			spec:   requestSpec{target: "/a/b?x=1"},
			method: "GET", host: "localhost", url: "/a/b?x=1", uri: "/a/b?x=1", remote: "127.0.0.1:12345",
			header: http.Header{},
		},
		{
			name:   "absolute URL",
			spec:   requestSpec{method: "POST", target: "http://Example.org:8080/x%20y", remoteAddr: "10.0.0.1:1"},
			method: "POST", host: "Example.org:8080", url: "/x%20y", uri: "/x%20y", remote: "10.0.0.1:1",
			header: http.Header{},
		},
		{
			name:   "URL without path",
			spec:   requestSpec{target: "https://example.org"},
			method: "GET", host: "example.org", url: "/", uri: "/", remote: "127.0.0.1:12345",
			header: http.Header{}, tls: true,
		},
		{
			name: "Host header wins",
			spec: requestSpec{target: "http://example.org/", header: http.Header{
				"Host": {"other.org"}, "X-A": {"1", "2"},
			}, contentLength: n(42)},
			method: "GET", host: "other.org", url: "/", uri: "/", remote: "127.0.0.1:12345",
			header: http.Header{"X-A": {"1", "2"}}, contentLength: 42,
		},
		{
			name:   "cookies in order",
			spec:   requestSpec{target: "/", cookies: [][2]string{{"b", "2"}, {"a", "1"}}},
			method: "GET", host: "localhost", url: "/", uri: "/", remote: "127.0.0.1:12345",
			header: http.Header{"Cookie": {"b=2; a=1"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := tt.spec.request()
			if err != nil {
				t.Fatal(err)
			}
			if req.Method != tt.method || req.Host != tt.host || req.URL.String() != tt.url ||
				req.RequestURI != tt.uri || req.RemoteAddr != tt.remote {
				t.Errorf("got %s %s %s %s %s, want %s %s %s %s %s", req.Method, req.Host, req.URL, req.RequestURI, req.RemoteAddr,
					tt.method, tt.host, tt.url, tt.uri, tt.remote)
			}
			if got, want := formatHeader(req.Header), formatHeader(tt.header); got != want {
				t.Errorf("got header %s, want %s", got, want)
			}
			if req.ContentLength != tt.contentLength {
				t.Errorf("got content length %d, want %d", req.ContentLength, tt.contentLength)
			}
			if (req.TLS != nil) != tt.tls {
				t.Errorf("got TLS %v, want %v", req.TLS != nil, tt.tls)
			}
			calls := 0
			next := func() int { calls++; return calls }
			a := routing.FromContext(req.Context(), "k", next)
			b := routing.FromContext(req.Context(), "k", next)
			if a != 1 || b != 1 {
				t.Errorf("the context has no routing memo: got %d and %d, want 1 and 1", a, b)
			}
		})
	}
}

// formatHeader renders a header for comparison.
func formatHeader(h http.Header) string {
	var b []byte
	for _, k := range sortedHeaderKeys(h) {
		b = append(b, k...)
		b = append(b, '=')
		for _, v := range h[k] {
			b = append(b, v...)
			b = append(b, ';')
		}
		b = append(b, ' ')
	}
	return string(b)
}

func sortedHeaderKeys(h http.Header) []string {
	m := make(map[string]string, len(h))
	for k := range h {
		m[k] = ""
	}
	return sortedParams(m)
}

func TestRequestSpecErrors(t *testing.T) {
	tests := []struct {
		name string
		spec requestSpec
		want string
	}{
		{"relative", requestSpec{target: "hello"}, `invalid request URL "hello": want an absolute http or https URL, or a path starting with "/"`},
		{"empty", requestSpec{target: ""}, `invalid request URL "": want an absolute http or https URL, or a path starting with "/"`},
		{"scheme", requestSpec{target: "ftp://x/"}, `invalid request URL "ftp://x/": want an absolute http or https URL, or a path starting with "/"`},
		{"no host", requestSpec{target: "https:///x"}, `invalid request URL "https:///x": missing host`},
		{"bad escape", requestSpec{target: "/a%zz"}, `invalid request URL "/a%zz": invalid URL escape "%zz"`},
		{"bad host", requestSpec{target: "http://a b/"}, `invalid request URL "http://a b/": invalid character " " in host name`},
		{"method with space", requestSpec{method: "GET X", target: "/"}, `invalid method "GET X"`},
		{"method with colon", requestSpec{method: "A:B", target: "/"}, `invalid method "A:B"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.spec.request()
			if err == nil || err.Error() != tt.want {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestParseHeaderLine(t *testing.T) {
	tests := []struct {
		in, name, value, err string
	}{
		{"Accept: text/html", "Accept", "text/html", ""},
		{"accept:text/html", "accept", "text/html", ""},
		{"  X-A :  a: b  ", "X-A", "a: b", ""},
		{"X-Empty:", "X-Empty", "", ""},
		{"Accept text/html", "", "", `invalid header "Accept text/html": want 'Name: value'`},
		{": x", "", "", `invalid header ": x": want 'Name: value'`},
		{"A B: x", "", "", `invalid header "A B: x": want 'Name: value'`},
	}
	for _, tt := range tests {
		name, value, err := parseHeaderLine(tt.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if name != tt.name || value != tt.value || gotErr != tt.err {
			t.Errorf("parseHeaderLine(%q): got %q, %q, %q, want %q, %q, %q", tt.in, name, value, gotErr, tt.name, tt.value, tt.err)
		}
	}
}

func TestFormatParams(t *testing.T) {
	tests := []struct {
		params map[string]string
		want   string
	}{
		{nil, "{}"},
		{map[string]string{}, "{}"},
		{map[string]string{"id": "42"}, "{id: 42}"},
		{map[string]string{"rest": "/a/b", "id": "x", "*": "/"}, "{*: /, id: x, rest: /a/b}"},
		{map[string]string{"q": "a b", "e": "", "c": "x,y", "n": "é"}, `{c: "x,y", e: "", n: é, q: "a b"}`},
	}
	for _, tt := range tests {
		if got := formatParams(tt.params); got != tt.want {
			t.Errorf("formatParams(%v): got %q, want %q", tt.params, got, tt.want)
		}
	}
}
