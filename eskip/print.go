package eskip

import (
	"bytes"
	"encoding"
	"fmt"
	"io"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// flushSize is the buffer size at which Fprint hands its output to the writer.
const flushSize = 64 << 10

// String returns the routes as a document in the compact form. It is
// Print(PrettyPrintInfo{}, routes...).
func String(routes ...*Route) string {
	return Print(PrettyPrintInfo{}, routes...)
}

// Print returns the routes as an eskip document:
//
//   - no routes give "";
//   - a single route with an empty Id gives its bare expression, without a
//     trailing semicolon;
//   - otherwise each route prints as `id: expression;`, separated by "\n", or
//     by "\n\n" in pretty mode. There is no trailing newline.
//
// Nil routes are skipped. Each route expression prints as (*Route).Print
// does; its doc lists the printing rules.
func Print(p PrettyPrintInfo, routes ...*Route) string {
	if len(routes) < twoPassRoutes {
		pr := routePrinter{pretty: p.Pretty, indent: p.IndentStr}
		pr.document(routes, nil)
		return string(pr.buf)
	}
	// For large documents, measuring first and then writing into a buffer
	// of the exact size is faster than growing and copying one: the
	// printing is cheap next to touching hundreds of megabytes twice.
	var n byteCounter
	Fprint(&n, p, routes...)
	var b strings.Builder
	b.Grow(int(n))
	Fprint(&b, p, routes...)
	return b.String()
}

// twoPassRoutes is the number of routes from which Print measures the
// document before writing it.
const twoPassRoutes = 1024

// byteCounter is an io.Writer that only counts the bytes written to it.
type byteCounter int

func (c *byteCounter) Write(p []byte) (int, error) {
	*c += byteCounter(len(p))
	return len(p), nil
}

// Fprint writes the routes as an eskip document to w, in the same form as
// Print. It buffers its output and ignores write errors; wrap w if you need
// to see them.
func Fprint(w io.Writer, p PrettyPrintInfo, routes ...*Route) {
	pr := routePrinter{pretty: p.Pretty, indent: p.IndentStr}
	pr.document(routes, w)
	if len(pr.buf) > 0 {
		_, _ = w.Write(pr.buf)
	}
}

// String returns the route expression in the compact form, without the id:
//
//	Path("/a") && Method("GET") -> setPath("/b") -> "http://x"
func (r *Route) String() string {
	return r.Print(PrettyPrintInfo{})
}

// Print returns the route expression, without the id: the predicates joined
// with " && " (or "*" when there are none), then the filters and the backend,
// each after "->". In pretty mode every "->" starts a new line that begins
// with p.IndentStr. A nil route gives "".
//
// The predicates print in this order: Path, each Host, each PathRegexp,
// Method, the Header predicates and then the HeaderRegexp predicates (each
// group sorted as rendered strings, so the output does not depend on map
// order), then Route.Predicates in order, skipping any named Any.
//
// The output parses back to the same route (see Eq). The values follow these
// rules, chosen so that the round trip is exact:
//
//   - Numbers never use an exponent. A whole float64 prints without decimals
//     (100 and 1.2345678901234568e29 print as 100 and
//     123456789012345677877719597056); other float64 values print as the
//     shortest decimal that reads back to the same value (0.0000001 prints as
//     0.0000001, not 1e-07). Integer types print in decimal. NaN and ±Inf
//     print as NaN, +Inf and -Inf, which the parser does not accept.
//   - Strings print in double quotes. A backslash becomes \\, a double quote
//     \", and the control characters BEL, BS, FF, LF, CR, TAB and VT become
//     \a \b \f \n \r \t \v. Every other byte is written as it is. Network
//     backend addresses are escaped the same way.
//   - The values of Host, PathRegexp and HeaderRegexp print as regexp literals
//     /…/, with \ written as \\ and / as \/. Control characters are written
//     raw, because the regexp lexer keeps \n as the two bytes \ and n. A value
//     that cannot be written as a regexp literal that reads back the same (the
//     empty value, which would read as a comment, and values with an
//     unbalanced "[", which opens a bracket group that the closing / cannot
//     end) prints as a double-quoted string instead, e.g. Host("["); the
//     parser accepts strings for these predicates too.
//   - Values of other types print as their MarshalText result in quotes
//     ("[error]" when it fails), or else as their %v form in quotes.
//   - The forward backend prints as <forward>.
//   - A load-balanced backend prints as <algorithm, "ep1", "ep2">, or as
//     <"ep1", "ep2"> without an algorithm. An endpoint with a Zone prints as
//     its Address followed by ?zone=<query-escaped zone>, or by &zone=… when
//     the Address already has a query.
//
// Route ids are written as they are; an id that is not a symbol
// ([A-Za-z_][A-Za-z0-9_]*) does not parse back.
func (r *Route) Print(p PrettyPrintInfo) string {
	if r == nil {
		return ""
	}
	pr := routePrinter{pretty: p.Pretty, indent: p.IndentStr}
	pr.route(r)
	return string(pr.buf)
}

// String returns the predicate call as `Name(arg1, arg2)`, with the
// arguments in the printer's form. String arguments always print
// double-quoted.
func (p *Predicate) String() string {
	if p == nil {
		return ""
	}
	var pr routePrinter
	pr.call(p.Name, p.Args)
	return string(pr.buf)
}

// String returns the filter call as `Name(arg1, arg2)`, with the arguments
// in the printer's form.
func (f *Filter) String() string {
	if f == nil {
		return ""
	}
	var pr routePrinter
	pr.call(f.Name, f.Args)
	return string(pr.buf)
}

// routePrinter appends eskip text to buf.
type routePrinter struct {
	buf    []byte
	pretty bool
	indent string
	// tmp and spans hold rendered header predicates while they are sorted.
	tmp   []byte
	spans []span
}

// span is the place of one rendered predicate in routePrinter.tmp.
type span struct{ start, end int }

// document appends the routes as a document. When w is not nil, full
// buffers are written to w as the document grows.
func (pr *routePrinter) document(routes []*Route, w io.Writer) {
	n := 0
	var single *Route
	for _, r := range routes {
		if r != nil {
			n++
			single = r
		}
	}
	if n == 0 {
		return
	}
	if n == 1 && single.Id == "" {
		pr.route(single)
		return
	}

	first := true
	for _, r := range routes {
		if r == nil {
			continue
		}
		if !first {
			pr.buf = append(pr.buf, '\n')
			if pr.pretty {
				pr.buf = append(pr.buf, '\n')
			}
		}
		first = false
		pr.buf = append(pr.buf, r.Id...)
		pr.buf = append(pr.buf, ": "...)
		pr.route(r)
		pr.buf = append(pr.buf, ';')
		if w != nil && len(pr.buf) >= flushSize {
			_, _ = w.Write(pr.buf)
			pr.buf = pr.buf[:0]
		}
	}
}

// route appends the route expression.
func (pr *routePrinter) route(r *Route) {
	pr.predicates(r)
	for _, f := range r.Filters {
		if f == nil {
			continue
		}
		pr.arrow()
		pr.call(f.Name, f.Args)
	}
	pr.arrow()
	pr.backend(r)
}

// arrow appends the separator before a filter or the backend.
func (pr *routePrinter) arrow() {
	if pr.pretty {
		pr.buf = append(pr.buf, '\n')
		pr.buf = append(pr.buf, pr.indent...)
		pr.buf = append(pr.buf, "-> "...)
		return
	}
	pr.buf = append(pr.buf, " -> "...)
}

// predicates appends the predicates in the printer's order, or "*".
func (pr *routePrinter) predicates(r *Route) {
	start := len(pr.buf)
	sep := func() {
		if len(pr.buf) > start {
			pr.buf = append(pr.buf, " && "...)
		}
	}

	if r.Path != "" {
		sep()
		pr.buf = append(pr.buf, `Path(`...)
		pr.buf = appendStringLiteral(pr.buf, r.Path)
		pr.buf = append(pr.buf, ')')
	}
	for _, h := range r.HostRegexps {
		sep()
		pr.buf = append(pr.buf, `Host(`...)
		pr.buf = appendRegexpLiteral(pr.buf, h)
		pr.buf = append(pr.buf, ')')
	}
	for _, rx := range r.PathRegexps {
		sep()
		pr.buf = append(pr.buf, `PathRegexp(`...)
		pr.buf = appendRegexpLiteral(pr.buf, rx)
		pr.buf = append(pr.buf, ')')
	}
	if r.Method != "" {
		sep()
		pr.buf = append(pr.buf, `Method(`...)
		pr.buf = appendStringLiteral(pr.buf, r.Method)
		pr.buf = append(pr.buf, ')')
	}

	if len(r.Headers) > 0 {
		sep()
		pr.headers(r.Headers)
	}
	if len(r.HeaderRegexps) > 0 {
		mark := len(pr.buf)
		sep()
		if !pr.headerRegexps(r.HeaderRegexps) {
			// All value lists were empty: take back the separator.
			pr.buf = pr.buf[:mark]
		}
	}

	for _, p := range r.Predicates {
		if p == nil || p.Name == "Any" {
			continue
		}
		sep()
		pr.call(p.Name, p.Args)
	}

	if len(pr.buf) == start {
		pr.buf = append(pr.buf, '*')
	}
}

// headers appends the Header predicates, sorted as rendered strings and
// joined with " && ".
func (pr *routePrinter) headers(h map[string]string) {
	if len(h) == 1 {
		for name, value := range h {
			pr.buf = appendHeader(pr.buf, name, value)
		}
		return
	}
	pr.tmp, pr.spans = pr.tmp[:0], pr.spans[:0]
	for name, value := range h {
		start := len(pr.tmp)
		pr.tmp = appendHeader(pr.tmp, name, value)
		pr.spans = append(pr.spans, span{start, len(pr.tmp)})
	}
	pr.appendSorted()
}

// headerRegexps appends the HeaderRegexp predicates, sorted as rendered
// strings and joined with " && ". It reports whether it appended anything.
func (pr *routePrinter) headerRegexps(h map[string][]string) bool {
	pr.tmp, pr.spans = pr.tmp[:0], pr.spans[:0]
	for name, values := range h {
		for _, v := range values {
			start := len(pr.tmp)
			pr.tmp = appendHeaderRegexp(pr.tmp, name, v)
			pr.spans = append(pr.spans, span{start, len(pr.tmp)})
		}
	}
	if len(pr.spans) == 0 {
		return false
	}
	pr.appendSorted()
	return true
}

// appendSorted sorts the predicates rendered in tmp and appends them
// joined with " && ".
func (pr *routePrinter) appendSorted() {
	tmp := pr.tmp
	if len(pr.spans) > 1 {
		slices.SortFunc(pr.spans, func(a, b span) int {
			return bytes.Compare(tmp[a.start:a.end], tmp[b.start:b.end])
		})
	}
	for i, sp := range pr.spans {
		if i > 0 {
			pr.buf = append(pr.buf, " && "...)
		}
		pr.buf = append(pr.buf, tmp[sp.start:sp.end]...)
	}
}

func appendHeader(b []byte, name, value string) []byte {
	b = append(b, `Header(`...)
	b = appendStringLiteral(b, name)
	b = append(b, ", "...)
	b = appendStringLiteral(b, value)
	return append(b, ')')
}

func appendHeaderRegexp(b []byte, name, value string) []byte {
	b = append(b, `HeaderRegexp(`...)
	b = appendStringLiteral(b, name)
	b = append(b, ", "...)
	b = appendRegexpLiteral(b, value)
	return append(b, ')')
}

// call appends `name(arg1, arg2)`.
func (pr *routePrinter) call(name string, args []interface{}) {
	pr.buf = append(pr.buf, name...)
	pr.buf = append(pr.buf, '(')
	for i, a := range args {
		if i > 0 {
			pr.buf = append(pr.buf, ", "...)
		}
		pr.buf = appendArg(pr.buf, a)
	}
	pr.buf = append(pr.buf, ')')
}

// backend appends the backend of the route.
func (pr *routePrinter) backend(r *Route) {
	if r.Shunt {
		pr.buf = append(pr.buf, "<shunt>"...)
		return
	}
	switch r.BackendType {
	case ShuntBackend:
		pr.buf = append(pr.buf, "<shunt>"...)
	case LoopBackend:
		pr.buf = append(pr.buf, "<loopback>"...)
	case DynamicBackend:
		pr.buf = append(pr.buf, "<dynamic>"...)
	case ForwardBackend:
		pr.buf = append(pr.buf, "<forward>"...)
	case LBBackend:
		pr.buf = append(pr.buf, '<')
		n := 0
		if r.LBAlgorithm != "" {
			pr.buf = append(pr.buf, r.LBAlgorithm...)
			n++
		}
		for _, ep := range r.LBEndpoints {
			if ep == nil {
				continue
			}
			if n > 0 {
				pr.buf = append(pr.buf, ", "...)
			}
			n++
			pr.buf = append(pr.buf, '"')
			pr.buf = appendEscaped(pr.buf, ep.Address)
			if ep.Zone != "" {
				if strings.IndexByte(ep.Address, '?') >= 0 {
					pr.buf = append(pr.buf, "&zone="...)
				} else {
					pr.buf = append(pr.buf, "?zone="...)
				}
				pr.buf = appendEscaped(pr.buf, url.QueryEscape(ep.Zone))
			}
			pr.buf = append(pr.buf, '"')
		}
		pr.buf = append(pr.buf, '>')
	default:
		pr.buf = appendStringLiteral(pr.buf, r.Backend)
	}
}

// zoneSuffix returns the query part that carries the zone of an endpoint:
// "?zone=<z>", or "&zone=<z>" when the address already has a query.
func zoneSuffix(address, zone string) string {
	if strings.IndexByte(address, '?') >= 0 {
		return "&zone=" + url.QueryEscape(zone)
	}
	return "?zone=" + url.QueryEscape(zone)
}

// endpointString returns the endpoint as written in a document or in JSON:
// the Address with the zone query parameter appended when Zone is set.
func endpointString(ep *LBEndpoint) string {
	if ep.Zone == "" {
		return ep.Address
	}
	return ep.Address + zoneSuffix(ep.Address, ep.Zone)
}

// appendArg appends one predicate or filter argument.
func appendArg(b []byte, a interface{}) []byte {
	switch v := a.(type) {
	case string:
		return appendStringLiteral(b, v)
	case float64:
		return appendFloat(b, v, 64)
	case float32:
		return appendFloat(b, float64(v), 32)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int8:
		return strconv.AppendInt(b, int64(v), 10)
	case int16:
		return strconv.AppendInt(b, int64(v), 10)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case uint:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint32:
		return strconv.AppendUint(b, uint64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case encoding.TextMarshaler:
		text, err := v.MarshalText()
		if err != nil {
			return append(b, `"[error]"`...)
		}
		b = append(b, '"')
		b = appendEscaped(b, string(text))
		return append(b, '"')
	default:
		return appendStringLiteral(b, fmt.Sprint(v))
	}
}

// appendFloat appends a number without an exponent: whole values with no
// decimals, others as the shortest decimal that reads back the same.
func appendFloat(b []byte, f float64, bitSize int) []byte {
	if f == math.Trunc(f) && !math.IsInf(f, 0) {
		return strconv.AppendFloat(b, f, 'f', 0, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, bitSize)
}

// appendStringLiteral appends s as a double-quoted string literal.
func appendStringLiteral(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendEscaped(b, s)
	return append(b, '"')
}

// needsEscape tells whether appendEscaped replaces c: the backslash, the
// double quote and the control characters \a (7) to \r (13).
func needsEscape(c byte) bool {
	return c == '\\' || c == '"' || (c >= '\a' && c <= '\r')
}

// appendEscaped appends s with the string literal escapes applied, without
// the quotes.
func appendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !needsEscape(c) {
			continue
		}
		b = append(b, s[start:i]...)
		start = i + 1
		switch c {
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		case '\a':
			b = append(b, `\a`...)
		case '\b':
			b = append(b, `\b`...)
		case '\f':
			b = append(b, `\f`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		case '\v':
			b = append(b, `\v`...)
		}
	}
	return append(b, s[start:]...)
}

// appendRegexpLiteral appends s as a /…/ regexp literal, or as a string
// literal when no regexp literal reads back as s.
func appendRegexpLiteral(b []byte, s string) []byte {
	if !regexpLiteralFits(s) {
		return appendStringLiteral(b, s)
	}
	b = append(b, '/')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' && c != '/' {
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, '\\', c)
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '/')
}

// regexpLiteralFits tells whether s, written with every \ and / escaped,
// reads back as s. The lexer ends a regexp literal at the first unescaped /
// outside a bracket group; as every / of s is escaped, only the closing /
// is unescaped, and it ends the literal unless a "[" of s left a group
// open. The empty literal // would read as a comment.
func regexpLiteralFits(s string) bool {
	if s == "" {
		return false
	}
	if strings.IndexByte(s, '[') < 0 {
		return true
	}
	inGroup := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			inGroup = true
		case ']':
			inGroup = false
		}
	}
	return !inGroup
}
