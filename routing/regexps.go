package routing

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// rxEntry is a regexp shared by the routes that use the same source.
type rxEntry struct {
	// exact is set for a regexp of the form ^literal$ without flags: it
	// matches exactly literal, and a Host condition compares strings
	// instead of running the regexp.
	exact   bool
	literal string
	// rx is the compiled regexp; for an exact entry it is compiled only
	// when a non-Host condition needs it.
	rx   *regexp.Regexp
	refs int
	// host is the one-element Host condition list of routes whose only
	// Host is this regexp, shared by all of them.
	host []hostMatcher
}

// rxCache shares regexps between routes. It belongs to the goroutine that
// builds routes; references are counted so that the regexps of removed
// routes are forgotten.
type rxCache struct {
	m map[string]*rxEntry
}

func newRxCache() *rxCache {
	return &rxCache{m: make(map[string]*rxEntry)}
}

// get returns the entry of src, compiling it unless it is an exact
// literal, and counts a reference to it.
func (c *rxCache) get(src string) (*rxEntry, error) {
	if e, ok := c.m[src]; ok {
		e.refs++
		return e, nil
	}
	e := &rxEntry{refs: 1}
	if lit, ok := exactLiteral(src); ok {
		e.exact, e.literal = true, lit
		e.host = []hostMatcher{{literal: lit}}
	} else {
		rx, err := regexp.Compile(src)
		if err != nil {
			return nil, err
		}
		e.rx = rx
		e.host = []hostMatcher{{rx: rx}}
	}
	c.m[src] = e
	return e, nil
}

// regexp returns the compiled regexp of src and counts a reference to it.
func (c *rxCache) regexp(src string) (*regexp.Regexp, error) {
	e, err := c.get(src)
	if err != nil {
		return nil, err
	}
	if e.rx == nil {
		rx, err := regexp.Compile(src)
		if err != nil {
			c.release(src)
			return nil, err
		}
		e.rx = rx
	}
	return e.rx, nil
}

// release drops a reference to src.
func (c *rxCache) release(src string) {
	e, ok := c.m[src]
	if !ok {
		return
	}
	e.refs--
	if e.refs <= 0 {
		delete(c.m, src)
	}
}

// exactLiteral tells whether the regexp src matches exactly one string,
// with both ends anchored and no flags (e.g. ^api[.]example[.]org$), and
// returns that string.
func exactLiteral(src string) (string, bool) {
	if lit, ok := simpleLiteral(src); ok {
		return lit, true
	}
	return parsedLiteral(src)
}

// parsedLiteral is exactLiteral by parsing the regexp.
func parsedLiteral(src string) (string, bool) {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return "", false
	}
	if re.Op != syntax.OpConcat || len(re.Sub) != 3 {
		return "", false
	}
	first, lit, last := re.Sub[0], re.Sub[1], re.Sub[2]
	if first.Op != syntax.OpBeginText || last.Op != syntax.OpEndText {
		return "", false
	}
	if lit.Op != syntax.OpLiteral || lit.Flags&syntax.FoldCase != 0 {
		return "", false
	}
	return string(lit.Rune), true
}

// simpleLiteral recognises the common forms of exactLiteral without
// parsing: ^...$ around letters, digits, "-_:/=@,", escaped punctuation
// (\.) and one-character classes ([.]). It returns false for anything
// else, which exactLiteral then parses.
func simpleLiteral(src string) (string, bool) {
	if len(src) < 3 || src[0] != '^' || src[len(src)-1] != '$' {
		return "", false
	}
	in := src[1 : len(src)-1]
	b := make([]byte, 0, len(in))
	for i := 0; i < len(in); i++ {
		c := in[i]
		switch {
		case plainLiteral(c):
		case c == '\\' && i+1 < len(in) && strings.IndexByte(`.-+*?()|[]{}^$\\/`, in[i+1]) >= 0:
			i++
			c = in[i]
		case c == '[' && i+2 < len(in) && in[i+2] == ']' && classLiteral(in[i+1]):
			c = in[i+1]
			i += 2
		default:
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// plainLiteral tells whether c stands for itself in a regexp, outside a
// character class.
func plainLiteral(c byte) bool {
	return isAlpha(c) || isDigit(c) || strings.IndexByte("-_:/=@,", c) >= 0
}

// classLiteral tells whether [c] stands for c.
func classLiteral(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '.' || c == '_' || c == '-'
}
