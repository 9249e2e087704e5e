package framing

// state is where a tracker stands in the stream of requests.
type state uint8

const (
	stHead          state = iota // at or in a request head
	stBody                       // in a Content-Length body
	stChunkSize                  // in the hex digits of a chunk size
	stChunkSpace                 // in white space after a chunk size
	stChunkExt                   // in a chunk extension
	stChunkLF                    // after the CR of a chunk size line
	stChunkData                  // in the data of a chunk
	stChunkDataCR                // after the data of a chunk
	stChunkDataLF                // after the CR that follows chunk data
	stTrailerStart               // at the start of a trailer line
	stTrailerCR                  // after a CR at the start of a trailer line
	stTrailerLine                // inside a trailer line
	stTrailerLineCR              // after a CR in a trailer line
	stPass                       // not tracking: every byte passes through
)

// Limits of Go's HTTP/1 server that a tracker mirrors. Go reads chunk
// lines and trailers in its 4 KiB bufio.Reader: longer ones are errors.
const (
	maxChunkLine    = 4096 // a chunk size line with its CRLF
	maxTrailerBytes = 4096 // the trailer section with its empty line
	maxChunkDigits  = 16   // hex digits of a chunk size
)

// tracker follows the framing of the HTTP/1 requests in a byte stream as
// Go's server reads them. It holds no bytes: heads are parsed by
// parseHead on the caller's buffer, bodies are stepped over by body.
type tracker struct {
	state  state
	remain uint64 // bytes left in a Content-Length body or a chunk
	size   uint64 // chunk size parsed so far
	digits int    // hex digits of the chunk size so far
	line   int    // bytes of the current chunk line or trailer section
	post   bool   // the last request head was a POST
	scan   int    // in a head: where the search for its end resumes
	limit  int    // longest head Go reads, leading empty lines included
}

// pass stops the tracking for good.
func (t *tracker) pass() {
	t.state = stPass
	t.scan = 0
}

// commit moves the tracker past the head h.
func (t *tracker) commit(h head) {
	t.scan = 0
	t.post = h.post
	switch h.frame {
	case frameLength:
		t.state = stBody
		t.remain = h.length
	case frameChunked:
		t.startChunk()
	case framePass:
		t.state = stPass
	default:
		t.state = stHead
	}
}

// startChunk expects the size line of a chunk.
func (t *tracker) startChunk() {
	t.state = stChunkSize
	t.size = 0
	t.digits = 0
	t.line = 0
}

// body steps over the body bytes at the start of b and returns how many
// it stepped over: it stops where the next request head starts. In the
// pass-through state every byte counts as body.
func (t *tracker) body(b []byte) int {
	i := 0
	for i < len(b) {
		switch t.state {
		case stHead:
			return i
		case stPass:
			return len(b)
		case stBody, stChunkData:
			n := uint64(len(b) - i)
			if n > t.remain {
				n = t.remain
			}
			i += int(n)
			t.remain -= n
			if t.remain == 0 {
				if t.state == stBody {
					t.state = stHead
				} else {
					t.state = stChunkDataCR
				}
			}
		default:
			t.chunkByte(b[i])
			i++
		}
	}
	return i
}

// chunkByte steps over one byte of chunk framing: the size lines, the
// CRLF after chunk data and the trailer section. Anything Go's chunked
// reader refuses stops the tracking.
func (t *tracker) chunkByte(c byte) {
	switch t.state {
	case stChunkSize, stChunkSpace, stChunkExt, stChunkLF:
		t.line++
		if t.line > maxChunkLine {
			t.pass()
			return
		}
		t.chunkLineByte(c)
	case stChunkDataCR:
		if c != '\r' {
			t.pass()
			return
		}
		t.state = stChunkDataLF
	case stChunkDataLF:
		if c != '\n' {
			t.pass()
			return
		}
		t.startChunk()
	case stTrailerStart, stTrailerCR, stTrailerLine, stTrailerLineCR:
		t.line++
		if t.line > maxTrailerBytes {
			t.pass()
			return
		}
		t.trailerByte(c)
	}
}

// chunkLineByte steps over one byte of a chunk size line. Go trims
// trailing white space from the line, cuts off the extension at the first
// ';', and wants 1 to 16 hex digits in what remains; the line must end in
// CRLF with no other CR.
func (t *tracker) chunkLineByte(c byte) {
	switch t.state {
	case stChunkSize:
		if v, ok := hexValue(c); ok {
			if t.digits == maxChunkDigits {
				t.pass()
				return
			}
			t.size = t.size<<4 | uint64(v)
			t.digits++
			return
		}
		if t.digits == 0 {
			t.pass()
			return
		}
		switch c {
		case ';':
			t.state = stChunkExt
		case ' ', '\t':
			t.state = stChunkSpace
		case '\r':
			t.state = stChunkLF
		default:
			t.pass()
		}
	case stChunkSpace:
		switch c {
		case ' ', '\t':
		case '\r':
			t.state = stChunkLF
		default:
			t.pass()
		}
	case stChunkExt:
		switch c {
		case '\r':
			t.state = stChunkLF
		case '\n':
			t.pass()
		}
	case stChunkLF:
		if c != '\n' {
			t.pass()
			return
		}
		t.line = 0
		if t.size == 0 {
			t.state = stTrailerStart
			return
		}
		t.state = stChunkData
		t.remain = t.size
	}
}

// trailerByte steps over one byte of the trailer section after the last
// chunk, which ends with an empty line. Go accepts trailer lines that end
// in a bare LF only when a CRLF CRLF follows somewhere in its buffer, so
// the guard stops tracking at a bare LF; a CR inside a line makes Go
// refuse the trailer.
func (t *tracker) trailerByte(c byte) {
	switch t.state {
	case stTrailerStart:
		switch c {
		case '\r':
			t.state = stTrailerCR
		case '\n':
			t.pass()
		default:
			t.state = stTrailerLine
		}
	case stTrailerCR:
		if c != '\n' {
			t.pass()
			return
		}
		t.state = stHead
	case stTrailerLine:
		switch c {
		case '\r':
			t.state = stTrailerLineCR
		case '\n':
			t.pass()
		}
	case stTrailerLineCR:
		if c != '\n' {
			t.pass()
			return
		}
		t.state = stTrailerStart
	}
}

// hexValue returns the value of the hex digit c.
func hexValue(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
