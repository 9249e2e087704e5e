package framing

import "bytes"

// ConflictHeader is the name the guard gives to the header lines that Go
// ignores in a request carrying both Content-Length and Transfer-Encoding:
// the Content-Length lines on HTTP/1.1 and later, the Transfer-Encoding
// lines on HTTP/1.0. Its values are those of the renamed lines. It is in
// the canonical form of http.Header keys.
const ConflictHeader = "Skipper-Framing-Conflict"

// Names of the header fields that matter for the framing, in lower case.
const (
	nameContentLength    = "content-length"
	nameTransferEncoding = "transfer-encoding"
	nameConnection       = "connection"
)

// bodyFraming tells what follows a request head.
type bodyFraming uint8

const (
	frameNone    bodyFraming = iota // no body: the next head
	frameLength                     // a body of head.length bytes
	frameChunked                    // a chunked body
	framePass                       // no more HTTP/1 requests to follow
)

// head is what the guard needs to know of a complete request head.
type head struct {
	n        int         // bytes, from any skipped empty lines to the empty line that ends it
	skip     int         // leading CR and LF bytes Go skips before it
	frame    bodyFraming // what follows
	length   uint64      // the body length with frameLength
	post     bool        // the method is POST
	conflict bool        // both Content-Length and Transfer-Encoding: rename
	rename   string      // lower-case name of the lines to rename on a conflict
}

// headStatus is the outcome of parseHead.
type headStatus uint8

const (
	headIncomplete headStatus = iota // the head needs more bytes
	headComplete                     // a head Go reads, see the head value
	headBad                          // Go refuses it, or it is too long: stop tracking
)

// parseHead looks at the request head at the start of b. It finds its end
// as Go's textproto reader does: the first empty line ("\r\n" or "\n")
// after the request line; after a POST it first skips up to 4 CR or LF
// bytes, as Go's server does. It remembers where its search stopped, so
// that a head arriving in many reads is scanned once.
func (t *tracker) parseHead(b []byte) (head, headStatus) {
	skip := 0
	if t.post {
		for skip < len(b) && skip < 4 && (b[skip] == '\r' || b[skip] == '\n') {
			skip++
		}
	}
	end, next := headEnd(b, max(t.scan, skip))
	if end < 0 {
		if len(b) >= t.limit {
			return head{}, headBad
		}
		t.scan = next
		return head{}, headIncomplete
	}
	t.scan = 0
	if end > t.limit {
		return head{}, headBad
	}
	h, ok := parseFields(b[skip:end])
	if !ok {
		return head{}, headBad
	}
	h.n = end
	h.skip = skip
	return h, headComplete
}

// headEnd returns the offset just past the first empty line of b that
// follows a line end at or after from. Without one it returns -1 and the
// offset where the search resumes once more bytes arrive.
func headEnd(b []byte, from int) (end, next int) {
	for {
		i := bytes.IndexByte(b[from:], '\n')
		if i < 0 {
			return -1, len(b)
		}
		i += from
		if i+1 >= len(b) {
			return -1, i
		}
		switch b[i+1] {
		case '\n':
			return i + 2, 0
		case '\r':
			if i+2 >= len(b) {
				return -1, i
			}
			if b[i+2] == '\n' {
				return i + 3, 0
			}
		}
		from = i + 1
	}
}

// parseFields parses a complete head, from its request line to its empty
// line, as Go's http.ReadRequest does as far as the framing goes. It
// returns false for a head Go refuses with an error that the guard can
// see cheaply, or for a version other than HTTP/1.x, which Go's server
// does not read as HTTP/1.
func parseFields(b []byte) (head, bool) {
	var h head
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		return h, false
	}
	method, minor, ok := requestLine(dropCR(b[:nl]))
	if !ok {
		return h, false
	}
	var (
		cl, te   []byte // the first values
		nCL, nTE int
		upgrade  bool
	)
	for pos, first := nl+1, true; ; first = false {
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			return h, false
		}
		line := dropCR(b[pos : pos+i])
		start := pos
		pos += i + 1
		if len(line) == 0 {
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			if first {
				// Go refuses a first header line with leading space
				return h, false
			}
			// obs-fold: the value was read with the line it continues
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 {
			return h, false
		}
		switch name := line[:colon]; {
		case equalFold(name, nameContentLength):
			v := trimString(fieldValue(b, start, colon))
			if nCL == 0 {
				cl = v
			} else if !bytes.Equal(v, cl) {
				// Go refuses differing Content-Length values
				return h, false
			}
			nCL++
		case equalFold(name, nameTransferEncoding):
			if nTE == 0 {
				te = fieldValue(b, start, colon)
			}
			nTE++
		case equalFold(name, nameConnection):
			if containsFold(fieldValue(b, start, colon), "upgrade") {
				upgrade = true
			}
		}
	}
	chunked := false
	if nTE > 0 && minor >= 1 {
		// Go takes one Transfer-Encoding line, and only "chunked"; on
		// HTTP/1.0 it ignores the header
		if nTE != 1 || !equalFold(te, "chunked") {
			return h, false
		}
		chunked = true
	}
	if nCL > 0 {
		if h.length, ok = parseLength(cl); !ok {
			return h, false
		}
	}
	if nCL > 0 && nTE > 0 {
		h.conflict = true
		h.rename = nameContentLength
		if minor == 0 {
			h.rename = nameTransferEncoding
		}
	}
	h.post = string(method) == "POST"
	switch {
	case string(method) == "CONNECT" || upgrade:
		h.frame = framePass
	case chunked:
		h.frame = frameChunked
	case h.length > 0:
		h.frame = frameLength
	default:
		h.frame = frameNone
	}
	return h, true
}

