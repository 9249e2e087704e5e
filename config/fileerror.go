package config

import (
	"fmt"
	"strconv"
	"strings"
)

// FileError is a failure of the config file named by -config-file: it
// cannot be read, is not YAML, or a key or value in it is wrong. Parse
// returns it, possibly wrapped, for every such failure; use errors.As to
// tell it from a command line error.
type FileError struct {
	// Path is the file name as given to -config-file.
	Path string
	// Line is the line of the failure, from 1; 0 when the failure has no
	// line, as when the file cannot be read.
	Line int
	// Err says what went wrong.
	Err error

	// kind selects the message form.
	kind fileErrorKind
}

// fileErrorKind says which part of loading the file failed.
type fileErrorKind int

const (
	// fileContent is a wrong key or value: "path:line: err".
	fileContent fileErrorKind = iota
	// fileRead is a failure to read the file: "reading config file: err".
	fileRead
	// fileSyntax is a YAML syntax error, whose text carries the line
	// itself: "path: err".
	fileSyntax
)

// Error returns the message: "reading config file: …" when the file cannot
// be read, "path: yaml: …" for YAML syntax errors and "path:line: …" for
// wrong keys and values.
func (e *FileError) Error() string {
	switch {
	case e.kind == fileRead:
		return fmt.Sprintf("reading config file: %v", e.Err)
	case e.kind == fileSyntax || e.Line <= 0:
		return fmt.Sprintf("%s: %v", e.Path, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
}

// Unwrap returns Err.
func (e *FileError) Unwrap() error { return e.Err }

// readError is the FileError of a file that cannot be read.
func readError(path string, err error) *FileError {
	return &FileError{Path: path, Err: err, kind: fileRead}
}

// syntaxError is the FileError of a YAML syntax error; its line is taken
// from the parser's message ("yaml: line 3: …") when it has one.
func syntaxError(path string, err error) *FileError {
	return &FileError{Path: path, Line: yamlErrorLine(err.Error()), Err: err, kind: fileSyntax}
}

// contentError is the FileError of a wrong key or value at line.
func contentError(path string, line int, format string, args ...interface{}) *FileError {
	return &FileError{Path: path, Line: line, Err: fmt.Errorf(format, args...)}
}

// yamlErrorLine returns the line in a message of the YAML parser, or 0.
func yamlErrorLine(msg string) int {
	rest, ok := strings.CutPrefix(msg, "yaml: line ")
	if !ok {
		return 0
	}
	digits, _, ok := strings.Cut(rest, ":")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
