package pathtree

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

// walkAll returns the "pattern=value" pairs of t in Walk order.
func walkAll[V any](t *Tree[V]) []string {
	var got []string
	t.Walk(func(p string, v V) bool {
		got = append(got, fmt.Sprintf("%s=%v", p, v))
		return true
	})
	return got
}

func TestNilAndZeroTrees(t *testing.T) {
	for name, tr := range map[string]*Tree[int]{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			if n := tr.Len(); n != 0 {
				t.Errorf("Len: got %d, want 0", n)
			}
			if _, ok := tr.Get("/a"); ok {
				t.Errorf("Get: got a value, want none")
			}
			if tr.Lookup("/a", nil, nil) {
				t.Errorf("Lookup: got a match, want none")
			}
			if got := walkAll(tr); got != nil {
				t.Errorf("Walk: got %q, want nothing", got)
			}
			if got := tr.Delete("/a"); got.Len() != 0 {
				t.Errorf("Delete: got Len %d, want 0", got.Len())
			}
			next, err := tr.Set("/a", 1)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := next.Get("/a"); !ok || v != 1 {
				t.Errorf("Get after Set: got %d %v, want 1 true", v, ok)
			}
		})
	}
}

func TestGetSetNormalises(t *testing.T) {
	tr := mustTree("/a/:x/*rest", "b/./c/", "/")
	tests := []struct {
		pattern string
		want    string
		found   bool
	}{
		{"/a/:x/*rest", "/a/:x/*rest", true},
		{"/a/:other/*", "/a/:x/*rest", true},
		{"/a/:*/**", "/a/:x/*rest", true},
		{"/b/c/", "b/./c/", true},
		{"b//c/", "b/./c/", true},
		{"/b/c", "", false},
		{"/b", "", false},
		{"", "/", true},
		{"/a/:x", "", false},
		{"/a:b", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got, ok := tr.Get(tt.pattern)
			if ok != tt.found || got != tt.want {
				t.Errorf("Get(%q): got %q %v, want %q %v", tt.pattern, got, ok, tt.want, tt.found)
			}
		})
	}
}

func TestSetErrors(t *testing.T) {
	tr := mustTree("/a")
	for _, p := range []string{"/a:b", "/x/*y/z", "/:"} {
		t.Run(p, func(t *testing.T) {
			next, err := tr.Set(p, "v")
			var pe *PatternError
			if !errors.As(err, &pe) {
				t.Errorf("Set(%q): got error %v, want a *PatternError", p, err)
			}
			if next != tr {
				t.Errorf("Set(%q): got a new tree, want the old one back", p)
			}
			b := NewBuilder(tr)
			if err := b.Set(p, "v"); err == nil {
				t.Errorf("Builder.Set(%q): got no error", p)
			}
			if got := b.Tree(); got.Len() != 1 || countNodes(got) != 2 {
				t.Errorf("Builder.Set(%q) changed the tree: Len %d, %d nodes", p, got.Len(), countNodes(got))
			}
		})
	}
}

func TestLenAndReplace(t *testing.T) {
	tr := &Tree[int]{}
	steps := []struct {
		op      string
		pattern string
		want    int
	}{
		{"set", "/a", 1},
		{"set", "/a/b", 2},
		{"set", "/a", 2},
		{"set", "/a/:x", 3},
		{"set", "/a/:y", 3},
		{"set", "/a/**", 4},
		{"delete", "/a/nope", 4},
		{"delete", "/a:b", 4},
		{"delete", "/a", 3},
		{"delete", "/a", 3},
		{"delete", "/a/:z", 2},
		{"delete", "/a/*", 1},
		{"delete", "/a/b", 0},
	}
	for i, s := range steps {
		switch s.op {
		case "set":
			var err error
			if tr, err = tr.Set(s.pattern, i); err != nil {
				t.Fatal(err)
			}
		case "delete":
			tr = tr.Delete(s.pattern)
		}
		if got := tr.Len(); got != s.want {
			t.Errorf("step %d (%s %q): Len got %d, want %d", i, s.op, s.pattern, got, s.want)
		}
		if err := checkTree(tr); err != nil {
			t.Errorf("step %d (%s %q): %v", i, s.op, s.pattern, err)
		}
	}
	if tr.root != nil {
		t.Errorf("tree with no patterns keeps a root")
	}
}

func TestDeleteRemovesEmptyBranches(t *testing.T) {
	tests := []struct {
		name   string
		keep   []string
		remove string
	}{
		{"static chain", []string{"/a"}, "/a/b/c/d"},
		{"parameter chain", []string{"/a"}, "/a/:x/:y/z"},
		{"wildcard", []string{"/a/b"}, "/a/**"},
		{"keeps shared prefix", []string{"/a/b/c"}, "/a/b/d/e"},
		{"trailing slash", []string{"/a"}, "/a/"},
		{"root", []string{"/a"}, "/"},
		{"only pattern", nil, "/x/y/z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := mustTree(tt.keep...)
			with, err := base.Set(tt.remove, "x")
			if err != nil {
				t.Fatal(err)
			}
			without := with.Delete(tt.remove)
			if got, want := countNodes(without), countNodes(base); got != want {
				t.Errorf("after Delete(%q): got %d nodes, want %d", tt.remove, got, want)
			}
			if got, want := walkAll(without), walkAll(base); !slices.Equal(got, want) {
				t.Errorf("after Delete(%q): got %q, want %q", tt.remove, got, want)
			}
			if err := checkTree(without); err != nil {
				t.Error(err)
			}
			b := NewBuilder(with)
			b.Delete(tt.remove)
			if got, want := countNodes(b.Tree()), countNodes(base); got != want {
				t.Errorf("after Builder.Delete(%q): got %d nodes, want %d", tt.remove, got, want)
			}
		})
	}
}

