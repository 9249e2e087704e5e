package pathtree

import "testing"

func TestCleanPath(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"root", "/", "/"},
		{"empty", "", "/"},
		{"clean", "/a/b/c", "/a/b/c"},
		{"clean with trailing slash", "/a/b/", "/a/b/"},
		{"clean single", "/abc", "/abc"},
		{"dots inside segment stay", "/a.b/..c/c../...", "/a.b/..c/c../..."},
		{"missing root", "a/b", "/a/b"},
		{"missing root single", "abc", "/abc"},
		{"double slash root", "//", "/"},
		{"triple slash", "///a", "/a"},
		{"double slash inside", "/a//b", "/a/b"},
		{"double slash trailing", "/a//", "/a/"},
		{"double slash everywhere", "//a//b//", "/a/b/"},
		{"dot", ".", "/"},
		{"dot slash", "./", "/"},
		{"slash dot", "/.", "/"},
		{"dot segment", "/a/./b", "/a/b"},
		{"leading dot segment", "/./a/b", "/a/b"},
		{"final dot keeps a slash", "/a/.", "/a/"},
		{"final dot slash", "/a/./", "/a/"},
		{"dot dot", "..", "/"},
		{"dot dot slash", "../", "/"},
		{"dot dot above root", "/../../a", "/a"},
		{"relative above root", "../../abc", "/abc"},
		{"dot dot resolves", "/a/./b/../c", "/a/c"},
		{"dot dot twice", "/a/b/../../c", "/c"},
		{"final dot dot drops the slash", "/a/b/..", "/a"},
		{"final dot dot slash", "/a/b/../", "/a/"},
		{"dot dot to root", "/a/b/../..", "/"},
		{"dot dot past root", "/a/b/../../..", "/"},
		{"spec example", "/foo/../bar", "/bar"},
		{"long mix", "/a/b/../../../c/d/../../../e", "/e"},
		{"combination", "abc/./../def", "/def"},
		{"combination with double slash", "abc//./../def", "/def"},
		{"combination many", "abc/../../././../def", "/def"},
		{"trailing after dot dot", "/a/../", "/"},
		{"percent and colon untouched", "/a%2Fb/:x/*y", "/a%2Fb/:x/*y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanPath(tt.in); got != tt.want {
				t.Errorf("CleanPath(%q): got %q, want %q", tt.in, got, tt.want)
			}
			if got := CleanPath(tt.want); got != tt.want {
				t.Errorf("CleanPath(%q) of a clean path: got %q, want it unchanged", tt.want, got)
			}
		})
	}
}

func TestCleanPathFastPath(t *testing.T) {
	for _, p := range []string{"/", "/a", "/a/b/", "/api/v1/users/123/orders", "/a.b/..c/"} {
		t.Run(p, func(t *testing.T) {
			got := CleanPath(p)
			if got != p {
				t.Fatalf("CleanPath(%q): got %q, want it unchanged", p, got)
			}
			if unsafeData(got) != unsafeData(p) {
				t.Errorf("CleanPath(%q) returned a copy, want the same string", p)
			}
			if allocs := testing.AllocsPerRun(100, func() { _ = CleanPath(p) }); allocs != 0 {
				t.Errorf("CleanPath(%q): got %v allocations, want 0", p, allocs)
			}
		})
	}
}

func TestCleanPathIsClean(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"a", false},
		{"/", true},
		{"//", false},
		{"/a/", true},
		{"/a//", false},
		{"/.", false},
		{"/..", false},
		{"/./", false},
		{"/a/../", false},
		{"/.a", true},
		{"/..a", true},
		{"/a./", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isClean(tt.in); got != tt.want {
				t.Errorf("isClean(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
