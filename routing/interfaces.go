package routing

import (
	"net/http"

	"github.com/openskipper/skipper/eskip"
)

// DataClient is a source of route definitions.
type DataClient interface {
	// LoadAll returns every route the source holds.
	LoadAll() ([]*eskip.Route, error)
	// LoadUpdate returns the routes added or changed and the ids of the
	// routes deleted since the previous LoadAll or LoadUpdate.
	LoadUpdate() ([]*eskip.Route, []string, error)
}

// NamedDataClient is a DataClient with a name for logs and metrics, e.g.
// "eskipfile" or "etcd".
type NamedDataClient interface {
	DataClient
	Name() string
}

// ChangeNotifier is implemented by data clients that learn about changes
// between polls, e.g. by watching a file. Besides the regular polls, the
// routing calls LoadUpdate (or LoadAll, while the initial load has not
// succeeded) as soon as the channel receives. A nil channel never
// receives.
type ChangeNotifier interface {
	Changes() <-chan struct{}
}

// Predicate is a live condition of a route, created by a PredicateSpec.
type Predicate interface {
	// Match tells whether the request meets the condition.
	Match(*http.Request) bool
}

// PredicateSpec creates predicates of one kind from route arguments.
type PredicateSpec interface {
	// Name is the predicate's name in eskip, e.g. "Cookie".
	Name() string
	// Create returns a predicate for one route. args are float64 for
	// numbers and string for strings and regexps. An error rejects the
	// route.
	Create(args []interface{}) (Predicate, error)
}

// WeightedPredicateSpec is a PredicateSpec whose predicates add Weight to
// the priority of their route among routes with the same path.
type WeightedPredicateSpec interface {
	PredicateSpec
	Weight() int
}

// PreProcessor changes route definitions before they are built, e.g. to add
// default filters.
type PreProcessor interface {
	Do([]*eskip.Route) []*eskip.Route
}

// PostProcessor changes built routes before they are published.
type PostProcessor interface {
	Do([]*Route) []*Route
}

// MatchingOptions are bit flags that change how paths match.
type MatchingOptions uint

const (
	// MatchingOptionsNone is the default: exact path matching.
	MatchingOptionsNone MatchingOptions = 0
	// IgnoreTrailingSlash makes /a and /a/ match the same routes.
	IgnoreTrailingSlash MatchingOptions = 1 << 1
)

func (o MatchingOptions) ignoreTrailingSlash() bool {
	return o&IgnoreTrailingSlash != 0
}
