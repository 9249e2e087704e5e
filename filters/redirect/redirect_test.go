package redirect

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestLocation(t *testing.T) {
	tests := []struct {
		name     string
		spec     filters.Spec
		args     []interface{}
		target   string // request target as sent by the client
		host     string // Host header as set by an earlier filter
		tls      bool
		wantCode int
		want     string
	}{
		{
			name: "relative path keeps host and query",
			spec: NewRedirectTo(), args: []interface{}{308.0, "/hello"},
			target: "/old?a=1", wantCode: 308, want: "https://example.com/hello?a=1",
		},
		{
			name: "relative path without query",
			spec: NewRedirectTo(), args: []interface{}{301.0, "/hello"},
			target: "/old", wantCode: 301, want: "https://example.com/hello",
		},
		{
			name: "plain http request still gets https",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/new"},
			target: "/old", wantCode: 302, want: "https://example.com/new",
		},
		{
			name: "tls request gets https",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/new"},
			target: "/old", tls: true, wantCode: 302, want: "https://example.com/new",
		},
		{
			name: "https: is the same URL on https",
			spec: NewRedirectTo(), args: []interface{}{308.0, "https:"},
			target: "/a/b?x=1&y=2", wantCode: 308, want: "https://example.com/a/b?x=1&y=2",
		},
		{
			name: "http: is the same URL on http",
			spec: NewRedirectTo(), args: []interface{}{308.0, "http:"},
			target: "/a", tls: true, wantCode: 308, want: "http://example.com/a",
		},
		{
			name: "no location is the same URL",
			spec: NewRedirectTo(), args: []interface{}{301.0},
			target: "/a?q=1", wantCode: 301, want: "https://example.com/a?q=1",
		},
		{
			name: "empty location is the same URL",
			spec: NewRedirectTo(), args: []interface{}{301.0, ""},
			target: "/a", wantCode: 301, want: "https://example.com/a",
		},
		{
			name: "full URL is used as it is",
			spec: NewRedirectTo(), args: []interface{}{302.0, "http://other.example.org:8080/x?b=2#top"},
			target: "/a?q=1", wantCode: 302, want: "http://other.example.org:8080/x?b=2#top",
		},
		{
			name: "full URL with query replaces the request query",
			spec: NewRedirectTo(), args: []interface{}{302.0, "https://other.example.org/x?b=2"},
			target: "/a?q=1", wantCode: 302, want: "https://other.example.org/x?b=2",
		},
		{
			name: "full URL without query keeps the request query",
			spec: NewRedirectTo(), args: []interface{}{302.0, "https://other.example.org/x"},
			target: "/a?q=1", wantCode: 302, want: "https://other.example.org/x?q=1",
		},
		{
			name: "URL without path keeps the request path",
			spec: NewRedirectTo(), args: []interface{}{301.0, "https://other.example.org"},
			target: "/a/b?q=1", wantCode: 301, want: "https://other.example.org/a/b?q=1",
		},
		{
			name: "URL with root path",
			spec: NewRedirectTo(), args: []interface{}{301.0, "https://other.example.org/"},
			target: "/a/b", wantCode: 301, want: "https://other.example.org/",
		},
		{
			name: "scheme-relative URL takes the default scheme",
			spec: NewRedirectTo(), args: []interface{}{307.0, "//other.example.org/x"},
			target: "/a", wantCode: 307, want: "https://other.example.org/x",
		},
		{
			name: "empty query in location keeps the request query",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/x?"},
			target: "/a?q=1", wantCode: 302, want: "https://example.com/x?q=1",
		},
		{
			name: "empty query in location without request query",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/x?"},
			target: "/a", wantCode: 302, want: "https://example.com/x",
		},
		{
			name: "encoded request path is kept",
			spec: NewRedirectTo(), args: []interface{}{302.0, "https:"},
			target: "/a%2Fb/c", wantCode: 302, want: "https://example.com/a%2Fb/c",
		},
		{
			name: "encoded location path is kept",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/x%2Fy"},
			target: "/a", wantCode: 302, want: "https://example.com/x%2Fy",
		},
		{
			name: "Host header set by a filter wins",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/x"},
			target: "/a", host: "www.example.org", wantCode: 302, want: "https://www.example.org/x",
		},
		{
			name: "absolute-form request keeps its scheme and user info",
			spec: NewRedirectTo(), args: []interface{}{302.0, "/x"},
			target: "http://u:p@example.com/a", wantCode: 302, want: "http://u:p@example.com/x",
		},
		{
			name: "user info of the location is dropped",
			spec: NewRedirectTo(), args: []interface{}{302.0, "https://u:p@other.example.org/x"},
			target: "/a", wantCode: 302, want: "https://other.example.org/x",
		},
		{
			name: "fractional code is truncated",
			spec: NewRedirectTo(), args: []interface{}{301.9, "/x"},
			target: "/a", wantCode: 301, want: "https://example.com/x",
		},
		{
			name: "lower: request path",
			spec: NewRedirectToLower(), args: []interface{}{301.0},
			target: "/Foo/BAR?Q=A", wantCode: 301, want: "https://example.com/foo/bar?Q=A",
		},
		{
			name: "lower: location path",
			spec: NewRedirectToLower(), args: []interface{}{308.0, "https://Other.example.org/New/Path?K=V"},
			target: "/a", wantCode: 308, want: "https://Other.example.org/new/path?K=V",
		},
		{
			name: "lower: encoded path",
			spec: NewRedirectToLower(), args: []interface{}{301.0, "https:"},
			target: "/A%2FB", wantCode: 301, want: "https://example.com/a%2fb",
		},
		{
			name: "lower: non-ASCII path",
			spec: NewRedirectToLower(), args: []interface{}{301.0, "https:"},
			target: "/%C3%84", wantCode: 301, want: "https://example.com/%C3%A4",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.spec.CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 2; i++ { // the filter keeps no state between requests
				r := httptest.NewRequest("GET", tt.target, nil)
				if !tt.tls {
					r.TLS = nil
				} else {
					r.TLS = &tls.ConnectionState{}
				}
				if tt.host != "" {
					r.Header.Set("Host", tt.host)
				}
				ctx := filtertest.NewContext(r)
				f.Request(ctx)
				if !ctx.FServedWithResponse {
					t.Fatalf("did not serve")
				}
				rsp := ctx.FResponse
				if rsp.StatusCode != tt.wantCode {
					t.Errorf("status got %d, want %d", rsp.StatusCode, tt.wantCode)
				}
				if got := rsp.Header.Values("Location"); len(got) != 1 || got[0] != tt.want {
					t.Errorf("Location got %q, want %q", got, tt.want)
				}
				if _, err := url.Parse(rsp.Header.Get("Location")); err != nil {
					t.Errorf("Location does not parse: %v", err)
				}
				body, err := ctx.ReadBody()
				if err != nil || body != "" {
					t.Errorf("body got %q, %v, want empty", body, err)
				}
				f.Response(ctx)
				if rsp.StatusCode != tt.wantCode {
					t.Errorf("Response changed the status to %d", rsp.StatusCode)
				}
			}
		})
	}
}

