package main

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	const valid = `hello: Path("/hello") -> inlineContent("Hello") -> <shunt>;
api: PathSubtree("/api") -> "https://api.example.org";
lb: * -> <roundRobin, "http://10.0.0.1:8080", "http://10.0.0.2:8080?zone=b">;
loop: Path("/loop") -> setPath("/hello") -> <loopback>;
dyn: Path("/dyn") -> <dynamic>;
fwd: Path("/fwd") -> <forward>;
h2c: Path("/h2c") -> "h2c://grpc.internal:9000";
upper: Path("/upper") -> "HTTPS://EXAMPLE.ORG";
`
	runCLITests(t, []cliTest{
		{
			name:  "valid file",
			files: map[string]string{"r.eskip": valid},
			args:  []string{"check", "r.eskip"},
		},
		{
			name:  "valid standard input",
			args:  []string{"check"},
			stdin: pipe(valid),
		},
		{
			name:  "standard input named by -",
			files: map[string]string{"r.eskip": `a: * -> <shunt>`},
			args:  []string{"check", "r.eskip", "-"},
			stdin: pipe(`b: * -> <shunt>`),
		},
		{
			name: "valid -routes",
			args: []string{"check", "-routes", `r: * -> <shunt>`},
		},
		{
			name: "empty -routes",
			args: []string{"check", "-routes", ""},
		},
		{
			name:  "empty standard input",
			args:  []string{"check"},
			stdin: pipe(""),
		},
		{
			name: "only comments and separators",
			args: []string{"check", "-routes", "// nothing here\n;;\n"},
		},
		{
			name: "one route without id",
			args: []string{"check", "-routes", `* -> "http://example.org"`},
		},
		{
			name:  "several valid inputs",
			files: map[string]string{"a.eskip": `a: * -> <shunt>`, "b.eskip": `b: * -> <shunt>`},
			args:  []string{"check", "-routes", `c: * -> <shunt>`, "a.eskip", "b.eskip"},
		},
		{
			name:  "flags after the files",
			files: map[string]string{"a.eskip": `a: * -> <shunt>`},
			args:  []string{"check", "a.eskip", "-routes", `a: * -> <shunt>`},
			// -routes is read first, so the file holds the duplicate.
			wantCode:   1,
			wantStderr: "a.eskip:1:1: route \"a\": duplicate id, first defined at <routes>:1:1\n",
		},
		{
			name:  "a file named like a flag after --",
			files: map[string]string{"-r.eskip": `a: * -> <shunt>`},
			args:  []string{"check", "--", "-r.eskip"},
		},
		{
			name: "every parse error, then the next route",
			files: map[string]string{"r.eskip": `a: * -> <shunt>;
b: * -> bad;
c: Path("/x") Method("GET") -> <shunt>;
ok: * -> <shunt>;
d: * -> f("x",) -> <shunt>;
e: Path(1) -> <shunt>;
  f: Path("/a") && Path("/b") -> <shunt>;
g: * -> f("é", #) -> <shunt>;
h: * -> "";
`},
			args:     []string{"check", "r.eskip"},
			wantCode: 1,
			stderrLines: []string{
				`r.eskip:2:12: route "b": `,
				`r.eskip:3:15: route "c": `,
				`r.eskip:5:15: route "d": `,
				`r.eskip:6:4: route "e": `,
				`r.eskip:7:20: route "f": `,
				`r.eskip:8:16: route "g": `,
				`r.eskip:9:1: route "h": network backend is empty`,
			},
		},
		{
			name:  "parse errors sorted with the other problems",
			files: map[string]string{"r.eskip": "a: * -> \"\";\nb: * -> ;\na: * -> <shunt>;\n"},
			args:  []string{"check", "r.eskip", "-routes", "x: ->"},
			// -routes is read first.
			wantCode: 1,
			stderrLines: []string{
				`<routes>:1:4: route "x": `,
				`r.eskip:1:1: route "a": network backend is empty`,
				`r.eskip:2:9: route "b": `,
				`r.eskip:3:1: route "a": duplicate id, first defined at r.eskip:1:1`,
			},
		},
		{
			name:        "a route without id among others",
			args:        []string{"check", "-routes", "* -> <shunt>; * -> <shunt>"},
			wantCode:    1,
			stderrLines: []string{"<routes>:1:13: ", "<routes>:1:15: "},
		},
		{
			name:       "duplicate id in one file",
			files:      map[string]string{"r.eskip": "a: * -> <shunt>;\nb: * -> <shunt>;\n  a: Path(\"/a\") -> <shunt>;\n"},
			args:       []string{"check", "r.eskip"},
			wantCode:   1,
			wantStderr: "r.eskip:3:3: route \"a\": duplicate id, first defined at r.eskip:1:1\n",
		},
		{
			name: "duplicate ids across files",
			files: map[string]string{
				"a.eskip": "x: * -> <shunt>;\ny: * -> <shunt>;\n",
				"b.eskip": "\n\ny: * -> <shunt>;\nx: * -> <shunt>;\n",
			},
			args:     []string{"check", "a.eskip", "b.eskip"},
			wantCode: 1,
			wantStderr: "b.eskip:3:1: route \"y\": duplicate id, first defined at a.eskip:2:1\n" +
				"b.eskip:4:1: route \"x\": duplicate id, first defined at a.eskip:1:1\n",
		},
		{
			name:       "standard input is not read when a file is given",
			files:      map[string]string{"a.eskip": "x: * -> <shunt>"},
			args:       []string{"check", "a.eskip"},
			stdin:      pipe("x: * -> <shunt>"),
			wantCode:   0,
			wantStderr: "",
		},
		{
			name:       "duplicate id between a file and standard input",
			files:      map[string]string{"a.eskip": "x: * -> <shunt>"},
			args:       []string{"check", "a.eskip", "-"},
			stdin:      pipe("// first line\nx: * -> <shunt>"),
			wantCode:   1,
			wantStderr: "<stdin>:2:1: route \"x\": duplicate id, first defined at a.eskip:1:1\n",
		},
		{
			name:       "empty network backend",
			files:      map[string]string{"r.eskip": "ok: * -> <shunt>;\nbad: * -> \"\";\n"},
			args:       []string{"check", "r.eskip"},
			wantCode:   1,
			wantStderr: "r.eskip:2:1: route \"bad\": network backend is empty\n",
		},
		{
			name:       "empty backend of a route without id",
			args:       []string{"check", "-routes", `* -> ""`},
			wantCode:   1,
			wantStderr: "<routes>:1:1: network backend is empty\n",
		},
		{
			name: "invalid backend URLs",
			files: map[string]string{"r.eskip": `relative: * -> "relative/path";
absolute: * -> "/path";
ftp: * -> "ftp://files.example.org";
nohost: * -> "http://";
spaces: * -> "http://a b";
`},
			args:     []string{"check", "r.eskip"},
			wantCode: 1,
			wantStderr: "r.eskip:1:1: route \"relative\": invalid backend URL \"relative/path\": invalid URI for request\n" +
				"r.eskip:2:1: route \"absolute\": invalid backend URL \"/path\": missing scheme\n" +
				"r.eskip:3:1: route \"ftp\": invalid backend URL \"ftp://files.example.org\": unsupported scheme \"ftp\", want http, https or h2c\n" +
				"r.eskip:4:1: route \"nohost\": invalid backend URL \"http://\": missing host\n" +
				"r.eskip:5:1: route \"spaces\": invalid backend URL \"http://a b\": invalid character \" \" in host name\n",
		},
		{
			name:       "invalid load balancer endpoint",
			args:       []string{"check", "-routes", `lb: * -> <"http://a:1", "http:///b">`},
			wantCode:   1,
			wantStderr: "<routes>:1:1: route \"lb\": invalid endpoint URL \"http:///b\": missing host\n",
		},
		{
			name:       "missing file",
			files:      map[string]string{"a.eskip": "a: * -> \"\""},
			args:       []string{"check", "nope.eskip", "a.eskip"},
			wantCode:   1,
			wantStderr: "open nope.eskip: no such file or directory\na.eskip:1:1: route \"a\": network backend is empty\n",
		},
		{
			name: "problems sorted by input then position",
			files: map[string]string{
				"a.eskip": "dup: * -> <shunt>;\nempty: * -> \"\";\ndup: * -> <shunt>;\n",
				"b.eskip": "dup: * -> \"\";\n",
			},
			args:     []string{"check", "b.eskip", "a.eskip"},
			wantCode: 1,
			wantStderr: "b.eskip:1:1: route \"dup\": network backend is empty\n" +
				"a.eskip:1:1: route \"dup\": duplicate id, first defined at b.eskip:1:1\n" +
				"a.eskip:2:1: route \"empty\": network backend is empty\n" +
				"a.eskip:3:1: route \"dup\": duplicate id, first defined at b.eskip:1:1\n",
		},
	})
}

