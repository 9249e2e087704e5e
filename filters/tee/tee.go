package tee

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/internal/hopheader"
)

// Name is the name of the tee filter.
const Name = "tee"

// ShadowTrafficHeader marks requests that a tee filter sent or copied. A
// request that arrives with it at a tee filter is answered with
// StatusShadowTrafficLoop instead of being copied again.
const ShadowTrafficHeader = "X-Skipper-Shadow-Traffic"

// StatusShadowTrafficLoop is the status of a request that reached a tee
// filter with ShadowTrafficHeader.
const StatusShadowTrafficLoop = 465

// Limits of one tee filter.
const (
	// MaxInFlight is the number of shadow requests that may run at a
	// time; a request that comes while as many run gets no shadow copy.
	MaxInFlight = 64
	// MaxShadowBuffer is how far, in bytes, the copy of the request body
	// may run ahead of what the shadow backend has read; beyond, the
	// shadow request is aborted.
	MaxShadowBuffer = 256 << 10
	// ShadowTimeout limits a shadow request, redirects and reading the
	// response included.
	ShadowTimeout = time.Second
)

// loopBody is the body of the 465 answer.
const loopBody = "Skipper Shadow Traffic Loop detected"

type spec struct {
	maxInFlight int
	bufferLimit int
	timeout     time.Duration
}

// NewTee returns the spec of tee(url) and tee(url, pattern, replacement).
// In the request phase the filter sends a copy of the request to the
// scheme and host of url, with the same method, path, query, headers
// (without the hop-by-hop headers) and body; with pattern and
// replacement, the copy's path is the request's path with the matches of
// the regular expression pattern replaced by replacement (as
// regexp.ReplaceAllString, so $1 refers to a group). The copy is sent in
// the background by the filter's own HTTP client, follows redirects, and
// its response is discarded.
//
// The main request gets the header X-Skipper-Shadow-Traffic set to its
// outgoing host, the copy the same header set to the shadow host; a
// request that already carries the header is answered 465 with the body
// "Skipper Shadow Traffic Loop detected" and is not copied.
func NewTee() filters.Spec {
	return spec{maxInFlight: MaxInFlight, bufferLimit: MaxShadowBuffer, timeout: ShadowTimeout}
}

// Name returns "tee".
func (spec) Name() string { return Name }

// CreateFilter takes an http or https URL with a host, optionally followed
// by a regular expression and its replacement for the path.
func (s spec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(Name, args)
	raw := a.NonEmptyString(0, "url")
	var re *regexp.Regexp
	var repl string
	n := 1
	if a.Len() > 1 {
		n = 3
		re = a.Regexp(1, "path pattern")
		repl = a.String(2, "path replacement")
	}
	if err := a.Done(n); err != nil {
		return nil, err
	}
	u, err := url.Parse(raw)
	scheme := ""
	if err == nil {
		scheme = strings.ToLower(u.Scheme)
	}
	if err != nil || (scheme != "http" && scheme != "https") || u.Host == "" {
		a.Fail(0, "url", "expected an http or https URL with a host, got "+strconv.Quote(raw))
		return nil, a.Err()
	}
	return newFilter(scheme, u.Host, re, repl, s), nil
}

// filter is one tee(...) instance; it owns its client and shadow requests.
type filter struct {
	scheme, host string
	pattern      *regexp.Regexp
	replacement  string
	bufferLimit  int

	transport *http.Transport
	client    *http.Client
	slots     chan struct{}
	ctx       context.Context
	cancel    context.CancelFunc

	mu      sync.Mutex
	closed  bool
	wg      sync.WaitGroup
	dropped atomic.Int64
}

