package eskipfile

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/openskipper/skipper/eskip"
)

// step changes the file, polls the client and checks the result.
type step struct {
	// write is the new content of the file; remove deletes it first,
	// mkdir puts a directory in its place.
	write  *string
	remove bool
	mkdir  bool
	// all calls LoadAll instead of LoadUpdate.
	all bool

	// want are the routes returned (all of them for LoadAll, the upserts
	// for LoadUpdate) and wantDeleted the deleted ids, as by summary.
	want        string
	wantDeleted string
	wantErr     string
	// wantState are the routes the client holds afterwards (what the
	// routing has): checked when not empty.
	wantState string
	// wantLog are substrings of the lines logged by this step.
	wantLog []string
	// noLog means nothing at all must be logged.
	noLog bool
}

const (
	abc  = "a: Path(\"/a\") -> \"http://a1\";\nb: Path(\"/b\") -> \"http://b1\";\nc: Path(\"/c\") -> <shunt>;\n"
	abc2 = "a: Path(\"/a\") -> \"http://a1\";\nb: Path(\"/b\") -> \"http://b2\";\nc: Path(\"/c\") -> <shunt>;\n"
)

func TestWatch(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{{
		name: "unchanged file gives no update",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{noLog: true},
			{write: ptr(abc), noLog: true, wantState: "a=http://a1 b=http://b1 c=shunt"},
		},
	}, {
		name: "changed route",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{write: ptr(abc2), want: "b=http://b2", wantLog: []string{"1 routes added or updated, 0 deleted"}},
			{},
			{all: true, want: "a=http://a1 b=http://b2 c=shunt"},
		},
	}, {
		name: "only comments and spaces changed",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{write: ptr("// routes\n" + strings.ReplaceAll(abc, "->", " -> ")), noLog: true},
		},
	}, {
		name: "a route without id",
		steps: []step{
			{write: ptr(`Path("/a") -> <shunt>`), all: true, want: "=shunt"},
			{write: ptr("// one route\nPath(\"/a\")\n  -> <shunt>\n"), noLog: true},
			{all: true, want: "=shunt", noLog: true},
			{write: ptr(`Path("/a") -> "http://a1"`), want: "=http://a1", wantState: "=http://a1"},
		},
	}, {
		name: "a route defined twice, the later definition wins",
		steps: []step{
			{write: ptr("a: * -> <shunt>;\nb: * -> \"http://b1\";\na: * -> \"http://a1\";\n"), all: true, want: "a=http://a1 b=http://b1",
				wantLog: []string{`route "a" is defined again`}},
			{write: ptr("a: * -> <shunt>;\nb: * -> \"http://b2\";\na: * -> \"http://a1\";\n"), want: "b=http://b2", wantState: "a=http://a1 b=http://b2"},
		},
	}, {
		name: "predicate and filter arguments compared",
		steps: []step{
			{write: ptr(`a: Path("/a") && Weight(1) -> setPath("/x") -> <shunt>;`), all: true, want: "a=shunt"},
			{write: ptr(`a: Path("/a") && Weight(2) -> setPath("/x") -> <shunt>;`), want: "a=shunt"},
			{write: ptr(`a: Path("/a") && Weight(2) -> setPath("/y") -> <shunt>;`), want: "a=shunt"},
			{write: ptr(`a: Path("/a") && Weight(2)->setPath("/y")-><shunt>;`)},
		},
	}, {
		name: "added route",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{write: ptr(abc + `d: * -> "http://d1";`), want: "d=http://d1"},
		},
	}, {
		name: "removed route",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{write: ptr(`a: Path("/a") -> "http://a1"; c: Path("/c") -> <shunt>;`), wantDeleted: "b"},
			{write: ptr(``), wantDeleted: "a c", wantState: "-"},
		},
	}, {
		name: "file deleted and re-created",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{remove: true, wantDeleted: "a b c", wantLog: []string{"info: routes file", "does not exist: its 3 routes are deleted"}},
			{noLog: true},
			{all: true, noLog: true},
			{write: ptr(abc2), want: "a=http://a1 b=http://b2 c=shunt", wantLog: []string{"exists again"}},
		},
	}, {
		name: "file missing at the start",
		steps: []step{
			{all: true, wantLog: []string{"does not exist: no routes from it"}},
			{noLog: true},
			{write: ptr(abc), want: "a=http://a1 b=http://b1 c=shunt"},
		},
	}, {
		name: "broken route keeps its last good version while others update",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{
				write:       ptr("a: Path(\"/a\") -> ;\nb: Path(\"/b\") -> \"http://b2\";\n"),
				want:        "b=http://b2",
				wantDeleted: "c",
				wantState:   "a=http://a1 b=http://b2",
				wantLog:     []string{`error: routes.eskip:1:18: route "a": expected a filter or a backend`, "1 syntax errors: 1 routes kept"},
			},
			{noLog: true},
			{all: true, want: "a=http://a1 b=http://b2", noLog: true},
			{write: ptr("a: Path(\"/a\") -> \"http://a3\";\nb: Path(\"/b\") -> \"http://b2\";\n"), want: "a=http://a3"},
		},
	}, {
		name: "broken route that was never loaded",
		steps: []step{
			{write: ptr("a: * -> <shunt>;\nb: Path(\"/b) -> <shunt>;\nc: Path(\"/c\") -> <shunt>;\n"), all: true, want: "a=shunt c=shunt",
				wantLog: []string{`error: routes.eskip:3:10: route "b": unterminated`}},
			{write: ptr("a: * -> <shunt>;\nb: Path(\"/b\") -> <shunt>;\nc: Path(\"/c\") -> <shunt>;\n"), want: "b=shunt"},
		},
	}, {
		name: "missing semicolon keeps the swallowed route",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{
				write:     ptr("a: Path(\"/a\") -> \"http://a2\"\nb: Path(\"/b\") -> \"http://b2\";\nc: Path(\"/c\") -> <shunt>;\n"),
				wantState: "a=http://a1 b=http://b1 c=shunt",
				wantLog:   []string{`routes.eskip:2:1: route "a": expected ";" between routes`, "2 routes kept"},
			},
			{write: ptr(abc2), want: "b=http://b2"},
		},
	}, {
		name: "whole file garbage keeps everything",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{
				write:     ptr("\x00\xffthis is not eskip ((\n"),
				wantState: "a=http://a1 b=http://b1 c=shunt",
				wantLog:   []string{"error: routes.eskip:1:1: unexpected character", "no route is deleted until the file is fixed; 3 routes kept"},
			},
			{all: true, want: "a=http://a1 b=http://b1 c=shunt", noLog: true},
			{write: ptr(`b: Path("/b") -> "http://b1";`), wantDeleted: "a c"},
		},
	}, {
		name: "garbage before a good route: no deletes, the good route updates",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{
				write:     ptr("x y z;\nb: Path(\"/b\") -> \"http://b2\";\n"),
				want:      "b=http://b2",
				wantState: "a=http://a1 b=http://b2 c=shunt",
				wantLog:   []string{`routes.eskip:1:3: expected ":" after route id "x"`},
			},
		},
	}, {
		name: "read error keeps the routes",
		steps: []step{
			{write: ptr(abc), all: true, want: "a=http://a1 b=http://b1 c=shunt"},
			{remove: true, mkdir: true, wantErr: "reading routes file: read "},
			{all: true, wantErr: "reading routes file: read ", wantState: "a=http://a1 b=http://b1 c=shunt"},
			{remove: true, write: ptr(abc2), all: true, want: "a=http://a1 b=http://b2 c=shunt"},
		},
	}, {
		name: "duplicate id: the later definition wins",
		steps: []step{
			{write: ptr("a: * -> \"http://a1\";\na: * -> \"http://a2\";\n"), all: true, want: "a=http://a2",
				wantLog: []string{`warn: routes.eskip:2:1: route "a" is defined again; the later definition wins`}},
		},
	}, {
		name: "one route without id",
		steps: []step{
			{write: ptr(`* -> "http://x1"`), all: true, want: "=http://x1"},
			{write: ptr(`* -> "http://x2"`), want: "=http://x2"},
			{write: ptr(`a: * -> "http://x2"`), want: "a=http://x2", wantDeleted: `""`},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "routes.eskip")
			log := &recordLog{}
			c := WatchWithOptions(WatchOptions{Path: path, Log: log})
			for i, s := range tt.steps {
				if s.remove {
					if err := os.RemoveAll(path); err != nil {
						t.Fatal(err)
					}
				}
				if s.mkdir {
					if err := os.Mkdir(path, 0o755); err != nil {
						t.Fatal(err)
					}
				}
				if s.write != nil {
					writeFile(t, path, *s.write)
				}
				var got, gotDeleted []string
				var err error
				if s.all {
					var routes []*eskip.Route
					routes, err = c.LoadAll()
					got = summaryList(routes)
				} else {
					var routes []*eskip.Route
					routes, gotDeleted, err = c.LoadUpdate()
					got = summaryList(routes)
				}
				logged := strings.ReplaceAll(log.take(), filepath.Dir(path)+string(filepath.Separator), "")
				switch {
				case s.wantErr != "" && err == nil:
					t.Errorf("step %d: got no error, want %q", i, s.wantErr)
				case s.wantErr == "" && err != nil:
					t.Errorf("step %d: got error %v", i, err)
				case err != nil && !strings.HasPrefix(err.Error(), s.wantErr):
					t.Errorf("step %d: got error %q, want it to start with %q", i, err, s.wantErr)
				}
				if g := strings.Join(got, " "); g != s.want {
					t.Errorf("step %d: got routes %q, want %q", i, g, s.want)
				}
				if g := quoteEmpty(gotDeleted); g != s.wantDeleted {
					t.Errorf("step %d: got deleted %q, want %q", i, g, s.wantDeleted)
				}
				if s.wantState != "" {
					want := s.wantState
					if want == "-" {
						want = ""
					}
					if g := summary(keptRoutes(t, c)); g != want {
						t.Errorf("step %d: got state %q, want %q", i, g, want)
					}
				}
				for _, w := range s.wantLog {
					if !strings.Contains(logged, w) {
						t.Errorf("step %d: got log %q, want it to contain %q", i, logged, w)
					}
				}
				if s.noLog && logged != "" {
					t.Errorf("step %d: got log %q, want none", i, logged)
				}
			}
			if got, want := c.Name(), "eskipfile-watch"; got != want {
				t.Errorf("Name: got %q, want %q", got, want)
			}
		})
	}
}

