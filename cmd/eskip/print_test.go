package main

import (
	"path/filepath"
	"testing"
)

func TestPrint(t *testing.T) {
	const two = `r1: Method("GET") && Path("/a") -> setPath("/b") -> "http://x";
// a comment
r2: * -> <shunt>`
	runCLITests(t, []cliTest{
		{
			name:       "file",
			files:      map[string]string{"r.eskip": two},
			args:       []string{"print", "r.eskip"},
			wantStdout: "r1: Path(\"/a\") && Method(\"GET\") -> setPath(\"/b\") -> \"http://x\";\nr2: * -> <shunt>;\n",
		},
		{
			name:       "standard input",
			args:       []string{"print"},
			stdin:      pipe(two),
			wantStdout: "r1: Path(\"/a\") && Method(\"GET\") -> setPath(\"/b\") -> \"http://x\";\nr2: * -> <shunt>;\n",
		},
		{
			name:       "-routes",
			args:       []string{"print", "-routes", `r: *->f(1)-><shunt>`},
			wantStdout: "r: * -> f(1) -> <shunt>;\n",
		},
		{
			name:       "one route without id",
			args:       []string{"print", "-routes", `* -> <shunt>`},
			wantStdout: "* -> <shunt>\n",
		},
		{
			name:       "no routes print nothing",
			args:       []string{"print", "-routes", "// empty"},
			wantStdout: "",
		},
		{
			name:       "pretty",
			files:      map[string]string{"r.eskip": two},
			args:       []string{"print", "-pretty", "r.eskip"},
			wantStdout: "r1: Path(\"/a\") && Method(\"GET\")\n  -> setPath(\"/b\")\n  -> \"http://x\";\n\nr2: *\n  -> <shunt>;\n",
		},
		{
			name:       "pretty after the file",
			files:      map[string]string{"r.eskip": two},
			args:       []string{"print", "r.eskip", "-pretty"},
			wantStdout: "r1: Path(\"/a\") && Method(\"GET\")\n  -> setPath(\"/b\")\n  -> \"http://x\";\n\nr2: *\n  -> <shunt>;\n",
		},
		{
			name:       "pretty with a tab indent",
			args:       []string{"print", "-routes", `r: * -> f() -> <shunt>`, "-pretty", "-indent", "\t"},
			wantStdout: "r: *\n\t-> f()\n\t-> <shunt>;\n",
		},
		{
			name:       "pretty with -indent=",
			args:       []string{"print", "-pretty", "-indent=    ", "-routes", `r: * -> f() -> <shunt>`},
			wantStdout: "r: *\n    -> f()\n    -> <shunt>;\n",
		},
		{
			name:       "indent that is not white space",
			args:       []string{"print", "-pretty", "-indent", "--", "-routes", `r: * -> <shunt>`},
			wantCode:   2,
			wantStderr: "eskip: invalid -indent \"--\": must be whitespace only\nrun 'eskip help' for usage\n",
		},
		{
			name:       "json",
			files:      map[string]string{"r.eskip": two},
			args:       []string{"print", "-json", "r.eskip"},
			wantStdout: `[{"id":"r1","backend":{"type":"network","address":"http://x"},"predicates":[{"name":"Method","args":["GET"]},{"name":"Path","args":["/a"]}],"filters":[{"name":"setPath","args":["/b"]}]},{"id":"r2","backend":{"type":"shunt"}}]` + "\n",
		},
		{
			name:       "json without HTML escaping",
			args:       []string{"print", "-routes", `r: * -> inlineContent("<b>&</b>") -> <shunt>`, "-json"},
			wantStdout: `[{"id":"r","backend":{"type":"shunt"},"filters":[{"name":"inlineContent","args":["<b>&</b>"]}]}]` + "\n",
		},
		{
			name:       "json of no routes",
			args:       []string{"print", "-json", "-routes", ""},
			wantStdout: "[]\n",
		},
		{
			name: "several inputs in order: -routes, then the files",
			files: map[string]string{
				"a.eskip": `a: * -> <shunt>`,
				"b.eskip": `b: * -> <loopback>`,
			},
			args:       []string{"print", "b.eskip", "a.eskip", "-routes", `c: * -> <dynamic>`},
			wantStdout: "c: * -> <dynamic>;\nb: * -> <loopback>;\na: * -> <shunt>;\n",
		},
		{
			name: "several inputs as one JSON array",
			files: map[string]string{
				"a.eskip": `a: * -> <shunt>`,
				"b.eskip": `b: * -> <loopback>`,
			},
			args:       []string{"print", "-json", "a.eskip", "b.eskip"},
			wantStdout: `[{"id":"a","backend":{"type":"shunt"}},{"id":"b","backend":{"type":"loopback"}}]` + "\n",
		},
		{
			name:       "numbers printed as decimals",
			args:       []string{"print", "-routes", `r: * -> f(0.0000001, 100.0, -.5, 007) -> <shunt>`},
			wantStdout: "r: * -> f(0.0000001, 100, -0.5, 7) -> <shunt>;\n",
		},
		{
			name: "every backend",
			args: []string{"print", "-routes", `a: * -> <forward>; b: * -> <"http://a", "http://b?zone=z1">; c: * -> <random, "http://a">`},
			wantStdout: "a: * -> <forward>;\n" +
				"b: * -> <\"http://a\", \"http://b?zone=z1\">;\n" +
				"c: * -> <random, \"http://a\">;\n",
		},
		{
			name:        "parse error",
			files:       map[string]string{"r.eskip": "a: * -> <shunt>;\nb: * -> bad;\n"},
			args:        []string{"print", "r.eskip"},
			wantCode:    1,
			stderrLines: []string{`r.eskip:2:12: route "b": `},
		},
		{
			name: "an error in one input prints no routes",
			files: map[string]string{
				"good.eskip":  "a: * -> <shunt>",
				"bad.eskip":   "b: * ->",
				"worse.eskip": "c: * -> <shunt>;\nd: * ->",
			},
			args:        []string{"print", "good.eskip", "bad.eskip", "worse.eskip"},
			wantCode:    1,
			stderrLines: []string{`bad.eskip:1:8: route "b": `, `worse.eskip:2:8: route "d": `},
		},
		{
			name:       "missing file",
			args:       []string{"print", "nope.eskip"},
			wantCode:   1,
			wantStderr: "open nope.eskip: no such file or directory\n",
		},
	})
}

// TestPrintRoundTrip prints each example file, and checks that the printed
// form is valid and prints the same again.
func TestPrintRoundTrip(t *testing.T) {
	files, err := filepath.Glob("../../docs/examples/*.eskip")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		for _, flag := range []string{"-pretty=false", "-pretty"} {
			t.Run(filepath.Base(f)+flag, func(t *testing.T) {
				abs, err := filepath.Abs(f)
				if err != nil {
					t.Fatal(err)
				}
				dir := t.TempDir()
				first, stderr, code := runEskip(t, dir, nil, "print", flag, abs)
				if code != 0 || first == "" {
					t.Fatalf("print %s: exit status %d, stdout %q, stderr %q", f, code, first, stderr)
				}
				second, stderr, code := runEskip(t, dir, pipe(first), "print", flag)
				if code != 0 {
					t.Fatalf("print of printed %s: exit status %d, stderr %q", f, code, stderr)
				}
				if second != first {
					t.Errorf("printing again changed the output:\nfirst  %q\nsecond %q", first, second)
				}
			})
		}
	}
}
