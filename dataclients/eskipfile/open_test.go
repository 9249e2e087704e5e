package eskipfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openskipper/skipper/eskip"
)

func TestOpen(t *testing.T) {
	tests := []struct {
		name    string
		content *string // nil: no file
		wantIDs []string
		wantErr string // prefix of the error after the path; "" for none
		wantAs  error
	}{{
		name:    "routes",
		content: ptr("a: Path(\"/a\") -> \"http://a.example\";\nb: * -> <shunt>;\n"),
		wantIDs: []string{"a", "b"},
	}, {
		name:    "empty file",
		content: ptr(""),
	}, {
		name:    "comments only",
		content: ptr("// nothing here\n"),
	}, {
		name:    "one route without id",
		content: ptr(`* -> status(204) -> <shunt>`),
		wantIDs: []string{""},
	}, {
		name:    "syntax error with position",
		content: ptr("a: * -> <shunt>;\nb: Path(\"/b\") -> ;\n"),
		wantErr: `:2:18: route "b": expected a filter or a backend`,
	}, {
		name:    "error in the first column",
		content: ptr("a: * -> <shunt>;\n(\n"),
		wantErr: `:2:1: expected a route id`,
	}, {
		name:    "missing file",
		wantErr: "reading routes file: open ",
		wantAs:  fs.ErrNotExist,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "routes.eskip")
			if tt.content != nil {
				writeFile(t, path, *tt.content)
			}
			c, err := Open(path)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("Open: got no error, want %q", tt.wantErr)
				}
				msg := err.Error()
				if tt.wantAs == nil {
					var perr *eskip.ParseError
					if !errors.As(err, &perr) || perr.File != path {
						t.Errorf("Open: got %#v, want a *eskip.ParseError with File %q", err, path)
					}
					if !strings.HasPrefix(msg, path+tt.wantErr) {
						t.Errorf("Open: got error %q, want it to start with %q", msg, path+tt.wantErr)
					}
				} else {
					if !errors.Is(err, tt.wantAs) {
						t.Errorf("Open: got error %q, want one that wraps %v", msg, tt.wantAs)
					}
					if !strings.HasPrefix(msg, tt.wantErr) || !strings.Contains(msg, path) {
						t.Errorf("Open: got error %q, want it to start with %q and name %q", msg, tt.wantErr, path)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: got error %v", err)
			}
			routes, err := c.LoadAll()
			if err != nil {
				t.Fatalf("LoadAll: got error %v", err)
			}
			if got, want := ids(routes), strings.Join(tt.wantIDs, ","); got != want {
				t.Errorf("LoadAll: got ids %q, want %q", got, want)
			}
			up, del, err := c.LoadUpdate()
			if len(up) != 0 || len(del) != 0 || err != nil {
				t.Errorf("LoadUpdate: got %d routes, %q, %v, want nothing", len(up), del, err)
			}
		})
	}
}

func TestOpenIsStatic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	writeFile(t, path, `a: * -> "http://one.example";`)
	c, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	writeFile(t, path, `a: * -> "http://two.example"; b: * -> <shunt>;`)
	up, del, err := c.LoadUpdate()
	if len(up) != 0 || len(del) != 0 || err != nil {
		t.Errorf("LoadUpdate after a change: got %d routes, %q, %v, want nothing", len(up), del, err)
	}
	routes, _ := c.LoadAll()
	if got, want := summary(routes), "a=http://one.example"; got != want {
		t.Errorf("LoadAll after a change: got %q, want %q", got, want)
	}
	routes[0] = nil
	again, _ := c.LoadAll()
	if got, want := summary(again), "a=http://one.example"; got != want {
		t.Errorf("LoadAll after the caller changed its slice: got %q, want %q", got, want)
	}
	if got, want := c.Name(), "eskipfile"; got != want {
		t.Errorf("Name: got %q, want %q", got, want)
	}
}

func ptr(s string) *string { return &s }

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := osWriteFile(path, content); err != nil {
		t.Fatal(err)
	}
}

func osWriteFile(path, content string) error {
	return os.WriteFile(path, []byte(content), 0o644)
}

// ids returns the ids of the routes in order, joined by commas.
func ids(routes []*eskip.Route) string {
	var s []string
	for _, r := range routes {
		s = append(s, r.Id)
	}
	return strings.Join(s, ",")
}
