// Package config reads the options of the skipper binary from the command
// line and from a YAML config file, and turns them into skipper.Options.
//
// Each option is declared once, in one table (see options.go): its name,
// its default, its help text and the Config field it fills. The table
// builds the flag set, reads the YAML keys (which are the flag names without
// the dash) and prints the usage, so a flag and its YAML key cannot drift
// apart.
//
// Values come from, in rising order of precedence: the defaults, the file
// named by -config-file, the command line. Unknown flags and keys and
// malformed values are errors that name the option, and for the config file
// the line:
//
//	config.yaml:7: unknown key "adress" (did you mean "address"?)
//	config.yaml:3: max-loopbacks: expected an integer, got "many"
//
// Every failure of the config file, including a file that cannot be read
// or is not YAML, is a *FileError, which tells it from a command line
// error.
//
// Typical use, in a main package:
//
//	cfg := config.New()
//	if err := cfg.Parse(os.Args[1:]); err != nil { … }
//	opts := cfg.ToOptions()
//	opts.CustomFilters = append(opts.CustomFilters, mySpec)
package config
