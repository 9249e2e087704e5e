package backend

import (
	"net/url"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/internal/backendhost"
)

// Names of the dynamic backend filters.
const (
	SetDynamicBackendURLName              = "setDynamicBackendUrl"
	SetDynamicBackendHostName             = "setDynamicBackendHost"
	SetDynamicBackendSchemeName           = "setDynamicBackendScheme"
	SetDynamicBackendURLFromHeaderName    = "setDynamicBackendUrlFromHeader"
	SetDynamicBackendHostFromHeaderName   = "setDynamicBackendHostFromHeader"
	SetDynamicBackendSchemeFromHeaderName = "setDynamicBackendSchemeFromHeader"
)

type target int

const (
	targetURL target = iota
	targetHost
	targetScheme
)

type dynamicSpec struct {
	name       string
	target     target
	fromHeader bool
}

type dynamicFilter struct {
	target     target
	fromHeader bool
	// value is the literal value, or the header name when fromHeader.
	value string
}

// NewSetDynamicBackendURL returns the spec of setDynamicBackendUrl(url):
// it stores url under filters.DynamicBackendURLKey and, when url parses,
// makes its host the outgoing host, normalised as the proxy does (lower
// case, without the default port of the scheme).
func NewSetDynamicBackendURL() filters.Spec {
	return dynamicSpec{name: SetDynamicBackendURLName, target: targetURL}
}

// NewSetDynamicBackendHost returns the spec of setDynamicBackendHost(host):
// it stores host under filters.DynamicBackendHostKey and makes it the
// outgoing host.
func NewSetDynamicBackendHost() filters.Spec {
	return dynamicSpec{name: SetDynamicBackendHostName, target: targetHost}
}

// NewSetDynamicBackendScheme returns the spec of
// setDynamicBackendScheme(scheme): it stores scheme under
// filters.DynamicBackendSchemeKey.
func NewSetDynamicBackendScheme() filters.Spec {
	return dynamicSpec{name: SetDynamicBackendSchemeName, target: targetScheme}
}

// NewSetDynamicBackendURLFromHeader returns the spec of
// setDynamicBackendUrlFromHeader(header): setDynamicBackendUrl with the
// value of the request header, when it is not empty.
func NewSetDynamicBackendURLFromHeader() filters.Spec {
	return dynamicSpec{name: SetDynamicBackendURLFromHeaderName, target: targetURL, fromHeader: true}
}

// NewSetDynamicBackendHostFromHeader returns the spec of
// setDynamicBackendHostFromHeader(header): setDynamicBackendHost with the
// value of the request header, when it is not empty.
func NewSetDynamicBackendHostFromHeader() filters.Spec {
	return dynamicSpec{name: SetDynamicBackendHostFromHeaderName, target: targetHost, fromHeader: true}
}

// NewSetDynamicBackendSchemeFromHeader returns the spec of
// setDynamicBackendSchemeFromHeader(header): setDynamicBackendScheme with
// the value of the request header, when it is not empty.
func NewSetDynamicBackendSchemeFromHeader() filters.Spec {
	return dynamicSpec{name: SetDynamicBackendSchemeFromHeaderName, target: targetScheme, fromHeader: true}
}

// Name returns the filter's name.
func (s dynamicSpec) Name() string { return s.name }

// CreateFilter takes one string: the value, or the header name for the
// FromHeader filters.
func (s dynamicSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(s.name, args)
	var v string
	switch {
	case s.fromHeader:
		v = a.NonEmptyString(0, "header name")
	case s.target == targetURL:
		v = a.String(0, "url")
	case s.target == targetHost:
		v = a.String(0, "host")
	default:
		v = a.String(0, "scheme")
	}
	if err := a.Done(1); err != nil {
		return nil, err
	}
	return dynamicFilter{target: s.target, fromHeader: s.fromHeader, value: v}, nil
}

// Request stores the target in the state bag.
func (f dynamicFilter) Request(ctx filters.FilterContext) {
	v := f.value
	if f.fromHeader {
		v = ctx.Request().Header.Get(f.value)
		if v == "" {
			return
		}
	}
	bag := ctx.StateBag()
	switch f.target {
	case targetURL:
		bag[filters.DynamicBackendURLKey] = v
		if u, err := url.ParseRequestURI(v); err == nil {
			ctx.SetOutgoingHost(backendhost.Normalize(u.Scheme, u.Host))
		}
	case targetHost:
		bag[filters.DynamicBackendHostKey] = v
		ctx.SetOutgoingHost(v)
	case targetScheme:
		bag[filters.DynamicBackendSchemeKey] = v
	}
}

// Response does nothing.
func (dynamicFilter) Response(filters.FilterContext) {}
