package pathtree

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// lookupFirst returns the value and captured values of the first match.
func lookupFirst[V any](t *Tree[V], path string) (v V, captured []string, ok bool) {
	ok = t.Lookup(path, nil, func(value V, c []string) bool {
		v, captured = value, slices.Clone(c)
		return true
	})
	return v, captured, ok
}

func TestLookupConformance(t *testing.T) {
	// The routes of the routing conformance table: a: Path("/foo"),
	// b: Path("/foo/"), c: Path("/foo/*rest"), d: PathSubtree("/bar"),
	// e: Path("/x/:id/y"). f is the root leaf, used when nothing matches.
	tree := NewBuilder[string](nil)
	for pattern, route := range map[string]string{
		"/foo":       "a",
		"/foo/":      "b",
		"/foo/*rest": "c",
		"/bar":       "d",
		"/bar/":      "d/",
		"/bar/**":    "d**",
		"/x/:id/y":   "e",
	} {
		if err := tree.Set(pattern, route); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		path     string
		want     string // "" for no match
		captured []string
	}{
		{"/foo", "a", nil},
		{"/foo/", "b", nil},
		{"/foo/a/b", "c", []string{"/a/b"}},
		{"/foo//a", "c", []string{"/a"}},
		{"/bar", "d", nil},
		{"/bar/", "d/", nil},
		{"/bar/x/y", "d**", []string{"/x/y"}},
		{"/barx", "", nil},
		{"/x/1/y", "e", []string{"1"}},
		{"/x/a+b/y", "e", []string{"a+b"}},
		{"/x//y", "", nil},
		{"/x/a/b/y", "", nil},
		{"/x/1/y/", "", nil},
		{"/foo/../bar", "d", nil},
		{"/", "", nil},
		{"/fo", "", nil},
		{"/foox", "", nil},
	}
	tr := tree.Tree()
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, captured, ok := lookupFirst(tr, CleanPath(tt.path))
			if tt.want == "" {
				if ok {
					t.Errorf("Lookup(%q): got %q %q, want no match", tt.path, got, captured)
				}
				return
			}
			if !ok || got != tt.want {
				t.Errorf("Lookup(%q): got %q (found %v), want %q", tt.path, got, ok, tt.want)
			}
			if !slices.Equal(captured, tt.captured) {
				t.Errorf("Lookup(%q) captured: got %q, want %q", tt.path, captured, tt.captured)
			}
		})
	}
}

func TestLookupWildcardsAndSlashes(t *testing.T) {
	tests := []struct {
		name     string
		patterns []string
		path     string
		want     string
		captured []string
	}{
		{"parameter takes a segment", []string{"/:id"}, "/x", "/:id", []string{"x"}},
		{"parameter not a trailing slash", []string{"/:id"}, "/x/", "", nil},
		{"parameter not the root", []string{"/:id"}, "/", "", nil},
		{"parameter before trailing slash", []string{"/a/:id/"}, "/a/b/", "/a/:id/", []string{"b"}},
		{"parameter before trailing slash needs it", []string{"/a/:id/"}, "/a/b", "", nil},
		{"root only matches root", []string{"/"}, "/", "/", nil},
		{"root does not match more", []string{"/"}, "/a", "", nil},
		{"root wildcard", []string{"/**"}, "/a/b", "/**", []string{"/a/b"}},
		{"root wildcard not root", []string{"/**"}, "/", "", nil},
		{"wildcard keeps trailing slash", []string{"/f/*p"}, "/f/a/", "/f/*p", []string{"/a/"}},
		{"wildcard takes a slash", []string{"/f/*p"}, "/f//", "/f/*p", []string{"//"}},
		{"wildcard not empty", []string{"/f/*p"}, "/f/", "", nil},
		{"wildcard not parent", []string{"/f/*p"}, "/f", "", nil},
		{"static before parameter", []string{"/u/:id", "/u/me"}, "/u/me", "/u/me", nil},
		{"parameter before wildcard", []string{"/u/*rest", "/u/:id"}, "/u/me", "/u/:id", []string{"me"}},
		{"wildcard when parameter fails deeper", []string{"/u/*rest", "/u/:id"}, "/u/me/x", "/u/*rest", []string{"/me/x"}},
		{"static dead end falls back", []string{"/a/b/c", "/a/:x/d"}, "/a/b/d", "/a/:x/d", []string{"b"}},
		{"static dead end falls back to wildcard", []string{"/a/b/c", "/a/**"}, "/a/b/d", "/a/**", []string{"/b/d"}},
		{"two parameters", []string{"/:a/:b"}, "/1/2", "/:a/:b", []string{"1", "2"}},
		{"parameter and wildcard", []string{"/s/:id/**"}, "/s/1/x/y", "/s/:id/**", []string{"1", "/x/y"}},
		{"captured reset on backtrack", []string{"/:a/x", "/**"}, "/1/y", "/**", []string{"/1/y"}},
		{"empty static segment is trailing slash", []string{"/a/"}, "/a/", "/a/", nil},
		{"non-ascii segment", []string{"/ä/:x"}, "/ä/ö", "/ä/:x", []string{"ö"}},
		{"empty tree", nil, "/a", "", nil},
		{"relative path", []string{"/a"}, "a", "", nil},
		{"empty path", []string{"/"}, "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustTree(tt.patterns...)
			got, captured, ok := lookupFirst(tr, tt.path)
			if tt.want == "" {
				if ok {
					t.Errorf("Lookup(%q): got %q %q, want no match", tt.path, got, captured)
				}
				return
			}
			if !ok || got != tt.want {
				t.Errorf("Lookup(%q): got %q (found %v), want %q", tt.path, got, ok, tt.want)
			}
			if !slices.Equal(captured, tt.captured) {
				t.Errorf("Lookup(%q) captured: got %q, want %q", tt.path, captured, tt.captured)
			}
		})
	}
}

