package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// newFlagSet returns an empty flag set for a command that reports errors as
// values and prints nothing itself.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("eskip "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parseArgs parses the flags in args, which may come before, between or
// after the positional arguments, and returns the positional arguments in
// order. Everything after "--" is positional. "-" alone is positional (it
// names standard input).
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		if takesValue(fs, a) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if err := fs.Parse(flags); err != nil {
		return nil, err
	}
	// Parse stops early only on arguments that cannot be flags; keep them
	// positional rather than drop them.
	return append(positional, fs.Args()...), nil
}

// takesValue tells whether the flag argument a ("-name", "--name" or
// "-name=value") is a defined, non-boolean flag without an inline value,
// so the next argument is its value.
func takesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return false
	}
	return true
}

// stringFlag is a string flag that remembers whether it was given, so an
// empty value can be told from an absent flag.
type stringFlag struct {
	value string
	set   bool
}

// String returns the value.
func (f *stringFlag) String() string {
	if f == nil {
		return ""
	}
	return f.value
}

// Set stores the value and marks the flag as given.
func (f *stringFlag) Set(s string) error {
	f.value = s
	f.set = true
	return nil
}

// printFlags writes one line per flag of fs to w, skipping the names in
// hidden, with the type of the value and the default.
func printFlags(w io.Writer, fs *flag.FlagSet, hidden map[string]bool) {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		if hidden[f.Name] {
			return
		}
		typ, usage := flag.UnquoteUsage(f)
		left := "-" + f.Name
		if typ != "" {
			left += " " + typ
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintf(tw, "  %s\t%s\n", left, usage)
	})
	tw.Flush()
}
