package headers

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestRequestHeaders(t *testing.T) {
	tests := []struct {
		name         string
		spec         filters.Spec
		args         []interface{}
		header       http.Header
		want         http.Header
		wantOutgoing string
	}{
		{"set new", NewSetRequestHeader(), []interface{}{"X-A", "1"},
			http.Header{}, http.Header{"X-A": {"1"}}, "in.example"},
		{"set replaces", NewSetRequestHeader(), []interface{}{"x-a", "1"},
			http.Header{"X-A": {"0", "00"}}, http.Header{"X-A": {"1"}}, "in.example"},
		{"set template", NewSetRequestHeader(), []interface{}{"X-A", "id-${id}"},
			http.Header{}, http.Header{"X-A": {"id-42"}}, "in.example"},
		{"set unresolved template does nothing", NewSetRequestHeader(), []interface{}{"X-A", "${nope}"},
			http.Header{"X-A": {"0"}}, http.Header{"X-A": {"0"}}, "in.example"},
		{"set host sets outgoing host", NewSetRequestHeader(), []interface{}{"host", "other.example"},
			http.Header{}, http.Header{"Host": {"other.example"}}, "other.example"},
		{"set empty value", NewSetRequestHeader(), []interface{}{"X-A", ""},
			http.Header{"X-A": {"0"}}, http.Header{"X-A": {""}}, "in.example"},
		{"append", NewAppendRequestHeader(), []interface{}{"X-A", "2"},
			http.Header{"X-A": {"1"}}, http.Header{"X-A": {"1", "2"}}, "in.example"},
		{"append template", NewAppendRequestHeader(), []interface{}{"X-A", "${request.method}"},
			http.Header{}, http.Header{"X-A": {"GET"}}, "in.example"},
		{"append unresolved", NewAppendRequestHeader(), []interface{}{"X-A", "${nope}"},
			http.Header{"X-A": {"1"}}, http.Header{"X-A": {"1"}}, "in.example"},
		{"append host sets outgoing host", NewAppendRequestHeader(), []interface{}{"Host", "h2"},
			http.Header{}, http.Header{"Host": {"h2"}}, "h2"},
		{"drop", NewDropRequestHeader(), []interface{}{"x-a"},
			http.Header{"X-A": {"1", "2"}, "X-B": {"3"}}, http.Header{"X-B": {"3"}}, "in.example"},
		{"drop absent", NewDropRequestHeader(), []interface{}{"X-A"},
			http.Header{}, http.Header{}, "in.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.spec.CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", "http://in.example/", nil)
			r.Header = tt.header
			ctx := filtertest.NewContext(r)
			ctx.FParams["id"] = "42"
			ctx.FResponse = &http.Response{Header: http.Header{"X-A": {"rsp"}}}
			f.Request(ctx)
			f.Response(ctx)
			if !reflect.DeepEqual(r.Header, tt.want) {
				t.Errorf("got %v, want %v", r.Header, tt.want)
			}
			if ctx.FOutgoingHost != tt.wantOutgoing {
				t.Errorf("outgoing host got %q, want %q", ctx.FOutgoingHost, tt.wantOutgoing)
			}
			if got := ctx.FResponse.Header; !reflect.DeepEqual(got, http.Header{"X-A": {"rsp"}}) {
				t.Errorf("request filter changed the response header: %v", got)
			}
		})
	}
}

