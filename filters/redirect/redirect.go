// Package redirect holds the filters that answer a request with an HTTP
// redirect instead of calling the backend: redirectTo and
// redirectToLower.
package redirect

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/openskipper/skipper/filters"
)

// Names of the filters of this package.
const (
	RedirectToName      = "redirectTo"
	RedirectToLowerName = "redirectToLower"
)

// The range of status codes a redirect may use.
const (
	minCode = 300
	maxCode = 399
)

// spec is the spec of both filters; lower tells redirectToLower.
type spec struct {
	lower bool
}

// filter answers with code and a Location built from location.
type filter struct {
	lower    bool
	code     int
	location url.URL
}

// NewRedirectTo returns the spec of redirectTo(code[, location]): in the
// request phase it serves a response with status code (300 to 399), an
// empty body and a Location header. The Location is location completed
// by the request: a missing host, path or query is taken from the
// request, a missing scheme from the request URL or else is "https".
func NewRedirectTo() filters.Spec { return spec{} }

// NewRedirectToLower returns the spec of redirectToLower(code[,
// location]): as redirectTo, with the path of the Location lower-cased.
func NewRedirectToLower() filters.Spec { return spec{lower: true} }

// Name returns "redirectTo" or "redirectToLower".
func (s spec) Name() string {
	if s.lower {
		return RedirectToLowerName
	}
	return RedirectToName
}

// CreateFilter takes the status code, a number from 300 to 399, and an
// optional location, a string that parses as a URL (absolute, or a
// reference like "/path", "//host/path" or "https:").
func (s spec) CreateFilter(args []interface{}) (filters.Filter, error) {
	name := s.Name()
	a := filters.ParseArgs(name, args)
	code := a.Int(0, "status code")
	if a.Err() == nil && (code < minCode || code > maxCode) {
		a.Fail(0, "status code", fmt.Sprintf("expected a redirect status from %d to %d, got %d", minCode, maxCode, code))
	}
	var location string
	if a.Has(1) {
		location = a.String(1, "location")
	}
	if err := a.DoneRange(1, 2); err != nil {
		return nil, err
	}
	u, err := url.Parse(location)
	if err != nil {
		cause := err
		var ue *url.Error
		if errors.As(err, &ue) {
			cause = ue.Err
		}
		return nil, &filters.ArgError{
			Filter:   name,
			Position: 2,
			Argument: "location",
			Message:  fmt.Sprintf("invalid URL %q: %v", location, cause),
			Err:      err,
		}
	}
	return &filter{lower: s.lower, code: code, location: *u}, nil
}

// Request serves the redirect.
func (f *filter) Request(ctx filters.FilterContext) {
	ctx.Serve(&http.Response{
		StatusCode: f.code,
		Header:     http.Header{"Location": []string{f.target(ctx.Request())}},
	})
}

// Response does nothing.
func (*filter) Response(filters.FilterContext) {}

// target returns the redirect target for r: the filter's location with
// the parts it lacks taken from r.
//
//   - scheme: r.URL.Scheme when set (absolute-form requests), else
//     "https", also for requests that came in over plain HTTP;
//   - host: a Host request header set by an earlier filter, else r.Host,
//     else r.URL.Host;
//   - path: r's path (its encoded form kept) when location has none;
//   - query: r's raw query when location has none (or an empty one);
//   - user info: always r.URL.User; the location's own is dropped;
//   - fragment: the location's only.
//
// redirectToLower then lower-cases the path.
func (f *filter) target(r *http.Request) string {
	u := f.location // a copy: the filter is shared by concurrent requests
	if u.Scheme == "" {
		u.Scheme = r.URL.Scheme
		if u.Scheme == "" {
			u.Scheme = "https"
		}
	}
	u.User = r.URL.User
	if u.Host == "" {
		u.Host = requestHost(r)
	}
	if u.Path == "" {
		u.Path, u.RawPath = r.URL.Path, r.URL.RawPath
	}
	if u.RawQuery == "" {
		u.RawQuery = r.URL.RawQuery
		u.ForceQuery = false
	}
	if f.lower {
		u.Path, u.RawPath = strings.ToLower(u.Path), strings.ToLower(u.RawPath)
	}
	return u.String()
}

// requestHost returns the host the client asked for, or the one an
// earlier filter set as the Host header.
func requestHost(r *http.Request) string {
	if h := r.Header.Get("Host"); h != "" {
		return h
	}
	if r.Host != "" {
		return r.Host
	}
	return r.URL.Host
}
