package path

import (
	"errors"
	"net/http/httptest"
	"regexp"
	"testing"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/filtertest"
)

func TestPathFilters(t *testing.T) {
	tests := []struct {
		name    string
		spec    filters.Spec
		args    []interface{}
		url     string
		want    string // URL.Path
		wantURL string // RequestURI of the URL
	}{
		{"set literal", NewSetPath(), []interface{}{"/new"}, "/old?q=1", "/new", "/new?q=1"},
		{"set template", NewSetPath(), []interface{}{"/users/${id}"}, "/u/42", "/users/42", "/users/42"},
		{"set unresolved is empty", NewSetPath(), []interface{}{"/x/${nope}/y"}, "/old", "/x//y", "/x//y"},
		{"set drops raw path", NewSetPath(), []interface{}{"/a b"}, "/old%2Fpath", "/a b", "/a%20b"},
		{"set from request", NewSetPath(), []interface{}{"${request.path}/more"}, "/base", "/base/more", "/base/more"},
		{"mod prefix", NewModPath(), []interface{}{"^/api", "/v2"}, "/api/users?x=y", "/v2/users", "/v2/users?x=y"},
		{"mod groups", NewModPath(), []interface{}{"/(\\w+)/(\\w+)", "/$2/$1"}, "/a/b", "/b/a", "/b/a"},
		{"mod all matches", NewModPath(), []interface{}{"o", "0"}, "/foo/boo", "/f00/b00", "/f00/b00"},
		{"mod no match", NewModPath(), []interface{}{"zzz", "y"}, "/foo", "/foo", "/foo"},
		{"mod decoded path", NewModPath(), []interface{}{" ", "-"}, "/a%20b", "/a-b", "/a-b"},
		{"mod empty result", NewModPath(), []interface{}{".*", ""}, "/a", "", "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.spec.CreateFilter(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			r := httptest.NewRequest("GET", tt.url, nil)
			ctx := filtertest.NewContext(r)
			ctx.FParams["id"] = "42"
			f.Request(ctx)
			if r.URL.Path != tt.want {
				t.Errorf("path got %q, want %q", r.URL.Path, tt.want)
			}
			if got := r.URL.RequestURI(); got != tt.wantURL {
				t.Errorf("request URI got %q, want %q", got, tt.wantURL)
			}
			before := r.URL.String()
			f.Response(ctx)
			if r.URL.String() != before {
				t.Errorf("Response changed the URL to %q", r.URL)
			}
		})
	}
}

func TestArgumentErrors(t *testing.T) {
	tests := []struct {
		spec filters.Spec
		args []interface{}
		want string
	}{
		{NewSetPath(), nil, "setPath: expected 1 argument, got 0"},
		{NewSetPath(), []interface{}{"/a", "/b"}, "setPath: expected 1 argument, got 2"},
		{NewSetPath(), []interface{}{1.0}, "setPath: argument 1 (path): expected a string, got number 1"},
		{NewModPath(), []interface{}{"a"}, "modPath: expected 2 arguments, got 1"},
		{NewModPath(), []interface{}{"a", "b", "c"}, "modPath: expected 2 arguments, got 3"},
		{NewModPath(), []interface{}{"(", "x"}, `modPath: argument 1 (pattern): invalid regexp "(": missing closing )`},
		{NewModPath(), []interface{}{1.0, "x"}, "modPath: argument 1 (pattern): expected a regular expression string, got number 1"},
		{NewModPath(), []interface{}{"a", 2.0}, "modPath: argument 2 (replacement): expected a string, got number 2"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := tt.spec.CreateFilter(tt.args)
			if !errors.Is(err, filters.ErrInvalidFilterParameters) {
				t.Fatalf("got %v, want ErrInvalidFilterParameters", err)
			}
			if want := tt.want + ": invalid filter parameters"; err.Error() != want {
				t.Errorf("got %q, want %q", err, want)
			}
		})
	}
}

// TestModPathPrefixMatchesTheRegexp checks that patterns of the form
// ^literal rewrite paths without a regexp, and exactly as the regexp does.
func TestModPathPrefixMatchesTheRegexp(t *testing.T) {
	for _, tt := range []struct {
		pattern, replacement string
		prefix               bool // served without a regexp
	}{
		{"^/api/v3/", "/v2/", true},
		{"^/shop-3/api", "", true},
		{"^", "/root", true},
		{"^/a b", "/x", true},
		{"^/api/v3/", "/$1/", false},
		{"^/api.v3", "/v2", false},
		{"^/api/(v3)", "/v2", false},
		{"^/ä", "/a", false},
		{"/api", "/v2", false},
		{`^\/api`, "/v2", false},
	} {
		t.Run(tt.pattern+"→"+tt.replacement, func(t *testing.T) {
			f, err := NewModPath().CreateFilter([]interface{}{tt.pattern, tt.replacement})
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := f.(modPathPrefixFilter); ok != tt.prefix {
				t.Fatalf("served without a regexp: %v, want %v", ok, tt.prefix)
			}
			re := regexp.MustCompile(tt.pattern)
			for _, p := range []string{"/api/v3/items", "/api/v3", "/apix/v3/", "/shop-3/api/x", "/", "", "/a b/c", "/ä/x", "/x/api/v3/"} {
				r := httptest.NewRequest("GET", "/", nil)
				r.URL.Path = p
				f.Request(filtertest.NewContext(r))
				if want := re.ReplaceAllString(p, tt.replacement); r.URL.Path != want {
					t.Errorf("path %q: got %q, the regexp gives %q", p, r.URL.Path, want)
				}
			}
		})
	}
}
