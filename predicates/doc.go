// Package predicates holds skipper's built-in route predicates: one
// routing.PredicateSpec per predicate name, grouped in one file per family
// (host, methods, cookie, query, traffic, source, time, cron, content
// length, forwarded, tee, JWT payload, header hash, shutdown).
//
// Builtin returns a fresh set of all of them, ready for
// routing.Options.Predicates. Path, PathSubtree, PathRegexp, Host, Method,
// Header, HeaderRegexp and Weight are evaluated by the routing itself and
// have no spec here.
//
// Every spec checks its arguments when a route is built. A wrong argument
// gives an error that wraps ErrInvalidPredicateParameters and names the
// predicate, the argument's position (counting from 1) and what was
// expected, for example:
//
//	Traffic: argument 1: expected a number between 0 and 1, got 1.5: invalid predicate parameters
package predicates
