package eskip

import (
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/openskipper/skipper/internal/slab"
)

// The parser is a hand-written recursive descent parser over the tokens of
// lexer, with one token of lookahead. It follows the grammar of the original:
//
//	document    = routeList | routeExpr   (routeExpr alone: one route, no id)
//	routeList   = ε | routeDef | routeList ";" routeDef | routeList ";"
//	routeDef    = SYMBOL ":" routeExpr
//	routeExpr   = predicates "->" [ filters "->" ] backend
//	predicates  = predicate { "&&" predicate }
//	predicate   = "*" | SYMBOL "(" [ args ] ")"
//	filters     = filter { "->" filter }
//	filter      = SYMBOL "(" [ args ] ")"
//	args        = arg { "," arg }
//	arg         = NUMBER | STRING | REGEXP
//	backend     = STRING | "<shunt>" | "<loopback>" | "<dynamic>" | "<forward>" | lbBackend
//	lbBackend   = "<" [ SYMBOL "," ] STRING { "," STRING } ">"
//
// While a route is parsed, its predicates, filters, arguments and endpoints
// go to scratch slices that are reused from route to route. When the route
// is complete and valid, it is built from memory cut from shared arrays
// (routeMemory). Symbols and literals without escapes are substrings of the
// document, not copies: the routes keep the document alive.
//
// Positions are byte offsets until an error or ParseEach needs a line and a
// column; lineTracker then counts them from the last position it computed.

// call is a parsed predicate or filter call in the parser's scratch space.
// Its arguments are p.args[a0:a1].
type call struct {
	name string
	off  int // byte offset of the name, or of the "*"
	star bool
	a0   int
	a1   int
}

// arg is a parsed argument in the parser's scratch space. Arguments are
// boxed into interface values only when they go into a Predicate or Filter,
// so the arguments of legacy predicates (Path, Host, …) cost nothing.
type arg struct {
	s   string
	f   float64
	num bool
}

// endpoint is a parsed load balancer endpoint in the parser's scratch space.
type endpoint struct {
	addr string
	off  int
}

// backendSpec is the parsed backend of the current route.
type backendSpec struct {
	typ       BackendType
	addr      string
	algorithm string
}

// parser holds the state of one parse. It is not safe for concurrent use.
type parser struct {
	lexer // tok is the lookahead token

	// routeID is the id of the route being parsed, for error messages.
	routeID string
	// err is the error that stopped the current route.
	err *ParseError

	preds     []call
	filters   []call
	args      []arg
	endpoints []endpoint
	backend   backendSpec

	lines lineTracker

	mem routeMemory
	box boxes
}

func newParser(doc string) *parser {
	p := &parser{
		lexer:   lexer{src: doc},
		lines:   lineTracker{src: doc},
		preds:   make([]call, 0, 8),
		filters: make([]call, 0, 8),
		args:    make([]arg, 0, 16),
	}
	p.next()
	return p
}

// Parse parses a document of route definitions. It is all or nothing: on
// the first error it returns nil routes and a *ParseError that tells the
// line, the column and the route.
//
// The predicates Path, Host, PathRegexp, Method, Header and HeaderRegexp move
// into the Route's legacy fields (Path, HostRegexps, …), "*" and Any() are
// dropped, all other predicates stay in Predicates in source order.
//
// Ids, names and literals without escapes are substrings of doc, so the
// routes keep doc in memory.
func Parse(doc string) ([]*Route, error) {
	var routes []*Route
	if n := estimateRoutes(doc); n > 0 {
		routes = make([]*Route, 0, n)
	}
	p := newParser(doc)
	errs := p.document(true, func(r *Route, _ int) { routes = append(routes, r) })
	if len(errs) > 0 {
		return nil, errs[0]
	}
	if len(routes) == 0 {
		return nil, nil
	}
	return routes, nil
}

// estimateRoutes guesses the number of routes in doc from the number of
// semicolons, to size the result once. Semicolons inside literals make it
// too large, so it is capped by the length of the shortest route,
// `a:*->"";`.
func estimateRoutes(doc string) int {
	if doc == "" {
		return 0
	}
	n := strings.Count(doc, ";") + 1
	if limit := len(doc)/8 + 1; n > limit {
		n = limit
	}
	return n
}

// MustParse is like Parse but panics on error. It is meant for routes
// written in code and tests.
func MustParse(doc string) []*Route {
	routes, err := Parse(doc)
	if err != nil {
		panic(err)
	}
	return routes
}

