package eskipfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/eskip"
	"github.com/openskipper/skipper/logging"
)

// WatchOptions configure a watch client.
type WatchOptions struct {
	// Path is the file to read.
	Path string
	// Log receives syntax errors and notes about the file. Nil means a
	// logrus logger writing to stderr at info level.
	Log logging.Logger
	// Settle is how long a changed file must have been left alone (by its
	// modification time) before it is read, so that a file being written
	// in place is not read half-written. Zero means DefaultSettle; a
	// negative value reads changed files at once.
	Settle time.Duration
	// CheckInterval is how often the client looks at the file's size and
	// modification time to tell the routing about a change between polls
	// (see Changes). Zero means DefaultCheckInterval.
	CheckInterval time.Duration
}

// Defaults of WatchOptions.
const (
	DefaultSettle        = 100 * time.Millisecond
	DefaultCheckInterval = 100 * time.Millisecond
)

// maxSettle bounds the wait for a file that keeps changing: after it, the
// file is read as it is.
const maxSettle = 2 * time.Second

// racyWindow is how long after its modification time a file is read again
// even when its size and time stamp look unchanged: file systems with
// coarse time stamps can hide a second write within the same tick.
const racyWindow = 2 * time.Second

// WatchClient is a data client that reads its file again when it changes
// and delivers the changes. See the package documentation for how it
// treats missing files and syntax errors.
type WatchClient struct {
	path          string
	log           logging.Logger
	settle        time.Duration
	checkInterval time.Duration

	// loaded tells that doc holds the file's contents as of the last poll;
	// it is false before the first read and while the file is missing.
	loaded bool
	doc    string
	// stamp is the file as it was when doc was read, and readAt the time
	// of that read: a poll that finds the same size and time stamp, more
	// than racyWindow after the time stamp, does not read the file.
	stamp  fs.FileInfo
	readAt time.Time
	// missing is set while the file does not exist, to log that once.
	missing bool

	// routes are the routes delivered to the routing, in file order
	// (routes kept from an earlier version after the others); index maps
	// their ids to their positions. Both are replaced, never changed in
	// place.
	routes []*eskip.Route
	index  map[string]int

	// The change watcher of Changes, started on its first call.
	watchOnce sync.Once
	changes   chan struct{}
	closeOnce sync.Once
	quit      chan struct{}
}

// Watch returns a client that reads the eskip file at path when it changes
// and logs to stderr. It does not read the file yet: the first LoadAll
// does.
func Watch(path string) *WatchClient {
	return WatchWithOptions(WatchOptions{Path: path})
}

// WatchWithOptions returns a client that reads the eskip file o.Path when
// it changes.
func WatchWithOptions(o WatchOptions) *WatchClient {
	log := o.Log
	if log == nil {
		log = logging.New(os.Stderr, logrus.InfoLevel)
	}
	settle := o.Settle
	if settle == 0 {
		settle = DefaultSettle
	}
	check := o.CheckInterval
	if check <= 0 {
		check = DefaultCheckInterval
	}
	return &WatchClient{path: o.Path, log: log, settle: settle, checkInterval: check, quit: make(chan struct{})}
}

// LoadAll reads the file and returns all of its routes, with the last good
// version of routes that are broken now. A missing file gives no routes
// and no error; other read errors are returned.
func (c *WatchClient) LoadAll() ([]*eskip.Route, error) {
	if _, _, err := c.refresh(); err != nil {
		return nil, err
	}
	return cloneList(c.routes), nil
}

// LoadUpdate reads the file when it changed and returns the routes added
// or changed and the ids of the routes deleted since the previous LoadAll
// or LoadUpdate. An unchanged file gives nothing. Read errors other than
// a missing file are returned.
func (c *WatchClient) LoadUpdate() ([]*eskip.Route, []string, error) {
	return c.refresh()
}

// Name returns "eskipfile-watch".
func (c *WatchClient) Name() string {
	return "eskipfile-watch"
}

// Changes returns a channel that receives soon after the file's size,
// modification time or identity (a file renamed over it) changes, so that
// the routing polls at once instead of at its next poll. The first call
// starts a goroutine that looks at the file every CheckInterval; Close
// stops it.
func (c *WatchClient) Changes() <-chan struct{} {
	c.watchOnce.Do(func() {
		c.changes = make(chan struct{}, 1)
		go c.watch()
	})
	return c.changes
}

