package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/openskipper/skipper/eskip"
)

// The names of the inputs that are not files, as shown in messages.
const (
	stdinName  = "<stdin>"
	inlineName = "<routes>"
)

// sourceKind tells where a source's document comes from.
type sourceKind int

const (
	fileSource sourceKind = iota
	stdinSource
	inlineSource
)

// source is one input document: a file, standard input or the text of the
// -routes flag.
type source struct {
	kind sourceKind
	// name is how messages name the input: the file path, "<stdin>" or
	// "<routes>".
	name string
	// text is the document of an inline source.
	text string
}

// inputFlags are the flags that give inputs besides the files.
type inputFlags struct {
	routes stringFlag
}

// addInputFlags defines the input flags on fs.
func addInputFlags(fs *flag.FlagSet) *inputFlags {
	in := &inputFlags{}
	fs.Var(&in.routes, "routes", "read the routes from this inline eskip `document` (named <routes> in messages)")
	return in
}

// sources returns the inputs of a command: the -routes text first, then the
// files in the order given ("-" is standard input), or standard input alone
// when neither is given and it is not a terminal.
func (in *inputFlags) sources(s *stdio, files []string) ([]source, error) {
	var srcs []source
	if in.routes.set {
		srcs = append(srcs, source{kind: inlineSource, name: inlineName, text: in.routes.value})
	}
	stdinSeen := false
	for _, f := range files {
		if f == "-" {
			if stdinSeen {
				return nil, usageErrorf("standard input (-) given more than once")
			}
			stdinSeen = true
			srcs = append(srcs, source{kind: stdinSource, name: stdinName})
			continue
		}
		srcs = append(srcs, source{kind: fileSource, name: f})
	}
	if len(srcs) == 0 && !s.inTerminal {
		srcs = append(srcs, source{kind: stdinSource, name: stdinName})
	}
	if len(srcs) == 0 {
		return nil, usageErrorf("no input: give route files, -routes '<eskip>' or routes on standard input")
	}
	return srcs, nil
}

// read returns the source's document. A file is read once, straight into
// the string that holds the document, so it is in memory only once.
func (src source) read(stdin io.Reader) (string, error) {
	switch src.kind {
	case inlineSource:
		return src.text, nil
	case stdinSource:
		doc, err := readAll(stdin, 0)
		if err != nil {
			return "", fmt.Errorf("reading standard input: %w", err)
		}
		return doc, nil
	default:
		f, err := os.Open(src.name)
		if err != nil {
			return "", err
		}
		defer f.Close()
		size := 0
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			size = int(info.Size())
		}
		// The errors of f name the file.
		return readAll(f, size)
	}
}

// readAll reads r to the end into a string, without the copy that
// converting a byte slice would make. size is the expected length, or 0.
func readAll(r io.Reader, size int) (string, error) {
	var b strings.Builder
	b.Grow(size + 1) // + 1, so reaching the end needs no growth
	buf := make([]byte, 64<<10)
	for {
		n, err := r.Read(buf)
		b.Write(buf[:n])
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// parseSources reads and parses every source, all or nothing per source. It
// writes each source's parse error, or read error, to w and returns
// errInvalidRoutes when there was any; otherwise it returns the routes of
// all sources in order.
func parseSources(s *stdio, srcs []source) ([]*eskip.Route, error) {
	var routes []*eskip.Route
	failed := false
	for _, src := range srcs {
		doc, err := src.read(s.in)
		if err == nil {
			var rs []*eskip.Route
			rs, err = eskip.Parse(doc)
			routes = append(routes, rs...)
		}
		if err != nil {
			fmt.Fprintln(s.err, inputError(src.name, err))
			failed = true
		}
	}
	if failed {
		return nil, errInvalidRoutes
	}
	return routes, nil
}

// inputError returns the message of an error met reading or parsing the
// input called name: a parse error gets the name as its File and so reads
// "name:line:col: …"; any other error is prefixed with "name: " unless it
// already names the file (as the errors of os do).
func inputError(name string, err error) string {
	var perr *eskip.ParseError
	if errors.As(err, &perr) {
		perr.File = name
		return perr.Error()
	}
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		return err.Error()
	}
	return name + ": " + err.Error()
}
