// Command eskip checks, prints, patches and tests route definitions written
// in the eskip language.
//
// Usage:
//
//	eskip <command> [flags] [files...]
//
// The commands are check, print, patch, test, match, version and help. The
// routes are read from the files given, from the -routes flag, or from
// standard input when no file is given and standard input is not a
// terminal. The exit status is 0 on success, 1 when the routes are invalid,
// an input cannot be read, a test case fails or no route matches, and 2 for
// a usage error or an invalid cases file. See docs/eskip.md for the full
// reference.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// version and commit are set at build time with
// -ldflags "-X main.version=… -X main.commit=…".
var (
	version = "dev"
	commit  = "none"
)

// The exit statuses.
const (
	exitOK      = 0 // success
	exitInvalid = 1 // invalid routes, an input that cannot be read, a failed test or no match
	exitUsage   = 2 // a mistake in the command line, or an invalid cases file
)

// usageHint ends the message of every usage error.
const usageHint = "run 'eskip help' for usage"

// errInvalidRoutes tells that a command found invalid routes and has already
// reported every problem on standard error.
var errInvalidRoutes = errors.New("invalid routes")

// errFailed tells that a command has reported a negative outcome on
// standard output: a test case failed, or no route matched.
var errFailed = errors.New("failed")

// usageError is a mistake in the command line. It makes eskip exit with
// status 2 and print usageHint.
type usageError struct {
	msg string
}

func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a *usageError with a formatted message.
func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// stdio holds the standard streams a command reads from and writes to.
type stdio struct {
	in io.Reader
	// inTerminal is true when standard input is a terminal (a character
	// device), so it is not read unless "-" is given as a file.
	inTerminal bool
	out        io.Writer
	err        io.Writer
}

// action runs a command on the positional arguments, after its flags have
// been parsed.
type action func(s *stdio, args []string) error

// command is one eskip command.
type command struct {
	// name is the word that selects the command.
	name string
	// summary is the one-line description in the command list.
	summary string
	// synopsis is the usage line after "eskip ".
	synopsis string
	// help is the description printed by "eskip help <name>", between the
	// synopsis and the flags.
	help string
	// etcd is true for the commands that work on etcd; the help of the
	// other commands leaves the etcd flags out.
	etcd bool
	// setup defines the command's flags on fs and returns the function that
	// runs it.
	setup func(fs *flag.FlagSet) action
}

// commands returns every command, in the order of the usage text.
func commands() []*command {
	return []*command{
		checkCommand(),
		printCommand(),
		patchCommand(),
		testCommand(),
		matchCommand(),
		versionCommand(),
		helpCommand(),
		upsertCommand(),
		resetCommand(),
		deleteCommand(),
	}
}

// lookupCommand returns the command called name, or nil.
func lookupCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func main() {
	stat, err := os.Stdin.Stat()
	inTerminal := err != nil || stat.Mode()&os.ModeCharDevice != 0
	s := &stdio{in: os.Stdin, inTerminal: inTerminal, out: os.Stdout, err: os.Stderr}
	os.Exit(run(s, os.Args[1:]))
}

// run runs the command line args (without the program name) and returns the
// exit status.
func run(s *stdio, args []string) int {
	err := dispatch(s, args)
	var uerr *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInvalidRoutes), errors.Is(err, errFailed):
		return exitInvalid
	case errors.Is(err, errBadCases):
		return exitUsage
	case errors.As(err, &uerr):
		fmt.Fprintf(s.err, "eskip: %s\n%s\n", uerr.msg, usageHint)
		return exitUsage
	default:
		fmt.Fprintf(s.err, "eskip: %v\n", err)
		return exitInvalid
	}
}

// dispatch finds the command, parses its flags and runs it.
func dispatch(s *stdio, args []string) error {
	if len(args) == 0 {
		return usageErrorf("missing command")
	}
	name := args[0]
	if isHelpFlag(name) {
		return printUsage(s.out)
	}
	cmd := lookupCommand(name)
	if cmd == nil {
		if hasHelpFlag(args[1:]) {
			return printUsage(s.out)
		}
		if strings.HasPrefix(name, "-") {
			return usageErrorf("missing command before %s: the command comes first, e.g. eskip check %s", name, name)
		}
		return usageErrorf("unknown command %q", name)
	}

	fs := newFlagSet(cmd.name)
	act := cmd.setup(fs)
	files, err := parseArgs(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return printCommandHelp(s.out, cmd)
	}
	if err != nil {
		return usageErrorf("%s: %v", cmd.name, err)
	}
	return act(s, files)
}

// isHelpFlag tells whether arg asks for help.
func isHelpFlag(arg string) bool {
	switch arg {
	case "-h", "--h", "-help", "--help":
		return true
	}
	return false
}

// hasHelpFlag tells whether any argument before "--" asks for help.
func hasHelpFlag(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelpFlag(a) {
			return true
		}
	}
	return false
}

// printUsage writes the general usage text to w.
func printUsage(w io.Writer) error {
	b := bufio.NewWriter(w)
	b.WriteString(`eskip checks, prints, patches and tests routes written in the eskip language.

usage: eskip <command> [flags] [files...]

commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(b, "  %-8s  %s\n", c.name, c.summary)
	}
	b.WriteString(`
inputs:
  Route files given as arguments ('-' is standard input), the inline
  document of -routes '<eskip>', or standard input when neither is given and
  it is not a terminal. Several inputs may be given together.

Flags may come before or after the files; '--' ends the flags.
Run 'eskip help <command>' for the flags of a command.

exit status:
  0  success
  1  invalid routes, an input that cannot be read, a failed test case, or
     no route matched
  2  usage error, or an invalid cases file
`)
	return b.Flush()
}
