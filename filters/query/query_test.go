package query

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestSetQuery(t *testing.T) {
	tests := []struct {
		name string
		args []interface{}
		url  string
		want string // RawQuery
	}{
		{"add", []interface{}{"b", "2"}, "/p?a=1", "a=1&b=2"},
		{"replace all values", []interface{}{"a", "9"}, "/p?a=1&a=2", "a=9"},
		{"keys sorted", []interface{}{"a", "1"}, "/p?z=1&m=2", "a=1&m=2&z=1"},
		{"encoded", []interface{}{"k y", "v&w"}, "/p", "k+y=v%26w"},
		{"template key and value", []interface{}{"${name}", "${id}"}, "/p", "user=42"},
		{"unresolved value is empty", []interface{}{"a", "${nope}"}, "/p", "a="},
		{"from request", []interface{}{"m", "${request.method}"}, "/p", "m=GET"},
		{"one arg replaces raw query", []interface{}{"x=1&y"}, "/p?a=1", "x=1&y"},
		{"one arg template", []interface{}{"id=${id}"}, "/p?a=1", "id=42"},
		{"one arg empty", []interface{}{""}, "/p?a=1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := NewSetQuery().CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", tt.url, nil)
			ctx := filtertest.NewContext(r)
			ctx.FParams["id"] = "42"
			ctx.FParams["name"] = "user"
			f.Request(ctx)
			if r.URL.RawQuery != tt.want {
				t.Errorf("got %q, want %q", r.URL.RawQuery, tt.want)
			}
			if r.URL.Path != "/p" {
				t.Errorf("path changed to %q", r.URL.Path)
			}
			f.Response(ctx)
			if r.URL.RawQuery != tt.want {
				t.Errorf("Response changed the query to %q", r.URL.RawQuery)
			}
		})
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		args []interface{}
		want string
	}{
		{nil, "setQuery: expected 1 to 2 arguments, got 0"},
		{[]interface{}{"a", "b", "c"}, "setQuery: expected 1 to 2 arguments, got 3"},
		{[]interface{}{1.0}, "setQuery: argument 1 (key): expected a string, got number 1"},
		{[]interface{}{"a", 1.0}, "setQuery: argument 2 (value): expected a string, got number 1"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := NewSetQuery().CreateFilter(tt.args)
			if !errors.Is(err, filters.ErrInvalidFilterParameters) {
				t.Fatalf("got %v, want ErrInvalidFilterParameters", err)
			}
			if want := tt.want + ": invalid filter parameters"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
		})
	}
}