// ParseEach parses a document route by route, for tools and data clients
// that keep the good routes of a document with broken ones. It calls fn for
// every route that parses and is valid, in document order, with the
// position of the route's start (its id). After an error in a route it
// skips to the next ";" outside of literals and goes on. It returns all the
// errors met, nil when there were none.
//
// A route without an id is accepted only when it is the whole document, as
// in Parse.
func ParseEach(doc string, fn func(r *Route, pos Position)) []*ParseError {
	p := newParser(doc)
	return p.document(false, func(r *Route, start int) { fn(r, p.lines.position(start)) })
}

// document parses a whole document and calls emit for each valid route with
// the byte offset of its start. With stopOnError it returns at the first
// error; otherwise it skips the broken route and goes on.
func (p *parser) document(stopOnError bool, emit func(r *Route, start int)) []*ParseError {
	var errs []*ParseError
	first := true
	for {
		for p.tok.kind == tokSemicolon {
			first = false
			p.next()
		}
		if p.tok.kind == tokEOF {
			return errs
		}
		start := p.tok.start
		r, ok := p.route(first)
		first = false
		if ok {
			emit(r, start)
			continue
		}
		errs = append(errs, p.finishError())
		if stopOnError {
			return errs
		}
		p.skipRoute(start)
	}
}

// route parses one route and its terminator: ";" or the end of input for a
// route with an id, the end of input for the one route without an id.
func (p *parser) route(first bool) (*Route, bool) {
	p.routeID = ""
	p.resetScratch()
	t := p.tok
	noID := false
	switch t.kind {
	case tokSymbol:
		p.next()
		switch p.tok.kind {
		case tokColon:
			p.routeID = t.str
			p.next()
			if !p.predicates(nil, tokArrow) {
				return nil, false
			}
		case tokLParen:
			if !first {
				return nil, p.failAt(t.start, p.describe(t), "", "a route without an id must be the only one in the document")
			}
			noID = true
			if !p.predicates(&t, tokArrow) {
				return nil, false
			}
		default:
			return nil, p.expected(`":"`, " after route id "+quoteShort(t.str))
		}
	case tokStar:
		if !first {
			return nil, p.failAt(t.start, p.describe(t), "", "a route without an id must be the only one in the document")
		}
		noID = true
		if !p.predicates(nil, tokArrow) {
			return nil, false
		}
	default:
		return nil, p.expected("a route id", "")
	}
	if !p.filtersAndBackend() {
		return nil, false
	}
	r := &p.mem.routes.Take(1)[0]
	r.Id = p.routeID
	if !p.buildRoute(r) {
		return nil, false
	}
	switch p.tok.kind {
	case tokEOF:
		return r, true
	case tokSemicolon:
		if !noID {
			p.next()
			return r, true
		}
		semi := p.tok
		rest := p.lexer
		if rest.next(); rest.tok.kind == tokEOF {
			return nil, p.failAt(semi.start, p.describe(semi), "end of input", `a route without an id must not be followed by ";"`)
		}
		return nil, p.failAt(semi.start, p.describe(semi), "end of input", "a route without an id must be the only one in the document")
	case tokArrow:
		return nil, p.failAt(p.tok.start, p.describe(p.tok), `";"`, `expected ";" after backend, found "->": the backend must be the last part of a route`)
	}
	if noID {
		return nil, p.expected("end of input", " after a route without an id")
	}
	return nil, p.expected(`";"`, " between routes")
}

// resetScratch empties the scratch space for the next route.
func (p *parser) resetScratch() {
	p.preds = p.preds[:0]
	p.filters = p.filters[:0]
	p.args = p.args[:0]
	p.endpoints = p.endpoints[:0]
	p.backend = backendSpec{}
}

// skipRoute moves to the start of the next route after a broken route that
// started at byte offset start. It skips tokens to the next ";" outside of
// literals, but stops earlier at a ";" that ends a line after start: a
// literal left open by mistake (a missing closing quote) swallows the
// following routes' text, and the token stream goes out of step with the
// routes; the line end puts it back in step. Lexer errors on the way are
// ignored: they belong to the route already reported.
func (p *parser) skipRoute(start int) {
	lineEnd := routeLineEnd(p.src, start)
	for {
		if lineEnd >= 0 && p.tok.start >= lineEnd {
			p.pos = lineEnd
			p.next()
			return
		}
		switch p.tok.kind {
		case tokEOF:
			return
		case tokSemicolon:
			p.next()
			return
		}
		p.next()
	}
}

