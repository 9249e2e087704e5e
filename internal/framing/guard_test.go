package framing

import (
	"fmt"
	"strings"
	"testing"
)

const (
	// conflict11 is a conflicting HTTP/1.1 request and what the guard
	// makes of it.
	conflict11     = "POST /c HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	conflict11Seen = "POST /c HTTP/1.1\r\nHost: a\r\nSkipper-Framing-Conflict: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	get            = "GET /g HTTP/1.1\r\nHost: a\r\n\r\n"
)

func TestGuard(t *testing.T) {
	hidden := conflict11 // a conflicting head inside a body stays as it is
	tests := []struct {
		name  string
		in    string
		want  string // empty: the input, unchanged
		limit int    // zero: MaxHeadBytes
	}{
		{name: "pipelined GETs", in: get + get + get},
		{name: "conflict on HTTP/1.1", in: conflict11 + get, want: conflict11Seen + get},
		{
			name: "conflict on HTTP/1.1, lower case, Transfer-Encoding first",
			in:   "POST / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: Chunked\r\ncontent-length:3\r\n\r\n0\r\n\r\n",
			want: "POST / HTTP/1.1\r\nhost: a\r\ntransfer-encoding: Chunked\r\nSkipper-Framing-Conflict:3\r\n\r\n0\r\n\r\n",
		},
		{
			name: "conflict on HTTP/1.0",
			in:   "POST / HTTP/1.0\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc" + conflict11,
			want: "POST / HTTP/1.0\r\nContent-Length: 3\r\nSkipper-Framing-Conflict: chunked\r\n\r\nabc" + conflict11Seen,
		},
		{
			name: "conflict on HTTP/1.0 with an unknown coding",
			in:   "POST / HTTP/1.0\r\nTransfer-Encoding: gzip\r\nContent-Length: 0\r\n\r\n",
			want: "POST / HTTP/1.0\r\nSkipper-Framing-Conflict: gzip\r\nContent-Length: 0\r\n\r\n",
		},
		{
			name: "conflict with repeated equal lengths",
			in:   "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length:  1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get,
			want: "POST / HTTP/1.1\r\nSkipper-Framing-Conflict: 1\r\nSkipper-Framing-Conflict:  1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get,
		},
		{name: "conflict with a zero length", in: "POST / HTTP/1.1\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			want: "POST / HTTP/1.1\r\nSkipper-Framing-Conflict: 0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
		{name: "bare LF line ends", in: "POST / HTTP/1.1\nHost: a\nContent-Length: 3\nTransfer-Encoding: chunked\n\n3\r\nabc\r\n0\r\n\r\n",
			want: "POST / HTTP/1.1\nHost: a\nSkipper-Framing-Conflict: 3\nTransfer-Encoding: chunked\n\n3\r\nabc\r\n0\r\n\r\n"},
		{name: "folded Transfer-Encoding", in: "POST / HTTP/1.1\r\nTransfer-Encoding:\r\n  chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
			want: "POST / HTTP/1.1\r\nTransfer-Encoding:\r\n  chunked\r\nSkipper-Framing-Conflict: 3\r\n\r\n0\r\n\r\n"},
		{name: "folded Content-Length", in: "POST / HTTP/1.1\r\nContent-Length:\r\n 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
			want: "POST / HTTP/1.1\r\nSkipper-Framing-Conflict:\r\n 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
		{name: "space before the colon is another name", in: "POST / HTTP/1.1\r\nContent-Length : 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + get},
		{name: "Content-Length body hiding a head", in: fmt.Sprintf("POST / HTTP/1.1\r\nContent-Length: %d\r\n\r\n%s", len(hidden), hidden) + conflict11,
			want: fmt.Sprintf("POST / HTTP/1.1\r\nContent-Length: %d\r\n\r\n%s", len(hidden), hidden) + conflict11Seen},
		{
			name: "chunked body with extensions and trailers hiding a head",
			in: fmt.Sprintf("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n%x;a=b\r\n%s\r\n5 \t\r\nhello\r\n0003;q=\"x y\"\r\nabc\r\n0;last\r\nX-T: 1\r\nY: 2\r\n\r\n", len(hidden), hidden) +
				conflict11,
			want: fmt.Sprintf("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n%x;a=b\r\n%s\r\n5 \t\r\nhello\r\n0003;q=\"x y\"\r\nabc\r\n0;last\r\nX-T: 1\r\nY: 2\r\n\r\n", len(hidden), hidden) +
				conflict11Seen,
		},
		{name: "16 hex digits", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000003\r\nabc\r\n0\r\n\r\n" + conflict11,
			want: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000003\r\nabc\r\n0\r\n\r\n" + conflict11Seen},
		{name: "empty lines after a POST", in: "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx\r\n" + conflict11, want: "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx\r\n" + conflict11Seen},
		{name: "four empty line bytes after a POST", in: "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx\n\r\n\r" + conflict11, want: "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx\n\r\n\r" + conflict11Seen},
		{name: "HTTP/1.0 Transfer-Encoding without length", in: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11,
			want: "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11Seen},
		{name: "incomplete head at the end", in: get + "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"},

		// Go refuses these, or what follows is not HTTP/1: the rest of
		// the connection passes through unchanged
		{name: "empty line after a GET", in: get + "\r\n" + conflict11},
		{name: "five empty line bytes after a POST", in: "POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx\r\n\r\n\n" + conflict11},
		{name: "differing lengths", in: "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11},
		{name: "invalid length", in: "POST / HTTP/1.1\r\nContent-Length: 0x3\r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11},
		{name: "empty length", in: "POST / HTTP/1.1\r\nContent-Length: \r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11},
		{name: "unknown coding on HTTP/1.1", in: "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: gzip\r\n\r\n" + conflict11},
		{name: "two codings on HTTP/1.1", in: "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n" + conflict11},
		{name: "first header line folded", in: "POST / HTTP/1.1\r\n Content-Length: 3\r\n\r\n" + conflict11},
		{name: "header line without colon", in: "POST / HTTP/1.1\r\nContent-Length 3\r\n\r\n" + conflict11},
		{name: "invalid method", in: "PO(ST / HTTP/1.1\r\n\r\n" + conflict11},
		{name: "HTTP/2 preface", in: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + conflict11},
		{name: "upgrade", in: "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\r\n" + conflict11},
		{name: "CONNECT", in: "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n" + conflict11},
		{name: "invalid chunk size", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + conflict11},
		{name: "space before a chunk extension", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3 ;a\r\nabc\r\n0\r\n\r\n" + conflict11},
		{name: "17 hex digits", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n00000000000000003\r\nabc\r\n0\r\n\r\n" + conflict11},
		{name: "chunk line ending in bare LF", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n" + conflict11},
		{name: "chunk data without CRLF", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n" + conflict11},
		{name: "chunk line too long", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;" + strings.Repeat("e", maxChunkLine) + "\r\nabc\r\n0\r\n\r\n" + conflict11},
		{name: "trailer ending in bare LF", in: "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\n\r\n" + conflict11},
		{name: "head longer than the limit", in: "POST / HTTP/1.1\r\nX: " + strings.Repeat("x", 100) + "\r\n\r\n" + conflict11, limit: 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			limit := tt.limit
			if limit == 0 {
				limit = MaxHeadBytes
			}
			for _, splitSize := range []int{0, 1, 3, 17, 4096} {
				for _, readSize := range []int{1, 5, directRead, 4096} {
					got := string(guard(t, []byte(tt.in), splitSize, readSize, limit))
					if got != want {
						t.Fatalf("writes of %d, reads of %d: got\n%q\nwant\n%q", splitSize, readSize, got, want)
					}
				}
			}
		})
	}
}
