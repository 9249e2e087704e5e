package logging

import (
	"encoding/json"
	"io"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// AccessLogDateFormat is the layout of the request time in the access log.
const AccessLogDateFormat = "02/Jan/2006:15:04:05 -0700"

// Request headers the access log reads.
const (
	// FlowIDHeader carries the flow id of a request, set by the flowId
	// filter.
	FlowIDHeader = "X-Flow-Id"
	// UnverifiedAuditHeader carries the audit information of a request,
	// set by the unverifiedAuditLog filter.
	UnverifiedAuditHeader = "X-Unverified-Audit"
)

// AccessEntry is one served request, as the access log records it.
type AccessEntry struct {
	// Request is the incoming request, with the headers as the filters
	// left them. Nil logs "-" (or "") for the request's fields.
	Request *http.Request
	// StatusCode is the status written to the client.
	StatusCode int
	// ResponseSize is the number of body bytes written to the client.
	ResponseSize int64
	// RequestTime is when serving the request started.
	RequestTime time.Time
	// Duration is how long serving the request took.
	Duration time.Duration
	// AuthUser is the authenticated user, "" when unknown.
	AuthUser string
	// AdditionalData are extra fields for the JSON format, e.g. from the
	// request's state bag. The text format ignores them, except for
	// MaskedQueryParamsKey, which both formats apply to the URI.
	AdditionalData map[string]interface{}
}

// AccessLog writes one line per served request, in the combined log
// format extended with the duration, the requested host, the flow id and
// the audit header, or as a JSON object. It is safe for concurrent use:
// each line reaches the writer in a single Write call.
type AccessLog struct {
	w          io.Writer
	json       bool
	stripQuery bool

	mu   sync.Mutex // serializes the writes
	bufs sync.Pool  // *accessLine
}

// accessLine is the pooled scratch space of one Log call.
type accessLine struct {
	b     []byte
	extra []field
}

// field is one additional JSON field.
type field struct {
	key   string
	value interface{}
	// renamed tells that key was level, msg or time, and got the prefix
	// "fields.".
	renamed bool
}

// maxPooledLine is the largest buffer kept for reuse; rare huge lines
// do not pin their memory.
const maxPooledLine = 64 << 10

// NewAccessLog returns an access log writing to w: text lines, or JSON
// objects when json is set. With stripQuery, the request URI is logged
// without its query.
func NewAccessLog(w io.Writer, json bool, stripQuery bool) *AccessLog {
	l := &AccessLog{w: w, json: json, stripQuery: stripQuery}
	l.bufs.New = func() interface{} { return &accessLine{b: make([]byte, 0, 512)} }
	return l
}

// Log writes the line of one request. Write errors are ignored. A nil
// log or entry writes nothing.
//
// The text line is
//
//	<host> - <auth-user> [<time>] "<method> <uri> <proto>" <status> <bytes> "<referer>" "<user-agent>" <duration-ms> <requested-host> <flow-id> <audit>
//
// with "-" for each empty string. The URI is the request URI: without
// its query when the log strips queries, or else with the parameters
// named under MaskedQueryParamsKey in the additional data masked. The host
// is the list of the valid IP addresses of the X-Forwarded-For headers,
// ports removed, joined with ", ", or else the remote address without its
// port. The time is the request time in AccessLogDateFormat; the duration
// is in whole milliseconds.
//
// The JSON object has the keys audit, auth-user, duration, flow-id, host,
// level ("info"), method, msg (""), proto, referer, requested-host,
// response-size, status, timestamp, uri and user-agent, and those of the
// additional data, in sorted order. Empty strings stay empty. Additional
// data replace the standard fields of the same key, except level, msg and
// time, which they take as fields.level, fields.msg and fields.time
// (replacing additional data of those keys). Errors are logged as their
// message, and a value that cannot be encoded as JSON as the message of
// the encoding error. Strings are escaped as encoding/json does, HTML
// characters included.
func (l *AccessLog) Log(e *AccessEntry) {
	if l == nil || e == nil {
		return
	}
	line := l.bufs.Get().(*accessLine)
	if l.json {
		line.b = l.appendJSON(line.b[:0], e, line)
	} else {
		line.b = l.appendText(line.b[:0], e)
	}
	l.mu.Lock()
	_, _ = l.w.Write(line.b)
	l.mu.Unlock()
	if cap(line.b) <= maxPooledLine {
		clear(line.extra)
		line.extra = line.extra[:0]
		l.bufs.Put(line)
	}
}

// requestFields are the fields of the request in the log.
type requestFields struct {
	method, uri, proto, referer, userAgent, host, flowID, audit string
}

// requestFields returns the fields of r; data are the additional data of
// the entry, which may ask for query parameters to be masked.
func (l *AccessLog) requestFields(r *http.Request, data map[string]interface{}) requestFields {
	if r == nil {
		return requestFields{}
	}
	uri := r.RequestURI
	if l.stripQuery {
		if i := strings.IndexByte(uri, '?'); i >= 0 {
			uri = uri[:i]
		}
	} else if masked := data[MaskedQueryParamsKey]; masked != nil {
		rawQuery := ""
		if r.URL != nil {
			rawQuery = r.URL.RawQuery
		}
		if m, ok := maskedURI(uri, rawQuery, masked); ok {
			uri = m
		}
	}
	return requestFields{
		method:    r.Method,
		uri:       uri,
		proto:     r.Proto,
		referer:   r.Header.Get("Referer"),
		userAgent: r.Header.Get("User-Agent"),
		host:      r.Host,
		flowID:    r.Header.Get(FlowIDHeader),
		audit:     r.Header.Get(UnverifiedAuditHeader),
	}
}

// appendText appends the text line of the entry.
func (l *AccessLog) appendText(b []byte, e *AccessEntry) []byte {
	f := l.requestFields(e.Request, e.AdditionalData)
	b = appendClientHost(b, e.Request, true)
	b = append(b, " - "...)
	b = appendOrDash(b, e.AuthUser)
	b = append(b, " ["...)
	b = e.RequestTime.AppendFormat(b, AccessLogDateFormat)
	b = append(b, `] "`...)
	b = appendOrDash(b, f.method)
	b = append(b, ' ')
	b = appendOrDash(b, f.uri)
	b = append(b, ' ')
	b = appendOrDash(b, f.proto)
	b = append(b, `" `...)
	b = strconv.AppendInt(b, int64(e.StatusCode), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, e.ResponseSize, 10)
	b = append(b, ` "`...)
	b = appendOrDash(b, f.referer)
	b = append(b, `" "`...)
	b = appendOrDash(b, f.userAgent)
	b = append(b, `" `...)
	b = strconv.AppendInt(b, int64(e.Duration/time.Millisecond), 10)
	b = append(b, ' ')
	b = appendOrDash(b, f.host)
	b = append(b, ' ')
	b = appendOrDash(b, f.flowID)
	b = append(b, ' ')
	b = appendOrDash(b, f.audit)
	return append(b, '\n')
}

func appendOrDash(b []byte, s string) []byte {
	if s == "" {
		return append(b, '-')
	}
	return append(b, s...)
}

// appendClientHost appends the valid IP addresses of the X-Forwarded-For
// header of r, without ports and joined with ", ", or, when there are
// none, the host of r.RemoteAddr. With dash, nothing to append appends
// "-".
func appendClientHost(b []byte, r *http.Request, dash bool) []byte {
	start := len(b)
	if r != nil {
		for _, xff := range r.Header.Values("X-Forwarded-For") {
			for xff != "" {
				var hop string
				hop, xff, _ = strings.Cut(xff, ",")
				if ip, ok := hopIP(strings.TrimSpace(hop)); ok {
					if len(b) > start {
						b = append(b, ", "...)
					}
					b = append(b, ip...)
				}
			}
		}
		if len(b) == start {
			b = append(b, stripPort(r.RemoteAddr)...)
		}
	}
	if dash && len(b) == start {
		b = append(b, '-')
	}
	return b
}

// hopIP returns the IP address of one X-Forwarded-For entry: an address
// with or without a port, IPv6 addresses with or without brackets.
func hopIP(hop string) (string, bool) {
	host := stripPort(hop)
	if _, err := netip.ParseAddr(host); err != nil {
		return "", false
	}
	return host, true
}

// stripPort returns the host of an address: without the brackets and the
// port of [host]:port or [host], without the port of host:port, the
// address itself otherwise (IPv6 addresses without brackets included).
// It does not allocate.
func stripPort(address string) string {
	if strings.HasPrefix(address, "[") {
		end := strings.IndexByte(address, ']')
		if end < 0 {
			return address
		}
		rest := address[end+1:]
		if rest == "" || rest[0] == ':' && isPort(rest[1:]) {
			return address[1:end]
		}
		return address
	}
	i := strings.IndexByte(address, ':')
	if i < 0 || strings.IndexByte(address[i+1:], ':') >= 0 || !isPort(address[i+1:]) {
		return address
	}
	return address[:i]
}

// isPort tells whether s is a decimal port number, empty included, as in
// "host:".
func isPort(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// appendJSON appends the JSON line of the entry.
func (l *AccessLog) appendJSON(b []byte, e *AccessEntry, line *accessLine) []byte {
	f := l.requestFields(e.Request, e.AdditionalData)
	extra := line.extra[:0]
	for k, v := range e.AdditionalData {
		renamed := false
		switch k {
		case MaskedQueryParamsKey:
			continue
		case "level", "msg", "time":
			k, renamed = "fields."+k, true
		}
		extra = append(extra, field{key: k, value: v, renamed: renamed})
	}
	slices.SortFunc(extra, func(a, b field) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		if a.renamed == b.renamed {
			return 0
		}
		if a.renamed {
			return -1
		}
		return 1
	})
	// a renamed field replaces the field of the same name
	extra = slices.CompactFunc(extra, func(a, b field) bool { return a.key == b.key })
	line.extra = extra

	// the keys of the standard fields, sorted
	standardKeys := [...]string{
		"audit", "auth-user", "duration", "flow-id", "host", "level", "method", "msg",
		"proto", "referer", "requested-host", "response-size", "status", "timestamp",
		"uri", "user-agent",
	}
	b = append(b, '{')
	first := true
	key := func(k string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, k)
		b = append(b, ':')
	}
	i := 0
	for _, k := range standardKeys {
		for i < len(extra) && extra[i].key < k {
			key(extra[i].key)
			b = appendJSONValue(b, extra[i].value)
			i++
		}
		if i < len(extra) && extra[i].key == k {
			continue // the additional value is written in the next round
		}
		key(k)
		switch k {
		case "audit":
			b = appendJSONString(b, f.audit)
		case "auth-user":
			b = appendJSONString(b, e.AuthUser)
		case "duration":
			b = strconv.AppendInt(b, int64(e.Duration/time.Millisecond), 10)
		case "flow-id":
			b = appendJSONString(b, f.flowID)
		case "host":
			b = append(b, '"')
			mark := len(b)
			b = appendClientHost(b, e.Request, false)
			b = escapeJSONTail(b, mark)
			b = append(b, '"')
		case "level":
			b = append(b, `"info"`...)
		case "method":
			b = appendJSONString(b, f.method)
		case "msg":
			b = append(b, `""`...)
		case "proto":
			b = appendJSONString(b, f.proto)
		case "referer":
			b = appendJSONString(b, f.referer)
		case "requested-host":
			b = appendJSONString(b, f.host)
		case "response-size":
			b = strconv.AppendInt(b, e.ResponseSize, 10)
		case "status":
			b = strconv.AppendInt(b, int64(e.StatusCode), 10)
		case "timestamp":
			b = append(b, '"')
			b = e.RequestTime.AppendFormat(b, AccessLogDateFormat)
			b = append(b, '"')
		case "uri":
			b = appendJSONString(b, f.uri)
		case "user-agent":
			b = appendJSONString(b, f.userAgent)
		}
	}
	for ; i < len(extra); i++ {
		key(extra[i].key)
		b = appendJSONValue(b, extra[i].value)
	}
	return append(b, '}', '\n')
}

