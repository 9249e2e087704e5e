package eskipfile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
)

// TestWatchEditsDoNotPinOldVersions checks that one-route edits of a large
// file do not keep the text and the parsed routes of every version in
// memory, and that the client keeps none of the routes it delivered: they
// belong to the routing.
func TestWatchEditsDoNotPinOldVersions(t *testing.T) {
	const n = 20000
	// doc returns the file after the first edits one-route edits: routes
	// 0, 1000, 2000, … have new content.
	doc := func(edits int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			content := "ok"
			if i%1000 == 0 && i/1000 < edits {
				content = fmt.Sprintf("edited-%d", i)
			}
			fmt.Fprintf(&b, "route_%d: Host(/^app-%d[.]example[.]org$/) && Path(\"/api/items/:id\") -> setRequestHeader(\"X-App\", \"app-%d\") -> inlineContent(\"%s\") -> <shunt>;\n", i, i, i, content)
		}
		return b.String()
	}
	path := filepath.Join(t.TempDir(), "routes.eskip")
	writeAtomically(t, path, doc(0))
	c := WatchWithOptions(WatchOptions{Path: path, Log: logging.Discard(), Settle: -1})
	defer c.Close()

	// held plays the routing: it keeps the routes delivered to it.
	held := make(map[string]*eskip.Route, n)
	all, err := c.LoadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		held[r.Id] = r
	}
	all = nil
	size := len(doc(0))
	before := liveHeap()

	const edits = 5
	for e := 0; e < edits; e++ {
		writeAtomically(t, path, doc(e+1))
		upserts, deleted, err := c.LoadUpdate()
		if err != nil {
			t.Fatal(err)
		}
		if len(upserts) != 1 || len(deleted) != 0 || upserts[0].Id != fmt.Sprintf("route_%d", e*1000) {
			t.Fatalf("edit %d: got %d upserts and %v deleted, want the one edited route", e, len(upserts), deleted)
		}
		for _, r := range upserts {
			held[r.Id] = r
		}
	}
	grown := liveHeap() - before
	// Keeping each version's text would add edits × size bytes; keeping
	// each version's parse, more. A few detached routes are a few KB.
	if limit := int64(size) / 2; grown > limit {
		t.Errorf("live heap grew by %d bytes over %d one-route edits of a %d-byte file, want at most %d", grown, edits, size, limit)
	}
	runtime.KeepAlive(held)

	// Once the routing lets go of the routes, they are garbage, although
	// the client lives on.
	var freed atomic.Int64
	for _, r := range held {
		runtime.AddCleanup(r, func(*atomic.Int64) { freed.Add(1) }, &freed)
	}
	clear(held)
	// Cleanups run on their own goroutine, after the collection.
	for deadline := time.Now().Add(5 * time.Second); freed.Load() < n && time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := freed.Load(); got < n {
		t.Errorf("%d of %d delivered routes were freed after the routing dropped them, want all: the client keeps the others", got, n)
	}
	runtime.KeepAlive(c)
}

// liveHeap returns the bytes of live heap objects after a collection.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// writeAtomically replaces the file at path with content, by rename.
func writeAtomically(t *testing.T, path, content string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}
