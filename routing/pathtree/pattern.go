package pathtree

import (
	"errors"
	"strconv"
	"strings"
)

// Canonical segments of a pattern key.
const (
	// paramKey stands for a parameter segment (":name") in a key.
	paramKey = ":*"
	// wildKey stands for a free wildcard segment ("*name") in a key.
	wildKey = "**"
	// anonymousName is the name of a free wildcard written "*" or "**".
	anonymousName = "*"
)

// Errors wrapped by PatternError, to be told apart with errors.Is.
var (
	// ErrWildcardInSegment means a ':' or '*' appears inside a segment
	// rather than at its start, as in "/a:b" or "/a/b*", or inside a
	// wildcard name, as in "/:a:b".
	ErrWildcardInSegment = errors.New("* or : in middle of path component")
	// ErrWildcardNotLast means a free wildcard ("*name") is followed by
	// another segment, as in "/a/*rest/b" or "/a/*rest/".
	ErrWildcardNotLast = errors.New("free wildcard param should be last")
	// ErrParamNoName means a parameter segment has no name, as in "/a/:".
	ErrParamNoName = errors.New("parameter needs a name")
)

// PatternError is the error returned for a pattern that ParsePattern
// rejects.
type PatternError struct {
	// Pattern is the pattern as given.
	Pattern string
	// Segment is the offending segment of the cleaned pattern.
	Segment string
	// Err is ErrWildcardInSegment, ErrWildcardNotLast or ErrParamNoName.
	Err error
}

// Error names the pattern, the reason and, for a misplaced ':' or '*', the
// segment, e.g. `path pattern "/a:b": * or : in middle of path component a:b`.
func (e *PatternError) Error() string {
	msg := "path pattern " + strconv.Quote(e.Pattern) + ": " + e.Err.Error()
	if errors.Is(e.Err, ErrWildcardInSegment) {
		msg += " " + e.Segment
	}
	return msg
}

// Unwrap returns the reason, one of the Err* values of this package.
func (e *PatternError) Unwrap() error { return e.Err }

// ParsePattern cleans a path pattern (see CleanPath) and returns its
// canonical key and the names of its wildcards in order.
//
// A segment that starts with ':' is a parameter named by the rest of the
// segment; it becomes ":*" in the key. A segment that starts with '*' is a
// free wildcard and must be the last segment; it becomes "**" in the key
// and is named by the rest of the segment, or "*" when that is empty or
// "*". So "/a/:x/*rest" and "/a/:y/*" have the same key "/a/:*/**", with
// names ["x" "rest"] and ["y" "*"]. A key is a valid pattern with the same
// key: ":*" is a parameter named "*".
//
// The error is a *PatternError wrapping ErrWildcardInSegment,
// ErrWildcardNotLast or ErrParamNoName.
func ParsePattern(pattern string) (key string, names []string, err error) {
	p, err := checkPattern(pattern)
	if err != nil || !hasWildcard(p) {
		return p, nil, err
	}
	var b strings.Builder
	b.Grow(len(p))
	for rest := p; rest != ""; {
		var seg string
		seg, rest = nextSegment(rest)
		switch segmentKind(seg) {
		case paramSegment:
			b.WriteString("/" + paramKey)
			names = append(names, seg[1:])
		case wildSegment:
			b.WriteString("/" + wildKey)
			name := seg[1:]
			if name == "" || name == "*" {
				name = anonymousName
			}
			names = append(names, name)
		default:
			b.WriteByte('/')
			b.WriteString(seg)
		}
	}
	return b.String(), names, nil
}

// checkPattern cleans pattern and checks its wildcards. The clean pattern
// is equivalent to its key: segments starting with ':' are parameters,
// a last segment starting with '*' is a free wildcard, and no other
// segment holds a ':' or '*'.
func checkPattern(pattern string) (string, error) {
	p := CleanPath(pattern)
	if !hasWildcard(p) {
		return p, nil
	}
	fail := func(seg string, reason error) (string, error) {
		return "", &PatternError{Pattern: pattern, Segment: seg, Err: reason}
	}
	for rest := p; rest != ""; {
		var seg string
		seg, rest = nextSegment(rest)
		switch segmentKind(seg) {
		case paramSegment:
			name := seg[1:]
			if name == "" {
				return fail(seg, ErrParamNoName)
			}
			if name != anonymousName && strings.ContainsAny(name, ":*") {
				return fail(seg, ErrWildcardInSegment)
			}
		case wildSegment:
			if rest != "" {
				return fail(seg, ErrWildcardNotLast)
			}
			if name := seg[1:]; name != "*" && strings.ContainsAny(name, ":*") {
				return fail(seg, ErrWildcardInSegment)
			}
		default:
			if strings.ContainsAny(seg, ":*") {
				return fail(seg, ErrWildcardInSegment)
			}
		}
	}
	return p, nil
}

// hasWildcard reports whether p holds a ':' or '*'.
func hasWildcard(p string) bool {
	return strings.IndexByte(p, ':') >= 0 || strings.IndexByte(p, '*') >= 0
}

// Kinds of segments in a checked pattern.
const (
	staticSegment = iota
	paramSegment
	wildSegment
)

// segmentKind tells the kind of a segment of a pattern that checkPattern
// accepted, or of a key.
func segmentKind(seg string) int {
	if seg != "" {
		switch seg[0] {
		case ':':
			return paramSegment
		case '*':
			return wildSegment
		}
	}
	return staticSegment
}

// nextSegment splits p, which starts with '/', into its first segment and
// the remainder, which is empty or starts with '/'.
func nextSegment(p string) (seg, rest string) {
	// Segments are short: a loop beats a call to strings.IndexByte.
	for i := 1; i < len(p); i++ {
		if p[i] == '/' {
			return p[1:i], p[i:]
		}
	}
	return p[1:], ""
}
