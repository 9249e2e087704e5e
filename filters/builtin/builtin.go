// Package builtin lists the built-in filter specs of all families.
package builtin

import (
	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/filters/backend"
	"github.com/openskipper/skipper/filters/diag"
	"github.com/openskipper/skipper/filters/headers"
	"github.com/openskipper/skipper/filters/path"
	"github.com/openskipper/skipper/filters/query"
	"github.com/openskipper/skipper/filters/redirect"
	"github.com/openskipper/skipper/filters/static"
	"github.com/openskipper/skipper/filters/tee"
)

// Filters returns new instances of all built-in filter specs. Each call
// returns fresh values that share no state with those of another call.
func Filters() []filters.Spec {
	return []filters.Spec{
		diag.NewStatus(),
		diag.NewComment(),
		headers.NewSetRequestHeader(),
		headers.NewSetResponseHeader(),
		headers.NewAppendRequestHeader(),
		headers.NewAppendResponseHeader(),
		headers.NewDropRequestHeader(),
		headers.NewDropResponseHeader(),
		path.NewSetPath(),
		path.NewModPath(),
		query.NewSetQuery(),
		redirect.NewRedirectTo(),
		redirect.NewRedirectToLower(),
		static.NewInlineContent(),
		backend.NewPreserveHost(),
		backend.NewSetDynamicBackendURL(),
		backend.NewSetDynamicBackendHost(),
		backend.NewSetDynamicBackendScheme(),
		backend.NewSetDynamicBackendURLFromHeader(),
		backend.NewSetDynamicBackendHostFromHeader(),
		backend.NewSetDynamicBackendSchemeFromHeader(),
		tee.NewTee(),
	}
}

// MakeRegistry returns a new registry holding Filters().
func MakeRegistry() filters.Registry {
	r := make(filters.Registry)
	for _, s := range Filters() {
		r.Register(s)
	}
	return r
}