// requestLine parses a request line as Go does: method, URI and version
// separated by the first two spaces. It returns the method and the minor
// version of an HTTP/1.x request.
func requestLine(line []byte) (method []byte, minor int, ok bool) {
	method, rest, ok := bytes.Cut(line, []byte{' '})
	if !ok || len(method) == 0 {
		return nil, 0, false
	}
	for _, c := range method {
		if !isTokenByte(c) {
			return nil, 0, false
		}
	}
	_, proto, ok := bytes.Cut(rest, []byte{' '})
	if !ok {
		return nil, 0, false
	}
	// http.ParseHTTPVersion: "HTTP/" digit "." digit
	if len(proto) != len("HTTP/1.1") || string(proto[:len("HTTP/1.")]) != "HTTP/1." {
		return nil, 0, false
	}
	if d := proto[7]; '0' <= d && d <= '9' {
		return method, int(d - '0'), true
	}
	return nil, 0, false
}

// fieldValue returns the value of the header field whose first line
// starts at b[start:] and has its colon at start+colon, as Go's textproto
// reader builds it: each line trimmed of spaces and tabs, continuation
// lines joined with single spaces, leading white space dropped.
func fieldValue(b []byte, start, colon int) []byte {
	i := bytes.IndexByte(b[start:], '\n')
	v := trimRight(dropCR(b[start : start+i]))[colon+1:]
	next := start + i + 1
	if next < len(b) && (b[next] == ' ' || b[next] == '\t') {
		joined := append([]byte(nil), v...)
		for next < len(b) && (b[next] == ' ' || b[next] == '\t') {
			j := bytes.IndexByte(b[next:], '\n')
			if j < 0 {
				break
			}
			joined = append(joined, ' ')
			joined = append(joined, trimLeft(trimRight(dropCR(b[next:next+j])))...)
			next += j + 1
		}
		v = joined
	}
	return trimLeft(v)
}

// renameHead returns a copy of the head b whose header lines named name
// (in lower case) are renamed to ConflictHeader. skip is the number of
// leading empty-line bytes before the request line.
func renameHead(b []byte, skip int, name string) []byte {
	out := make([]byte, 0, len(b)+4*(len(ConflictHeader)-len(name)))
	nl := skip + bytes.IndexByte(b[skip:], '\n')
	out = append(out, b[:nl+1]...)
	for pos := nl + 1; pos < len(b); {
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			return append(out, b[pos:]...)
		}
		line := b[pos : pos+i+1]
		if len(line) > len(name) && line[len(name)] == ':' && equalFold(line[:len(name)], name) {
			out = append(out, ConflictHeader...)
			line = line[len(name):]
		}
		out = append(out, line...)
		pos += i + 1
	}
	return out
}

// parseLength parses a Content-Length value as Go does: decimal digits
// only, at most 1<<63-1.
func parseLength(v []byte) (uint64, bool) {
	if len(v) == 0 {
		return 0, false
	}
	const maxLength = 1<<63 - 1
	var n uint64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if n > (maxLength-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// dropCR drops one CR at the end of a line, as bufio.Reader.ReadLine does.
func dropCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

// trimLeft drops leading spaces and tabs.
func trimLeft(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	return b
}

// trimRight drops trailing spaces and tabs.
func trimRight(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// trimString drops ASCII white space at both ends, as
// textproto.TrimString does.
func trimString(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// equalFold tells whether b equals the lower-case ASCII string s,
// ignoring ASCII case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// containsFold tells whether b contains the lower-case ASCII string s,
// ignoring ASCII case, as the proxy's upgrade check does.
func containsFold(b []byte, s string) bool {
	for i := 0; i+len(s) <= len(b); i++ {
		if equalFold(b[i:i+len(s)], s) {
			return true
		}
	}
	return false
}

// isTokenByte tells whether c may appear in an HTTP token (RFC 9110 tchar).
func isTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}
