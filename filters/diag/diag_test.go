package diag

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		name string
		args []interface{}
		want int
	}{
		{"teapot", []interface{}{418.0}, 418},
		{"truncated", []interface{}{201.9}, 201},
		{"int", []interface{}{204}, 204},
		{"no range check", []interface{}{999.0}, 999},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := NewStatus().CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			ctx := filtertest.NewContext(httptest.NewRequest("GET", "/", nil))
			f.Request(ctx)
			if ctx.FResponse != nil {
				t.Fatalf("request phase set a response")
			}
			f.Response(ctx) // no response: nothing to do, no panic
			ctx.FResponse = &http.Response{StatusCode: 200}
			f.Response(ctx)
			if ctx.FResponse.StatusCode != tt.want {
				t.Errorf("got %d, want %d", ctx.FResponse.StatusCode, tt.want)
			}
		})
	}
}

func TestComment(t *testing.T) {
	for _, args := range [][]interface{}{nil, {"a"}, {1.0, "b", nil}} {
		f, err := NewComment().CreateFilter(args)
		if err != nil {
			t.Fatalf("args %v: got %v, want no error", args, err)
		}
		r := httptest.NewRequest("GET", "/p", nil)
		ctx := filtertest.NewContext(r)
		ctx.FResponse = &http.Response{StatusCode: 200, Header: http.Header{}}
		f.Request(ctx)
		f.Response(ctx)
		if ctx.FResponse.StatusCode != 200 || len(ctx.FResponse.Header) != 0 || r.URL.Path != "/p" || ctx.Served() {
			t.Errorf("comment changed the request or response")
		}
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		name string
		spec filters.Spec
		args []interface{}
		want string
	}{
		{"status none", NewStatus(), nil, "status: expected 1 argument, got 0"},
		{"status two", NewStatus(), []interface{}{200.0, 201.0}, "status: expected 1 argument, got 2"},
		{"status string", NewStatus(), []interface{}{"200"}, `status: argument 1 (status code): expected an integer, got string "200"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
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
