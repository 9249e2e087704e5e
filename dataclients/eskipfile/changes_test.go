package eskipfile_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/openskipper/skipper/dataclients/eskipfile"
	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

var _ routing.ChangeNotifier = (*eskipfile.WatchClient)(nil)

// TestWatchSkipsUnchangedStamp checks that a file whose size and time stamp
// did not change, long after the time stamp, is not read again, and that a
// file changed within the racy window is read again even when its size and
// time stamp look the same.
func TestWatchSkipsUnchangedStamp(t *testing.T) {
	tests := []struct {
		name  string
		mtime time.Time
		want  string // the route ids after the hidden change
	}{
		{name: "old time stamp: not read", mtime: time.Now().Add(-time.Hour), want: "a"},
		{name: "recent time stamp: read", mtime: time.Now().Add(time.Hour), want: "b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "routes.eskip")
			writeInPlace(t, path, `a: * -> <shunt>;`)
			setMtime(t, path, tt.mtime)
			c := eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: logging.Discard(), Settle: -1})
			defer c.Close()
			if _, err := c.LoadAll(); err != nil {
				t.Fatal(err)
			}
			// Same size, same time stamp, same file: a change that only
			// reading the file reveals.
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt([]byte("b"), 0); err != nil {
				t.Fatal(err)
			}
			f.Close()
			setMtime(t, path, tt.mtime)
			routes, deleted, err := c.LoadUpdate()
			if err != nil {
				t.Fatal(err)
			}
			got := "a"
			if len(routes) == 1 && len(deleted) == 1 {
				got = routes[0].Id
			}
			if got != tt.want {
				t.Errorf("after the hidden change: got route %q (upserts %s, deleted %v), want %q", got, routeIDs(routes), deleted, tt.want)
			}
		})
	}
}

// writeInPlace writes content into the file at path, truncating it.
func writeInPlace(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// routeIDs returns the ids of the routes in order, joined by commas.
func routeIDs(routes []*eskip.Route) string {
	var s []string
	for _, r := range routes {
		s = append(s, r.Id)
	}
	return strings.Join(s, ",")
}

func setMtime(t *testing.T, path string, mtime time.Time) {
	t.Helper()
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

// TestWatchWaitsForInPlaceWrite checks that a file truncated and written
// again in place is not delivered empty in between: the client waits until
// the file has settled.
func TestWatchWaitsForInPlaceWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	writeInPlace(t, path, `a: * -> <shunt>; b: Path("/b") -> <shunt>;`)
	setMtime(t, path, time.Now().Add(-time.Hour))
	c := eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: logging.Discard(), Settle: 150 * time.Millisecond})
	defer c.Close()
	if _, err := c.LoadAll(); err != nil {
		t.Fatal(err)
	}

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		upserts string
		deleted []string
		err     error
	}
	done := make(chan result, 1)
	go func() {
		routes, deleted, err := c.LoadUpdate()
		done <- result{routeIDs(routes), deleted, err}
	}()
	time.Sleep(30 * time.Millisecond)
	if _, err := f.WriteString(`a: * -> <shunt>; b: Path("/b") -> "http://b.example";`); err != nil {
		t.Fatal(err)
	}
	f.Close()

	r := <-done
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.upserts != "b" || len(r.deleted) != 0 {
		t.Errorf("got upserts %q and deleted %v, want upserts \"b\" and nothing deleted", r.upserts, r.deleted)
	}
}

// TestWatchChanges checks that Changes reports a replaced file, a file
// written in place and a removed file, and that Close stops the watcher.
func TestWatchChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	writeInPlace(t, path, `a: * -> <shunt>;`)
	before := runtime.NumGoroutine()
	c := eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: logging.Discard(), CheckInterval: 5 * time.Millisecond})
	ch := c.Changes()
	if c.Changes() != ch {
		t.Fatal("Changes returned a different channel on the second call")
	}

	changes := []struct {
		name   string
		change func()
	}{
		{"replaced by rename", func() { write(t, path, `a: * -> "http://a.example";`) }},
		{"written in place", func() { writeInPlace(t, path, `a: * -> "http://longer.example";`) }},
		{"removed", func() { os.Remove(path) }},
		{"created again", func() { writeInPlace(t, path, `a: * -> <shunt>;`) }},
	}
	for _, step := range changes {
		// Drain a notice of the previous step, then change the file.
		select {
		case <-ch:
		case <-time.After(20 * time.Millisecond):
		}
		step.change()
		select {
		case <-ch:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no change reported", step.name)
		}
	}

	c.Close()
	c.Close() // twice is fine
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after Close, %d before Changes", runtime.NumGoroutine(), before)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestWatchNotifiesRouting checks that the routing takes a change of the
// file long before its next poll, through Changes.
func TestWatchNotifiesRouting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "routes.eskip")
	write(t, path, `a: Path("/a") -> "http://a1.example";`)
	c := eskipfile.WatchWithOptions(eskipfile.WatchOptions{Path: path, Log: logging.Discard(), CheckInterval: 5 * time.Millisecond, Settle: -1})
	defer c.Close()
	rt := routing.New(routing.Options{
		DataClients:     []routing.DataClient{c},
		PollTimeout:     time.Hour,
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
	write(t, path, `a: Path("/a") -> "http://a2.example";`)
	waitFor(t, rt, "/a", "http://a2.example")
}
