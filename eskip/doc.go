// Package eskip implements the eskip route language: the route model, a
// hand-written lexer and parser, the printer, the JSON form and the route
// pre-processors that work on definitions.
//
// A document is a list of route definitions separated by semicolons:
//
//	hello: Path("/hello") -> inlineContent("Hello") -> <shunt>;
//	api:   PathSubtree("/api") && Method("GET")
//	       -> setRequestHeader("X-Api", "1")
//	       -> <roundRobin, "http://a:8080", "http://b:8080">;
//
// Parse errors are *ParseError values that carry the line, the column, the
// byte offset and the id of the route being parsed.
package eskip