func TestWalkOrder(t *testing.T) {
	tr := mustTree("/b", "/a/**", "/a/:x", "/a/z", "/a/b/", "/a/b", "/", "/**", "/:p/c", "/a", "/a/")
	want := []string{
		"/=/",
		"/a=/a",
		"/a/=/a/",
		"/a/b=/a/b",
		"/a/b/=/a/b/",
		"/a/z=/a/z",
		"/a/:*=/a/:x",
		"/a/**=/a/**",
		"/b=/b",
		"/:*/c=/:p/c",
		"/**=/**",
	}
	if got := walkAll(tr); !slices.Equal(got, want) {
		t.Errorf("Walk:\n got %q\nwant %q", got, want)
	}
	var first []string
	tr.Walk(func(p string, _ string) bool {
		first = append(first, p)
		return len(first) < 3
	})
	if want := []string{"/", "/a", "/a/"}; !slices.Equal(first, want) {
		t.Errorf("Walk stopped early: got %q, want %q", first, want)
	}
}

func TestPersistence(t *testing.T) {
	v1 := mustTree("/a", "/a/b", "/a/:x", "/c/**")
	before := walkAll(v1)

	v2, err := v1.Set("/a/b", "changed")
	if err != nil {
		t.Fatal(err)
	}
	v3, err := v2.Set("/a/b/c/d", "new")
	if err != nil {
		t.Fatal(err)
	}
	v4 := v3.Delete("/a").Delete("/c/**")

	b := NewBuilder(v4)
	for i := range 100 {
		if err := b.Set(fmt.Sprintf("/a/n%d/:x", i), "bulk"); err != nil {
			t.Fatal(err)
		}
	}
	b.Delete("/a/:x")
	if v, _ := b.Get("/a/b"); v != "changed" {
		t.Errorf("Builder.Get(/a/b): got %q, want %q", v, "changed")
	}
	v5 := b.Tree()

	tests := []struct {
		name string
		tree *Tree[string]
		want []string
	}{
		{"v1", v1, before},
		{"v2", v2, []string{"/a=/a", "/a/b=changed", "/a/:*=/a/:x", "/c/**=/c/**"}},
		{"v3", v3, []string{"/a=/a", "/a/b=changed", "/a/b/c/d=new", "/a/:*=/a/:x", "/c/**=/c/**"}},
		{"v4", v4, []string{"/a/b=changed", "/a/b/c/d=new", "/a/:*=/a/:x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := walkAll(tt.tree); !slices.Equal(got, tt.want) {
				t.Errorf("Walk:\n got %q\nwant %q", got, tt.want)
			}
			if err := checkTree(tt.tree); err != nil {
				t.Error(err)
			}
		})
	}
	if got := v5.Len(); got != 102 {
		t.Errorf("v5 Len: got %d, want 102", got)
	}
	if v, _, _ := lookupFirst(v1, "/a/b"); v != "/a/b" {
		t.Errorf("v1 Lookup(/a/b): got %q, want %q", v, "/a/b")
	}
	if v, _, _ := lookupFirst(v2, "/a/b"); v != "changed" {
		t.Errorf("v2 Lookup(/a/b): got %q, want %q", v, "changed")
	}
}

func TestSetCopiesOnlyThePath(t *testing.T) {
	b := NewBuilder[int](nil)
	for i := range 50 {
		for j := range 5 {
			if err := b.Set(fmt.Sprintf("/s%d/t%d", i, j), i); err != nil {
				t.Fatal(err)
			}
		}
	}
	v1 := b.Tree()
	v2, err := v1.Set("/s7/t9", 1)
	if err != nil {
		t.Fatal(err)
	}
	shared := 0
	for _, e := range v1.root.statics() {
		if v2.root.static(e.label) == e.node {
			shared++
		}
	}
	if shared != 49 {
		t.Errorf("after Set: %d of 50 untouched branches shared, want 49", shared)
	}
	if v1.root == v2.root || v1.root.static("s7") == v2.root.static("s7") {
		t.Errorf("nodes on the changed path are shared, want copies")
	}
}

func TestBuilderReuseAfterTree(t *testing.T) {
	b := NewBuilder[int](nil)
	if err := b.Set("/a/b", 1); err != nil {
		t.Fatal(err)
	}
	first := b.Tree()
	if err := b.Set("/a/b", 2); err != nil {
		t.Fatal(err)
	}
	b.Delete("/a/b")
	if err := b.Set("/a/c", 3); err != nil {
		t.Fatal(err)
	}
	if got := walkAll(first); !slices.Equal(got, []string{"/a/b=1"}) {
		t.Errorf("tree changed by a later use of its builder: got %q", got)
	}
	if got := walkAll(b.Tree()); !slices.Equal(got, []string{"/a/c=3"}) {
		t.Errorf("second tree: got %q, want [/a/c=3]", got)
	}
}
