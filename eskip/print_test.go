package eskip

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// printTextValue is an argument with a MarshalText method.
type printTextValue struct {
	text string
	err  error
}

func (v printTextValue) MarshalText() ([]byte, error) { return []byte(v.text), v.err }

func shuntWithID(id string) *Route {
	return &Route{Id: id, Shunt: true, BackendType: ShuntBackend}
}

func TestRouteString(t *testing.T) {
	tests := []struct {
		name  string
		route *Route
		want  string
	}{{
		name:  "row 2: catch-all shunt",
		route: &Route{Shunt: true, BackendType: ShuntBackend},
		want:  `* -> <shunt>`,
	}, {
		name:  "shunt flag alone",
		route: &Route{Shunt: true},
		want:  `* -> <shunt>`,
	}, {
		name:  "shunt backend type alone",
		route: &Route{BackendType: ShuntBackend},
		want:  `* -> <shunt>`,
	}, {
		name:  "loopback",
		route: &Route{BackendType: LoopBackend},
		want:  `* -> <loopback>`,
	}, {
		name:  "dynamic",
		route: &Route{BackendType: DynamicBackend},
		want:  `* -> <dynamic>`,
	}, {
		name:  "forward prints as <forward>",
		route: &Route{BackendType: ForwardBackend, Backend: "http://ignored"},
		want:  `* -> <forward>`,
	}, {
		name:  "network backend",
		route: &Route{Backend: "https://example.org"},
		want:  `* -> "https://example.org"`,
	}, {
		name:  "empty network backend",
		route: &Route{},
		want:  `* -> ""`,
	}, {
		name:  "network backend is escaped",
		route: &Route{Backend: "http://x/\"\\\n"},
		want:  `* -> "http://x/\"\\\n"`,
	}, {
		name: "lb with algorithm",
		route: &Route{BackendType: LBBackend, LBAlgorithm: "roundRobin", LBEndpoints: []*LBEndpoint{
			{Address: "http://a"}, {Address: "http://b"},
		}},
		want: `* -> <roundRobin, "http://a", "http://b">`,
	}, {
		name: "row 33: lb without algorithm, with zone",
		route: &Route{Id: "r", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{
			{Address: "http://a"}, {Address: "http://b", Zone: "z1"},
		}},
		want: `* -> <"http://a", "http://b?zone=z1">`,
	}, {
		name: "lb zone after an existing query, zone query-escaped",
		route: &Route{BackendType: LBBackend, LBAlgorithm: "random", LBEndpoints: []*LBEndpoint{
			{Address: "http://a?x=1", Zone: "eu central&1"}, nil,
		}},
		want: `* -> <random, "http://a?x=1&zone=eu+central%261">`,
	}, {
		name: "predicate order: legacy first, then custom in order",
		route: &Route{
			Predicates:    []*Predicate{{Name: "Weight", Args: []interface{}{float64(3)}}, {Name: "Any"}, {Name: "True"}},
			HeaderRegexps: map[string][]string{"X": {"y"}},
			Headers:       map[string]string{"H": "v"},
			Method:        "GET",
			PathRegexps:   []string{"^/p"},
			HostRegexps:   []string{"h1", "h2"},
			Path:          "/a",
			Backend:       "http://x",
		},
		want: `Path("/a") && Host(/h1/) && Host(/h2/) && PathRegexp(/^\/p/) && Method("GET") && ` +
			`Header("H", "v") && HeaderRegexp("X", /y/) && Weight(3) && True() -> "http://x"`,
	}, {
		name:  "row 22: custom predicate only",
		route: &Route{Id: "r", Predicates: []*Predicate{{Name: "Foo"}}, Shunt: true, BackendType: ShuntBackend},
		want:  `Foo() -> <shunt>`,
	}, {
		name:  "row 23: Any is skipped",
		route: &Route{Id: "r", Predicates: []*Predicate{{Name: "Any"}}, Shunt: true, BackendType: ShuntBackend},
		want:  `* -> <shunt>`,
	}, {
		name:  "row 27: headers sorted as rendered strings",
		route: &Route{Headers: map[string]string{"a": "b", "A": "c"}, BackendType: ShuntBackend},
		want:  `Header("A", "c") && Header("a", "b") -> <shunt>`,
	}, {
		name:  "headers sort by whole string, not by name",
		route: &Route{Headers: map[string]string{"X": "2", "X-A": "1", "W": "3"}, BackendType: ShuntBackend},
		// `Header("X", ` sorts before `Header("X-A"` because '"' < '-'.
		want: `Header("W", "3") && Header("X", "2") && Header("X-A", "1") -> <shunt>`,
	}, {
		name: "row 38: method before custom predicates",
		route: &Route{
			Id:         "routeX",
			Method:     "GET",
			Predicates: []*Predicate{{Name: "True"}, {Name: "Cookie", Args: []interface{}{"a", "/x/"}}},
			Backend:    "u",
		},
		want: `Method("GET") && True() && Cookie("a", "/x/") -> "u"`,
	}, {
		name: "row 39: header regexps sorted",
		route: &Route{
			HeaderRegexps: map[string][]string{"B": {"3", "2"}, "A": {"1"}},
			BackendType:   ShuntBackend,
		},
		want: `HeaderRegexp("A", /1/) && HeaderRegexp("B", /2/) && HeaderRegexp("B", /3/) -> <shunt>`,
	}, {
		name:  "header regexps with no values print nothing",
		route: &Route{HeaderRegexps: map[string][]string{"A": nil}, BackendType: ShuntBackend},
		want:  `* -> <shunt>`,
	}, {
		name: "row 40: backslashes",
		route: &Route{
			Path:        `\`,
			PathRegexps: []string{`\`},
			Filters:     []*Filter{{Name: "afilter", Args: []interface{}{`\`}}},
			Shunt:       true,
		},
		want: `Path("\\") && PathRegexp(/\\/) -> afilter("\\") -> <shunt>`,
	}, {
		name: "filters in order, nil filters skipped",
		route: &Route{
			Filters:     []*Filter{{Name: "a"}, nil, {Name: "b", Args: []interface{}{float64(1), "x"}}},
			BackendType: ShuntBackend,
		},
		want: `* -> a() -> b(1, "x") -> <shunt>`,
	}, {
		name:  "row 45: small number without exponent",
		route: &Route{Filters: []*Filter{{Name: "f", Args: []interface{}{0.0000001}}}, BackendType: ShuntBackend},
		want:  `* -> f(0.0000001) -> <shunt>`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.route.String(); got != tt.want {
				t.Errorf("String() got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRegexpLiteral(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  string
	}{
		{"row 17: slash", `a/b`, `PathRegexp(/a\/b/)`},
		{"row 17: slash in group", `[/]x`, `PathRegexp(/[\/]x/)`},
		{"row 17: backslashes", `\d+\.\n`, `PathRegexp(/\\d+\\.\\n/)`},
		{"row 17: escaped bracket in group", `[\]]`, `PathRegexp(/[\\]]/)`},
		{"row 18: anchored path", `^/s$`, `PathRegexp(/^\/s$/)`},
		{"unbalanced bracket prints as string", `[`, `PathRegexp("[")`},
		{"unbalanced bracket after group", `[a]x[b`, `PathRegexp("[a]x[b")`},
		{"nested open bracket closes once", `[[]`, `PathRegexp(/[[]/)`},
		{"lone closing bracket", `a]`, `PathRegexp(/a]/)`},
		{"empty value prints as string", ``, `PathRegexp("")`},
		{"control characters raw", "a\nb\tc", "PathRegexp(/a\nb\tc/)"},
		{"quote is not escaped", `a"b`, `PathRegexp(/a"b/)`},
		{"leading slash", `/api/`, `PathRegexp(/\/api\//)`},
		{"string fallback escapes", "[\n\"", `PathRegexp("[\n\"")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Route{PathRegexps: []string{tt.value}, BackendType: ShuntBackend}
			want := tt.want + " -> <shunt>"
			if got := r.String(); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestHostAndHeaderRegexpLiterals(t *testing.T) {
	r := &Route{
		HostRegexps:   []string{`^www[.]example[.]org$`, `[`},
		HeaderRegexps: map[string][]string{`X"1`: {`a/b`}},
		BackendType:   ShuntBackend,
	}
	want := `Host(/^www[.]example[.]org$/) && Host("[") && HeaderRegexp("X\"1", /a\/b/) -> <shunt>`
	if got := r.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestArgs(t *testing.T) {
	tests := []struct {
		name string
		arg  interface{}
		want string
	}{
		{"whole float", float64(100), `100`},
		{"huge whole float", 1.2345678901234568e29, `123456789012345677877719597056`},
		{"fraction", 1.5, `1.5`},
		{"negative fraction", -0.5, `-0.5`},
		{"tiny", 0.0000001, `0.0000001`},
		{"tiny negative", -1.5e-10, `-0.00000000015`},
		{"negative zero", math.Copysign(0, -1), `-0`},
		{"large non-whole", 1234567.125, `1234567.125`},
		{"float32", float32(0.1), `0.1`},
		{"float32 whole", float32(7), `7`},
		{"int", 42, `42`},
		{"negative int64", int64(-7), `-7`},
		{"int8", int8(-8), `-8`},
		{"int16", int16(16), `16`},
		{"int32", int32(32), `32`},
		{"uint", uint(1), `1`},
		{"uint8", uint8(255), `255`},
		{"uint16", uint16(16), `16`},
		{"uint32", uint32(32), `32`},
		{"uint64", uint64(math.MaxUint64), `18446744073709551615`},
		{"NaN", math.NaN(), `NaN`},
		{"Inf", math.Inf(1), `+Inf`},
		{"string", "x", `"x"`},
		{"empty string", "", `""`},
		{"escapes", "\\\"\a\b\f\n\r\t\v", `"\\\"\a\b\f\n\r\t\v"`},
		{"other bytes raw", "é\x00\x7f\x1b'`", "\"é\x00\x7f\x1b'`\""},
		{"text marshaler", printTextValue{text: `a"b`}, `"a\"b"`},
		{"text marshaler error", printTextValue{err: errors.New("boom")}, `"[error]"`},
		{"bool", true, `"true"`},
		{"nil", nil, `"<nil>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &Filter{Name: "f", Args: []interface{}{tt.arg}}
			want := "f(" + tt.want + ")"
			if got := f.String(); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestPredicateAndFilterString(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"predicate without args", (&Predicate{Name: "True"}).String(), `True()`},
		{"predicate with args", (&Predicate{Name: "Cookie", Args: []interface{}{"a", 1.5}}).String(), `Cookie("a", 1.5)`},
		{"regexp predicate prints strings", (&Predicate{Name: "Host", Args: []interface{}{"a/b"}}).String(), `Host("a/b")`},
		{"filter", (&Filter{Name: "setPath", Args: []interface{}{"/b"}}).String(), `setPath("/b")`},
		{"nil predicate", (*Predicate)(nil).String(), ``},
		{"nil filter", (*Filter)(nil).String(), ``},
		{"nil route", (*Route)(nil).String(), ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q, want %q", tt.got, tt.want)
			}
		})
	}
}

func TestPrintDocument(t *testing.T) {
	r1 := &Route{Id: "r1", Path: "/a", Method: "GET", Filters: []*Filter{{Name: "setPath", Args: []interface{}{"/b"}}}, Backend: "http://x"}
	r2 := shuntWithID("r2")
	pretty := PrettyPrintInfo{Pretty: true, IndentStr: "  "}

	tests := []struct {
		name   string
		p      PrettyPrintInfo
		routes []*Route
		want   string
	}{{
		name: "no routes",
		want: ``,
	}, {
		name:   "only nil routes",
		routes: []*Route{nil, nil},
		want:   ``,
	}, {
		name:   "single route without id is a bare expression",
		routes: []*Route{{BackendType: ShuntBackend}},
		want:   `* -> <shunt>`,
	}, {
		name:   "single route with id",
		routes: []*Route{r2},
		want:   `r2: * -> <shunt>;`,
	}, {
		name:   "spec example, two routes",
		routes: []*Route{r1, r2},
		want:   "r1: Path(\"/a\") && Method(\"GET\") -> setPath(\"/b\") -> \"http://x\";\nr2: * -> <shunt>;",
	}, {
		name:   "nil routes are skipped",
		routes: []*Route{nil, r1, nil, r2},
		want:   "r1: Path(\"/a\") && Method(\"GET\") -> setPath(\"/b\") -> \"http://x\";\nr2: * -> <shunt>;",
	}, {
		name:   "route without id among several",
		routes: []*Route{{BackendType: ShuntBackend}, r2},
		want:   ": * -> <shunt>;\nr2: * -> <shunt>;",
	}, {
		name: "spec example, pretty",
		p:    pretty,
		routes: []*Route{
			{Id: "route1", Method: "GET", Filters: []*Filter{{Name: "filter", Args: []interface{}{"expression"}}}, BackendType: ShuntBackend},
			r2,
		},
		want: "route1: Method(\"GET\")\n  -> filter(\"expression\")\n  -> <shunt>;\n\nr2: *\n  -> <shunt>;",
	}, {
		name:   "pretty single expression",
		p:      pretty,
		routes: []*Route{{Filters: []*Filter{{Name: "a"}, {Name: "b"}}, Backend: "http://x"}},
		want:   "*\n  -> a()\n  -> b()\n  -> \"http://x\"",
	}, {
		name:   "pretty without indent",
		p:      PrettyPrintInfo{Pretty: true},
		routes: []*Route{{Id: "r", Filters: []*Filter{{Name: "a"}}, BackendType: LoopBackend}},
		want:   "r: *\n-> a()\n-> <loopback>;",
	}, {
		name:   "indent without pretty is ignored",
		p:      PrettyPrintInfo{IndentStr: "    "},
		routes: []*Route{r2},
		want:   `r2: * -> <shunt>;`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Print(tt.p, tt.routes...); got != tt.want {
				t.Errorf("Print() got %q, want %q", got, tt.want)
			}
			var b strings.Builder
			Fprint(&b, tt.p, tt.routes...)
			if got := b.String(); got != tt.want {
				t.Errorf("Fprint() got %q, want %q", got, tt.want)
			}
			if !tt.p.Pretty {
				if got := String(tt.routes...); got != tt.want {
					t.Errorf("String() got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestRoutePrintPretty(t *testing.T) {
	r := &Route{Id: "r", Path: "/a", Filters: []*Filter{{Name: "f"}}, BackendType: ShuntBackend}
	want := "Path(\"/a\")\n\t-> f()\n\t-> <shunt>"
	if got := r.Print(PrettyPrintInfo{Pretty: true, IndentStr: "\t"}); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := (*Route)(nil).Print(PrettyPrintInfo{Pretty: true}); got != "" {
		t.Errorf("nil route got %q, want %q", got, "")
	}
}

func TestFprintLargeDocument(t *testing.T) {
	routes := benchmarkRoutes(5000)
	routes[17] = nil
	for _, p := range []PrettyPrintInfo{{}, {Pretty: true, IndentStr: " "}} {
		var parts []string
		for _, r := range routes {
			if r != nil {
				parts = append(parts, Print(p, r))
			}
		}
		sep := "\n"
		if p.Pretty {
			sep = "\n\n"
		}
		want := strings.Join(parts, sep)
		if len(want) < 2*flushSize || len(routes) < twoPassRoutes {
			t.Fatalf("document of %d bytes does not exercise flushing and measuring", len(want))
		}
		if got := Print(p, routes...); got != want {
			t.Errorf("Print() differs from printing route by route: got %d bytes, want %d", len(got), len(want))
		}
		var b strings.Builder
		w := &countingWriter{w: &b}
		Fprint(w, p, routes...)
		if got := b.String(); got != want {
			t.Errorf("Fprint() differs from printing route by route: got %d bytes, want %d", len(got), len(want))
		}
		if w.writes < 2 {
			t.Errorf("got %d writes, want several", w.writes)
		}
	}
}

type countingWriter struct {
	w      *strings.Builder
	writes int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	return c.w.Write(p)
}

func TestPrintIsDeterministic(t *testing.T) {
	r := &Route{
		Id:            "r",
		Headers:       map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"},
		HeaderRegexps: map[string][]string{"a": {"1", "0"}, "b": {"2"}, "c": {"3"}},
		BackendType:   ShuntBackend,
	}
	first := String(r)
	for range 50 {
		if got := String(r); got != first {
			t.Fatalf("got %q, want %q", got, first)
		}
	}
}

// roundTripDocuments are the documents of the OK rows of the conformance
// table, and a few more, for the Parse(Print(routes)) round trip.
var roundTripDocuments = []struct {
	name string
	doc  string
}{
	{"row 1: empty", ``},
	{"row 1: comment only", `// c`},
	{"row 1: semicolons", `;;`},
	{"row 2: bare expression", `* -> <shunt>`},
	{"row 5: double semicolon", `a: * -> <shunt>;;b: * -> <shunt>`},
	{"row 15: numbers", `r: * -> f(-.5, .5, 007, -0, 1.50) -> <shunt>`},
	{"row 16: strings", "r: * -> f(\"a\\\"b\", `c\\`d`, \"e\\\\f\", \"\\q\", \"\\/\", \"t\\tx\", \"x\\u0041\") -> <shunt>"},
	{"row 17: regexps", `r: PathRegexp(/a\/b/) && PathRegexp(/[/]x/) && PathRegexp(/\d+\.\n/) && PathRegexp(/[\]]/) -> <shunt>`},
	{"row 18: string regexp", `r: PathRegexp("^/s$") -> <shunt>`},
	{"row 22: stars", `r: * && Foo() && * -> <shunt>`},
	{"row 23: Any", `r: Any() -> <shunt>`},
	{"row 27: headers", `r: Header("a","b") && Header("A","c") -> <shunt>`},
	{"row 30: path and subtree", `r: Path("/a") && PathSubtree("/b") -> <shunt>`},
	{"row 33: lb with zone", `r: * -> <"http://a", "http://b?zone=z1">`},
	{"row 36: relative backend", `r: * -> "relative/path"`},
	{"row 36: empty backend", `r: * -> ""`},
	{"row 37: forward", `r: * -> <forward>`},
	{"row 38: method and custom", `routeX: True() && Cookie("a", "/x/") && Method("GET") -> "u"`},
	{"row 39: header regexps", `r: HeaderRegexp("B", /3/) && HeaderRegexp("B", /2/) && HeaderRegexp("A", /1/) -> <shunt>`},
	{"row 41: tight spacing", "r:* -> f(1)->g(2)-><shunt>;\r\ns:\t* -> <shunt>"},
	{"row 42: no reserved words", `shunt: * -> <shunt>; Path: Path("/") -> <shunt>`},
	{"all backends", `a: * -> <loopback>; b: * -> <dynamic>; c: * -> <roundRobin, "http://a", "http://b">; d: * -> "https://x"`},
	{"lb zone after query", `r: * -> <random, "http://a?x=1&zone=eu%2F1", "http://b?zone=z+2&a=b">`},
	{"all legacy predicates", `r: Path("/p") && Host(/^h[.]org$/) && Host("[") && PathRegexp(/^\/api/) && Method("GET") && ` +
		`Header("X", "1") && HeaderRegexp("Y", /a\/b/) && Weight(3) -> setPath("/") -> "http://x"`},
	{"control characters", "r: PathRegexp(/a\nb/) && Foo(\"a\\nb\\a\\b\\f\\r\\t\\v\") -> \"http://x/\\\"\\\\\""},
	{"backtick regexp-looking string", "r: Foo(`/x/`) -> <shunt>"},
	{"non-ASCII", `r: Path("/é") && Foo("日本") -> <shunt>`},
}

func TestPrintParseRoundTrip(t *testing.T) {
	modes := []struct {
		name string
		p    PrettyPrintInfo
	}{
		{"compact", PrettyPrintInfo{}},
		{"pretty", PrettyPrintInfo{Pretty: true, IndentStr: "  "}},
		{"pretty tab", PrettyPrintInfo{Pretty: true, IndentStr: "\t"}},
	}
	for _, tt := range roundTripDocuments {
		for _, m := range modes {
			t.Run(tt.name+"/"+m.name, func(t *testing.T) {
				routes, err := Parse(tt.doc)
				if err != nil {
					t.Fatalf("Parse(%q) error: %v", tt.doc, err)
				}
				printed := Print(m.p, routes...)
				again, err := Parse(printed)
				if err != nil {
					t.Fatalf("Parse(Print()) of %q error: %v", printed, err)
				}
				if !EqLists(again, routes) {
					t.Errorf("Parse(Print()) got %q, want %q", String(again...), String(routes...))
				}
				if reprinted := Print(m.p, again...); reprinted != printed {
					t.Errorf("printing again got %q, want %q", reprinted, printed)
				}
			})
		}
	}
}

// TestPrintParseRoundTripValues checks routes built in Go whose values need
// the printer's escaping rules to read back the same.
func TestPrintParseRoundTripValues(t *testing.T) {
	routes := []*Route{
		{Id: "regexps", HostRegexps: []string{"[", "", "a]", "[[]", "\\", "/", "a\nb", "[/]", "x[a]y[b"},
			PathRegexps: []string{`\d\/`, `[\]/]`}, BackendType: ShuntBackend},
		{Id: "headerRegexps", HeaderRegexps: map[string][]string{"A\"": {"[", "/x/"}}, BackendType: ShuntBackend},
		{Id: "strings", Path: "\\\"\a\b\f\n\r\t\v\x00\x7f/`", Method: "G\"ET",
			Headers: map[string]string{"\\": "\"", "`": "\n"}, BackendType: ShuntBackend},
		{Id: "numbers", Filters: []*Filter{{Name: "f", Args: []interface{}{
			0.0000001, 1.2345678901234568e29, -0.5, float64(100), 123456.789, math.SmallestNonzeroFloat64,
			math.MaxFloat64, -1e-300, 0.1 + 0.2,
		}}}, BackendType: ShuntBackend},
		{Id: "backend", Backend: "http://x/\"\\\n"},
		{Id: "lb", BackendType: LBBackend, LBAlgorithm: "consistentHash", LBEndpoints: []*LBEndpoint{
			{Address: "http://a", Zone: "z &?=/\"1"}, {Address: "http://b?q=1", Zone: "z2"}, {Address: "http://c"},
		}},
		{Id: "forward", BackendType: ForwardBackend},
	}
	for _, p := range []PrettyPrintInfo{{}, {Pretty: true, IndentStr: "  "}} {
		printed := Print(p, routes...)
		got, err := Parse(printed)
		if err != nil {
			t.Fatalf("Parse(%q) error: %v", printed, err)
		}
		if !EqLists(got, routes) {
			t.Errorf("Parse(Print()) got %q, want %q", String(got...), String(routes...))
		}
	}
}

// FuzzPrintRoundTrip checks that every document that parses prints to a
// document that parses back to equal routes, in both printing modes.
func FuzzPrintRoundTrip(f *testing.F) {
	for _, tt := range roundTripDocuments {
		f.Add(tt.doc)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		routes, err := Parse(doc)
		if err != nil {
			return
		}
		for _, p := range []PrettyPrintInfo{{}, {Pretty: true, IndentStr: "  "}} {
			printed := Print(p, routes...)
			again, err := Parse(printed)
			if err != nil {
				t.Fatalf("Parse(Print(Parse(%q))) = Parse(%q) error: %v", doc, printed, err)
			}
			if !EqLists(again, routes) {
				t.Fatalf("Parse(Print(Parse(%q))) got %q, want %q", doc, String(again...), String(routes...))
			}
		}
	})
}
