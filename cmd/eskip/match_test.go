package main

import "testing"

func TestMatch(t *testing.T) {
	routes := map[string]string{"routes.eskip": testRoutes}
	const hint = "run 'eskip help' for usage\n"
	runCLITests(t, []cliTest{
		{
			name:       "hit",
			files:      routes,
			args:       []string{"match", "routes.eskip", "/hello"},
			wantStdout: "route: hello\nhello: Path(\"/hello\")\n  -> inlineContent(\"Hello\")\n  -> <shunt>;\n",
		},
		{
			name:       "params",
			files:      routes,
			args:       []string{"match", "routes.eskip", "http://example.org/files/a%20b/x/y.txt?q=1"},
			wantStdout: "route: files\nfiles: Path(\"/files/:dir/*rest\")\n  -> <shunt>;\nparams: dir=\"a b\" rest=/x/y.txt\n",
		},
		{
			name:       "method",
			files:      routes,
			args:       []string{"match", "-X", "GET", "routes.eskip", "/users/42"},
			wantStdout: "route: users\nusers: Path(\"/users/:id\") && Method(\"GET\")\n  -> \"http://users.internal\";\nparams: id=42\n",
		},
		{
			name:       "flags after the arguments",
			files:      routes,
			args:       []string{"match", "routes.eskip", "/users/42", "-X", "POST"},
			wantCode:   1,
			wantStdout: "no route matched\n",
		},
		{
			name:       "miss",
			files:      routes,
			args:       []string{"match", "routes.eskip", "/nothing"},
			wantCode:   1,
			wantStdout: "no route matched\n",
		},
		{
			name:      "host from the URL",
			files:     routes,
			args:      []string{"match", "routes.eskip", "https://api.example.org/v1/x"},
			stdoutHas: []string{"route: api\n", "params: *=/x\n"},
		},
		{
			name:      "host from a Host header",
			files:     routes,
			args:      []string{"match", "-H", "Host: api.example.org", "routes.eskip", "/v1"},
			stdoutHas: []string{"route: api\n", "params: *=/\n"},
		},
		{
			name:       "the host is localhost by default",
			files:      routes,
			args:       []string{"match", "routes.eskip", "/v1"},
			wantCode:   1,
			wantStdout: "no route matched\n",
		},
		{
			name:      "headers",
			files:     routes,
			args:      []string{"match", "routes.eskip", "/json", "-H", "Accept: text/html", "-H", "accept:application/json"},
			stdoutHas: []string{"route: json\n"},
		},
		{
			name:      "cookies",
			files:     routes,
			args:      []string{"match", "routes.eskip", "/shop", "-cookie", "other=1", "-cookie", "canary=yes"},
			stdoutHas: []string{"route: canary\n"},
		},
		{
			name:      "without the cookie",
			files:     routes,
			args:      []string{"match", "routes.eskip", "/shop", "-cookie", "canary=no"},
			stdoutHas: []string{"route: shop\n"},
		},
		{
			name:      "remote address for ClientIP",
			files:     routes,
			args:      []string{"match", "routes.eskip", "/internal", "-remote-addr", "10.0.0.7:4000"},
			stdoutHas: []string{"route: internal\n"},
		},
		{
			name:       "the default remote address",
			files:      routes,
			args:       []string{"match", "routes.eskip", "/internal"},
			wantCode:   1,
			wantStdout: "no route matched\n",
		},
		{
			name:      "remote address for Source",
			files:     routes,
			args:      []string{"match", "-remote-addr", "192.168.7.7:1", "routes.eskip", "/proxied"},
			stdoutHas: []string{"route: proxied\n"},
		},
		{
			name:      "X-Forwarded-For for Source",
			files:     routes,
			args:      []string{"match", "-H", "X-Forwarded-For: 192.168.7.7", "routes.eskip", "/proxied"},
			stdoutHas: []string{"route: proxied\n"},
		},
		{
			name:       "routes from -routes, no file",
			args:       []string{"match", "-routes", `r: * -> <shunt>`, "/"},
			wantStdout: "route: r\nr: *\n  -> <shunt>;\n",
		},
		{
			name:       "routes from standard input",
			args:       []string{"match", "/x"},
			stdin:      pipe(`r: Path("/x") -> <shunt>`),
			wantStdout: "route: r\nr: Path(\"/x\")\n  -> <shunt>;\n",
		},
		{
			name:       "a route without id",
			args:       []string{"match", "-routes", `Path("/x") -> <shunt>`, "/x"},
			wantStdout: "route: (no id)\nPath(\"/x\")\n  -> <shunt>\n",
		},
		{
			name:  "several files",
			files: map[string]string{"a.eskip": `a: Path("/a") -> <shunt>`, "b.eskip": `b: Path("/b") -> <shunt>`},
			args:  []string{"match", "a.eskip", "b.eskip", "/b"},

			wantStdout: "route: b\nb: Path(\"/b\")\n  -> <shunt>;\n",
		},
		{
			name:       "invalid routes",
			files:      map[string]string{"r.eskip": "a: Path(\"/a\") -> <shunt>;\nb: Traffic(3) -> <shunt>;\n"},
			args:       []string{"match", "r.eskip", "/a"},
			wantCode:   1,
			wantStderr: "r.eskip:2:4: route \"b\": invalid arguments for Traffic: argument 1: expected a number between 0 and 1, got 3: invalid predicate parameters\n",
		},
		{
			name:       "missing request",
			args:       []string{"match"},
			wantCode:   2,
			wantStderr: "eskip: match: missing the request: give a URL or a path as the last argument\n" + hint,
		},
		{
			name:       "routes but no request",
			files:      routes,
			args:       []string{"match", "routes.eskip"},
			wantCode:   2,
			wantStderr: "eskip: match: invalid request URL \"routes.eskip\": want an absolute http or https URL, or a path starting with \"/\"\n" + hint,
		},
		{
			name:       "no routes",
			args:       []string{"match", "/x"},
			wantCode:   2,
			wantStderr: "eskip: no input: give route files, -routes '<eskip>' or routes on standard input\n" + hint,
		},
		{
			name:       "URL without host",
			files:      routes,
			args:       []string{"match", "routes.eskip", "http:///x"},
			wantCode:   2,
			wantStderr: "eskip: match: invalid request URL \"http:///x\": missing host\n" + hint,
		},
		{
			name:       "bad header",
			files:      routes,
			args:       []string{"match", "-H", "Accept text/html", "routes.eskip", "/"},
			wantCode:   2,
			wantStderr: "eskip: match: -H: invalid header \"Accept text/html\": want 'Name: value'\n" + hint,
		},
		{
			name:       "bad cookie",
			files:      routes,
			args:       []string{"match", "-cookie", "canary", "routes.eskip", "/"},
			wantCode:   2,
			wantStderr: "eskip: match: -cookie: invalid cookie \"canary\": want name=value\n" + hint,
		},
		{
			name:       "bad method",
			files:      routes,
			args:       []string{"match", "-X", "G T", "routes.eskip", "/"},
			wantCode:   2,
			wantStderr: "eskip: match: invalid method \"G T\"\n" + hint,
		},
		{
			name:       "missing file",
			args:       []string{"match", "nope.eskip", "/"},
			wantCode:   1,
			wantStderr: "open nope.eskip: no such file or directory\n",
		},
	})
}
