package eskip

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// tokenKind is the class of a lexed token.
type tokenKind uint8

const (
	tokEOF       tokenKind = iota
	tokError               // a lexer error; the message is in token.str
	tokBadChar             // a character that starts no token; message in token.str
	tokSymbol              // route id, predicate, filter or algorithm name
	tokNumber              // number literal; value in token.num
	tokString              // "..." or `...`; unescaped value in token.str
	tokRegexp              // /.../; unescaped value in token.str
	tokAnd                 // &&
	tokStar                // *
	tokArrow               // ->
	tokLParen              // (
	tokRParen              // )
	tokColon               // :
	tokComma               // ,
	tokSemicolon           // ;
	tokLT                  // <
	tokGT                  // >
	tokShunt               // <shunt>
	tokLoopback            // <loopback>
	tokDynamic             // <dynamic>
	tokForward             // <forward>
)

// token is one lexed token. start and end are byte offsets into the
// document. For symbols and literals str holds the value: a substring of the
// document when no unescaping was needed, so lexing allocates only for
// literals with escapes.
type token struct {
	kind  tokenKind
	start int
	end   int
	str   string
	num   float64
}

// lexer splits a document into tokens. It works on bytes: the language is
// ASCII, and bytes outside it are only valid inside literals and comments.
// The current token is kept in tok and overwritten field by field, which is
// cheaper than copying a token value around.
type lexer struct {
	src  string
	pos  int
	tok  token
	prev token // the token before tok, for error hints
}

// set makes the current token a token of kind from start to end with value
// str.
func (l *lexer) set(kind tokenKind, start, end int, str string) {
	t := &l.tok
	t.kind = kind
	t.start = start
	t.end = end
	t.str = str
}

// isSpace reports whether c is whitespace. 0x85 (NEL) and 0xA0 (NBSP) count
// as single bytes, like in the original; a UTF-8 encoded NBSP (C2 A0) does
// not.
func isSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0
}

func isSymbolStart(c byte) bool {
	return (c|0x20 >= 'a' && c|0x20 <= 'z') || c == '_'
}

func isSymbolChar(c byte) bool {
	return isSymbolStart(c) || isDigit(c)
}

func isDigit(c byte) bool {
	return c >= '0' && c <= '9'
}

// skipSpace skips whitespace and comments.
func (l *lexer) skipSpace() {
	src := l.src
	for l.pos < len(src) {
		c := src[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '/' && l.pos+1 < len(src) && src[l.pos+1] == '/':
			i := strings.IndexByte(src[l.pos+2:], '\n')
			if i < 0 {
				l.pos = len(src)
				return
			}
			l.pos += 2 + i + 1
		default:
			return
		}
	}
}

// next lexes the next token into l.tok. At the end of the input it gives
// tokEOF, again and again. After an error token the lexer has moved past
// the bad input, so lexing can go on (ParseEach uses that to find the next
// route).
func (l *lexer) next() {
	l.prev = l.tok
	l.skipSpace()
	src := l.src
	start := l.pos
	if start >= len(src) {
		l.set(tokEOF, start, start, "")
		return
	}
	c := src[start]
	switch {
	case isSymbolStart(c):
		i := start + 1
		for i < len(src) && isSymbolChar(src[i]) {
			i++
		}
		l.pos = i
		l.set(tokSymbol, start, i, src[start:i])
		return
	case isDigit(c) || (c == '.' && start+1 < len(src) && isDigit(src[start+1])):
		l.number(start)
		return
	case c == '"' || c == '`':
		l.stringLit(start, c)
		return
	case c == '/':
		l.regexpLit(start)
		return
	}
	kind := tokError
	n := 1
	switch c {
	case '&':
		if start+1 < len(src) && src[start+1] == '&' {
			kind, n = tokAnd, 2
		}
	case '-':
		if start+1 < len(src) {
			switch d := src[start+1]; {
			case d == '>':
				kind, n = tokArrow, 2
			case isDigit(d) || d == '.':
				l.number(start)
				return
			}
		}
	case '*':
		kind = tokStar
	case '(':
		kind = tokLParen
	case ')':
		kind = tokRParen
	case ':':
		kind = tokColon
	case ',':
		kind = tokComma
	case ';':
		kind = tokSemicolon
	case '>':
		kind = tokGT
	case '<':
		kind = tokLT
		rest := src[start:]
		switch {
		case strings.HasPrefix(rest, "<shunt>"):
			kind, n = tokShunt, len("<shunt>")
		case strings.HasPrefix(rest, "<loopback>"):
			kind, n = tokLoopback, len("<loopback>")
		case strings.HasPrefix(rest, "<dynamic>"):
			kind, n = tokDynamic, len("<dynamic>")
		case strings.HasPrefix(rest, "<forward>"):
			kind, n = tokForward, len("<forward>")
		}
	}
	if kind == tokError {
		l.unexpected(start)
		return
	}
	l.pos = start + n
	l.set(kind, start, l.pos, "")
}

