package eskip

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// wantShunt returns the fields of a <shunt> route with the given id.
func wantShunt(id string) *Route {
	return &Route{Id: id, Shunt: true, BackendType: ShuntBackend}
}

func wantPred(name string, args ...interface{}) *Predicate {
	if len(args) == 0 {
		args = nil
	}
	return &Predicate{Name: name, Args: args}
}

func wantFilter(name string, args ...interface{}) *Filter {
	if len(args) == 0 {
		args = nil
	}
	return &Filter{Name: name, Args: args}
}

// TestParseConformance checks the rows of the conformance table (spec
// §1.9) that parse, field by field.
func TestParseConformance(t *testing.T) {
	withPathRegexps := func(rx ...string) []*Route {
		r := wantShunt("r")
		r.PathRegexps = rx
		return []*Route{r}
	}
	tests := []struct {
		name string
		doc  string
		want []*Route
	}{
		{"1 empty", "", nil},
		{"1 blanks", "   ", nil},
		{"1 comment", "// c", nil},
		{"1 semicolon", ";", nil},
		{"1 semicolons", ";;", nil},
		{"1 comments and semicolons", "// a\n;\n// b\n;", nil},
		{"2 route without id", "* -> <shunt>", []*Route{wantShunt("")}},
		{"5 empty route between", "a: * -> <shunt>;;b: * -> <shunt>", []*Route{wantShunt("a"), wantShunt("b")}},
		{"trailing semicolon", "a: * -> <shunt>;", []*Route{wantShunt("a")}},
		{"leading semicolon", ";a: * -> <shunt>", []*Route{wantShunt("a")}},
		{"15 numbers", "r: * -> f(-.5, .5, 007, -0, 1.50) -> <shunt>", []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend,
			Filters: []*Filter{wantFilter("f", -0.5, 0.5, 7.0, math.Copysign(0, -1), 1.5)},
		}}},
		{"16 string escapes", "r: * -> f(\"a\\\"b\", `c\\`d`, \"e\\\\f\", \"\\q\", \"\\/\", \"t\\tx\", \"x\\u0041\") -> <shunt>", []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend,
			Filters: []*Filter{wantFilter("f", `a"b`, "c`d", `e\f`, `\q`, `\/`, "t\tx", `x\u0041`)},
		}}},
		{"17 regexp escaped slash", `r: PathRegexp(/a\/b/) -> <shunt>`, withPathRegexps("a/b")},
		{"17 regexp slash in group", `r: PathRegexp(/[/]x/) -> <shunt>`, withPathRegexps("[/]x")},
		{"17 regexp escapes kept", `r: PathRegexp(/\d+\.\n/) -> <shunt>`, withPathRegexps(`\d+\.\n`)},
		{"17 regexp escaped bracket", `r: PathRegexp(/[\]]/) -> <shunt>`, withPathRegexps(`[\]]`)},
		{"18 string as regexp", `r: PathRegexp("^/s$") -> <shunt>`, withPathRegexps("^/s$")},
		{"18 regexp literal", `r: PathRegexp(/^\/s$/) -> <shunt>`, withPathRegexps("^/s$")},
		{"several PathRegexps", `r: PathRegexp(/a/) && PathRegexp(/b/) -> <shunt>`, withPathRegexps("a", "b")},
		{"22 star with others", "r: * && Foo() && * -> <shunt>", []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend, Predicates: []*Predicate{wantPred("Foo")},
		}}},
		{"23 Any dropped", "r: Any() -> <shunt>", []*Route{wantShunt("r")}},
		{"23 Any with arguments dropped", `r: Any("x", 1) && Foo(1) -> <shunt>`, []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend, Predicates: []*Predicate{wantPred("Foo", 1.0)},
		}}},
		{"27 header names are case-sensitive", `r: Header("a","b") && Header("A","c") -> <shunt>`, []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend, Headers: map[string]string{"a": "b", "A": "c"},
		}}},
		{"30 Path with PathSubtree", `r: Path("/a") && PathSubtree("/b") -> <shunt>`, []*Route{{
			Id: "r", Path: "/a", Shunt: true, BackendType: ShuntBackend, Predicates: []*Predicate{wantPred("PathSubtree", "/b")},
		}}},
		{"33 load balancer without algorithm", `r: * -> <"http://a", "http://b?zone=z1">`, []*Route{{
			Id: "r", BackendType: LBBackend,
			LBEndpoints: []*LBEndpoint{{Address: "http://a"}, {Address: "http://b", Zone: "z1"}},
		}}},
		{"36 relative network backend", `r: * -> "relative/path"`, []*Route{{Id: "r", Backend: "relative/path"}}},
		{"36 empty network backend", `r: * -> ""`, []*Route{{Id: "r"}}},
		{"37 forward", `r: * -> <forward>`, []*Route{{Id: "r", BackendType: ForwardBackend}}},
		{"loopback", `r: * -> <loopback>`, []*Route{{Id: "r", BackendType: LoopBackend}}},
		{"dynamic", `r: * -> <dynamic>`, []*Route{{Id: "r", BackendType: DynamicBackend}}},
		{"38 Method moves out, others keep order", `routeX: True() && Cookie("a", "/x/") && Method("GET") -> "u"`, []*Route{{
			Id: "routeX", Method: "GET", Backend: "u",
			Predicates: []*Predicate{wantPred("True"), wantPred("Cookie", "a", "/x/")},
		}}},
		{"39 HeaderRegexps in source order", `r: HeaderRegexp("B", /3/) && HeaderRegexp("B", /2/) && HeaderRegexp("A", /1/) -> <shunt>`, []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend,
			HeaderRegexps: map[string][]string{"B": {"3", "2"}, "A": {"1"}},
		}}},
		{"41 tight spacing, CRLF and tabs", "r:* -> f(1)->g(2)-><shunt>;\r\ns:\t* -> <shunt>", []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend, Filters: []*Filter{wantFilter("f", 1.0), wantFilter("g", 2.0)},
		}, wantShunt("s")}},
		{"42 no reserved words", `shunt: * -> <shunt>; Path: Path("/") -> <shunt>`, []*Route{wantShunt("shunt"), {
			Id: "Path", Path: "/", Shunt: true, BackendType: ShuntBackend,
		}}},
		{"all legacy predicates", `r: Path("/p") && Host(/h1/) && Host("h2") && PathRegexp(/x/) && Method("PUT") && Header("K", "v") && HeaderRegexp("K", /v+/) && Weight(3) -> setPath("/") -> "http://x"`, []*Route{{
			Id: "r", Path: "/p", HostRegexps: []string{"h1", "h2"}, PathRegexps: []string{"x"}, Method: "PUT",
			Headers: map[string]string{"K": "v"}, HeaderRegexps: map[string][]string{"K": {"v+"}},
			Predicates: []*Predicate{wantPred("Weight", 3.0)}, Filters: []*Filter{wantFilter("setPath", "/")}, Backend: "http://x",
		}}},
		{"load balancer with algorithm", `r: * -> <roundRobin, "http://a:8080", "http://b:8080/x">`, []*Route{{
			Id: "r", BackendType: LBBackend, LBAlgorithm: "roundRobin",
			LBEndpoints: []*LBEndpoint{{Address: "http://a:8080"}, {Address: "http://b:8080/x"}},
		}}},
		{"load balancer keeps query without zone", `r: * -> <"http://a/?b=2&a=1">`, []*Route{{
			Id: "r", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a/?b=2&a=1"}},
		}}},
		{"load balancer zone with other query", `r: * -> <"http://a/p?b=2&zone=eu%20west&a=1">`, []*Route{{
			Id: "r", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a/p?a=1&b=2", Zone: "eu west"}},
		}}},
		{"load balancer empty zone", `r: * -> <"http://a?zone=">`, []*Route{{
			Id: "r", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "http://a"}},
		}}},
		{"load balancer, uncommon URLs", `r: * -> <"HTTP://User@A:8080/%41", "http://[::1]:80">`, []*Route{{
			Id: "r", BackendType: LBBackend, LBEndpoints: []*LBEndpoint{{Address: "HTTP://User@A:8080/%41"}, {Address: "http://[::1]:80"}},
		}}},
		{"shunt keyword as algorithm", `r: * -> <shunt, "http://a">`, []*Route{{
			Id: "r", BackendType: LBBackend, LBAlgorithm: "shunt", LBEndpoints: []*LBEndpoint{{Address: "http://a"}},
		}}},
		{"duplicate ids are not rejected", "a: * -> <shunt>; a: * -> <shunt>", []*Route{wantShunt("a"), wantShunt("a")}},
		{"comments everywhere", "// head\nr: // id\n* // pred\n-> // arrow\nf(1, // arg\n2) -> <shunt> // end\n; // after", []*Route{{
			Id: "r", Shunt: true, BackendType: ShuntBackend, Filters: []*Filter{wantFilter("f", 1.0, 2.0)},
		}}},
		{"single route without id with a predicate first", `Path("/") -> "http://x"`, []*Route{{Path: "/", Backend: "http://x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.doc)
			if err != nil {
				t.Fatalf("Parse(%q): got error %v, want none", tt.doc, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q):\n got %s\nwant %s", tt.doc, dumpParsed(got), dumpParsed(tt.want))
			}
			if tt.name == "15 numbers" && !math.Signbit(got[0].Filters[0].Args[3].(float64)) {
				t.Errorf("Parse(%q): got %v for -0, want negative zero", tt.doc, got[0].Filters[0].Args[3])
			}
		})
	}
}

