package main

import (
	"bufio"
	"flag"
	"io"
)

// helpCommand returns the help command.
func helpCommand() *command {
	return &command{
		name:     "help",
		summary:  "print the help of a command",
		synopsis: "help [command]",
		help:     "Help prints the usage of eskip, or the help of one command. The flags\n-help, --help and -h do the same anywhere on the command line.",
		setup: func(*flag.FlagSet) action {
			return func(s *stdio, args []string) error {
				switch len(args) {
				case 0:
					return printUsage(s.out)
				case 1:
					cmd := lookupCommand(args[0])
					if cmd == nil {
						return usageErrorf("help: unknown command %q", args[0])
					}
					return printCommandHelp(s.out, cmd)
				default:
					return usageErrorf("help takes at most one command, got %d arguments", len(args))
				}
			}
		},
	}
}

// printCommandHelp writes the help of cmd to w: the synopsis, the
// description and the flags.
func printCommandHelp(w io.Writer, cmd *command) error {
	b := bufio.NewWriter(w)
	b.WriteString("usage: eskip ")
	b.WriteString(cmd.synopsis)
	b.WriteString("\n\n")
	b.WriteString(cmd.help)
	b.WriteString("\n")

	fs := newFlagSet(cmd.name)
	cmd.setup(fs)
	hidden := map[string]bool{}
	if !cmd.etcd {
		hidden = etcdFlagNames()
	}
	visible := 0
	fs.VisitAll(func(f *flag.Flag) {
		if !hidden[f.Name] {
			visible++
		}
	})
	if visible > 0 {
		b.WriteString("\nflags:\n")
		printFlags(b, fs, hidden)
	}
	if visible > 0 || cmd.etcd {
		b.WriteString("\nFlags may come before or after the files; '--' ends the flags.\n")
	}
	return b.Flush()
}
