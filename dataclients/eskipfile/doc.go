// Package eskipfile provides data clients that read routes from eskip
// files.
//
// There are two clients:
//
//   - Open reads and parses a file once. A read or syntax error fails Open,
//     so a program that starts with a broken file stops at once. Its
//     LoadAll returns the routes of the file, its LoadUpdate never returns
//     anything. Its name is "eskipfile".
//   - Watch (and WatchWithOptions) returns a client that reads the file
//     again on every LoadAll and LoadUpdate, that is on every poll of the
//     routing. This is what the -routes-file flag uses. Its name is
//     "eskipfile-watch".
//
// # Watching a file
//
// On each poll the watch client reads the whole file. When its bytes are
// the same as at the previous poll, nothing happens. Otherwise the file is
// parsed route by route and compared, by route id, with the routes the
// client delivered before: new and changed routes (compared field by field)
// are returned as upserts, routes whose ids are gone as deleted ids.
//
// When the file does not exist (any more), all of its routes are deleted
// and the fact is logged at info level. When it appears again, its routes
// are added. Any other read error (e.g. permission denied) is returned as
// the poll's error: the routing then keeps the routes it has and tries
// again on the next poll.
//
// # Files with syntax errors
//
// A broken route never takes the good ones down with it, and never removes
// a route that is already serving:
//
//   - Every syntax error is logged at error level with the file name, line
//     and column, and the route id when the parser had read it, e.g.
//     `routes.eskip:3:18: route "api": expected "->" or "&&" …`.
//   - Every route that parses is loaded (added or updated) as usual.
//   - A route that was loaded before and is broken now keeps its last good
//     version. The client recognises it by its id: the id named by the
//     error (eskip.ParseError.RouteID), or the id still present in the file
//     text followed by a colon — a route that a broken neighbour swallowed,
//     e.g. after a missing ";", is kept this way too.
//   - When an error names no route id (the id itself is broken, or the file
//     is garbage), the client cannot tell which routes are gone, so no
//     route is deleted by that poll; the previous routes stay as they are.
//   - Otherwise a route whose id no longer occurs in the file is deleted.
//
// Once the file is fixed, the next poll loads the fixed routes and deletes
// the routes whose deletion was held back. The errors of a file are logged
// once per change of the file, not on every poll.
//
// A route id defined twice in a file is logged as a warning; the later
// definition wins, as it would in the routing.
//
// # Several files
//
// A client reads one file. For several files (the -routes-file flag takes
// a comma separated list), create one client per file and pass them all to
// the routing; route ids should be unique across the files.
//
// # Concurrency
//
// The routing calls LoadAll and LoadUpdate of a client from a single
// goroutine; a client must not be polled from several goroutines at once.
package eskipfile
