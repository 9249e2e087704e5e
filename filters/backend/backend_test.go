package backend

import (
	"errors"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestPreserveHost(t *testing.T) {
	tests := []struct {
		name     string
		arg      string
		backend  string
		outgoing string
		want     string
	}{
		{"true switches backend host to incoming", "true", "http://backend.example:8080/x", "backend.example:8080", "in.example"},
		{"true keeps an explicit host", "true", "http://backend.example:8080", "explicit.example", "explicit.example"},
		{"true on a route without network backend", "true", "", "", "in.example"},
		{"false switches incoming to backend host", "false", "https://backend.example", "in.example", "backend.example"},
		{"false keeps backend host", "false", "https://backend.example", "backend.example", "backend.example"},
		{"false keeps an explicit host", "false", "https://backend.example", "explicit.example", "explicit.example"},
		{"false without network backend", "false", "", "in.example", ""},
		{"false with an unparsable backend", "false", "http://[::1", "in.example", ""},
		{"true compares without the default port", "true", "https://backend.example:443", "backend.example", "in.example"},
		{"true compares lower-cased", "true", "http://Backend.Example:80", "backend.example", "in.example"},
		{"true keeps a host with the default port spelt out", "true", "https://backend.example", "backend.example:443", "backend.example:443"},
		{"false sends the host without the default port", "false", "https://Backend.example:443/x", "in.example", "backend.example"},
		{"false keeps another port", "false", "http://backend.example:8080", "in.example", "backend.example:8080"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := NewPreserveHost().CreateFilter([]interface{}{tt.arg})
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 2; i++ { // the second request uses the cached host
				ctx := filtertest.NewContext(httptest.NewRequest("GET", "http://in.example/", nil))
				ctx.FBackendUrl = tt.backend
				ctx.FOutgoingHost = tt.outgoing
				f.Request(ctx)
				f.Response(ctx)
				if ctx.FOutgoingHost != tt.want {
					t.Errorf("request %d: got %q, want %q", i, ctx.FOutgoingHost, tt.want)
				}
			}
		})
	}
}

func TestPreserveHostConcurrent(t *testing.T) {
	f, err := NewPreserveHost().CreateFilter([]interface{}{"true"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := filtertest.NewContext(httptest.NewRequest("GET", "http://in.example/", nil))
			ctx.FBackendUrl = "http://b.example"
			ctx.FOutgoingHost = "b.example"
			f.Request(ctx)
			if ctx.FOutgoingHost != "in.example" {
				t.Errorf("got %q, want in.example", ctx.FOutgoingHost)
			}
		}()
	}
	wg.Wait()
}

