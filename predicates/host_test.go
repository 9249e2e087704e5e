package predicates

import "testing"

func TestHostAnyCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewHostAny(), []errorCase{
		{"no arguments", nil, "HostAny: expected at least 1 argument, got 0: invalid predicate parameters"},
		{"number", []interface{}{"a.example", 1.0}, "HostAny: argument 2: expected a string, got 1: invalid predicate parameters"},
	})
}

func TestHostAnyMatch(t *testing.T) {
	tests := []struct {
		name string
		args []interface{}
		host string
		want bool
	}{
		{"one host", []interface{}{"a.example"}, "a.example", true},
		{"second host", []interface{}{"a.example", "b.example"}, "b.example", true},
		{"other host", []interface{}{"a.example", "b.example"}, "c.example", false},
		{"port is part of the host", []interface{}{"a.example"}, "a.example:8080", false},
		{"host with port", []interface{}{"a.example:8080"}, "a.example:8080", true},
		{"case sensitive", []interface{}{"a.example"}, "A.example", false},
		{"no partial match", []interface{}{"a.example"}, "www.a.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, NewHostAny(), tt.args...)
			r := request("/")
			r.Host = tt.host
			if got := p.Match(r); got != tt.want {
				t.Errorf("Match(Host %q) got %v, want %v", tt.host, got, tt.want)
			}
		})
	}
}
