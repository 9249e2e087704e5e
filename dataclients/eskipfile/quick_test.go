package eskipfile

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/openskipper/skipper/logging"
)

// TestQuickChanges checks which new versions of a file are diffed by
// parsing only the changed routes, and that the outcome is the one of the
// full parse.
func TestQuickChanges(t *testing.T) {
	const before = "a: Path(\"/a\") -> <shunt>;\n" +
		"// b\nb: Path(\"/b\") -> \"http://b1\";\n" +
		"c: Path(\"/c\") -> <shunt>;\n"
	for _, tt := range []struct {
		name        string
		after       string
		ok          bool
		wantUpserts string // summary of the upserts
		wantDeleted string
	}{
		{"unchanged", before, true, "", ""},
		{"one route changed", strings.Replace(before, "http://b1", "http://b2", 1), true, "b=http://b2", ""},
		{"comment and spaces changed", strings.Replace(before, "// b\n", "// the b route\n\n", 1), true, "", ""},
		{"deleted and added", strings.Replace(before, `c: Path("/c")`, `d: Path("/d")`, 1), true, "d=shunt", "c"},
		{"changed route broken", strings.Replace(before, `Path("/b")`, `Path("/b)`, 1), false, "", ""},
		{"id defined twice", before + "a: * -> <shunt>;\n", false, "", ""},
		{"missing semicolon", strings.Replace(before, "<shunt>;\n// b", "<shunt>\n// b", 1), false, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "routes.eskip")
			writeFile(t, path, before)
			c := WatchWithOptions(WatchOptions{Path: path, Log: logging.Discard(), Settle: -1})
			defer c.Close()
			if _, err := c.LoadAll(); err != nil {
				t.Fatal(err)
			}
			upserts, deleted, srcs, total, ok := c.quickChanges(tt.after)
			if ok != tt.ok {
				t.Fatalf("got ok %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if g := summary(upserts); g != tt.wantUpserts {
				t.Errorf("got upserts %q, want %q", g, tt.wantUpserts)
			}
			if g := quoteEmpty(deleted); g != tt.wantDeleted {
				t.Errorf("got deleted %q, want %q", g, tt.wantDeleted)
			}
			if total != len(srcs) || total != 3 {
				t.Errorf("got %d routes and %d texts, want 3", total, len(srcs))
			}
			// The full parse finds the same.
			routes, full := c.parse(tt.after)
			fullUpserts, fullDeleted := changes(c.srcs, routes, full)
			if summary(fullUpserts) != summary(upserts) || quoteEmpty(fullDeleted) != quoteEmpty(deleted) {
				t.Errorf("the full parse finds upserts %q and deleted %q", summary(fullUpserts), quoteEmpty(fullDeleted))
			}
		})
	}
}
