package main

import "testing"

func TestPatch(t *testing.T) {
	const routes = `a: Path("/a") -> own() -> <shunt>;
b: * -> "http://b";
`
	runCLITests(t, []cliTest{
		{
			name:       "no filter flags",
			files:      map[string]string{"r.eskip": routes},
			args:       []string{"patch", "r.eskip"},
			wantStdout: "a: Path(\"/a\") -> own() -> <shunt>;\nb: * -> \"http://b\";\n",
		},
		{
			name:       "-prepend",
			files:      map[string]string{"r.eskip": routes},
			args:       []string{"patch", "-prepend", `first("x") -> second(2)`, "r.eskip"},
			wantStdout: "a: Path(\"/a\") -> first(\"x\") -> second(2) -> own() -> <shunt>;\nb: * -> first(\"x\") -> second(2) -> \"http://b\";\n",
		},
		{
			name:       "-append after the file",
			files:      map[string]string{"r.eskip": routes},
			args:       []string{"patch", "r.eskip", "-append", `last()`},
			wantStdout: "a: Path(\"/a\") -> own() -> last() -> <shunt>;\nb: * -> last() -> \"http://b\";\n",
		},
		{
			name: "-prepend-file and -append-file",
			files: map[string]string{
				"r.eskip":     routes,
				"pre.filters": "// filters to put first\npre()\n",
				"app.filters": "app1() ->\n  app2()\n",
			},
			args:       []string{"patch", "-prepend-file", "pre.filters", "-append-file", "app.filters", "r.eskip"},
			wantStdout: "a: Path(\"/a\") -> pre() -> own() -> app1() -> app2() -> <shunt>;\nb: * -> pre() -> app1() -> app2() -> \"http://b\";\n",
		},
		{
			name: "all four flags",
			files: map[string]string{
				"pre.filters": "preFile()",
				"app.filters": "appFile()",
			},
			args: []string{"patch",
				"-append-file", "app.filters", "-append", "app()",
				"-prepend-file", "pre.filters", "-prepend", "pre()",
				"-routes", `r: * -> own() -> <shunt>`},
			wantStdout: "r: * -> pre() -> preFile() -> own() -> app() -> appFile() -> <shunt>;\n",
		},
		{
			name:       "route without id",
			args:       []string{"patch", "-prepend", "p()"},
			stdin:      pipe(`Path("/") -> <shunt>`),
			wantStdout: "Path(\"/\") -> p() -> <shunt>\n",
		},
		{
			name:       "empty filter chain",
			args:       []string{"patch", "-prepend", " ", "-routes", `r: * -> <shunt>`},
			wantStdout: "r: * -> <shunt>;\n",
		},
		{
			name: "several inputs",
			files: map[string]string{
				"a.eskip": `a: * -> <shunt>`,
				"b.eskip": `b: * -> <shunt>`,
			},
			args:       []string{"patch", "-append", "x()", "a.eskip", "b.eskip"},
			wantStdout: "a: * -> x() -> <shunt>;\nb: * -> x() -> <shunt>;\n",
		},
		{
			name:      "invalid -prepend",
			args:      []string{"patch", "-prepend", " a();", "-routes", `r: * -> <shunt>`},
			wantCode:  1,
			stderrHas: []string{"-prepend:1:5: "},
		},
		{
			name:       "invalid -append-file",
			files:      map[string]string{"app.filters": "\n\n  foo-bar"},
			args:       []string{"patch", "-append-file", "app.filters", "-routes", `r: * -> <shunt>`},
			wantCode:   1,
			wantStderr: "app.filters:3:6: unexpected character '-'\n",
		},
		{
			name:       "missing -prepend-file",
			args:       []string{"patch", "-prepend-file", "nope.filters", "-routes", `r: * -> <shunt>`},
			wantCode:   1,
			wantStderr: "open nope.filters: no such file or directory\n",
		},
		{
			name:        "invalid routes",
			args:        []string{"patch", "-prepend", "p(", "-routes", `r: * -> p() ->`},
			wantCode:    1,
			stderrLines: []string{"-prepend:1:3: ", `<routes>:1:15: route "r": `},
		},
	})
}