func TestResponseHeaders(t *testing.T) {
	tests := []struct {
		name   string
		spec   filters.Spec
		args   []interface{}
		header http.Header
		want   http.Header
	}{
		{"set", NewSetResponseHeader(), []interface{}{"x-a", "1"},
			http.Header{"X-A": {"0"}}, http.Header{"X-A": {"1"}}},
		{"set from request", NewSetResponseHeader(), []interface{}{"X-A", "${request.header.X-In}"},
			http.Header{}, http.Header{"X-A": {"in"}}},
		{"set from response", NewSetResponseHeader(), []interface{}{"X-A", "was ${response.header.X-A}"},
			http.Header{"X-A": {"0"}}, http.Header{"X-A": {"was 0"}}},
		{"set unresolved", NewSetResponseHeader(), []interface{}{"X-A", "${nope}"},
			http.Header{"X-A": {"0"}}, http.Header{"X-A": {"0"}}},
		{"set nil header", NewSetResponseHeader(), []interface{}{"X-A", "1"},
			nil, http.Header{"X-A": {"1"}}},
		{"set host is only a header", NewSetResponseHeader(), []interface{}{"Host", "h"},
			http.Header{}, http.Header{"Host": {"h"}}},
		{"append", NewAppendResponseHeader(), []interface{}{"X-A", "2"},
			http.Header{"X-A": {"1"}}, http.Header{"X-A": {"1", "2"}}},
		{"drop", NewDropResponseHeader(), []interface{}{"X-A"},
			http.Header{"X-A": {"1"}, "X-B": {"2"}}, http.Header{"X-B": {"2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.spec.CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", "http://in.example/", nil)
			r.Header.Set("X-In", "in")
			ctx := filtertest.NewContext(r)
			f.Request(ctx)
			f.Response(ctx) // no response yet: nothing to do, no panic
			if !reflect.DeepEqual(r.Header, http.Header{"X-In": {"in"}}) {
				t.Errorf("response filter changed the request header: %v", r.Header)
			}
			ctx.FResponse = &http.Response{Header: tt.header}
			f.Response(ctx)
			if !reflect.DeepEqual(ctx.FResponse.Header, tt.want) {
				t.Errorf("got %v, want %v", ctx.FResponse.Header, tt.want)
			}
			if ctx.FOutgoingHost != "in.example" {
				t.Errorf("outgoing host got %q, want in.example", ctx.FOutgoingHost)
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
		{NewSetRequestHeader(), []interface{}{"X-A"}, "setRequestHeader: expected 2 arguments, got 1"},
		{NewSetRequestHeader(), []interface{}{"X-A", "1", "2"}, "setRequestHeader: expected 2 arguments, got 3"},
		{NewSetRequestHeader(), []interface{}{"X-A", 3.0}, "setRequestHeader: argument 2 (header value): expected a string, got number 3"},
		{NewSetRequestHeader(), []interface{}{1.0, "v"}, "setRequestHeader: argument 1 (header name): expected a non-empty string, got number 1"},
		{NewSetRequestHeader(), []interface{}{"", "v"}, `setRequestHeader: argument 1 (header name): expected a non-empty string, got string ""`},
		{NewSetResponseHeader(), nil, "setResponseHeader: expected 2 arguments, got 0"},
		{NewSetResponseHeader(), []interface{}{"X-A", nil}, "setResponseHeader: argument 2 (header value): expected a string, got nil"},
		{NewAppendRequestHeader(), []interface{}{"X-A"}, "appendRequestHeader: expected 2 arguments, got 1"},
		{NewAppendRequestHeader(), []interface{}{"X-A", 1.0}, "appendRequestHeader: argument 2 (header value): expected a string, got number 1"},
		{NewAppendResponseHeader(), []interface{}{2.0, "v"}, "appendResponseHeader: argument 1 (header name): expected a non-empty string, got number 2"},
		{NewDropRequestHeader(), nil, "dropRequestHeader: expected 1 argument, got 0"},
		{NewDropRequestHeader(), []interface{}{"X-A", "v"}, "dropRequestHeader: expected 1 argument, got 2"},
		{NewDropRequestHeader(), []interface{}{1.0}, "dropRequestHeader: argument 1 (header name): expected a non-empty string, got number 1"},
		{NewDropResponseHeader(), []interface{}{"X-A", "v"}, "dropResponseHeader: expected 1 argument, got 2"},
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