func TestCheckExamples(t *testing.T) {
	files, err := filepath.Glob("../../docs/examples/*.eskip")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found %d example files, want at least 2", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			abs, err := filepath.Abs(f)
			if err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := runEskip(t, t.TempDir(), nil, "check", abs)
			if code != 0 || stdout != "" || stderr != "" {
				t.Errorf("check %s: exit status %d, stdout %q, stderr %q, want 0 and no output", f, code, stdout, stderr)
			}
		})
	}
}

func TestCheckBackendURL(t *testing.T) {
	tests := []struct {
		url  string
		want string
	}{
		{"http://example.org", ""},
		{"https://example.org:8443/ignored/path?q=1", ""},
		{"h2c://10.0.0.1:9000", ""},
		{"HTTP://EXAMPLE.ORG", ""},
		{"example.org", "invalid URI for request"},
		{"/path", "missing scheme"},
		{"mailto:a@example.org", `unsupported scheme "mailto", want http, https or h2c`},
		{"fastcgi://php:9000", `unsupported scheme "fastcgi", want http, https or h2c`},
		{"https://", "missing host"},
		{"http:///path", "missing host"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got := ""
			if err := checkBackendURL(tt.url); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("checkBackendURL(%q): got %q, want %q", tt.url, got, tt.want)
			}
		})
	}
}

