package routing

import (
	"net/http"
	"sort"

	"github.com/openskipper/skipper/eskip"
)

// compileMatchers is step 6: the Host, PathRegexp and HeaderRegexp
// regexps compiled (shared through the cache), the header conditions
// prepared.
func (b *builder) compileMatchers(r *Route, def *eskip.Route) *InvalidRoute {
	d := &r.Route
	var got []string // sources referenced so far, released on failure
	fail := func(what, src string, err error) *InvalidRoute {
		for _, s := range got {
			b.rx.release(s)
		}
		return invalidf(def, ReasonInvalidMatcher, "%s: %s regexp %q: %v", def.Id, what, src, err)
	}
	for i, src := range d.HostRegexps {
		e, err := b.rx.get(src)
		if err != nil {
			return fail(hostName, src, err)
		}
		got = append(got, src)
		if len(d.HostRegexps) == 1 {
			r.hosts = e.host
		} else {
			if i == 0 {
				r.hosts = make([]hostMatcher, 0, len(d.HostRegexps))
			}
			r.hosts = append(r.hosts, e.host[0])
		}
	}
	if len(d.PathRegexps) == 0 && len(d.Headers) == 0 && len(d.HeaderRegexps) == 0 {
		return nil
	}
	c := &conditions{}
	for _, src := range d.PathRegexps {
		rx, err := b.rx.regexp(src)
		if err != nil {
			return fail(pathRegexpName, src, err)
		}
		got = append(got, src)
		c.pathRx = append(c.pathRx, rx)
	}
	for k, v := range d.Headers {
		c.headers = append(c.headers, headerValue{key: http.CanonicalHeaderKey(k), value: v})
	}
	sort.Slice(c.headers, func(i, j int) bool { return c.headers[i].key < c.headers[j].key })
	for _, k := range sortedKeys(d.HeaderRegexps) {
		h := headerRegexps{key: http.CanonicalHeaderKey(k)}
		for _, src := range d.HeaderRegexps[k] {
			rx, err := b.rx.regexp(src)
			if err != nil {
				return fail(headerRegexpName, src, err)
			}
			got = append(got, src)
			h.rxs = append(h.rxs, rx)
		}
		c.headerRx = append(c.headerRx, h)
	}
	r.more = c
	return nil
}

// releaseMatchers drops the route's references to shared regexps.
func (b *builder) releaseMatchers(r *Route) {
	d := &r.Route
	for _, s := range d.HostRegexps {
		b.rx.release(s)
	}
	if r.more == nil {
		return
	}
	for _, s := range d.PathRegexps {
		b.rx.release(s)
	}
	for _, rxs := range d.HeaderRegexps {
		for _, s := range rxs {
			b.rx.release(s)
		}
	}
}

func sortedKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
