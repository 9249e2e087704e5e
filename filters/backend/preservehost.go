package backend

import (
	"sync/atomic"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/internal/backendhost"
)

// PreserveHostName is the name of the preserveHost filter.
const PreserveHostName = "preserveHost"

type preserveHostSpec struct{}

type preserveHostFilter struct {
	preserve bool
	// backend caches the host of the last backend URL seen: a filter
	// belongs to one route, so it is parsed once.
	backend *atomic.Pointer[backendHost]
}

type backendHost struct {
	url, host string
}

// NewPreserveHost returns the spec of preserveHost("true"|"false"). With
// "true", when the outgoing host is still the backend's host, it becomes
// the incoming request's Host; with "false", when the outgoing host is
// still the incoming Host, it becomes the backend's host. A Host that
// another filter set explicitly is left alone either way. The backend's
// host is compared and set as the proxy sends it: lower-cased and without
// the default port of its scheme ("example.org" for
// "https://example.org:443").
func NewPreserveHost() filters.Spec { return preserveHostSpec{} }

// Name returns "preserveHost".
func (preserveHostSpec) Name() string { return PreserveHostName }

// CreateFilter takes "true" or "false".
func (preserveHostSpec) CreateFilter(args []interface{}) (filters.Filter, error) {
	a := filters.ParseArgs(PreserveHostName, args)
	v := a.Enum(0, "preserve", "true", "false")
	if err := a.Done(1); err != nil {
		return nil, err
	}
	return preserveHostFilter{preserve: v == "true", backend: new(atomic.Pointer[backendHost])}, nil
}

// Request switches the outgoing host per the rules above.
func (f preserveHostFilter) Request(ctx filters.FilterContext) {
	backend := f.backendHost(ctx.BackendUrl())
	incoming := ctx.Request().Host
	outgoing := ctx.OutgoingHost()
	switch {
	case f.preserve && outgoing == backend:
		ctx.SetOutgoingHost(incoming)
	case !f.preserve && outgoing == incoming:
		ctx.SetOutgoingHost(backend)
	}
}

// Response does nothing.
func (preserveHostFilter) Response(filters.FilterContext) {}

// backendHost returns the Host the proxy sends to the backend URL raw
// (lower-cased, without the default port of its scheme, see package
// internal/backendhost), "" when it has none or does not parse.
func (f preserveHostFilter) backendHost(raw string) string {
	if c := f.backend.Load(); c != nil && c.url == raw {
		return c.host
	}
	host := backendhost.FromURL(raw)
	f.backend.Store(&backendHost{url: raw, host: host})
	return host
}
