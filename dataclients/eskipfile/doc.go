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
//     again when it changed, checked on every LoadAll and LoadUpdate, that
//     is on every poll of the routing, and between polls (see Changes).
//     This is what the -routes-file flag uses. Its name is
//     "eskipfile-watch".
//
// # Watching a file
//
// On each poll the watch client looks at the file's size, modification
// time and identity (a file renamed over it is a new file). When they are
// the same as at the previous read, and that read came more than two
// seconds after the modification time (file systems with coarse time
// stamps could hide a second write), the file is not read: an unchanged
// file of 800,000 routes costs one stat call per poll. Otherwise the whole
// file is read; when its bytes are the same as before, nothing happens.
// When they differ, the file is compared, by route id, with the routes
// the client delivered before: new and changed routes are returned as
// upserts, routes whose ids are gone as deleted ids. A route counts as
// changed when its text changed (from its id up to the next route) and its
// definition, parsed from the old text, differs field by field from the
// new one: edits of comments and spaces deliver nothing. The file is first
// only split into routes by the lexer (eskip.SplitRoutes) and only the
// routes whose text changed are parsed: a one-route change of a file of
// 100,000 routes took 83 ms and 21 MB (BenchmarkWatchOneChange), against
// 156 ms and 61 MB when every route was parsed.
// A file that does not split cleanly, defines an id twice or has a changed
// route with a syntax error is parsed whole, as described below.
//
// The client keeps the text of each route, not the parsed route: the
// parsed routes belong to the routing, which keeps a copy of each, and
// holding them here too would cost about 260 bytes per route (200 MB at
// 800,000 routes). The texts share the file's contents, which the routes
// of the routing share anyway. LoadAll on an unchanged file parses the
// kept texts again.
//
// The routing does not have to wait for its next poll (-source-poll-timeout,
// 3 s by default): the client implements routing.ChangeNotifier, and looks
// at the file every 100 ms (WatchOptions.CheckInterval) to report a change
// at once. A one-route change in a file of 100,000 routes is served within
// a few hundred milliseconds.
//
// Replace route files atomically (write a new file, then rename it over the
// old one), as deployment tools and most editors do. A file written in
// place is truncated first, and reading it at that moment would delete
// every route: to guard against that, the client reads a changed file only
// once its modification time is 100 ms old (WatchOptions.Settle), waits
// while it keeps changing (at most two seconds), and reads it again when it
// changed during the read.
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
