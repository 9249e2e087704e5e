package proxy

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestParseForwardedHeaders(t *testing.T) {
	tests := []struct {
		name    string
		items   []string
		want    ForwardedHeaders
		wantErr bool
	}{
		{name: "empty", items: nil, want: ForwardedHeaders{}},
		{name: "all", items: []string{"X-Forwarded-For", "x-forwarded-host", "X-Forwarded-Method", "X-Forwarded-Uri", "X-Forwarded-Port=8080", "X-Forwarded-Proto=auto"},
			want: ForwardedHeaders{For: true, Host: true, Method: true, Uri: true, Port: "8080", Proto: "auto"}},
		{name: "auto port", items: []string{"X-Forwarded-Port=auto"}, want: ForwardedHeaders{Port: "auto"}},
		{name: "unknown header", items: []string{"X-Forwarded-Foo"}, wantErr: true},
		{name: "bad port", items: []string{"X-Forwarded-Port=http"}, wantErr: true},
		{name: "bad proto", items: []string{"X-Forwarded-Proto=ftp"}, wantErr: true},
		{name: "value on a flag header", items: []string{"X-Forwarded-Host=x"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseForwardedHeaders(tt.items)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error: got %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestForwardedHeadersHandler(t *testing.T) {
	tests := []struct {
		name    string
		headers ForwardedHeaders
		exclude []netip.Prefix
		prior   string
		want    map[string]string
	}{
		{name: "set for", headers: ForwardedHeaders{For: true}, want: map[string]string{"X-Forwarded-For": "192.0.2.1"}},
		{name: "append for", headers: ForwardedHeaders{For: true}, prior: "10.0.0.1", want: map[string]string{"X-Forwarded-For": "10.0.0.1, 192.0.2.1"}},
		{name: "host method uri proto", headers: ForwardedHeaders{Host: true, Method: true, Uri: true, Proto: "auto", Port: "9090"},
			want: map[string]string{"X-Forwarded-Host": "example.org", "X-Forwarded-Method": "POST", "X-Forwarded-Uri": "/a?b=c", "X-Forwarded-Proto": "http", "X-Forwarded-Port": "9090"}},
		{name: "excluded client", headers: ForwardedHeaders{For: true, Host: true}, exclude: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")},
			want: map[string]string{"X-Forwarded-For": "", "X-Forwarded-Host": ""}},
		{name: "nothing by default", want: map[string]string{"X-Forwarded-For": "", "X-Forwarded-Host": "", "X-Forwarded-Proto": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen http.Header
			h := &ForwardedHeadersHandler{Headers: tt.headers, Exclude: tt.exclude,
				Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen = r.Header.Clone() })}
			r := httptest.NewRequest("POST", "http://example.org/a?b=c", nil)
			r.RequestURI = "/a?b=c"
			r.RemoteAddr = "192.0.2.1:1234"
			if tt.prior != "" {
				r.Header.Set("X-Forwarded-For", tt.prior)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			for k, want := range tt.want {
				if got := seen.Get(k); got != want {
					t.Errorf("%s: got %q, want %q", k, got, want)
				}
			}
		})
	}
}
