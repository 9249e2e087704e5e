package config

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// RouteRewrite is one value of -edit-route or -clone-route: a regular
// expression and its replacement, applied to the predicates and filters of
// every route (see eskip.NewEditor and eskip.NewClone).
type RouteRewrite struct {
	// Regexp matches the part of a predicate or filter to replace.
	Regexp *regexp.Regexp
	// Repl replaces each match; $1 and ${name} refer to groups.
	Repl string
	// source is the value as it was given, for String.
	source string
}

// String returns the value as it was given.
func (r RouteRewrite) String() string {
	return r.source
}

// ParseRouteRewrite parses `<sep>regexp<sep>replacement<sep>`, where the
// first character is the separator, e.g. `/Source[(](.*)[)]/ClientIP($1)/`
// or `#Host[(]"old"[)]#Host("new")#`. The separator may not occur in the
// regexp or the replacement; the regexp may not be empty.
func ParseRouteRewrite(s string) (RouteRewrite, error) {
	sep, size := utf8.DecodeRuneInString(s)
	if s == "" || sep == utf8.RuneError {
		return RouteRewrite{}, fmt.Errorf("expected <sep>regexp<sep>replacement<sep>, got %q", s)
	}
	parts := strings.Split(s[size:], string(sep))
	if len(parts) != 3 || parts[2] != "" {
		return RouteRewrite{}, fmt.Errorf("expected <sep>regexp<sep>replacement<sep> with the separator %q three times, got %q", sep, s)
	}
	if parts[0] == "" {
		return RouteRewrite{}, fmt.Errorf("empty regexp in %q", s)
	}
	rx, err := regexp.Compile(parts[0])
	if err != nil {
		return RouteRewrite{}, fmt.Errorf("invalid regexp in %q: %w", s, err)
	}
	return RouteRewrite{Regexp: rx, Repl: parts[1], source: s}, nil
}
