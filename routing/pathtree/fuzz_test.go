package pathtree

import (
	"strings"
	"testing"
)

// FuzzCleanPath checks that CleanPath returns a clean path that it keeps.
func FuzzCleanPath(f *testing.F) {
	for _, s := range []string{"", "/", "a//b/./../c/", "/..", "/a/.", "./", "/%2e%2e/", "\x00/\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		c := CleanPath(p)
		if !strings.HasPrefix(c, "/") {
			t.Fatalf("CleanPath(%q): got %q, without a leading slash", p, c)
		}
		segs := strings.Split(c[1:], "/")
		for i, s := range segs {
			if s == "." || s == ".." || s == "" && i < len(segs)-1 {
				t.Errorf("CleanPath(%q): got %q, with segment %q", p, c, s)
			}
		}
		if again := CleanPath(c); again != c {
			t.Errorf("CleanPath(%q): got %q, then %q", p, c, again)
		}
		if strings.HasSuffix(p, "/") && !strings.HasSuffix(c, "/") {
			t.Errorf("CleanPath(%q): got %q, lost the trailing slash", p, c)
		}
	})
}

// FuzzTree checks that any pattern and path are handled without a panic,
// and that a valid pattern can be found again.
func FuzzTree(f *testing.F) {
	f.Add("/a/:x/*y", "/a/b/c/d")
	f.Add("/:a/b/", "/x/b/")
	f.Add("**", "//")
	f.Add("/a:b", "a")
	f.Add("/:", "")
	f.Fuzz(func(t *testing.T, pattern, path string) {
		base := mustTree("/a", "/:p/b", "/a/**", "/")
		key, names, err := ParsePattern(pattern)
		tr, setErr := base.Set(pattern, "v")
		if (err == nil) != (setErr == nil) {
			t.Fatalf("ParsePattern(%q) error %v, Set error %v", pattern, err, setErr)
		}
		if err == nil {
			if got := strings.Count(key, ":*") + strings.Count(key, "**"); got != len(names) {
				t.Errorf("ParsePattern(%q): key %q with %d names", pattern, key, len(names))
			}
			if v, ok := tr.Get(key); !ok || v != "v" {
				t.Errorf("Get(%q) after Set(%q): got %q %v", key, pattern, v, ok)
			}
			if checkErr := checkTree(tr); checkErr != nil {
				t.Error(checkErr)
			}
			tr.Delete(pattern)
		}
		buf := make([]string, 0, 4)
		tr.Lookup(path, buf, func(string, []string) bool { return false })
		tr.Lookup(CleanPath(path), buf, nil)
		if base.Len() != 4 {
			t.Errorf("the base tree changed")
		}
	})
}
