package eskip

// CallPosition is one predicate or filter call of a route definition, with
// the place of its name in the document.
type CallPosition struct {
	// Name is the name of the predicate or filter, e.g. "Method".
	Name string
	// Filter is true for a filter call, false for a predicate call.
	Filter bool
	// Pos is the position of the first character of the name.
	Pos Position
	// Args are the arguments as the parser reads them: float64 for
	// numbers, string for strings and regular expressions; nil when there
	// are none. They tell apart calls of the same name.
	Args []interface{}
}

// CallPositions returns every predicate and filter call of the one route
// that starts at byte offset routeOffset of doc (the Offset of the Position
// that ParseEach reports for it), in source order. "*" is not a call and is
// left out; Any() is a call. The route ends at its ";" or at the end of
// doc.
//
// It lexes the route again and counts lines from the start of doc, so it is
// meant for reporting errors, not for every route of a large document. On
// a route that does not lex cleanly it returns the calls found before the
// problem. An offset outside doc gives nil.
func CallPositions(doc string, routeOffset int) []CallPosition {
	if routeOffset < 0 || routeOffset > len(doc) {
		return nil
	}
	c := callScanner{lexer: lexer{src: doc, pos: routeOffset}, lines: lineTracker{src: doc}}
	c.next()
	c.skipID()
	return c.calls()
}

// callScanner walks the tokens of one route for CallPositions.
type callScanner struct {
	lexer
	lines lineTracker
	out   []CallPosition
}

// skipID moves past "id :" when the route starts with one.
func (c *callScanner) skipID() {
	if c.tok.kind != tokSymbol {
		return
	}
	saved := c.lexer
	c.next()
	if c.tok.kind == tokColon {
		c.next()
		return
	}
	c.lexer = saved
}

// calls collects the calls up to the end of the route. Every "->" moves
// from the predicates to the filters; a symbol not followed by "(" (the
// algorithm of a load-balanced backend) is no call.
func (c *callScanner) calls() []CallPosition {
	filter := false
	for {
		switch c.tok.kind {
		case tokEOF, tokSemicolon, tokError, tokBadChar:
			return c.out
		case tokArrow:
			filter = true
			c.next()
		case tokSymbol:
			name := c.tok
			c.next()
			if c.tok.kind != tokLParen {
				continue
			}
			args, ok := c.args()
			c.out = append(c.out, CallPosition{
				Name:   name.str,
				Filter: filter,
				Pos:    c.lines.position(name.start),
				Args:   args,
			})
			if !ok {
				return c.out
			}
		default:
			c.next()
		}
	}
}

// args reads the arguments after "(" up to and including ")". It returns
// false when the route ends or does not lex before the ")".
func (c *callScanner) args() ([]interface{}, bool) {
	var args []interface{}
	for {
		c.next()
		switch c.tok.kind {
		case tokRParen:
			c.next()
			return args, true
		case tokNumber:
			args = append(args, c.tok.num)
		case tokString, tokRegexp:
			args = append(args, c.tok.str)
		case tokComma:
		default:
			return args, false
		}
	}
}
