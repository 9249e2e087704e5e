package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// flagValue adapts an option to flag.Value and records the command line
// occurrences, so that they can be applied again over the config file.
type flagValue struct {
	opt  *option
	seen []string
}

// Set parses one occurrence.
func (f *flagValue) Set(s string) error {
	if err := f.opt.v.set(s); err != nil {
		return err
	}
	f.seen = append(f.seen, s)
	return nil
}

// String returns the current value.
func (f *flagValue) String() string {
	if f == nil || f.opt == nil {
		return ""
	}
	return f.opt.v.String()
}

// IsBoolFlag lets a boolean flag stand alone, as in -insecure.
func (f *flagValue) IsBoolFlag() bool {
	_, ok := f.opt.v.(boolValue)
	return ok
}

// Parse reads the options from args, the command line without the program
// name, and from the file named by -config-file, if any. The command line
// wins over the file, the file over the defaults. It returns flag.ErrHelp
// for -help or -h, and an error naming the flag or key for unknown options,
// malformed values and positional arguments.
func (c *Config) Parse(args []string) error {
	fs := flag.NewFlagSet("skipper", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	values := make(map[string]*flagValue, len(c.options))
	for _, o := range c.options {
		fv := &flagValue{opt: o}
		values[o.name] = fv
		fs.Var(fv, o.name, o.help)
	}

	if err := fs.Parse(args); err != nil {
		return c.flagError(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("invalid arguments: %v", fs.Args())
	}
	if c.ConfigFile == "" {
		return nil
	}

	if err := c.loadFile(c.ConfigFile); err != nil {
		return err
	}
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err == nil {
			err = values[f.Name].replay()
		}
	})
	return err
}

// replay applies the recorded command line occurrences again.
func (f *flagValue) replay() error {
	if r, ok := f.opt.v.(resetter); ok {
		r.reset()
	}
	for _, s := range f.seen {
		if err := f.opt.v.set(s); err != nil {
			return fmt.Errorf("invalid value %q for flag -%s: %w", s, f.opt.name, err)
		}
	}
	return nil
}

// flagError turns the errors of the flag package into messages that name
// the flag and suggest a known one.
func (c *Config) flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	if name, ok := strings.CutPrefix(err.Error(), "flag provided but not defined: -"); ok {
		if s := c.suggest(name, false); s != "" {
			return fmt.Errorf("unknown flag -%s (did you mean -%s?)", name, s)
		}
		return fmt.Errorf("unknown flag -%s", name)
	}
	return err
}

// Usage writes the options with their defaults and help texts to w.
func (c *Config) Usage(w io.Writer) {
	fmt.Fprintln(w, "Usage of skipper:")
	for _, o := range c.options {
		line := "  -" + o.name
		if t := o.v.typeName(); t != "" {
			line += " " + t
		}
		fmt.Fprintln(w, line)
		help := "    \t" + o.help
		switch {
		case o.def == "":
		case o.v.typeName() == "string":
			help += fmt.Sprintf(" (default %q)", o.def)
		default:
			help += " (default " + o.def + ")"
		}
		fmt.Fprintln(w, help)
	}
}
