package filters

import (
	"github.com/openskipper/skipper/eskip"

	"errors"
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"time"
)

// Args reads the arguments of one filter call into typed values. A filter
// spec creates one with ParseArgs, reads every argument once through the
// typed accessors, and finishes with Done (or DoneRange, DoneAtLeast),
// which checks the number of arguments and returns the first error:
//
//	a := filters.ParseArgs("setRequestHeader", args)
//	name := a.String(0, "header name")
//	value := a.Template(1, "header value")
//	if err := a.Done(2); err != nil {
//		return nil, err
//	}
//
// An accessor that fails records an error and returns the zero value, so a
// spec reads all its arguments without checking after each one. Positions
// are counted from 0 in code and from 1 in messages. Every error is an
// *ArgError and wraps ErrInvalidFilterParameters.
//
// Optional arguments are read only when present: check with Has first.
// An Args is used by one goroutine, during CreateFilter.
type Args struct {
	name string
	list []interface{}
	err  error
	rx   *RegexpCache
}

// ArgError is the error of a filter's arguments. It wraps
// ErrInvalidFilterParameters and, when a parser failed (a regular
// expression, a duration), that parser's error.
type ArgError struct {
	// Filter is the filter's name.
	Filter string
	// Position is the argument's position counted from 1, or 0 when the
	// error is about the call as a whole (the number of arguments).
	Position int
	// Argument names the argument, e.g. "header name"; may be empty.
	Argument string
	// Message says what was wrong.
	Message string
	// Err is the parser's error, or nil.
	Err error
}

