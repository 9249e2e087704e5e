package predicates

import "testing"

func TestContentLengthBetweenCreateErrors(t *testing.T) {
	checkCreateErrors(t, NewContentLengthBetween(), []errorCase{
		{"no arguments", nil, "ContentLengthBetween: expected 2 arguments, got 0: invalid predicate parameters"},
		{"one argument", []interface{}{1.0}, "ContentLengthBetween: expected 2 arguments, got 1: invalid predicate parameters"},
		{"string min", []interface{}{"0", 10.0}, `ContentLengthBetween: argument 1: expected a number in the int64 range, got "0": invalid predicate parameters`},
		{"string max", []interface{}{0.0, "10"}, `ContentLengthBetween: argument 2: expected a number in the int64 range, got "10": invalid predicate parameters`},
		{"negative min", []interface{}{-1.0, 10.0}, "ContentLengthBetween: argument 1: expected a number >= 0, got -1: invalid predicate parameters"},
		{"max equals min", []interface{}{10.0, 10.0}, "ContentLengthBetween: argument 2: expected a number greater than min (10), got 10: invalid predicate parameters"},
		{"max below min", []interface{}{10.0, 5.0}, "ContentLengthBetween: argument 2: expected a number greater than min (10), got 5: invalid predicate parameters"},
		{"equal after truncation", []interface{}{1.2, 1.9}, "ContentLengthBetween: argument 2: expected a number greater than min (1), got 1.9: invalid predicate parameters"},
	})
}

func TestContentLengthBetweenMatch(t *testing.T) {
	tests := []struct {
		name   string
		min    float64
		max    float64
		length int64
		want   bool
	}{
		{"lower bound included", 10, 20, 10, true},
		{"inside", 10, 20, 15, true},
		{"upper bound excluded", 10, 20, 20, false},
		{"below", 10, 20, 9, false},
		{"zero length", 0, 1, 0, true},
		{"unknown length", 0, 100, -1, false},
		{"truncated bounds", 1.7, 3.2, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustCreate(t, NewContentLengthBetween(), tt.min, tt.max)
			r := request("/")
			r.ContentLength = tt.length
			if got := p.Match(r); got != tt.want {
				t.Errorf("Match(ContentLength %d) got %v, want %v", tt.length, got, tt.want)
			}
		})
	}
}
