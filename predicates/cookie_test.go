package predicates

import "testing"

func TestCookieCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewCookie(), []errorCase{
		{"no arguments", nil, "Cookie: expected 2 arguments, got 0: invalid predicate parameters"},
		{"one argument", []interface{}{"c"}, "Cookie: expected 2 arguments, got 1: invalid predicate parameters"},
		{"three arguments", []interface{}{"c", "v", "x"}, "Cookie: expected 2 arguments, got 3: invalid predicate parameters"},
		{"number name", []interface{}{1.0, "v"}, "Cookie: argument 1: expected a string, got 1: invalid predicate parameters"},
		{"number value", []interface{}{"c", 1.0}, "Cookie: argument 2: expected a regular expression, got 1: invalid predicate parameters"},
		{"bad regexp", []interface{}{"c", "a(b"}, "Cookie: argument 2: error parsing regexp: missing closing ): `a(b`: invalid predicate parameters"},
	})
}

func TestCookieMatch(t *testing.T) {
	tests := []struct {
		name   string
		args   []interface{}
		cookie string // Cookie header, "" for none
		want   bool
	}{
		{"exact value", []interface{}{"flag", "^on$"}, "flag=on", true},
		{"unanchored", []interface{}{"flag", "on"}, "flag=turned-on", true},
		{"anchored mismatch", []interface{}{"flag", "^on$"}, "flag=turned-on", false},
		{"among others", []interface{}{"flag", "^on$"}, "a=1; flag=on; b=2", true},
		{"first of two wins", []interface{}{"flag", "^on$"}, "flag=off; flag=on", false},
		{"other cookie", []interface{}{"flag", "on"}, "other=on", false},
		{"no cookie", []interface{}{"flag", ".*"}, "", false},
		{"empty value matches empty regexp", []interface{}{"flag", "^$"}, "flag=", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, NewCookie(), tt.args...)
			r := request("/")
			if tt.cookie != "" {
				r.Header.Set("Cookie", tt.cookie)
			}
			if got := p.Match(r); got != tt.want {
				t.Errorf("Match(Cookie: %q) got %v, want %v", tt.cookie, got, tt.want)
			}
		})
	}
}
