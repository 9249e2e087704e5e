package eskip

import (
	"strconv"
	"strings"
)

// ParseError tells where and why a document could not be parsed. Its Error
// text has the form
//
//	3:18: route "api": expected "->" or "&&" after predicate, found "Method"
//
// and, when File is set, starts with the file name: "routes.eskip:3:18: …".
type ParseError struct {
	// File is the name of the file the document came from, if known. The
	// parser leaves it empty; callers that read files set it.
	File string
	// Line is the 1-based line of the error.
	Line int
	// Column is the 1-based column of the error, counted in characters
	// (runes), not bytes.
	Column int
	// Offset is the 0-based byte offset of the error in the document.
	Offset int
	// RouteID is the id of the route being parsed, if one was seen.
	RouteID string
	// Found describes what was found at the position, e.g. `"Method"` or
	// "end of input". Empty for errors that are not about a token.
	Found string
	// Expected describes what would have been valid there, e.g.
	// `"->" or "&&"`. Empty for errors that are not about a token.
	Expected string
	// Msg is the complete reason, e.g.
	// `expected "->" or "&&" after predicate, found "Method"`.
	Msg string
}

// Error returns the position, the route id and the reason.
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteByte(':')
	}
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteByte(':')
	b.WriteString(strconv.Itoa(e.Column))
	b.WriteString(": ")
	if e.RouteID != "" {
		b.WriteString("route ")
		b.WriteString(strconv.Quote(e.RouteID))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Position is a place in a document: 1-based line and column (counted in
// characters) and 0-based byte offset.
type Position struct {
	Line   int
	Column int
	Offset int
}

// PositionOf returns the position of the byte offset off in doc, counted
// as the parser counts them: lines from 1, columns from 1 in runes.
func PositionOf(doc string, off int) Position {
	t := lineTracker{src: doc}
	return t.position(off)
}

// String returns "line:column".
func (p Position) String() string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
}
