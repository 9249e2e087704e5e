package proxy

import (
	"net/http"
	"strings"
)

// patchPath keeps the reserved characters (RFC 3986 gen-delims and
// sub-delims) that the client sent percent-encoded encoded in the path
// used for routing: "/a%2Fb" is routed as "/a%2Fb", not as "/a/b". It
// records the original path in c so that the backend request carries the
// path as the client sent it, unless a filter changed the path.
func patchPath(c *filterContext, r *http.Request) {
	raw := r.URL.RawPath
	if raw == "" || !strings.Contains(raw, "%") {
		return
	}
	patched, ok := patchedPath(raw)
	if !ok || patched == r.URL.Path {
		return
	}
	c.origPath, c.origRawPath = r.URL.Path, raw
	r.URL.Path = patched
	c.patchedPath = patched
}

// patchedPath decodes the escapes of raw except those of reserved
// characters, which are kept with upper-case hex digits. ok is false for
// an invalid escape.
func patchedPath(raw string) (string, bool) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); i++ {
		ch := raw[i]
		if ch != '%' {
			b.WriteByte(ch)
			continue
		}
		if i+2 >= len(raw) || !isHex(raw[i+1]) || !isHex(raw[i+2]) {
			return "", false
		}
		v := unhex(raw[i+1])<<4 | unhex(raw[i+2])
		if isReserved(v) {
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(raw[i+1 : i+3]))
		} else {
			b.WriteByte(v)
		}
		i += 2
	}
	return b.String(), true
}

func isReserved(c byte) bool {
	return strings.IndexByte(":/?#[]@!$&'()*+,;=", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