func TestRequestNotChanged(t *testing.T) {
	f, err := NewRedirectToLower().CreateFilter([]interface{}{301.0, "https://other.example.org"})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("GET", "/A?b=1", nil)
	ctx := filtertest.NewContext(r)
	f.Request(ctx)
	if got, want := r.URL.String(), "/A?b=1"; got != want {
		t.Errorf("request URL got %q, want %q", got, want)
	}
	if got, want := r.Host, "example.com"; got != want {
		t.Errorf("request Host got %q, want %q", got, want)
	}
}

func TestNames(t *testing.T) {
	if got, want := NewRedirectTo().Name(), "redirectTo"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := NewRedirectToLower().Name(), "redirectToLower"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCodeRange(t *testing.T) {
	for _, code := range []float64{300, 301, 302, 303, 307, 308, 399} {
		if _, err := NewRedirectTo().CreateFilter([]interface{}{code, "/"}); err != nil {
			t.Errorf("code %v: got %v, want no error", code, err)
		}
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		spec filters.Spec
		args []interface{}
		want string
	}{
		{NewRedirectTo(), nil, "redirectTo: expected 1 to 2 arguments, got 0"},
		{NewRedirectTo(), []interface{}{301.0, "/a", "b"}, "redirectTo: expected 1 to 2 arguments, got 3"},
		{NewRedirectTo(), []interface{}{"301", "/a"}, `redirectTo: argument 1 (status code): expected an integer, got string "301"`},
		{NewRedirectTo(), []interface{}{nil}, "redirectTo: argument 1 (status code): expected an integer, got nil"},
		{NewRedirectTo(), []interface{}{200.0, "/a"}, "redirectTo: argument 1 (status code): expected a redirect status from 300 to 399, got 200"},
		{NewRedirectTo(), []interface{}{400.0}, "redirectTo: argument 1 (status code): expected a redirect status from 300 to 399, got 400"},
		{NewRedirectTo(), []interface{}{299.9}, "redirectTo: argument 1 (status code): expected a redirect status from 300 to 399, got 299"},
		{NewRedirectTo(), []interface{}{-301.0}, "redirectTo: argument 1 (status code): expected a redirect status from 300 to 399, got -301"},
		{NewRedirectTo(), []interface{}{1e20}, "redirectTo: argument 1 (status code): expected an integer, got number 100000000000000000000"},
		{NewRedirectTo(), []interface{}{301.0, 5.0}, "redirectTo: argument 2 (location): expected a string, got number 5"},
		{NewRedirectTo(), []interface{}{301.0, "http://[::1"}, `redirectTo: argument 2 (location): invalid URL "http://[::1": missing ']' in host`},
		{NewRedirectTo(), []interface{}{301.0, ":no-scheme"}, `redirectTo: argument 2 (location): invalid URL ":no-scheme": missing protocol scheme`},
		{NewRedirectTo(), []interface{}{301.0, "/a%zz"}, `redirectTo: argument 2 (location): invalid URL "/a%zz": invalid URL escape "%zz"`},
		{NewRedirectToLower(), []interface{}{"x"}, `redirectToLower: argument 1 (status code): expected an integer, got string "x"`},
		{NewRedirectToLower(), []interface{}{301.0, "http://a b/"}, `redirectToLower: argument 2 (location): invalid URL "http://a b/": invalid character " " in host name`},
		{NewRedirectToLower(), []interface{}{"x", "y", "z"}, "redirectToLower: expected 1 to 2 arguments, got 3"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := tt.spec.CreateFilter(tt.args)
			if !errors.Is(err, filters.ErrInvalidFilterParameters) {
				t.Fatalf("got %v, want ErrInvalidFilterParameters", err)
			}
			var ae *filters.ArgError
			if !errors.As(err, &ae) {
				t.Errorf("got %T, want *filters.ArgError", err)
			}
			if want := tt.want + ": invalid filter parameters"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
		})
	}
}

func TestLocationParseErrorIsWrapped(t *testing.T) {
	_, err := NewRedirectTo().CreateFilter([]interface{}{301.0, "http://[::1"})
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Errorf("got %v, want it to wrap a *url.Error", err)
	}
}

// FuzzCreateAndServe checks that no location the filter accepts makes a
// request panic, whatever the request URL.
func FuzzCreateAndServe(f *testing.F) {
	for _, s := range []string{"", "/a", "https:", "//h/p", "mailto:x@y", "http://[::1]:8/x?y#z", "a%2Fb", "?"} {
		f.Add(s, "/p?q=1")
	}
	f.Fuzz(func(t *testing.T, location, target string) {
		flt, err := NewRedirectToLower().CreateFilter([]interface{}{302.0, location})
		if err != nil {
			return
		}
		r := httptest.NewRequest("GET", "/", nil)
		if u, err := url.ParseRequestURI(target); err == nil {
			r.URL = u
		}
		ctx := filtertest.NewContext(r)
		flt.Request(ctx)
		if ctx.FResponse == nil || ctx.FResponse.StatusCode != http.StatusFound {
			t.Fatalf("did not serve a 302")
		}
	})
}
