package eskipfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"

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
}

// WatchClient is a data client that reads its file again on every poll and
// delivers the changes. See the package documentation for how it treats
// missing files and syntax errors.
type WatchClient struct {
	path string
	log  logging.Logger

	// loaded tells that doc holds the file's contents as of the last poll;
	// it is false before the first read and while the file is missing.
	loaded bool
	doc    string
	// missing is set while the file does not exist, to log that once.
	missing bool
	// buf is reused to read the file, so that polls of an unchanged file
	// allocate nothing.
	buf []byte

	// routes are the routes delivered to the routing, in file order
	// (routes kept from an earlier version after the others); index maps
	// their ids to their positions. Both are replaced, never changed in
	// place.
	routes []*eskip.Route
	index  map[string]int
}

// Watch returns a client that reads the eskip file at path on every poll
// and logs to stderr. It does not read the file yet: the first LoadAll
// does.
func Watch(path string) *WatchClient {
	return WatchWithOptions(WatchOptions{Path: path})
}

// WatchWithOptions returns a client that reads the eskip file o.Path on
// every poll.
func WatchWithOptions(o WatchOptions) *WatchClient {
	log := o.Log
	if log == nil {
		log = logging.New(os.Stderr, logrus.InfoLevel)
	}
	return &WatchClient{path: o.Path, log: log}
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

// LoadUpdate reads the file and returns the routes added or changed and
// the ids of the routes deleted since the previous LoadAll or LoadUpdate.
// An unchanged file gives nothing. Read errors other than a missing file
// are returned.
func (c *WatchClient) LoadUpdate() ([]*eskip.Route, []string, error) {
	return c.refresh()
}

// Name returns "eskipfile-watch".
func (c *WatchClient) Name() string {
	return "eskipfile-watch"
}

// Close does nothing: the client holds no resources between polls. It is
// there for callers that close their data clients.
func (c *WatchClient) Close() {}

// refresh reads the file, brings the client's routes up to date and
// returns the difference to the previous routes.
func (c *WatchClient) refresh() ([]*eskip.Route, []string, error) {
	b, err := c.read()
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
	if c.loaded && string(b) == c.doc {
		return nil, nil, nil
	}
	doc := string(b)
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

// read returns the contents of the file in c.buf.
func (c *WatchClient) read() ([]byte, error) {
	f, err := os.Open(c.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil && fi.Size() < math.MaxInt32 {
		size = int(fi.Size())
	}
	if cap(c.buf) < size+1 {
		c.buf = make([]byte, 0, size+512)
	}
	b := c.buf[:0]
	for {
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			c.buf = b
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
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
	c.loaded, c.doc = false, ""
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
