package predicates

import "testing"

func TestQueryParamCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewQueryParam(), []errorCase{
		{"no arguments", nil, "QueryParam: expected 1 or 2 arguments, got 0: invalid predicate parameters"},
		{"three arguments", []interface{}{"a", "b", "c"}, "QueryParam: expected 1 or 2 arguments, got 3: invalid predicate parameters"},
		{"number name", []interface{}{1.0}, "QueryParam: argument 1: expected a string, got 1: invalid predicate parameters"},
		{"number regexp", []interface{}{"a", 1.0}, "QueryParam: argument 2: expected a regular expression, got 1: invalid predicate parameters"},
		{"bad regexp", []interface{}{"a", "*"}, "QueryParam: argument 2: error parsing regexp: missing argument to repetition operator: `*`: invalid predicate parameters"},
	})
}

func TestQueryParamMatch(t *testing.T) {
	tests := []struct {
		name  string
		args  []interface{}
		query string
		want  bool
	}{
		{"present", []interface{}{"q"}, "q=1", true},
		{"present with empty value", []interface{}{"q"}, "q=", true},
		{"present without equals sign", []interface{}{"q"}, "a=1&q", true},
		{"absent", []interface{}{"q"}, "a=1&qq=2", false},
		{"no query", []interface{}{"q"}, "", false},
		{"escaped key", []interface{}{"a b"}, "a+b=1", true},
		{"percent-escaped key", []interface{}{"a&b"}, "a%26b=1", true},
		{"badly escaped key is skipped", []interface{}{"q"}, "q%zz=1", false},
		{"semicolon pair is skipped", []interface{}{"q"}, "q=1;x=2", false},
		{"regexp matches", []interface{}{"q", "^ex"}, "q=example", true},
		{"regexp on decoded value", []interface{}{"q", "^a b$"}, "q=a%20b", true},
		{"some value matches", []interface{}{"q", "^two$"}, "q=one&q=two", true},
		{"no value matches", []interface{}{"q", "^three$"}, "q=one&q=two", false},
		{"regexp with missing key", []interface{}{"q", ".*"}, "x=1", false},
		{"badly escaped value is skipped", []interface{}{"q", ".*"}, "q=%zz", false},
		{"badly escaped value, good one later", []interface{}{"q", "^ok$"}, "q=%zz&q=ok", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, NewQueryParam(), tt.args...)
			r := request("/")
			r.URL.RawQuery = tt.query
			if got := p.Match(r); got != tt.want {
				t.Errorf("Match(?%s) got %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}
