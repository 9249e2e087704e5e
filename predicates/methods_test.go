package predicates

import (
	"net/http/httptest"
	"testing"
)

func TestMethodsCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewMethods(), []errorCase{
		{"no arguments", nil, "Methods: at least one method should be specified: invalid predicate parameters"},
		{"number", []interface{}{"GET", 2.0}, "Methods: argument 2: only string values are allowed, got 2: invalid predicate parameters"},
		{"unknown method", []interface{}{"get", "fetch"},
			"Methods: argument 2: method: FETCH is not allowed, expected one of GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE: invalid predicate parameters"},
		{"empty method", []interface{}{""},
			"Methods: argument 1: method:  is not allowed, expected one of GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE: invalid predicate parameters"},
	})
}

func TestMethodsMatch(t *testing.T) {
	tests := []struct {
		name   string
		args   []interface{}
		method string
		want   bool
	}{
		{"single", []interface{}{"GET"}, "GET", true},
		{"lower-case argument", []interface{}{"post"}, "POST", true},
		{"lower-case request method", []interface{}{"POST"}, "post", true},
		{"mixed case", []interface{}{"PaTcH"}, "pAtch", true},
		{"second of several", []interface{}{"GET", "DELETE"}, "DELETE", true},
		{"duplicates", []interface{}{"GET", "get"}, "GET", true},
		{"not in set", []interface{}{"GET", "HEAD"}, "PUT", false},
		{"all allowed", []interface{}{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"}, "TRACE", true},
		{"longer method", []interface{}{"GET"}, "GETS", false},
		{"non-ASCII look-alike", []interface{}{"POST"}, "PO\u017fT", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, NewMethods(), tt.args...)
			r := httptest.NewRequest("GET", "/", nil)
			r.Method = tt.method
			if got := p.Match(r); got != tt.want {
				t.Errorf("Match(%q) got %v, want %v", tt.method, got, tt.want)
			}
		})
	}
}
