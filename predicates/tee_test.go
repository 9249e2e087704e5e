package predicates

import "testing"

func TestTeeCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewTee(), []errorCase{
		{"no arguments", nil, "Tee: expected 1 argument, got 0: invalid predicate parameters"},
		{"two arguments", []interface{}{"a", "b"}, "Tee: expected 1 argument, got 2: invalid predicate parameters"},
		{"empty", []interface{}{""}, `Tee: argument 1: expected a non-empty string, got "": invalid predicate parameters`},
		{"number", []interface{}{1.0}, "Tee: argument 1: expected a non-empty string, got 1: invalid predicate parameters"},
	})
}

func TestTeeMatch(t *testing.T) {
	tests := []struct {
		name    string
		headers []string
		want    bool
	}{
		{"matching key", []string{"X-Tee-Loopback-Key", "shadow"}, true},
		{"lower-case header name", []string{"x-tee-loopback-key", "shadow"}, true},
		{"other key", []string{"X-Tee-Loopback-Key", "other"}, false},
		{"key differs in case", []string{"X-Tee-Loopback-Key", "Shadow"}, false},
		{"no header", nil, false},
	}
	p := mustCreate(t, NewTee(), "shadow")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.Match(request("/", tt.headers...)); got != tt.want {
				t.Errorf("Match(%v) got %v, want %v", tt.headers, got, tt.want)
			}
		})
	}
}
