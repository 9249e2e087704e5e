package eskip

import "strings"

// RouteSpan is the place of one route in a document: its id and the byte
// offset of its start, the id. The route's text runs up to the start of
// the next route, or to the end of the document, with the comments and
// spaces after it.
type RouteSpan struct {
	ID    string
	Start int
}

// SplitRoutes finds the routes of doc by their tokens alone, without
// building them, for data clients that parse only the routes whose text
// changed. It returns the routes in document order, and false when doc is
// not a plain list of routes with ids, each ended by ";" (the last one may
// end with the document instead): a lexer error, a route without an id or
// a ":" inside a route make it give up. A document it accepts may still
// fail to parse; one it rejects is to be parsed whole, to report its errors.
func SplitRoutes(doc string) ([]RouteSpan, bool) {
	l := lexer{src: doc}
	spans := make([]RouteSpan, 0, strings.Count(doc, ";")+1)
	l.next()
	for {
		for l.tok.kind == tokSemicolon {
			l.next()
		}
		if l.tok.kind == tokEOF {
			return spans, true
		}
		if l.tok.kind != tokSymbol {
			return nil, false
		}
		spans = append(spans, RouteSpan{ID: l.tok.str, Start: l.tok.start})
		if l.next(); l.tok.kind != tokColon {
			return nil, false
		}
		for l.tok.kind != tokSemicolon {
			l.next()
			switch l.tok.kind {
			case tokEOF:
				return spans, true
			case tokColon, tokError, tokBadChar:
				return nil, false
			}
		}
	}
}
