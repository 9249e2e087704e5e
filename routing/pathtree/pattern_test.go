package pathtree

import (
	"errors"
	"slices"
	"testing"
)

func TestParsePattern(t *testing.T) {
	tests := []struct {
		name, pattern, key string
		names              []string
	}{
		{"root", "/", "/", nil},
		{"empty is root", "", "/", nil},
		{"static", "/foo", "/foo", nil},
		{"trailing slash", "/foo/", "/foo/", nil},
		{"cleaned", "foo//bar/./baz/../", "/foo/bar/", nil},
		{"parameter", "/x/:id/y", "/x/:*/y", []string{"id"}},
		{"two parameters", "/:a/:b", "/:*/:*", []string{"a", "b"}},
		{"parameter then trailing slash", "/a/:id/", "/a/:*/", []string{"id"}},
		{"free wildcard", "/foo/*rest", "/foo/**", []string{"rest"}},
		{"bare star", "/foo/*", "/foo/**", []string{"*"}},
		{"double star", "/foo/**", "/foo/**", []string{"*"}},
		{"root wildcard", "/**", "/**", []string{"*"}},
		{"parameter and wildcard", "/s/:id/*tail", "/s/:*/**", []string{"id", "tail"}},
		{"dot dot removes a wildcard", "/a/*x/..", "/a", nil},
		{"dot dot before wildcard", "/a/:b/../*c", "/a/**", []string{"c"}},
		{"canonical key", "/a/:*/**", "/a/:*/**", []string{"*", "*"}},
		{"unicode and punctuation", "/ä/b-c_d.e~f", "/ä/b-c_d.e~f", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, names, err := ParsePattern(tt.pattern)
			if err != nil {
				t.Fatalf("ParsePattern(%q): got error %v", tt.pattern, err)
			}
			if key != tt.key {
				t.Errorf("ParsePattern(%q) key: got %q, want %q", tt.pattern, key, tt.key)
			}
			if !slices.Equal(names, tt.names) {
				t.Errorf("ParsePattern(%q) names: got %q, want %q", tt.pattern, names, tt.names)
			}
		})
	}
}

func TestParsePatternErrors(t *testing.T) {
	tests := []struct {
		name, pattern string
		err           error
		msg           string
	}{
		{"colon in segment", "/a:b", ErrWildcardInSegment, `path pattern "/a:b": * or : in middle of path component a:b`},
		{"star in segment", "/a/b*", ErrWildcardInSegment, `path pattern "/a/b*": * or : in middle of path component b*`},
		{"colon in parameter name", "/:a:b", ErrWildcardInSegment, `path pattern "/:a:b": * or : in middle of path component :a:b`},
		{"star in parameter name", "/x/:a*", ErrWildcardInSegment, `path pattern "/x/:a*": * or : in middle of path component :a*`},
		{"colon in wildcard name", "/x/*a:b", ErrWildcardInSegment, `path pattern "/x/*a:b": * or : in middle of path component *a:b`},
		{"triple star", "/x/***", ErrWildcardInSegment, `path pattern "/x/***": * or : in middle of path component ***`},
		{"wildcard not last", "/a/*rest/b", ErrWildcardNotLast, `path pattern "/a/*rest/b": free wildcard param should be last`},
		{"wildcard before trailing slash", "/a/*rest/", ErrWildcardNotLast, `path pattern "/a/*rest/": free wildcard param should be last`},
		{"two wildcards", "/*a/*b", ErrWildcardNotLast, `path pattern "/*a/*b": free wildcard param should be last`},
		{"parameter without name", "/a/:", ErrParamNoName, `path pattern "/a/:": parameter needs a name`},
		{"parameter without name in middle", "/a/:/b", ErrParamNoName, `path pattern "/a/:/b": parameter needs a name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, names, err := ParsePattern(tt.pattern)
			if err == nil {
				t.Fatalf("ParsePattern(%q): got key %q names %q, want error %v", tt.pattern, key, names, tt.err)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("ParsePattern(%q): got error %v, want one wrapping %v", tt.pattern, err, tt.err)
			}
			var pe *PatternError
			if !errors.As(err, &pe) || pe.Pattern != tt.pattern {
				t.Errorf("ParsePattern(%q): got %#v, want a *PatternError naming the pattern", tt.pattern, err)
			}
			if err.Error() != tt.msg {
				t.Errorf("ParsePattern(%q) message: got %q, want %q", tt.pattern, err.Error(), tt.msg)
			}
		})
	}
}

func TestParsePatternNoAllocWhenStatic(t *testing.T) {
	p := "/api/v1/users"
	if allocs := testing.AllocsPerRun(100, func() { _, _, _ = ParsePattern(p) }); allocs != 0 {
		t.Errorf("ParsePattern(%q): got %v allocations, want 0", p, allocs)
	}
}