// dumpParsed renders routes with all their fields, for failure messages.
func dumpParsed(routes []*Route) string {
	var b strings.Builder
	for _, r := range routes {
		fmt.Fprintf(&b, "\n  %+v", *r)
		for _, p := range r.Predicates {
			fmt.Fprintf(&b, "\n    predicate %s %#v", p.Name, p.Args)
		}
		for _, f := range r.Filters {
			fmt.Fprintf(&b, "\n    filter %s %#v", f.Name, f.Args)
		}
		for _, e := range r.LBEndpoints {
			fmt.Fprintf(&b, "\n    endpoint %+v", *e)
		}
	}
	return b.String()
}

// TestParseConformanceErrors checks the rows of the conformance table that
// fail. Our messages differ from the original's; the positions follow
// from the same input, and each row's message says what went wrong.
func TestParseConformanceErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string // Error() of the *ParseError
	}{
		{"3 route without id ends with semicolon", "* -> <shunt>;", `1:13: a route without an id must not be followed by ";"`},
		{"4 two routes without id", "* -> <shunt>; * -> <shunt>", `1:13: a route without an id must be the only one in the document`},
		{"route without id after one with id", "a: * -> <shunt>; * -> <shunt>", `1:18: a route without an id must be the only one in the document`},
		{"route without id after a semicolon", `; Path("/") -> <shunt>`, `1:3: a route without an id must be the only one in the document`},
		{"6 missing semicolon", "r1: * -> <shunt> r2: * -> <shunt>", `1:18: route "r1": expected ";" between routes, found "r2"`},
		{"7 id starting with a digit", "1r: * -> <shunt>", `1:1: expected a route id, found number 1`},
		{"8 non-ASCII id", "é: * -> <shunt>", `1:1: unexpected character 'é'`},
		{"9 non-ASCII in id", "ré: * -> <shunt>", `1:2: unexpected character 'é'`},
		{"10 unexpected character as backend", "r: * -> #", `1:9: route "r": unexpected character '#'`},
		{"11 unexpected character after route", "r: * -> <shunt>; #", `1:18: unexpected character '#'`},
		{"12 number ending in dot", "r: Foo(3.) -> <shunt>", `1:8: route "r": invalid number "3.": a digit must follow "."`},
		{"13 two dots", "r: Foo(1.2.3) -> <shunt>", `1:11: route "r": expected "," or ")" after argument of "Foo", found number .3`},
		{"14 exponent", "r: Foo(1e5) -> <shunt>", `1:9: route "r": expected "," or ")" after argument of "Foo", found "e5"`},
		{"14 plus sign", "r: * -> f(+1) -> <shunt>", `1:11: route "r": unexpected character '+'`},
		{"14 lone minus", "r: * -> f(-) -> <shunt>", `1:11: route "r": unexpected character '-'`},
		{"14 bare word argument", "r: Foo(true) -> <shunt>", `1:8: route "r": expected an argument (number, string or regular expression) or ")" after "(", found "true"`},
		{"19 empty regexp is a comment", "r: PathRegexp(//) -> <shunt>", `1:29: route "r": expected an argument (number, string or regular expression) or ")" after "(", found end of input`},
		{"20 unterminated regexp", "r: Foo(/unterminated) -> <shunt>", `1:8: route "r": unterminated regular expression`},
		{"20 unterminated string", `r: Foo("unterminated) -> <shunt>`, `1:8: route "r": unterminated string literal`},
		{"21 trailing comma", `r: Foo("a",) -> <shunt>`, `1:12: route "r": expected an argument after ",", found ")"`},
		{"21 lone comma", `r: Foo(,) -> <shunt>`, `1:8: route "r": expected an argument (number, string or regular expression) or ")" after "(", found ","`},
		{"21 predicate without parentheses", `r: Foo -> <shunt>`, `1:8: route "r": expected "(" after predicate name "Foo", found "->"`},
		{"21 filter without parentheses", `r: * -> foo -> <shunt>`, `1:13: route "r": expected "(" after filter name "foo", found "->"`},
		{"21 star with parentheses", `r: *() -> <shunt>`, `1:5: route "r": expected "->" or "&&" after predicate, found "("`},
		{"24 duplicate Path", `r: Path("/a") && Path("/b") -> <shunt>`, `1:18: route "r": duplicate Path predicate`},
		{"24 same Path twice", `r: Path("/a") && Path("/a") -> <shunt>`, `1:18: route "r": duplicate Path predicate`},
		{"25 duplicate Method", `r: Method("GET") && Method("GET") -> <shunt>`, `1:21: route "r": duplicate Method predicate`},
		{"26 duplicate Header", `r: Header("A","1") && Header("A","2") -> <shunt>`, `1:23: route "r": duplicate Header predicate "A"`},
		{"28 Path with a number", `r: Path(1) -> <shunt>`, `1:4: route "r": Path predicate expects 1 string argument, found 1 number`},
		{"29 Header with one argument", `foo: Path("/e") && Header("Foo") -> "https://x";`, `1:20: route "foo": Header predicate expects 2 string arguments, found 1 string`},
		{"31 backend not last", `r: * -> "http://a" -> <shunt>`, `1:20: route "r": expected ";" after backend, found "->": the backend must be the last part of a route`},
		{"32 <Shunt>", `r: * -> <Shunt>`, `1:9: route "r": invalid backend "<Shunt>": did you mean <shunt>?`},
		{"32 < shunt>", `r: * -> < shunt>`, `1:9: route "r": invalid backend "< shunt>": did you mean <shunt>?`},
		{"32 <loopback >", `r: * -> <loopback >`, `1:9: route "r": invalid backend "<loopback >": did you mean <loopback>?`},
		{"32 <>", `r: * -> <>`, `1:10: route "r": expected a load balancer algorithm or endpoint after "<", found ">"`},
		{"32 <   >", `r: * -> <   >`, `1:13: route "r": expected a load balancer algorithm or endpoint after "<", found ">"`},
		{"32 algorithm without endpoints", `r: * -> <roundRobin>`, `1:20: route "r": expected "," after load balancer algorithm "roundRobin", found ">"`},
		{"32 algorithm and comma only", `r: * -> <rr,>`, `1:13: route "r": expected an endpoint (a string) after ",", found ">"`},
		{"32 algorithm after endpoint", `r: * -> <"a", rr>`, `1:15: route "r": expected an endpoint (a string) after ",", found "rr"`},
		{"32 missing comma after algorithm", `r: * -> <rr "a">`, `1:13: route "r": expected "," after load balancer algorithm "rr", found string "a"`},
		{"32 missing comma between endpoints", `r: * -> <"a" "b">`, `1:14: route "r": expected "," or ">" after endpoint, found string "b"`},
		{"32 trailing comma", `r: * -> <"http://a",>`, `1:21: route "r": expected an endpoint (a string) after ",", found ">"`},
		{"34 mixed protocols", `r: * -> <rr, "http://a", "https://b">`, `1:26: route "r": loadbalancer endpoints cannot have mixed protocols: "https://b" uses "https", the first endpoint uses "http"`},
		{"35 invalid endpoint", `r: * -> <rr, "a b">`, `1:14: route "r": invalid loadbalancer endpoint "a b": invalid URI for request`},
		{"35 endpoint without scheme", `r: * -> <"no-scheme">`, `1:10: route "r": invalid loadbalancer endpoint "no-scheme": invalid URI for request`},
		{"43 byte offset versus column", `r: * -> f("é", #) -> <shunt>`, `1:16: route "r": unexpected character '#'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes, err := Parse(tt.doc)
			if err == nil {
				t.Fatalf("Parse(%q): got %d routes and no error, want error %q", tt.doc, len(routes), tt.want)
			}
			if routes != nil {
				t.Errorf("Parse(%q): got %d routes with the error, want none", tt.doc, len(routes))
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): got error of type %T, want *ParseError", tt.doc, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Parse(%q):\n got %q\nwant %q", tt.doc, got, tt.want)
			}
		})
	}
}

// TestParseErrorOffset checks the byte offset next to the column: in row 43
// of the conformance table "é" takes two bytes but one column.
func TestParseErrorOffset(t *testing.T) {
	_, err := Parse(`r: * -> f("é", #) -> <shunt>`)
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("got error %v, want a *ParseError", err)
	}
	if pe.Offset != 16 || pe.Column != 16 || pe.Line != 1 {
		t.Errorf("got offset %d, line %d, column %d, want offset 16, line 1, column 16", pe.Offset, pe.Line, pe.Column)
	}
	_, err = Parse(`r: * -> f("éé", #) -> <shunt>`)
	if !errors.As(err, &pe) {
		t.Fatalf("got error %v, want a *ParseError", err)
	}
	if pe.Offset != 18 || pe.Column != 17 {
		t.Errorf("got offset %d, column %d, want offset 18, column 17", pe.Offset, pe.Column)
	}
}

func TestParseFilters(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []*Filter
		wantErr string
	}{
		{"blank", " \t", nil, ""},
		{"empty", "", nil, ""},
		{"one", "setPath(\"/\")", []*Filter{wantFilter("setPath", "/")}, ""},
		{"chain, trimmed", "\n a() -> b(1, /x/) -> c(\"s\") \n", []*Filter{wantFilter("a"), wantFilter("b", 1.0, "x"), wantFilter("c", "s")}, ""},
		{"backend", "a() -> <shunt>", nil, `1:8: expected a filter after "->", found "<shunt>"`},
		{"semicolon", "a();", nil, `1:4: expected "->" or end of input after filter "a", found ";"`},
		{"two without arrow", "a() b()", nil, `1:5: expected "->" or end of input after filter "a", found "b"`},
		{"minus in name", "foo-bar", nil, `1:4: unexpected character '-'`},
		{"starts with arrow", "-> a()", nil, `1:1: expected a filter, found "->"`},
		{"positions after trimming", "  a() ->\n\t#", nil, `2:2: unexpected character '#'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFilters(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParseFilters(%q): got error %v, want %q", tt.in, err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("ParseFilters(%q): got filters %v with the error, want nil", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFilters(%q): got error %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseFilters(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParsePredicates(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []*Predicate
		wantErr string
	}{
		{"blank", "  ", nil, ""},
		{"star only", "*", nil, ""},
		{"stars only", "* && *", nil, ""},
		{"Any kept", "Any()", []*Predicate{wantPred("Any")}, ""},
		{"no legacy move, no duplicate check", ` Path("/a") && * && Path("/b") && Method(1) `, []*Predicate{wantPred("Path", "/a"), wantPred("Path", "/b"), wantPred("Method", 1.0)}, ""},
		{"arrow", `Foo() -> <shunt>`, nil, `1:7: expected "&&" or end of input after predicate, found "->"`},
		{"starts with and", `&& Foo()`, nil, `1:1: expected a predicate or "*", found "&&"`},
		{"dangling and", `Foo() &&`, nil, `1:9: expected a predicate or "*" after "&&", found end of input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePredicates(tt.in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("ParsePredicates(%q): got error %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParsePredicates(%q): got error %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParsePredicates(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMustParse(t *testing.T) {
	if got := MustParse("r: * -> <shunt>"); len(got) != 1 || got[0].Id != "r" {
		t.Errorf("MustParse: got %v, want one route r", got)
	}
	if got := MustParseFilters("a()"); len(got) != 1 || got[0].Name != "a" {
		t.Errorf("MustParseFilters: got %v, want [a()]", got)
	}
	if got := MustParsePredicates("A()"); len(got) != 1 || got[0].Name != "A" {
		t.Errorf("MustParsePredicates: got %v, want [A()]", got)
	}
	for name, f := range map[string]func(){
		"MustParse":           func() { MustParse("r: ") },
		"MustParseFilters":    func() { MustParseFilters("a(") },
		"MustParsePredicates": func() { MustParsePredicates("A(") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if _, ok := recover().(*ParseError); !ok {
					t.Errorf("%s: want a panic with a *ParseError", name)
				}
			}()
			f()
		})
	}
}

// TestParseArgsIndependent checks that appending to one call's arguments
// cannot change its neighbour's, although they share an array.
func TestParseArgsIndependent(t *testing.T) {
	routes := MustParse(`r: A(1) && B(2) -> f("a") -> g("b") -> <shunt>`)
	r := routes[0]
	_ = append(r.Predicates[0].Args, "x")
	_ = append(r.Filters[0].Args, "x")
	_ = append(r.Predicates, wantPred("C"))
	if got := r.Predicates[1].Args[0]; got != 2.0 {
		t.Errorf("B's argument: got %v, want 2", got)
	}
	if got := r.Filters[1].Args[0]; got != "b" {
		t.Errorf("g's argument: got %v, want b", got)
	}
	if got := routes[0].Filters[0].Name; got != "f" {
		t.Errorf("first filter: got %v, want f", got)
	}
}

// TestParseManyRoutes parses more routes than fit in one chunk of the
// parser's memory and checks that no two routes share anything.
func TestParseManyRoutes(t *testing.T) {
	const n = 1000
	doc := syntheticDocument(n)
	routes, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(routes) != n {
		t.Fatalf("got %d routes, want %d", len(routes), n)
	}
	for i, r := range routes {
		if want := "route_" + strconv.Itoa(i); r.Id != want {
			t.Fatalf("route %d: got id %q, want %q", i, r.Id, want)
		}
		if len(r.Filters) == 0 || r.Filters[0].Name != "setRequestHeader" || r.Filters[0].Args[1] != "route-"+strconv.Itoa(i) {
			t.Fatalf("route %d: got first filter %v, want setRequestHeader(\"X-Route\", \"route-%d\")", i, r.Filters[0], i)
		}
	}
	again, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(routes, again) {
		t.Error("parsing the same document twice gave different routes")
	}
}

func TestParseEach(t *testing.T) {
	type delivered struct {
		id  string
		pos Position
	}
	tests := []struct {
		name       string
		doc        string
		wantRoutes []delivered
		wantErrs   []string
	}{
		{
			name:       "middle route broken",
			doc:        "r1: * -> <shunt>;\nr2: Foo(1,) -> <shunt>;\nr3: * -> <shunt>;",
			wantRoutes: []delivered{{"r1", Position{1, 1, 0}}, {"r3", Position{3, 1, 42}}},
			wantErrs:   []string{`2:11: route "r2": expected an argument after ",", found ")"`},
		},
		{
			name:       "two broken routes",
			doc:        "r1: * -> #;\n  r2: * -> <shunt>;\n  r3: Path(1) -> <shunt>;\n  r4: * -> <shunt>",
			wantRoutes: []delivered{{"r2", Position{2, 3, 14}}, {"r4", Position{4, 3, 60}}},
			wantErrs:   []string{`1:10: route "r1": unexpected character '#'`, `3:7: route "r3": Path predicate expects 1 string argument, found 1 number`},
		},
		{
			name:       "semicolon in literals does not end the broken route",
			doc:        `r1: Foo(1,) && Bar(";", /;/) -> <shunt>; r2: * -> <shunt>`,
			wantRoutes: []delivered{{"r2", Position{1, 42, 41}}},
			wantErrs:   []string{`1:11: route "r1": expected an argument after ",", found ")"`},
		},
		{
			name:       "missing semicolon loses the next route",
			doc:        "r1: * -> <shunt> r2: * -> <shunt>; r3: * -> <shunt>",
			wantRoutes: []delivered{{"r3", Position{1, 36, 35}}},
			wantErrs:   []string{`1:18: route "r1": expected ";" between routes, found "r2"`},
		},
		{
			name:       "unterminated string: recovery at the line end",
			doc:        "r1: * -> \"abc;\nr2: * -> <shunt>",
			wantRoutes: []delivered{{"r2", Position{2, 1, 15}}},
			wantErrs:   []string{`1:10: route "r1": unterminated string literal`},
		},
		{
			name:       "missing closing quote: recovery at the line end",
			doc:        "a: * -> setPath(\"/d) -> <shunt>;\nb: Path(\"/b\") -> <shunt>;\nc: * -> <shunt>;",
			wantRoutes: []delivered{{"b", Position{2, 1, 33}}, {"c", Position{3, 1, 59}}},
			wantErrs: []string{`2:10: route "a": unterminated regular expression ` +
				`(the literal that starts at 1:17 spans 2 lines: is a closing " missing?)`},
		},
		{
			name:       "route without id then others",
			doc:        "* -> <shunt>; r2: * -> <shunt>",
			wantRoutes: []delivered{{"r2", Position{1, 15, 14}}},
			wantErrs:   []string{`1:13: a route without an id must be the only one in the document`},
		},
		{
			name:       "route without id alone",
			doc:        "  * -> <shunt>",
			wantRoutes: []delivered{{"", Position{1, 3, 2}}},
		},
		{
			name:       "UTF-8 before a route",
			doc:        `a: * -> f("ééé") -> <shunt>; b: * -> <shunt>`,
			wantRoutes: []delivered{{"a", Position{1, 1, 0}}, {"b", Position{1, 30, 32}}},
		},
		{
			name: "empty",
			doc:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []delivered
			errs := ParseEach(tt.doc, func(r *Route, pos Position) {
				got = append(got, delivered{r.Id, pos})
			})
			var gotErrs []string
			for _, e := range errs {
				gotErrs = append(gotErrs, e.Error())
			}
			if !reflect.DeepEqual(got, tt.wantRoutes) {
				t.Errorf("routes: got %v, want %v", got, tt.wantRoutes)
			}
			if !reflect.DeepEqual(gotErrs, tt.wantErrs) {
				t.Errorf("errors:\n got %q\nwant %q", gotErrs, tt.wantErrs)
			}
		})
	}
}

// TestParseEachMatchesParse checks that on a valid document ParseEach
// delivers what Parse returns.
func TestParseEachMatchesParse(t *testing.T) {
	doc := syntheticDocument(300)
	want := MustParse(doc)
	var got []*Route
	if errs := ParseEach(doc, func(r *Route, _ Position) { got = append(got, r) }); errs != nil {
		t.Fatalf("got errors %v", errs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("ParseEach and Parse gave different routes")
	}
}

func TestLineTracker(t *testing.T) {
	src := "ab\ncdé\n\nxyz"
	tests := []struct {
		off  int
		want Position
	}{
		{0, Position{1, 1, 0}},
		{1, Position{1, 2, 1}},
		{3, Position{2, 1, 3}},
		{7, Position{2, 4, 7}},
		{8, Position{3, 1, 8}},
		{9, Position{4, 1, 9}},
		{12, Position{4, 4, 12}},
		{2, Position{1, 3, 2}}, // backwards: starts over
		{99, Position{4, 4, 12}},
	}
	var lt lineTracker
	lt.src = src
	for _, tt := range tests {
		if got := lt.position(tt.off); got != tt.want {
			t.Errorf("position(%d): got %v, want %v", tt.off, got, tt.want)
		}
	}
}

func TestSimpleURLScheme(t *testing.T) {
	tests := []struct {
		in     string
		scheme string
		ok     bool
	}{
		{"http://a", "http", true},
		{"https://10.0.0.1:8443/x/y-z_1.~", "https", true},
		{"git+ssh://host", "git+ssh", true},
		{"HTTP://a", "", false},
		{"http://", "", false},
		{"http://a:", "", false},
		{"http://a?zone=x", "", false},
		{"http://u@a", "", false},
		{"http://[::1]", "", false},
		{"a b", "", false},
		{"://a", "", false},
		{"1http://a", "", false},
		{"a://0:0A", "", false},
		{"http://a~b", "", false},
		{"http://a:80/", "http", true},
	}
	for _, tt := range tests {
		scheme, ok := simpleURLScheme(tt.in)
		if scheme != tt.scheme || ok != tt.ok {
			t.Errorf("simpleURLScheme(%q): got %q, %v, want %q, %v", tt.in, scheme, ok, tt.scheme, tt.ok)
		}
	}
}
