// Command pathlist prints requests that match routes of a generated eskip
// document (see package github.com/openskipper/skipper/bench/routegen),
// one per line, for the load script bench/load.sh:
//
//	go run ./bench/pathlist -n 100000 -k 1000 -routes routes.eskip
//
// Each line holds tab-separated fields: the route id, the method, the host,
// the path and, when the route requires a header, its name and value.
// The requests are drawn at random, deterministically for the flags.
//
// With -routes, only requests for routes that occur in that file and
// answer with a 2xx status are printed: routes whose backend is a network
// address, and shunt routes answered by inlineContent or status(2xx).
// Routes that redirect or answer with another status are skipped, so that
// a benchmark can require every response to be a 2xx.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/openskipper/skipper/bench/routegen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "pathlist:", err)
		os.Exit(1)
	}
}

// run parses the flags in args and prints the requests to out.
func run(args []string, out, stderr io.Writer) error {
	fs := flag.NewFlagSet("pathlist", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 10000, "number of routes of the generated document")
	seed := fs.Uint64("seed", 1, "seed that selects the document")
	perHost := fs.Int("per-host", routegen.DefaultRoutesPerHost, "routes per application (host)")
	k := fs.Int("k", 1000, "number of requests")
	routes := fs.String("routes", "", "keep only requests for routes of this eskip `file` that answer 2xx")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *n < 1 || *k < 1 || *perHost < 1 {
		return fmt.Errorf("-n, -k and -per-host must be positive, got %d, %d and %d", *n, *k, *perHost)
	}
	o := routegen.Options{N: *n, Seed: *seed, RoutesPerHost: *perHost}
	draw := *k
	if *routes != "" {
		// Some routes are skipped: draw more than needed.
		draw = 4 * *k
	}
	reqs := routegen.Requests(o, draw)
	if *routes != "" {
		f, err := os.Open(*routes)
		if err != nil {
			return fmt.Errorf("opening route file: %w", err)
		}
		defer f.Close()
		ok, err := answering2xx(f, reqs)
		if err != nil {
			return fmt.Errorf("reading %s: %w", *routes, err)
		}
		kept := reqs[:0]
		for _, r := range reqs {
			if ok[r.RouteID] {
				kept = append(kept, r)
			}
		}
		reqs = kept
	}
	if len(reqs) > *k {
		reqs = reqs[:*k]
	}
	if len(reqs) < *k {
		fmt.Fprintf(stderr, "pathlist: only %d of %d requests found\n", len(reqs), *k)
	}
	w := bufio.NewWriter(out)
	for _, r := range reqs {
		writeRequest(w, r)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing requests: %w", err)
	}
	return nil
}

// writeRequest writes one request as a line of tab-separated fields.
func writeRequest(w *bufio.Writer, r routegen.Request) {
	w.WriteString(r.RouteID)
	w.WriteByte('\t')
	w.WriteString(r.Method)
	w.WriteByte('\t')
	w.WriteString(r.Host)
	w.WriteByte('\t')
	w.WriteString(r.Path)
	for name, values := range r.Header {
		for _, v := range values {
			w.WriteByte('\t')
			w.WriteString(name)
			w.WriteByte('\t')
			w.WriteString(v)
		}
	}
	w.WriteByte('\n')
}

// answering2xx reads an eskip document written one route per line, as
// routegen writes it, and tells for the route ids of reqs whether the
// route is in the document and answers with a 2xx status.
func answering2xx(r io.Reader, reqs []routegen.Request) (map[string]bool, error) {
	want := make(map[string]bool, len(reqs))
	for _, q := range reqs {
		want[q.RouteID] = false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		id, rest, found := strings.Cut(line, ":")
		if !found {
			continue
		}
		if _, ok := want[id]; ok {
			want[id] = lineAnswers2xx(rest)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return want, nil
}

// lineAnswers2xx tells whether a route, given as the text after its id,
// answers with a 2xx status: a network backend, or a shunt backend with
// inlineContent or a 2xx status filter.
func lineAnswers2xx(route string) bool {
	if strings.Contains(route, "redirectTo(") {
		return false
	}
	if _, after, ok := strings.Cut(route, "status("); ok {
		return strings.HasPrefix(after, "2")
	}
	if strings.Contains(route, "<shunt>") {
		return strings.Contains(route, "inlineContent(")
	}
	return strings.Contains(route, `"http://`) || strings.Contains(route, `"https://`)
}
