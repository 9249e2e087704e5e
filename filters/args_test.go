package filters

import (
	"errors"
	"math"
	"regexp/syntax"
	"testing"
	"time"
)

func TestArgsErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []interface{}
		check func(a *Args) error
		want  string
	}{
		{"done exact", []interface{}{1.0, 2.0}, func(a *Args) error { a.Int(0, "code"); return a.Done(1) },
			"status: expected 1 argument, got 2"},
		{"done exact plural", nil, func(a *Args) error { return a.Done(2) },
			"status: expected 2 arguments, got 0"},
		{"done wins over argument errors", []interface{}{"x", "y"}, func(a *Args) error { a.Int(0, "code"); return a.Done(1) },
			"status: expected 1 argument, got 2"},
		{"done range low", nil, func(a *Args) error { return a.DoneRange(1, 2) },
			"status: expected 1 to 2 arguments, got 0"},
		{"done range high", []interface{}{"a", "b", "c"}, func(a *Args) error { return a.DoneRange(1, 2) },
			"status: expected 1 to 2 arguments, got 3"},
		{"done at least", nil, func(a *Args) error { return a.DoneAtLeast(1) },
			"status: expected at least 1 argument, got 0"},
		{"missing", nil, func(a *Args) error { a.String(0, "name"); return a.Err() },
			"status: argument 1 (name): missing"},
		{"string got number", []interface{}{"X", 3.0}, func(a *Args) error { a.String(1, "header value"); return a.Done(2) },
			"status: argument 2 (header value): expected a string, got number 3"},
		{"string got nil", []interface{}{nil}, func(a *Args) error { a.String(0, ""); return a.Done(1) },
			"status: argument 1: expected a string, got nil"},
		{"string got bool", []interface{}{true}, func(a *Args) error { a.String(0, "v"); return a.Done(1) },
			"status: argument 1 (v): expected a string, got bool true"},
		{"first error wins", []interface{}{1.0, 2.0}, func(a *Args) error { a.String(0, "a"); a.String(1, "b"); return a.Done(2) },
			"status: argument 1 (a): expected a string, got number 1"},
		{"non-empty got empty", []interface{}{""}, func(a *Args) error { a.NonEmptyString(0, "name"); return a.Done(1) },
			`status: argument 1 (name): expected a non-empty string, got string ""`},
		{"non-empty got number", []interface{}{1.5}, func(a *Args) error { a.NonEmptyString(0, "name"); return a.Done(1) },
			`status: argument 1 (name): expected a non-empty string, got number 1.5`},
		{"strings", []interface{}{"a", "b", 2.0}, func(a *Args) error { a.Strings(0, "origin"); return a.DoneAtLeast(0) },
			"status: argument 3 (origin): expected a string, got number 2"},
		{"enum", []interface{}{"yes"}, func(a *Args) error { a.Enum(0, "flag", "true", "false"); return a.Done(1) },
			`status: argument 1 (flag): expected one of "true", "false", got string "yes"`},
		{"enum got number", []interface{}{1.0}, func(a *Args) error { a.Enum(0, "flag", "true"); return a.Done(1) },
			`status: argument 1 (flag): expected one of "true", got number 1`},
		{"number got string", []interface{}{"1"}, func(a *Args) error { a.Number(0, "n"); return a.Done(1) },
			`status: argument 1 (n): expected a number, got string "1"`},
		{"number NaN", []interface{}{math.NaN()}, func(a *Args) error { a.Number(0, "n"); return a.Done(1) },
			"status: argument 1 (n): expected a number, got number NaN"},
		{"number Inf", []interface{}{math.Inf(-1)}, func(a *Args) error { a.Number(0, "n"); return a.Done(1) },
			"status: argument 1 (n): expected a number, got number -Inf"},
		{"int got string", []interface{}{"200"}, func(a *Args) error { a.Int(0, "status code"); return a.Done(1) },
			`status: argument 1 (status code): expected an integer, got string "200"`},
		{"int too large", []interface{}{1e19}, func(a *Args) error { a.Int(0, "n"); return a.Done(1) },
			"status: argument 1 (n): expected an integer, got number 10000000000000000000"},
		{"int too small", []interface{}{-1e19}, func(a *Args) error { a.Int(0, "n"); return a.Done(1) },
			"status: argument 1 (n): expected an integer, got number -10000000000000000000"},
		{"int NaN", []interface{}{math.NaN()}, func(a *Args) error { a.Int(0, "n"); return a.Done(1) },
			"status: argument 1 (n): expected an integer, got number NaN"},
		{"duration got number", []interface{}{1.0}, func(a *Args) error { a.Duration(0, "timeout"); return a.Done(1) },
			"status: argument 1 (timeout): expected a duration string, got number 1"},
		{"duration bad", []interface{}{"1 s"}, func(a *Args) error { a.Duration(0, "timeout"); return a.Done(1) },
			`status: argument 1 (timeout): invalid duration "1 s"`},
		{"duration or millis got bool", []interface{}{false}, func(a *Args) error { a.DurationOrMillis(0, "d"); return a.Done(1) },
			"status: argument 1 (d): expected a duration string or a number of milliseconds, got bool false"},
		{"duration or millis too large", []interface{}{1e20}, func(a *Args) error { a.DurationOrMillis(0, "d"); return a.Done(1) },
			"status: argument 1 (d): expected a duration string or a number of milliseconds, got number 100000000000000000000"},
		{"duration or millis bad string", []interface{}{"x"}, func(a *Args) error { a.DurationOrMillis(0, "d"); return a.Done(1) },
			`status: argument 1 (d): invalid duration "x"`},
		{"duration or seconds NaN", []interface{}{math.NaN()}, func(a *Args) error { a.DurationOrSeconds(0, "d"); return a.Done(1) },
			"status: argument 1 (d): expected a duration string or a number of seconds, got number NaN"},
		{"regexp bad", []interface{}{"("}, func(a *Args) error { a.Regexp(0, "pattern"); return a.Done(1) },
			`status: argument 1 (pattern): invalid regexp "(": missing closing )`},
		{"regexp got number", []interface{}{1.0}, func(a *Args) error { a.Regexp(0, "pattern"); return a.Done(1) },
			"status: argument 1 (pattern): expected a regular expression string, got number 1"},
		{"template got number", []interface{}{1.0}, func(a *Args) error { a.Template(0, "path"); return a.Done(1) },
			"status: argument 1 (path): expected a string, got number 1"},
		{"fail", []interface{}{0.0}, func(a *Args) error { a.Fail(0, "port", "expected a port, got number 0"); return a.Done(1) },
			"status: argument 1 (port): expected a port, got number 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(ParseArgs("status", tt.args))
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !errors.Is(err, ErrInvalidFilterParameters) {
				t.Errorf("error %q does not wrap ErrInvalidFilterParameters", err)
			}
			want := tt.want + ": invalid filter parameters"
			if err.Error() != want {
				t.Errorf("got %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestArgsErrorKeepsCause(t *testing.T) {
	a := ParseArgs("modPath", []interface{}{"[", "x"})
	a.Regexp(0, "pattern")
	err := a.Done(2)
	var se *syntax.Error
	if !errors.As(err, &se) {
		t.Fatalf("got %v, want a wrapped *syntax.Error", err)
	}
	if se.Code != syntax.ErrMissingBracket {
		t.Errorf("got code %q, want %q", se.Code, syntax.ErrMissingBracket)
	}
	var ae *ArgError
	if !errors.As(err, &ae) {
		t.Fatalf("got %v, want an *ArgError", err)
	}
	if ae.Filter != "modPath" || ae.Position != 1 || ae.Argument != "pattern" {
		t.Errorf("got %q %d %q, want modPath 1 pattern", ae.Filter, ae.Position, ae.Argument)
	}

	a = ParseArgs("backendTimeout", []interface{}{"soon"})
	a.Duration(0, "timeout")
	if !errors.As(a.Done(1), &ae) || ae.Err == nil {
		t.Errorf("got %v, want an *ArgError carrying the time.ParseDuration error", a.Done(1))
	}
}

func TestArgsValues(t *testing.T) {
	a := ParseArgs("f", []interface{}{
		"s", 2.9, -2.9, int64(7), "1.5s", 250.0, 1.5, "(a+)", "/x/${id}", "b", uint8(3), "", "x", "y",
	})
	if got := a.Len(); got != 14 {
		t.Errorf("Len got %d, want 14", got)
	}
	if got := a.String(0, ""); got != "s" {
		t.Errorf("String got %q, want %q", got, "s")
	}
	if got := a.Int(1, ""); got != 2 {
		t.Errorf("Int(2.9) got %d, want 2", got)
	}
	if got := a.Int(2, ""); got != -2 {
		t.Errorf("Int(-2.9) got %d, want -2", got)
	}
	if got := a.Int(3, ""); got != 7 {
		t.Errorf("Int(int64 7) got %d, want 7", got)
	}
	if got := a.Number(1, ""); got != 2.9 {
		t.Errorf("Number got %v, want 2.9", got)
	}
	if got := a.Number(10, ""); got != 3 {
		t.Errorf("Number(uint8) got %v, want 3", got)
	}
	if got := a.Duration(4, ""); got != 1500*time.Millisecond {
		t.Errorf("Duration got %v, want 1.5s", got)
	}
	if got := a.DurationOrMillis(4, ""); got != 1500*time.Millisecond {
		t.Errorf("DurationOrMillis(string) got %v, want 1.5s", got)
	}
	if got := a.DurationOrMillis(5, ""); got != 250*time.Millisecond {
		t.Errorf("DurationOrMillis(250) got %v, want 250ms", got)
	}
	if got := a.DurationOrSeconds(6, ""); got != 1500*time.Millisecond {
		t.Errorf("DurationOrSeconds(1.5) got %v, want 1.5s", got)
	}
	if re := a.Regexp(7, ""); re == nil || re.ReplaceAllString("aab", "<$1>") != "<aa>b" {
		t.Errorf("Regexp got %v, want (a+)", re)
	}
	if tpl := a.Template(8, ""); tpl == nil || tpl.String() != "/x/${id}" {
		t.Errorf("Template got %v, want /x/${id}", tpl)
	}
	if got := a.Enum(9, "", "a", "b"); got != "b" {
		t.Errorf("Enum got %q, want %q", got, "b")
	}
	if got := a.String(11, ""); got != "" {
		t.Errorf("String(empty) got %q, want empty", got)
	}
	if got := a.Strings(12, ""); len(got) != 2 || got[0] != "x" || got[1] != "y" {
		t.Errorf("Strings got %q, want [x y]", got)
	}
	if !a.Has(13) || a.Has(14) || a.Has(-1) {
		t.Errorf("Has got %v %v %v, want true false false", a.Has(13), a.Has(14), a.Has(-1))
	}
	if err := a.Done(14); err != nil {
		t.Errorf("Done got %v, want nil", err)
	}
	if err := a.DoneRange(1, 14); err != nil {
		t.Errorf("DoneRange got %v, want nil", err)
	}
	if err := a.DoneAtLeast(14); err != nil {
		t.Errorf("DoneAtLeast got %v, want nil", err)
	}
}

func TestArgsStringsEmpty(t *testing.T) {
	a := ParseArgs("f", nil)
	got := a.Strings(0, "")
	if got == nil || len(got) != 0 {
		t.Errorf("Strings got %#v, want an empty non-nil slice", got)
	}
	if got := a.Strings(3, ""); got == nil || len(got) != 0 {
		t.Errorf("Strings past the end got %#v, want an empty non-nil slice", got)
	}
}

func TestArgsZeroValuesOnError(t *testing.T) {
	a := ParseArgs("f", []interface{}{1.0})
	if got := a.String(0, ""); got != "" {
		t.Errorf("String got %q, want empty", got)
	}
	if got := a.Regexp(0, ""); got != nil {
		t.Errorf("Regexp got %v, want nil", got)
	}
	if got := a.Template(0, ""); got != nil {
		t.Errorf("Template got %v, want nil", got)
	}
	if got := a.Duration(0, ""); got != 0 {
		t.Errorf("Duration got %v, want 0", got)
	}
	if got := a.Int(5, ""); got != 0 {
		t.Errorf("Int of a missing argument got %d, want 0", got)
	}
	if a.Err() == nil {
		t.Errorf("Err got nil, want the first error")
	}
}
