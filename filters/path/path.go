// Package path holds the filters that rewrite the request path: setPath
// and modPath.
package path

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/openskipper/skipper/filters"
)

// Names of the filters of this package.
const (
	SetPathName = "setPath"
	ModPathName = "modPath"
)

type setPathSpec struct{}

type setPathFilter struct {
	path *filters.Template
}

// NewSetPath returns the spec of setPath(path): it replaces the request
// path with the template path; placeholders that do not resolve become
// empty.
func NewSetPath() filters.Spec { return setPathSpec{} }

// Name returns "setPath".
func (setPathSpec) Name() string { return SetPathName }

// CreateFilter takes one string, the path template.
func (setPathSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(SetPathName, args)
	p := a.Template(0, "path")
	if err := a.Done(1); err != nil {
		return nil, err
	}
	return setPathFilter{path: p}, nil
}

// Request sets the path.
func (f setPathFilter) Request(ctx filters.FilterContext) {
	p, _ := f.path.Apply(ctx)
	setPath(ctx, p)
}

// Response does nothing.
func (setPathFilter) Response(filters.FilterContext) {}

// modPathSpec shares the compiled patterns of its filters.
type modPathSpec struct {
	patterns filters.RegexpCache
}

type modPathFilter struct {
	pattern     *regexp.Regexp
	replacement string
}

// NewModPath returns the spec of modPath(pattern, replacement): it
// replaces every match of pattern in the decoded request path with
// replacement, in which $1, ${name} refer to groups.
func NewModPath() filters.Spec { return &modPathSpec{} }

// Name returns "modPath".
func (*modPathSpec) Name() string { return ModPathName }

// CreateFilter takes a regular expression and a replacement string.
func (s *modPathSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	if f, ok := prefixFilter(args); ok {
		return f, nil
	}
	a := filters.ParseArgs(ModPathName, args).WithRegexpCache(&s.patterns)
	re := a.Regexp(0, "pattern")
	repl := a.String(1, "replacement")
	if err := a.Done(2); err != nil {
		return nil, err
	}
	return modPathFilter{pattern: re, replacement: repl}, nil
}

// Request rewrites the path.
func (f modPathFilter) Request(ctx filters.FilterContext) {
	u := ctx.Request().URL
	setPath(ctx, f.pattern.ReplaceAllString(u.Path, f.replacement))
}

// Response does nothing.
func (modPathFilter) Response(filters.FilterContext) {}

// modPathPrefixFilter is modPath with a pattern of the form ^literal and
// a replacement without group references: it rewrites paths as the
// regexp would, without an automaton per route (a large table has tens of
// thousands of such patterns: compiling them took 0.5 s of the load of
// 800,000 routes, and their automata 46 MB).
type modPathPrefixFilter struct {
	prefix      string
	replacement string
}

// regexpMeta are the bytes that make a pattern more than a literal: those
// regexp.QuoteMeta escapes.
const regexpMeta = `\.+*?()|[]{}^$`

// prefixFilter returns the modPathPrefixFilter of args when the pattern is
// "^" and ASCII bytes without regexp syntax, and the replacement has no "$".
func prefixFilter(args []interface{}) (filters.Filter, bool) {
	if len(args) != 2 {
		return nil, false
	}
	pattern, ok := args[0].(string)
	replacement, ok2 := args[1].(string)
	if !ok || !ok2 || !strings.HasPrefix(pattern, "^") || strings.Contains(replacement, "$") {
		return nil, false
	}
	prefix := pattern[1:]
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i]; c >= utf8.RuneSelf || strings.IndexByte(regexpMeta, c) >= 0 {
			return nil, false
		}
	}
	return modPathPrefixFilter{prefix: prefix, replacement: replacement}, true
}

// Request rewrites the path.
func (f modPathPrefixFilter) Request(ctx filters.FilterContext) {
	p := ctx.Request().URL.Path
	if strings.HasPrefix(p, f.prefix) {
		p = f.replacement + p[len(f.prefix):]
	}
	setPath(ctx, p)
}

// Response does nothing.
func (modPathPrefixFilter) Response(filters.FilterContext) {}

// setPath sets the decoded path and drops the encoded form, which no
// longer matches it.
func setPath(ctx filters.FilterContext, p string) {
	u := ctx.Request().URL
	u.Path = p
	u.RawPath = ""
}
