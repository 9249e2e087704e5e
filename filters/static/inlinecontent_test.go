package static

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestInlineContent(t *testing.T) {
	tests := []struct {
		name     string
		args     []interface{}
		wantBody string
		wantType string
		wantLen  string
	}{
		{"text sniffed", []interface{}{"Hello, world!"}, "Hello, world!", "text/plain; charset=utf-8", "13"},
		{"html sniffed", []interface{}{"<!DOCTYPE html><html></html>"}, "<!DOCTYPE html><html></html>", "text/html; charset=utf-8", "28"},
		{"json is not sniffed", []interface{}{`{"a":1}`}, `{"a":1}`, "text/plain; charset=utf-8", "7"},
		{"given type", []interface{}{`{"a":1}`, "application/json"}, `{"a":1}`, "application/json", "7"},
		{"empty given type sniffs", []interface{}{"x", ""}, "x", "text/plain; charset=utf-8", "1"},
		{"empty body", []interface{}{""}, "", "text/plain; charset=utf-8", "0"},
		{"utf-8 length in bytes", []interface{}{"ä"}, "ä", "text/plain; charset=utf-8", "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := NewInlineContent().CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 2; i++ { // a fresh body per request
				ctx := filtertest.NewContext(httptest.NewRequest("GET", "/", nil))
				f.Request(ctx)
				if !ctx.FServedWithResponse {
					t.Fatalf("did not serve")
				}
				rsp := ctx.FResponse
				if rsp.StatusCode != http.StatusOK {
					t.Errorf("status got %d, want 200", rsp.StatusCode)
				}
				if got := rsp.Header.Get("Content-Type"); got != tt.wantType {
					t.Errorf("content type got %q, want %q", got, tt.wantType)
				}
				if got := rsp.Header.Get("Content-Length"); got != tt.wantLen {
					t.Errorf("content length got %q, want %q", got, tt.wantLen)
				}
				if int64(len(tt.wantBody)) != rsp.ContentLength {
					t.Errorf("ContentLength got %d, want %d", rsp.ContentLength, len(tt.wantBody))
				}
				body, err := ctx.ReadBody()
				if err != nil || body != tt.wantBody {
					t.Errorf("body got %q, %v, want %q", body, err, tt.wantBody)
				}
				f.Response(ctx)
				if rsp.StatusCode != http.StatusOK {
					t.Errorf("Response changed the status to %d", rsp.StatusCode)
				}
			}
		})
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		args []interface{}
		want string
	}{
		{nil, "inlineContent: expected 1 to 2 arguments, got 0"},
		{[]interface{}{"a", "b", "c"}, "inlineContent: expected 1 to 2 arguments, got 3"},
		{[]interface{}{1.0}, "inlineContent: argument 1 (content): expected a string, got number 1"},
		{[]interface{}{"a", 1.0}, "inlineContent: argument 2 (content type): expected a string, got number 1"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := NewInlineContent().CreateFilter(tt.args)
			if !errors.Is(err, filters.ErrInvalidFilterParameters) {
				t.Fatalf("got %v, want ErrInvalidFilterParameters", err)
			}
			if want := tt.want + ": invalid filter parameters"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
		})
	}
}
