package eskipfile

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
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

	// loaded tells that sum is the digest of the file's contents as of
	// the last read; it is false before the first read and while the file
	// is missing. Only the digest is kept: holding the text of a changed
	// file would keep all of it in memory for the few routes that changed.
	// The digest is a 64-bit maphash with the client's own random seed:
	// it only tells a file that was rewritten with the same bytes from a
	// changed one, and reads at memory speed (SHA-256 took 0.2 s of each
	// change of an 800,000-route file).
	loaded bool
	seed   maphash.Seed
	sum    uint64
	// stamp is the file as it was when doc was read, and readAt the time
	// of that read: a poll that finds the same size and time stamp, more
	// than racyWindow after the time stamp, does not read the file.
	stamp  fs.FileInfo
	readAt time.Time
	// missing is set while the file does not exist, to log that once.
	missing bool

	// srcs maps the id of every route delivered to the routing to the
	// source text of its current definition: the route's part of the
	// file, from its id up to the next route. The client keeps the text,
	// not the parsed route: a change shows as a change of the text, and a
	// route that a later version of the file breaks is parsed again from
	// its last good text. The parsed routes belong to the routing alone,
	// which keeps its own copy of each: holding them here too would double
	// the memory of every route. The map is replaced, never changed in
	// place.
	srcs map[string]string

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
	return &WatchClient{path: o.Path, log: log, settle: settle, checkInterval: check,
		seed: maphash.MakeSeed(), quit: make(chan struct{})}
}

// LoadAll reads the file and returns all of its routes, with the last good
// version of routes that are broken now. A missing file gives no routes
// and no error; other read errors are returned. It always reads the file,
// so that it can follow a failed LoadUpdate.
func (c *WatchClient) LoadAll() ([]*eskip.Route, error) {
	routes, _, err := c.refresh(true)
	return routes, err
}

// LoadUpdate reads the file when it changed and returns the routes added
// or changed and the ids of the routes deleted since the previous LoadAll
// or LoadUpdate. An unchanged file gives nothing. Read errors other than
// a missing file are returned.
func (c *WatchClient) LoadUpdate() ([]*eskip.Route, []string, error) {
	return c.refresh(false)
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
		// The stamp to compare with is taken now, not when the goroutine
		// first runs: a change right after this call is reported.
		last, err := os.Stat(c.path)
		if err != nil {
			last = nil
		}
		go c.watch(last)
	})
	return c.changes
}

// Close stops the change watcher of Changes, if it runs.
func (c *WatchClient) Close() {
	c.closeOnce.Do(func() { close(c.quit) })
}

