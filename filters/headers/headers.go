// Package headers holds the filters that set, append and drop request and
// response headers: setRequestHeader, appendRequestHeader,
// dropRequestHeader and their response counterparts.
//
// Header names are case-insensitive. Values are templates (see
// filters.Template); a value whose template does not resolve is not
// written. Setting or appending the request header Host also sets the
// outgoing host of the backend request.
package headers

import (
	"net/http"
	"strings"

	"github.com/openskipper/skipper/filters"
)

// Names of the filters of this package.
const (
	SetRequestHeaderName     = "setRequestHeader"
	SetResponseHeaderName    = "setResponseHeader"
	AppendRequestHeaderName  = "appendRequestHeader"
	AppendResponseHeaderName = "appendResponseHeader"
	DropRequestHeaderName    = "dropRequestHeader"
	DropResponseHeaderName   = "dropResponseHeader"
)

type operation int

const (
	set operation = iota
	appendValue
	drop
)

type spec struct {
	name     string
	op       operation
	response bool
}

type filter struct {
	op       operation
	response bool
	key      string // canonical
	isHost   bool
	value    *filters.Template // nil for the drop filters, else &tmpl
	// tmpl holds the value's template, so that a filter instance is one
	// object: large route tables hold hundreds of thousands of these.
	tmpl filters.Template
}

// NewSetRequestHeader returns the spec of setRequestHeader(name, value):
// it replaces the request header's values with the value.
func NewSetRequestHeader() filters.Spec {
	return &spec{name: SetRequestHeaderName, op: set}
}

// NewSetResponseHeader returns the spec of setResponseHeader(name, value):
// it replaces the response header's values with the value.
func NewSetResponseHeader() filters.Spec {
	return &spec{name: SetResponseHeaderName, op: set, response: true}
}

// NewAppendRequestHeader returns the spec of appendRequestHeader(name,
// value): it adds the value to the request header's values.
func NewAppendRequestHeader() filters.Spec {
	return &spec{name: AppendRequestHeaderName, op: appendValue}
}

// NewAppendResponseHeader returns the spec of appendResponseHeader(name,
// value): it adds the value to the response header's values.
func NewAppendResponseHeader() filters.Spec {
	return &spec{name: AppendResponseHeaderName, op: appendValue, response: true}
}

// NewDropRequestHeader returns the spec of dropRequestHeader(name): it
// deletes all values of the request header.
func NewDropRequestHeader() filters.Spec {
	return &spec{name: DropRequestHeaderName, op: drop}
}

// NewDropResponseHeader returns the spec of dropResponseHeader(name): it
// deletes all values of the response header.
func NewDropResponseHeader() filters.Spec {
	return &spec{name: DropResponseHeaderName, op: drop, response: true}
}

// Name returns the filter's name.
func (s *spec) Name() string { return s.name }

// CreateFilter takes the header name and, except for the drop filters,
// the value template.
func (s *spec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(s.name, args)
	name := a.NonEmptyString(0, "header name")
	var value *filters.Template
	n := 1
	if s.op != drop {
		value = a.Template(1, "header value")
		n = 2
	}
	if err := a.Done(n); err != nil {
		return nil, err
	}
	key := http.CanonicalHeaderKey(name)
	f := &filter{
		op:       s.op,
		response: s.response,
		key:      key,
		isHost:   strings.EqualFold(key, "Host"),
	}
	if value != nil {
		f.tmpl = *value
		f.value = &f.tmpl
	}
	return f, nil
}

// Request changes the request header; Host also sets the outgoing host.
func (f *filter) Request(ctx filters.FilterContext) {
	if f.response {
		return
	}
	r := ctx.Request()
	if r.Header == nil {
		r.Header = make(http.Header)
	}
	h := r.Header
	if f.op == drop {
		h.Del(f.key)
		return
	}
	v, ok := f.value.Apply(ctx)
	if !ok {
		return
	}
	if f.op == set {
		h.Set(f.key, v)
	} else {
		h.Add(f.key, v)
	}
	if f.isHost {
		ctx.SetOutgoingHost(v)
	}
}

// Response changes the response header.
func (f *filter) Response(ctx filters.FilterContext) {
	if !f.response {
		return
	}
	rsp := ctx.Response()
	if rsp == nil {
		return
	}
	if rsp.Header == nil {
		rsp.Header = make(http.Header)
	}
	if f.op == drop {
		rsp.Header.Del(f.key)
		return
	}
	v, ok := f.value.Apply(ctx)
	if !ok {
		return
	}
	if f.op == set {
		rsp.Header.Set(f.key, v)
	} else {
		rsp.Header.Add(f.key, v)
	}
}
