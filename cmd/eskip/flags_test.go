package main

import (
	"slices"
	"testing"
)

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantFiles  []string
		wantPretty bool
		wantIndent string
		wantErr    string
	}{
		{name: "nothing", wantIndent: "  "},
		{name: "flags first", args: []string{"-pretty", "-indent", "\t", "a", "b"}, wantFiles: []string{"a", "b"}, wantPretty: true, wantIndent: "\t"},
		{name: "flags last", args: []string{"a", "b", "--pretty", "--indent", " "}, wantFiles: []string{"a", "b"}, wantPretty: true, wantIndent: " "},
		{name: "flags between", args: []string{"a", "-indent=", "b"}, wantFiles: []string{"a", "b"}, wantIndent: ""},
		{name: "bool flag does not take the next argument", args: []string{"-pretty", "a"}, wantFiles: []string{"a"}, wantPretty: true, wantIndent: "  "},
		{name: "bool flag with a value", args: []string{"-pretty=false", "a"}, wantFiles: []string{"a"}, wantIndent: "  "},
		{name: "value that looks like a flag", args: []string{"-indent", "-pretty", "a"}, wantFiles: []string{"a"}, wantIndent: "-pretty"},
		{name: "dash is a file", args: []string{"-", "-pretty"}, wantFiles: []string{"-"}, wantPretty: true, wantIndent: "  "},
		{name: "double dash ends the flags", args: []string{"a", "--", "-pretty", "--"}, wantFiles: []string{"a", "-pretty", "--"}, wantIndent: "  "},
		{name: "unknown flag", args: []string{"a", "-x"}, wantErr: "flag provided but not defined: -x"},
		{name: "missing value", args: []string{"a", "-indent"}, wantErr: "flag needs an argument: -indent"},
		{name: "help", args: []string{"a", "-help"}, wantErr: "flag: help requested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFlagSet("test")
			pretty := fs.Bool("pretty", false, "")
			indent := fs.String("indent", "  ", "")
			files, err := parseArgs(fs, tt.args)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("got error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v", err)
			}
			if !slices.Equal(files, tt.wantFiles) {
				t.Errorf("files: got %q, want %q", files, tt.wantFiles)
			}
			if *pretty != tt.wantPretty {
				t.Errorf("pretty: got %v, want %v", *pretty, tt.wantPretty)
			}
			if *indent != tt.wantIndent {
				t.Errorf("indent: got %q, want %q", *indent, tt.wantIndent)
			}
		})
	}
}
