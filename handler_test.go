package skipper

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestForwardedHeaders(t *testing.T) {
	for _, tt := range []struct {
		name    string
		headers ForwardedHeaders
		prior   string
		tls     bool
		want    map[string]string
	}{
		{name: "none", want: map[string]string{"X-Forwarded-For": ""}},
		{name: "for set", headers: ForwardedHeaders{For: true}, want: map[string]string{"X-Forwarded-For": "192.0.2.1"}},
		{name: "for appended", headers: ForwardedHeaders{For: true}, prior: "198.51.100.7", want: map[string]string{"X-Forwarded-For": "198.51.100.7, 192.0.2.1"}},
		{name: "host method uri", headers: ForwardedHeaders{Host: true, Method: true, URI: true}, want: map[string]string{
			"X-Forwarded-Host": "example.org", "X-Forwarded-Method": "GET", "X-Forwarded-Uri": "/p?q=1",
		}},
		{name: "fixed port and proto", headers: ForwardedHeaders{Port: "8443", Proto: "https"}, want: map[string]string{"X-Forwarded-Port": "8443", "X-Forwarded-Proto": "https"}},
		{name: "auto port and proto, plain", headers: ForwardedHeaders{Port: "auto", Proto: "auto"}, want: map[string]string{"X-Forwarded-Port": "9090", "X-Forwarded-Proto": "http"}},
		{name: "auto proto, TLS", headers: ForwardedHeaders{Proto: "auto"}, tls: true, want: map[string]string{"X-Forwarded-Proto": "https"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got http.Header
			o := &Options{ForwardedHeaders: tt.headers}
			h := o.handler(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { got = r.Header.Clone() }))
			req := httptest.NewRequest("GET", "http://example.org/p?q=1", nil)
			req.RemoteAddr = "192.0.2.1:1234"
			req.RequestURI = "/p?q=1"
			if tt.prior != "" {
				req.Header.Set("X-Forwarded-For", tt.prior)
			}
			if tt.tls {
				req.TLS = &tls.ConnectionState{}
			}
			local := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9090}
			req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, local))
			h.ServeHTTP(httptest.NewRecorder(), req)
			for k, v := range tt.want {
				if got.Get(k) != v {
					t.Errorf("%s got %q, want %q", k, got.Get(k), v)
				}
			}
		})
	}
}

func TestHandlerWrapOrder(t *testing.T) {
	var order []string
	o := &Options{
		ForwardedHeaders: ForwardedHeaders{Host: true},
		CustomHttpHandlerWrap: func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				order = append(order, "wrap sees X-Forwarded-Host="+r.Header.Get("X-Forwarded-Host"))
				next.ServeHTTP(w, r)
			})
		},
	}
	h := o.handler(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		order = append(order, "proxy sees X-Forwarded-Host="+r.Header.Get("X-Forwarded-Host"))
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "http://example.org/", nil))
	want := []string{"wrap sees X-Forwarded-Host=", "proxy sees X-Forwarded-Host=example.org"}
	if !reflect.DeepEqual(order, want) {
		t.Errorf("calls got %q, want %q", order, want)
	}
}
