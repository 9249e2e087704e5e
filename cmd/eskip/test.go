package main

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"strconv"
	"strings"
)

// testCommand returns the test command.
func testCommand() *command {
	return &command{
		name:     "test",
		summary:  "check that requests take the expected routes",
		synopsis: "test -cases cases.yaml [-routes '<eskip>'] [files...]",
		help: `Test builds the routing table of the inputs, with the routing and the
predicates of the proxy, and checks each request of the cases file against
it: which route it matches, or that it matches none, and the path
parameters. A cases file looks like this:

  cases:
    - name: hello                     # optional; default "case N"
      request:
        method: GET                   # default GET
        url: http://example.org/hello?x=1   # or a path: /hello
        headers: {Accept: [application/json], X-Id: "7"}
        cookies: {session: abc}
        remoteAddr: 10.0.0.1:1234     # default 127.0.0.1:12345
        contentLength: 10             # optional
      route: hello                    # the expected route id
      params: {id: "42"}              # optional: the exact path parameters
    - request: {url: /nothing-here}
      noMatch: true                   # no route may match

The host is that of the URL, or of a Host header, or "localhost". Unknown
keys are errors. Filters are not run, so they cannot change the outcome.

Test first checks the inputs as check does; when they have any problem it
reports it and exits with status 1 without testing. Then it prints one line
per case, PASS or FAIL with the reason, and for a request that the expected
route rejected the condition that rejected it, then "N passed, M failed".
It exits with status 0 when every case passes, 1 when any fails, and 2
when the cases file cannot be read or is invalid.`,
		setup: func(fs *flag.FlagSet) action {
			in := addInputFlags(fs)
			etcd := addEtcdFlags(fs)
			casesFile := fs.String("cases", "", "read the test cases from this YAML `file`")
			return func(s *stdio, files []string) error {
				if err := etcd.check(); err != nil {
					return err
				}
				if *casesFile == "" {
					return usageErrorf("test: missing -cases file")
				}
				srcs, err := in.sources(s, files)
				if err != nil {
					return err
				}
				data, err := os.ReadFile(*casesFile)
				if err != nil {
					fmt.Fprintln(s.err, err)
					return errBadCases
				}
				cases, err := readCases(s.err, *casesFile, data)
				if err != nil {
					return err
				}
				t, err := loadTable(s, srcs)
				if err != nil {
					return err
				}
				return runCases(s, t, cases)
			}
		},
	}
}

// runCases checks each case against the table, prints the results and
// returns errFailed when any case fails.
func runCases(s *stdio, t *loadedTable, cases []*testCase) error {
	w := bufio.NewWriter(s.out)
	passed, failed := 0, 0
	for _, tc := range cases {
		if lines := runCase(t, tc); len(lines) == 0 {
			passed++
			fmt.Fprintf(w, "PASS %s\n", tc.Name)
		} else {
			failed++
			fmt.Fprintf(w, "FAIL %s: %s\n", tc.Name, strings.Join(lines, "\n"))
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, failed)
	if err := w.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// runCase matches the request of tc and returns why the case fails: the
// reason, then explanations indented by two spaces; nothing when it
// passes.
func runCase(t *loadedTable, tc *testCase) []string {
	req, err := tc.req.request()
	if err != nil {
		// readCases built the request once already.
		return []string{"request: " + err.Error()}
	}
	r, params := t.Match(req)
	switch {
	case tc.NoMatch:
		if r == nil {
			return nil
		}
		return []string{"matched " + routeName(r.Id) + ", want no match"}
	case r == nil:
		return []string{"no route matched, want " + strconv.Quote(tc.Route), explain(t, tc.Route, "", t.Explain(req, tc.Route))}
	case r.Id != tc.Route:
		return []string{"matched " + routeName(r.Id) + " instead of " + strconv.Quote(tc.Route),
			explain(t, tc.Route, r.Id, t.Explain(req, tc.Route))}
	case tc.Params.set && !maps.Equal(params, tc.Params.m):
		return []string{"params: got " + formatParams(params) + ", want " + formatParams(tc.Params.m)}
	}
	return nil
}

// explain renders what Explain said about the expected route want, when
// the request matched the route got instead ("" for none).
func explain(t *loadedTable, want, got, why string) string {
	q := strconv.Quote(want)
	switch {
	case !t.ids[want]:
		return "  there is no route " + q
	case why != "":
		return "  " + q + " rejected the request: " + why
	case got != "":
		return "  " + q + " matches too, but " + routeName(got) + " takes precedence"
	}
	return "  " + q + " accepts the request when asked again: it has a random predicate"
}

// routeName returns the quoted id, or "the route without id".
func routeName(id string) string {
	if id == "" {
		return "the route without id"
	}
	return strconv.Quote(id)
}