// routeLineEnd returns the offset just after the first ";" after start that
// is followed by nothing but spaces and a comment up to the end of its line,
// or -1 if there is none. Literals are not taken into account: this is a
// heuristic for error recovery only.
func routeLineEnd(src string, start int) int {
	for i := start; i < len(src); i++ {
		if src[i] != ';' {
			continue
		}
		j := i + 1
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
			j++
		}
		if j == len(src) || src[j] == '\n' || strings.HasPrefix(src[j:], "//") {
			return i + 1
		}
	}
	return -1
}

// predicates parses predicate { "&&" predicate } followed by end (tokArrow
// in routes, consumed; tokEOF for ParsePredicates). When pending is not nil,
// it is the name of the first predicate, already consumed.
func (p *parser) predicates(pending *token, end tokenKind) bool {
	after := ""
	for {
		if pending != nil {
			if !p.call(*pending, &p.preds, "predicate") {
				return false
			}
			pending = nil
		} else {
			switch t := p.tok; t.kind {
			case tokStar:
				p.preds = append(p.preds, call{off: t.start, star: true})
				p.next()
			case tokSymbol:
				p.next()
				if !p.call(t, &p.preds, "predicate") {
					return false
				}
			default:
				if after == "" && p.routeID != "" {
					after = " after " + quoteShort(p.routeID+":")
				}
				return p.expected(`a predicate or "*"`, after)
			}
		}
		switch p.tok.kind {
		case tokAnd:
			p.next()
			after = ` after "&&"`
			continue
		case end:
			if end != tokEOF {
				p.next()
			}
			return true
		}
		if end == tokEOF {
			return p.expected(`"&&" or end of input`, " after predicate")
		}
		return p.expected(`"->" or "&&"`, " after predicate")
	}
}

// filtersAndBackend parses [ filters "->" ] backend, after the "->" that
// follows the predicates.
func (p *parser) filtersAndBackend() bool {
	for {
		switch t := p.tok; t.kind {
		case tokSymbol:
			p.next()
			if !p.call(t, &p.filters, "filter") {
				return false
			}
			if p.tok.kind != tokArrow {
				return p.expected(`"->"`, " after filter "+quoteShort(t.str))
			}
			p.next()
		case tokString, tokShunt, tokLoopback, tokDynamic, tokForward, tokLT:
			return p.parseBackend()
		default:
			return p.expected(`a filter or a backend ("http://...", <shunt>, <loopback>, <dynamic>, <forward> or <algorithm, "endpoint", ...>)`, ` after "->"`)
		}
	}
}

// filterChain parses filter { "->" filter } up to the end of input, for
// ParseFilters.
func (p *parser) filterChain() bool {
	after := ""
	for {
		t := p.tok
		if t.kind != tokSymbol {
			return p.expected("a filter", after)
		}
		p.next()
		if !p.call(t, &p.filters, "filter") {
			return false
		}
		switch p.tok.kind {
		case tokEOF:
			return true
		case tokArrow:
			p.next()
			after = ` after "->"`
			continue
		}
		return p.expected(`"->" or end of input`, " after filter "+quoteShort(t.str))
	}
}

// call parses "(" [ args ] ")" after the name of a predicate or filter and
// appends the call to calls.
func (p *parser) call(name token, calls *[]call, what string) bool {
	if p.tok.kind != tokLParen {
		return p.expected(`"("`, " after "+what+" name "+quoteShort(name.str))
	}
	p.next()
	a0 := len(p.args)
	if p.tok.kind != tokRParen {
		for {
			switch p.tok.kind {
			case tokNumber:
				p.args = append(p.args, arg{f: p.tok.num, num: true})
			case tokString, tokRegexp:
				p.args = append(p.args, arg{s: p.tok.str})
			default:
				if len(p.args) == a0 {
					return p.expected(`an argument (number, string or regular expression) or ")"`, ` after "("`)
				}
				return p.expected("an argument", ` after ","`)
			}
			p.next()
			if p.tok.kind == tokComma {
				p.next()
				continue
			}
			if p.tok.kind == tokRParen {
				break
			}
			return p.expected(`"," or ")"`, " after argument of "+quoteShort(name.str))
		}
	}
	p.next()
	*calls = append(*calls, call{name: name.str, off: name.start, a0: a0, a1: len(p.args)})
	return true
}

