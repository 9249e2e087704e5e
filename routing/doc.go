// Package routing turns route definitions into a routing table and finds
// the route of each request.
//
// # Flow
//
// New starts a Routing: one goroutine per data client polls it (LoadAll,
// then LoadUpdate every Options.PollTimeout; after a failed LoadUpdate,
// LoadAll again at once; a failed LoadAll is retried at the next tick) and
// hands what it got to the updater goroutine. The updater merges the
// clients' routes by id, builds the routes whose definition changed, and
// publishes a new Table generation with an atomic swap. Requests use the
// current table: Routing.Route for a quick look, Routing.Get to pin a
// generation for the length of a request. Build does the same as one
// update, synchronously, for tools and tests.
//
// Publications that queue up while the updater is busy are applied
// together, as one generation. The log says "route settings received, id:
// N" and "route settings applied, id: N" for generation N, with one line
// per received route or, with Options.SuppressLogs, the counts.
//
// # Merging data clients
//
// Each client's routes are kept by id; an update applies its deletes, then
// its upserts. When several clients hold the same id, the client listed
// first in Options.DataClients wins (the original picks one at random); a
// warning is logged once per conflict. A client listed twice is used once,
// with an error logged. With Options.SignalFirstLoad, FirstLoad's channel
// closes once a table with the routes of every client is published;
// otherwise it is closed from the start.
//
// # Validation
//
// Each definition is checked in this order, and the first failure makes the
// route invalid:
//
//  1. the backend: a network backend must be an absolute URL with a host
//     (or empty); its scheme and host are lower-cased and the default port
//     added (http and h2c 80, https 443); the same for load-balanced
//     endpoints (failed_backend_split);
//  2. the filters, in order: looked up in Options.FilterRegistry
//     (unknown_filter, also for predicates used as filters) and created
//     (invalid_filter_params);
//  3. Host, PathRegexp, Method, Header and HeaderRegexp predicates found in
//     Predicates move into the legacy fields of the route's copy of the
//     definition (invalid_predicate_params for wrong arguments);
//  4. Weight is summed, the other predicates are looked up in
//     Options.Predicates (unknown_predicate) and created
//     (invalid_predicate_params);
//  5. at most one Path or PathSubtree (other), with one string argument
//     (invalid_predicate_params);
//  6. the regexps compile and the path pattern is valid (invalid_matcher).
//
// An invalid route is logged with its id, its reason and what to fix, and
// left out; every other route still loads. Table.InvalidRoutes lists the
// invalid routes with their errors. The filters created for a route that
// turns out invalid are closed at once.
//
// # Matching
//
// The request path (URL.Path) is cleaned: a leading slash added, "//"
// collapsed, "." and ".." resolved, a trailing slash kept. With
// IgnoreTrailingSlash, one trailing slash is removed (not from "/"), and
// also from the Path definitions. The path tree is searched segment by
// segment, trying at each node the static segment, then a parameter
// (":name", one non-empty segment), then a free wildcard ("*name", the
// rest, at least one character, captured with its leading slash). At each
// leaf whose pattern matches, the routes are tried in priority order and
// the first whose other conditions hold wins; if none holds, the search
// backtracks. PathSubtree(B) is registered at B, B/ (unless trailing
// slashes are ignored) and B/**; its parameter "*" (or the name of a final
// "/*name") is "/" for B and B/. Routes without Path or PathSubtree are
// tried only when nothing in the tree matched. Parameter values are
// query-unescaped once more; when that fails the raw value is kept.
//
// The other conditions are checked in this order: Method (exact), every
// Host regexp (unanchored, on Request.Host with its port), every PathRegexp
// (on the cleaned path with its trailing slash), every Header (some value
// equals; the name is canonicalised), every HeaderRegexp (some value
// matches), and the custom predicates in order. Table.Explain names the
// first condition of a route that rejects a request.
//
// # Priority
//
// Within a leaf, routes are ordered by priority, highest first: the sum of
// the Weight arguments, the Weight of every WeightedPredicateSpec, one for
// a Method, one per Host and per PathRegexp, one per header name of the
// Header and of the HeaderRegexp predicates, and one per custom predicate.
// Routes of equal priority are ordered by id, ascending (the original
// leaves the order to chance).
//
// # Updates
//
// An update costs work in proportion to the routes it changes, not to the
// size of the table. A route whose definition is unchanged (compared field
// by field) keeps its *Route, its predicates and its filter instances;
// only added and changed routes are built. The path tree is persistent: a
// new generation copies the nodes on the paths of the changed patterns and
// shares everything else with the previous one, and leaves are immutable
// sorted slices replaced when they change. Large leaves index their routes
// by the exact host of a ^literal$ Host regexp. The updater's bookkeeping
// belongs to its goroutine and is never copied. The id-sorted listing of
// Table.Routes is made on demand; once a Routing's routes have been listed,
// each update applies its changes to the listing, kept in chunks so that
// an update copies only the chunks it changes.
//
// Pre-processors see whole lists, so when any are configured every update
// runs them on the complete merged list (sorted by id) and diffs their
// output with the built routes by id and definition: unchanged routes are
// still kept, but the update costs work in proportion to the table. Without
// pre-processors, updates are incremental from the start. Post-processors
// run on each update with the routes built by that update only (sorted by
// id), since the routes kept from the previous generation are published
// and must not change: a post-processor may modify or replace the routes
// it gets, or leave some out, which drops them (their filters are closed).
// Changes to a route's definition fields after it was built do not change
// how it matches.
//
// # Closing filters
//
// Filters that implement filters.FilterCloser are closed once the route
// that owns them has left the table and no request can use them any more.
// Each generation counts its pins: the Routing holds one while the
// generation is current, and each RouteLookup from Get holds one until its
// Close, which the proxy calls when the request ends. The filters of the
// routes removed by an update are closed when the generation they were
// last in, and every older one, have no pins left. Close of the Routing
// closes the filters of the last table the same way. Filters of tables made
// by Build belong to the caller.
//
// # Metrics
//
// The routing does not record metrics yet; the counts of routes and
// invalid routes per generation are in the log, and Table gives the
// generation number, creation time and route counts that the observability
// work will report.
package routing
