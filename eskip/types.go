package eskip

import "fmt"

// BackendType tells how a route's requests are served.
type BackendType int

// The backend types. The numbering is the original's and is part of the API.
const (
	// NetworkBackend proxies to the URL in Route.Backend.
	NetworkBackend BackendType = iota
	// ShuntBackend answers from the filters alone, without a backend call.
	ShuntBackend
	// LoopBackend routes the request again, after the filters changed it.
	LoopBackend
	// DynamicBackend proxies to a target that a filter sets per request.
	DynamicBackend
	// LBBackend load-balances over Route.LBEndpoints with Route.LBAlgorithm.
	LBBackend
	// ForwardBackend proxies to the URL given by the -forward-backend-url option.
	ForwardBackend
)

var backendTypeNames = [...]string{"network", "shunt", "loopback", "dynamic", "lb", "forward"}

// String returns the name of the backend type as used in JSON and flags.
func (t BackendType) String() string {
	if t < 0 || int(t) >= len(backendTypeNames) {
		return fmt.Sprintf("BackendType(%d)", int(t))
	}
	return backendTypeNames[t]
}

// BackendTypeFromString returns the backend type of a name as returned by
// BackendType.String. The empty string means NetworkBackend.
func BackendTypeFromString(s string) (BackendType, error) {
	if s == "" {
		return NetworkBackend, nil
	}
	for i, n := range backendTypeNames {
		if n == s {
			return BackendType(i), nil
		}
	}
	return -1, fmt.Errorf("unsupported backend type: %s", s)
}

// Predicate is a call of a predicate in a route definition, e.g.
// PathSubtree("/api") or Weight(3). Args hold float64 and string values.
type Predicate struct {
	// Name is the predicate's name, e.g. "PathSubtree".
	Name string `json:"name"`
	// Args are the arguments: float64 for numbers, string for strings and
	// regular expressions. A call without arguments has nil Args.
	Args []interface{} `json:"args,omitempty"`
}

// Filter is a call of a filter in a route definition, e.g.
// setRequestHeader("X-Foo", "bar"). Args hold float64 and string values.
type Filter struct {
	// Name is the filter's name, e.g. "setRequestHeader".
	Name string `json:"name"`
	// Args are the arguments: float64 for numbers, string for strings and
	// regular expressions. A call without arguments has nil Args.
	Args []interface{} `json:"args,omitempty"`
}

// LBEndpoint is one endpoint of a load-balanced backend.
type LBEndpoint struct {
	// Address is the endpoint's URL, without the zone query parameter.
	Address string
	// Zone is the value of the endpoint's ?zone= parameter, if it had one.
	Zone string
}

// Route is one route definition: an id, the conditions a request must meet
// (predicates), the filters that change request and response, and a backend.
//
// Parse moves the predicates Path, Host, PathRegexp, Method, Header and
// HeaderRegexp into the legacy fields below; every other predicate stays in
// Predicates in source order.
type Route struct {
	// Id identifies the route in a table. It is empty only for a document
	// that holds a single route expression.
	Id string

	// Path is the argument of the Path predicate, if any.
	Path string
	// HostRegexps are the arguments of the Host predicates.
	HostRegexps []string
	// PathRegexps are the arguments of the PathRegexp predicates.
	PathRegexps []string
	// Method is the argument of the Method predicate, if any.
	Method string
	// Headers maps header names to the values the Header predicates require.
	Headers map[string]string
	// HeaderRegexps maps header names to the regexps of the HeaderRegexp
	// predicates.
	HeaderRegexps map[string][]string

	// Predicates are all other predicates, e.g. PathSubtree, Weight or
	// custom ones, in source order.
	Predicates []*Predicate
	// Filters are the route's filters, in order of execution on the request.
	Filters []*Filter

	// Shunt is set for <shunt> routes.
	//
	// Deprecated: use BackendType == ShuntBackend.
	Shunt bool
	// BackendType tells how requests are served.
	BackendType BackendType
	// Backend is the URL of a network backend.
	Backend string
	// LBAlgorithm is the algorithm of a load-balanced backend; empty when
	// the backend was written without one (<"http://a", "http://b">).
	LBAlgorithm string
	// LBEndpoints are the endpoints of a load-balanced backend.
	LBEndpoints []*LBEndpoint

	// Name is unused.
	//
	// Deprecated: kept for source compatibility.
	Name string
	// Namespace is unused.
	//
	// Deprecated: kept for source compatibility.
	Namespace string
}

// RouteInfo pairs a route with the error met while reading it, for data
// sources that read routes one by one and skip the broken ones.
type RouteInfo struct {
	Route
	// ParseError is the error that made the route unusable, or nil.
	ParseError error
}

// PrettyPrintInfo controls the printer.
type PrettyPrintInfo struct {
	// Pretty puts each filter and the backend on a line of its own.
	Pretty bool
	// IndentStr is written before each such line.
	IndentStr string
}