// parseBackend parses the backend; the lookahead is known to start one.
func (p *parser) parseBackend() bool {
	t := p.tok
	switch t.kind {
	case tokString:
		// Decision (as the original): network backend strings are not
		// validated here; the router rejects bad ones.
		p.backend = backendSpec{typ: NetworkBackend, addr: t.str}
	case tokShunt:
		p.backend.typ = ShuntBackend
	case tokLoopback:
		p.backend.typ = LoopBackend
	case tokDynamic:
		p.backend.typ = DynamicBackend
	case tokForward:
		p.backend.typ = ForwardBackend
	case tokLT:
		return p.lbBackend()
	}
	p.next()
	return true
}

// lbBackend parses "<" [ SYMBOL "," ] STRING { "," STRING } ">".
func (p *parser) lbBackend() bool {
	lt := p.tok
	p.next()
	p.backend.typ = LBBackend
	after := ` after "<"`
	switch alg := p.tok; alg.kind {
	case tokSymbol:
		p.next()
		if p.tok.kind == tokGT {
			// <Shunt>, < shunt> or <loopback >: a misspelled keyword.
			text := p.src[lt.start:p.tok.end]
			for _, kw := range [...]string{"shunt", "loopback", "dynamic", "forward"} {
				if strings.EqualFold(kw, alg.str) {
					return p.failAt(lt.start, quoteShort(text), "", "invalid backend "+quoteShort(text)+": did you mean <"+kw+">?")
				}
			}
		}
		if p.tok.kind != tokComma {
			return p.expected(`","`, " after load balancer algorithm "+quoteShort(alg.str))
		}
		p.next()
		p.backend.algorithm = alg.str
		after = ` after ","`
	case tokString:
	default:
		return p.expected("a load balancer algorithm or endpoint", after)
	}
	for {
		t := p.tok
		if t.kind != tokString {
			return p.expected("an endpoint (a string)", after)
		}
		p.endpoints = append(p.endpoints, endpoint{addr: t.str, off: t.start})
		p.next()
		switch p.tok.kind {
		case tokComma:
			p.next()
			after = ` after ","`
			continue
		case tokGT:
			p.next()
			return true
		}
		return p.expected(`"," or ">"`, " after endpoint")
	}
}

// buildRoute fills r from the scratch space: predicates (legacy.go), then
// filters, then the backend.
func (p *parser) buildRoute(r *Route) bool {
	if !p.applyLegacyPredicates(r) {
		return false
	}
	if !p.applyBackend(r) {
		return false
	}
	p.materialize(r)
	return true
}

// materialize gives the route its Predicates (the calls left in p.preds)
// and Filters, boxing their arguments.
func (p *parser) materialize(r *Route) {
	m := &p.mem
	if n := len(p.preds); n > 0 {
		preds := m.preds.Take(n)
		ptrs := m.predPtrs.Take(n)
		for i, c := range p.preds {
			preds[i].Name = c.name
			preds[i].Args = p.boxArgs(c)
			ptrs[i] = &preds[i]
		}
		r.Predicates = ptrs
	}
	if n := len(p.filters); n > 0 {
		filters := m.filters.Take(n)
		ptrs := m.filterPtrs.Take(n)
		for i, c := range p.filters {
			filters[i].Name = c.name
			filters[i].Args = p.boxArgs(c)
			ptrs[i] = &filters[i]
		}
		r.Filters = ptrs
	}
}

// boxArgs returns the arguments of c as interface values: float64 for
// numbers, string for strings and regexps; nil when c has none.
func (p *parser) boxArgs(c call) []interface{} {
	if c.a0 == c.a1 {
		return nil
	}
	out := p.mem.args.Take(c.a1 - c.a0)
	for i, a := range p.args[c.a0:c.a1] {
		if a.num {
			out[i] = p.box.number(a.f)
		} else {
			out[i] = p.box.str(a.s)
		}
	}
	return out
}

