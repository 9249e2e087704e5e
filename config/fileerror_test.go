package config

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseFileError(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	for _, tt := range []struct {
		name string
		// doc is the config file; none is written when it is empty and
		// path is set.
		doc  string
		path string
		args []string
		// wantMsg is the whole message, with PATH for the file's path;
		// wantPrefix is used instead when the message comes from a
		// library.
		wantMsg    string
		wantPrefix string
		wantLine   int
		wantIs     error
	}{
		{
			name:       "missing file",
			path:       missing,
			wantPrefix: "reading config file: open PATH: ",
			wantIs:     fs.ErrNotExist,
		},
		{
			name:       "syntax error",
			doc:        "address: :1\nroutes-file: [a,\n",
			wantPrefix: "PATH: yaml: line 2: ",
			wantLine:   2,
		},
		{
			name:     "not a mapping",
			doc:      "- address\n",
			wantMsg:  "PATH:1: expected a mapping of option names to values, got a list",
			wantLine: 1,
		},
		{
			name:     "unknown key",
			doc:      "address: :1\nadress: :2\n",
			wantMsg:  `PATH:2: unknown key "adress" (did you mean "address"?)`,
			wantLine: 2,
		},
		{
			name:     "duplicate key",
			doc:      "address: :1\n\naddress: :2\n",
			wantMsg:  `PATH:3: duplicate key "address" (first at line 1)`,
			wantLine: 3,
		},
		{
			name:     "command line only key",
			doc:      "config-file: other.yaml\n",
			wantMsg:  `PATH:1: "config-file" can only be given on the command line`,
			wantLine: 1,
		},
		{
			name:     "malformed value",
			doc:      "address: :1\nmax-loopbacks:\n  many\n",
			wantMsg:  `PATH:3: max-loopbacks: expected an integer, got "many"`,
			wantLine: 3,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = writeFile(t, tt.doc)
			}
			err := New().Parse(append([]string{"-config-file", path}, tt.args...))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v (%T), want a *FileError", err, err)
			}
			msg := err.Error()
			if tt.wantMsg != "" {
				if want := strings.ReplaceAll(tt.wantMsg, "PATH", path); msg != want {
					t.Errorf("message got %q, want %q", msg, want)
				}
			} else if want := strings.ReplaceAll(tt.wantPrefix, "PATH", path); !strings.HasPrefix(msg, want) {
				t.Errorf("message got %q, want it to start with %q", msg, want)
			}
			if fe.Path != path {
				t.Errorf("Path got %q, want %q", fe.Path, path)
			}
			if fe.Line != tt.wantLine {
				t.Errorf("Line got %d, want %d", fe.Line, tt.wantLine)
			}
			if errors.Unwrap(err) != fe.Err || fe.Err == nil {
				t.Errorf("Unwrap got %v, want Err %v", errors.Unwrap(err), fe.Err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) got false, want true", err, tt.wantIs)
			}
		})
	}
}

func TestParseCommandLineErrorIsNoFileError(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
	}{
		{name: "without config file", args: []string{"-max-loopbacks", "many"}},
		{name: "flag replayed over the config file", args: []string{"-config-file", "FILE", "-max-loopbacks", "many"}},
		{name: "unknown flag", args: []string{"-config-file", "FILE", "-adress", ":1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "max-loopbacks: 3\n")
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "FILE", path)
			}
			err := New().Parse(args)
			if err == nil {
				t.Fatal("got no error, want one")
			}
			var fe *FileError
			if errors.As(err, &fe) {
				t.Errorf("got a *FileError %v, want a command line error", err)
			}
		})
	}
}

func TestFileErrorMessage(t *testing.T) {
	inner := errors.New("boom")
	for _, tt := range []struct {
		name string
		err  *FileError
		want string
	}{
		{name: "with line", err: &FileError{Path: "a.yaml", Line: 4, Err: inner}, want: "a.yaml:4: boom"},
		{name: "without line", err: &FileError{Path: "a.yaml", Err: inner}, want: "a.yaml: boom"},
		{name: "read", err: readError("a.yaml", inner), want: "reading config file: boom"},
		{name: "syntax without line", err: syntaxError("a.yaml", errors.New("yaml: did not find expected node content")), want: "a.yaml: yaml: did not find expected node content"},
		{name: "syntax with line", err: syntaxError("a.yaml", errors.New("yaml: line 7: mapping values are not allowed in this context")), want: "a.yaml: yaml: line 7: mapping values are not allowed in this context"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestYAMLErrorLine(t *testing.T) {
	for _, tt := range []struct {
		msg  string
		want int
	}{
		{msg: "yaml: line 12: did not find expected key", want: 12},
		{msg: "yaml: control characters are not allowed", want: 0},
		{msg: "yaml: line x: odd", want: 0},
		{msg: "yaml: line 3", want: 0},
		{msg: "", want: 0},
	} {
		t.Run(tt.msg, func(t *testing.T) {
			if got := yamlErrorLine(tt.msg); got != tt.want {
				t.Errorf("yamlErrorLine(%q) got %d, want %d", tt.msg, got, tt.want)
			}
		})
	}
}