func TestLookupBacktracking(t *testing.T) {
	tr := mustTree("/a/b/c", "/a/b/:x", "/a/b/**", "/a/:y/c", "/a/**", "/**", "/:z/b/c")
	tests := []struct {
		name   string
		path   string
		reject []string
		// offered lists every value offered to fn, in order, with its
		// captured values.
		offered []string
		want    string
	}{
		{"first accepted", "/a/b/c", nil, []string{"/a/b/c []"}, "/a/b/c"},
		{"static rejected falls to parameter", "/a/b/c", []string{"/a/b/c"},
			[]string{"/a/b/c []", `/a/b/:x ["c"]`}, "/a/b/:x"},
		{"then wildcard", "/a/b/c", []string{"/a/b/c", "/a/b/:x"},
			[]string{"/a/b/c []", `/a/b/:x ["c"]`, `/a/b/** ["/c"]`}, "/a/b/**"},
		{"then up a level", "/a/b/c", []string{"/a/b/c", "/a/b/:x", "/a/b/**"},
			[]string{"/a/b/c []", `/a/b/:x ["c"]`, `/a/b/** ["/c"]`, `/a/:y/c ["b"]`}, "/a/:y/c"},
		{"then up two levels", "/a/b/c", []string{"/a/b/c", "/a/b/:x", "/a/b/**", "/a/:y/c", "/a/**"},
			[]string{"/a/b/c []", `/a/b/:x ["c"]`, `/a/b/** ["/c"]`, `/a/:y/c ["b"]`, `/a/** ["/b/c"]`, `/:z/b/c ["a"]`}, "/:z/b/c"},
		{"everything rejected", "/a/b/c", []string{"/a/b/c", "/a/b/:x", "/a/b/**", "/a/:y/c", "/a/**", "/:z/b/c", "/**"},
			[]string{"/a/b/c []", `/a/b/:x ["c"]`, `/a/b/** ["/c"]`, `/a/:y/c ["b"]`, `/a/** ["/b/c"]`, `/:z/b/c ["a"]`, `/** ["/a/b/c"]`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var offered []string
			var got string
			ok := tr.Lookup(tt.path, make([]string, 0, 4), func(v string, captured []string) bool {
				offered = append(offered, fmt.Sprintf("%s %q", v, captured))
				if slices.Contains(tt.reject, v) {
					return false
				}
				got = v
				return true
			})
			if ok != (tt.want != "") || got != tt.want {
				t.Errorf("Lookup(%q): got %q (found %v), want %q", tt.path, got, ok, tt.want)
			}
			if !slices.Equal(offered, tt.offered) {
				t.Errorf("Lookup(%q) offered:\n got %q\nwant %q", tt.path, offered, tt.offered)
			}
		})
	}
}

func TestLookupCapturedBuffer(t *testing.T) {
	tr := mustTree("/a/:x/:y")
	buf := make([]string, 1, 4)
	buf[0] = "kept"
	var got []string
	tr.Lookup("/a/1/2", buf, func(_ string, captured []string) bool {
		got = slices.Clone(captured)
		return true
	})
	if want := []string{"kept", "1", "2"}; !slices.Equal(got, want) {
		t.Errorf("captured: got %q, want %q", got, want)
	}
	if ok := tr.Lookup("/a/1/2", nil, nil); !ok {
		t.Errorf("Lookup with nil fn: got false, want the first match accepted")
	}
}

func TestLookupNoAllocations(t *testing.T) {
	b := NewBuilder[int](nil)
	for i := range 1000 {
		for _, p := range []string{"/svc-%d/users/:id", "/svc-%d/static/*file", "/svc-%d/", "/svc-%d/health"} {
			if err := b.Set(fmt.Sprintf(p, i), i); err != nil {
				t.Fatal(err)
			}
		}
	}
	tr := b.Tree()
	buf := make([]string, 0, 8)
	var sink int
	accept := func(v int, captured []string) bool {
		sink += v + len(captured)
		return true
	}
	reject := func(v int, captured []string) bool {
		sink += v + len(captured)
		return false
	}
	for _, tt := range []struct {
		name, path string
		fn         func(int, []string) bool
	}{
		{"static", "/svc-500/health", accept},
		{"parameter", "/svc-500/users/42", accept},
		{"wildcard", "/svc-500/static/a/b.css", accept},
		{"trailing slash", "/svc-500/", accept},
		{"miss", "/svc-5000/health", accept},
		{"rejected everywhere", "/svc-500/users/42", reject},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if allocs := testing.AllocsPerRun(200, func() { tr.Lookup(tt.path, buf, tt.fn) }); allocs != 0 {
				t.Errorf("Lookup(%q): got %v allocations, want 0", tt.path, allocs)
			}
		})
	}
	_ = strconv.Itoa(sink)
}
