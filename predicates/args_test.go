package predicates

import (
	"errors"
	"math"
	"regexp/syntax"
	"testing"
)

func TestArgsErrors(t *testing.T) {
	type check func(a args) error
	tests := []struct {
		name  string
		args  []interface{}
		check check
		want  string
	}{
		{"exactly", []interface{}{"a"}, func(a args) error { return a.exactly(2) },
			"P: expected 2 arguments, got 1: invalid predicate parameters"},
		{"exactly one", nil, func(a args) error { return a.exactly(1) },
			"P: expected 1 argument, got 0: invalid predicate parameters"},
		{"at least", nil, func(a args) error { return a.atLeast(1) },
			"P: expected at least 1 argument, got 0: invalid predicate parameters"},
		{"one of two counts", []interface{}{1.0, 2.0}, func(a args) error { return a.oneOfCounts(1, 3) },
			"P: expected 1 or 3 arguments, got 2: invalid predicate parameters"},
		{"one of three counts", nil, func(a args) error { return a.oneOfCounts(1, 2, 4) },
			"P: expected 1, 2 or 4 arguments, got 0: invalid predicate parameters"},
		{"string got number", []interface{}{3.0}, func(a args) error { _, err := a.str(0); return err },
			"P: argument 1: expected a string, got 3: invalid predicate parameters"},
		{"non-empty got empty", []interface{}{"x", ""}, func(a args) error { _, err := a.nonEmpty(1); return err },
			`P: argument 2: expected a non-empty string, got "": invalid predicate parameters`},
		{"strs", []interface{}{"a", "b", true}, func(a args) error { _, err := a.strs(0); return err },
			"P: argument 3: expected a string, got a value of type bool: invalid predicate parameters"},
		{"number got string", []interface{}{"1"}, func(a args) error { _, err := a.number(0); return err },
			`P: argument 1: expected a number, got "1": invalid predicate parameters`},
		{"number NaN", []interface{}{math.NaN()}, func(a args) error { _, err := a.number(0); return err },
			"P: argument 1: expected a number, got NaN: invalid predicate parameters"},
		{"number Inf", []interface{}{math.Inf(1)}, func(a args) error { _, err := a.number(0); return err },
			"P: argument 1: expected a number, got +Inf: invalid predicate parameters"},
		{"number nil", []interface{}{nil}, func(a args) error { _, err := a.number(0); return err },
			"P: argument 1: expected a number, got nil: invalid predicate parameters"},
		{"number in range", []interface{}{1.5}, func(a args) error { _, err := a.numberIn(0, 0, 1); return err },
			"P: argument 1: expected a number between 0 and 1, got 1.5: invalid predicate parameters"},
		{"number in range below", []interface{}{-0.25}, func(a args) error { _, err := a.numberIn(0, 0, 1); return err },
			"P: argument 1: expected a number between 0 and 1, got -0.25: invalid predicate parameters"},
		{"int64 too large", []interface{}{1e19}, func(a args) error { _, err := a.int64At(0); return err },
			"P: argument 1: expected a number in the int64 range, got 10000000000000000000: invalid predicate parameters"},
		{"regexp not a string", []interface{}{1.0}, func(a args) error { _, err := a.regexp(0); return err },
			"P: argument 1: expected a regular expression, got 1: invalid predicate parameters"},
		{"regexp does not compile", []interface{}{"("}, func(a args) error { _, err := a.regexp(0); return err },
			"P: argument 1: error parsing regexp: missing closing ): `(`: invalid predicate parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(newArgs("P", tt.args))
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !errors.Is(err, ErrInvalidPredicateParameters) {
				t.Errorf("error %q does not wrap ErrInvalidPredicateParameters", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got %q, want %q", err.Error(), tt.want)
			}
		})
	}
}

func TestArgsRegexpKeepsCause(t *testing.T) {
	_, err := newArgs("P", []interface{}{"["}).regexp(0)
	var syntaxErr *syntax.Error
	if !errors.As(err, &syntaxErr) {
		t.Fatalf("got %v, want a wrapped *syntax.Error", err)
	}
	if syntaxErr.Code != syntax.ErrMissingBracket {
		t.Errorf("syntax error code got %q, want %q", syntaxErr.Code, syntax.ErrMissingBracket)
	}
}

func TestArgsValues(t *testing.T) {
	a := newArgs("P", []interface{}{"s", 2.5, 3, int64(-4), float32(0.5), uint8(7), -2.9})

	if s, err := a.str(0); err != nil || s != "s" {
		t.Errorf("str(0) got %q, %v, want %q", s, err, "s")
	}
	for i, want := range []float64{2.5, 3, -4, 0.5, 7} {
		if f, err := a.number(i + 1); err != nil || f != want {
			t.Errorf("number(%d) got %v, %v, want %v", i+1, f, err, want)
		}
	}
	if n, err := a.int64At(6); err != nil || n != -2 {
		t.Errorf("int64At(6) got %d, %v, want -2 (truncated)", n, err)
	}
	if f, err := a.numberIn(4, 0, 1); err != nil || f != 0.5 {
		t.Errorf("numberIn(4) got %v, %v, want 0.5", f, err)
	}
	if !a.isString(0) || a.isString(1) {
		t.Errorf("isString got %v, %v, want true, false", a.isString(0), a.isString(1))
	}
	if a.isNumber(0) || !a.isNumber(2) {
		t.Errorf("isNumber got %v, %v, want false, true", a.isNumber(0), a.isNumber(2))
	}
	if got := a.len(); got != 7 {
		t.Errorf("len() got %d, want 7", got)
	}
	for _, n := range []int{6, 7} {
		if err := a.exactly(n); (err == nil) != (n == 7) {
			t.Errorf("exactly(%d) got %v", n, err)
		}
	}
}