func TestCheckerDuplicateAcrossDocuments(t *testing.T) {
	c := newChecker([]source{{name: "a"}, {name: "b"}})
	c.checkDoc(0, string([]byte("x: * -> <shunt>")))
	c.checkDoc(1, "\n x: * -> <shunt>")
	c.finish()
	if len(c.problems) != 1 {
		t.Fatalf("got %d problems, want 1", len(c.problems))
	}
	want := `b:2:2: route "x": duplicate id, first defined at a:1:1`
	if got := c.problems[0].msg; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRunCheckReadErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.eskip")
	var stderr strings.Builder
	s := &stdio{in: errReader{}, out: io.Discard, err: &stderr}
	err := runCheck(s, []source{
		{kind: fileSource, name: missing},
		{kind: stdinSource, name: stdinName},
		{kind: inlineSource, name: inlineName, text: "a: * -> <shunt>"},
	})
	if !errors.Is(err, errInvalidRoutes) {
		t.Errorf("got error %v, want errInvalidRoutes", err)
	}
	want := "open " + missing + ": no such file or directory\n" +
		"<stdin>: reading standard input: broken\n"
	if got := stderr.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// errReader fails every read.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("broken") }

func TestPlainBackendURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"http://example.org", true},
		{"https://10.0.0.1:8443", true},
		{"h2c://grpc-backend.internal:9000/path/to_x~y", true},
		{"http://a/", true},
		{"HTTP://example.org", false},
		{"http://", false},
		{"http://:80", false},
		{"http://a:", false},
		{"http://a:x", false},
		{"http://a?q=1", false},
		{"http://[::1]:80", false},
		{"http://user@host", false},
		{"http://a b", false},
		{"http://a/%41", false},
		{"ftp://a", false},
		{"/path", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := plainBackendURL(tt.url); got != tt.want {
				t.Errorf("plainBackendURL(%q): got %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}

// FuzzPlainBackendURL checks that the shortcut accepts only URLs that the
// full check accepts too.
func FuzzPlainBackendURL(f *testing.F) {
	for _, s := range []string{"http://a", "https://10.0.0.1:8443/x", "h2c://h:1", "http://a:", "http://a/%zz", "http://-/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainBackendURL(s) {
			if err := parseBackendURL(s); err != nil {
				t.Errorf("plainBackendURL(%q) is true, but parseBackendURL says %v", s, err)
			}
		}
	})
}

func TestStringArena(t *testing.T) {
	var a stringArena
	var want, got []string
	for i := 0; i < 20000; i++ {
		s := strings.Repeat(string(rune('a'+i%26)), i%40)
		if i == 5000 {
			s = strings.Repeat("x", 2*arenaBlockSize) // larger than a block
		}
		want = append(want, s)
		got = append(got, a.copy(s))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("copy %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestCheckPredicates(t *testing.T) {
	runCLITests(t, []cliTest{
		{
			name:       "unknown predicate with a suggestion",
			files:      map[string]string{"routes.eskip": "ok: Path(\"/ok\") -> <shunt>;\n// the next route\nr: Path(\"/x\") && Metod(\"GET\") -> <shunt>;\n"},
			args:       []string{"check", "routes.eskip"},
			wantCode:   1,
			wantStderr: "routes.eskip:3:18: route \"r\": unknown predicate \"Metod\" (did you mean \"Method\"?)\n",
		},
		{
			name:       "unknown predicate that differs in case",
			args:       []string{"check", "-routes", `r: * && method("GET") -> <shunt>`},
			wantCode:   1,
			wantStderr: "<routes>:1:9: route \"r\": unknown predicate \"method\" (did you mean \"Method\"?)\n",
		},
		{
			name:       "unknown predicate two edits away",
			args:       []string{"check", "-routes", `r: Cokie("a", "b") && Trafic(1) -> <shunt>`},
			wantCode:   1,
			wantStderr: "<routes>:1:4: route \"r\": unknown predicate \"Cokie\" (did you mean \"Cookie\"?)\n",
		},
		{
			name:       "unknown predicate without a suggestion",
			args:       []string{"check", "-routes", `r: Foo() -> <shunt>`},
			wantCode:   1,
			wantStderr: "<routes>:1:4: route \"r\": unknown predicate \"Foo\"\n",
		},
		{
			name:       "unknown predicate in a route without id",
			args:       []string{"check", "-routes", "\n  Methd(\"GET\") -> <shunt>"},
			wantCode:   1,
			wantStderr: "<routes>:2:3: unknown predicate \"Methd\" (did you mean \"Method\"?)\n",
		},
		{
			name: "invalid arguments of built-in predicates",
			files: map[string]string{"r.eskip": `t: Traffic(2) -> <shunt>;
c: Path("/c")
   && Cookie("a", "(") -> <shunt>;
s: Source() -> <shunt>;
m: Methods("FOO") -> <shunt>;
sh: Shutdown(1) -> <shunt>;
`},
			args:     []string{"check", "r.eskip"},
			wantCode: 1,
			wantStderr: "r.eskip:1:4: route \"t\": invalid arguments for Traffic: argument 1: expected a number between 0 and 1, got 2: invalid predicate parameters\n" +
				"r.eskip:3:7: route \"c\": invalid arguments for Cookie: argument 2: error parsing regexp: missing closing ): `(`: invalid predicate parameters\n" +
				"r.eskip:4:4: route \"s\": invalid arguments for Source: expected at least 1 argument, got 0: invalid predicate parameters\n" +
				"r.eskip:5:4: route \"m\": invalid arguments for Methods: argument 1: method: FOO is not allowed, expected one of GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE: invalid predicate parameters\n" +
				"r.eskip:6:5: route \"sh\": invalid arguments for Shutdown: expected 0 arguments, got 1: invalid predicate parameters\n",
		},
		{
			name: "rules of the routing",
			files: map[string]string{"r.eskip": `w: Weight("x") -> <shunt>;
st: PathSubtree(3) -> <shunt>;
two: Path("/a") && PathSubtree("/b") -> <shunt>;
host: Host(/^ok$/) && Host("(") -> <shunt>;
pr: PathRegexp("[") -> <shunt>;
hr: Header("A", "b") && HeaderRegexp("x-foo", "(") -> <shunt>;
wild: Path("/a/*x/b") -> <shunt>;
asfilter: * -> setPath("/") -> Method("GET") -> <shunt>;
`},
			args:     []string{"check", "r.eskip"},
			wantCode: 1,
			wantStderr: "r.eskip:1:4: route \"w\": invalid argument for the Weight predicate: want one number, got Weight(\"x\")\n" +
				"r.eskip:2:5: route \"st\": invalid predicate parameters: PathSubtree takes one string\n" +
				"r.eskip:3:20: route \"two\": multiple tree predicates (Path, PathSubtree) in the route: two: keep one\n" +
				"r.eskip:4:23: route \"host\": Host regexp \"(\": error parsing regexp: missing closing ): `(`\n" +
				"r.eskip:5:5: route \"pr\": PathRegexp regexp \"[\": error parsing regexp: missing closing ]: `[`\n" +
				"r.eskip:6:25: route \"hr\": HeaderRegexp regexp \"(\": error parsing regexp: missing closing ): `(`\n" +
				"r.eskip:7:7: route \"wild\": Path(\"/a/*x/b\"): path pattern \"/a/*x/b\": free wildcard param should be last\n" +
				"r.eskip:8:32: route \"asfilter\": trying to use \"Method\" as filter, but it is only available as predicate: move it before the first \"->\"\n",
		},
		{
			name:       "columns count characters",
			args:       []string{"check", "-routes", `r: Header("X-É", "é€") && Traffic(-1) -> <shunt>`},
			wantCode:   1,
			wantStderr: "<routes>:1:27: route \"r\": invalid arguments for Traffic: argument 1: expected a number between 0 and 1, got -1: invalid predicate parameters\n",
		},
		{
			name:       "the same call twice",
			args:       []string{"check", "-routes", "r: PathSubtree(\"/a\")\n  && PathSubtree(\"/a\") -> <shunt>"},
			wantCode:   1,
			wantStderr: "<routes>:2:6: route \"r\": multiple tree predicates (Path, PathSubtree) in the route: r: keep one\n",
		},
		{
			name: "one problem per route, the first the routing finds",
			args: []string{"check", "-routes", `r: Nope() && Traffic(7) -> <shunt>`},
			// The filters come first, then the predicates in order.
			wantCode:   1,
			wantStderr: "<routes>:1:4: route \"r\": unknown predicate \"Nope\"\n",
		},
		{
			name: "predicate problems sorted with the others",
			files: map[string]string{"r.eskip": `a: Traffic(2) -> "/relative";
b: * -> <shunt>;
a: Metod("GET") -> <shunt>;
`},
			args:     []string{"check", "r.eskip"},
			wantCode: 1,
			wantStderr: "r.eskip:1:1: route \"a\": invalid backend URL \"/relative\": missing scheme\n" +
				"r.eskip:1:4: route \"a\": invalid arguments for Traffic: argument 1: expected a number between 0 and 1, got 2: invalid predicate parameters\n" +
				"r.eskip:3:1: route \"a\": duplicate id, first defined at r.eskip:1:1\n" +
				"r.eskip:3:4: route \"a\": unknown predicate \"Metod\" (did you mean \"Method\"?)\n",
		},
		{
			name: "valid built-in predicates and unknown filters",
			args: []string{"check", "-routes", `r: Path("/a/:id") && Cookie("a", "^b") && Methods("get", "POST") && QueryParam("q")
  && True() && Traffic(0.5, "c", "g") && TrafficSegment(0, 0.5) && Source("10.0.0.0/8") && SourceFromLast("::1")
  && ClientIP("127.0.0.1") && After(0) && Before("2100-01-01T00:00:00Z") && Between(0, 1) && Cron("* * * * *")
  && ContentLengthBetween(0, 10) && Shutdown() && ForwardedHost("^a$") && ForwardedProtocol("https")
  && Tee("k") && HostAny("a") && Weight(3) && Any()
  -> anyFilterAtAll(1, "x") -> setPath("/") -> "http://example.org"`},
		},
	})
}