func TestDynamicBackend(t *testing.T) {
	tests := []struct {
		name         string
		spec         filters.Spec
		arg          string
		header       string
		wantBag      map[string]interface{}
		wantOutgoing string
	}{
		{"url", NewSetDynamicBackendURL(), "https://dyn.example:8443/ignored", "",
			map[string]interface{}{filters.DynamicBackendURLKey: "https://dyn.example:8443/ignored"}, "dyn.example:8443"},
		{"url without the default port", NewSetDynamicBackendURL(), "https://Dyn.example:443", "",
			map[string]interface{}{filters.DynamicBackendURLKey: "https://Dyn.example:443"}, "dyn.example"},
		{"url unparsable keeps outgoing host", NewSetDynamicBackendURL(), "not a url", "",
			map[string]interface{}{filters.DynamicBackendURLKey: "not a url"}, "in.example"},
		{"host", NewSetDynamicBackendHost(), "dyn.example:81", "",
			map[string]interface{}{filters.DynamicBackendHostKey: "dyn.example:81"}, "dyn.example:81"},
		{"scheme", NewSetDynamicBackendScheme(), "https", "",
			map[string]interface{}{filters.DynamicBackendSchemeKey: "https"}, "in.example"},
		{"url from header", NewSetDynamicBackendURLFromHeader(), "x-target", "http://h.example",
			map[string]interface{}{filters.DynamicBackendURLKey: "http://h.example"}, "h.example"},
		{"url from absent header", NewSetDynamicBackendURLFromHeader(), "X-Target", "",
			map[string]interface{}{}, "in.example"},
		{"host from header", NewSetDynamicBackendHostFromHeader(), "X-Target", "h.example",
			map[string]interface{}{filters.DynamicBackendHostKey: "h.example"}, "h.example"},
		{"host from absent header", NewSetDynamicBackendHostFromHeader(), "X-Target", "",
			map[string]interface{}{}, "in.example"},
		{"scheme from header", NewSetDynamicBackendSchemeFromHeader(), "X-Target", "http",
			map[string]interface{}{filters.DynamicBackendSchemeKey: "http"}, "in.example"},
		{"scheme from absent header", NewSetDynamicBackendSchemeFromHeader(), "X-Target", "",
			map[string]interface{}{}, "in.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.spec.CreateFilter([]interface{}{tt.arg})
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", "http://in.example/", nil)
			if tt.header != "" {
				r.Header.Set("X-Target", tt.header)
			}
			ctx := filtertest.NewContext(r)
			f.Request(ctx)
			f.Response(ctx)
			if !reflect.DeepEqual(ctx.FStateBag, tt.wantBag) {
				t.Errorf("state bag got %v, want %v", ctx.FStateBag, tt.wantBag)
			}
			if ctx.FOutgoingHost != tt.wantOutgoing {
				t.Errorf("outgoing host got %q, want %q", ctx.FOutgoingHost, tt.wantOutgoing)
			}
		})
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		spec filters.Spec
		args []interface{}
		want string
	}{
		{NewPreserveHost(), nil, "preserveHost: expected 1 argument, got 0"},
		{NewPreserveHost(), []interface{}{"true", "false"}, "preserveHost: expected 1 argument, got 2"},
		{NewPreserveHost(), []interface{}{"yes"}, `preserveHost: argument 1 (preserve): expected one of "true", "false", got string "yes"`},
		{NewPreserveHost(), []interface{}{1.0}, `preserveHost: argument 1 (preserve): expected one of "true", "false", got number 1`},
		{NewSetDynamicBackendURL(), nil, "setDynamicBackendUrl: expected 1 argument, got 0"},
		{NewSetDynamicBackendURL(), []interface{}{1.0}, "setDynamicBackendUrl: argument 1 (url): expected a string, got number 1"},
		{NewSetDynamicBackendHost(), []interface{}{"a", "b"}, "setDynamicBackendHost: expected 1 argument, got 2"},
		{NewSetDynamicBackendHost(), []interface{}{1.0}, "setDynamicBackendHost: argument 1 (host): expected a string, got number 1"},
		{NewSetDynamicBackendScheme(), []interface{}{nil}, "setDynamicBackendScheme: argument 1 (scheme): expected a string, got nil"},
		{NewSetDynamicBackendURLFromHeader(), nil, "setDynamicBackendUrlFromHeader: expected 1 argument, got 0"},
		{NewSetDynamicBackendURLFromHeader(), []interface{}{""}, `setDynamicBackendUrlFromHeader: argument 1 (header name): expected a non-empty string, got string ""`},
		{NewSetDynamicBackendHostFromHeader(), []interface{}{1.0}, "setDynamicBackendHostFromHeader: argument 1 (header name): expected a non-empty string, got number 1"},
		{NewSetDynamicBackendSchemeFromHeader(), []interface{}{"a", "b"}, "setDynamicBackendSchemeFromHeader: expected 1 argument, got 2"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := tt.spec.CreateFilter(tt.args)
			if !errors.Is(err, filters.ErrInvalidFilterParameters) {
				t.Fatalf("got %v, want ErrInvalidFilterParameters", err)
			}
			if want := tt.want + ": invalid filter parameters"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
		})
	}
}