// escapeJSONTail escapes b[mark:] as the content of a JSON string, in
// place; it copies only when something needs escaping.
func escapeJSONTail(b []byte, mark int) []byte {
	for _, c := range b[mark:] {
		if c < utf8.RuneSelf && !jsonSafe(c) || c >= utf8.RuneSelf {
			s := string(b[mark:])
			b = appendJSONString(b[:mark], s)
			// drop the quotes appendJSONString added
			copy(b[mark:], b[mark+1:len(b)-1])
			return b[:len(b)-2]
		}
	}
	return b
}

// appendJSONValue appends v as JSON: errors as their message, values that
// cannot be encoded as the message of the encoding error.
func appendJSONValue(b []byte, v interface{}) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case string:
		return appendJSONString(b, v)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case int32:
		return strconv.AppendInt(b, int64(v), 10)
	case uint64:
		return strconv.AppendUint(b, v, 10)
	case uint:
		return strconv.AppendUint(b, uint64(v), 10)
	case error:
		return appendJSONString(b, v.Error())
	}
	j, err := json.Marshal(v)
	if err != nil {
		return appendJSONString(b, err.Error())
	}
	return append(b, j...)
}

const hexDigits = "0123456789abcdef"

// jsonSafe tells whether the ASCII byte c appears as it is in a JSON
// string written by encoding/json with HTML escaping.
func jsonSafe(c byte) bool {
	return c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// does with HTML escaping: quotes, backslashes and control characters
// escaped, <, > and & as \u003c, \u003e and \u0026, U+2028 and U+2029
// as \u2028 and \u2029, and invalid UTF-8 as \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe(c) {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
