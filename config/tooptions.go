package config

import (
	"strings"
	"time"

	"github.com/openskipper/skipper"
	"github.com/openskipper/skipper/eskip"
)

// ToOptions returns the skipper.Options of the parsed configuration.
// -routes-file becomes WatchRoutesFile (re-read on every poll) and
// -source-poll-timeout, given in milliseconds, becomes a duration.
func (c *Config) ToOptions() skipper.Options {
	// The items were checked when they were set.
	forwarded, _ := ParseForwardedHeaders(c.ForwardedHeaders)

	o := skipper.Options{
		Address:            c.Address,
		InsecureAddress:    c.InsecureAddress,
		SupportListener:    c.SupportListener,
		WatchRoutesFile:    strings.Join(c.RoutesFile, ","),
		InlineRoutes:       c.InlineRoutes,
		SourcePollTimeout:  time.Duration(c.SourcePollTimeout) * time.Millisecond,
		WaitFirstRouteLoad: c.WaitFirstRouteLoad,

		DefaultHTTPStatus:        c.DefaultHTTPStatus,
		MaxLoopbacks:             c.MaxLoopbacks,
		PreserveHost:             c.ProxyPreserveHost,
		RemoveHopHeaders:         c.RemoveHopHeaders,
		Insecure:                 c.Insecure,
		IgnoreTrailingSlash:      c.IgnoreTrailingSlash,
		ForwardedHeaders:         forwarded,
		ForwardBackendURL:        c.ForwardBackendURL,
		ExperimentalUpgrade:      c.ExperimentalUpgrade,
		ExperimentalUpgradeAudit: c.ExperimentalUpgradeAudit,
		UpgradeDialTimeout:       c.UpgradeDialTimeout,
		EnableH2cServer:          c.EnableH2cServer,

		AccessLogOutput:           c.AccessLog,
		AccessLogDisabled:         c.AccessLogDisabled,
		AccessLogJSONEnabled:      c.AccessLogJSONEnabled,
		AccessLogStripQuery:       c.AccessLogStripQuery,
		ApplicationLogOutput:      c.ApplicationLog,
		ApplicationLogLevel:       c.ApplicationLogLevel,
		ApplicationLogPrefix:      c.ApplicationLogPrefix,
		ApplicationLogJSONEnabled: c.ApplicationLogJSONEnabled,
		EnableProfile:             c.EnableProfile,
		DevMode:                   c.DevMode,
		SuppressRouteUpdateLogs:   c.SuppressRouteUpdateLogs,

		CertPathTLS:             c.CertPathTLS,
		KeyPathTLS:              c.KeyPathTLS,
		ReadTimeoutServer:       c.ReadTimeoutServer,
		ReadHeaderTimeoutServer: c.ReadHeaderTimeoutServer,
		WriteTimeoutServer:      c.WriteTimeoutServer,
		IdleTimeoutServer:       c.IdleTimeoutServer,
		MaxHeaderBytes:          c.MaxHeaderBytes,

		TimeoutBackend:               c.TimeoutBackend,
		KeepAliveBackend:             c.KeepaliveBackend,
		ResponseHeaderTimeoutBackend: c.ResponseHeaderTimeoutBackend,
		TLSHandshakeTimeoutBackend:   c.TLSHandshakeTimeoutBackend,
		ExpectContinueTimeoutBackend: c.ExpectContinueTimeoutBackend,
		IdleConnectionsPerHost:       c.IdleConnsPerHost,
		CloseIdleConnsPeriod:         c.CloseIdleConnsPeriod,
		MaxIdleConnsBackend:          c.MaxIdleConnsBackend,
		DisableHTTPKeepalives:        c.DisableHTTPKeepalives,
		BackendFlushInterval:         c.BackendFlushInterval,
		WaitForHealthcheckInterval:   c.WaitForHealthcheckInterval,
	}

	if len(c.DefaultFiltersPrepend) > 0 || len(c.DefaultFiltersAppend) > 0 {
		o.DefaultFilters = &eskip.DefaultFilters{
			Prepend: c.DefaultFiltersPrepend,
			Append:  c.DefaultFiltersAppend,
		}
	}
	if len(c.DisabledFilters) > 0 {
		o.DisabledFilters = append([]string(nil), c.DisabledFilters...)
	}
	for _, r := range c.EditRoute {
		o.EditRoute = append(o.EditRoute, eskip.NewEditor(r.Regexp, r.Repl))
	}
	for _, r := range c.CloneRoute {
		o.CloneRoute = append(o.CloneRoute, eskip.NewClone(r.Regexp, r.Repl))
	}
	return o
}
