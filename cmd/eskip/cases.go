package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// caseFile is the document of a cases file of eskip test.
type caseFile struct {
	Cases []testCase `yaml:"cases"`
}

// testCase is one request and the route it must take.
type testCase struct {
	// Name names the case in the output; the default is "case N".
	Name    string      `yaml:"name"`
	Request caseRequest `yaml:"request"`
	// Route is the id of the route the request must match.
	Route string `yaml:"route"`
	// NoMatch requires that no route matches.
	NoMatch bool `yaml:"noMatch"`
	// Params are the expected path parameters, exactly, when set.
	Params stringMap `yaml:"params"`

	// line is the line of the case in the file.
	line int
	// req is the request, built when the file is read.
	req requestSpec
}

// caseRequest is the request of a case.
type caseRequest struct {
	Method        string                `yaml:"method"`
	URL           string                `yaml:"url"`
	Headers       map[string]stringList `yaml:"headers"`
	Cookies       stringMap             `yaml:"cookies"`
	RemoteAddr    string                `yaml:"remoteAddr"`
	ContentLength *int64                `yaml:"contentLength"`
}

// stringList is a YAML string or list of strings.
type stringList []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (l *stringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*l = stringList{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(stringList, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: want a string", c.Line)
			}
			out = append(out, c.Value)
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
}

// stringMap is a YAML mapping of scalars, remembered as given even when
// empty: "params: {}" requires no parameters.
type stringMap struct {
	m   map[string]string
	set bool
}

// UnmarshalYAML accepts a mapping whose keys and values are scalars; the
// values are taken as written (42 is "42").
func (sm *stringMap) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a mapping of names to strings", n.Line)
	}
	m := make(map[string]string, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: want a name and a string", k.Line)
		}
		if _, dup := m[k.Value]; dup {
			return fmt.Errorf("line %d: %q given twice", k.Line, k.Value)
		}
		m[k.Value] = v.Value
	}
	sm.m, sm.set = m, true
	return nil
}

// errBadCases tells that the cases file could not be used; its problems
// have been reported.
var errBadCases = errors.New("invalid cases file")

// readCases reads and checks a cases file. It writes every problem to w,
// as "name:line: message", and returns errBadCases when there was any.
func readCases(w io.Writer, name string, data []byte) ([]*testCase, error) {
	var f caseFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&f)
	if errors.Is(err, io.EOF) {
		err = errors.New("no cases: the file is empty")
	}
	if err != nil {
		for _, msg := range yamlErrors(err) {
			fmt.Fprintf(w, "%s:%s\n", name, msg)
		}
		return nil, errBadCases
	}
	if len(f.Cases) == 0 {
		fmt.Fprintf(w, "%s: no cases: want a list under \"cases:\"\n", name)
		return nil, errBadCases
	}
	lines := caseLines(data)
	var problems []string
	cases := make([]*testCase, len(f.Cases))
	for i := range f.Cases {
		tc := &f.Cases[i]
		if i < len(lines) {
			tc.line = lines[i]
		}
		if tc.Name == "" {
			tc.Name = "case " + strconv.Itoa(i+1)
		}
		for _, p := range tc.check() {
			problems = append(problems, fmt.Sprintf("%s:%d: case %q: %s", name, tc.line, tc.Name, p))
		}
		cases[i] = tc
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(w, p)
		}
		return nil, errBadCases
	}
	return cases, nil
}

// check validates the case and prepares its request. It returns the
// problems.
func (tc *testCase) check() []string {
	var problems []string
	switch {
	case tc.Route != "" && tc.NoMatch:
		problems = append(problems, "route and noMatch: true exclude each other")
	case tc.Route == "" && !tc.NoMatch:
		problems = append(problems, "want the id of the expected route in route, or noMatch: true")
	}
	if tc.NoMatch && tc.Params.set {
		problems = append(problems, "params with noMatch: true: a request that matches no route has no parameters")
	}
	r := &tc.Request
	if r.URL == "" {
		problems = append(problems, "request.url is missing")
		return problems
	}
	tc.req = requestSpec{
		method:        r.Method,
		target:        r.URL,
		header:        http.Header{},
		remoteAddr:    r.RemoteAddr,
		contentLength: r.ContentLength,
	}
	for k, vs := range r.Headers {
		for _, v := range vs {
			tc.req.header.Add(k, v)
		}
	}
	names := make([]string, 0, len(r.Cookies.m))
	for k := range r.Cookies.m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		tc.req.cookies = append(tc.req.cookies, [2]string{k, r.Cookies.m[k]})
	}
	if _, err := tc.req.request(); err != nil {
		problems = append(problems, "request: "+err.Error())
	}
	return problems
}

// caseLines returns the line of each case of a cases file that decodes.
func caseLines(data []byte) []int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		if top.Content[i].Value != "cases" {
			continue
		}
		var lines []int
		for _, c := range top.Content[i+1].Content {
			lines = append(lines, c.Line)
		}
		return lines
	}
	return nil
}

// yamlErrors returns the messages of a decoding error as "line: message"
// (or " message" without a line), one per problem, in the words of the
// file format rather than of the Go types.
func yamlErrors(err error) []string {
	var msgs []string
	var terr *yaml.TypeError
	if errors.As(err, &terr) {
		msgs = terr.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		line, msg, ok := "", m, false
		if rest, found := strings.CutPrefix(m, "line "); found {
			line, msg, ok = strings.Cut(rest, ": ")
		}
		if !ok {
			out[i] = " " + m
			continue
		}
		if rest, found := strings.CutPrefix(msg, "field "); found {
			if field, typ, found := strings.Cut(rest, " not found in type main."); found {
				msg = "unknown field " + strconv.Quote(field) + knownFields(typ)
			}
		}
		msg = strings.NewReplacer("main.caseFile", "the cases file", "[]main.testCase", "a list of cases", "main.testCase", "a case",
			"main.caseRequest", "a request", "main.stringMap", "a mapping", "main.stringList", "a list").Replace(msg)
		out[i] = line + ": " + msg
	}
	return out
}

// knownFields returns " in <where> (known: …)" for the Go type name of a
// part of the file.
func knownFields(typ string) string {
	switch typ {
	case "caseFile":
		return " at the top (known: cases)"
	case "testCase":
		return " in a case (known: name, request, route, noMatch, params)"
	case "caseRequest":
		return " in a request (known: method, url, headers, cookies, remoteAddr, contentLength)"
	}
	return ""
}
