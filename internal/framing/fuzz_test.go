package framing

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"reflect"
	"testing"
)

// request is what http.ReadRequest makes of one request of a stream.
type request struct {
	Method, URI, Proto string
	Header, Trailer    http.Header
	Body               string
	BodyErr            bool
	Conflict           bool // the header had ConflictHeader
}

// readRequests reads the requests of stream with http.ReadRequest until
// the first error, and tells whether it ended with one.
func readRequests(stream []byte) (reqs []request, failed bool) {
	br := bufio.NewReader(bytes.NewReader(stream))
	for len(reqs) < 64 {
		r, err := http.ReadRequest(br)
		if err != nil {
			return reqs, err != io.EOF
		}
		body, err := io.ReadAll(r.Body)
		_, conflict := r.Header[ConflictHeader]
		delete(r.Header, ConflictHeader)
		reqs = append(reqs, request{
			Method: r.Method, URI: r.RequestURI, Proto: r.Proto,
			Header: r.Header, Trailer: r.Trailer,
			Body: string(body), BodyErr: err != nil, Conflict: conflict,
		})
		if err != nil {
			return reqs, true
		}
	}
	return reqs, false
}

// undoRenames tells whether out is in with some header names at the
// start of a line replaced by ConflictHeader.
func undoRenames(in, out []byte) bool {
	for len(in) > 0 || len(out) > 0 {
		if len(in) > 0 && len(out) > 0 && in[0] == out[0] {
			if in[0] == '\n' && bytes.HasPrefix(out[1:], []byte(ConflictHeader)) {
				rest := out[1+len(ConflictHeader):]
				for _, name := range []string{nameContentLength, nameTransferEncoding} {
					if len(in) > len(name) && equalFold(in[1:1+len(name)], name) && !bytes.HasPrefix(in[1:], []byte(ConflictHeader)) {
						in, out = in[1+len(name):], rest
						break
					}
				}
				if len(out) == len(rest) {
					continue
				}
			}
			in, out = in[1:], out[1:]
			continue
		}
		return false
	}
	return true
}

// checkStream runs in through the guard and checks that nothing but
// renames changed, and that http.ReadRequest reads the same requests from
// both, but for the renamed header.
// It returns the number of requests that the guard marked.
func checkStream(t *testing.T, in []byte, splitSize, readSize, limit int) (marked int) {
	out := guard(t, in, splitSize, readSize, limit)
	if !bytes.Equal(out, in) && !undoRenames(in, out) {
		t.Fatalf("the guard changed more than header names:\n in: %q\nout: %q", in, out)
	}
	want, wantFailed := readRequests(in)
	got, gotFailed := readRequests(out)
	if len(got) != len(want) || gotFailed != wantFailed {
		t.Fatalf("requests read: got %d (error %v), want %d (error %v)\n in: %q\nout: %q", len(got), gotFailed, len(want), wantFailed, in, out)
	}
	for i := range want {
		w, g := want[i], got[i]
		if g.Conflict && !w.Conflict {
			marked++
		}
		w.Conflict, g.Conflict = false, false
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("request %d: got %+v, want %+v\n in: %q\nout: %q", i, g, w, in, out)
		}
	}
	return marked
}

// maxFuzzInput is the longest stream FuzzGuard tries; the limits of long
// heads and chunk lines are tested with short limits and in TestGuard.
const maxFuzzInput = 1024

// FuzzGuard feeds random streams through the guard, in random writes and
// reads, with the default and with short head limits.
func FuzzGuard(f *testing.F) {
	seeds := []string{
		get + get,
		conflict11 + get,
		"POST / HTTP/1.0\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc" + conflict11,
		"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\nX: 1\r\n\r\n" + conflict11,
		"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello\r\n" + conflict11,
		"POST / HTTP/1.1\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
		"GET / HTTP/1.1\r\nConnection: upgrade\r\nUpgrade: x\r\n\r\n" + conflict11,
		"POST / HTTP/1.1\nContent-Length: 1\nContent-Length: 1\nTransfer-Encoding: chunked\n\n1\r\nx\r\n0\r\n\r\n",
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint8(i), uint8(i*7))
	}
	f.Fuzz(func(t *testing.T, in []byte, splitSize, readSize uint8) {
		if len(in) > maxFuzzInput {
			// long inputs add nothing but slow minimization down
			return
		}
		checkStream(t, in, int(splitSize%32), int(readSize)+1, MaxHeadBytes)
		checkStream(t, in, int(readSize%8), int(splitSize)+1, 16+int(splitSize))
	})
}

func TestStreamsReadAlike(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		marked int
	}{
		{name: "no conflict", in: get + "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab" + get},
		{name: "conflict on HTTP/1.1", in: conflict11 + get + conflict11, marked: 2},
		{name: "conflict on HTTP/1.0", in: "POST / HTTP/1.0\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc", marked: 1},
		{name: "chunked with trailers", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTrailer: X\r\n\r\n3;a=b\r\nabc\r\n0\r\nX: 1\r\n\r\n" + conflict11, marked: 1},
		{name: "refused request", in: "POST / HTTP/1.1\r\nContent-Length: x\r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, size := range []int{1, 4096} {
				if got := checkStream(t, []byte(tt.in), size, size, MaxHeadBytes); got != tt.marked {
					t.Errorf("marked requests: got %d, want %d", got, tt.marked)
				}
			}
		})
	}
}

func TestUndoRenames(t *testing.T) {
	tests := []struct {
		name, in, out string
		want          bool
	}{
		{name: "same", in: "a\nb", out: "a\nb", want: true},
		{name: "renamed", in: "a\ncontent-length: 1\n", out: "a\nSkipper-Framing-Conflict: 1\n", want: true},
		{name: "value changed", in: "a\nContent-Length: 1\n", out: "a\nSkipper-Framing-Conflict: 2\n", want: false},
		{name: "other name", in: "a\nHost: 1\n", out: "a\nSkipper-Framing-Conflict: 1\n", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := undoRenames([]byte(tt.in), []byte(tt.out)); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
