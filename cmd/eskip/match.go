package main

import (
	"bufio"
	"flag"
	"fmt"
	"net/http"
	"strings"

	"github.com/openskipper/skipper/eskip"
)

// matchCommand returns the match command.
func matchCommand() *command {
	return &command{
		name:     "match",
		summary:  "print the route a request would take",
		synopsis: "match [-X method] [-H 'Name: value']... [-cookie name=value]... [-remote-addr addr] [-routes '<eskip>'] [files...] URL",
		help: `Match builds the routing table of the inputs, with the routing and the
predicates of the proxy, and prints the route that one request takes:

  route: api
  api: PathSubtree("/api/:version")
    -> "https://api.internal";
  params: *=/users version=v2

The last argument is the request: an absolute http or https URL, or a path
starting with "/" (with an optional query). Its host is that of the URL, or
of a -H 'Host: …' header, or "localhost". The arguments before it are the
route files. A route without an id shows as "route: (no id)".

Match first checks the inputs as check does; when they have any problem it
reports it and exits with status 1. When no route matches, it prints
"no route matched" and exits with status 1.`,
		setup: func(fs *flag.FlagSet) action {
			in := addInputFlags(fs)
			etcd := addEtcdFlags(fs)
			var mf matchFlags
			fs.StringVar(&mf.method, "X", defaultMethod, "the request `method`")
			fs.Var(&mf.headers, "H", "a request `header` as 'Name: value'; may be repeated")
			fs.Var(&mf.cookies, "cookie", "a request cookie as `name=value`; may be repeated")
			fs.StringVar(&mf.remoteAddr, "remote-addr", defaultRemoteAddr, "the client's `address`, as host:port")
			return func(s *stdio, args []string) error {
				if err := etcd.check(); err != nil {
					return err
				}
				if len(args) == 0 {
					return usageErrorf("match: missing the request: give a URL or a path as the last argument")
				}
				files, target := args[:len(args)-1], args[len(args)-1]
				spec, err := mf.request(target)
				if err != nil {
					return err
				}
				req, err := spec.request()
				if err != nil {
					return usageErrorf("match: %v", err)
				}
				srcs, err := in.sources(s, files)
				if err != nil {
					return err
				}
				t, err := loadTable(s, srcs)
				if err != nil {
					return err
				}
				r, params := t.Match(req)
				w := bufio.NewWriter(s.out)
				if r == nil {
					w.WriteString("no route matched\n")
					if err := w.Flush(); err != nil {
						return err
					}
					return errFailed
				}
				id := r.Id
				if id == "" {
					id = "(no id)"
				}
				fmt.Fprintf(w, "route: %s\n", id)
				eskip.Fprint(w, eskip.PrettyPrintInfo{Pretty: true, IndentStr: "  "}, &r.Route)
				w.WriteByte('\n')
				if len(params) > 0 {
					w.WriteString("params:")
					for _, k := range sortedParams(params) {
						w.WriteString(" " + quoteIfNeeded(k) + "=" + quoteIfNeeded(params[k]))
					}
					w.WriteByte('\n')
				}
				return w.Flush()
			}
		},
	}
}

// matchFlags are the request flags of match.
type matchFlags struct {
	method     string
	headers    listFlag
	cookies    listFlag
	remoteAddr string
}

// request returns the request the flags describe, for target.
func (mf *matchFlags) request(target string) (*requestSpec, error) {
	spec := &requestSpec{method: mf.method, target: target, header: http.Header{}, remoteAddr: mf.remoteAddr}
	for _, h := range mf.headers {
		name, value, err := parseHeaderLine(h)
		if err != nil {
			return nil, usageErrorf("match: -H: %v", err)
		}
		spec.header.Add(name, value)
	}
	for _, c := range mf.cookies {
		name, value, ok := strings.Cut(c, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, usageErrorf("match: -cookie: invalid cookie %q: want name=value", c)
		}
		spec.cookies = append(spec.cookies, [2]string{strings.TrimSpace(name), value})
	}
	return spec, nil
}

// listFlag is a flag that may be given many times; it keeps every value
// in order.
type listFlag []string

// String returns the values, joined by commas.
func (l *listFlag) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ", ")
}

// Set appends a value.
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
