// Command genroutes writes a generated eskip document, shaped like the
// routes of a large Kubernetes ingress, to standard output:
//
//	go run ./bench/genroutes -n 800000 -seed 1 > routes.eskip
//
// The same flags always give the same bytes. See package
// github.com/openskipper/skipper/bench/routegen for the shape of the routes.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/openskipper/skipper/bench/routegen"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "genroutes:", err)
		os.Exit(1)
	}
}

// run parses the flags in args and writes the document to out.
func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("genroutes", flag.ContinueOnError)
	n := fs.Int("n", 10000, "number of routes")
	seed := fs.Uint64("seed", 1, "seed that selects the document")
	perHost := fs.Int("per-host", routegen.DefaultRoutesPerHost, "routes per application (host)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *n < 0 {
		return fmt.Errorf("-n must not be negative, got %d", *n)
	}
	if *perHost < 1 {
		return fmt.Errorf("-per-host must be at least 1, got %d", *perHost)
	}
	w := bufio.NewWriterSize(out, 1<<20)
	if err := routegen.Write(w, routegen.Options{N: *n, Seed: *seed, RoutesPerHost: *perHost}); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing routes: %w", err)
	}
	return nil
}
