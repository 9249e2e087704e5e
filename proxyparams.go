package skipper

import (
	"os"

	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/proxy"
	"github.com/openskipper/skipper/routing"
)

// proxyFlags returns the proxy flags of the boolean options.
func (o *Options) proxyFlags() proxy.Flags {
	f := proxy.FlagsNone
	if o.Insecure {
		f |= proxy.Insecure
	}
	if o.PreserveHost {
		f |= proxy.PreserveHost
	}
	if o.RemoveHopHeaders {
		f |= proxy.HopHeadersRemoval
	}
	return f
}

// proxyParams returns the parameters of the proxy serving the routes of
// rt. A nil access log turns access logging off.
func (o *Options) proxyParams(rt *routing.Routing, log logging.Logger, al *accessLog) proxy.Params {
	p := proxy.Params{
		Routing:                    rt,
		Flags:                      o.proxyFlags(),
		DefaultHTTPStatus:          o.DefaultHTTPStatus,
		MaxLoops:                   o.MaxLoopbacks,
		IdleConnectionsPerHost:     o.IdleConnectionsPerHost,
		MaxIdleConns:               o.MaxIdleConnsBackend,
		CloseIdleConnsPeriod:       o.CloseIdleConnsPeriod,
		Timeout:                    o.TimeoutBackend,
		KeepAlive:                  o.KeepAliveBackend,
		ResponseHeaderTimeout:      o.ResponseHeaderTimeoutBackend,
		TLSHandshakeTimeout:        o.TLSHandshakeTimeoutBackend,
		ExpectContinueTimeout:      o.ExpectContinueTimeoutBackend,
		DisableHTTPKeepalives:      o.DisableHTTPKeepalives,
		FlushInterval:              o.BackendFlushInterval,
		ExperimentalUpgrade:        o.ExperimentalUpgrade,
		UpgradeDialTimeout:         o.UpgradeDialTimeout,
		CustomHttpRoundTripperWrap: o.CustomHttpRoundTripperWrap,
		Log:                        log,
	}
	if al != nil {
		p.AccessLog = al
	}
	if o.ExperimentalUpgradeAudit {
		p.UpgradeAuditLog = os.Stdout
	}
	return p
}
