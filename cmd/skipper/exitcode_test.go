package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openskipper/skipper"
	"github.com/openskipper/skipper/config"
)

func TestRunMainConfigExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.yaml", "max-loopbacks: 3\n")
	for _, tt := range []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "YAML syntax error", args: []string{"-config-file", writeFile(t, dir, "syntax.yaml", "address: [\n")}, wantCode: exitError, wantErr: "syntax.yaml: yaml: line "},
		{name: "unknown key", args: []string{"-config-file", writeFile(t, dir, "key.yaml", "adress: x\n")}, wantCode: exitError, wantErr: `key.yaml:1: unknown key "adress"`},
		{name: "missing file", args: []string{"-config-file", filepath.Join(dir, "missing.yaml")}, wantCode: exitError, wantErr: "reading config file: "},
		{name: "bad flag next to a good file", args: []string{"-config-file", good, "-max-loopbacks", "many"}, wantCode: exitUsage, wantErr: "max-loopbacks"},
		{name: "unknown flag next to a good file", args: []string{"-config-file", good, "-adress", ":1"}, wantCode: exitUsage, wantErr: "-adress"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runMain(tt.args, &stdout, &stderr, func(skipper.Options) error {
				t.Error("start got called, want the options refused")
				return nil
			})
			if code != tt.wantCode {
				t.Errorf("exit status got %d, want %d; stderr: %s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.wantErr) {
				t.Errorf("stderr got %q, want it to contain %q", stderr.String(), tt.wantErr)
			}
			hint := strings.Contains(stderr.String(), "skipper -help")
			if want := tt.wantCode == exitUsage; hint != want {
				t.Errorf("usage hint got %v, want %v; stderr: %s", hint, want, stderr.String())
			}
		})
	}
}

func TestIsConfigFileError(t *testing.T) {
	fe := &config.FileError{Path: "skipper.yaml", Line: 2, Err: errors.New("unknown key")}
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{name: "file error", err: fe, want: true},
		{name: "wrapped file error", err: fmt.Errorf("parsing: %w", fe), want: true},
		{name: "command line error naming the file", err: errors.New("skipper.yaml:2: looks like a file error"), want: false},
		{name: "nil", err: nil, want: false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := isConfigFileError(tt.err); got != tt.want {
				t.Errorf("isConfigFileError(%v) got %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}
