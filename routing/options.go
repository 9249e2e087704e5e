package routing

import (
	"os"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/openskipper/skipper/filters"
	"github.com/openskipper/skipper/logging"
)

// DefaultPollTimeout is the polling interval of the data clients when
// Options.PollTimeout is zero or negative.
const DefaultPollTimeout = time.Millisecond

// Options configure a Routing. The zero value is usable: no data clients,
// no filters, no custom predicates, exact path matching.
type Options struct {
	// FilterRegistry holds the filter specs that route filters are looked
	// up in. Nil means no filters: every route with a filter is invalid.
	FilterRegistry filters.Registry

	// MatchingOptions change how paths match, e.g. IgnoreTrailingSlash.
	MatchingOptions MatchingOptions

	// PollTimeout is the interval at which each data client is asked for
	// updates. Zero or negative means DefaultPollTimeout (1 ms).
	PollTimeout time.Duration

	// DataClients are the route sources. Their routes are merged by id;
	// for an id that several clients hold, the client listed first wins.
	// A client listed twice is used once.
	DataClients []DataClient

	// Predicates are the custom predicate specs. For specs of the same
	// name the last one wins.
	Predicates []PredicateSpec

	// UpdateBuffer is unused.
	//
	// Deprecated: kept for source compatibility; updates are applied as
	// they come.
	UpdateBuffer int

	// Log receives the routing's logs. Nil means a logrus logger writing
	// to stderr at info level.
	Log logging.Logger

	// SuppressLogs replaces the log line per received route with counts.
	SuppressLogs bool

	// PreProcessors change the route definitions before they are built,
	// in order. See the package documentation for how they work with
	// incremental updates.
	PreProcessors []PreProcessor

	// PostProcessors change the routes built by an update before they are
	// published, in order. See the package documentation.
	PostProcessors []PostProcessor

	// SignalFirstLoad makes FirstLoad's channel close only once a table
	// with the routes of every data client has been published. Without
	// it, the channel is closed from the start.
	SignalFirstLoad bool
}

func (o *Options) logger() logging.Logger {
	if o.Log != nil {
		return o.Log
	}
	return logging.New(os.Stderr, logrus.InfoLevel)
}

func (o *Options) pollTimeout() time.Duration {
	if o.PollTimeout <= 0 {
		return DefaultPollTimeout
	}
	return o.PollTimeout
}

// predicateSpecs maps the custom predicate specs by name, the last one of
// a name winning.
func (o *Options) predicateSpecs() map[string]PredicateSpec {
	m := make(map[string]PredicateSpec, len(o.Predicates))
	for _, s := range o.Predicates {
		if s != nil {
			m[s.Name()] = s
		}
	}
	return m
}