// Close stops the change watcher of Changes, if it runs.
func (c *WatchClient) Close() {
	c.closeOnce.Do(func() { close(c.quit) })
}

// watch reports changes of the file's stamp on c.changes until Close.
func (c *WatchClient) watch() {
	t := time.NewTicker(c.checkInterval)
	defer t.Stop()
	last, _ := os.Stat(c.path)
	for {
		select {
		case <-c.quit:
			return
		case <-t.C:
		}
		fi, err := os.Stat(c.path)
		if err != nil {
			fi = nil
		}
		if sameStamp(fi, last) {
			continue
		}
		last = fi
		select {
		case c.changes <- struct{}{}:
		default:
		}
	}
}

// sameStamp tells whether a and b (either may be nil for a missing file)
// are the same file with the same size and modification time.
func sameStamp(a, b fs.FileInfo) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Size() == b.Size() && a.ModTime().Equal(b.ModTime()) && os.SameFile(a, b)
}

// refresh reads the file if it changed, brings the client's routes up to
// date and returns the difference to the previous routes.
func (c *WatchClient) refresh() ([]*eskip.Route, []string, error) {
	fi, err := os.Stat(c.path)
	if err == nil && c.loaded && c.unchanged(fi) {
		return nil, nil, nil
	}
	var doc string
	if err == nil {
		doc, fi, err = c.read()
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, c.fileMissing(), nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading routes file: %w", err)
	}
	if c.missing {
		c.log.Infof("routes file %s exists again", c.path)
		c.missing = false
	}
	c.stamp, c.readAt = fi, time.Now()
	if c.loaded && doc == c.doc {
		return nil, nil, nil
	}
	routes, index := c.parse(doc)
	upserts, deleted := diff(c.routes, c.index, routes, index)
	first := !c.loaded
	c.doc, c.loaded = doc, true
	c.routes, c.index = routes, index
	switch {
	case first:
		c.log.Infof("routes file %s read: %d routes", c.path, len(routes))
	case len(upserts) > 0 || len(deleted) > 0:
		c.log.Infof("routes file %s changed: %d routes added or updated, %d deleted", c.path, len(upserts), len(deleted))
	}
	return upserts, deleted, nil
}

// unchanged tells whether fi shows the file as it was read last, long
// enough after its modification time that no write can hide behind the
// time stamp's granularity.
func (c *WatchClient) unchanged(fi fs.FileInfo) bool {
	return sameStamp(fi, c.stamp) && c.readAt.Sub(fi.ModTime()) > racyWindow
}

// read waits until the file has settled, reads it and returns its
// contents with the file's stamp. A file that changes while it is read is
// read again.
func (c *WatchClient) read() (string, fs.FileInfo, error) {
	deadline := time.Now().Add(maxSettle)
	for {
		f, err := os.Open(c.path)
		if err != nil {
			return "", nil, err
		}
		doc, before, after, err := readStamped(f)
		f.Close()
		if err != nil {
			return "", nil, err
		}
		changing := !sameStamp(before, after)
		if !changing && c.settle > 0 {
			if wait := c.settle - time.Since(after.ModTime()); wait > 0 {
				changing = true
				time.Sleep(wait)
			}
		}
		if !changing || time.Now().After(deadline) {
			return doc, after, nil
		}
	}
}

// readStamped reads f whole into a string (one allocation of the file's
// size, no copy) and returns its stamps before and after the read.
func readStamped(f *os.File) (string, fs.FileInfo, fs.FileInfo, error) {
	before, err := f.Stat()
	if err != nil {
		return "", nil, nil, err
	}
	var b strings.Builder
	if size := before.Size(); size > 0 && size < math.MaxInt32 {
		b.Grow(int(size) + 1)
	}
	if _, err := io.Copy(&b, f); err != nil {
		return "", nil, nil, err
	}
	after, err := f.Stat()
	if err != nil {
		return "", nil, nil, err
	}
	return b.String(), before, after, nil
}

