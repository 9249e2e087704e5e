package eskipfile_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/openskipper/skipper/dataclients/eskipfile"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

var (
	_ routing.NamedDataClient = (*eskipfile.Client)(nil)
	_ routing.NamedDataClient = (*eskipfile.WatchClient)(nil)
)

// TestWatchWithRouting runs the routing on a watched file and checks that
// each change of the file reaches the routing table, and that a broken
// route keeps serving its last good version.
func TestWatchWithRouting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	write(t, path, `a: Path("/a") -> "http://a1.example"; b: Path("/b") -> "http://b1.example";`)

	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: logging.Discard()})},
		PollTimeout:     5 * time.Millisecond,
		SignalFirstLoad: true,
		Log:             logging.Discard(),
	})
	defer rt.Close()
	select {
	case <-rt.FirstLoad():
	case <-time.After(10 * time.Second):
		t.Fatal("the first load did not happen")
	}
	expect(t, rt, "/a", "http://a1.example")
	expect(t, rt, "/b", "http://b1.example")

	steps := []struct {
		name    string
		content string
		want    map[string]string // path → backend, "" for no route
	}{{
		name:    "changed route",
		content: `a: Path("/a") -> "http://a2.example"; b: Path("/b") -> "http://b1.example";`,
		want:    map[string]string{"/a": "http://a2.example", "/b": "http://b1.example"},
	}, {
		name:    "added and removed route",
		content: `a: Path("/a") -> "http://a2.example"; c: Path("/c") -> "http://c1.example";`,
		want:    map[string]string{"/a": "http://a2.example", "/b": "", "/c": "http://c1.example"},
	}, {
		name:    "broken route keeps serving while another changes",
		content: `a: Path("/a") -> ; c: Path("/c") -> "http://c2.example";`,
		want:    map[string]string{"/a": "http://a2.example", "/c": "http://c2.example"},
	}, {
		name:    "fixed route",
		content: `a: Path("/a") -> "http://a3.example"; c: Path("/c") -> "http://c2.example";`,
		want:    map[string]string{"/a": "http://a3.example", "/c": "http://c2.example"},
	}}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			write(t, path, s.content)
			for p, backend := range s.want {
				waitFor(t, rt, p, backend)
			}
			// All changes of one write arrive in one update: once every
			// changed route answers, check the unchanged ones again.
			for p, backend := range s.want {
				expect(t, rt, p, backend)
			}
		})
	}

	t.Run("file deleted", func(t *testing.T) {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		waitFor(t, rt, "/a", "")
		waitFor(t, rt, "/c", "")
	})
	t.Run("file re-created", func(t *testing.T) {
		write(t, path, `a: Path("/a") -> "http://a4.example";`)
		waitFor(t, rt, "/a", "http://a4.example")
	})
}

func write(t *testing.T, path, content string) {
	t.Helper()
	// Write a new file and rename it, as editors and deployment tools do,
	// so that the poller never sees a half-written file.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// backendOf returns the backend of the route for path, or "" for none.
func backendOf(rt *routing.Routing, path string) string {
	r, _ := rt.Route(httptest.NewRequest("GET", path, nil))
	if r == nil {
		return ""
	}
	return r.Backend
}

func expect(t *testing.T, rt *routing.Routing, path, want string) {
	t.Helper()
	if got := backendOf(rt, path); got != want {
		t.Errorf("route for %s: got backend %q, want %q", path, got, want)
	}
}

// waitFor waits until the route for path has the backend want ("" for no
// route), for at most ten seconds.
func waitFor(t *testing.T, rt *routing.Routing, path, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		got := backendOf(rt, path)
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("route for %s: got backend %q, want %q", path, got, want)
		}
		time.Sleep(time.Millisecond)
	}
}
