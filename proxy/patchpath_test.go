package proxy

import (
	"net/http"
	"testing"
)

func TestPatchedPath(t *testing.T) {
	tests := []struct {
		raw    string
		want   string
		wantOK bool
	}{
		{raw: "/a%2Fb", want: "/a%2Fb", wantOK: true},
		{raw: "/a%2fb", want: "/a%2Fb", wantOK: true},
		{raw: "/a%20b%2F", want: "/a b%2F", wantOK: true},
		{raw: "/%41%3a", want: "/A%3A", wantOK: true},
		{raw: "/bad%2", wantOK: false},
		{raw: "/bad%zz", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			got, ok := patchedPath(tt.raw)
			if ok != tt.wantOK || got != tt.want {
				t.Errorf("got %q, %v, want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestPatchPathFlag(t *testing.T) {
	b := echoBackend(t)
	doc := `
slash: Path("/a/b") -> setResponseHeader("X-Route", "slash") -> "` + b.URL + `";
encoded: Path("/a%2Fb") -> setResponseHeader("X-Route", "encoded") -> "` + b.URL + `";
rewritten: Path("/c%2Fd") -> setPath("/new") -> "` + b.URL + `";
`
	tests := []struct {
		name      string
		flags     Flags
		path      string
		wantRoute string
		wantPath  string
	}{
		{name: "without the flag", path: "/a%2Fb", wantRoute: "slash", wantPath: "/a%2Fb"},
		{name: "with the flag", flags: PatchPath, path: "/a%2Fb", wantRoute: "encoded", wantPath: "/a%2Fb"},
		{name: "a filter's path wins", flags: PatchPath, path: "/c%2Fd", wantPath: "/new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := startProxy(t, doc, Params{Flags: tt.flags})
			status, h, _ := get(t, nil, s.URL+tt.path, http.Header{})
			if status != 200 {
				t.Fatalf("status: got %d, want 200", status)
			}
			if got := h.Get("X-Route"); got != tt.wantRoute {
				t.Errorf("route: got %q, want %q", got, tt.wantRoute)
			}
			if got := h.Get("X-Path"); got != tt.wantPath {
				t.Errorf("backend path: got %q, want %q", got, tt.wantPath)
			}
		})
	}
}