// summaryList describes routes as sorted "id=backend" strings, where
// backend is the URL of a network backend or the backend type.
func summaryList(routes []*eskip.Route) []string {
	var s []string
	for _, r := range routes {
		b := r.Backend
		if r.BackendType != eskip.NetworkBackend {
			b = r.BackendType.String()
		}
		s = append(s, r.Id+"="+b)
	}
	sort.Strings(s)
	return s
}

// keptRoutes parses the source texts the client keeps, one route each.
func keptRoutes(t *testing.T, c *WatchClient) []*eskip.Route {
	t.Helper()
	var routes []*eskip.Route
	for id, src := range c.srcs {
		r := parseKept(id, src)
		if r == nil {
			t.Fatalf("the kept text of route %s does not define it: %q", id, src)
		}
		routes = append(routes, r)
	}
	return routes
}

// summary joins the sorted summaryList of routes with spaces.
func summary(routes []*eskip.Route) string {
	return strings.Join(summaryList(routes), " ")
}

// quoteEmpty joins sorted ids with spaces, writing the empty id as "".
func quoteEmpty(ids []string) string {
	s := append([]string(nil), ids...)
	sort.Strings(s)
	for i := range s {
		if s[i] == "" {
			s[i] = `""`
		}
	}
	return strings.Join(s, " ")
}
