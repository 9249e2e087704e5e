package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openskipper/skipper/bench/routegen"
)

func TestLineAnswers2xx(t *testing.T) {
	tests := []struct {
		name  string
		route string
		want  bool
	}{
		{"network backend", ` Path("/a") -> setPath("/b") -> "http://127.0.0.1:9000";`, true},
		{"load balanced", ` Path("/a") -> <roundRobin, "http://127.0.0.1:1", "http://127.0.0.1:2">;`, true},
		{"inline content", ` Path("/a") -> inlineContent("ok") -> <shunt>;`, true},
		{"status 204", ` Path("/a") -> status(204) -> <shunt>;`, true},
		{"status 404", ` Path("/a") -> status(404) -> <shunt>;`, false},
		{"redirect", ` Path("/a") -> redirectTo(308, "https://x.example.org") -> <shunt>;`, false},
		{"bare shunt", ` Path("/a") -> <shunt>;`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lineAnswers2xx(tt.route); got != tt.want {
				t.Errorf("lineAnswers2xx(%q) got %v, want %v", tt.route, got, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	o := routegen.Options{N: 2000, Seed: 1}
	file := filepath.Join(t.TempDir(), "routes.eskip")
	if err := os.WriteFile(file, []byte(routegen.Generate(o)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantRows int
		filtered bool
	}{
		{"all", []string{"-n", "2000", "-k", "50"}, 50, false},
		{"filtered", []string{"-n", "2000", "-k", "50", "-routes", file}, 50, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if err := run(tt.args, &out, &errOut); err != nil {
				t.Fatalf("run(%q) got error %v", tt.args, err)
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if len(lines) != tt.wantRows {
				t.Fatalf("got %d lines, want %d", len(lines), tt.wantRows)
			}
			doc := routegen.Generate(o)
			for _, l := range lines {
				f := strings.Split(l, "\t")
				if len(f) != 4 && len(f) != 6 {
					t.Fatalf("line %q: got %d fields, want 4 or 6", l, len(f))
				}
				i := strings.Index(doc, "\n"+f[0]+":")
				if i < 0 {
					t.Fatalf("line %q: route %q not in the document", l, f[0])
				}
				route := doc[i+1:]
				route = route[:strings.IndexByte(route, '\n')]
				if tt.filtered && !lineAnswers2xx(route) {
					t.Errorf("line %q: route %q does not answer 2xx", l, route)
				}
			}
		})
	}
}

func TestRunBadFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"zero k", []string{"-k", "0"}},
		{"extra argument", []string{"x"}},
		{"missing file", []string{"-routes", filepath.Join(t.TempDir(), "none")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if err := run(tt.args, &out, &errOut); err == nil {
				t.Errorf("run(%q) got no error, want one", tt.args)
			}
		})
	}
}