func newFilter(scheme, host string, re *regexp.Regexp, repl string, s spec) *filter {
	dialer := &net.Dialer{Timeout: s.timeout}
	tr := &http.Transport{
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   s.timeout,
		MaxIdleConnsPerHost:   s.maxInFlight,
		IdleConnTimeout:       30 * time.Second,
		DisableCompression:    true,
		ResponseHeaderTimeout: s.timeout,
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &filter{
		scheme:      scheme,
		host:        host,
		pattern:     re,
		replacement: repl,
		bufferLimit: s.bufferLimit,
		transport:   tr,
		client:      &http.Client{Transport: tr, Timeout: s.timeout},
		slots:       make(chan struct{}, s.maxInFlight),
		ctx:         ctx,
		cancel:      cancel,
	}
}

// Request answers 465 to a request with ShadowTrafficHeader; otherwise it
// starts the shadow copy, unless MaxInFlight copies run already.
func (f *filter) Request(ctx filters.FilterContext) {
	r := ctx.Request()
	if _, ok := r.Header[ShadowTrafficHeader]; ok {
		ctx.Serve(loopResponse())
		return
	}
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	outgoing := ctx.OutgoingHost()
	if outgoing == "" {
		outgoing = r.Host
	}
	if !f.acquire() {
		f.dropped.Add(1)
		r.Header.Set(ShadowTrafficHeader, outgoing)
		return
	}
	shadow, body := f.shadowRequest(r)
	r.Header.Set(ShadowTrafficHeader, outgoing)
	if body != nil {
		r.Body = &teeBody{rc: r.Body, shadow: body}
	}
	go f.send(shadow, body)
}

// Response leaves the main response alone. When the main request's body
// was not read to its end (e.g. the backend answered without reading it),
// it ends the shadow copy's body as truncated, so that the shadow request
// does not wait for the rest until its timeout.
func (*filter) Response(ctx filters.FilterContext) {
	if tb, ok := ctx.Request().Body.(*teeBody); ok {
		tb.shadow.finish(io.ErrUnexpectedEOF)
	}
}

// Close cancels the shadow requests in flight, waits for them and closes
// the idle connections of the filter's client. Requests that come after
// Close get no shadow copy.
func (f *filter) Close() error {
	f.mu.Lock()
	f.closed = true
	f.mu.Unlock()
	f.cancel()
	f.wg.Wait()
	f.transport.CloseIdleConnections()
	return nil
}

// acquire takes a slot for a shadow request, or tells that there is none.
func (f *filter) acquire() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		return false
	}
	select {
	case f.slots <- struct{}{}:
		f.wg.Add(1)
		return true
	default:
		return false
	}
}

// send runs in its own goroutine: it sends the shadow request and
// discards the response.
func (f *filter) send(r *http.Request, body *shadowBody) {
	defer f.wg.Done()
	defer func() { <-f.slots }()
	ctx, cancel := context.WithTimeout(f.ctx, f.client.Timeout)
	defer cancel()
	if body != nil {
		// The transport waits for the body writer before it gives up on
		// a cancelled request: closing the body unblocks it when the
		// main body does not come, on the timeout or on Close.
		stop := context.AfterFunc(ctx, func() { body.Close() })
		defer stop()
		defer body.Close()
	}
	rsp, err := f.client.Do(r.WithContext(ctx))
	if err != nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(rsp.Body, 64<<10))
	rsp.Body.Close()
}

// shadowRequest returns the copy of r for the shadow backend and, when r
// has a body, the buffer that will feed the copy's body.
func (f *filter) shadowRequest(r *http.Request) (*http.Request, *shadowBody) {
	u := *r.URL
	u.Scheme, u.Host, u.User = f.scheme, f.host, nil
	if f.pattern != nil {
		u.Path = f.pattern.ReplaceAllString(r.URL.Path, f.replacement)
		u.RawPath = ""
	}
	h := r.Header.Clone()
	if h == nil {
		h = make(http.Header)
	}
	hopheader.Remove(h)
	h.Set(ShadowTrafficHeader, f.host)
	if _, ok := h["User-Agent"]; !ok {
		h["User-Agent"] = []string{""}
	}
	out := &http.Request{
		Method:     r.Method,
		URL:        &u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
		Host:       f.host,
	}
	var body *shadowBody
	if r.Body != nil && r.Body != http.NoBody && r.ContentLength != 0 {
		body = newShadowBody(f.bufferLimit)
		out.Body = body
		out.ContentLength = r.ContentLength
	}
	return out, body
}

func loopResponse() *http.Response {
	return &http.Response{
		StatusCode: StatusShadowTrafficLoop,
		Header: http.Header{
			"Content-Type":   {"text/plain; charset=utf-8"},
			"Content-Length": {strconv.Itoa(len(loopBody))},
		},
		ContentLength: int64(len(loopBody)),
		Body:          io.NopCloser(strings.NewReader(loopBody)),
	}
}
