package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/openskipper/skipper/routing"
)

// Defaults of the requests of test and match.
const (
	defaultMethod     = http.MethodGet
	defaultRemoteAddr = "127.0.0.1:12345"
	defaultHost       = "localhost"
)

// requestSpec describes a request for test and match.
type requestSpec struct {
	// method is the request method; empty means GET.
	method string
	// target is an absolute http or https URL, or a path starting with
	// "/", with an optional query.
	target string
	// header holds the request headers. A Host header gives the request's
	// host.
	header http.Header
	// cookies are name, value pairs, sent in one Cookie header in order.
	cookies [][2]string
	// remoteAddr is the client's address; empty means 127.0.0.1:12345.
	remoteAddr string
	// contentLength is the request's content length, or nil for none.
	contentLength *int64
}

// errInvalidTarget tells what a request target must look like.
var errInvalidTarget = errors.New(`want an absolute http or https URL, or a path starting with "/"`)

// request returns the request as a server would hand it to the routing:
// the URL holds the path and the query only; the host comes from a Host
// header, the URL, or is "localhost"; the context is a routing context,
// so predicates that share per-request state (TrafficSegment) work as in
// the proxy.
func (rs *requestSpec) request() (*http.Request, error) {
	method := rs.method
	if method == "" {
		method = defaultMethod
	}
	if !validMethod(method) {
		return nil, fmt.Errorf("invalid method %q", method)
	}
	u, err := parseTarget(rs.target)
	if err != nil {
		return nil, fmt.Errorf("invalid request URL %q: %w", rs.target, err)
	}
	header := http.Header{}
	for k, vs := range rs.header {
		for _, v := range vs {
			header.Add(k, v)
		}
	}
	host := u.Host
	if host == "" {
		host = defaultHost
	}
	if hs := header.Values("Host"); len(hs) > 0 {
		host = hs[0]
		header.Del("Host")
	}
	reqURI := u.RequestURI()
	reqURL, err := url.ParseRequestURI(reqURI)
	if err != nil {
		return nil, fmt.Errorf("invalid request URL %q: %w", rs.target, err)
	}
	remote := rs.remoteAddr
	if remote == "" {
		remote = defaultRemoteAddr
	}
	req := &http.Request{
		Method:     method,
		URL:        reqURL,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     header,
		Body:       http.NoBody,
		Host:       host,
		RemoteAddr: remote,
		RequestURI: reqURI,
	}
	if rs.contentLength != nil {
		req.ContentLength = *rs.contentLength
	}
	if strings.EqualFold(u.Scheme, "https") {
		req.TLS = &tls.ConnectionState{Version: tls.VersionTLS12, HandshakeComplete: true, ServerName: u.Hostname()}
	}
	for _, c := range rs.cookies {
		req.AddCookie(&http.Cookie{Name: c[0], Value: c[1]})
	}
	return req.WithContext(routing.NewContext(context.Background())), nil
}

// parseTarget parses an absolute http or https URL with a host, or a path
// starting with "/".
func parseTarget(target string) (*url.URL, error) {
	if strings.HasPrefix(target, "/") {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return nil, urlErr(err)
		}
		return u, nil
	}
	u, err := url.Parse(target)
	if err != nil {
		return nil, urlErr(err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return nil, errInvalidTarget
	}
	if u.Host == "" {
		return nil, errors.New("missing host")
	}
	return u, nil
}

// urlErr returns the reason of a *url.Error, without the repeated URL.
func urlErr(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return uerr.Err
	}
	return err
}

// validMethod tells whether m is an HTTP token.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range m {
		if c > unicode.MaxASCII || c <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, c) {
			return false
		}
	}
	return true
}

// parseHeaderLine parses "Name: value" as in curl's -H.
func parseHeaderLine(s string) (name, value string, err error) {
	name, value, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || name == "" || strings.ContainsAny(name, " \t") {
		return "", "", fmt.Errorf("invalid header %q: want 'Name: value'", s)
	}
	return name, strings.TrimSpace(value), nil
}

// sortedParams returns the names of params, sorted.
func sortedParams(params map[string]string) []string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// formatParams renders path parameters as "{id: 42, rest: /a/b}", sorted
// by name; values that need it are quoted.
func formatParams(params map[string]string) string {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range sortedParams(params) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIfNeeded(k))
		b.WriteString(": ")
		b.WriteString(quoteIfNeeded(params[k]))
	}
	b.WriteByte('}')
	return b.String()
}

// quoteIfNeeded returns s, or s in Go quotes when it is empty or holds
// spaces, quotes, separators or unprintable characters.
func quoteIfNeeded(s string) string {
	if s == "" {
		return `""`
	}
	for _, c := range s {
		if !unicode.IsPrint(c) || unicode.IsSpace(c) || strings.ContainsRune(`"'{},:=`, c) {
			return strconv.Quote(s)
		}
	}
	return s
}