// watch reports changes of the file's stamp, starting from last, on
// c.changes until Close.
func (c *WatchClient) watch(last fs.FileInfo) {
	t := time.NewTicker(c.checkInterval)
	defer t.Stop()
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

// refresh reads the file, if it changed or all is set, brings the
// client's state up to date and returns all routes (with all) or the
// difference to the previous version.
func (c *WatchClient) refresh(all bool) ([]*eskip.Route, []string, error) {
	fi, err := os.Stat(c.path)
	if err == nil && c.loaded && c.unchanged(fi) {
		if all {
			return c.keptRoutes(), nil, nil
		}
		return nil, nil, nil
	}
	var doc string
	if err == nil {
		doc, fi, err = c.read()
	}
	if errors.Is(err, fs.ErrNotExist) {
		deleted := c.fileMissing()
		if all {
			deleted = nil
		}
		return nil, deleted, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading routes file: %w", err)
	}
	if c.missing {
		c.log.Infof("routes file %s exists again", c.path)
		c.missing = false
	}
	c.stamp, c.readAt = fi, time.Now()
	sum := maphash.String(c.seed, doc)
	if c.loaded && sum == c.sum {
		if all {
			return c.keptRoutes(), nil, nil
		}
		return nil, nil, nil
	}
	first := !c.loaded
	diff := !all && !first // deliver the changes, not all routes
	var upserts []*eskip.Route
	var deleted []string
	var srcs map[string]string
	total := 0
	ok := false
	if diff {
		upserts, deleted, srcs, total, ok = c.quickChanges(doc)
	}
	if !ok {
		var routes []*eskip.Route
		routes, srcs = c.parse(doc)
		total = len(routes)
		upserts = routes
		if diff {
			upserts, deleted = changes(c.srcs, routes, srcs)
		}
	}
	if diff {
		detachChanges(upserts, srcs, total)
	}
	c.sum, c.loaded, c.srcs = sum, true, srcs
	switch {
	case first:
		c.log.Infof("routes file %s read: %d routes", c.path, total)
	case all:
		c.log.Infof("routes file %s read again: %d routes", c.path, total)
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
// contents and the file's stamp. A file that changes while it is read is
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
// size, no copy) and returns it with the file's stamps before and after
// the read.
func readStamped(f *os.File) (doc string, before, after fs.FileInfo, err error) {
	before, err = f.Stat()
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
	after, err = f.Stat()
	if err != nil {
		return "", nil, nil, err
	}
	return b.String(), before, after, nil
}

// fileMissing forgets the file's contents and returns the ids of all
// routes delivered before, sorted, to delete them.
func (c *WatchClient) fileMissing() []string {
	if !c.missing {
		if len(c.srcs) == 0 {
			c.log.Infof("routes file %s does not exist: no routes from it", c.path)
		} else {
			c.log.Infof("routes file %s does not exist: its %d routes are deleted", c.path, len(c.srcs))
		}
		c.missing = true
	}
	deleted := slices.Sorted(maps.Keys(c.srcs))
	c.loaded, c.sum, c.stamp = false, 0, nil
	c.srcs = nil
	return deleted
}

// parse parses doc route by route and returns the routes that the client
// delivers from now on, with their source texts by id: the routes that
// parsed, and, when there are syntax errors, the routes delivered before
// that may be hidden in the broken parts (see the package documentation).
func (c *WatchClient) parse(doc string) ([]*eskip.Route, map[string]string) {
	// Sized for the routes of the last version, or on the first read for
	// one route per ";" (a few more when literals hold semicolons): the
	// growth of a large map leaves as much garbage as the map itself.
	n := len(c.srcs)
	if n == 0 {
		n = strings.Count(doc, ";") + 1
	}
	routes := make([]*eskip.Route, 0, n)
	starts := make([]int, 0, n) // starts[i] is the offset of routes[i] in doc
	errs := eskip.ParseEach(doc, func(r *eskip.Route, pos eskip.Position) {
		routes = append(routes, r)
		starts = append(starts, pos.Offset)
	})
	routes, srcs := c.sourceTexts(doc, routes, starts)
	if len(errs) == 0 {
		return routes, srcs
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
	for _, id := range slices.Sorted(maps.Keys(c.srcs)) {
		if _, ok := srcs[id]; ok {
			continue
		}
		if !unattributed && !broken[id] {
			if mentioned == nil {
				mentioned = mentionedIDs(doc)
			}
			if !mentioned[id] {
				continue
			}
		}
		src := c.srcs[id]
		r := parseKept(id, src)
		if r == nil {
			continue
		}
		setSource(srcs, id, src)
		routes = append(routes, r)
		kept++
	}
	if unattributed {
		c.log.Warnf("routes file %s has %d syntax errors, some of them outside of any route id: no route is deleted until the file is fixed; %d routes kept with their last good version", c.path, len(errs), kept)
	} else {
		c.log.Warnf("routes file %s has %d syntax errors: %d routes kept with their last good version", c.path, len(errs), kept)
	}
	return routes, srcs
}

// sourceTexts returns the routes of doc, found at starts, with an id
// defined twice in the place of its first definition with the later one,
// and the source text of each route by id: doc from the route's start up
// to the start of the next route that parsed, or the end of doc. No map is
// made for the rare ids defined twice until one shows.
func (c *WatchClient) sourceTexts(doc string, routes []*eskip.Route, starts []int) ([]*eskip.Route, map[string]string) {
	srcs := make(map[string]string, len(routes))
	twice := false
	for i, r := range routes {
		end := len(doc)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if _, ok := srcs[r.Id]; ok {
			twice = true
		}
		srcs[r.Id] = doc[starts[i]:end]
	}
	if !twice {
		return routes, srcs
	}
	out := make([]*eskip.Route, 0, len(srcs))
	at := make(map[string]int, len(srcs))
	for i, r := range routes {
		if j, ok := at[r.Id]; ok {
			c.log.Warnf("%s:%s: route %q is defined again; the later definition wins", c.path, eskip.PositionOf(doc, starts[i]), r.Id)
			out[j] = r
			continue
		}
		at[r.Id] = len(out)
		out = append(out, r)
	}
	return out, srcs
}

// parseKept parses the last good text of the route id again, or returns
// nil when it holds no such route. The text may run into a broken
// neighbour, whose errors are of no interest here.
func parseKept(id, src string) *eskip.Route {
	return parseText(id, src, false)
}

// parseText returns the route id of text: with strict, only when text
// parses without errors and defines that route alone; otherwise the first
// route with that id, whatever else text holds.
func parseText(id, text string, strict bool) *eskip.Route {
	var found *eskip.Route
	n := 0
	errs := eskip.ParseEach(text, func(r *eskip.Route, _ eskip.Position) {
		n++
		if found == nil && r.Id == id {
			found = r
		}
	})
	if strict && (errs != nil || n != 1) {
		return nil
	}
	return found
}

// changes returns the routes of next that are new or differ from their
// definition in prev, and the ids of prev that are gone, sorted. A route
// whose text changed is parsed from its previous text and compared with
// it, so that edits of comments and spaces deliver nothing. An unchanged
// route keeps its previous text in next, under a key that is part of that
// text, so that the client does not keep the new version of the file
// alive for it.
func changes(prev map[string]string, routes []*eskip.Route, next map[string]string) ([]*eskip.Route, []string) {
	var upserts []*eskip.Route
	for _, r := range routes {
		old, ok := prev[r.Id]
		if ok && (old == next[r.Id] || eskip.SameDefinition(parseKept(r.Id, old), r)) {
			setSource(next, r.Id, old)
			continue
		}
		upserts = append(upserts, r)
	}
	var deleted []string
	for id := range prev {
		if _, ok := next[id]; !ok {
			deleted = append(deleted, id)
		}
	}
	slices.Sort(deleted)
	return upserts, deleted
}

// quickChanges finds the changes of a new version of the file, doc, by
// parsing only the routes whose text changed: a one-route edit of a large
// file costs a pass of the lexer instead of building every route again. It
// returns the upserts, the deleted ids, the texts of the new version, its
// number of routes and true; false when the full parse must do the work:
// doc is not a plain list of routes (eskip.SplitRoutes), defines an id
// twice, or has a changed route that does not parse alone (its error is
// then reported with its place in the file). It never parses more than the
// full parse would: both parse the old text of a changed route to compare.
func (c *WatchClient) quickChanges(doc string) (upserts []*eskip.Route, deleted []string, srcs map[string]string, total int, ok bool) {
	spans, ok := eskip.SplitRoutes(doc)
	if !ok {
		return nil, nil, nil, 0, false
	}
	srcs = make(map[string]string, len(spans))
	var changed []string
	for i, sp := range spans {
		end := len(doc)
		if i+1 < len(spans) {
			end = spans[i+1].Start
		}
		text := doc[sp.Start:end]
		if _, dup := srcs[sp.ID]; dup {
			return nil, nil, nil, 0, false
		}
		if old, ok := c.srcs[sp.ID]; ok && old == text {
			// The key as setSource makes it; the id is not in srcs yet.
			srcs[old[:len(sp.ID)]] = old
			continue
		}
		srcs[sp.ID] = text
		changed = append(changed, sp.ID)
	}
	parsed := make([]*eskip.Route, 0, len(changed))
	for _, id := range changed {
		r := parseAlone(id, srcs[id])
		if r == nil {
			return nil, nil, nil, 0, false
		}
		parsed = append(parsed, r)
	}
	upserts, deleted = changes(c.srcs, parsed, srcs)
	return upserts, deleted, srcs, len(spans), true
}

// parseAlone parses the text of one route, id, or returns nil when the
// text has an error or defines anything else.
func parseAlone(id, text string) *eskip.Route {
	return parseText(id, text, true)
}

// setSource sets the text of route id in srcs to src, which starts with
// the id, and makes the key the id's part of src: the key then holds on to
// no other text than the value does.
func setSource(srcs map[string]string, id, src string) {
	key := id
	if strings.HasPrefix(src, id) {
		key = src[:len(id)]
	}
	delete(srcs, id)
	srcs[key] = src
}

// keptRoutes parses the routes of the client's state again, sorted by id.
func (c *WatchClient) keptRoutes() []*eskip.Route {
	var routes []*eskip.Route
	for _, id := range slices.Sorted(maps.Keys(c.srcs)) {
		if r := parseKept(id, c.srcs[id]); r != nil {
			routes = append(routes, r)
		}
	}
	return routes
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

// detachChanges replaces the changed routes (upserts, of total routes)
// with copies whose strings do not point into the file's text, and their
// texts in srcs with copies, when they are few: the parser's strings share
// the text of the whole file, and a few changed routes would otherwise
// keep all of it in memory next to the text of the version before. When
// most routes changed, the new text is mostly in use anyway and the routes
// keep sharing it.
func detachChanges(upserts []*eskip.Route, srcs map[string]string, total int) {
	if len(upserts) == 0 || len(upserts) > total/4 {
		return
	}
	for i, r := range upserts {
		upserts[i] = detach(r)
		setSource(srcs, r.Id, strings.Clone(srcs[r.Id]))
	}
}

// detach returns a deep copy of r with copies of all of its strings.
func detach(r *eskip.Route) *eskip.Route {
	c := r.Copy()
	cl := strings.Clone
	c.Id, c.Path, c.Method, c.Backend = cl(c.Id), cl(c.Path), cl(c.Method), cl(c.Backend)
	c.LBAlgorithm, c.Name, c.Namespace = cl(c.LBAlgorithm), cl(c.Name), cl(c.Namespace)
	cloneAll(c.HostRegexps)
	cloneAll(c.PathRegexps)
	if c.Headers != nil {
		h := make(map[string]string, len(c.Headers))
		for k, v := range c.Headers {
			h[cl(k)] = cl(v)
		}
		c.Headers = h
	}
	if c.HeaderRegexps != nil {
		h := make(map[string][]string, len(c.HeaderRegexps))
		for k, v := range c.HeaderRegexps {
			cloneAll(v)
			h[cl(k)] = v
		}
		c.HeaderRegexps = h
	}
	for _, p := range c.Predicates {
		if p != nil {
			p.Name = cl(p.Name)
			cloneArgs(p.Args)
		}
	}
	for _, f := range c.Filters {
		if f != nil {
			f.Name = cl(f.Name)
			cloneArgs(f.Args)
		}
	}
	for _, ep := range c.LBEndpoints {
		if ep != nil {
			ep.Address, ep.Zone = cl(ep.Address), cl(ep.Zone)
		}
	}
	return c
}

// cloneAll replaces each string of s with a copy.
func cloneAll(s []string) {
	for i := range s {
		s[i] = strings.Clone(s[i])
	}
}

// cloneArgs replaces each string argument with a copy.
func cloneArgs(args []interface{}) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = strings.Clone(s)
		}
	}
}
