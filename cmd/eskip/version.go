package main

import (
	"flag"
	"fmt"
)

// versionCommand returns the version command.
func versionCommand() *command {
	return &command{
		name:     "version",
		summary:  "print the version of eskip",
		synopsis: "version",
		help:     "Version prints the version and the commit eskip was built from:\n\n  eskip version v0.1.0 (commit: 1a2b3c4)",
		setup: func(*flag.FlagSet) action {
			return func(s *stdio, args []string) error {
				if len(args) > 0 {
					return usageErrorf("version takes no arguments, got %q", args[0])
				}
				_, err := fmt.Fprintf(s.out, "eskip version %s (commit: %s)\n", version, commit)
				return err
			}
		},
	}
}