// Error reads e.g. `setPath: argument 1 (path): expected a string, got
// number 3: invalid filter parameters`.
func (e *ArgError) Error() string {
	var b strings.Builder
	b.WriteString(e.Filter)
	b.WriteString(": ")
	if e.Position > 0 {
		b.WriteString("argument ")
		b.WriteString(strconv.Itoa(e.Position))
		if e.Argument != "" {
			b.WriteString(" (")
			b.WriteString(e.Argument)
			b.WriteString(")")
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	b.WriteString(": ")
	b.WriteString(ErrInvalidFilterParameters.Error())
	return b.String()
}

// Unwrap returns ErrInvalidFilterParameters and the parser's error, if
// any, for errors.Is and errors.As.
func (e *ArgError) Unwrap() []error {
	if e.Err != nil {
		return []error{e.Err, ErrInvalidFilterParameters}
	}
	return []error{ErrInvalidFilterParameters}
}

// ParseArgs starts reading the arguments args of the filter called name.
func ParseArgs(name string, args []interface{}) *Args {
	return &Args{name: name, list: args}
}

// WithRegexpCache makes Regexp take compiled regexps from c, so that the
// filters of one spec share them, and returns a.
func (a *Args) WithRegexpCache(c *RegexpCache) *Args {
	a.rx = c
	return a
}

// Len returns the number of arguments.
func (a *Args) Len() int { return len(a.list) }

// Has tells whether there is an argument at position i; use it before
// reading an optional argument.
func (a *Args) Has(i int) bool { return i >= 0 && i < len(a.list) }

// Err returns the first error recorded so far, or nil. It does not check
// the number of arguments.
func (a *Args) Err() error { return a.err }

// Done checks that there are exactly n arguments and returns the error
// about their number, or else the first error an accessor recorded.
func (a *Args) Done(n int) error {
	if len(a.list) != n {
		return a.callError(fmt.Sprintf("expected %s, got %d", plural(n), len(a.list)))
	}
	return a.err
}

// DoneRange is Done for min to max arguments.
func (a *Args) DoneRange(min, max int) error {
	if len(a.list) < min || len(a.list) > max {
		return a.callError(fmt.Sprintf("expected %d to %d arguments, got %d", min, max, len(a.list)))
	}
	return a.err
}

// DoneAtLeast is Done for min or more arguments.
func (a *Args) DoneAtLeast(min int) error {
	if len(a.list) < min {
		return a.callError(fmt.Sprintf("expected at least %s, got %d", plural(min), len(a.list)))
	}
	return a.err
}

// Fail records an error about argument i that the filter found itself,
// e.g. a value out of a range the accessors do not know. msg says what
// was wrong, e.g. "expected a port, got number 0".
func (a *Args) Fail(i int, what, msg string) {
	a.record(i, what, msg, nil)
}

// String returns argument i, which must be a string.
func (a *Args) String(i int, what string) string {
	v, ok := a.get(i, what)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		a.expected(i, what, "a string")
		return ""
	}
	return s
}

// NonEmptyString returns argument i, which must be a non-empty string.
func (a *Args) NonEmptyString(i int, what string) string {
	v, ok := a.get(i, what)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok || s == "" {
		a.expected(i, what, "a non-empty string")
		return ""
	}
	return s
}

// Strings returns the arguments from position from to the end, which must
// all be strings; none is an empty, non-nil slice.
func (a *Args) Strings(from int, what string) []string {
	out := make([]string, 0, max(len(a.list)-from, 0))
	for i := from; i < len(a.list); i++ {
		out = append(out, a.String(i, what))
	}
	return out
}

// Enum returns argument i, which must be a string equal to one of values.
func (a *Args) Enum(i int, what string, values ...string) string {
	v, ok := a.get(i, what)
	if !ok {
		return ""
	}
	s, isString := v.(string)
	if isString {
		for _, x := range values {
			if s == x {
				return s
			}
		}
	}
	quoted := make([]string, len(values))
	for j, x := range values {
		quoted[j] = strconv.Quote(x)
	}
	a.expected(i, what, "one of "+strings.Join(quoted, ", "))
	return ""
}

// Number returns argument i, which must be a finite number: a float64, as
// eskip produces, or any Go integer or float type.
func (a *Args) Number(i int, what string) float64 {
	v, ok := a.get(i, what)
	if !ok {
		return 0
	}
	f, ok := eskip.NumberArg(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		a.expected(i, what, "a number")
		return 0
	}
	return f
}

// Int returns argument i, a number, truncated towards zero: 2.9 gives 2,
// -2.9 gives -2. Numbers outside the range of int are errors.
func (a *Args) Int(i int, what string) int {
	v, ok := a.get(i, what)
	if !ok {
		return 0
	}
	f, ok := eskip.NumberArg(v)
	if !ok || math.IsNaN(f) || f < math.MinInt || f >= -math.MinInt {
		a.expected(i, what, "an integer")
		return 0
	}
	return int(f)
}

// Duration returns argument i, a string in the syntax of
// time.ParseDuration, e.g. "1.5s" or "300ms".
func (a *Args) Duration(i int, what string) time.Duration {
	v, ok := a.get(i, what)
	if !ok {
		return 0
	}
	s, ok := v.(string)
	if !ok {
		a.expected(i, what, "a duration string")
		return 0
	}
	return a.parseDuration(i, what, s)
}

// DurationOrMillis returns argument i, either a duration string as for
// Duration or a number of milliseconds (fractions kept down to the
// nanosecond).
func (a *Args) DurationOrMillis(i int, what string) time.Duration {
	return a.durationOr(i, what, time.Millisecond, "a duration string or a number of milliseconds")
}

// DurationOrSeconds returns argument i, either a duration string as for
// Duration or a number of seconds (fractions kept down to the
// nanosecond).
func (a *Args) DurationOrSeconds(i int, what string) time.Duration {
	return a.durationOr(i, what, time.Second, "a duration string or a number of seconds")
}

func (a *Args) durationOr(i int, what string, unit time.Duration, expectation string) time.Duration {
	v, ok := a.get(i, what)
	if !ok {
		return 0
	}
	if s, ok := v.(string); ok {
		return a.parseDuration(i, what, s)
	}
	f, ok := eskip.NumberArg(v)
	d := f * float64(unit)
	if !ok || math.IsNaN(d) || d <= math.MinInt64 || d >= math.MaxInt64 {
		a.expected(i, what, expectation)
		return 0
	}
	return time.Duration(d)
}

func (a *Args) parseDuration(i int, what, s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil {
		a.record(i, what, fmt.Sprintf("invalid duration %q", s), err)
		return 0
	}
	return d
}

// Regexp returns argument i, a string, compiled as a regular expression
// in Go's RE2 syntax (taken from the cache of WithRegexpCache, if set).
func (a *Args) Regexp(i int, what string) *regexp.Regexp {
	v, ok := a.get(i, what)
	if !ok {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		a.expected(i, what, "a regular expression string")
		return nil
	}
	var re *regexp.Regexp
	var err error
	if a.rx != nil {
		re, err = a.rx.Compile(s)
	} else {
		re, err = regexp.Compile(s)
	}
	if err != nil {
		msg := fmt.Sprintf("invalid regexp %q", s)
		var se *syntax.Error
		if errors.As(err, &se) {
			msg += ": " + string(se.Code)
		}
		a.record(i, what, msg, err)
		return nil
	}
	return re
}

// Template returns argument i, a string, parsed as a Template with
// ${...} placeholders.
func (a *Args) Template(i int, what string) *Template {
	v, ok := a.get(i, what)
	if !ok {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		a.expected(i, what, "a string")
		return nil
	}
	return NewTemplate(s)
}

// get returns argument i, recording an error when it is missing.
func (a *Args) get(i int, what string) (interface{}, bool) {
	if !a.Has(i) {
		a.record(i, what, "missing", nil)
		return nil, false
	}
	return a.list[i], true
}

// expected records "expected <expectation>, got <value>" for argument i.
func (a *Args) expected(i int, what, expectation string) {
	a.record(i, what, "expected "+expectation+", got "+describe(a.list[i]), nil)
}

// record keeps the first error.
func (a *Args) record(i int, what, msg string, cause error) {
	if a.err != nil {
		return
	}
	a.err = &ArgError{Filter: a.name, Position: i + 1, Argument: what, Message: msg, Err: cause}
}

func (a *Args) callError(msg string) error {
	return &ArgError{Filter: a.name, Message: msg}
}

// describe renders an argument for an error message with its kind:
// `string "x"`, `number 3`, `nil`.
func describe(v interface{}) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case string:
		return "string " + strconv.Quote(x)
	}
	if f, ok := eskip.NumberArg(v); ok {
		return "number " + strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprintf("%T %v", v, v)
}

func plural(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return strconv.Itoa(n) + " arguments"
}