// boxes are the argument values a parser has boxed lately, by value. Route
// tables repeat the same few arguments over and over (header names and
// values, durations, status codes, path prefixes: 12,000 distinct values
// among 200,000 arguments in the generated tables), and an interface value
// is immutable, so the routes of one document share one boxed value of
// each instead of holding an object per argument: fewer objects for the
// garbage collector to mark in a large table.
//
// The boxed values are kept in two small direct-mapped caches, so that the
// lookup stays in the CPU caches and the memory is bounded; a value whose
// slot another value took is boxed again. The first boxesDirect arguments
// are boxed one by one, so that small documents cost no caches.
type boxes struct {
	direct int
	seed   maphash.Seed
	strs   *[boxSlots]boxedStr
	nums   *[boxSlots]boxedNum
}

type boxedStr struct {
	s string
	v interface{}
}

type boxedNum struct {
	bits uint64
	v    interface{}
}

const (
	boxesDirect = 256
	boxBits     = 12
	boxSlots    = 1 << boxBits
	boxedStrMax = 128
)

// shared tells whether arguments are shared from now on, and sets up the
// caches when they start to be.
func (b *boxes) shared() bool {
	switch {
	case b.direct < boxesDirect:
		b.direct++
		return false
	case b.strs == nil:
		b.seed = maphash.MakeSeed()
		b.strs = new([boxSlots]boxedStr)
		b.nums = new([boxSlots]boxedNum)
	}
	return true
}

// str returns s as an interface value.
func (b *boxes) str(s string) interface{} {
	if len(s) > boxedStrMax || !b.shared() {
		return s
	}
	e := &b.strs[maphash.String(b.seed, s)&(boxSlots-1)]
	if e.v == nil || e.s != s {
		e.s, e.v = s, s
	}
	return e.v
}

// number returns f as an interface value. Numbers are told apart by their
// bits, so that -0 stays -0.
func (b *boxes) number(f float64) interface{} {
	if !b.shared() {
		return f
	}
	bits := math.Float64bits(f)
	e := &b.nums[(bits*0x9e3779b97f4a7c15)>>(64-boxBits)]
	if e.v == nil || e.bits != bits {
		e.bits, e.v = bits, f
	}
	return e.v
}

// routeMemory hands out the memory of the routes a parser builds: the
// Route values, their predicate, filter, argument, string and endpoint
// slices are cut from shared arrays instead of being allocated one by one.
// This halves the number of allocations per route and wastes no space on
// size classes. The price is that a route kept alone keeps its neighbours'
// arrays alive, at most one chunk (see package slab) of each kind.
type routeMemory struct {
	routes     slab.Slab[Route]
	preds      slab.Slab[Predicate]
	predPtrs   slab.Slab[*Predicate]
	filters    slab.Slab[Filter]
	filterPtrs slab.Slab[*Filter]
	args       slab.Slab[interface{}]
	strs       slab.Slab[string]
	endpoints  slab.Slab[LBEndpoint]
	epPtrs     slab.Slab[*LBEndpoint]
}

// ParsePredicates parses predicates joined by "&&", e.g.
// `PathSubtree("/api") && Method("GET")`. The input is trimmed first; an
// empty input gives nil. "*" is dropped; unlike in Parse, Any() is kept,
// duplicates are not checked and no predicate moves into legacy fields.
// Error positions refer to the trimmed input.
func ParsePredicates(s string) ([]*Predicate, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	p := newParser(s)
	if !p.predicates(nil, tokEOF) {
		return nil, p.finishError()
	}
	kept := p.preds[:0]
	for _, c := range p.preds {
		if !c.star {
			kept = append(kept, c)
		}
	}
	p.preds = kept
	if len(kept) == 0 {
		return nil, nil
	}
	var r Route
	p.materialize(&r)
	return r.Predicates, nil
}

// ParseFilters parses filters joined by "->", e.g.
// `setPath("/") -> status(200)`. The input is trimmed first; an empty input
// gives nil. Error positions refer to the trimmed input.
func ParseFilters(s string) ([]*Filter, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	p := newParser(s)
	if !p.filterChain() {
		return nil, p.finishError()
	}
	var r Route
	p.materialize(&r)
	return r.Filters, nil
}

// MustParsePredicates is like ParsePredicates but panics on error.
func MustParsePredicates(s string) []*Predicate {
	preds, err := ParsePredicates(s)
	if err != nil {
		panic(err)
	}
	return preds
}

// MustParseFilters is like ParseFilters but panics on error.
func MustParseFilters(s string) []*Filter {
	filters, err := ParseFilters(s)
	if err != nil {
		panic(err)
	}
	return filters
}