// unexpected gives the error token for a byte that starts no token, and
// moves past the whole character.
func (l *lexer) unexpected(start int) {
	_, size := utf8.DecodeRuneInString(l.src[start:])
	l.pos = start + size
	what := describeChar(l.src[start:])
	msg := "unexpected character " + what
	switch {
	case what[0] != '\'':
		msg = "unexpected " + what + " (not valid UTF-8)"
	case l.src[start] == '&':
		msg += ` (did you mean "&&"?)`
	}
	l.set(tokBadChar, start, l.pos, msg)
}

// describeChar describes the character at the start of s: '#' or 'é', or
// "byte 0xc2" when s does not start with valid UTF-8.
func describeChar(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size <= 1 {
		return "byte 0x" + strconv.FormatUint(uint64(s[0]), 16)
	}
	return strconv.QuoteRune(r)
}

// number lexes an optional '-', digits and at most one '.', not ending in
// '.'. There is no exponent and no '+', like in the original.
//
// Decision: a number too large for a float64 (strconv gives ±Inf) is an
// error, "number out of range", because it could not be printed back.
// Numbers too small for a float64 become 0 or a subnormal, as strconv does.
func (l *lexer) number(start int) {
	src := l.src
	i := start
	if src[i] == '-' {
		i++
	}
	dot := false
	for i < len(src) {
		c := src[i]
		if isDigit(c) {
			i++
			continue
		}
		if c == '.' && !dot {
			dot = true
			i++
			continue
		}
		break
	}
	l.pos = i
	text := src[start:i]
	if text[len(text)-1] == '.' {
		l.set(tokError, start, i, "invalid number "+strconv.Quote(text)+`: a digit must follow "."`)
		return
	}
	f, err := strconv.ParseFloat(text, 64)
	switch {
	case math.IsInf(f, 0):
		l.set(tokError, start, i, "number out of range")
	case err != nil:
		// Not reachable for the accepted syntax; reported all the same
		// rather than ignored.
		l.set(tokError, start, i, "invalid number "+strconv.Quote(text))
	default:
		l.set(tokNumber, start, i, "")
		l.tok.num = f
	}
}

// stringLit lexes a string literal delimited by delim ('"' or '`'). Both
// forms have the same rules: \a \b \f \n \r \t \v become control characters,
// \\ becomes \, a backslash before the delimiter gives the delimiter, and any
// other backslash sequence is kept as it is. Raw newlines are allowed.
func (l *lexer) stringLit(start int, delim byte) {
	src := l.src
	body := start + 1
	end := strings.IndexByte(src[body:], delim)
	if end >= 0 && strings.IndexByte(src[body:body+end], '\\') < 0 {
		// Fast path: no escapes, the value is a substring of the document.
		l.pos = body + end + 1
		l.set(tokString, start, l.pos, src[body:body+end])
		return
	}
	var b strings.Builder
	i := body
	for i < len(src) {
		c := src[i]
		if c == delim {
			l.pos = i + 1
			l.set(tokString, start, l.pos, b.String())
			return
		}
		if c != '\\' || i+1 >= len(src) {
			b.WriteByte(c)
			i++
			continue
		}
		d := src[i+1]
		i += 2
		switch d {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\', delim:
			b.WriteByte(d)
		default:
			b.WriteByte('\\')
			b.WriteByte(d)
		}
	}
	l.pos = len(src)
	l.set(tokError, start, l.pos, "unterminated string literal")
}

// regexpLit lexes a regular expression literal /.../. It ends at the first
// unescaped '/' outside a bracket group; an unescaped '[' opens a group and
// an unescaped ']' closes it, so /[/]/ is valid. \/ becomes / and \\ becomes
// \; every other backslash sequence is kept as it is.
func (l *lexer) regexpLit(start int) {
	src := l.src
	body := start + 1
	inGroup := false
	escaped := false
	for i := body; i < len(src); i++ {
		switch src[i] {
		case '\\':
			escaped = true
			i++
		case '[':
			inGroup = true
		case ']':
			inGroup = false
		case '/':
			if inGroup {
				continue
			}
			l.pos = i + 1
			value := src[body:i]
			if escaped {
				value = unescapeRegexp(value)
			}
			l.set(tokRegexp, start, l.pos, value)
			return
		}
	}
	l.pos = len(src)
	l.set(tokError, start, l.pos, "unterminated regular expression")
}

// unescapeRegexp turns \/ into / and \\ into \ in the body of a regexp
// literal and keeps all other backslash sequences.
func unescapeRegexp(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && (s[i+1] == '/' || s[i+1] == '\\') {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		b.WriteByte(c)
		if c == '\\' && i+1 < len(s) {
			b.WriteByte(s[i+1])
			i++
		}
	}
	return b.String()
}
