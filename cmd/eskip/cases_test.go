package main

import (
	"errors"
	"strings"
	"testing"
)

func TestReadCases(t *testing.T) {
	doc := `cases:
  - name: a
    request:
      url: /a
      headers: {X-One: "1", x-two: [a, b]}
      cookies: {b: "2", a: "1"}
    route: r
    params:
  - request: {url: /b, method: PUT, contentLength: 7}
    route: r
    params: {}
  - request: {url: /c}
    route: r
    params: {id: 42, on: true}
`
	var stderr strings.Builder
	cases, err := readCases(&stderr, "c.yaml", []byte(doc))
	if err != nil {
		t.Fatalf("got %v, stderr %q", err, stderr.String())
	}
	if len(cases) != 3 {
		t.Fatalf("got %d cases, want 3", len(cases))
	}
	a, b, c := cases[0], cases[1], cases[2]
	if a.Name != "a" || b.Name != "case 2" || a.line != 2 || b.line != 9 || c.line != 12 {
		t.Errorf("got names %q %q and lines %d %d %d, want a, case 2 and 2 9 12", a.Name, b.Name, a.line, b.line, c.line)
	}
	if a.Params.set || !b.Params.set || len(b.Params.m) != 0 {
		t.Errorf("params: got %+v and %+v, want unset and set empty", a.Params, b.Params)
	}
	if got := formatParams(c.Params.m); got != "{id: 42, on: true}" {
		t.Errorf("params: got %s, want scalars as written", got)
	}
	req, err := a.req.request()
	if err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Values("X-Two"); len(got) != 2 || got[0] != "a" || got[1] != "b" {
		t.Errorf("got X-Two %q, want [a b]", got)
	}
	if got := req.Header.Get("X-One"); got != "1" {
		t.Errorf("got X-One %q, want 1", got)
	}
	if got := req.Header.Get("Cookie"); got != "a=1; b=2" {
		t.Errorf("got cookies %q, want them sorted by name", got)
	}
	req, err = b.req.request()
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != "PUT" || req.ContentLength != 7 {
		t.Errorf("got %s with content length %d, want PUT and 7", req.Method, req.ContentLength)
	}
}

func TestReadCasesErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"list at the top", "- a\n", "c.yaml:1: cannot unmarshal !!seq into the cases file\n"},
		{"cases not a list", "cases: 3\n", "c.yaml:1: cannot unmarshal !!int `3` into a list of cases\n"},
		{"duplicate key", "cases:\n  - route: a\n    route: b\n", "c.yaml:3: mapping key \"route\" already defined at line 2\n"},
		{"params not a mapping", "cases:\n  - request: {url: /}\n    route: a\n    params: [a]\n", "c.yaml:4: want a mapping of names to strings\n"},
		{"params of lists", "cases:\n  - request: {url: /}\n    route: a\n    params: {a: [b]}\n", "c.yaml:4: want a name and a string\n"},
		{"header list of lists", "cases:\n  - request: {url: /, headers: {A: [[b]]}}\n    route: a\n", "c.yaml:2: want a string\n"},
		{"tabs", "cases:\n\t- route: a\n", "c.yaml:2: found character that cannot start any token\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			_, err := readCases(&stderr, "c.yaml", []byte(tt.doc))
			if !errors.Is(err, errBadCases) {
				t.Errorf("got error %v, want errBadCases", err)
			}
			if got := stderr.String(); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
