package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/openskipper/skipper/eskip"
)

// patchCommand returns the patch command.
func patchCommand() *command {
	return &command{
		name:     "patch",
		summary:  "add filters at the start or the end of every route and print the routes",
		synopsis: "patch [-prepend '<filters>'] [-prepend-file file] [-append '<filters>'] [-append-file file] [-routes '<eskip>'] [files...]",
		help: `Patch parses the inputs, gives every route the filters

  -prepend, -prepend-file, the route's own filters, -append, -append-file

in this order, and prints the routes on standard output, one per line, as
'id: expr;', or as the bare expression for a route without an id. The
filter flags take a filter chain, e.g. 'setPath("/") -> status(200)'; the
files hold one. Without filter flags the routes are printed unchanged.

Each input and each filter chain is parsed as a whole: when any has an
error, patch reports it on standard error, prints no routes and exits with
status 1.`,
		setup: func(fs *flag.FlagSet) action {
			in := addInputFlags(fs)
			etcd := addEtcdFlags(fs)
			var pf patchFlags
			fs.Var(&pf.prepend, "prepend", "the `filters` to put before the route's filters")
			fs.Var(&pf.append, "append", "the `filters` to put after the route's filters")
			fs.StringVar(&pf.prependFile, "prepend-file", "", "read the filters to put first from this `file`")
			fs.StringVar(&pf.appendFile, "append-file", "", "read the filters to put last from this `file`")
			return func(s *stdio, files []string) error {
				if err := etcd.check(); err != nil {
					return err
				}
				srcs, err := in.sources(s, files)
				if err != nil {
					return err
				}
				return runPatch(s, &pf, srcs)
			}
		},
	}
}

// patchFlags are the filter flags of patch.
type patchFlags struct {
	prepend, append         stringFlag
	prependFile, appendFile string
}

// filters parses the filter flags and returns the filters to put first and
// last. It reports each parse or read error on standard error and
// returns errInvalidRoutes when there was any.
func (pf *patchFlags) filters(s *stdio) (first, last []*eskip.Filter, err error) {
	failed := false
	parse := func(name, text string) []*eskip.Filter {
		fs, err := parseFilterChain(text)
		if err != nil {
			fmt.Fprintln(s.err, inputError(name, err))
			failed = true
		}
		return fs
	}
	read := func(path string) []*eskip.Filter {
		if path == "" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(s.err, inputError(path, err))
			failed = true
			return nil
		}
		return parse(path, string(b))
	}
	if pf.prepend.set {
		first = append(first, parse("-prepend", pf.prepend.value)...)
	}
	first = append(first, read(pf.prependFile)...)
	if pf.append.set {
		last = append(last, parse("-append", pf.append.value)...)
	}
	last = append(last, read(pf.appendFile)...)
	if failed {
		return nil, nil, errInvalidRoutes
	}
	return first, last, nil
}

// runPatch patches the routes of srcs and prints them.
func runPatch(s *stdio, pf *patchFlags, srcs []source) error {
	first, last, err := pf.filters(s)
	routes, rerr := parseSources(s, srcs)
	if err != nil {
		return err
	}
	if rerr != nil {
		return rerr
	}

	w := bufio.NewWriter(s.out)
	for _, r := range routes {
		filters := make([]*eskip.Filter, 0, len(first)+len(r.Filters)+len(last))
		filters = append(filters, first...)
		filters = append(filters, r.Filters...)
		r.Filters = append(filters, last...)
		// One route prints as "id: expr;", or as the bare expression when
		// it has no id.
		eskip.Fprint(w, eskip.PrettyPrintInfo{}, r)
		w.WriteByte('\n')
	}
	return w.Flush()
}

// parseFilterChain parses a filter chain. eskip.ParseFilters counts error
// positions from the first character that is not white space; this moves
// them back to the text as written, so they point into the file.
func parseFilterChain(text string) ([]*eskip.Filter, error) {
	fs, err := eskip.ParseFilters(text)
	var perr *eskip.ParseError
	if errors.As(err, &perr) {
		lead := text[:len(text)-len(strings.TrimLeftFunc(text, unicode.IsSpace))]
		tail := lead[strings.LastIndexByte(lead, '\n')+1:]
		if perr.Line == 1 {
			perr.Column += utf8.RuneCountInString(tail)
		}
		perr.Line += strings.Count(lead, "\n")
		perr.Offset += len(lead)
	}
	return fs, err
}