// fileMissing forgets the file's contents and returns the ids of all
// routes delivered before, to delete them.
func (c *WatchClient) fileMissing() []string {
	if !c.missing {
		if len(c.routes) == 0 {
			c.log.Infof("routes file %s does not exist: no routes from it", c.path)
		} else {
			c.log.Infof("routes file %s does not exist: its %d routes are deleted", c.path, len(c.routes))
		}
		c.missing = true
	}
	var deleted []string
	for _, r := range c.routes {
		deleted = append(deleted, r.Id)
	}
	c.loaded, c.doc, c.stamp = false, "", nil
	c.routes, c.index = nil, nil
	return deleted
}

// parse parses doc route by route and returns the routes that the client
// delivers from now on: the routes that parsed, and, when there are
// syntax errors, the routes delivered before that may be hidden in the
// broken parts (see the package documentation).
func (c *WatchClient) parse(doc string) ([]*eskip.Route, map[string]int) {
	var routes []*eskip.Route
	index := make(map[string]int, len(c.routes))
	errs := eskip.ParseEach(doc, func(r *eskip.Route, pos eskip.Position) {
		if i, ok := index[r.Id]; ok {
			c.log.Warnf("%s:%s: route %q is defined again; the later definition wins", c.path, pos, r.Id)
			routes[i] = r
			return
		}
		index[r.Id] = len(routes)
		routes = append(routes, r)
	})
	if len(errs) == 0 {
		return routes, index
	}

	unattributed := false
	broken := make(map[string]bool, len(errs))
	for _, e := range errs {
		e.File = c.path
		c.log.Errorf("%v", e)
		if e.RouteID == "" {
			unattributed = true
		} else {
			broken[e.RouteID] = true
		}
	}
	var mentioned map[string]bool
	kept := 0
	for _, r := range c.routes {
		if _, ok := index[r.Id]; ok {
			continue
		}
		if !unattributed && !broken[r.Id] {
			if mentioned == nil {
				mentioned = mentionedIDs(doc)
			}
			if !mentioned[r.Id] {
				continue
			}
		}
		index[r.Id] = len(routes)
		routes = append(routes, r)
		kept++
	}
	if unattributed {
		c.log.Warnf("routes file %s has %d syntax errors, some of them outside of any route id: no route is deleted until the file is fixed; %d routes kept with their last good version", c.path, len(errs), kept)
	} else {
		c.log.Warnf("routes file %s has %d syntax errors: %d routes kept with their last good version", c.path, len(errs), kept)
	}
	return routes, index
}

// diff returns the routes of next that are new or differ from prev, and
// the ids of prev that are not in next.
func diff(prev []*eskip.Route, prevIndex map[string]int, next []*eskip.Route, nextIndex map[string]int) ([]*eskip.Route, []string) {
	var upserts []*eskip.Route
	for _, r := range next {
		if i, ok := prevIndex[r.Id]; ok && eskip.SameDefinition(prev[i], r) {
			continue
		}
		upserts = append(upserts, r)
	}
	var deleted []string
	for _, r := range prev {
		if _, ok := nextIndex[r.Id]; !ok {
			deleted = append(deleted, r.Id)
		}
	}
	return upserts, deleted
}

// mentionedIDs returns the words of doc that are followed by a colon
// (spaces allowed between them): the ids of all routes, broken or not. It
// does not know about literals and comments, so it may find words that are
// no route ids; that only keeps a route that was deleted in a broken file
// until the file is fixed.
func mentionedIDs(doc string) map[string]bool {
	ids := make(map[string]bool)
	for i := 0; i < len(doc); i++ {
		if doc[i] != ':' {
			continue
		}
		end := i
		for end > 0 && isSpace(doc[end-1]) {
			end--
		}
		start := end
		for start > 0 && isSymbolChar(doc[start-1]) {
			start--
		}
		if start < end && !isDigit(doc[start]) {
			ids[doc[start:end]] = true
		}
	}
	return ids
}

func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

func isSymbolChar(c byte) bool {
	return (c|0x20 >= 'a' && c|0x20 <= 'z') || c == '_' || isDigit(c)
}

func isDigit(c byte) bool {
	return c >= '0' && c <= '9'
}
