package skipper

import (
	"time"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
	"github.com/openskipper/skipper/routing"
)

// defaultSourcePollTimeout is the poll interval of the data clients when
// Options.SourcePollTimeout is zero or negative.
const defaultSourcePollTimeout = 30 * time.Millisecond

// routingOptions returns the options of the routing: the registries, the
// data clients and the pre-processors built by run, and the routing
// settings of o.
func (o *Options) routingOptions(fr filters.Registry, clients []routing.DataClient, preds []routing.PredicateSpec, log logging.Logger) routing.Options {
	return routing.Options{
		FilterRegistry:  fr,
		MatchingOptions: o.matchingOptions(),
		PollTimeout:     o.pollTimeout(),
		DataClients:     clients,
		Predicates:      preds,
		Log:             log,
		SuppressLogs:    o.SuppressRouteUpdateLogs,
		PreProcessors:   o.preProcessors(),
		// run waits for the first load only with WaitFirstRouteLoad, but
		// always returns the memory of the initial build after it.
		SignalFirstLoad: true,
	}
}

// pollTimeout is SourcePollTimeout, or 30ms when it is not positive.
func (o *Options) pollTimeout() time.Duration {
	if o.SourcePollTimeout <= 0 {
		return defaultSourcePollTimeout
	}
	return o.SourcePollTimeout
}

// matchingOptions returns the routing's path matching options.
func (o *Options) matchingOptions() routing.MatchingOptions {
	if o.IgnoreTrailingSlash {
		return routing.IgnoreTrailingSlash
	}
	return routing.MatchingOptionsNone
}
