package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// testRoutes are the routes of the tests of test and match.
const testRoutes = `hello: Path("/hello") -> inlineContent("Hello") -> <shunt>;
users: Path("/users/:id") && Method("GET") -> "http://users.internal";
files: Path("/files/:dir/*rest") -> <shunt>;
api: Host(/^api[.]example[.]org$/) && PathSubtree("/v1") -> "https://api.internal";
canary: Path("/shop") && Cookie("canary", "^yes$") -> <shunt>;
shop: Path("/shop") -> <shunt>;
internal: Path("/internal") && ClientIP("10.0.0.0/8") -> <shunt>;
proxied: Path("/proxied") && Source("192.168.0.0/16") -> <shunt>;
json: Path("/json") && Header("Accept", "application/json") -> <shunt>;
upload: Path("/upload") && ContentLengthBetween(100, 1000) -> <shunt>;
segment: Path("/segment") && TrafficSegment(0, 1) -> <shunt>;
never: Path("/never") && False() -> <shunt>;
`

func TestTestCommand(t *testing.T) {
	routes := map[string]string{"routes.eskip": testRoutes}
	with := func(cases string) map[string]string {
		files := map[string]string{"cases.yaml": cases}
		for k, v := range routes {
			files[k] = v
		}
		return files
	}
	runCLITests(t, []cliTest{
		{
			name: "all pass",
			files: with(`cases:
  - name: hello
    request:
      url: http://example.org/hello?x=1
    route: hello
  - name: a user
    request: {method: GET, url: /users/42}
    route: users
    params: {id: "42"}
  - name: numbers are strings in params
    request: {url: /users/7}
    route: users
    params: {id: 7}
  - name: free wildcard
    request: {url: "/files/a/b/c.txt"}
    route: files
    params: {dir: a, rest: /b/c.txt}
  - name: host from the URL
    request: {url: "https://api.example.org/v1/things"}
    route: api
  - name: host from a Host header
    request: {url: /v1, headers: {Host: api.example.org}}
    route: api
  - name: cookie
    request: {url: /shop, cookies: {canary: "yes"}}
    route: canary
  - request: {url: /shop, cookies: {canary: "no"}}
    route: shop
  - name: remote address
    request: {url: /internal, remoteAddr: "10.1.2.3:4567"}
    route: internal
  - name: forwarded for
    request: {url: /proxied, headers: {X-Forwarded-For: ["192.168.1.1, 10.0.0.1"]}}
    route: proxied
  - name: header list
    request: {url: /json, headers: {accept: [text/html, application/json]}}
    route: json
  - name: content length
    request: {url: /upload, method: POST, contentLength: 500}
    route: upload
  - name: traffic segment
    request: {url: /segment}
    route: segment
  - name: nothing
    request: {url: /nothing}
    noMatch: true
  - name: no params
    request: {url: /hello}
    route: hello
    params: {}
`),
			args:       []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantStdout: "PASS hello\nPASS a user\nPASS numbers are strings in params\nPASS free wildcard\nPASS host from the URL\nPASS host from a Host header\nPASS cookie\nPASS case 8\nPASS remote address\nPASS forwarded for\nPASS header list\nPASS content length\nPASS traffic segment\nPASS nothing\nPASS no params\n15 passed, 0 failed\n",
		},
		{
			name: "failures",
			files: with(`cases:
  - name: other route
    request: {url: /hello}
    route: shop
  - name: method
    request: {method: POST, url: /users/1}
    route: users
  - name: host
    request: {url: http://www.example.org/v1}
    route: api
  - name: cookie
    request: {url: /shop}
    route: canary
  - name: client address
    request: {url: /internal}
    route: internal
  - name: header
    request: {url: /json, headers: {Accept: text/html}}
    route: json
  - name: custom predicate
    request: {url: /never}
    route: never
  - name: params
    request: {url: /users/41}
    route: users
    params: {id: "42"}
  - name: more params
    request: {url: /users/41}
    route: users
    params: {id: "41", x: "a b"}
  - name: unexpected match
    request: {url: /hello}
    noMatch: true
  - name: unknown route
    request: {url: /hello}
    route: helo
  - name: unknown route, no match
    request: {url: /nothing}
    route: helo
  - name: passes
    request: {url: /hello}
    route: hello
`),
			args:     []string{"test", "-cases", "cases.yaml", "routes.eskip"},
			wantCode: 1,
			wantStdout: `FAIL other route: matched "hello" instead of "shop"
  "shop" rejected the request: path
FAIL method: no route matched, want "users"
  "users" rejected the request: Method
FAIL host: no route matched, want "api"
  "api" rejected the request: Host ^api[.]example[.]org$
FAIL cookie: matched "shop" instead of "canary"
  "canary" rejected the request: Cookie
FAIL client address: no route matched, want "internal"
  "internal" rejected the request: ClientIP
FAIL header: no route matched, want "json"
  "json" rejected the request: Header Accept
FAIL custom predicate: no route matched, want "never"
  "never" rejected the request: False
FAIL params: params: got {id: 41}, want {id: 42}
FAIL more params: params: got {id: 41}, want {id: 41, x: "a b"}
FAIL unexpected match: matched "hello", want no match
FAIL unknown route: matched "hello" instead of "helo"
  there is no route "helo"
FAIL unknown route, no match: no route matched, want "helo"
  there is no route "helo"
PASS passes
1 passed, 12 failed
`,
		},
		{
			name: "a route that matches too but loses",
			files: map[string]string{
				"r.eskip": `heavy: Path("/a") && Weight(5) -> <shunt>; light: Path("/a") -> <shunt>;`,
				"c.yaml":  "cases:\n  - request: {url: /a}\n    route: light\n",
			},
			args:     []string{"test", "r.eskip", "-cases", "c.yaml"},
			wantCode: 1,
			wantStdout: `FAIL case 1: matched "heavy" instead of "light"
  "light" matches too, but "heavy" takes precedence
0 passed, 1 failed
`,
		},
		{
			name:       "routes from -routes and standard input",
			files:      map[string]string{"c.yaml": "cases:\n  - request: {url: /a}\n    route: a\n  - request: {url: /b}\n    route: b\n"},
			args:       []string{"test", "-cases", "c.yaml", "-routes", `a: Path("/a") -> <shunt>`, "-"},
			stdin:      pipe(`b: Path("/b") -> <shunt>`),
			wantStdout: "PASS case 1\nPASS case 2\n2 passed, 0 failed\n",
		},
		{
			name: "invalid routes are reported as check does",
			files: map[string]string{
				"r.eskip": "ok: Path(\"/ok\") -> <shunt>;\nbad: Path(\"/bad\") && Metod(\"GET\") -> <shunt>;\nok: * -> <shunt>;\n",
				"c.yaml":  "cases:\n  - request: {url: /ok}\n    route: ok\n",
			},
			args:     []string{"test", "r.eskip", "-cases", "c.yaml"},
			wantCode: 1,
			wantStderr: "r.eskip:2:22: route \"bad\": unknown predicate \"Metod\" (did you mean \"Method\"?)\n" +
				"r.eskip:3:1: route \"ok\": duplicate id, first defined at r.eskip:1:1\n",
		},
		{
			name:        "parse errors",
			files:       map[string]string{"r.eskip": "a: * -> ;", "c.yaml": "cases:\n  - request: {url: /ok}\n    route: a\n"},
			args:        []string{"test", "r.eskip", "-cases", "c.yaml"},
			wantCode:    1,
			stderrLines: []string{`r.eskip:1:9: route "a": `},
		},
		{
			name: "unknown keys",
			files: with(`cases:
  - name: a
    rout: hello
    request:
      url: /hello
      header: {A: b}
`),
			args:     []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode: 2,
			wantStderr: "cases.yaml:3: unknown field \"rout\" in a case (known: name, request, route, noMatch, params)\n" +
				"cases.yaml:6: unknown field \"header\" in a request (known: method, url, headers, cookies, remoteAddr, contentLength)\n",
		},
		{
			name:       "unknown top-level key",
			files:      with("case:\n  - request: {url: /}\n"),
			args:       []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode:   2,
			wantStderr: "cases.yaml:1: unknown field \"case\" at the top (known: cases)\n",
		},
		{
			name:        "YAML syntax error",
			files:       with("cases:\n  - request: {url: /\n"),
			args:        []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode:    2,
			stderrLines: []string{"cases.yaml:1: did not find expected ',' or '}'"},
		},
		{
			name:       "wrong types",
			files:      with("cases:\n  - request:\n      url: /\n      contentLength: many\n      headers: {A: {b: c}}\n    route: hello\n"),
			args:       []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode:   2,
			wantStderr: "cases.yaml:5: want a string or a list of strings\n",
		},
		{
			name:       "wrong scalar type",
			files:      with("cases:\n  - request:\n      url: /\n      contentLength: many\n    route: hello\n"),
			args:       []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode:   2,
			wantStderr: "cases.yaml:4: cannot unmarshal !!str `many` into int64\n",
		},
		{
			name: "invalid cases",
			files: with(`cases:
  - request: {url: /}
  - name: both
    request: {url: /}
    route: hello
    noMatch: true
  - name: no url
    request: {method: GET}
    route: hello
  - name: bad url
    request: {url: "ftp://example.org/"}
    route: hello
  - name: params without match
    request: {url: /}
    noMatch: true
    params: {a: b}
  - name: bad method
    request: {url: /, method: "GE T"}
    route: hello
`),
			args:     []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode: 2,
			wantStderr: "cases.yaml:2: case \"case 1\": want the id of the expected route in route, or noMatch: true\n" +
				"cases.yaml:3: case \"both\": route and noMatch: true exclude each other\n" +
				"cases.yaml:7: case \"no url\": request.url is missing\n" +
				"cases.yaml:10: case \"bad url\": request: invalid request URL \"ftp://example.org/\": want an absolute http or https URL, or a path starting with \"/\"\n" +
				"cases.yaml:13: case \"params without match\": params with noMatch: true: a request that matches no route has no parameters\n" +
				"cases.yaml:17: case \"bad method\": request: invalid method \"GE T\"\n",
		},
		{
			name:       "empty cases file",
			files:      with(""),
			args:       []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode:   2,
			wantStderr: "cases.yaml: no cases: the file is empty\n",
		},
		{
			name:       "no cases",
			files:      with("cases: []\n"),
			args:       []string{"test", "routes.eskip", "-cases", "cases.yaml"},
			wantCode:   2,
			wantStderr: "cases.yaml: no cases: want a list under \"cases:\"\n",
		},
		{
			name:       "missing cases file",
			files:      routes,
			args:       []string{"test", "routes.eskip", "-cases", "nope.yaml"},
			wantCode:   2,
			wantStderr: "open nope.yaml: no such file or directory\n",
		},
		{
			name:       "no -cases",
			files:      routes,
			args:       []string{"test", "routes.eskip"},
			wantCode:   2,
			wantStderr: "eskip: test: missing -cases file\nrun 'eskip help' for usage\n",
		},
		{
			name:       "no routes",
			files:      with("cases:\n  - request: {url: /}\n    noMatch: true\n"),
			args:       []string{"test", "-cases", "cases.yaml"},
			wantCode:   2,
			wantStderr: "eskip: no input: give route files, -routes '<eskip>' or routes on standard input\nrun 'eskip help' for usage\n",
		},
	})
}

// TestTestExamples runs every docs/examples/NAME.cases.yaml against
// docs/examples/NAME.eskip: they must pass.
func TestTestExamples(t *testing.T) {
	files, err := filepath.Glob("../../docs/examples/*.cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("found no example cases files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			cases, err := filepath.Abs(f)
			if err != nil {
				t.Fatal(err)
			}
			routes := strings.TrimSuffix(cases, ".cases.yaml") + ".eskip"
			stdout, stderr, code := runEskip(t, t.TempDir(), nil, "test", routes, "-cases", cases)
			if code != 0 || stderr != "" || !strings.HasSuffix(stdout, " passed, 0 failed\n") || strings.Contains(stdout, "FAIL") {
				t.Errorf("test %s: exit status %d\nstdout:\n%s\nstderr:\n%s", f, code, stdout, stderr)
			}
		})
	}
}