// expected records a syntax error at the lookahead token: "expected
// <what><after>, found <token>". If the lookahead is a lexer error, that
// error is recorded instead. It always returns false.
func (p *parser) expected(what, after string) bool {
	t := p.tok
	switch t.kind {
	case tokError:
		return p.failAt(t.start, "", "", t.str+p.openLiteralHint(t))
	case tokBadChar:
		return p.failAt(t.start, describeChar(p.src[t.start:]), "", t.str)
	}
	found := p.describe(t)
	return p.failAt(t.start, found, what, "expected "+what+after+", found "+found+p.openLiteralHint(t))
}

// openLiteralHint returns a hint for an error at token t when t, or the
// token before it, is a literal that spans lines: most often a closing quote
// is missing and the literal swallowed the text after it.
func (p *parser) openLiteralHint(t token) string {
	multiLine := func(l token) bool {
		return (l.kind == tokString || l.kind == tokRegexp) && strings.Contains(p.src[l.start:l.end], "\n")
	}
	var lit token
	switch {
	case multiLine(p.prev):
		lit = p.prev
	case multiLine(t):
		lit = t
	default:
		return ""
	}
	text := p.src[lit.start:lit.end]
	pos := p.lines.position(lit.start)
	// position moves the tracker; the error's own position is computed
	// after this, from the start again when it lies before.
	return fmt.Sprintf(" (the literal that starts at %d:%d spans %d lines: is a closing %c missing?)",
		pos.Line, pos.Column, strings.Count(text, "\n")+1, text[0])
}

// failAt records an error at byte offset off. It always returns false.
func (p *parser) failAt(off int, found, expected, msg string) bool {
	p.err = &ParseError{
		Offset:   off,
		RouteID:  p.routeID,
		Found:    found,
		Expected: expected,
		Msg:      msg,
	}
	return false
}

// finishError fills in the line and column of the recorded error and
// returns it.
func (p *parser) finishError() *ParseError {
	e := p.err
	p.err = nil
	pos := p.lines.position(e.Offset)
	e.Line, e.Column = pos.Line, pos.Column
	return e
}

// describe names a token for an error message: `"Method"` for a symbol,
// `string "abc"`, `number 3`, `"->"`, `end of input`.
func (p *parser) describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokSymbol:
		return quoteShort(t.str)
	case tokNumber:
		return "number " + p.src[t.start:t.end]
	case tokString:
		return "string " + quoteShort(t.str)
	case tokRegexp:
		if text := p.src[t.start:t.end]; !strings.ContainsAny(text, "\n\r") {
			return "regular expression " + shorten(text)
		}
		return "regular expression " + quoteShort(p.src[t.start:t.end])
	}
	return strconv.Quote(p.src[t.start:t.end])
}

// maxQuoted is the longest text, in bytes, quoted in an error message.
const maxQuoted = 48

// quoteShort quotes s for an error message, shortened to maxQuoted bytes.
func quoteShort(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(cut(s)) + "..."
}

// shorten shortens s to maxQuoted bytes, for an error message.
func shorten(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	return cut(s) + "..."
}

// cut returns the first maxQuoted bytes of s, not splitting a character.
func cut(s string) string {
	n := maxQuoted
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// lineTracker turns byte offsets into lines and columns. It remembers the
// last position it computed and counts on from there, so asking for the
// positions of a document in increasing order costs one pass over it, and
// nothing is counted until a position is asked for.
type lineTracker struct {
	src       string
	off       int // offset of the last computed position
	line      int // its line, 0 before the first computation
	lineStart int // offset of the start of its line
	col       int // its column
}

// position returns the position of byte offset off.
func (t *lineTracker) position(off int) Position {
	if off > len(t.src) {
		off = len(t.src)
	}
	if t.line == 0 || off < t.off {
		t.off, t.line, t.lineStart, t.col = 0, 1, 0, 1
	}
	seg := t.src[t.off:off]
	if n := strings.Count(seg, "\n"); n > 0 {
		t.line += n
		t.lineStart = t.off + strings.LastIndexByte(seg, '\n') + 1
		t.col = 1 + utf8.RuneCountInString(t.src[t.lineStart:off])
	} else {
		t.col += utf8.RuneCountInString(seg)
	}
	t.off = off
	return Position{Line: t.line, Column: t.col, Offset: off}
}
