package main

import (
	"bufio"
	"flag"
	"strings"

	"github.com/openskipper/skipper/eskip"
)

// printCommand returns the print command.
func printCommand() *command {
	return &command{
		name:     "print",
		summary:  "print routes in the canonical eskip form or as JSON",
		synopsis: "print [-pretty [-indent '  ']] [-json] [-routes '<eskip>'] [files...]",
		help: `Print parses the inputs and prints their routes on standard output, in
order, in the canonical eskip form: one route per line as 'id: expr;', the
legacy predicates (Path, Host, PathRegexp, Method, Header, HeaderRegexp)
first, strings in double quotes, numbers without exponent. A single route
without an id prints as its bare expression. The output ends with a newline.

With -pretty, each filter and the backend go on a line of their own,
indented with -indent, and routes are separated by a blank line. With -json,
the routes are printed as one JSON array.

Each input is parsed as a whole: when any input has an error, print
reports it on standard error, prints no routes and exits with status 1.`,
		setup: func(fs *flag.FlagSet) action {
			in := addInputFlags(fs)
			etcd := addEtcdFlags(fs)
			pretty := fs.Bool("pretty", false, "put each filter and the backend on a line of its own")
			indent := fs.String("indent", "  ", "the `indent` of the lines of -pretty; whitespace only")
			asJSON := fs.Bool("json", false, "print the routes as a JSON array")
			return func(s *stdio, files []string) error {
				if err := etcd.check(); err != nil {
					return err
				}
				if err := checkIndent(*indent); err != nil {
					return err
				}
				srcs, err := in.sources(s, files)
				if err != nil {
					return err
				}
				routes, err := parseSources(s, srcs)
				if err != nil {
					return err
				}
				w := bufio.NewWriter(s.out)
				if *asJSON {
					if err := printJSON(w, routes); err != nil {
						return err
					}
				} else {
					printEskip(w, eskip.PrettyPrintInfo{Pretty: *pretty, IndentStr: *indent}, routes)
				}
				return w.Flush()
			}
		},
	}
}

// checkIndent returns a usage error unless indent is made of white space
// only: spaces, tabs, newlines, carriage returns and form feeds.
func checkIndent(indent string) error {
	if strings.Trim(indent, " \t\n\r\f") != "" {
		return usageErrorf("invalid -indent %q: must be whitespace only", indent)
	}
	return nil
}

// printEskip writes the routes in eskip form, with a newline at the end
// when there is anything to write.
func printEskip(w *bufio.Writer, p eskip.PrettyPrintInfo, routes []*eskip.Route) {
	if len(routes) == 0 {
		return
	}
	eskip.Fprint(w, p, routes...)
	w.WriteByte('\n')
}

// printJSON writes the routes as one JSON array and a newline, without
// HTML escaping. No routes give "[]".
func printJSON(w *bufio.Writer, routes []*eskip.Route) error {
	b, err := eskip.PrintJSON(false, routes...)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}
