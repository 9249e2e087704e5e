package filters

import (
	"net"
	"net/http"
	"strings"
)

// Template is a string with ${name} placeholders, parsed once when a
// filter is created and applied per request. A placeholder is "${"
// followed by one or more characters other than braces and "}"; any other
// text, including a lone "${", is literal. Placeholders resolve to:
//
//	${request.method}          the request method
//	${request.host}            the request's Host
//	${request.path}            the current URL path (decoded)
//	${request.rawQuery}        the encoded query, without "?"
//	${request.query.K}         the first value of query parameter K
//	${request.header.H}        the first value of request header H
//	${request.cookie.C}        the value of cookie C
//	${request.source}          the first X-Forwarded-For address, else the remote IP
//	${request.sourceFromLast}  the last X-Forwarded-For address, else the remote IP
//	${request.clientIP}        the remote IP
//	${response.header.H}       the first value of response header H, when there is a response
//	${anything else}           the path parameter of that name
//
// A Template is immutable and safe for concurrent use.
type Template struct {
	source string
	// parts alternates literal text and placeholder names: parts[0] is
	// literal, parts[1] a name, parts[2] literal, and so on; nil when the
	// source has no placeholder.
	parts []string
}

// NewTemplate parses s.
func NewTemplate(s string) *Template {
	t := &Template{source: s}
	rest := s
	literal := ""
	for {
		start := strings.Index(rest, "${")
		if start < 0 {
			break
		}
		body := rest[start+2:]
		end := strings.IndexAny(body, "{}")
		if end <= 0 || body[end] != '}' {
			// Not a placeholder: keep "${" as text and look further.
			literal += rest[:start+2]
			rest = body
			continue
		}
		t.parts = append(t.parts, literal+rest[:start], body[:end])
		literal = ""
		rest = body[end+1:]
	}
	if t.parts == nil {
		// No placeholder: the text is the source, and parts stays nil
		// (one allocation less per static template of a large table).
		return t
	}
	t.parts = append(t.parts, literal+rest)
	return t
}

// String returns the template's source text.
func (t *Template) String() string { return t.source }

// Placeholders returns the names of the template's placeholders in order.
func (t *Template) Placeholders() []string {
	var names []string
	for i := 1; i < len(t.parts); i += 2 {
		names = append(names, t.parts[i])
	}
	return names
}

// Apply resolves the placeholders from ctx's request, response (when not
// nil) and path parameters. ok is false when any placeholder resolved to
// the empty string; the result then has "" in its place.
func (t *Template) Apply(ctx FilterContext) (string, bool) {
	return t.ApplyResponse(ctx.Request(), ctx.Response(), ctx.PathParam)
}

// ApplyRequest resolves the placeholders from r and the path parameters
// given by param (which may be nil); response placeholders resolve to "".
func (t *Template) ApplyRequest(r *http.Request, param func(string) string) (string, bool) {
	return t.ApplyResponse(r, nil, param)
}

// ApplyResponse resolves the placeholders from r, rsp and param; r, rsp
// and param may each be nil, and their placeholders resolve to "".
func (t *Template) ApplyResponse(r *http.Request, rsp *http.Response, param func(string) string) (string, bool) {
	if t.parts == nil {
		return t.source, true
	}
	var b strings.Builder
	ok := true
	for i, p := range t.parts {
		if i%2 == 0 {
			b.WriteString(p)
			continue
		}
		v := resolve(p, r, rsp, param)
		if v == "" {
			ok = false
		}
		b.WriteString(v)
	}
	return b.String(), ok
}

func resolve(name string, r *http.Request, rsp *http.Response, param func(string) string) string {
	if rest, found := strings.CutPrefix(name, "request."); found && r != nil {
		if v, handled := resolveRequest(rest, r); handled {
			return v
		}
	}
	if h, found := strings.CutPrefix(name, "response.header."); found && rsp != nil {
		return rsp.Header.Get(h)
	}
	if param == nil {
		return ""
	}
	return param(name)
}

func resolveRequest(name string, r *http.Request) (string, bool) {
	switch name {
	case "method":
		return r.Method, true
	case "host":
		return r.Host, true
	case "path":
		if r.URL == nil {
			return "", true
		}
		return r.URL.Path, true
	case "rawQuery":
		if r.URL == nil {
			return "", true
		}
		return r.URL.RawQuery, true
	case "source":
		return forwardedSource(r, false), true
	case "sourceFromLast":
		return forwardedSource(r, true), true
	case "clientIP":
		return remoteIP(r), true
	}
	if h, found := strings.CutPrefix(name, "header."); found {
		return r.Header.Get(h), true
	}
	if q, found := strings.CutPrefix(name, "query."); found {
		if r.URL == nil {
			return "", true
		}
		return r.URL.Query().Get(q), true
	}
	if c, found := strings.CutPrefix(name, "cookie."); found {
		if cookie, err := r.Cookie(c); err == nil {
			return cookie.Value, true
		}
		return "", true
	}
	return "", false
}

// forwardedSource returns the first (or last) address of X-Forwarded-For
// when it is an IP address, else the remote IP.
func forwardedSource(r *http.Request, last bool) string {
	xff := strings.Join(r.Header.Values("X-Forwarded-For"), ",")
	if xff != "" {
		entries := strings.Split(xff, ",")
		entry := entries[0]
		if last {
			entry = entries[len(entries)-1]
		}
		if ip := net.ParseIP(strings.TrimSpace(entry)); ip != nil {
			return ip.String()
		}
	}
	return remoteIP(r)
}

// remoteIP returns the IP of r.RemoteAddr, or "" when it has none.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.String()
	}
	return ""
}
