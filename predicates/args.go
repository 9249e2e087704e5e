package predicates

import (
	"github.com/openskipper/skipper/eskip"

	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// args is the argument list of one predicate call together with the
// predicate's name. Every spec of this package checks its arguments
// through it, so that all errors have the same shape:
//
//	<Name>: argument <n>: <what was expected>, got <value>: invalid predicate parameters
//
// Positions are counted from 1 in messages and from 0 in code.
type args struct {
	name string
	list []interface{}
}

func newArgs(name string, list []interface{}) args {
	return args{name: name, list: list}
}

// len returns the number of arguments.
func (a args) len() int { return len(a.list) }

// errorf returns an error about the call as a whole.
func (a args) errorf(format string, v ...any) error {
	return fmt.Errorf("%s: %s: %w", a.name, fmt.Sprintf(format, v...), ErrInvalidPredicateParameters)
}

// argErrorf returns an error about argument i.
func (a args) argErrorf(i int, format string, v ...any) error {
	return fmt.Errorf("%s: argument %d: %s: %w", a.name, i+1, fmt.Sprintf(format, v...), ErrInvalidPredicateParameters)
}

// argWrap returns an error about argument i caused by cause; errors.Is
// finds both cause and ErrInvalidPredicateParameters in it.
func (a args) argWrap(i int, cause error) error {
	return fmt.Errorf("%s: argument %d: %w: %w", a.name, i+1, cause, ErrInvalidPredicateParameters)
}

// expected returns the standard error for argument i not being what, e.g.
// "expected a string, got 3".
func (a args) expected(i int, what string) error {
	return a.argErrorf(i, "expected %s, got %s", what, describe(a.list[i]))
}

// exactly checks that there are n arguments.
func (a args) exactly(n int) error {
	if len(a.list) != n {
		return a.errorf("expected %s, got %d", plural(n, "argument"), len(a.list))
	}
	return nil
}

// atLeast checks that there are n or more arguments.
func (a args) atLeast(n int) error {
	if len(a.list) < n {
		return a.errorf("expected at least %s, got %d", plural(n, "argument"), len(a.list))
	}
	return nil
}

// oneOfCounts checks that the number of arguments is one of counts, given
// in increasing order.
func (a args) oneOfCounts(counts ...int) error {
	for _, n := range counts {
		if len(a.list) == n {
			return nil
		}
	}
	s := make([]string, len(counts))
	for i, n := range counts {
		s[i] = strconv.Itoa(n)
	}
	return a.errorf("expected %s or %s arguments, got %d",
		strings.Join(s[:len(s)-1], ", "), s[len(s)-1], len(a.list))
}

// isString tells whether argument i is a string.
func (a args) isString(i int) bool {
	_, ok := a.list[i].(string)
	return ok
}

// isNumber tells whether argument i is a number.
func (a args) isNumber(i int) bool {
	_, ok := eskip.NumberArg(a.list[i])
	return ok
}

// str returns argument i as a string.
func (a args) str(i int) (string, error) {
	s, ok := a.list[i].(string)
	if !ok {
		return "", a.expected(i, "a string")
	}
	return s, nil
}

// nonEmpty returns argument i as a non-empty string.
func (a args) nonEmpty(i int) (string, error) {
	s, ok := a.list[i].(string)
	if !ok || s == "" {
		return "", a.expected(i, "a non-empty string")
	}
	return s, nil
}

// strs returns the arguments from position from on as strings.
func (a args) strs(from int) ([]string, error) {
	out := make([]string, 0, len(a.list)-from)
	for i := from; i < len(a.list); i++ {
		s, err := a.str(i)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// number returns argument i as a finite number. Besides float64, which is
// what eskip produces, Go callers may pass any integer type.
func (a args) number(i int) (float64, error) {
	f, ok := eskip.NumberArg(a.list[i])
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, a.expected(i, "a number")
	}
	return f, nil
}

// numberIn returns argument i as a number in [lo, hi].
func (a args) numberIn(i int, lo, hi float64) (float64, error) {
	f, ok := eskip.NumberArg(a.list[i])
	if !ok || math.IsNaN(f) || f < lo || f > hi {
		return 0, a.expected(i, "a number between "+formatNumber(lo)+" and "+formatNumber(hi))
	}
	return f, nil
}

// int64At returns argument i as a number truncated to an int64.
func (a args) int64At(i int) (int64, error) {
	f, ok := eskip.NumberArg(a.list[i])
	// -2^63 is representable, 2^63 is not: the range is half-open.
	if !ok || math.IsNaN(f) || f < -(1<<63) || f >= 1<<63 {
		return 0, a.expected(i, "a number in the int64 range")
	}
	return int64(f), nil
}

// regexp compiles argument i as a regular expression (RE2 syntax).
func (a args) regexp(i int) (*regexp.Regexp, error) {
	s, err := a.str(i)
	if err != nil {
		return nil, a.expected(i, "a regular expression")
	}
	re, err := regexp.Compile(s)
	if err != nil {
		return nil, a.argWrap(i, err)
	}
	return re, nil
}

// describe renders an argument value for an error message: strings
// quoted, numbers as eskip writes them.
func describe(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return strconv.Quote(x)
	case float64:
		return formatNumber(x)
	}
	if f, ok := eskip.NumberArg(v); ok {
		return formatNumber(f)
	}
	return fmt.Sprintf("a value of type %T", v)
}

func formatNumber(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
