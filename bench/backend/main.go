// Command backend is the origin server of the load benchmarks in bench/: a
// minimal net/http server that answers every request with the same small
// body and status 200, so that a benchmark measures the proxy in front of
// it rather than the backend.
//
//	go run ./bench/backend -address 127.0.0.1:9000
//
// It runs on one CPU (GOMAXPROCS=1) unless -procs says otherwise, and stops
// on SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// body is the answer to every request.
const body = "Hello from the benchmark backend.\n"

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "backend:", err)
		os.Exit(1)
	}
}

// run parses args, listens and serves until a signal arrives.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("backend", flag.ContinueOnError)
	fs.SetOutput(stderr)
	address := fs.String("address", "127.0.0.1:9000", "listen address")
	procs := fs.Int("procs", 1, "GOMAXPROCS")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *procs < 1 {
		return fmt.Errorf("-procs must be at least 1, got %d", *procs)
	}
	runtime.GOMAXPROCS(*procs)

	ln, err := net.Listen("tcp", *address)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *address, err)
	}
	srv := &http.Server{
		Handler:           fixedBody([]byte(body)),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
}

// fixedBody is a handler that answers every request with status 200 and
// the same plain-text body. It drains at most a small request body so that
// the connection can be reused.
type fixedBody []byte

// ServeHTTP writes the body with an explicit Content-Length.
func (b fixedBody) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 64<<10))
	}
	h := w.Header()
	h["Content-Type"] = []string{"text/plain; charset=utf-8"}
	h["Content-Length"] = []string{strconv.Itoa(len(b))}
	_, _ = w.Write(b)
}
