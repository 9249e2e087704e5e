// Command skipper is the HTTP router and reverse proxy. It reads its
// options from the command line and from the YAML file named by
// -config-file (see package config), and serves until SIGTERM or SIGINT:
//
//	skipper -routes-file routes.eskip
//	skipper -config-file skipper.yaml -address :8080
//
// Exit status: 0 after -help, -version or a graceful shutdown; 2 for a bad
// command line (unknown flag, malformed value, extra argument); 1 for a bad
// config file or a failure to start or serve.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/openskipper/skipper"
	"github.com/openskipper/skipper/config"
)

// Set at build time with -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = "none"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	os.Exit(runMain(os.Args[1:], os.Stdout, os.Stderr, skipper.Run))
}

// runMain parses args, prints the version or the usage when asked, and
// otherwise calls start with the options. It returns the exit status.
func runMain(args []string, stdout, stderr io.Writer, start func(skipper.Options) error) int {
	cfg := config.New()
	if err := cfg.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			cfg.Usage(stderr)
			return exitOK
		}
		fmt.Fprintf(stderr, "skipper: %v\n", err)
		if isConfigFileError(err) {
			return exitError
		}
		fmt.Fprintln(stderr, "Run 'skipper -help' for the list of options.")
		return exitUsage
	}
	if cfg.Version {
		fmt.Fprintf(stdout, "Skipper version %s (commit: %s, runtime: %s)\n", version, commit, runtime.Version())
		return exitOK
	}
	if err := start(cfg.ToOptions()); err != nil {
		fmt.Fprintf(stderr, "skipper: %v\n", err)
		return exitError
	}
	return exitOK
}

// isConfigFileError tells whether err comes from the config file rather
// than from the command line.
func isConfigFileError(err error) bool {
	var fe *config.FileError
	return errors.As(err, &fe)
}
