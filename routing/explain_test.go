package routing_test

import (
	"net/http"
	"testing"
)

func TestConditionsAndExplain(t *testing.T) {
	const doc = `
r: Path("/p/:id") && Method("GET") && Host(/^a[.]org$/) && Host(/org/) && PathRegexp(/^\/p\/[0-9]+\/?$/)
   && Header("x-foo", "1") && HeaderRegexp("X-Bar", /^b/) && HeaderRegexp("X-Bar", /z$/) && Cookie("c", "^v$") && True()
   -> <shunt>;
root: Method("DELETE") && QueryParam("q") -> <shunt>;
bad: Path("/bad") -> nofilter() -> <shunt>;
`
	tab, invalid := build(t, doc, 0)
	if len(invalid) != 1 {
		t.Fatalf("invalid: %v", invalid)
	}
	ok := func() *http.Request {
		r := newRequest("GET", "a.org", "/p/12", "X-Foo", "2", "X-Foo", "1", "X-Bar", "baz", "Cookie", "c=v")
		return r
	}
	for _, tt := range []struct {
		name   string
		change func(*http.Request)
		id     string
		want   string
	}{
		{"all hold", func(*http.Request) {}, "r", ""},
		{"path", func(r *http.Request) { r.URL.Path = "/q/12" }, "r", "path"},
		{"method is case-sensitive", func(r *http.Request) { r.Method = "get" }, "r", "Method"},
		{"host includes the port", func(r *http.Request) { r.Host = "a.org:80" }, "r", "Host ^a[.]org$"},
		{"path regexp sees the path", func(r *http.Request) { r.URL.Path = "/p/x" }, "r", `PathRegexp ^/p/[0-9]+/?$`},
		{"header value", func(r *http.Request) { r.Header.Del("X-Foo") }, "r", "Header X-Foo"},
		{"each header regexp", func(r *http.Request) { r.Header.Set("X-Bar", "bad") }, "r", "HeaderRegexp X-Bar"},
		{"header regexps on any value", func(r *http.Request) { r.Header.Set("X-Bar", "bx"); r.Header.Add("X-Bar", "z") }, "r", ""},
		{"custom predicate", func(r *http.Request) { r.Header.Set("Cookie", "c=w") }, "r", "Cookie"},
		{"method first", func(r *http.Request) { r.Method = "PUT"; r.Host = "b" }, "r", "Method"},
		{"root route", func(*http.Request) {}, "root", "Method"},
		{"root route predicate", func(r *http.Request) { r.Method = "DELETE" }, "root", "QueryParam"},
		{"unknown route", func(*http.Request) {}, "nope", `route "nope" not found`},
		{"invalid route", func(*http.Request) {}, "bad", `route "bad" is invalid: unknown_filter: filter "nofilter" not found: check its name or register its spec`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := ok()
			tt.change(req)
			if got := tab.Explain(req, tt.id); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			r, _ := tab.Match(req)
			matched := r != nil && r.Id == tt.id
			if matched != (tt.want == "") {
				t.Errorf("Match gives %v, Explain %q", r, tt.want)
			}
		})
	}
}
